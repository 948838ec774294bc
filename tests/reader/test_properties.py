"""Properties of the cell reader (issue 13): any mixture of the accepted spellings reads as the plain list.

For any applicant list whose amounts, ratios, dates, yes/no and dropdown cells are written in any mixture of the
spellings the reader accepts (``70'000``, ``70 000`` with any Swiss space, ``CHF 70'000.–``, ``70.000,00``,
``60 %``, ``01.03.2005``, ``1.3.2005``, ``01/03/2005``, date objects, Excel serials, ``oui``, French labels...), the
results equal those of the same list written with plain numbers and ISO dates, through the engine and through the
Excel functions' range reader.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.bursary.conftest import BASE
from xladdin.bursary.assess import assess_full
from xladdin.excel import convert
from xladdin.schema import BY_KEY

SPACES = (" ", "\u00a0", "\u202f", "'", "’")
EXCEL_EPOCH = dt.date(1899, 12, 30)


def _group(whole: int, sep: str) -> str:
    text = f"{whole:,}"
    return text.replace(",", sep)


def amount_spellings(value: float) -> list:
    """Every accepted way of typing ``value`` (CHF, at most two decimals)."""
    whole, cents = int(value), round(value * 100) % 100
    tail_dot, tail_comma = f".{cents:02d}", f",{cents:02d}"
    out = [value, f"{value:.2f}", f"{value:.2f}".replace(".", ","),
           _group(whole, "'") + tail_dot, _group(whole, "’") + tail_dot, _group(whole, "\u202f") + tail_comma,
           _group(whole, "\u00a0") + tail_comma, _group(whole, " ") + tail_dot,
           _group(whole, ".") + tail_comma,                                    # 70.000,00
           _group(whole, ",") + tail_dot,                                      # 70,000.00
           "CHF " + _group(whole, "'") + tail_dot, _group(whole, "'") + tail_dot + " CHF"]
    if cents == 0:
        out += [whole, str(whole), _group(whole, "'"), _group(whole, " "), _group(whole, "\u202f"),
                "CHF " + _group(whole, "'") + ".–", "Fr. " + _group(whole, "'") + ".-"]
        if whole >= 1_000_000:
            out.append(_group(whole, "."))                               # 1.234.567: thousands only
    return out


def ratio_spellings(value: float) -> list:
    pct = round(value * 100)
    return [value, str(value), str(value).replace(".", ","), f"{pct} %", f"{pct}%", f"{pct}\u00a0%"]


def date_spellings(day: dt.date) -> list:
    return [day.isoformat(), day.strftime("%d.%m.%Y"), f"{day.day}.{day.month}.{day.year}",
            day.strftime("%d/%m/%Y"), day.strftime("%d-%m-%Y"), day.strftime("%Y/%m/%d"),
            day.isoformat() + " 00:00:00", day, dt.datetime(day.year, day.month, day.day),
            float((day - EXCEL_EPOCH).days)]


def enum_spellings(key: str, code: str) -> list:
    f = BY_KEY[key]
    return [code, f.value_label(code, "fr"), f.value_label(code, "fr").upper(), f.value_label(code, "en")]


BOOLS = {True: ["oui", "Oui", "OUI", "vrai", "yes", "1", 1, True, "x"], False: ["non", "Non", "faux", "no", "0", 0,
                                                                              False]}
AMOUNTS = ("p1_rdu", "p1_health_premiums", "p1_taxes", "health_premiums", "transport", "earnings", "wealth")


@st.composite
def applicants(draw):
    """(plain rows, the same rows spelled as clerks type them)."""
    n = draw(st.integers(1, 5))
    plain, spelled = [], []
    for i in range(n):
        row = dict(BASE, applicant_id=f"P{i}")
        for key in AMOUNTS:
            row[key] = draw(st.integers(0, 30_000_000)) / 100 if key != "wealth" else draw(st.integers(0, 2_000_000))
        row["part_time_ratio"] = draw(st.sampled_from([0.5, 0.6, 0.75, 0.8, 1.0]))
        row["birth_date"] = draw(st.dates(dt.date(1960, 1, 1), dt.date(2007, 12, 31)))
        row["application_date"] = draw(st.dates(dt.date(2025, 6, 1), dt.date(2026, 3, 1)))
        row["year_start"] = draw(st.sampled_from([dt.date(2025, 9, 15), dt.date(2026, 9, 14)]))
        row["recognised"] = draw(st.booleans())
        row["first_training_done"] = draw(st.booleans())
        row["housing"] = draw(st.sampled_from(BY_KEY["housing"].values))
        row["level"] = draw(st.sampled_from(["tertiary", "secondary_ii"]))
        row["permit"] = draw(st.sampled_from(["none", "C", "B"]))
        plain.append({k: (v.isoformat() if isinstance(v, dt.date) else ("oui" if v is True else "non" if v is False
                                                                        else v)) for k, v in row.items()})
        typed = dict(row)
        for key in AMOUNTS:
            typed[key] = draw(st.sampled_from(amount_spellings(row[key])))
        typed["part_time_ratio"] = draw(st.sampled_from(ratio_spellings(row["part_time_ratio"])))
        for key in ("birth_date", "application_date", "year_start"):
            typed[key] = draw(st.sampled_from(date_spellings(row[key])))
        for key in ("recognised", "first_training_done"):
            typed[key] = draw(st.sampled_from(BOOLS[row[key]]))
        for key in ("housing", "level", "permit"):
            typed[key] = draw(st.sampled_from(enum_spellings(key, row[key])))
        spelled.append(typed)
    return plain, spelled


@settings(max_examples=60, deadline=None)
@given(applicants())
def test_any_mixture_of_accepted_spellings_reads_as_the_plain_list(lists):
    plain, spelled = lists
    expected = assess_full(plain).results
    got = assess_full(spelled)
    assert got.errors.empty, got.errors["message_fr"].tolist()
    assert got.results.equals(expected), (got.results.compare(expected), spelled)


@settings(max_examples=25, deadline=None)
@given(applicants())
def test_the_excel_range_reader_reads_them_alike(lists):
    """BURSARY_TABLE's range (``convert.read_table``: Office.js sends dates as serials, text as text)."""
    plain, spelled = lists
    keys = list(spelled[0])
    cells = [[convert.cell(float((v - EXCEL_EPOCH).days) if type(v) is dt.date else v) for v in
              (row[k] for k in keys)] for row in spelled]
    table = convert.read_table([keys, *cells])
    assert assess_full(table.frame).results.equals(assess_full(plain).results)
