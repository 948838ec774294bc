"""Resource limits (configurable, reported) and XML safety of the readers.

* limits: defaults, ``XLADDIN_MAX_*`` variables, command-line options (an option beats a variable), refusals
  that name the count, the limit and how to change it;
* a sheet is sized from its XML before python-calamine expands it: cells far away, out of order, without
  ``r`` references or under a namespace prefix are all seen; cells that only carry a format are not;
* XML: every XML document xladdin parses itself goes through defusedxml; any DTD in a package is refused;
  openpyxl runs with defusedxml; calamine alone neither expands entities nor reads external ones.
"""

from __future__ import annotations

import ast
import re
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.hardening.conftest import ROOT, plain
from tests.hardening.make_corpus import applicants, csv_bytes, formatted_rows, rows_xml, table_rows, write_xlsx
from xladdin.cli import app
from xladdin.errors import InputFileError, XladdinError
from xladdin.io import limits, sheetscan
from xladdin.io.limits import Limits
from xladdin.io.readers import read_table

runner = CliRunner(env={"COLUMNS": "400"})


# --- configuration --------------------------------------------------------------------------------------------

def test_defaults_environment_and_options(monkeypatch):
    assert Limits() == Limits(max_bytes=200 * 1024 * 1024, max_rows=200_000, max_columns=1_000,
                              max_cells=20_000_000, max_unpacked=1024 * 1024 * 1024)
    monkeypatch.setenv("XLADDIN_MAX_ROWS", "5'000")
    monkeypatch.setenv("XLADDIN_MAX_FILE_MB", "1.5")
    monkeypatch.setenv("XLADDIN_MAX_UNPACKED_MB", "10")
    got = limits.from_options()
    assert (got.max_rows, got.max_bytes, got.max_unpacked) == (5000, 1_572_864, 10 * 1024 * 1024)  # 1.5 × 2^20
    got = limits.from_options(max_rows=7, max_cells=1000, max_file_mb=0.5)        # options beat variables
    assert (got.max_rows, got.max_cells, got.max_bytes, got.max_columns) == (7, 1000, 524_288, 1000)


@pytest.mark.parametrize("value", ["0", "-3", "abc", "1.5", "inf", "nan"])
def test_a_bad_limit_is_a_message(tmp_path, value):
    src = tmp_path / "liste.csv"
    src.write_bytes(csv_bytes(applicants(2)))
    result = runner.invoke(app, ["assess", str(src), "--out", str(tmp_path / "o.csv"), "--max-rows", value])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"limite invalide pour --max-rows : « {value} »" in plain(result.output)
    assert not (tmp_path / "o.csv").exists()


def test_limits_as_clerks_type_them(tmp_path):
    src = tmp_path / "liste.csv"
    src.write_bytes(csv_bytes(applicants(3)))
    result = runner.invoke(app, ["import", str(src), "--out", str(tmp_path / "r.xlsx"), "--max-rows", "200'000",
                                 "--max-file-mb", "0,5", "--max-cells", "1 000 000", "--quiet"])
    assert result.exit_code == 0, plain(result.output)


def test_a_bad_limit_in_the_environment(monkeypatch):
    monkeypatch.setenv("XLADDIN_MAX_COLUMNS", "beaucoup")
    with pytest.raises(XladdinError, match="XLADDIN_MAX_COLUMNS"):
        limits.from_options()


def test_limits_are_reported_in_both_languages(tmp_path):
    src = tmp_path / "liste.csv"
    src.write_bytes(csv_bytes(applicants(12)))
    with pytest.raises(InputFileError) as refused:
        read_table(src, limits=Limits(max_rows=10))
    assert refused.value.text("fr") == (f"le fichier {src} compte 12 lignes de données, au-delà de la limite de 10 "
                                        "(option --max-rows ou variable XLADDIN_MAX_ROWS)")
    assert refused.value.text("en") == (f"{src} has 12 data rows, beyond the limit of 10 (option --max-rows or "
                                        "variable XLADDIN_MAX_ROWS)")
    assert len(read_table(src, limits=Limits(max_rows=12)).frame) == 12                 # the limit is inclusive
    with pytest.raises(InputFileError, match="60 colonnes, au-delà de la limite de 59"):
        read_table(src, limits=Limits(max_columns=59))
    # 13 lines (header included) × 60 columns = 780 cells; CSV counts them before splitting (59 ";" × 13 + 13)
    with pytest.raises(InputFileError, match=r"780 cellules, au-delà de la limite de 779 \(option --max-cells"):
        read_table(src, limits=Limits(max_cells=779))
    book = write_xlsx(tmp_path / "liste.xlsx", table_rows(applicants(12)))
    with pytest.raises(InputFileError, match=r"780 cellules \(13 lignes × 60 colonnes\), au-delà de la limite de 779"):
        read_table(book, limits=Limits(max_cells=779))


