"""German faces (Zurich, Bern, ``--lang de``): every message the reader and its row checks can give has German."""

import re
import string
from pathlib import Path

import pytest

from xladdin.bursary import inputs
from xladdin.bursary.assess import assess_full
from xladdin.errors import MESSAGES, XladdinError, in_language
from xladdin.errors_de import CELLS, MESSAGES as GERMAN
from xladdin.excel import convert
from xladdin.io import kinds, limits, redact

ROOT = Path(__file__).resolve().parents[2] / "xladdin"
RAISED = re.compile(r'(?:Error|_error)\(\s*"([a-z0-9_]+)"')
# the reader (files, sheets, headers, forms, limits), its cell and row checks, and the Excel functions' reading
READER = ["bursary/inputs.py", "bursary/assess.py", "io/readers.py", "io/kinds.py", "io/forms.py", "io/limits.py",
          "io/sheetscan.py", "io/bulk.py", "excel/convert.py"]


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_code_the_reader_raises_has_german():
    raised = {m.group(1) for where in READER for m in RAISED.finditer((ROOT / where).read_text(encoding="utf-8"))}
    assert len(raised) > 20, "the scan found too few raises"
    assert sorted(raised - set(GERMAN)) == []


def test_german_codes_exist_and_use_the_french_details():
    """A German text is keyed by a real code and asks for the French text's details (``_de`` where the detail is
    itself a sentence)."""
    for code, de in GERMAN.items():
        assert code in MESSAGES, code
        fr = _fields(MESSAGES[code][0])
        assert {f.removesuffix("_de") for f in _fields(de)} <= fr | {f.removesuffix("_en") for f in
                                                                   _fields(MESSAGES[code][1])}, code


def test_every_cell_kind_has_german_with_the_same_details():
    assert set(CELLS) == set(inputs._MESSAGES)
    for kind, de in CELLS.items():
        fr = _fields(inputs._MESSAGES[kind][0])
        assert {f.replace("_de", "_fr") for f in _fields(de)} == fr, kind


def test_cell_messages_in_german_name_line_column_and_value():
    a = assess_full([{"applicant_id": "B1", "birth_date": "31.02.2001", "housing": "Zimmer",
                      "student_children": "2", "student_children_le10": "3"},
                     {"applicant_id": "B1", "birth_date": "01.03.68", "nationality": "Schweiz"}],
                    rules="BE-2024", lang="de")
    de = a.errors["message_de"].tolist()
    assert "Zeile 2, Spalte «Geburtsdatum» (birth_date): unmögliches Datum «31.02.2001»: diesen Tag gibt es im " \
           "Kalender nicht" in de
    assert any(m.startswith("Zeile 2, Spalte «Wohnsituation» (housing): unbekannter Wert «Zimmer» (erwartet: bei "
                            "den Eltern") for m in de)
    assert "Zeile 3, Spalte «Dossiernummer» (applicant_id): doppelte Dossiernummer «B1» (bereits auf Zeile 2)" in de
    assert any("tippen Sie das ganze Jahr: 01.03.1968 oder 01.03.2068" in m for m in de)
    assert a.results["reasons"].iloc[1].startswith("Zeile 3, ")          # the decisions' reasons speak German too
    assert len(a.errors["message_de"]) == len(a.errors["message_fr"]) == len(a.errors)


def test_german_messages_under_redact_quote_no_value():
    a = assess_full([{"applicant_id": "B1", "birth_date": "31.02.2001"}], rules="BE-2024", lang="de", redact=True)
    (message,) = a.errors["message_de"]
    assert "31.02" not in message and "(Wert verdeckt, --redact)" in message
    shown = "Zeile 4, Spalte «Geburtsdatum» (birth_date): unmögliches Datum «31.02.2001»"
    assert redact.mask_message(shown) == "Zeile 4, Spalte «Geburtsdatum» (birth_date): Wert verdeckt (--redact)"


