"""Import in chunks: a CSV or Parquet list read, assessed and written to the batch report a chunk at a time gives
the workbook the one-piece import gives: every sheet's cells (decisions, errors with their lines, summary, audit
counts), the same reconciliation."""

import openpyxl
import pytest

from xladdin.errors import XladdinError
from xladdin.io.bulk import run_import
from xladdin.io.report import decisions

from .test_stream import _list

# Audit rows that say when and how long, not what: they differ between any two runs.
RUN_ROWS = ("Début", "Fin", "Durée", "Started", "Finished", "Duration", "xladdin", "Python", "XlsxWriter", "Traité")


def _cells(path):
    book = openpyxl.load_workbook(path)
    out = {}
    for ws in book.worksheets:
        rows = [tuple(c.value for c in row) for row in ws.iter_rows()]
        out[ws.title] = [r for r in rows if not (r and isinstance(r[0], str) and r[0].startswith(RUN_ROWS))]
        out[ws.title + " tables"] = dict(ws.tables.items())
    return out


def _import(src, out, monkeypatch, chunk=None, **kw):
    if chunk:
        monkeypatch.setenv("XLADDIN_CHUNK_ROWS", str(chunk))
    else:
        monkeypatch.delenv("XLADDIN_CHUNK_ROWS", raising=False)
    return run_import(src, out, **kw)


@pytest.mark.parametrize("chunk", [7, 25])
def test_a_csv_imported_in_chunks_gives_the_one_piece_workbook(tmp_path, monkeypatch, chunk):
    src = _list(tmp_path)
    whole = _import(src, tmp_path / "whole.xlsx", monkeypatch)
    streamed = _import(src, tmp_path / "streamed.xlsx", monkeypatch, chunk)
    assert (streamed.rows_read, streamed.rows_assessed, streamed.rows_in_error, streamed.error_cells) == \
        (whole.rows_read, whole.rows_assessed, whole.rows_in_error, whole.error_cells)
    assert streamed.balanced and streamed.rows_in_error == 5 and streamed.totals == whole.totals
    a, b = _cells(tmp_path / "whole.xlsx"), _cells(tmp_path / "streamed.xlsx")
    assert a.keys() == b.keys()
    for sheet in a:
        assert a[sheet] == b[sheet], sheet
    assert streamed.cells == whole.cells


def test_a_list_without_errors_in_chunks_says_so(tmp_path, monkeypatch):
    from xladdin.bursary.synthetic import synthetic_applicants

    src = tmp_path / "ok.csv"
    synthetic_applicants(30, seed=8).to_csv(src, sep=";", index=False)
    _import(src, tmp_path / "whole.xlsx", monkeypatch)
    _import(src, tmp_path / "streamed.xlsx", monkeypatch, 8, lang="en")
    _import(src, tmp_path / "whole-en.xlsx", monkeypatch, lang="en")
    a, b = _cells(tmp_path / "whole-en.xlsx"), _cells(tmp_path / "streamed.xlsx")
    assert a == b and b["Errors"][1][0] == "No error."


def test_more_rows_than_a_sheet_holds_are_refused_before_the_report_is_made(tmp_path, monkeypatch):
    monkeypatch.setattr(decisions, "XLSX_ROWS", 20)
    src = _list(tmp_path)
    with pytest.raises(XladdinError, match="plus qu'une feuille .xlsx"):
        _import(src, tmp_path / "streamed.xlsx", monkeypatch, 7)
    assert not (tmp_path / "streamed.xlsx").exists()
    with pytest.raises(XladdinError, match="plus qu'une feuille .xlsx"):
        _import(src, tmp_path / "whole.xlsx", monkeypatch)
