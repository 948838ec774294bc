"""What a batch report shows, prepared once from the assessment: columns, statuses, counts, totals.

The summary's cached values and the decisions table come from the same arrays, so a formula recalculated by
Excel or LibreOffice lands on the value written beside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ... import schema
from .. import output
from ..formats import chf_text

STATUS = {"fr": ("éligible", "non éligible", "erreur"), "en": ("eligible", "not eligible", "error"),
          "de": ("berechtigt", "nicht berechtigt", "Fehler"), output.KEYS: ("eligible", "ineligible", "error")}
MISSING = "—"

# Decision table columns: (key, French header, English header, kind). kind: text, int, chf, chf_signed.
output.register_labels({"line": ("Ligne", "Line", "Zeile"), "status": ("Statut", "Status", "Status")},
                       kinds={"line": output.INTEGER, "status": output.TEXT})
DECISION_COLUMNS = (
    ("line", "Ligne", "Line", "int"),
    ("applicant_id", None, None, "text"),
    ("last_name", None, None, "text"),
    ("first_name", None, None, "text"),
    ("programme_kind", None, None, "text"),
    ("level", None, None, "text"),
    ("status", "Statut", "Status", "text"),
    ("reasons", None, None, "text"),
    ("independence", None, None, "text"),
    ("parents_share", None, None, "chf_signed"),
    ("needs", None, None, "chf"),
    ("resources", None, None, "chf"),
    ("shortfall", None, None, "chf_signed"),
    ("cap", None, None, "chf"),
    ("bursary", None, None, "chf"),
    ("loan", None, None, "chf"),
    ("aid", None, None, "chf"),
    ("entitlement_semesters", None, None, "int"),
    ("rules", None, None, "text"),
)

# Bursary bands of the distribution chart (CHF a year), lower bound included, upper excluded.
BANDS = (1, 2000, 4000, 6000, 8000, 10000, 12000, 14000, 16000, 20000)


def header(key: str, fr: str | None, en: str | None, lang: str) -> str:
    """A decisions column's header in the report's language (the key for machines)."""
    return output.header(key, lang)


@dataclass
class ReportData:
    lang: str
    n: int
    columns: dict[str, list]                 # key -> one Python value per row (None = empty cell)
    headers: dict[str, str]                  # key -> header in the report's language
    kinds: dict[str, str]
    errors: pd.DataFrame
    rows_read: int
    rows_assessed: int
    rows_in_error: int
    eligible: int
    ineligible: int
    reason_counts: list[tuple[str, int]]
    groups: list[dict]                       # one per (level, programme kind): counts and totals
    bands: list[tuple[str, float, float, int]]
    totals: dict[str, int]
    ruleset: object = None
    rulesets: list = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    source: object = None                    # RawTable
    input_path: str = ""
    started: dt.datetime | None = None
    reference_date: object = None
    error_cells: int | None = None           # a report written in parts: its errors' count (``errors`` is empty)

    @property
    def sheet_names(self) -> dict[str, str]:
        from .styles import SHEETS

        return SHEETS[self.lang]

    @property
    def rules_label(self) -> str:
        return ", ".join(rs.label for rs in self.rulesets) if self.rulesets else ""

    @property
    def file_name(self) -> str:
        return self.source.source if self.source is not None and self.source.source else self.input_path

    def title(self, sheet: str) -> str:
        """A page header's title: the sheet and the file it reports on."""
        return f"{sheet} — {self.file_name}" if self.file_name else sheet


def _labels(key: str, values: np.ndarray, lang: str) -> list:
    """Each code's label (each distinct code looked up once), ``—`` where there is none."""
    f = schema.BY_KEY[key]
    codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=True)
    labels = [MISSING if v is None or (isinstance(v, float) and v != v) or v == "" else
              output.value_label(f.key, str(v), lang) for v in uniques]
    return np.array([*labels, MISSING], dtype=object)[codes].tolist()          # code -1: the empty cell


def _text(values) -> list:
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.StringDtype):     # text: no cell to convert
        return [v if v else None for v in values.to_numpy(dtype=object, na_value=None).tolist()]
    return [None if v is None or v is pd.NA or (isinstance(v, float) and v != v) or v == "" else str(v)
            for v in values]


def _ints(series: pd.Series) -> list:
    arr = series.to_numpy(dtype="float64", na_value=np.nan)
    missing = np.isnan(arr)
    if np.isinf(arr).any():                                # not a sum of francs: int() says so
        return [None if x != x else int(x) for x in arr.tolist()]
    whole = np.where(missing, 0, arr).astype(np.int64).astype(object)      # Python ints, truncated as int() does
    whole[missing] = None
    return whole.tolist()


def _value_labels(key: str, values: list, lang: str) -> list:
    """Each code's label in ``lang`` (each distinct code looked up once); None stays None."""
    labels = {v: output.value_label(key, v, lang) for v in dict.fromkeys(values) if v is not None}
    labels[None] = None
    return list(map(labels.__getitem__, values))


