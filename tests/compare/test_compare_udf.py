"""``BURSARY_COMPARE`` through xlwings' real server dispatch, with the JSON payload Excel's runtime posts.

The numbers are ``xladdin.assess``'s, rule set by rule set (as tests/excel checks for ``BURSARY_TABLE``).
"""

from __future__ import annotations

from ..excel.conftest import applicants, call, fresh_cache  # noqa: F401  (xlwings' server mode, real dispatch)

import xlwings.server  # noqa: E402

import xladdin  # noqa: E402
from xladdin import rules as rules_mod  # noqa: E402
from xladdin.excel import cache, udfs  # noqa: E402

from .conftest import DANGEROUS, hand_frame  # noqa: E402


def _cells(series) -> list:
    return series.astype(object).where(series.notna(), "").tolist()


def _hand_cells() -> list[list]:
    frame = hand_frame()
    return [list(frame.columns)] + [[None if v is None else v for v in r] for r in frame.itertuples(index=False)]


def test_meta_french_help_and_raw_arguments():
    meta = {f["id"]: f for f in xlwings.server.custom_functions_meta(udfs)["functions"]}
    info = meta["BURSARY_COMPARE"]
    assert "côte à côte" in info["description"]
    assert [p["name"] for p in info["parameters"]] == ["table", "rules", "lang", "summary", "as_resident"]
    assert all(p["description"] for p in info["parameters"])
    xl = udfs.bursary_compare.__xlfunc__
    assert all(a["options"].get("convert") == "raw" for a in xl["args"])
    assert xl["ret"]["options"].get("convert") == "raw"


def test_equals_assess_for_each_rule_set(applicants):
    frame, cells = applicants
    ids = list(rules_mod.available())                      # ZH-2021 and BE-2024 join once they ship
    got = call("bursary_compare", cells, ",".join(ids), "cle", None, None)
    header, body = got[0], got[1:]
    assert len(body) == len(frame)                         # one row per applicant, none dropped
    assert header[:3] == ["applicant_id", "last_name", "first_name"] and header[-1] == "aid_difference"
    column = {name: [r[i] for r in body] for i, name in enumerate(header)}
    assert column["applicant_id"] == frame["applicant_id"].tolist()
    for rid in ids:
        expected = xladdin.assess(frame, rules=rid)
        for measure in ("eligible", "bursary", "loan", "aid", "reasons"):
            assert column[f"{rid}.{measure}"] == _cells(expected[measure]), (rid, measure)


def test_french_header_and_hand_values():
    got = call("bursary_compare", _hand_cells(), "GE-2025,GE-2022", None, None, None)
    assert got[0][:4] == ["N° de dossier", "Nom", "Prénom", "GE-2025 : éligible"]
    a = dict(zip(got[0], got[1]))
    # tertiary, shortfall 38 840: 16 740 under GE-2025, 16 000 under GE-2022 (see conftest)
    assert (a["GE-2025 : bourse"], a["GE-2022 : bourse"], a["Écart d'aide (max − min)"]) == (16740, 16000, 740)
    f = dict(zip(got[0], got[6]))
    assert f["GE-2025 : éligible"] == "" and f["GE-2025 : motifs"].startswith("ligne 7, colonne « Permis de séjour » (permit)")
    assert got[7][2] == "'" + DANGEROUS                   # a name that looks like a formula comes back as text


def test_rules_as_a_range_and_languages():
    cells = _hand_cells()
    by_range = call("bursary_compare", cells, [["GE-2025"], ["GE-2022"]], "en", None, None)
    assert by_range[0][3] == "GE-2025: eligible" and by_range[0][8] == "GE-2022: eligible"
    assert call("bursary_compare", cells, "GE-2025", "de", None, None)[0][4] == "GE-2025: Stipendium"


def test_summary_spill():
    got = call("bursary_compare", _hand_cells(), "GE-2025,GE-2022", None, True, None)
    assert got[0][:3] == ["Jeu de règles", "Version(s) appliquée(s)", "Dossiers lus"]
    rows = {r[0]: dict(zip(got[0], r)) for r in got[1:]}
    # GE-2025: bursaries 49 290, loans 16 740 (conftest)
    assert (rows["GE-2025"]["Total des bourses (CHF)"], rows["GE-2025"]["Total des prêts (CHF)"]) == (49290, 16740)
    assert rows["GE-2022"]["Dossiers en erreur"] == 1


def test_blank_rows_stay_blank_and_are_not_counted():
    cells = _hand_cells()
    width = len(cells[0])
    with_blank = cells[:3] + [[""] * width] + cells[3:]
    got = call("bursary_compare", with_blank, "GE-2025", "cle", None, None)
    assert len(got) == len(with_blank)
    assert set(got[3]) == {""}
    assert got[4][0] == "C"
    # the error row keeps its own line in the message: line 8 of the sheet now (one blank row above it)
    assert got[7][7].startswith("ligne 8, colonne « Permis de séjour » (permit)")
    summary = call("bursary_compare", with_blank, "GE-2025", "cle", True, None)
    assert dict(zip(summary[0], summary[1]))["rows_read"] == 7


def test_as_resident_argument():
    cells = _hand_cells()
    col = cells[0].index("aid_domicile")
    for row in cells[1:]:
        row[col] = "VD"
    plain = call("bursary_compare", cells, "GE-2025", "cle", None, None)
    moved = call("bursary_compare", cells, "GE-2025", "cle", None, True)
    assert plain[1][3] is False and plain[1][7] == "LBPE-16"
    assert moved[1][6] == 16740


def test_errors_read_in_the_cell():
    cells = _hand_cells()
    assert call("bursary_compare", cells, None, None, None, None)[0][0].startswith(
        "#XLADDIN! aucun jeu de règles à comparer")
    assert call("bursary_compare", cells, "GE-2025,XX-1", None, None, None)[0][0].startswith(
        "#XLADDIN! jeu de règles inconnu « XX-1 »")
    assert call("bursary_compare", cells, "GE-2025", "it", None, None)[0][0].startswith(
        "#XLADDIN! lang : valeur inconnue « it »")


def test_cached_second_call(applicants):
    _, cells = applicants
    first = call("bursary_compare", cells, "GE-2025,GE-2022", None, None, None)
    hits = cache.results.hits
    assert call("bursary_compare", cells, "GE-2025,GE-2022", None, None, None) == first
    assert cache.results.hits == hits + 1
