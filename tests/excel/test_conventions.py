"""How Excel hands values over, and what a clerk sees when something is wrong: never a bare #VALUE!."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import call

import xladdin
from xladdin.excel import cache, convert, udfs

# A complete, eligible applicant (Geneva, first bachelor, parents together with an RDU of 40 000).
KEYS = ["applicant_id", "nationality", "aid_domicile", "programme_kind", "level", "recognised",
        "regular_semesters", "year_start", "application_date", "birth_date", "housing", "parents", "p1_rdu",
        "p1_adults", "p1_children_gt10", "health_premiums", "earnings"]
VALUES = ["GE-1", "CH", "GE", "bachelor", "tertiary", True, 6.0, 45901.0, 45850.0, 37500.0, "lease",
          "together", 40000.0, 2.0, 2.0, 4800.0, 9000.0]
# Excel serials: 45901 = 01.09.2025, 45850 = 12.07.2025, 37500 = 01.09.2002


def applicant(**changes) -> list[list]:
    values = [changes.get(k, v) for k, v in zip(KEYS, VALUES)]
    return [list(KEYS), values]


def expected_bursary() -> int:
    record = dict(zip(KEYS, VALUES))
    for key in ("year_start", "application_date", "birth_date"):
        record[key] = dt.date(1899, 12, 30) + dt.timedelta(days=int(record[key]))
    return int(xladdin.assess([record]).iloc[0]["bursary"])


def test_reference_applicant_gets_a_bursary():
    assert expected_bursary() > 0
    assert call("bursary", applicant()) == [[expected_bursary()]]


@pytest.mark.parametrize("key,value", [
    ("year_start", dt.datetime(2025, 9, 1)),          # COM hands dates as datetime
    ("year_start", "01.09.2025"),                    # typed as text
    ("year_start", "2025-09-01"),
    ("recognised", "oui"), ("recognised", "VRAI"), ("recognised", "true"), ("recognised", 1.0),
    ("p1_rdu", "40'000"), ("p1_rdu", "40 000,00"), ("p1_rdu", "40000"), ("p1_rdu", 40000),
    ("regular_semesters", 6), ("regular_semesters", "6"),
])
def test_the_same_value_however_excel_sends_it(key, value):
    expected = expected_bursary()
    if isinstance(value, dt.datetime):
        got = udfs.bursary(applicant(**{key: value}))     # datetimes only exist on the COM path (no JSON)
    else:
        got = call("bursary", applicant(**{key: value}))
    assert got == [[expected]]


def test_french_decimal_text_in_amounts():
    # earnings 9 000 → "9 000,00" and "9'000" read the same; "1 234,50" is 1234.5
    assert call("bursary", applicant(earnings="9 000,00")) == call("bursary", applicant(earnings="9'000"))
    assert convert.text_number("1 234,50") == 1234.5
    assert convert.text_number("12'000") == 12000
    assert convert.text_number("1.234,5") == 1234.5
    assert convert.text_number("1,234.5") == 1234.5
    assert convert.text_number("CHF 1'200.–") == 1200
    assert convert.text_number("douze") is None


def test_empty_cells_take_the_schema_defaults():
    # None (Office.js null) and "" are both empty: earnings then defaults to 0, like a missing column
    with_none = call("bursary", applicant(earnings=None))
    with_blank = call("bursary", applicant(earnings=""))
    without = call("bursary", [KEYS[:-1], VALUES[:-1]])
    assert with_none == with_blank == without


def test_com_shaped_ranges_read_like_office_js():
    """Windows COM gives tuples of tuples, datetimes and integer error codes; Office.js lists and serials."""
    rows = applicant()
    com = (tuple(rows[0]), tuple(dt.datetime(1899, 12, 30) + dt.timedelta(days=v) if k in
                                 ("year_start", "application_date", "birth_date") else v
                                 for k, v in zip(*rows)))
    assert udfs.bursary(com) == call("bursary", rows)
    table = [rows[0], rows[1], tuple([-2146826246] + rows[1][1:])]       # #N/A in the id cell (COM)
    got = udfs.bursary_table(tuple(map(tuple, table)))
    assert got[1] == call("bursary_table", [rows[0], rows[1]])[1]
    assert got[2][0] == "#N/A"


def test_unknown_code_reads_as_a_message():
    got = call("bursary", applicant(level="X"))
    assert got[0][0].startswith("#XLADDIN! colonne « Niveau » (level) : valeur inconnue « X »")
    rows = [KEYS + ["permit"], VALUES + ["X"]]
    assert call("bursary", rows)[0][0].startswith(
        "#XLADDIN! colonne « Permis de séjour » (permit) : valeur inconnue « X »")
    assert call("eligibility", rows)[0][0].startswith("#XLADDIN! colonne « Permis de séjour » (permit)")


def test_office_js_error_cell_reads_as_a_message():
    error = {"type": "Error", "errorType": "NotAvailable", "basicValue": "#N/A"}
    got = call("bursary", applicant(p1_rdu=error))
    assert got[0][0].startswith("#XLADDIN! colonne « Parent 1 : RDU » (p1_rdu) : nombre illisible « #N/A »")


def test_bad_arguments_give_readable_messages():
    assert call("bursary", "texte") == [["#XLADDIN! dossier illisible : attendu 2 lignes (en-têtes + "
                                        "valeurs) ou 2 colonnes (libellés + valeurs), reçu 1 × 1"]]
    assert call("bursary", [["a", "b", "c"]] * 3)[0][0].startswith("#XLADDIN! dossier illisible")
    def first(*args):
        return call(*args)[0][0]

    assert first("bursary", [["couleur", "x"], ["taille", "y"]]).startswith("#XLADDIN! aucun en-tête reconnu")
    assert first("bursary", applicant(), "GE-1999").startswith("#XLADDIN! jeu de règles inconnu « GE-1999 »")
    assert first("bursary", applicant(), [["GE-2025", "x"]]).startswith("#XLADDIN! rules : une seule cellule")
    assert call("bursary_table", applicant(), None, "klingon")[0][0].startswith(
        "#XLADDIN! lang : valeur inconnue « klingon »")
    assert call("loan_plan", "beaucoup", 2026) == [["#XLADDIN! amount : nombre illisible « beaucoup »"]]
    assert call("loan_plan", -5, 2026) == [["#XLADDIN! amount hors limites : « -5 » (attendu entre 0 et "
                                             "1 000 000 000 000)"]]
    assert call("loan_plan", 1000, 2026.5) == [["#XLADDIN! end_year : nombre illisible « 2026.5 »"]]
    assert call("loan_plan", 1000, None) == [["#XLADDIN! plage vide : end_year"]]
    assert first("entitlement_semesters", True) == \
        "#XLADDIN! applicant_or_semesters : nombre illisible « True »"


def test_empty_table_and_header_only():
    assert call("bursary_table", None) == [["#XLADDIN! plage vide : table"]]
    assert call("bursary_table", [["", ""], ["", ""]]) == [["#XLADDIN! plage vide : table"]]
    assert call("bursary_table", [KEYS]) == [["#XLADDIN! le tableau ne contient aucune ligne"]]
    assert call("bursary_table", [["x", "y"], [1, 2]])[0][0].startswith("#XLADDIN! aucun en-tête reconnu")


def test_a_million_cells_is_refused_with_a_message():
    huge = [["applicant_id"] + [f"c{j}" for j in range(99)]] + [[f"A{i}"] + [0.0] * 99 for i in range(10_000)]
    got = call("bursary_table", huge)                          # 10 001 × 100 = 1 000 100 cells
    assert got == [["#XLADDIN! plage trop grande : 1 000 100 cellules (limite 800 000) ; découpez le "
                    "tableau"]]
    assert call("bursary", huge)[0][0].startswith("#XLADDIN! plage trop grande")


def test_table_never_drops_a_row():
    rows = applicant()
    table = [rows[0], rows[1], [""] * len(KEYS), [None] * len(KEYS),
             ["GE-2"] + rows[1][1:4] + ["X"] + rows[1][5:], ["GE-1"] + rows[1][1:]]
    got = call("bursary_table", table)
    assert len(got) == len(table)
    assert got[1][9] == expected_bursary()                          # column 10 = bursary
    assert got[2] == [""] * 14 and got[3] == [""] * 14              # blank input rows stay blank
    assert got[4][0] == "GE-2" and got[4][1] == ""                  # a bad row keeps its id, no eligible
    assert got[4][2] == "ligne 5, colonne « Niveau » (level) : valeur inconnue « X » (attendu : secondaire II, tertiaire, secondaire I (adultes))"
    assert "double" in got[5][2]                                    # duplicate file number: a message, kept


def test_columns_outside_the_schema_are_ignored():
    rows = applicant()
    with_notes = [rows[0] + ["Remarques", "nom"], rows[1] + ["à rappeler", "Dupont"]]
    assert call("bursary", with_notes) == [[expected_bursary()]]


def test_two_by_two_range_reads_in_the_direction_of_its_labels():
    by_rows = [["applicant_id", "wealth"], ["X1", 1500.0]]
    by_columns = [["applicant_id", "X1"], ["wealth", 1500.0]]
    expected = xladdin.assess([{"applicant_id": "X1", "wealth": 1500}]).iloc[0]
    for layout in (by_rows, by_columns):
        assert call("bursary_row", layout, None, None, None, "cle")[0][0] == "X1"
        assert call("eligibility", layout) == [[bool(expected["eligible"]), expected["reasons"]]]


def test_applicant_id_that_looks_like_a_formula_is_kept_as_text():
    rows = applicant(applicant_id="=HYPERLINK(\"http://x\")")
    assert call("bursary_row", rows)[0][0] == "'=HYPERLINK(\"http://x\")"
    assert call("bursary_table", rows)[1][0] == "'=HYPERLINK(\"http://x\")"


def test_identical_calls_are_served_from_the_cache():
    rows = applicant()
    first = call("bursary_table", rows)
    hits = cache.results.hits
    assert call("bursary_table", rows) == first
    assert cache.results.hits == hits + 1
    changed = applicant(earnings=9000)                        # 9000 (int) vs 9000.0: different raw values
    call("bursary_table", changed)
    assert cache.results.hits == hits + 1


def test_cache_is_bounded():
    lru = cache.LRU(max_entries=3, max_cells=10)
    for i in range(5):
        lru.put(cache.digest("f", i), [[i]])
    assert len(lru) == 3 and lru.get(cache.digest("f", 0)) is None and lru.get(cache.digest("f", 4)) == [[4]]
    lru.put(cache.digest("big"), [[0] * 4] * 3)               # 12 cells > 10: not kept
    assert lru.get(cache.digest("big")) is None


def test_english_messages():
    rows = [KEYS + ["permit"], VALUES + ["X"]]
    got = call("bursary_table", rows, None, "en")
    assert got[1][2].startswith("line 2, column 'Residence permit' (permit): unknown value 'X'")
