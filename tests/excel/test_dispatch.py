"""Each UDF through xlwings' real dispatch gives the numbers of the batch engine for the same applicants."""

from __future__ import annotations

import pandas as pd
import pytest
import xlwings.server
from conftest import call

import xladdin
from xladdin.bursary.loans import loan_plan
from xladdin.excel import udfs
from xladdin.schema import OUTPUT_COLUMNS, output_label

REQUIRED = ["bursary", "bursary_row", "bursary_table", "bursary_explain", "eligibility",
            "entitlement_semesters", "loan_plan", "weighted_average", "credits_acquired", "supplement_range",
            "programme_check", "catalogue_lint", "whatif_table"]


def _cells(series: pd.Series) -> list:
    """An engine column as the cells Excel receives: NA → empty cell."""
    return series.astype(object).where(series.notna(), "").tolist()


def _record(cells: list[list], i: int) -> list[list]:
    """Applicant ``i`` of the range as a 2-row range: header row + its value row."""
    return [cells[0], cells[i + 1]]


def test_meta_lists_every_function_with_french_help():
    meta = xlwings.server.custom_functions_meta(udfs)
    by_id = {f["id"]: f for f in meta["functions"]}
    present = [name for name in REQUIRED if name.upper() in by_id]
    assert present == REQUIRED                          # whatif_table joins them with the what-if engine
    table = by_id["BURSARY_TABLE"]
    assert "tableau" in table["description"].lower()
    assert [p["name"] for p in table["parameters"]] == ["table", "rules", "lang"]
    assert table["parameters"][1].get("optional") is True
    assert all(p["description"] and not p["description"].startswith("Positional") for f in meta["functions"]
               for p in f["parameters"])
    # Every argument is taken raw (no cell-by-cell conversion by xlwings) and every result returned raw.
    for name in present:
        info = getattr(udfs, name).__xlfunc__
        assert all(a["options"].get("convert") == "raw" for a in info["args"]), name
        assert info["ret"]["options"].get("convert") == "raw", name
        assert getattr(udfs, name).__doc__ and getattr(udfs, name).__doc__[0].isupper()  # English docstring


def test_bursary_table_equals_assess(applicants):
    frame, cells = applicants
    expected = xladdin.assess(frame)
    got = call("bursary_table", cells, None, None)
    assert got[0] == [output_label(k) for k in OUTPUT_COLUMNS]
    assert len(got) == len(frame) + 1                                   # one row per applicant, none dropped
    got_frame = pd.DataFrame(got[1:], columns=list(OUTPUT_COLUMNS))
    for column in OUTPUT_COLUMNS:
        assert got_frame[column].tolist() == _cells(expected[column]), column
    assert expected["bursary"].sum() > 0 and expected["loan"].sum() > 0   # the sample exercises both rights


def test_bursary_table_headers_as_keys_or_english(applicants):
    frame, cells = applicants
    assert call("bursary_table", cells, "GE-2025", "cle")[0] == list(OUTPUT_COLUMNS)
    assert call("bursary_table", cells, None, "en")[0][:3] == ["File number", "Eligible", "Reasons"]
    german = call("bursary_table", cells, "ZH-2021", "de")
    assert german[0][:3] == ["Dossiernummer", "Berechtigt", "Gründe"] and len(german) == len(cells)


@pytest.mark.parametrize("i", range(0, 300, 23))
def test_one_applicant_functions_equal_assess(applicants, i):
    frame, cells = applicants
    row = xladdin.assess(frame.iloc[[i]]).iloc[0]
    horizontal = _record(cells, i)
    vertical = [list(pair) for pair in zip(*horizontal)]          # the intake form's label | value layout
    for layout in (horizontal, vertical):
        assert call("bursary", layout) == [[int(row["bursary"])]]
        assert call("eligibility", layout, "GE-2025") == [[bool(row["eligible"]), row["reasons"]]]
        assert call("bursary_row", layout) == [_cells(row)]
    # a value row with a separate header row: a formula copied down a table
    assert call("bursary", [cells[i + 1]], None, [cells[0]]) == [[int(row["bursary"])]]
    with_header = call("bursary_row", horizontal, None, None, True, "cle")
    assert with_header == [list(OUTPUT_COLUMNS), _cells(row)]


