"""Fixtures of the template tests: LibreOffice (shared with tests/io) and a built template per kind."""

from __future__ import annotations

import pytest

from tests.io.conftest import lo  # noqa: F401  (the LibreOffice fixture, shared with tests/io)
from xladdin.excel.templates import build


@pytest.fixture
def template(tmp_path):
    """``template(kind, lang="fr", **options)`` → path of the generated workbook."""

    def make(kind, lang="fr", **options):
        return build(kind, tmp_path / f"{kind}-{lang}.xlsx", lang=lang, **options)

    return make


def check_printed(pdf) -> list[list[dict]]:
    """The pages of a PDF printed by LibreOffice (tests/output measures each character), checked: every page
    A4 at most, no text under 8 pt, none off the page. Returns the pages."""
    from tests.output.conftest import printed_chars
    from xladdin.io.output import MIN_PT

    a4 = (595.3, 841.9)
    pages = printed_chars(pdf)
    assert pages
    for n, page in enumerate(pages, start=1):
        width, height = page[0]["page"]
        assert min(width, height) <= a4[0] + 1 and max(width, height) <= a4[1] + 1, (n, width, height)
        small = [(c["text"], round(c["size"], 1)) for c in page[1:] if c["text"].strip() and c["size"] < MIN_PT - 0.05]
        assert not small, f"{pdf.name} page {n}: text under {MIN_PT} pt: {small[:10]}"
        outside = [c["text"] for c in page[1:] if c["text"].strip() and not (0 <= c["x"] <= width)]
        assert not outside, f"{pdf.name} page {n}: text off the page: {outside[:10]}"
    return pages
