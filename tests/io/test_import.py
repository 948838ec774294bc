"""Bulk import: every format clerks send, headers by key or label, exact reconciliation, nothing lost."""

from __future__ import annotations

import openpyxl
import pytest

from xladdin import schema
from xladdin.errors import XladdinError
from xladdin.io import formats
from xladdin.io.bulk import run_import
from xladdin.io.soffice import sheet_values

from .conftest import HAND, HAND_ROWS, sha256, write_csv, write_xlsx

FR = {f.key: f.label("fr") for f in schema.FIELDS}
EN = {f.key: f.label("en") for f in schema.FIELDS}


def _decisions(path) -> dict[str, dict]:
    rows = sheet_values(path, "Décisions")
    head = rows[0]
    return {r[1]: dict(zip(head, r)) for r in rows[1:]}


def _check_hand(path, result):
    assert (result.rows_read, result.rows_assessed, result.rows_in_error) == (5, 4, 1)
    assert result.balanced
    d = _decisions(path)
    assert list(d) == ["A1", "A2", "A3", "A4", "A5"]                     # input order, nothing dropped
    assert [d[k]["Ligne"] for k in d] == [2, 3, 4, 5, 6]                   # spreadsheet lines, header = 1
    assert d["A1"]["Bourse"] == 16740 and d["A1"]["Statut"] == "éligible"
    assert d["A2"]["Bourse"] == 10900 and d["A2"]["Ressources"] == 21840
    assert d["A3"]["Statut"] == "non éligible" and d["A3"]["Motifs"] == "LBPE-16" and d["A3"]["Aide totale"] == 0
    assert d["A4"]["Statut"] == "erreur" and "part_time_ratio" in d["A4"]["Motifs"]
    assert d["A5"]["Prêt"] == 10900 and d["A5"]["Bourse"] == 0


@pytest.mark.parametrize("lang", ["fr", "en", "de"])
def test_every_label_names_its_own_key(lang):
    """Headers are matched by key or label: two fields whose labels fold alike would lose a column."""
    for f in schema.FIELDS:
        assert schema.resolve_header(f.key) == f.key
        assert schema.resolve_header(f.label(lang)) == f.key, f.label(lang)


CSV_VARIANTS = {
    "utf8-semicolon-keys": dict(sep=";", encoding="utf-8"),
    "utf8-bom-semicolon-fr": dict(sep=";", encoding="utf-8", bom=True, headers=FR),
    "cp1252-semicolon-fr": dict(sep=";", encoding="cp1252", headers=FR),
    "utf8-comma-en": dict(sep=",", encoding="utf-8", headers=EN),
    "cp1252-comma-keys": dict(sep=",", encoding="cp1252"),
}


@pytest.mark.parametrize("variant", list(CSV_VARIANTS))
def test_csv_as_excel_writes_it(tmp_path, variant):
    src = write_csv(tmp_path / "list.csv", HAND_ROWS, **CSV_VARIANTS[variant])
    before = sha256(src)
    out = tmp_path / "report.xlsx"
    _check_hand(out, run_import(src, out))
    assert sha256(src) == before                                          # the input is never touched


@pytest.mark.parametrize("headers", [None, FR, EN], ids=["keys", "fr", "en"])
def test_xlsx_with_keys_or_labels(tmp_path, headers):
    src = write_xlsx(tmp_path / "list.xlsx", HAND_ROWS, headers)
    out = tmp_path / "report.xlsx"
    _check_hand(out, run_import(src, out))


def test_xls_converted_by_libreoffice(tmp_path, lo):
    """Old .xls files (Excel 97-2003) are read by python-calamine like .xlsx."""
    src = write_xlsx(tmp_path / "list.xlsx", HAND_ROWS, FR)
    xls = lo(src, "xls")
    out = tmp_path / "report.xlsx"
    _check_hand(out, run_import(xls, out))