def test_a_csv_line_of_a_million_separators_is_refused_before_it_is_split(tmp_path):
    src = tmp_path / "wide.csv"
    src.write_bytes(b"applicant_id" + b";" * 1_000_000 + b"\r\nA\r\n")
    with pytest.raises(InputFileError, match="1 000 002 cellules"):                    # 10^6 ; + 2 lines
        read_table(src, limits=Limits(max_cells=100_000))
    with pytest.raises(InputFileError, match="1 000 001 colonnes"):
        read_table(src)


def test_the_same_limits_for_workbooks_and_csv(tmp_path):
    rows = applicants(30)
    for path in (write_xlsx(tmp_path / "l.xlsx", table_rows(rows)), tmp_path / "l.csv"):
        if path.suffix == ".csv":
            path.write_bytes(csv_bytes(rows))
        with pytest.raises(InputFileError, match=r"30 lignes de données( \(.*\))?, au-delà de la limite de 29"):
            read_table(path, limits=Limits(max_rows=29))
        assert len(read_table(path, limits=Limits(max_rows=30)).frame) == 30


# --- sizing a sheet from its XML ------------------------------------------------------------------------------

def _extent(path: Path) -> sheetscan.Extent:
    with zipfile.ZipFile(path) as archive:
        parts = sheetscan.xlsx_sheet_parts(archive, path)
        return sheetscan.xlsx_extent(archive, parts[0][1], path)


def test_trailing_formatted_rows_cost_nothing_against_the_limits(corpus):
    """A million formatted rows: neither the XML sizing nor calamine count them, so the table is its 6 rows
    (calamine's range is 7 lines high: no Python loop over a million empty rows), under --max-rows 100."""
    from python_calamine import CalamineWorkbook

    path = corpus["million_formatted_rows.xlsx"].path
    started = time.perf_counter()
    extent = _extent(path)
    scanned = time.perf_counter() - started
    assert (extent.first_line, extent.last_line, extent.last_column) == (1, 7, 60)
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Dossiers")
    assert (sheet.height, sheet.width) == (7, 60)
    started = time.perf_counter()
    table = read_table(path, limits=Limits(max_rows=6))
    read = time.perf_counter() - started
    assert len(table.frame) == 6
    print(f"\n1 048 569 formatted rows: XML sizing {scanned:.2f} s, whole read {read:.2f} s (not asserted)")


def test_a_sheet_is_sized_by_its_filled_cells_however_written(tmp_path):
    ok = '<row r="1"><c r="A1" t="inlineStr"><is><t>applicant_id</t></is></c></row>'
    cases = {
        # far row first, then the header: rows out of order (calamine places cells by their reference)
        "unordered": ('<row r="900000"><c r="B900000"><v>1</v></c></row>' + ok, (900_000, 2)),
        # a namespace prefix on every element (some .NET writers)
        "prefixed": (ok.replace("<row", "<x:row").replace("</row>", "</x:row>").replace("<c ", "<x:c ")
                     .replace("</c>", "</x:c>") + '<x:row r="70000"><x:c r="C70000"><x:v>2</x:v></x:c></x:row>',
                     (70_000, 3)),
        # cells with only a format, far away: not data
        "formatted": (ok + '<row r="5"><c r="ZZ5" s="3"/><c r="A5"><v>1</v></c></row>'
                      + '<row r="1000000" s="2" customFormat="1"><c r="XFD1000000" s="2"/></row>', (5, 1)),
        # a formula with a cached value counts; one never calculated does not
        "formula": (ok + '<row r="8"><c r="D8"><f>1+1</f><v>2</v></c><c r="K9000"><f>A1</f></c></row>', (8, 4)),
        # an attribute before r=, a value with spaces
        "attributes": (ok + '<row r="12"><c s="1" t="n" r="AB12"><v> 3 </v></c></row>', (12, 28)),
    }
    for name, (xml, (line, column)) in cases.items():
        sheet = xml
        if name == "prefixed":
            path = tmp_path / f"{name}.xlsx"
            write_xlsx(path, sheet)
            data = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
            data = data.replace("<worksheet xmlns=", "<x:worksheet xmlns:x=").replace("</worksheet>", "</x:worksheet>")
            data = data.replace("<sheetData>", "<x:sheetData>").replace("</sheetData>", "</x:sheetData>")
            data = data.replace("<dimension", "<x:dimension")
            _rewrite(path, "xl/worksheets/sheet1.xml", data)
        else:
            path = write_xlsx(tmp_path / f"{name}.xlsx", sheet)
        extent = _extent(path)
        assert (extent.last_line, extent.last_column) == (line, column), name


