"""Nothing lost (issue 7 §2): random mixtures of valid and invalid rows through the bulk import.

Valid rows come from ``xladdin.bursary.synthetic``; some get one bad cell (an unknown code, text in an amount,
an impossible date, a negative amount, no file number, a file number already used). Each mixture is written as
a real .xlsx (openpyxl, shared strings, numbers as numbers) and as a CSV (separator and encoding drawn), and
imported with ``xladdin.io.bulk.run_import``:

* rows read = rows assessed + rows in error = rows written;
* the report's decisions table holds every input row's file number, in input order;
* the error rows are exactly the corrupted rows;
* the input file's bytes are unchanged.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hardening.conftest import sha256
from tests.hardening.make_corpus import applicants, csv_bytes
from xladdin import schema
from xladdin.io.bulk import run_import

CORRUPTIONS = {
    "none": None,
    "enum": ("programme_kind", "doctorat-ès-rêves"),
    "amount_text": ("earnings", "beaucoup"),
    "date": ("birth_date", "31.02.2003"),
    "negative": ("wealth", "-100"),
    "blank_id": ("applicant_id", ""),
    "duplicate_id": ("applicant_id", None),                # the first row's number
}
NUMBER = re.compile(r"-?\d+(\.\d+)?")


@st.composite
def mixtures(draw):
    n = draw(st.integers(1, 12))
    kinds = draw(st.lists(st.sampled_from(sorted(CORRUPTIONS)), min_size=n, max_size=n))
    return {"rows": n, "seed": draw(st.integers(0, 99_999)), "kinds": kinds,
            "sep": draw(st.sampled_from([";", ",", "\t"])), "encoding": draw(st.sampled_from(["utf-8", "cp1252"]))}


def _rows(mix) -> tuple[list[dict], set[int]]:
    """The mixture's rows (text cells) and the positions that must come out as error rows."""
    rows = applicants(mix["rows"], seed=mix["seed"])
    bad = set()
    for i, kind in enumerate(mix["kinds"]):
        if kind == "none" or (kind == "duplicate_id" and i == 0):
            continue
        key, value = CORRUPTIONS[kind]
        rows[i][key] = rows[0]["applicant_id"] if kind == "duplicate_id" else value
        bad.add(i)
    return rows, bad


def _xlsx(path, rows) -> None:
    import openpyxl

    from xladdin.io.guard import set_cell

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Dossiers"
    keys = list(rows[0])
    ws.append(keys)
    for r, row in enumerate(rows, start=2):
        for c, key in enumerate(keys, start=1):
            value = row[key]
            numeric = schema.BY_KEY[key].kind in (schema.INT, schema.AMOUNT, schema.RATIO) if key in schema.BY_KEY \
                else False
            set_cell(ws.cell(row=r, column=c), float(value) if numeric and NUMBER.fullmatch(value) else value)
    wb.save(path)


def _report_ids(out) -> tuple[list, list]:
    from python_calamine import CalamineWorkbook

    table = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("Décisions").to_python()
    head = table[0]
    return ([r[head.index("N° de dossier")] for r in table[1:]], [r[head.index("Statut")] for r in table[1:]])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mix=mixtures())
def test_rows_in_are_rows_out(mix, tmp_path_factory):
    folder = tmp_path_factory.mktemp("mix")
    rows, bad = _rows(mix)
    ids = [r["applicant_id"] for r in rows]
    csv_path = folder / "liste.csv"
    csv_path.write_bytes(csv_bytes(rows, sep=mix["sep"], encoding=mix["encoding"]))
    xlsx_path = folder / "liste.xlsx"
    _xlsx(xlsx_path, rows)
    for src in (csv_path, xlsx_path):
        before = sha256(src)
        out = folder / f"rapport-{src.suffix[1:]}.xlsx"
        result = run_import(src, out)
        assert result.rows_read == len(rows) == result.rows_assessed + result.rows_in_error
        assert result.rows_in_error == len(bad)
        got_ids, statuses = _report_ids(out)
        assert got_ids == ids                                            # every row, in order
        assert {i for i, s in enumerate(statuses) if s == "erreur"} == bad
        assert sha256(src) == before
