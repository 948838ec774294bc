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

