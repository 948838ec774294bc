"""Every template in fr, en and de speaks that language and prints on A4 at a readable size.

Read back with openpyxl: headers and dropdown values are the language's labels (no schema key, no
``none/true/false``), one money format, no ISO date. Printed to PDF by LibreOffice and measured character by
character (tests/output): no text under 8 pt, no page larger than A4, the intake form on two portrait pages with
its results on the second.
"""

from __future__ import annotations

import re

import openpyxl
import pytest

from xladdin import schema
from xladdin.credits.inputs import STUDENT_COLUMNS, STUDENT_OPTIONAL
from xladdin.credits.output import header as credits_header
from xladdin.credits.sheet import COLUMNS as CATALOGUE_COLUMNS
from xladdin.excel.templates import KINDS, build
from xladdin.excel.templates.applicants import headers
from xladdin.excel.templates.common import LISTS_SHEET, choices
from xladdin.io import output, soffice

from tests.output.conftest import check_printed

LANGS = ("fr", "en", "de")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2})?")
RAW_WORDS = {"none", "true", "false"}
CANTONS = {"GE": "GE-2025", "ZH": "ZH-2021", "BE": "BE-2024"}


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """{(kind, lang): path}: every template in every language (Geneva), the catalogue filled with APHM2M, and
    the intake form of Zurich and Bern."""
    folder = tmp_path_factory.mktemp("templates")
    files = {}
    for lang in LANGS:
        for kind in KINDS:
            files[(kind, lang)] = build(kind, folder / f"{kind}-{lang}.xlsx", lang=lang)
        files[("catalogue-filled", lang)] = build("catalogue", folder / f"catalogue-filled-{lang}.xlsx", lang=lang,
                                                  catalogue="APHM2M")
    for canton, rules in CANTONS.items():
        if canton != "GE":
            lang = "de"
            files[(f"intake-{canton}", lang)] = build("intake", folder / f"intake-{canton}.xlsx", lang=lang,
                                                      rules=rules)
    return files


def cells(path, data_only=False, visible=True):
    """Every cell holding a value (with its number format) of the visible sheets, or of all of them; the cached
    values of formulas with ``data_only``."""
    wb = openpyxl.load_workbook(path, data_only=data_only)
    for ws in wb.worksheets:
        if visible and ws.sheet_state != "visible":
            continue
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    yield ws.title, c


@pytest.mark.parametrize("lang", LANGS)
def test_headers_are_the_languages_labels(made, lang):
    intake = openpyxl.load_workbook(made[("intake", lang)]).worksheets[0]
    labels = [intake.cell(row=r, column=2).value for r in range(4, 4 + len(schema.fields_for("GE")))]
    assert sorted(labels) == sorted(f.label(lang) for f in schema.fields_for("GE"))       # in sections
    results = {c.value for row in intake.iter_rows(min_col=2, max_col=2) for c in row}
    assert schema.output_label("bursary", lang) in results and schema.output_label("independence", lang) in results

    applicants = openpyxl.load_workbook(made[("applicants", lang)]).worksheets[0]
    assert [c.value for c in applicants[1]] == headers(lang)

    for kind, keys in (("catalogue", CATALOGUE_COLUMNS), ("programme", STUDENT_COLUMNS + STUDENT_OPTIONAL)):
        ws = openpyxl.load_workbook(made[(kind, lang)]).worksheets[0]
        heads = [c.value for c in ws[1]]
        assert heads == [credits_header(k, lang) for k in keys]
        assert not set(heads) & {k for k in keys if "_" in k or k.islower()}, kind        # no key left

    whatif = openpyxl.load_workbook(made[("whatif", lang)]).worksheets[0]
    head = [c.value for c in whatif[4]]
    assert head[0] == {"fr": "Paramètre", "en": "Parameter", "de": "Parameter"}[lang]
    assert head[2] == {"fr": "Scénario", "en": "Scenario", "de": "Szenario"}[lang]
    assert whatif["A5"].value.endswith(")") and "(" in whatif["A5"].value          # description (name)