def test_report_sheets(tmp_path):
    src = write_csv(tmp_path / "list.csv", HAND_ROWS)
    out = tmp_path / "report.xlsx"
    run_import(src, out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Résumé", "Décisions", "Erreurs", "Audit"]
    dec = wb["Décisions"]
    assert list(dec.tables) == ["Decisions"] and dec.tables["Decisions"].ref == "A1:S6"
    assert dec.freeze_panes == "C2"
    assert dec["O2"].value == 16740 and dec["O2"].number_format == formats.MONEY        # CHF 16'740
    assert dec["D5"].value == "Noé"
    injected = dec["C5"]
    assert injected.value.startswith("=HYPERLINK") and injected.data_type == "s" and injected.quotePrefix
    err = wb["Erreurs"]
    assert [c.value for c in err[1]] == ["Ligne", "N° de dossier", "Colonne", "Clé", "Valeur", "Message"]
    assert [c.value for c in err[2]][:5] == [5, "A4", "Taux d'études", "part_time_ratio", "1.5"]
    audit = {r[0].value: r[1].value for r in wb["Audit"].iter_rows(min_row=2)}
    assert audit["Jeu de règles"] == "GE-2025" and audit["Version du jeu de règles"] == "1.0"
    assert audit["SHA-256 du fichier d'entrée"] == sha256(src)
    assert audit["Fichier d'entrée"] == "list.csv"
    assert (audit["Lignes lues"], audit["Dossiers évalués"], audit["Lignes en erreur"]) == (5, 4, 1)
    assert audit["Contrôle : lues = évaluées + en erreur"] == "OK"
    assert audit["Séparateur"] == ";" and audit["Encodage"] == "utf-8"
    digest_row = next(r[0].row for r in wb["Audit"].iter_rows(min_row=2) if r[1].value == sha256(src))
    assert wb["Audit"].row_dimensions[digest_row].height == 30      # 64 hex digits wrap: the row shows both lines
    summary = {r[0]: r[1] for r in sheet_values(out, "Résumé") if r and r[0]}
    assert summary["Lignes lues"] == HAND["rows"] and summary["Lignes en erreur (voir la feuille Erreurs)"] == 1
    assert summary["dont éligibles"] == HAND["eligible"] and summary["dont non éligibles"] == HAND["ineligible"]


def test_english_report(tmp_path):
    src = write_csv(tmp_path / "list.csv", HAND_ROWS)
    out = tmp_path / "report.xlsx"
    run_import(src, out, lang="en")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Summary", "Decisions", "Errors", "Audit"]
    assert wb["Decisions"]["G1"].value == "Status" and wb["Decisions"]["G2"].value == "eligible"


def test_unknown_columns_are_reported_not_lost(tmp_path):
    rows = [dict(r, remarque="à rappeler") for r in HAND_ROWS]
    src = write_csv(tmp_path / "list.csv", rows)
    out = tmp_path / "report.xlsx"
    result = run_import(src, out)
    assert result.unknown_columns == ["remarque"] and result.rows_read == 5
    audit = {r[0]: r[1] for r in sheet_values(out, "Audit")}
    assert audit["Colonnes ignorées (inconnues du schéma)"] == "remarque"


def test_empty_rows_and_ragged_rows_are_counted(tmp_path):
    """A line with cells beyond the header and a row with only an id are still rows: read = assessed + errors."""
    src = tmp_path / "list.csv"
    text = "applicant_id;level\r\nB1;tertiary\r\nB2;tertiary;extra\r\n;\r\nB4;nonsense\r\n"
    src.write_text(text, encoding="utf-8")
    result = run_import(src, tmp_path / "report.xlsx")
    assert result.rows_read == 4 and result.balanced
    assert result.rows_in_error == 2                  # line 4 has no file number, line 5 an unknown level


def test_output_is_never_the_input(tmp_path):
    src = write_xlsx(tmp_path / "list.xlsx", HAND_ROWS)
    before = sha256(src)
    with pytest.raises(XladdinError) as exc:
        run_import(src, src)
    assert exc.value.code == "output_is_input"
    link = tmp_path / "link.xlsx"
    link.symlink_to(src)
    with pytest.raises(XladdinError):
        run_import(src, link)
    assert sha256(src) == before


def test_a_crash_leaves_no_half_report(tmp_path, monkeypatch):
    """The report is written to a temporary file and renamed: a failure keeps the previous report intact."""
    from xladdin.io.report import audit

    src = write_csv(tmp_path / "list.csv", HAND_ROWS)
    out = tmp_path / "report.xlsx"
    out.write_bytes(b"previous report")

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(audit, "write", boom)
    with pytest.raises(RuntimeError):
        run_import(src, out)
    assert out.read_bytes() == b"previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["list.csv", "report.xlsx"]     # no temporary left


def test_error_values_are_written_as_text(tmp_path):
    """A bad cell's value goes to the errors sheet as typed, as text even when it looks like a formula."""
    rows = [dict(HAND_ROWS[0], permit="=2+3"), dict(HAND_ROWS[1], earnings="@SUM(1)")]
    src = write_csv(tmp_path / "list.csv", rows)
    out = tmp_path / "report.xlsx"
    assert run_import(src, out).rows_in_error == 2
    err = openpyxl.load_workbook(out)["Erreurs"]
    values = {row[3].value: row[4] for row in err.iter_rows(min_row=2)}
    assert values["permit"].value == "=2+3" and values["permit"].data_type == "s" and values["permit"].quotePrefix
    assert values["earnings"].value == "@SUM(1)" and values["earnings"].quotePrefix


def test_progress_bar_stages(tmp_path):
    """The CLI's rich bar: one task per stage, the report task counting every decision row."""
    import io

    from rich.console import Console
    from rich.progress import Progress

    from xladdin.io.cli import RichStages

    src = write_csv(tmp_path / "list.csv", HAND_ROWS * 1)
    progress = Progress(console=Console(file=io.StringIO(), force_terminal=True))
    with progress:
        run_import(src, tmp_path / "report.xlsx", progress=RichStages(progress))
    tasks = {t.description: t for t in progress.tasks}
    assert list(tasks) == ["Lecture du fichier", "Validation et calcul", "Écriture du rapport"]
    assert tasks["Écriture du rapport"].completed == 5 and all(t.finished for t in progress.tasks)


def test_xls_whose_extent_asks_for_too_much_memory_is_refused_cleanly(tmp_path, lo, monkeypatch):
    """A binary workbook cannot be sized before reading; it is read by a child process with a memory ceiling
    (xladdin.io.isolated). A list with a cell in IV65536, the last cell of an .xls grid, makes calamine build a
    65 536 × 256 range: under a 64 MB ceiling the child fails and the run says so (exit 3), no crash, no output."""
    from xladdin.io.bulk import run_import as run
    from xladdin.io.readers import InputFileError

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["applicant_id", "nationality"])
    ws.append(["A1", "CH"])
    ws["IV65536"] = "far"
    src = tmp_path / "far.xlsx"
    wb.save(src)
    xls = lo(src, "xls")
    monkeypatch.setenv("XLADDIN_MAX_READER_MB", "64")
    out = tmp_path / "report.xlsx"
    with pytest.raises(InputFileError) as err:
        run(xls, out)
    assert err.value.exit_code == 3
    assert "la lecture dépasse la mémoire permise (64 Mo, variable XLADDIN_MAX_READER_MB)" in err.value.text("fr")
    assert not out.exists()


def test_audit_rows_of_digests_show_them_whole(tmp_path):
    """Hex digits are as wide as digits: a batch's « Fichier n » rows (text, then the file's SHA-256) get the
    three lines LibreOffice prints them on; no line is cut off or printed over the next row."""
    folder = tmp_path / "lot"
    folder.mkdir()
    write_csv(folder / "a.csv", HAND_ROWS[:2])
    write_csv(folder / "b.csv", HAND_ROWS[2:])
    out = tmp_path / "report.xlsx"
    run_import(folder, out)
    audit = openpyxl.load_workbook(out)["Audit"]
    heights = {r[0].value: audit.row_dimensions[r[0].row].height for r in audit.iter_rows(min_row=2)}
    assert heights["Fichier 1"] == heights["Fichier 2"] == 45
