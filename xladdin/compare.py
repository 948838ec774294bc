"""Concordat of 2009 art. 1-2 (harmonisation between cantons) — one applicant table under several rule sets.

``compare(applicants, ["GE-2025", "ZH-2021", "BE-2024"])`` assesses the same rows under each rule set with the
engine itself (:func:`xladdin.bursary.assess.assess_full`, so each rule set keeps its own reference date, reasons
and amounts; nothing is recomputed here) and lines the results up: one row per input row, in input order, with
``applicant_id``, the names, then per rule set ``<rules>.eligible``, ``.bursary``, ``.loan``, ``.aid``,
``.reasons`` (and ``.rules``, the version applied, when a canton key such as ``GE`` is given), and
``aid_difference`` (largest minus smallest aid among the rule sets that assessed the row). The summary has one
row per rule set: rows read, assessed, in error, eligible, recipients (aid > 0), totals and the mean aid per
recipient.

A row that a rule set cannot assess keeps its place: ``eligible`` empty and the message in ``reasons`` (a bad
cell, or, with a canton key, no version in force on that row's reference date).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import rules as rules_mod
from .errors import XladdinError
from .io.readers import RawTable
from .schema import BY_KEY, resolve_header

MEASURES = ("eligible", "bursary", "loan", "aid", "reasons")
AMOUNTS = ("bursary", "loan", "aid")
NAME_KEYS = ("last_name", "first_name")
SUMMARY_COLUMNS = ("rules", "applied", "rows_read", "rows_assessed", "rows_in_error", "eligible", "recipients",
                   "total_bursary", "total_loan", "total_aid", "mean_aid")
SUMMARY_AMOUNTS = ("total_bursary", "total_loan", "total_aid", "mean_aid")
LANGS = ("fr", "en", "de")

_MEASURE_LABELS = {
    "eligible": ("éligible", "eligible", "berechtigt"),
    "bursary": ("bourse", "bursary", "Stipendium"),
    "loan": ("prêt", "loan", "Darlehen"),
    "aid": ("aide totale", "total aid", "Ausbildungsbeitrag total"),
    "reasons": ("motifs", "reasons", "Gründe"),
    "rules": ("règles appliquées", "rules applied", "angewandte Regeln"),
}
_LABELS = {
    "applicant_id": ("N° de dossier", "File number", "Dossiernummer"),
    "aid_difference": ("Écart d'aide (max − min)", "Aid difference (max − min)", "Differenz Beitrag (max − min)"),
    "rules": ("Jeu de règles", "Rule set", "Regelwerk"),
    "applied": ("Version(s) appliquée(s)", "Version(s) applied", "Angewandte Version(en)"),
    "rows_read": ("Dossiers lus", "Rows read", "Gelesene Dossiers"),
    "rows_assessed": ("Dossiers évalués", "Rows assessed", "Beurteilte Dossiers"),
    "rows_in_error": ("Dossiers en erreur", "Rows in error", "Dossiers mit Fehler"),
    "eligible": ("Éligibles", "Eligible", "Berechtigt"),
    "recipients": ("Bénéficiaires", "Recipients", "Beitragsempfänger"),
    "total_bursary": ("Total des bourses (CHF)", "Total bursaries (CHF)", "Total Stipendien (CHF)"),
    "total_loan": ("Total des prêts (CHF)", "Total loans (CHF)", "Total Darlehen (CHF)"),
    "total_aid": ("Total de l'aide (CHF)", "Total aid (CHF)", "Total Beiträge (CHF)"),
    "mean_aid": ("Aide moyenne par bénéficiaire (CHF)", "Mean aid per recipient (CHF)",
                 "Durchschnittlicher Beitrag pro Empfänger (CHF)"),
}
SHEETS = {"rows": ("Comparaison", "Comparison", "Vergleich"), "summary": ("Résumé", "Summary", "Zusammenfassung"),
          "errors": ("Erreurs", "Errors", "Fehler")}
# In a workbook, a row a rule set cannot assess points to the errors sheet: its message (a paragraph when an amount
# is not held) would make the row pages tall; CSV and the Python API keep the message in the cell.
_ERROR_CELL = ("erreur : voir « Erreurs »", "error: see “Errors”", "Fehler: siehe «Fehler»")
_ERROR_LABELS = {"rules": ("Jeu de règles", "Rule set", "Regelwerk"), "message": ("Message", "Message", "Meldung")}


def _pick(labels: tuple[str, str, str], lang: str) -> str:
    return labels[LANGS.index(lang) if lang in LANGS else 0]


def _kind(key: str) -> str:
    """How a comparison column is shown (:mod:`xladdin.io.output` kinds)."""
    from .io import output

    measure = key.rpartition(".")[2]
    if key in SUMMARY_AMOUNTS or key == "aid_difference" or measure in AMOUNTS:
        return output.MONEY
    if key in ("rows_read", "rows_assessed", "rows_in_error", "eligible", "recipients"):
        return output.INTEGER
    if measure == "eligible":
        return output.BOOL
    return output.TEXT


@dataclass
class Comparison:
    """``rows``: one row per input row (keys as column names); ``summary``: one row per rule set."""

    rows: pd.DataFrame
    summary: pd.DataFrame
    rules: list[str]
    lang: str = "fr"

    def column_label(self, key: str) -> str:
        """``GE-2025 : bourse`` (fr), ``GE-2025: bursary`` (en), ``GE-2025: Stipendium`` (de); the key itself
        in the machine mode (``lang="keys"``)."""
        if self.lang == "keys":
            return key
        if key in _LABELS:
            return _pick(_LABELS[key], self.lang)
        if key in NAME_KEYS:
            return BY_KEY[key].label(self.lang if self.lang in LANGS else "fr")
        rules, _, measure = key.rpartition(".")
        colon = " : " if self.lang == "fr" else ": "
        return f"{rules}{colon}{_pick(_MEASURE_LABELS[measure], self.lang)}"

    def labelled_rows(self) -> pd.DataFrame:
        return self.rows.rename(columns={c: self.column_label(c) for c in self.rows.columns})

    def labelled_summary(self) -> pd.DataFrame:
        if self.lang == "keys":
            return self.summary.copy()
        return self.summary.rename(columns={c: _pick(_LABELS[c], self.lang) for c in self.summary.columns})

    def kinds(self) -> dict[str, str]:
        """{label: kind} of both tables' columns, for the output layer (money, counts, yes/no, text)."""
        rows = {self.column_label(k): _kind(k) for k in self.rows.columns}
        summary = dict(zip(self.labelled_summary().columns, (_kind(k) if k != "eligible" else "integer"
                                                              for k in self.summary.columns)))
        return {**rows, **summary}

    def errors(self) -> pd.DataFrame:
        """One row per (row, rule set) not assessed: file number, rule set, message; in input order."""
        parts = []
        for key in self.rules:
            failed = self.rows[f"{key}.eligible"].isna().to_numpy()
            parts.append(pd.DataFrame({"applicant_id": self.rows["applicant_id"].to_numpy()[failed],
                                       "rules": key, "message": self.rows[f"{key}.reasons"].to_numpy()[failed],
                                       "order": np.flatnonzero(failed)}))
        out = pd.concat(parts, ignore_index=True).sort_values("order", kind="stable").drop(columns="order")
        out = out.reset_index(drop=True).astype(object)
        if self.lang == "keys":
            return out
        labels = {"applicant_id": _pick(_LABELS["applicant_id"], self.lang),
                  **{k: _pick(v, self.lang) for k, v in _ERROR_LABELS.items()}}
        return out.rename(columns=labels)

    def for_workbook(self) -> "Comparison":
        """The comparison with each unassessed row's reasons cell pointing to the errors sheet (:meth:`errors`)."""
        rows = self.rows.copy()
        cell = _pick(_ERROR_CELL, self.lang) if self.lang != "keys" else "error"
        for key in self.rules:
            failed = rows[f"{key}.eligible"].isna().to_numpy()
            rows.loc[failed, f"{key}.reasons"] = cell
        return dataclasses.replace(self, rows=rows)

    def amount_labels(self) -> set[str]:
        """The labels of the CHF columns of both tables (for the Swiss number format)."""
        keys = [c for c in self.rows.columns if c.rpartition(".")[2] in AMOUNTS] + ["aid_difference"]
        return {self.column_label(k) for k in keys} | {_pick(_LABELS[k], self.lang) for k in SUMMARY_AMOUNTS}


