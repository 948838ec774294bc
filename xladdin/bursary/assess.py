"""The engine's entry points for every face: assess a table, explain one applicant."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from .. import rules as rules_mod
from ..errors import XladdinError
from ..io.forms import relocate
from ..rules import RuleSet
from ..schema import BY_KEY, OUTPUT_COLUMNS
from . import engine, missing, model
from .common import RIGHT_LABELS
from .inputs import Inputs, cell_message, date_value, message_column, parse, parse_record, table_from
from .rule import round_half_up

INDEPENDENCE = np.array(BY_KEY["independence"].values, dtype=object)


def _enum_text(key: str):
    field_ = BY_KEY[key]
    return lambda code, lang: field_.value_label(field_.values[int(code)], lang) if code >= 0 else "—"


# Traced codes shown as words, not numbers.
_DECODE = {
    "aid_domicile_final": _enum_text("aid_domicile"),
    "independence_code": _enum_text("independence"),
    "right": lambda code, lang: RIGHT_LABELS[int(code)][1 if lang == "en" else 0],
}


@dataclass
class Assessment:
    """Results (one row per input row, input order) with what reports and audits need."""

    results: pd.DataFrame
    errors: pd.DataFrame
    parsed: Inputs
    ruleset: RuleSet
    rulesets: list[RuleSet] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    source: object = None
    out_of_period: np.ndarray | None = None   # rows assessed under a rule set not valid on their reference date

    @property
    def rows_out_of_period(self) -> int:
        """Rows carrying ``RULES-OUT-OF-PERIOD`` (for the console and the report)."""
        return 0 if self.out_of_period is None else int(self.out_of_period.sum())

    @cached_property
    def inputs(self) -> pd.DataFrame:
        """The parsed inputs, one column per schema key (enums as their codes), built when a face asks for them
        (an Excel cell's assessment does not)."""
        cols = self.parsed.cols
        frame = pd.DataFrame(dict(cols))
        for key in ("level", "programme_kind", "housing", "parents", "independence", "permit"):
            frame[key] = np.where(cols[key] >= 0, np.array(BY_KEY[key].values + ("",), dtype=object)[cols[key]],
                                  None)
        return frame

    @property
    def rows_read(self) -> int:
        return len(self.results)

    @property
    def rows_in_error(self) -> int:
        return int(self.results["eligible"].isna().sum())

    @property
    def rows_assessed(self) -> int:
        return self.rows_read - self.rows_in_error


REFERENCE_RANGE = (dt.date(1900, 1, 1), dt.date(2199, 12, 31))


def _as_date(value) -> dt.date | None:
    """A reference date given for the whole run, read by the cell reader's date rules (1900–2199)."""
    try:
        return date_value(value)
    except ValueError as exc:
        if str(exc) == "date_range":
            raise XladdinError("reference_date_range", value=value, low="01.01.1900", high="31.12.2199") from None
        raise XladdinError("bad_reference_date", value=value) from None


def _resolve_rules(rules, inputs: Inputs, reference_date) -> tuple[list[tuple[RuleSet, np.ndarray]], np.ndarray]:
    """The rule set of each row, and which rows it does not cover (information code ``RULES-OUT-OF-PERIOD``).

    One rule set named by id: every row, flagged where its reference date lies outside the set's validity. A canton
    (``rules="GE"``): the version in force on each row's reference date; after the newest version's end, the newest
    one, flagged (:func:`xladdin.rules.load`). A row without a reference date (no ``year_start``) takes the newest
    version, which reports the missing input; a row dated before every version becomes a row error
    (``year_start``), never a failed run."""
    out_of_period = np.zeros(inputs.n, dtype=bool)
    shipped = isinstance(rules, str) and rules in rules_mod.available()
    if shipped or not (isinstance(rules, str) and _chosen(rules, canton=True)):
        rs = rules_mod.available()[rules] if shipped else rules_mod.load(rules)
        refs = engine.reference_dates(inputs, reference_date, rs)
        out_of_period = ~rules_mod.covers_dates(rs, refs)
        return [(rs, np.arange(inputs.n))], out_of_period
    newest = _chosen(rules)[0]
    refs = engine.reference_dates(inputs, reference_date, newest)
    if inputs.n == 1:                                  # one applicant (an Excel cell): its day's version, memoised
        rs, outside, day = _chosen(rules, refs[0].astype(np.int64).item() if not np.isnat(refs[0]) else None)
        if day:
            _flag_rows(inputs, np.arange(1), "year_start", XladdinError("no_rules_in_force", canton=rs.canton, date=day))
        out_of_period[0] = outside
        return [(rs, np.arange(1))], out_of_period
    groups: dict[str, tuple[RuleSet, list[np.ndarray]]] = {}
    uncovered: list[tuple[np.ndarray, str]] = []
    days, codes = _distinct_days(refs)
    by_day = np.argsort(codes, kind="stable") if len(days) > 1 else np.arange(inputs.n)
    starts = np.searchsorted(codes[by_day], np.arange(len(days) + 1))
    for k, day in enumerate(days):                     # each distinct day's version, chosen as for one applicant
        rows = by_day[starts[k]:starts[k + 1]]
        rs, outside, no_version = _chosen(rules, None if np.isnat(day) else day.astype(np.int64).item())
        out_of_period[rows] = outside
        if no_version:
            uncovered.append((rows, no_version))
        groups.setdefault(rs.id, (rs, []))[1].append(rows)
    for rows, day in uncovered:
        _flag_rows(inputs, rows, "year_start", XladdinError("no_rules_in_force", canton=newest.canton, date=day))
    if not groups:                                              # no rows: the newest version, for the labels
        return [(newest, np.arange(0))], out_of_period
    return [(rs, rows[0] if len(rows) == 1 else np.sort(np.concatenate(rows))) for rs, rows in groups.values()], \
        out_of_period


def _distinct_days(refs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct days of ``refs`` in date order, NaT last (as ``np.unique``), and each row's index among them;
    a long column by hashing (a 100 000-row sort costs more than the engine's slowest step)."""
    if len(refs) <= 64:
        return np.unique(refs, return_inverse=True)
    codes, days = pd.factorize(refs.view(np.int64))
    days = days.view("datetime64[D]")
    order = np.argsort(days)                                    # NaT sorts last
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return days[order], rank[codes]


_CHOSEN: dict[tuple, tuple] = {}


def _chosen(rules: str, day: int | None = None, canton: bool = False):
    """What :func:`_resolve_rules` chooses, memoised per shipped set of rule sets (``rules_mod.available()``, the
    same object until it changes): whether ``rules`` names a canton (``canton=True``), else :func:`_in_force`."""
    sets = rules_mod.available()
    key = (rules, day, canton)
    got = _CHOSEN.get(key)
    if got is None or got[0] is not sets:
        if len(_CHOSEN) >= 4096:
            _CHOSEN.clear()
        got = _CHOSEN[key] = (sets, rules_mod.is_canton(rules) if canton else _in_force(rules, day))
    return got[1]


def _in_force(canton: str, day: int | None) -> tuple[RuleSet, bool, str]:
    """The version of ``canton`` for one reference day (days since 1970; None: unknown), as :func:`_resolve_rules`
    chooses it for a table's rows of that day: (rule set, outside its validity, the day when no version covers it
    (the row is then an error), else "")."""
    newest = rules_mod.load(canton)
    if day is None:
        return newest, False, ""
    date = np.datetime64(day, "D")
    try:
        rs = rules_mod.load(canton, date.astype(dt.date))
    except XladdinError:
        return newest, False, date.astype(dt.date).strftime("%d.%m.%Y")
    return rs, not bool(rules_mod.covers_dates(rs, date)), ""


def _flag_rows(inputs: Inputs, rows: np.ndarray, column: str, error: XladdinError) -> None:
    """Record an error against whole rows (a question of the row, not of one cell's reading); ``column`` empty:
    no cell is at fault (an amount the rule set lacks)."""
    ids = inputs.cols["applicant_id"]

    def message(line: int) -> tuple[str, str, str]:
        if column:
            return cell_message(line, column, error.text("fr"), error.text("en"), error.text("de"))
        return (f"ligne {line} : {error.text('fr')}", f"line {line}: {error.text('en')}",
                f"Zeile {line}: {error.text('de')}")

    records = [(int(i), int(inputs.lines[i]), ids[i], column, "", *message(int(inputs.lines[i]))) for i in rows]
    added = pd.DataFrame(records, columns=inputs.errors.columns)
    inputs.errors = pd.concat([inputs.errors, added], ignore_index=True) if len(inputs.errors) else added
    inputs.row_error[rows] = True


def _flag_missing(inputs: Inputs, rs: RuleSet, rows: np.ndarray, reference_date) -> None:
    """Rows whose outcome depends on a parameter marked ``missing`` become row errors naming it and its annex."""
    if not engine.constant(rs, "missing") or len(rows) == 0:
        return
    sub = inputs if len(rows) == inputs.n else inputs.take(rows)
    needed = {name: mask for name, mask in missing.rows_needing(sub, rs, reference_date).items() if mask.any()}
    if not needed:
        return
    # One message per row naming every amount it needs (several amounts of one annex: one paragraph, not five).
    names = list(needed)
    patterns, which = np.unique(np.column_stack([needed[n] for n in names]), axis=0, return_inverse=True)
    for k, pattern in enumerate(patterns):
        if not pattern.any():
            continue
        params = [rs.parameters[names[j]] for j in np.flatnonzero(pattern)]
        if len(params) == 1:
            p = params[0]
            error = XladdinError("parameter_missing", rules=rs.id, name=p.name, article=p.article, note=p.note)
        else:
            error = XladdinError("parameters_missing", rules=rs.id, names=", ".join(f"« {p.name} »" for p in params),
                                 articles=" ; ".join(dict.fromkeys(p.article for p in params)),
                                 notes=" ; ".join(dict.fromkeys(p.note for p in params)))
        _flag_rows(inputs, np.asarray(rows)[np.asarray(which).ravel() == k], "", error)


def _note(reasons: np.ndarray, rows: np.ndarray, code: str) -> np.ndarray:
    """``reasons`` with an information code added at the end of the rows ``rows`` (a boolean mask)."""
    if rows.any():
        reasons = reasons.copy()
        reasons[rows] = [f"{r};{code}" if r else code for r in reasons[rows]]
    return reasons


def _output(c, rs: RuleSet, inputs: Inputs) -> dict[str, object]:
    """The output columns of one run; ``_labels``: the text columns made of a few labels, as (column, labels,
    each row's label index), from which :func:`_frame` makes them without a string per row."""
    texts, reason_codes = engine.reason_table(c)
    reasons = texts[reason_codes]
    independence = INDEPENDENCE[c["independence_code"]]
    label = engine.constant(rs, "label")
    rules = np.full(inputs.n, label, dtype=object)
    return {
        "applicant_id": inputs.cols["applicant_id"],
        "eligible": c["eligible"],
        "reasons": reasons,
        "independence": independence,
        "parents_share": round_half_up(c["parents_share"]),
        "needs": round_half_up(c["needs"]),
        "resources": round_half_up(c["resources"]),
        "shortfall": c["shortfall"],
        "cap": c["cap"],
        "bursary": c["bursary"],
        "loan": c["loan"],
        "aid": c["aid"],
        "entitlement_semesters": c["entitlement_semesters"],
        "rules": rules,
        **({"_labels": {"reasons": (reasons, texts, reason_codes),
                        "independence": (independence, INDEPENDENCE, c["independence_code"]),
                        "rules": (rules, np.array([label], dtype=object), np.zeros(inputs.n, np.int8))}}
           if inputs.n > 1 else {}),                           # one applicant's row is made without a frame
    }


_STR = pd.Series(["x"]).dtype                  # pandas' own text type (Arrow-backed when pyarrow is installed)


def _arrow_text() -> bool:
    return isinstance(_STR, pd.StringDtype) and _STR.storage == "pyarrow"


def _text_column(values: np.ndarray):
    """An output text column in pandas' own text type, made by Arrow in one pass (pandas would infer it cell by
    cell); object where that type is not Arrow's."""
    if _arrow_text():
        import pyarrow as pa

        return pd.array(pa.array(values, type=pa.string(), from_pandas=True), dtype=_STR)
    return pd.array(values, dtype=object)


def _labelled_column(labels: np.ndarray, codes: np.ndarray):
    """The text column ``labels[codes]`` made by Arrow from the labels and the codes (a dictionary array cast to
    text): the same column as :func:`_text_column` of it, without converting one string per row."""
    import pyarrow as pa

    dictionary = pa.DictionaryArray.from_arrays(pa.array(codes.astype(np.int32, copy=False)),
                                                pa.array(labels, type=pa.string(), from_pandas=True))
    return pd.array(dictionary.cast(pa.string()), dtype=_STR)


def _final(parts: dict[str, np.ndarray], inputs: Inputs, lang: str) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Each output column as (values, missing): rows with an input error keep their id and carry the messages in
    ``reasons``, every other output of theirs is missing; a NaN amount (no cap, no limit) is missing too."""
    bad = inputs.row_error
    none = np.zeros(inputs.n, dtype=bool)
    out = {"applicant_id": (parts["applicant_id"], none), "eligible": (parts["eligible"].astype(bool), bad)}
    reasons = parts["reasons"]
    if bad.any():
        reasons = reasons.copy()
        column = message_column(lang)
        if inputs.n == 1:                           # one applicant: all its messages, in the errors' order
            reasons[0] = " | ".join(inputs.errors[column])
        else:
            joined = inputs.errors.groupby("position", sort=False)[column].agg(" | ".join)
            reasons[joined.index.to_numpy(dtype=int)] = joined.to_numpy(dtype=object)
    out["reasons"] = (reasons, none)
    independence = parts["independence"]
    if bad.any():
        independence = independence.copy()
        independence[bad] = None
    out["independence"] = (independence, none)
    for key in ("parents_share", "needs", "resources", "shortfall", "cap", "bursary", "loan", "aid",
                "entitlement_semesters"):
        values = np.where(bad, np.nan, parts[key].astype(float))
        missing = np.isnan(values)
        out[key] = (np.where(missing, 0, values).astype(np.int64), missing)
    out["rules"] = (parts["rules"], none)
    return out


_TEXT_OUTPUTS = ("applicant_id", "reasons", "independence", "rules")


def _frame(parts: dict[str, np.ndarray], inputs: Inputs, lang: str) -> pd.DataFrame:
    """Typed output columns (:func:`_final`): text in pandas' text type, ``eligible`` boolean, amounts Int64."""
    columns: dict[str, object] = {}
    labelled = parts.get("_labels", {}) if _arrow_text() else {}
    for key, (values, missing) in _final(parts, inputs, lang).items():
        made = labelled.get(key)
        if made is not None and made[0] is values:         # unchanged since the run (no row error, no note)
            columns[key] = _labelled_column(made[1], made[2])
        elif key == "applicant_id" and values is inputs.cols["applicant_id"] and inputs.arrow_ids is not None:
            columns[key] = pd.array(inputs.arrow_ids, dtype=_STR)
        elif key in _TEXT_OUTPUTS:
            columns[key] = _text_column(values)
        elif key == "eligible":
            columns[key] = pd.arrays.BooleanArray(values, missing.copy())
        else:
            columns[key] = pd.arrays.IntegerArray(values, missing)
    return pd.DataFrame({key: columns[key] for key in OUTPUT_COLUMNS})


def _held_output(inputs: Inputs, rs: RuleSet, reference_date) -> dict[str, np.ndarray]:
    """The output of ``rs``. With amounts marked ``missing``, a row that does not need them (``_flag_missing``) has
    the same outcome whatever they are: its eligibility, reasons and, when eligible, its amounts are those of a run
    with them at 0 (a NaN would blank a figure the texts decide, and an information code that rests on it); an
    ineligible row keeps the figures the texts held give (NaN where a missing amount enters)."""
    parts = _output(engine.compute(inputs, rs, reference_date), rs, inputs)
    if not engine.constant(rs, "missing"):
        return parts
    with np.errstate(all="ignore"):
        low = _output(engine.compute(inputs, rs.filled({name: 0.0 for name in rs.missing}), reference_date), rs,
                      inputs)
    eligible = np.asarray(low["eligible"], dtype=bool)
    for key, values in low.items():
        if key in ("eligible", "reasons"):
            parts[key] = values
            if key == "reasons" and "_labels" in parts:
                parts["_labels"]["reasons"] = low["_labels"]["reasons"]
        elif key != "rules" and getattr(values, "dtype", None) is not None and values.dtype.kind == "f":
            parts[key] = np.where(eligible, values, parts[key])
    return parts


def _amount_cell(value) -> int | None:
    """An amount of a row without input error as :func:`_final` gives it: NaN missing, else its int64 value."""
    if value != value:
        return None
    return int(value) if -_INT64 < value < _INT64 else np.array(value).astype(np.int64).item()   # int64's cut


_INT64 = 2.0 ** 63


def _text_cell(value) -> str | None:
    return None if value is None else str(value)


_ROW_PLAN = tuple((key, _text_cell if key in _TEXT_OUTPUTS else bool if key == "eligible" else _amount_cell)
                  for key in OUTPUT_COLUMNS)
"""How each output cell of a one-row assessment is made (:func:`_row`), decided once per column."""


def _row(parts: dict[str, np.ndarray], inputs: Inputs, lang: str) -> dict[str, object]:
    """The output of a one-row assessment as plain Python values (None where the table shows an empty cell):
    the cells of :func:`_frame`'s row, without a DataFrame."""
    if not inputs.row_error[0]:             # no input error: each cell as _final makes it, read off the plan
        return {key: convert(parts[key][0]) for key, convert in _ROW_PLAN}
    row: dict[str, object] = {}
    final = _final(parts, inputs, lang)
    for key in OUTPUT_COLUMNS:
        values, missing = final[key]
        value = values[0]
        if missing[0] or value is None:
            row[key] = None
        elif key in _TEXT_OUTPUTS:
            row[key] = str(value)
        else:
            row[key] = value.item()               # numpy bool / int64 -> Python bool / int
    return row


def _assess(inputs: Inputs, raw, rules, reference_date, overrides) -> tuple[dict, list, np.ndarray]:
    """The engine over parsed inputs: output parts (one array per output, input order), the rule sets and their
    rows, and the rows assessed outside their rule set's period."""
    reference_date = _as_date(reference_date)
    groups, out_of_period = _resolve_rules(rules, inputs, reference_date)
    if overrides:
        groups = [(rs.with_overrides(overrides), rows) for rs, rows in groups]
    relocate(inputs, raw)                      # a form's errors on its fields' lines; a batch's, with the file
    for rs, rows in groups:                    # an amount the texts held lack: the rows that need it are errors
        _flag_missing(inputs, rs, rows, reference_date)
    if len(groups) == 1:
        rs = groups[0][0]
        parts = _held_output(inputs, rs, reference_date)
    else:
        parts = {}
        for rs, rows in groups:
            sub = inputs.take(rows)
            got = _held_output(sub, rs, reference_date)
            for key, values in got.items():
                if key == "_labels":                 # rows of several runs: the labels are those of each run
                    continue
                if key not in parts:
                    parts[key] = np.empty(inputs.n, dtype=values.dtype if values.dtype != bool else bool)
                parts[key][rows] = values
    out_of_period &= ~inputs.row_error
    parts["reasons"] = _note(parts["reasons"], out_of_period, rules_mod.OUT_OF_PERIOD)
    return parts, groups, out_of_period


def assess_full(applicants, rules: str | RuleSet = rules_mod.DEFAULT, reference_date=None, lang: str = "fr",
                overrides: dict | None = None, redact: bool | None = None, carry=None) -> Assessment:
    """Parse, validate and assess a table of applicants; nothing is dropped (spec §5).

    ``redact`` (``--redact``): no message quotes a cell's value (:mod:`xladdin.io.redact`). ``carry``: one chunk
    of a streamed table (:class:`xladdin.bursary.inputs.Carry`, :mod:`xladdin.io.stream`)."""
    frame, lines, raw = table_from(applicants)
    inputs = parse(frame, lines, redact=redact, carry=carry)
    parts, groups, out_of_period = _assess(inputs, raw, rules, reference_date, overrides)
    results = _frame(parts, inputs, lang)
    return Assessment(results, inputs.errors, inputs, groups[0][0], [g[0] for g in groups],
                      inputs.unknown_columns, raw, out_of_period)


def assess_one(applicant: dict, rules: str | RuleSet = rules_mod.DEFAULT, reference_date=None,
               lang: str = "fr") -> dict[str, object]:
    """One applicant (``{key or header: cell}``, an Excel cell's formula) → its output row as plain values
    (``OUTPUT_COLUMNS`` order; None where :func:`assess_full` shows NA): the same steps over one-element columns,
    read cell by cell (:func:`xladdin.bursary.inputs.parse_record`) and assembled without a DataFrame."""
    inputs = parse_record(applicant)
    parts, _, _ = _assess(inputs, None, rules, reference_date, None)
    return _row(parts, inputs, lang)


def _reasons_article(rs: RuleSet) -> str:
    """Where the reason codes come from: the articles of the eligibility and amount steps."""
    return " ; ".join(dict.fromkeys(rs.choice_articles.get(slot, "") for slot in ("eligibility", "amounts")
                                    if rs.choice_articles.get(slot)))


def _shared(meta) -> bool:
    """The step is a variant that rule sets of several cantons choose (``whole_years``, ``tax_income``...)."""
    return bool(meta.slot) and len({other.canton for other in rules_mod.available().values()
                                    if other.choices.get(meta.slot) == meta.variant}) > 1


def _step_article(rs: RuleSet, meta) -> str:
    """A shared variant cites the article of the rule set that chose it (its ``model:`` reference); a canton's
    own variant cites its ``@rule`` article."""
    reference = rs.choice_articles.get(meta.slot, "")
    return reference if reference and _shared(meta) else meta.article


def explain(applicant: dict, rules: str | RuleSet = rules_mod.DEFAULT, reference_date=None,
            lang: str = "fr", keys: bool = False) -> pd.DataFrame:
    """The trace of one applicant: each traced step output as (step, label, amount, article), in the law's order.

    Read off the same steps the engine runs (``model.steps(rules)`` and their ``@rule`` citations), on a one-row
    table. ``keys=True`` adds a ``key`` column: the traced output's name (``needs``, ``p1_share``...), which lets a
    face label a step in a language the trace does not speak (decision letters in German).
    """
    if isinstance(applicant, dict):                # one record (an Excel cell's): read cell by cell
        inputs, raw = parse_record(applicant), None
    else:
        frame, lines, raw = table_from(applicant)
        if len(frame) != 1:
            raise XladdinError("explain_one_row", rows=len(frame))
        inputs = parse(frame, lines)
    reference_date = _as_date(reference_date)
    groups, out_of_period = _resolve_rules(rules, inputs, reference_date)
    rs = groups[0][0]
    relocate(inputs, raw)
    if inputs.row_error[0]:
        column = message_column(lang)
        label = {"en": "Input error", "de": "Eingabefehler"}.get(lang, "Erreur de saisie")
        return pd.DataFrame({"step": [0], "label": [label],
                             "amount": [" | ".join(inputs.errors[column])], "article": [""]})
    c = engine.compute(inputs, rs, reference_date)
    rows = []
    steps = model.steps(rs)
    for number, step in enumerate(steps, start=1):
        meta = step.rule
        step_article = _step_article(rs, meta)
        shared = _shared(meta)
        for key, (fr, en, *article) in meta.trace.items():
            value = c[key][0]
            if isinstance(value, (float, np.floating)) and np.isnan(value):
                continue
            if isinstance(value, np.datetime64) and np.isnat(value):
                continue
            if isinstance(value, np.datetime64):
                value = value.astype("datetime64[D]").astype(dt.date).strftime("%d.%m.%Y")
            elif key in _DECODE:
                value = _DECODE[key](value, lang)
            elif isinstance(value, (bool, np.bool_)):
                value = ("oui" if value else "non") if lang != "en" else ("yes" if value else "no")
            elif isinstance(value, (np.integer, np.floating)):
                value = round(float(value), 2)
            cited = step_article if not article else (
                rs.own_citation(article[0], step_article) if shared else article[0])
            rows.append((number, en if lang == "en" else fr, value, cited, key))
    codes = _note(engine.reasons(c), out_of_period, rules_mod.OUT_OF_PERIOD)[0]
    rows.append((len(steps) + 1, "Motifs" if lang != "en" else "Reasons", codes or "—",
                 _reasons_article(rs), "reasons"))
    rows.append((len(steps) + 1, "Règles" if lang != "en" else "Rules", rs.label, "", "rules"))
    trace = pd.DataFrame(rows, columns=["step", "label", "amount", "article", "key"])
    return trace if keys else trace.drop(columns="key")
