"""``credits check|transcript|admission|export`` in fr, en and de: headers and values in the language (no
``severity=warning``, no schema key), averages to 2 decimals, one CSV dialect a Swiss Excel opens; each workbook
printed by LibreOffice on A4 at 8 pt or more."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from tests.output.conftest import check_printed
from xladdin.cli import app
from xladdin.io import soffice

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]
STUDENTS = ROOT / "workbooks" / "credits-students.csv"
APPLICANTS = ROOT / "workbooks" / "credits-applicants.csv"
LANGS = ("fr", "en", "de")
COMMANDS = {"check": [str(STUDENTS)], "transcript": [str(STUDENTS)], "admission": [str(APPLICANTS)], "export": []}
HEAD = {  # command -> lang -> first headers
    "check": {"fr": ["Matricule", "Code", "Gravité"], "en": ["Student number", "Code", "Severity"],
              "de": ["Matrikelnummer", "Code", "Schweregrad"]},
    "admission": {"fr": ["N° de candidat", "Code", "Gravité"], "en": ["Applicant number", "Code", "Severity"],
                  "de": ["Bewerbernummer", "Code", "Schweregrad"]},
    "transcript": {"fr": ["Matricule", "Bloc", "Lignes"], "en": ["Student number", "Bloc", "Rows"],
                   "de": ["Matrikelnummer", "Block", "Zeilen"]},
    "export": {"fr": ["Type de ligne", "Code"], "en": ["Row kind", "Code"], "de": ["Zeilenart", "Code"]},
}
SEVERITY = {"fr": {"erreur", "avertissement", "information"}, "en": {"error", "warning", "information"},
            "de": {"Fehler", "Warnung", "Hinweis"}}
KEYS = {"student_id", "severity", "message_fr", "credits_acquired", "weighted_average", "kind", "applicant_id"}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("credits")
    out = {}
    for command, inputs in COMMANDS.items():
        for lang in LANGS:
            for suffix in ("xlsx", "csv"):
                path = folder / f"{command}-{lang}.{suffix}"
                result = runner.invoke(app, ["credits", command, "APHM2M", *inputs, "--out", str(path),
                                             "--lang", lang])
                assert result.exit_code == 0, result.output
                out[(command, lang, suffix)] = path
    return out


def _sheet(path):
    ws = openpyxl.load_workbook(path).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    return ws, rows[0], rows[1:]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("command", COMMANDS)
def test_headers_and_values_in_the_language(files, command, lang):
    ws, head, body = _sheet(files[(command, lang, "xlsx")])
    assert list(head[:len(HEAD[command][lang])]) == HEAD[command][lang]
    assert not KEYS & set(head)
    texts = {v for row in body for v in row if isinstance(v, str)}
    assert not {"true", "false", "warning" if lang != "en" else "severity=warning", "review"} & texts
    if command in ("check", "admission"):
        severities = {row[2] for row in body}
        assert severities <= SEVERITY[lang]
    if command == "transcript":
        column = list(head).index({"fr": "Moyenne pondérée", "en": "Weighted average",
                                   "de": "Gewichteter Durchschnitt"}[lang]) + 1
        cells = [ws.cell(row=r, column=column) for r in range(2, ws.max_row + 1)]
        assert all(c.number_format == "0.00" for c in cells if c.value is not None)
        assert all(c.value == round(c.value, 2) for c in cells if c.value is not None)
    if command == "export":
        kinds = {row[0] for row in body}
        assert {"fr": "cours", "en": "course", "de": "Kurs"}[lang] in kinds


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("command", COMMANDS)
def test_csv_as_swiss_excel_opens_it(files, command, lang):
    path = files[(command, lang, "csv")]
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(path.open(encoding="utf-8-sig"), delimiter=";"))
    assert rows[0][:len(HEAD[command][lang])] == HEAD[command][lang]
    assert len({len(r) for r in rows}) == 1                       # every line in the same columns
    if command == "transcript":
        column = rows[0].index({"fr": "Moyenne pondérée", "en": "Weighted average",
                                "de": "Gewichteter Durchschnitt"}[lang])
        averages = [r[column] for r in rows[1:] if r[column]]
        assert averages and all(len(a.split(".")[1]) == 2 for a in averages)       # 12.69, not 12.685714...


@pytest.fixture(scope="module")
def pdfs(files, tmp_path_factory):
    if soffice.soffice_path() is None:
        pytest.fail("LibreOffice (soffice) is required: scripts/ensure-libreoffice.sh installs it")
    folder = tmp_path_factory.mktemp("pdf")
    return {key: soffice.convert(path, "pdf", folder / "-".join(key))
            for key, path in files.items() if key[2] == "xlsx" and (key[1] == "fr" or key[0] != "export")}


@pytest.mark.parametrize("key", [(c, lang) for c in COMMANDS for lang in LANGS if lang == "fr" or c != "export"],
                         ids="-".join)
def test_prints_on_a4_at_8_pt_or_more(pdfs, key):
    pages = check_printed(pdfs[(*key, "xlsx")])
    assert all(page[0]["page"][0] > page[0]["page"][1] for page in pages)          # landscape: wide tables