def parse_rules(rules) -> list[str]:
    """``"GE-2025, ZH-2021"`` or a list → checked rule-set ids or canton keys, in order, each once."""
    items = rules.replace(";", ",").split(",") if isinstance(rules, str) else list(rules or ())
    out: list[str] = []
    for item in items:
        key = str(item).strip()
        if key and key not in out:
            out.append(key)
    if not out:
        raise XladdinError("compare_no_rules")
    for key in out:
        if not rules_mod.is_canton(key):
            rules_mod.load(key)                  # RulesError (exit 4) for an unknown id
    return out


# --- tables ------------------------------------------------------------------------------------------------

@dataclass
class RowsTable(RawTable):
    """Some rows of a table, each keeping the spreadsheet line it had (so messages name the right line)."""

    lines: tuple[int, ...] = ()

    def line_of(self, position: int) -> int:
        return self.lines[position]


def subset(table: RawTable, positions) -> RowsTable:
    """Rows ``positions`` of ``table`` with their original line numbers (the UDF leaves blank rows out)."""
    positions = np.asarray(positions, dtype=int)
    frame = table.frame.iloc[positions].reset_index(drop=True)
    return RowsTable(frame=frame, source=table.source, sheet=table.sheet, header_row=table.header_row,
                     lines=tuple(table.line_of(int(i)) for i in positions))


