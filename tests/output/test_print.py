"""Every workbook assess, import and compare write prints on A4 at a readable size (LibreOffice → PDF, the
printed text measured character by character): nothing under 8 pt, no page larger than A4, the Audit counts
inside the page, the chart whole on one page, Décisions in landscape."""

from __future__ import annotations

import pytest

from .conftest import LANGS, check_printed, printed_chars

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
    head = {"fr": "Type de", "en": "Kind of", "de": "Ausbildungsart"}[lang]
    found = _pages_with(pages, head)
    assert found
    for n in found:
        width, height = pages[n][0]["page"]
        assert width > height
