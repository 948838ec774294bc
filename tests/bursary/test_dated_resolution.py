"""rules="GE": each row under the version in force on its own reference date; rows no version covers become row
errors (nothing dropped, the run goes on)."""

import datetime as dt

import xladdin
from xladdin.bursary.synthetic import synthetic_applicants
from xladdin.rules import load


def test_a_row_whose_date_no_version_covers_is_a_row_error_not_a_failed_run():
    rows = synthetic_applicants(3, seed=7)
    rows.loc[0, "year_start"] = "16.09.2019"    # GE-2022 starts on 01.09.2021 (no earlier set is held)
    rows.loc[1, "year_start"] = "15.09.2025"    # GE-2025
    rows.loc[2, "year_start"] = None                     # no date: newest set (GE-2026), which reports LBPE-21
    out = xladdin.assess(rows, rules="GE")
    assert list(out["applicant_id"]) == list(rows["applicant_id"])
    assert out["eligible"].isna().tolist() == [True, False, False]
    assert out.loc[0, "reasons"] == "ligne 2, colonne « Début de l'année de formation » (year_start) : aucun jeu de règles GE en vigueur au 01.09.2019"
    assert out.loc[1, "rules"] == "GE-2025 v1.0"
    assert "LBPE-21" in out.loc[2, "reasons"] and out.loc[2, "rules"] == "GE-2026 v1.0"


def test_a_canton_without_a_date_means_its_newest_version():
    assert load("GE").id == "GE-2026"
    assert load("GE", dt.date(2022, 9, 1)).id == "GE-2022"


def test_each_canton_picks_its_version_by_its_own_reference_date():
    """Bern reads the circumstances at the start of the training year (ABV Art. 26; docs/rules/BE.md B17), not on
    Geneva's 1 September: a year starting 19.08.2024 falls under BE-2024 (in force 01.08.2024), one starting in
    March 2024 under no version held, a row error."""
    rows = synthetic_applicants(2, seed=3, canton="BE")
    rows.loc[0, "year_start"] = "19.08.2024"
    rows.loc[1, "year_start"] = "04.03.2024"
    out = xladdin.assess(rows, rules="BE")
    assert out.loc[0, "rules"].startswith("BE-2024")
    assert out.loc[1, "reasons"] == "ligne 3, colonne « Début de l'année de formation » (year_start) : aucun jeu de règles BE en vigueur au 04.03.2024"