def as_table(applicants) -> RawTable:
    """A path, RawTable, DataFrame, dict or list of dicts as a RawTable (data row i on line i + 2 unless read)."""
    if isinstance(applicants, RawTable):
        return applicants
    if isinstance(applicants, (str, bytes)) or hasattr(applicants, "__fspath__"):
        from .io.readers import read_applicants

        return read_applicants(applicants)
    if isinstance(applicants, dict):
        applicants = [applicants]
    if isinstance(applicants, list):
        applicants = pd.DataFrame.from_records(applicants)
    if not isinstance(applicants, pd.DataFrame):
        raise XladdinError("credits_bad_input", what="applicants", kind=type(applicants).__name__)
    return RawTable(frame=applicants.reset_index(drop=True))


def as_resident(table: RawTable, canton: str) -> RawTable:
    """The same rows with the domicile for training aid set to ``canton`` (LBPE art. 16; concordat art. 6)."""
    frame = table.frame.drop(columns=[c for c in table.frame.columns if resolve_header(c) == "aid_domicile"])
    domicile = pd.DataFrame({"aid_domicile": [canton] * len(frame)}, index=frame.index)
    frame = pd.concat([frame, domicile], axis=1)            # one concat: a wide list's frame is not re-blocked
    return dataclasses.replace(table, frame=frame)


# --- assessing -------------------------------------------------------------------------------------------

@dataclass
class _Run:
    results: pd.DataFrame                     # xladdin.schema.OUTPUT_COLUMNS, one row per input row
    names: pd.DataFrame                       # last_name, first_name as parsed
    applied: dict[str, int]                   # rule-set label → rows assessed under it


def _engine():
    from .bursary.assess import assess_full

    return assess_full


def _assess(table: RawTable, rules: str, lang: str) -> _Run:
    """Assess all rows under one rule set or canton key (a row no version covers comes back as a row error)."""
    a = _engine()(table, rules=rules, lang=lang)
    return _Run(a.results, _names(a.inputs), _applied(a.results))