@pytest.mark.parametrize("lang", LANGS)
def test_dropdowns_offer_the_languages_words_that_the_reader_accepts(made, lang):
    from xladdin.bursary.inputs import parse, table_from

    wb = openpyxl.load_workbook(made[("intake", lang)])
    lists = wb[LISTS_SHEET[lang]]
    offered = {c.value for row in lists.iter_rows(min_row=2) for c in row if c.value is not None}
    if lang != "en":                                     # English says "none" for aucune / keine
        assert not offered & RAW_WORDS
    for key in ("p1_canton", "parental_authority", "main_custody", "independence", "housing", "level"):
        words = choices(schema.BY_KEY[key], lang)
        assert set(words) <= offered
        assert not {"p1", "p2"} & set(words)                          # codes are never offered
        if lang != "en":                                             # English words that are also the codes
            assert not {"abroad", "joint"} & set(words)
        # each word typed into a list is read as its code
        frame, lines, _ = table_from([{"applicant_id": str(i), key: w} for i, w in enumerate(words)])
        parsed = parse(frame, lines)
        assert not parsed.row_error.any(), (key, words)
        assert list(parsed.cols[key]) == list(range(len(schema.BY_KEY[key].values)))


def test_the_cached_result_shows_labels(tmp_path):
    from tests.io.conftest import HAND_ROWS, write_csv
    from xladdin.excel.templates.intake import applicant_from_file

    src = write_csv(tmp_path / "list.csv", HAND_ROWS)
    path = build("intake", tmp_path / "form.xlsx", applicant=applicant_from_file(src, "A1"))
    values = {c.value for _, c in cells(path, data_only=True, visible=False)}
    assert "aucune" in values or "partielle" in values or "totale" in values
    assert not values & RAW_WORDS


@pytest.mark.parametrize("canton", CANTONS)
def test_a_form_cites_only_its_cantons_laws(canton, tmp_path):
    """The Geneva form cites LBPE art. 18 al. 6 for a parent's court-ordered maintenance, not Zurich's VAB or
    Bern's ABV; the Zurich and Bern forms cite their own laws only, in the column and in the comments."""
    from xladdin import rules

    ws = openpyxl.load_workbook(build("intake", tmp_path / "form.xlsx", rules=CANTONS[canton])).worksheets[0]
    articles = [ws.cell(row=r, column=4).value for r in range(4, ws.max_row + 1)]
    laws = {part.split()[0] for a in articles if a for part in a.split(" ; ")}
    assert laws & rules.load(CANTONS[canton]).laws, laws
    foreign = {"GE": {"VAB", "ABV", "ABG", "BiG"}, "ZH": {"LBPE", "RBPE", "ABV", "ABG"},
               "BE": {"LBPE", "RBPE", "VAB", "BiG"}}[canton]
    assert not laws & foreign
    comments = " ".join(ws.cell(row=r, column=2).comment.text for r in range(4, ws.max_row + 1)
                        if ws.cell(row=r, column=2).comment)
    assert not any(f"\n{law} " in comments or f" ; {law} " in comments for law in foreign)
    if canton == "GE":
        assert "LBPE art. 18 al. 6" in articles and not any("VAB" in (a or "") for a in articles)


@pytest.mark.parametrize("kind", [*KINDS, "catalogue-filled"])
@pytest.mark.parametrize("lang", LANGS)
def test_one_money_format_and_no_iso_dates(made, kind, lang):
    formats = set()
    for sheet, c in cells(made[(kind, lang)]):
        if "#" in c.number_format:
            formats.add(c.number_format)
        if isinstance(c.value, str):
            assert not ISO_DATE.search(c.value), (sheet, c.coordinate, c.value)
    assert formats <= {output.MONEY_FORMAT}


@pytest.fixture(scope="module")
def pdfs(made, tmp_path_factory):
    if soffice.soffice_path() is None:
        pytest.fail("LibreOffice (soffice) is required: scripts/ensure-libreoffice.sh installs it")
    folder = tmp_path_factory.mktemp("pdf")
    return {key: soffice.convert(path, "pdf", folder / f"{key[0]}-{key[1]}") for key, path in made.items()}


@pytest.mark.parametrize("kind", [*KINDS, "catalogue-filled"])
@pytest.mark.parametrize("lang", LANGS)
def test_prints_on_a4_at_8_pt_or_more(pdfs, kind, lang):
    check_printed(pdfs[(kind, lang)])


@pytest.mark.parametrize("key", [("intake", "fr"), ("intake", "en"), ("intake", "de"), ("intake-ZH", "de"),
                                 ("intake-BE", "de")], ids="-".join)
def test_the_intake_form_prints_on_two_portrait_pages_results_last(pdfs, key):
    pages = check_printed(pdfs[key])
    assert len(pages) == 2
    assert all(page[0]["page"][0] < page[0]["page"][1] for page in pages)            # portrait
    result = {"fr": "Résultat", "en": "Result", "de": "Ergebnis"}[key[1]]
    assert result not in "".join(c["text"] for c in pages[0][1:])
    assert result in "".join(c["text"] for c in pages[1][1:])
