"""Every spelling of issue 13 (numbers and dates): what it reads as, or which error, through the one reader.

Each row is checked three ways: the pure reader (``read_number`` / ``read_date``), a whole applicant table
through ``assess_full`` (the message names line, column label and key, value and what to type instead), and the
Excel argument reader (``xladdin.excel.convert``), which must read a cell as the table does.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from tests.bursary.conftest import BASE
from xladdin.bursary.assess import assess_full
from xladdin.bursary.inputs import read_date, read_number
from xladdin.errors import XladdinError
from xladdin.excel import convert

NBSP, NNBSP = "\u00a0", "\u202f"

# (typed, amount column reads as, ratio column reads as); a string is the problem kind.
NUMBERS = [
    ("70000", 70000, 70000),
    ("70'000", 70000, 70000),
    ("70’000", 70000, 70000),                       # U+2019, as Word and Outlook type the apostrophe
    ("70 000", 70000, 70000),
    (f"70{NBSP}000", 70000, 70000),
    (f"70{NNBSP}000", 70000, 70000),                # narrow no-break space (French typography)
    ("CHF 70'000.–", 70000, 70000),
    ("Fr. 1'200.-", 1200, 1200),
    ("70,000.–", 70000, 70000),                     # the dash is the decimals: the comma groups thousands
    ("1.500.-", 1500, 1500),
    ("12.5.–", "number", "number"),                 # decimals twice
    ("70'000 CHF", 70000, 70000),
    ("70.000,50", 70000.5, 70000.5),
    ("1,234.50", 1234.5, 1234.5),
    ("1'234.50", 1234.5, 1234.5),
    ("1234,5", 1234.5, 1234.5),
    ("1.234.567", 1234567, 1234567),               # the same separator twice: thousands only
    ("0.500", 0.5, 0.5),                            # a thousands separator never follows a lone 0
    ("1234.500", 1234.5, 1234.5),                   # four digits before: not a thousands group
    ("70.000", "ambiguous", 70.0),
    ("70,000", "ambiguous", 70.0),
    ("1.500", "ambiguous", 1.5),
    ("-70.000", "ambiguous", -70.0),
    ("60 %", "number", 0.6),
    ("100%", "number", 1.0),
    ("0,6", 0.6, 0.6),
    ("1e5", 100000, 100000),
    ("−5", -5, -5),                                  # U+2212 minus sign
    ("٧٠٠٠٠", "digits", "digits"),                   # Arabic-Indic digits
    ("７００００", "digits", "digits"),                # fullwidth digits
    ("70²", "digits", "digits"),
    ("beaucoup", "number", "number"),
    ("inf", "number", "number"),
    ("1_000", "number", "number"),
    ("12.34,5", "number", "number"),                # misplaced thousands group
    ("70 000 CHF env.", "number", "number"),
]


@pytest.mark.parametrize(("typed", "amount", "ratio"), NUMBERS)
def test_number_reader(typed, amount, ratio):
    for decimals, expected in ((False, amount), (True, ratio)):
        got, problem = read_number(typed, decimals, decimals)
        if isinstance(expected, str):
            assert (np.isnan(got), problem) == (True, expected), (typed, decimals)
        else:
            assert problem is None and got == pytest.approx(expected), (typed, decimals, got, problem)


def _one(**cells):
    """One applicant with ``cells`` changed, assessed: (result row, reasons text)."""
    a = assess_full([dict(BASE, **cells)], rules="GE-2025")
    return a.results.iloc[0], a.results.loc[0, "reasons"]


@pytest.mark.parametrize(("typed", "amount", "_ratio"), NUMBERS)
def test_amount_column_through_the_engine(typed, amount, _ratio):
    row, reasons = _one(p1_rdu=typed)
    if isinstance(amount, str) or amount < 0:
        assert reasons.startswith("ligne 2, colonne « Parent 1 : RDU » (p1_rdu) : ")
        return
    control, _ = _one(p1_rdu=amount)
    assert row.drop("rules").tolist() == control.drop("rules").tolist()


def test_ambiguous_amount_says_what_to_type():
    _, fr = _one(p1_rdu="70.000")
    assert fr == ("ligne 2, colonne « Parent 1 : RDU » (p1_rdu) : nombre ambigu « 70.000 » : milliers ou décimales ? "
                  "(milliers : tapez 70000 ou 70'000 ; décimales : tapez 70)")
    en = assess_full([dict(BASE, p1_rdu="1,500")], rules="GE-2025", lang="en").results.loc[0, "reasons"]
    assert en == ("line 2, column 'Parent 1: RDU (unified income)' (p1_rdu): ambiguous number '1,500': thousands "
                  "or decimals? (thousands: type 1500 or 1'500; decimals: type 1.5)")


def test_ratio_column_reads_percent_and_decimals():
    for typed in ("60 %", "60%", "0.6", "0,6", "0.600"):
        row, reasons = _one(part_time_ratio=typed)
        assert reasons == "" or "LBPE" in reasons, (typed, reasons)
        assert row["entitlement_semesters"] == _one(part_time_ratio=0.6)[0]["entitlement_semesters"]
    _, reasons = _one(part_time_ratio="60")
    assert "supérieure au maximum 1 (une part : tapez 0.6 ou 60 % pour 60 %)" in reasons


def test_years_hold_decimals_by_nature():
    """A count of years (``years_full_time_work``) is 1.5 years typed ``1.500``, not refused."""
    a, _ = _one(years_full_time_work="1.500")
    b, _ = _one(years_full_time_work=1.5)
    assert a.drop("rules").tolist() == b.drop("rules").tolist()


def test_whole_count_is_ambiguous_too():
    _, reasons = _one(regular_semesters="6.000")
    assert "colonne « Durée réglementaire (semestres) » (regular_semesters) : nombre ambigu « 6.000 »" in reasons


def test_non_ascii_digits_are_refused_with_a_message():
    _, reasons = _one(p1_rdu="٧٠٠٠٠")
    assert reasons == ("ligne 2, colonne « Parent 1 : RDU » (p1_rdu) : chiffres autres que 0-9 dans « ٧٠٠٠٠ » "
                       "(tapez le nombre avec les chiffres 0 à 9)")


# (typed, reads as (ISO) or problem kind)
DATES = [
    ("01.03.2005", "2005-03-01"),
    ("1.3.2005", "2005-03-01"),
    ("2005-03-01", "2005-03-01"),
    ("2005/03/01", "2005-03-01"),
    ("01/03/2005", "2005-03-01"),                    # day first, as in Switzerland
    ("13/03/2005", "2005-03-13"),
    ("01-03-2005", "2005-03-01"),
    ("2005-03-01 00:00:00", "2005-03-01"),           # a CSV export of a date cell
    ("2005-03-01T00:00", "2005-03-01"),
    ("29.02.2004", "2004-02-29"),
    ("01.03.68", "date_two_digit_year"),
    ("1.3.05", "date_two_digit_year"),
    ("12.03.2001 blah", "date_trailing"),
    ("12.03.2001 (à vérifier)", "date_trailing"),
    ("31.02.2004", "date_impossible"),
    ("29.02.2005", "date_impossible"),
    ("32.13.2000", "date_impossible"),
    ("09/15/2005", "date_month_first"),
    ("hier", "date"),
    ("mars 2005", "date"),
    ("2005", "date"),
]


@pytest.mark.parametrize(("typed", "expected"), DATES)
def test_date_reader(typed, expected):
    got, problem, _slash = read_date(typed)
    if "-" in expected:
        assert problem is None and got == np.datetime64(expected), (typed, got, problem)
    else:
        assert problem == expected and np.isnat(got), (typed, got, problem)


DATE_MESSAGES = {
    "01.03.68": "année à deux chiffres dans « 01.03.68 » (tapez l'année en entier : 01.03.1968 ou 01.03.2068)",
    "12.03.2001 blah": "texte après la date « 12.03.2001 blah » (ne laissez que la date : 12.03.2001)",
    "31.02.2004": "date impossible « 31.02.2004 » : ce jour n'existe pas dans le calendrier",
    "hier": "date illisible « hier » (tapez jj.mm.aaaa, p. ex. 15.09.2025, ou aaaa-mm-jj)",
}


@pytest.mark.parametrize("typed", list(DATE_MESSAGES))
def test_date_messages_name_the_column_and_what_to_type(typed):
    _, reasons = _one(birth_date=typed)
    assert reasons == "ligne 2, colonne « Date de naissance » (birth_date) : " + DATE_MESSAGES[typed]


def test_birth_date_in_the_future_or_after_the_training_start():
    today = dt.date.today()
    future = (today + dt.timedelta(days=400)).strftime("%d.%m.%Y")
    _, reasons = _one(birth_date=future)
    assert reasons == f"ligne 2, colonne « Date de naissance » (birth_date) : date de naissance dans le futur « {future} »"
    _, reasons = _one(birth_date="16.09.2025")                     # after year_start 15.09.2025, not in the future
    assert reasons == ("ligne 2, colonne « Date de naissance » (birth_date) : date de naissance « 16.09.2025 » "
                       "postérieure au début de la formation (colonne « Début de l'année de formation » "
                       "(year_start) : 15.09.2025)")


def test_us_dates_are_one_file_level_message():
    """A list exported month first: 09/15/2005 cannot be day first; 06/09/2005 would silently be 6 September. The
    file is refused once, naming the first evidence, instead of half its rows swapped."""
    rows = [dict(BASE, applicant_id="A", birth_date="06/09/2005"),
            dict(BASE, applicant_id="B", birth_date="09/15/2005"),
            dict(BASE, applicant_id="C", birth_date="01.03.2005")]
    with pytest.raises(XladdinError) as caught:
        assess_full(rows)
    assert caught.value.code == "dates_month_first"
    text = caught.value.text("fr")
    assert text.startswith("dates américaines (mois/jour/année) : 1 date(s) à barres obliques ont un 2e nombre "
                           "au-delà de 12 et aucune un 1er, p. ex. ligne 3, colonne « Date de naissance » "
                           "(birth_date) « 09/15/2005 »")


def test_a_day_first_file_with_one_impossible_date_is_a_row_error():
    """With evidence of day first (15/09/2005) the file is Swiss: the impossible 09/15/2005 is that row's error."""
    rows = [dict(BASE, applicant_id="A", birth_date="15/09/2005"), dict(BASE, applicant_id="B", birth_date="09/15/2005")]
    a = assess_full(rows)
    assert a.results["eligible"].isna().tolist() == [False, True]
    assert "le 2e nombre dépasse 12 (date américaine mois/jour ?" in a.results.loc[1, "reasons"]


