"""Every workbook assess, import and compare write prints on A4 at a readable size (LibreOffice → PDF, the
printed text measured character by character): nothing under 8 pt, no page larger than A4, the Audit counts
inside the page, the chart whole on one page, Décisions in landscape."""

from __future__ import annotations

import pytest

from xladdin.io.output import MIN_PT

from .conftest import LANGS, check_printed, printed_chars

A4 = (595.3, 841.9)
KEYS = [(command, lang) for command in ("assess", "import", "compare") for lang in LANGS]


@pytest.fixture(scope="module")
def printed(pdfs):
    return {key: printed_chars(path) for key, path in pdfs.items()}


@pytest.mark.parametrize("key", KEYS, ids=["-".join(k) for k in KEYS])
def test_readable_text_on_a4(pdfs, key):
    check_printed(pdfs[key])


def _pages_with(pages, text: str) -> list[int]:
    return [n for n, page in enumerate(pages) if text in "".join(c["text"] for c in page[1:])]


@pytest.mark.parametrize("lang", LANGS)
def test_audit_counts_inside_the_page(printed, lang):
    """The audit's counts print beside their labels, inside the page's width (they used to fall off it)."""
    pages = printed[("import", lang)]
    label = {"fr": "Lignes lues", "en": "Rows read", "de": "Gelesene Zeilen"}[lang]
    found = _pages_with(pages, label)
    assert found, label
    page = pages[found[-1]]
    width = page[0]["page"][0]
    digits = [c for c in page[1:] if c["text"].isdigit()]
    assert digits and max(c["x"] for c in digits) < width - 20


@pytest.mark.parametrize("lang", LANGS)
def test_chart_prints_whole_on_one_page(printed, lang):
    pages = printed[("import", lang)]
    title = {"fr": "Bourses octroyées par tranche", "en": "Bursaries granted by band",
             "de": "Gewährte Stipendien nach Bereich"}[lang]
    found = _pages_with(pages, title)
    assert len(found) == 1, found
    page = "".join(c["text"] for c in pages[found[0]][1:])
    assert "20'000 +" in page and "1 – 1'999" in page          # first and last bars' labels on that page


@pytest.mark.parametrize("lang", LANGS)
def test_decisions_landscape(printed, lang):
    pages = printed[("import", lang)]
    head = {"fr": "Type de formation", "en": "Kind of training", "de": "Ausbildungsart"}[lang]
    found = _pages_with(pages, head)
    assert found
    for n in found:
        width, height = pages[n][0]["page"]
        assert width > height


def test_openpyxl_sheet_prints_on_a4(tmp_path):
    """The page setup helper for openpyxl sheets (templates, what-if, credits): a wide sheet of text and money
    prints on A4 at 8 pt or more, with its header row repeated and its title in the page header."""
    import openpyxl

    from xladdin.io import output, soffice

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Scénarios"
    ws.append(["Paramètre", "Valeur", "Coût total", "Bénéficiaires", "Gagnants", "Perdants", "Remarque"])
    for i in range(120):
        ws.append([output.parameter_label("amounts.cap.tertiary", "GE"), 16000 + 100 * i, 41_000_000 + 7_919 * i,
                   700 + i, i, 2 * i, "variation du plafond tertiaire, toutes choses égales par ailleurs"])
        for col in (2, 3):
            ws.cell(row=i + 2, column=col).number_format = output.MONEY_FORMAT
    page = output.setup_openpyxl(ws, output.Page(title="What-if — applicants.xlsx", rules="GE-2025 v1.0"))
    assert ws.print_title_rows == "$1:$1" and ws.freeze_panes == "A2"
    assert int(ws.page_setup.paperSize) == output.A4 and page.landscape in (True, False)
    path = tmp_path / "whatif.xlsx"
    wb.save(path)
    pdf = soffice.convert(path, "pdf", tmp_path)
    pages = printed_chars(pdf)
    for page_chars in pages:
        width, height = page_chars[0]["page"]
        assert max(width, height) <= A4[1] + 1
        assert min(c["size"] for c in page_chars[1:] if c["text"].strip()) >= MIN_PT - 0.05
    text = "".join(c["text"] for c in pages[0][1:])
    assert "What-if — applicants.xlsx" in text and "Plafond tertiaire (amounts.cap.tertiary)" in text
    assert "41'000'000" in text