def test_bursary_row_position_matches_output_columns(applicants):
    """The intake template reads output k with INDEX(BURSARY_ROW(dossier);1;k): OUTPUT_COLUMNS' positions."""
    frame, cells = applicants
    row = call("bursary_row", _record(cells, 5))[0]
    assert len(row) == len(OUTPUT_COLUMNS)
    assert row[OUTPUT_COLUMNS.index("applicant_id")] == frame.iloc[5]["applicant_id"]


def test_explain_equals_engine_trace(applicants):
    frame, cells = applicants
    record = {k: v for k, v in frame.iloc[3].items() if not (isinstance(v, float) and pd.isna(v))}
    trace = xladdin.explain(record)
    got = call("bursary_explain", _record(cells, 3))
    assert got[0] == ["Étape", "Libellé", "Montant", "Article"]
    assert got[1:] == trace.astype(object).values.tolist()


def test_entitlement_semesters():
    # LBPE art. 14 al. 1 et 4: for a health reason ceil(6 / 0.5) = 12 semesters, + 2 because the regular
    # duration is ≥ 4 → 14
    assert call("entitlement_semesters", 6.0, 0.5, "GE-2025", "santé") == [[14]]
    # full time: 6 + 2 = 8; French text typed in the cell reads the same
    assert call("entitlement_semesters", 6, None) == [[8]]
    assert call("entitlement_semesters", "6", "0,5", "GE-2025", "familial") == [[14]]
    # another reason does not stretch the duration: 6 + 2 = 8
    assert call("entitlement_semesters", 6, 0.5, "GE-2025", "autre") == [[8]]
    # a part-time ratio without its reason is refused with what to type, never guessed
    got = call("entitlement_semesters", 6.0, 0.5)[0][0]
    assert got.startswith("#XLADDIN!") and "motif du temps partiel" in got


def test_entitlement_semesters_from_applicant(applicants):
    frame, cells = applicants
    expected = xladdin.assess(frame.iloc[[8]]).iloc[0]["entitlement_semesters"]
    assert call("entitlement_semesters", _record(cells, 8)) == [[int(expected)]]


def test_loan_plan():
    # RBPE art. 18: 10 000 francs, studies ending 2026 → from 2028, 1/10 (1 000) for 4 years, then 1/5
    # (2 000) for 3
    got = call("loan_plan", 10000, 2026)
    assert got[0] == ["Année", "Annuité", "Solde"]
    assert got[1:] == [[2028, 1000, 9000], [2029, 1000, 8000], [2030, 1000, 7000], [2031, 1000, 6000],
                       [2032, 2000, 4000], [2033, 2000, 2000], [2034, 2000, 0]]
    assert got[1:] == loan_plan(10000, 2026).values.tolist()
    assert call("loan_plan", "12'345", 2027.0, None, "en")[0] == ["Year", "Installment", "Remaining"]


def test_whatif_table_spills_the_engine_scenarios():
    """whatif_table spills one row per scenario, with the same totals as the what-if engine."""
    from xladdin.bursary.synthetic import synthetic_applicants
    from xladdin.excel import udfs
    from xladdin.whatif import whatif_table

    table = synthetic_applicants(200, seed=3)
    cells = [list(table.columns)] + table.astype(object).where(table.notna(), None).values.tolist()
    spill = udfs.whatif_table(cells, [["amounts.cap.tertiary", 16740, 18000]])
    header, rows = spill[0], spill[1:]
    expected = whatif_table(table, {"amounts.cap.tertiary": [16740, 18000]})
    assert len(rows) == 2
    col = header.index("total_bursary")
    assert [r[col] for r in rows] == expected["total_bursary"].tolist()
    assert rows[1][col] >= rows[0][col]                 # a higher cap never costs less