def test_cells_without_references_are_placed_as_calamine_places_them(tmp_path):
    from python_calamine import CalamineWorkbook

    # rows and cells without r follow the previous ones; a cell with r sets the position again
    xml = ('<row r="1"><c r="A1"><v>0</v></c></row>' + "".join("<row>" + "<c><v>1</v></c>" * 4 + "</row>"
                                                                for _ in range(50))
           + '<row r="60"><c r="C60"><v>1</v></c><c><v>2</v></c><c s="1"/></row>')
    path = write_xlsx(tmp_path / "rless.xlsx", xml)
    extent = _extent(path)
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Dossiers")
    assert (extent.last_line, extent.last_column) == (sheet.height, sheet.width) == (60, 4)
    # the crafted mix: a wide row without references, then a far cell with one (the dense range would be
    # 150 000 × 16 384 cells): refused before calamine
    wide = '<row r="1">' + "<c><v>1</v></c>" * 16_384 + '</row><row r="150000"><c r="A150000"><v>1</v></c></row>'
    with pytest.raises(InputFileError, match="16 384 colonnes"):
        read_table(write_xlsx(tmp_path / "mix.xlsx", wide))


def _rewrite(path: Path, part: str, data: str) -> None:
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    parts[part] = data.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in parts.items():
            z.writestr(name, blob)


def test_error_cells_are_not_empty_cells(corpus):
    """python-calamine reads #DIV/0! and #N/A as empty cells; the XML sizing finds them and puts their text
    back, so that an error in an amount column is a row error, never "no amount" (which defaults to 0)."""
    path = corpus["formulas_errors.xlsx"].path
    assert sorted(text for _, _, text in _extent(path).errors) == ["#DIV/0!", "#N/A", "#VALUE!"]
    frame = read_table(path).frame
    assert frame.loc[1, "earnings"] == "#DIV/0!" and frame.loc[2, "p1_rdu"] == "#N/A"
    assert frame.loc[0, "earnings"] == 2000                                 # a formula: its cached value


@settings(max_examples=60, deadline=None)
@given(n=st.integers(0, 9_999_999), other=st.integers(1, 9_999_999))
def test_the_greater_than_patterns(n, other):
    digits = re.compile(sheetscan._greater_digits(n) + "$")
    assert bool(digits.match(str(other))) == (other > n)
    column, other_column = n % 16_385, other % 16_384 + 1
    letters = re.compile(sheetscan._greater_letters(column) + "$")
    assert bool(letters.match(sheetscan.column_letters(other_column))) == (other_column > column)


def test_every_table_of_an_ods_is_sized(tmp_path):
    from tests.hardening.make_corpus import write_ods

    path = write_ods(tmp_path / "two.ods", [["applicant_id"], ["A"]], tail="")
    with zipfile.ZipFile(path) as z:
        content = z.read("content.xml").decode()
    second = ('<table:table table:name="Listes &amp; codes"><table:table-row table:number-rows-repeated="300000">'
              '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
              '</table:table-row></table:table>')
    _rewrite(path, "content.xml", content.replace("</office:spreadsheet>", second + "</office:spreadsheet>"))
    with zipfile.ZipFile(path) as archive:
        tables = sheetscan.ods_extents(archive, path)
    assert [(name, e.last_line, e.last_column) for name, e in tables] == [("Dossiers", 2, 1),
                                                                          ("Listes & codes", 300_000, 1)]
    assert len(read_table(path).frame) == 1                          # the first sheet is read: rows not counted
    with pytest.raises(InputFileError, match="300 000 cellules"):     # ... but its cells are (calamine opens all)
        read_table(path, limits=Limits(max_cells=200_000))
    with pytest.raises(InputFileError, match="299 999 lignes"):
        read_table(path, sheet="Listes & codes")