def order_groups(groups: list[dict], lang: str) -> list[dict]:
    """The (level, programme kind) groups in the schema's order of levels then kinds; others after, as found."""
    level_order = {output.value_label("level", c, lang): i for i, c in enumerate(schema.BY_KEY["level"].values)}
    kind_order = {output.value_label("programme_kind", c, lang): i
                  for i, c in enumerate(schema.BY_KEY["programme_kind"].values)}
    return sorted(groups, key=lambda d: (level_order.get(d["level"], 99), kind_order.get(d["kind"], 99)))


def prepare(assessment, source=None, *, lang: str = "fr", input_path: str = "", started=None,
            reference_date=None) -> ReportData:
    """Everything the four sheets need, from ``assess_full``'s result and the table as read."""
    results = assessment.results
    inputs = assessment.inputs
    n = len(results)
    if source is not None and source.lines is None:          # data rows one by one below the header
        lines = list(range(source.line_of(0), source.line_of(0) + n))
    elif source is not None:
        lines = [source.line_of(i) for i in range(n)]
    else:
        lines = list(range(2, n + 2))
    eligible = results["eligible"]
    is_error = eligible.isna().to_numpy()
    is_eligible = eligible.fillna(False).to_numpy(dtype=bool) & ~is_error
    ok, no, err = STATUS[lang]
    status = np.where(is_error, err, np.where(is_eligible, ok, no)).astype(object)

    columns: dict[str, list] = {
        "line": lines,
        "applicant_id": _text(results["applicant_id"]),
        "last_name": _text(inputs["last_name"]) if "last_name" in inputs else [None] * n,
        "first_name": _text(inputs["first_name"]) if "first_name" in inputs else [None] * n,
        "programme_kind": _labels("programme_kind", inputs["programme_kind"].to_numpy(dtype=object), lang),
        "level": _labels("level", inputs["level"].to_numpy(dtype=object), lang),
        "status": status.tolist(),
        "reasons": _text(results["reasons"]),
        "independence": _value_labels("independence", _text(results["independence"]), lang),
        "rules": _text(results["rules"]),
    }
    for key in ("parents_share", "needs", "resources", "shortfall", "cap", "bursary", "loan", "aid",
                "entitlement_semesters"):
        columns[key] = _ints(results[key])
    headers = {k: header(k, fr, en, lang) for k, fr, en, _ in DECISION_COLUMNS}
    kinds = {k: kind for k, _, _, kind in DECISION_COLUMNS}

    # counts per reason code (rows not in error carrying the code)
    rulesets = list(getattr(assessment, "rulesets", []) or [assessment.ruleset])
    reason_sets = {}
    counts = {code: 0 for rs in rulesets for code in rs.reason_codes}
    for text, k in pd.Series(columns["reasons"], dtype=object)[~is_error].value_counts(dropna=True).items():
        for code in reason_sets.setdefault(text, set(str(text).split(";"))):
            if code in counts:
                counts[code] += int(k)

    frame = pd.DataFrame({
        "level": columns["level"], "kind": columns["programme_kind"],
        "eligible": is_eligible, "error": is_error,
        "bursary": results["bursary"].fillna(0).to_numpy(dtype="int64"),
        "loan": results["loan"].fillna(0).to_numpy(dtype="int64"),
        "aid": results["aid"].fillna(0).to_numpy(dtype="int64"),
    })
    groups = []
    for (level, kind), g in frame.groupby(["level", "kind"], sort=False):
        groups.append({"level": level, "kind": kind, "rows": len(g), "eligible": int(g["eligible"].sum()),
                       "bursary": int(g["bursary"].sum()), "loan": int(g["loan"].sum()),
                       "aid": int(g["aid"].sum())})
    groups = order_groups(groups, lang)

    bursary = frame["bursary"].to_numpy()
    bands = []
    for i, low in enumerate(BANDS):
        high = BANDS[i + 1] if i + 1 < len(BANDS) else None
        mask = (bursary >= low) & (bursary < high) if high is not None else (bursary >= low)
        if high is None:
            label = f"{chf_text(low)} +"
        else:
            label = f"{chf_text(low)} – {chf_text(high - 1)}"
        bands.append((label, low, high, int(mask.sum())))

    return ReportData(
        lang=lang, n=n, columns=columns, headers=headers, kinds=kinds, errors=assessment.errors,
        rows_read=assessment.rows_read, rows_assessed=assessment.rows_assessed,
        rows_in_error=assessment.rows_in_error, eligible=int(is_eligible.sum()),
        ineligible=int((~is_eligible & ~is_error).sum()), reason_counts=list(counts.items()), groups=groups,
        bands=bands, totals={k: int(frame[k].sum()) for k in ("bursary", "loan", "aid")},
        ruleset=assessment.ruleset, rulesets=list(getattr(assessment, "rulesets", []) or [assessment.ruleset]),
        unknown_columns=list(getattr(assessment, "unknown_columns", [])), source=source,
        input_path=input_path, started=started, reference_date=reference_date)