def test_enum_lists_the_dropdown_words():
    _, reasons = _one(permit="X", parents="divorcés")
    assert "(permit) : valeur inconnue « X » (attendu : B, C, F, G, L, N, S, aucun)" in reasons
    assert "(parents) : valeur inconnue « divorcés » (attendu : ensemble, séparés, aucun)" in reasons
    _row, reasons = _one(permit="aucun", parents="ensemble")
    assert reasons == ""


def test_text_longer_than_a_cell_is_a_row_error_not_cut():
    a = assess_full([dict(BASE, applicant_id="A", last_name="x" * 40_000), dict(BASE, applicant_id="B")])
    assert a.results["eligible"].isna().tolist() == [True, False]
    assert a.results.loc[0, "reasons"] == ("ligne 2, colonne « Nom » (last_name) : texte de 40 000 caractères, plus "
                                           "qu'une cellule n'en contient (32 767) : raccourcissez-le")
    assert len(a.errors.loc[0, "value"]) <= 61                       # the error list quotes its start only


@pytest.mark.parametrize(("typed", "amount", "ratio"), NUMBERS)
def test_excel_arguments_read_like_table_cells(typed, amount, ratio):
    """``xladdin.excel.convert``: an amount argument (LOAN_PLAN's) and a ratio argument as the table reads them."""
    for name, expected in (("amount", amount), ("part_time_ratio", ratio)):
        if isinstance(expected, str):
            with pytest.raises(XladdinError) as caught:
                convert.number(typed, name)
            code = "excel_ambiguous_number" if expected == "ambiguous" else "excel_bad_number"
            assert caught.value.code == code
        else:
            assert convert.number(typed, name) == pytest.approx(expected)


def test_bursary_table_reads_a_range_like_the_command_line():
    header = list(BASE) + []
    rows = [header, [BASE[k] for k in header]]
    odd = dict(BASE, p1_rdu="70.000", birth_date="01.03.68")
    rows.append([odd[k] for k in header])
    table = convert.read_table(rows)
    a = assess_full(table.frame, rules="GE-2025")
    b = assess_full([BASE, odd], rules="GE-2025")
    assert a.results["reasons"].tolist() == b.results["reasons"].tolist()
    assert "nombre ambigu « 70.000 »" in a.results.loc[1, "reasons"]