def test_file_messages_follow_the_language():
    err = XladdinError("file_missing", path="liste.xlsx")
    assert err.text("de") == "Datei nicht gefunden: liste.xlsx"
    assert err.text("fr") == "fichier introuvable : liste.xlsx"
    with pytest.raises(XladdinError) as got, in_language("de"):
        raise XladdinError("sheet_missing", path="a.xlsx", sheet="X", sheets="Liste")
    assert got.value.message == "Blatt «X» fehlt in a.xlsx (Blätter: Liste)"


def test_language_specific_details_are_german():
    with pytest.raises(XladdinError) as got:
        limits.check_size("gross.csv", 30 * limits.MB + limits.MB // 2, limits.Limits(max_bytes=limits.MB))
    assert got.value.text("de").startswith("Datei zu gross: gross.csv (30,5 MB, über der Grenze von 1 MB;")
    with pytest.raises(XladdinError) as got:
        limits.check_rows("x.csv", 12, limits.Limits(max_rows=10), last_line=13)
    assert "(letzte ausgefüllte Zeile: 13)" in got.value.text("de")
    text = kinds.refuse("bericht.xlsx", kinds.REPORT).text("de")
    assert text.startswith("bericht.xlsx ist keine Dossierliste: diese Datei ist ein xladdin-Verarbeitungsbericht")


def test_us_dates_refused_in_german():
    with pytest.raises(XladdinError) as got:
        assess_full([{"applicant_id": "B1", "birth_date": "09/15/2001"}], rules="BE-2024")
    assert "Zeile 2, Spalte «Geburtsdatum» (birth_date) «09/15/2001»" in got.value.text("de")


def test_a_code_without_german_prints_in_french():
    err = XladdinError("whatif_bad_range", spec="1:1:0")
    assert "whatif_bad_range" not in GERMAN
    assert err.text("de") == err.text("fr")


def test_excel_cells_show_german_messages():
    err = XladdinError("excel_bad_number", name="rent", value="abc")
    assert convert.message(err, convert.lang("de")) == "#XLADDIN! rent: Zahl unlesbar «abc»"
    assert convert.row_message("Zeile 2, Spalte «Miete» (rent): Zahl unlesbar «x»") == \
        "#XLADDIN! Spalte «Miete» (rent): Zahl unlesbar «x»"


def test_a_german_batch_report_speaks_german(tmp_path):
    """``xladdin import … --lang de``: the Fehler sheet, the decisions' reasons and the console in German."""
    import openpyxl
    from typer.testing import CliRunner

    from xladdin.cli import app

    src = tmp_path / "gesuche.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Dossiernummer", "Geburtsdatum", "Staatsangehörigkeit"])
    ws.append(["BE-1", "31.02.2003", "CH"])
    ws.append(["BE-2", "15.05.2004", "Schweiz"])
    wb.save(src)
    out = tmp_path / "bericht.xlsx"
    result = CliRunner().invoke(app, ["import", str(src), "--out", str(out), "--rules", "BE-2024", "--lang", "de"])
    assert result.exit_code == 0, result.output
    assert "Gelesene Zeilen: 2 = berechnet: 0 + fehlerhaft: 2 [OK]" in result.output
    assert "Blatt gelesen: «Sheet» von" in result.output
    report = openpyxl.load_workbook(out, read_only=True)
    rows = list(report["Fehler"].iter_rows(values_only=True))
    assert rows[0] == ("Zeile", "Dossiernummer", "Spalte", "Schlüssel", "Wert", "Meldung")
    assert rows[1][5] == ("Zeile 2, Spalte «Geburtsdatum» (birth_date): unmögliches Datum «31.02.2003»: diesen Tag "
                          "gibt es im Kalender nicht")
    assert rows[2][5].startswith("Zeile 3, Spalte «Staatsangehörigkeit» (nationality): zweistelliger ISO-Ländercode")
    refused = CliRunner().invoke(app, ["import", str(tmp_path / "fehlt.xlsx"), "--out", str(out), "--lang", "de"])
    assert refused.exit_code != 0 and "Datei nicht gefunden" in refused.output