# --- XML safety -------------------------------------------------------------------------------------------------

def test_xladdin_parses_xml_only_through_defusedxml():
    """No module of xladdin imports a standard-library or lxml XML parser: only defusedxml, and
    xml.sax.saxutils for escaping text it writes."""
    allowed = {"xml.sax.saxutils"}
    for path in (ROOT / "xladdin").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if name.startswith(("xml", "lxml")) or name in ("pyexpat", "expat"):
                    assert name in allowed, f"{path.relative_to(ROOT)} imports {name}"


def test_our_own_xml_parsing_refuses_entities(corpus):
    # straight to the workbook's relationships and sheets, past the DTD screening: defusedxml refuses
    for name in ("billion_laughs_workbook.xlsx",):
        path = corpus[name].path
        with zipfile.ZipFile(path) as archive, pytest.raises(InputFileError) as refused:
            sheetscan.xlsx_sheet_parts(archive, path)
        assert refused.value.code == "file_xml_dtd"


def test_openpyxl_runs_with_defusedxml(corpus):
    import openpyxl
    from defusedxml import DefusedXmlException

    assert openpyxl.DEFUSEDXML is True
    for name in ("billion_laughs.xlsx", "billion_laughs_workbook.xlsx", "xxe.xlsx"):
        with pytest.raises(Exception) as refused:
            openpyxl.load_workbook(corpus[name].path)
        chain, exc = [], refused.value
        while exc is not None:
            chain.append(exc)
            exc = exc.__cause__ or exc.__context__
        assert any(isinstance(e, DefusedXmlException) for e in chain), chain


def test_calamine_alone_neither_expands_nor_fetches_entities(corpus):
    """Behind the DTD screening, calamine (quick-xml) is safe too: it refuses an entity it does not know,
    so /etc/passwd is never read into a cell and 10^9 "lol" are never made."""
    from python_calamine import CalamineError, CalamineWorkbook

    for name in ("billion_laughs.xlsx", "xxe.xlsx"):
        try:
            book = CalamineWorkbook.from_path(str(corpus[name].path))
            cells = book.get_sheet_by_name(book.sheet_names[0]).to_python()
        except CalamineError as exc:
            text = str(exc)
            assert "unrecognized entity" in text
        else:
            text = repr(cells)
        assert "root:" not in text and "lollollol" not in text


def test_a_dtd_anywhere_in_the_prolog_is_refused(tmp_path):
    rows = table_rows(applicants(1))
    sheet = rows_xml(rows)
    for prolog in ("<!-- " + "x" * 20_000 + " -->" + '<!DOCTYPE worksheet SYSTEM "http://example.org/x.dtd">',
                   '<!doctype worksheet [<!ENTITY a "b">]>'):
        path = write_xlsx(tmp_path / "dtd.xlsx", sheet, sheet_prolog=prolog)
        with pytest.raises(InputFileError) as refused:
            read_table(path)
        assert refused.value.code == "file_xml_dtd"
    # a prolog that never ends (no element within 64 KB) is no workbook either
    path = write_xlsx(tmp_path / "long.xlsx", sheet, sheet_prolog=" " * 70_000)
    with pytest.raises(InputFileError, match="pas d'élément XML"):
        read_table(path)


def test_formatted_rows_helper_writes_what_excel_writes():
    xml = formatted_rows(8, 10, cells_until=8, width=2)
    assert xml == ('<row r="8" spans="1:2" s="1" customFormat="1"><c r="A8" s="1"/><c r="B8" s="1"/></row>'
                   '<row r="9" s="1" customFormat="1"/><row r="10" s="1" customFormat="1"/>')
