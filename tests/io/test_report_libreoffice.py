"""The batch report in a real spreadsheet program (LibreOffice headless): it opens, converts, and its formulas
recalculate to the values the engine computed."""

from __future__ import annotations

import pytest

from xladdin.bursary.synthetic import synthetic_applicants
from xladdin.io.bulk import run_import
from xladdin.io.soffice import sheet_values, strip_cached_values

from .conftest import HAND, HAND_ROWS, write_csv


@pytest.fixture
def hand_report(tmp_path):
    src = write_csv(tmp_path / "list.csv", HAND_ROWS)
    out = tmp_path / "report.xlsx"
    return run_import(src, out), out


def _summary(path) -> dict[str, list]:
    return {r[0]: r[1:] for r in sheet_values(path, "Résumé") if r and isinstance(r[0], str) and r[0]}


@pytest.mark.parametrize("target", ["pdf", "ods", "csv"])
def test_report_opens_and_converts(hand_report, lo, target):
    _, out = hand_report
    converted = lo(out, target)
    assert converted.stat().st_size > 0


def test_summary_formulas_recalculate_to_the_engine_values(hand_report, lo, tmp_path):
    """With the cached values removed and recalculation forced, LibreOffice finds the hand-computed totals."""
    _, out = hand_report
    bare = strip_cached_values(out, tmp_path / "bare.xlsx")
    assert _summary(bare)["Lignes lues"][0] in ("", None)           # nothing left to echo
    recalculated = lo(bare, "xlsx", recalc=0)
    got = _summary(recalculated)
    assert got["Lignes lues"][0] == HAND["rows"]                     # 5
    assert got["Dossiers évalués"][0] == HAND["assessed"]            # 4 = 3 eligible + 1 not
    assert got["dont éligibles"][0] == HAND["eligible"]
    assert got["dont non éligibles"][0] == HAND["ineligible"]
    assert got["Lignes en erreur (voir la feuille Erreurs)"][0] == HAND["errors"]
    assert got["Contrôle : lues = évaluées + en erreur"][0] == "OK"
    assert got["LBPE-16"][1] == 1
    # Total row: rows, eligible, bursaries 16 740 + 10 900 = 27 640, loans 10 900, aid 38 540
    assert got["Total"][1:6] == [HAND["rows"], HAND["eligible"], HAND["bursary"], HAND["loan"], HAND["aid"]]
    # bands: 10 900 in [10 000, 12 000), 16 740 in [16 000, 20 000)
    assert got["10'000 – 11'999"][2] == 1 and got["16'000 – 19'999"][2] == 1


def test_recalculated_summary_equals_cached_on_a_larger_list(tmp_path, lo):
    """300 synthetic applicants: every figure of the summary, recalculated by LibreOffice, equals ours."""
    src = tmp_path / "list.csv"
    synthetic_applicants(300, seed=7).to_csv(src, index=False, sep=";")
    out = tmp_path / "report.xlsx"
    run_import(src, out)
    cached = sheet_values(out, "Résumé")
    recalculated = sheet_values(lo(strip_cached_values(out, tmp_path / "bare.xlsx"), "xlsx", recalc=0), "Résumé")
    assert recalculated == cached


def test_decisions_read_back_identical_after_libreoffice_saves(hand_report, lo):
    _, out = hand_report
    saved = lo(out, "xlsx")
    assert sheet_values(saved, "Décisions") == sheet_values(out, "Décisions")
    assert sheet_values(saved, "Erreurs") == sheet_values(out, "Erreurs")
