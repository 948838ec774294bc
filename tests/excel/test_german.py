"""Excel functions with ``lang="de"`` answer in German, errors included, through xlwings' real server dispatch."""

from conftest import call


def test_a_bad_cell_reads_in_german():
    got = call("bursary_row", [["applicant_id", "birth_date"], ["B1", "31.02.2003"]], "BE-2024", None, False, "de")
    assert got[0][:3] == ["B1", "", "Zeile 2, Spalte «Geburtsdatum» (birth_date): unmögliches Datum «31.02.2003»: "
                                    "diesen Tag gibt es im Kalender nicht"], got


def test_a_refused_argument_reads_in_the_function_s_language():
    assert call("loan_plan", "abc", 2030, "GE", "de") == [["#XLADDIN! amount: Zahl unlesbar «abc»"]]
    assert call("loan_plan", "abc", 2030, "GE", "en") == [["#XLADDIN! amount: unreadable number 'abc'"]]
    assert call("loan_plan", "abc", 2030, "GE") == [["#XLADDIN! amount : nombre illisible « abc »"]]


def test_explain_has_german_headers():
    got = call("bursary_explain", [["applicant_id", "birth_date"], ["B1", "01.01.2003"]], "BE-2024", None, "de")
    assert got[0] == ["Schritt", "Bezeichnung", "Betrag", "Artikel"], got[:2]
