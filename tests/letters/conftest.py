"""Lists covering every reason code of GE-2025, ZH-2021, BE-2024, VD-2023, FR-2026 and VS-2023, built from the shipped samples: for each code
the first sample row that carries it, plus rows changed by hand for the codes no sample row carries, plus one
error row (no letter)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from xladdin import rules
from xladdin.bursary.assess import assess_full

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = {"GE-2025": "sample-applicants.csv", "ZH-2021": "sample-applicants-ZH.csv",
           "BE-2024": "sample-applicants-BE.csv", "VD-2023": "sample-applicants-VD.csv",
           "FR-2026": "sample-applicants-FR.csv", "VS-2023": "sample-applicants-VS.csv"}


def _codes(results: pd.DataFrame) -> pd.Series:
    return results["reasons"].fillna("").map(lambda s: set(filter(None, s.split(";"))))


def _extra_rows(rule_id: str, frame: pd.DataFrame, results: pd.DataFrame) -> list[dict]:
    """Rows changed by hand for the codes the sample does not carry."""
    rows = []
    if rule_id not in ("ZH-2021", "BE-2024"):
        return rows
    eligible = frame[results["eligible"].fillna(False).to_numpy() & (results["aid"].fillna(0) > 0).to_numpy()]
    base = eligible.iloc[0].to_dict()
    if rule_id == "ZH-2021":
        rows.append({**base, "applicant_id": "ZH-SHORT", "duration_months": "2"})
        day, month, year = (int(x) for x in base["year_start"].split("."))
        month += 4                                    # 45 four months into the training year (VAB § 7 Abs. 4)
        birth = f"15.{(month - 1) % 12 + 1:02d}.{year - 45 + (month - 1) // 12}"
        rows.append({**base, "applicant_id": "ZH-45", "birth_date": birth})
    if rule_id == "BE-2024":
        rows.append({**base, "applicant_id": "BE-LATE", "application_date": "01.12.2025"})
        loans = results["loan"].fillna(0).to_numpy() > 0
        loan_row = frame[loans].iloc[0].to_dict()
        rows.append({**loan_row, "applicant_id": "BE-CEILING", "loans_received": "49900"})
    return rows


def covering_list(rule_id: str) -> pd.DataFrame:
    frame = pd.read_csv(ROOT / "workbooks" / SAMPLES[rule_id], sep=";", dtype=str, keep_default_na=False,
                        encoding="utf-8-sig")
    results = assess_full(frame, rules=rule_id).results
    codes = _codes(results)
    keep: list[int] = []
    for code in rules.load(rule_id).reason_codes:
        hits = [i for i, c in enumerate(codes) if code in c]
        if hits:
            keep.append(hits[0])
    # the decisions in words: a bursary, a loan, both, a refusal with no code (resources cover the needs)
    aid = results["aid"].fillna(0).to_numpy()
    bursary, loan = results["bursary"].fillna(0).to_numpy(), results["loan"].fillna(0).to_numpy()
    for mask in ((bursary > 0) & (loan == 0), (loan > 0) & (bursary == 0), (loan > 0) & (bursary > 0),
                 results["eligible"].fillna(False).to_numpy() & (aid == 0)):
        hits = mask.nonzero()[0]
        if len(hits):
            keep.append(int(hits[0]))
    chosen = frame.iloc[sorted(set(keep))]
    extra = pd.DataFrame(_extra_rows(rule_id, frame, results)).reindex(columns=frame.columns.union(
        ["duration_months"], sort=False), fill_value="")
    error = chosen.iloc[[0]].copy()
    error["applicant_id"] = f"{rule_id}-ERROR"
    error["birth_date"] = "31.02.2001"            # no such day: an input error, no letter
    return pd.concat([chosen, extra, error], ignore_index=True).fillna("")


@pytest.fixture(scope="session", params=list(SAMPLES))
def covering(request, tmp_path_factory) -> tuple[str, Path]:
    """(rule set, path of a ';' CSV covering every reason code of that rule set, with one error row)."""
    rule_id = request.param
    frame = covering_list(rule_id)
    path = tmp_path_factory.mktemp("letters") / f"covering-{rule_id}.csv"
    frame.to_csv(path, sep=";", index=False)
    return rule_id, path
