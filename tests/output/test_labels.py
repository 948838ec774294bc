"""Every file assess, import and compare write speaks the clerk's language: labels, enum labels, oui/non,
one money format, dates and times as dd.mm.yyyy (hh:mm), never a schema key or none/true/false."""

from __future__ import annotations

import csv
import re

import openpyxl
import pytest

from xladdin import schema
from xladdin.io import output

from .conftest import LANGS

RAW_WORDS = {"none", "true", "false", "partial", "full", "secondary_ii", "secondary_i_adult", "initial_sec2",
             "TRUE", "FALSE", "nan", "NaN"}
ISO = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2})?|[+-]\d{2}:\d{2}$")
SCHEMA_KEYS = set(schema.KEYS) | set(schema.OUTPUT_COLUMNS)
MONEY_HEADERS = {lang: {output.header(k, lang) for k in schema.OUTPUT_AMOUNTS} for lang in LANGS}


def _cells(path):
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                yield ws, cell


def _table_headers(ws) -> list[str]:
    return [c.value for c in ws[1] if c.value is not None]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("command", ["assess", "import", "compare"])
def test_workbook_words_are_the_language(outputs, command, lang):
    path = outputs[(command, lang)]
    for ws, cell in _cells(path):
        value = cell.value
        assert not isinstance(value, bool), f"{ws.title}!{cell.coordinate}: a TRUE/FALSE cell"
        if isinstance(value, str):
            assert value.strip() not in RAW_WORDS, f"{ws.title}!{cell.coordinate} = {value!r}"
            assert not ISO.search(value) or "SHA" in str(ws.cell(cell.row, 1).value), \
                f"{ws.title}!{cell.coordinate}: ISO date or time {value!r}"
    wb = openpyxl.load_workbook(path)
    decisions = wb.worksheets[0] if command != "import" else wb.worksheets[1]
    heads = _table_headers(decisions)
    assert not SCHEMA_KEYS & set(heads), heads
    if command != "compare":
        assert output.header("applicant_id", lang) in heads
        assert output.header("bursary", lang) in heads
        column = heads.index(output.header("independence", lang)) + 1
        shown = {decisions.cell(r, column).value for r in range(2, decisions.max_row + 1)} - {None, "—"}
        labels = {output.value_label("independence", c, lang) for c in ("none", "partial", "full")}
        assert shown and shown <= labels, (shown, labels)


@pytest.mark.parametrize("lang", LANGS)
def test_assess_yes_no_and_enum_labels(outputs, lang):
    ws = openpyxl.load_workbook(outputs[("assess", lang)]).worksheets[0]
    heads = _table_headers(ws)
    eligible = heads.index(output.header("eligible", lang)) + 1
    values = {ws.cell(r, eligible).value for r in range(2, ws.max_row + 1)} - {None}
    assert values <= set(output.words.YES_NO[lang]) and values


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("command", ["assess", "import", "compare"])
def test_one_money_format(outputs, command, lang):
    """Every cell holding francs carries THE money format; no other format shows thousands."""
    formats = set()
    for ws, cell in _cells(outputs[(command, lang)]):
        if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
            fmt = cell.number_format
            if "#" in fmt:
                formats.add(fmt)
    assert formats == {output.MONEY_FORMAT}, formats


def test_money_shows_swiss_in_libreoffice(tmp_path):
    """The one format prints 1'234'567 and -1'965 (LibreOffice, whatever its locale)."""
    import pandas as pd

    from xladdin.io import soffice

    frame = pd.DataFrame({"bursary": [1234567, -1965, 500, 0]})
    path = output.write_table(frame, tmp_path / "m.xlsx", lang="fr", title="m")
    shown = soffice.convert(path, soffice.CSV_AS_SHOWN, tmp_path / "csv").read_text(encoding="utf-8").splitlines()
    assert shown == ["Bourse", "1'234'567", "-1'965", "500", "0"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("command", ["assess-csv", "compare-csv"])
def test_csv_opens_in_columns(outputs, command, lang):
    raw = outputs[(command, lang)].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 byte-order mark"
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert len(rows[0]) > 5 and all(len(r) == len(rows[0]) for r in rows)
    assert not SCHEMA_KEYS & set(rows[0])
    words = {v for r in rows[1:] for v in r}
    assert not words & RAW_WORDS
    if command == "assess-csv":
        eligible = rows[0].index(output.header("eligible", lang))
        assert {r[eligible] for r in rows[1:]} - {""} <= set(output.words.YES_NO[lang])


def test_keys_mode_for_machines(applicants, tmp_path):
    from .conftest import invoke

    out = tmp_path / "r.csv"
    result = invoke("assess", applicants, "--out", out, "--keys", "--csv-dialect", "comma")
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode().splitlines()))
    assert list(rows[0]) == list(schema.OUTPUT_COLUMNS)
    assert {r["eligible"] for r in rows} - {""} <= {"true", "false"}
    assert {r["independence"] for r in rows} - {""} <= {"none", "partial", "full"}


def test_unknown_language_and_dialect_refused(applicants, tmp_path):
    from .conftest import invoke

    for args in (("--lang", "xx"), ("--csv-dialect", "tab")):
        result = invoke("assess", applicants, "--out", tmp_path / "r.csv", *args)
        assert result.exit_code == 2 and "Traceback" not in result.output
        assert "non prise en charge" in result.output or "inconnu" in result.output
    assert not (tmp_path / "r.csv").exists()


def test_timestamps_local_and_dated(outputs):
    """The audit's times are cells formatted dd.mm.yyyy hh:mm (no offset, no ISO text)."""
    wb = openpyxl.load_workbook(outputs[("import", "fr")])
    audit = wb["Audit"]
    stamps = [r[1] for r in audit.iter_rows(min_row=2) if r[0].value in ("Début du traitement", "Fin de l'écriture")]
    assert len(stamps) == 2
    for cell in stamps:
        assert cell.number_format == output.TIMESTAMP_FORMAT and cell.value.tzinfo is None


def test_parameter_label_from_the_rule_set():
    from xladdin import rules

    assert output.parameter_label("amounts.cap.tertiary", rules.load("GE-2025")) == \
        "Plafond tertiaire (amounts.cap.tertiary)"
    assert output.parameter_label("amounts.cap.tertiary", None, output.KEYS) == "amounts.cap.tertiary"
    missing = [(rs.id, n) for rs in rules.available().values() for n in rs.flat()
               if not output.parameter_description(n, rs)]
    assert not missing, missing


def test_money_text_and_dates():
    import datetime as dt

    assert output.money_text(-1965) == "-1'965" and output.money_text(1234567.4) == "1'234'567"
    assert output.date_text(dt.date(2025, 9, 1)) == "01.09.2025"
    assert output.timestamp_text(dt.datetime(2025, 9, 1, 8, 5)) == "01.09.2025 08:05"
    assert output.text(None, output.BOOL, "de") == "" and output.text(True, output.BOOL, "de") == "ja"
    assert output.text(12.345, output.AVERAGE) == "12.35" and output.text(3.0, output.INTEGER) == "3"