def _names(inputs: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({k: inputs[k] if k in inputs else pd.Series([None] * len(inputs), dtype=object)
                         for k in NAME_KEYS})


def _applied(results: pd.DataFrame) -> dict[str, int]:
    ok = results["eligible"].notna()
    return {str(k): int(v) for k, v in results.loc[ok, "rules"].value_counts(sort=False).items()}


# --- the comparison ----------------------------------------------------------------------------------------

def compare(applicants, rules, lang: str = "fr", resident: bool = False) -> Comparison:
    """Assess ``applicants`` under each of ``rules`` (ids or canton keys) and line the results up.

    ``resident=True`` assesses every row as if its domicile for training aid were the canton of each rule set
    (a student moving canton); by default the domicile is the one in the table, so a rule set of another canton
    finds the row ineligible for domicile, as its law says.
    """
    keys = parse_rules(rules)
    lang = lang if lang in LANGS + ("keys",) else "fr"
    engine_lang = "en" if lang in ("en", "keys") else lang
    table = as_table(applicants)
    runs = {}
    for key in keys:
        source = as_resident(table, rules_mod.canton_of(key)) if resident else table
        runs[key] = _assess(source, key, engine_lang)
    first = runs[keys[0]]
    columns: dict[str, object] = {"applicant_id": first.results["applicant_id"].astype(object).to_numpy()}
    for name in NAME_KEYS:
        columns[name] = first.names[name].astype(object).to_numpy()
    aids = []
    for key, run in runs.items():
        r = run.results
        columns[f"{key}.eligible"] = r["eligible"].astype("boolean").array
        for measure in AMOUNTS:
            columns[f"{key}.{measure}"] = r[measure].astype("Int64").array
        columns[f"{key}.reasons"] = r["reasons"].astype(object).to_numpy()
        if rules_mod.is_canton(key):
            columns[f"{key}.rules"] = r["rules"].astype(object).to_numpy()
        aids.append(r["aid"].astype("Int64").to_numpy(dtype=float, na_value=np.nan))
    columns["aid_difference"] = _difference(np.vstack(aids))
    rows = pd.DataFrame(columns)
    for c in rows.columns:
        if c.rpartition(".")[2] in ("reasons", "rules") or c in ("applicant_id",) + NAME_KEYS:
            rows[c] = rows[c].astype(object)
    summary = pd.DataFrame([_summary(key, run) for key, run in runs.items()], columns=list(SUMMARY_COLUMNS))
    return Comparison(rows, summary, keys, lang)


def _difference(aids: np.ndarray) -> pd.arrays.IntegerArray:
    """Largest minus smallest aid over the rule sets that assessed the row; empty under fewer than two."""
    counted = (~np.isnan(aids)).sum(axis=0)
    with np.errstate(invalid="ignore"):
        spread = np.nanmax(np.where(np.isnan(aids), -np.inf, aids), axis=0) - \
            np.nanmin(np.where(np.isnan(aids), np.inf, aids), axis=0)
    out = pd.array(np.where(counted >= 2, spread, 0).astype(np.int64), dtype="Int64")
    out[counted < 2] = pd.NA
    return out


def _summary(key: str, run: _Run) -> dict:
    """Totals only (no individual amount): what the console and the summary sheet show."""
    r = run.results
    assessed = r["eligible"].notna()
    aid = r["aid"].fillna(0).astype("int64")
    paid = assessed & (aid > 0)
    return {
        "rules": key,
        "applied": ", ".join(f"{label} ({n})" if len(run.applied) > 1 else label
                             for label, n in run.applied.items()),
        "rows_read": len(r),
        "rows_assessed": int(assessed.sum()),
        "rows_in_error": int((~assessed).sum()),
        "eligible": int(r["eligible"].fillna(False).sum()),
        "recipients": int(paid.sum()),
        "total_bursary": int(r["bursary"].fillna(0).sum()),
        "total_loan": int(r["loan"].fillna(0).sum()),
        "total_aid": int(aid.sum()),
        "mean_aid": round(float(aid[paid].mean()), 2) if paid.any() else 0.0,
    }
