"""Letters as PDF through LibreOffice headless (few tests: one soffice start converts all the letters of a run)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader

from xladdin import rules
from xladdin.io import soffice
from xladdin.letters import texts
from xladdin.letters.cli import produce
from xladdin.letters.context import money

from .test_letters import TIME_LIMITS

pytestmark = pytest.mark.skipif(soffice.soffice_path() is None,
                                reason="LibreOffice (soffice) is not installed: scripts/ensure-libreoffice.sh installs it")


def pdf_text(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(str(path)).pages]


def test_pdf_and_one_pdf(covering, tmp_path):
    rule_id, path = covering
    rs = rules.load(rule_id)
    own = texts.canton(rs.canton)
    lang = texts.office_lang(rs.canton)
    one = tmp_path / "print-room.pdf"
    assessment, letters, paths = produce(path, tmp_path / "letters", rules=rule_id, pdf=True, one_pdf=one)
    merged = pdf_text(one)
    starts, page = [], 0
    for letter in letters:
        if not letter.produced:
            assert not paths.get(letter.position)
            continue
        pdf = paths[letter.position].with_suffix(".pdf")
        pages = pdf_text(pdf)
        assert merged[page:page + len(pages)] == pages          # each letter starts on a new page of the merge
        starts.append(page)
        page += len(pages)
        text = " ".join(pages)
        row = assessment.results.iloc[letter.position]
        for key in ("bursary", "loan", "aid", "needs", "resources"):
            if pd.notna(row[key]):          # FR: a refusal decided before an amount of the missing annex
                assert money(int(row[key])) in text, key
        for code in filter(None, str(row["reasons"]).split(";")):
            assert own["reasons"][code]["article"] in text
            assert " ".join(own["reasons"][code][lang].split()[:6]) in text
        assert {"GE": "LBPE art. 28", "ZH": "VAB § 31", "BE": "ABG Art. 21", "VD": "LAEF art. 42",
                "FR": "LBPE art. 22", "VS": "LBPE art. 28 al. 1"}[rs.canton] in text
        assert TIME_LIMITS[rs.canton][lang] in text
    assert page == len(merged)                                   # page count = sum of the letters' pages
    assert all(letter.context["file_number"] in merged[s] for s, letter in
               zip(starts, [x for x in letters if x.produced]))
    assert not list((tmp_path / "letters").glob(".*"))           # no temporary file left


def test_soffice_missing_says_how_to_install(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from xladdin.cli import app

    sample = Path(__file__).resolve().parents[2] / "workbooks" / "sample-applicants.csv"
    monkeypatch.setattr(soffice, "soffice_path", lambda: None)
    result = CliRunner().invoke(app, ["decisions", str(sample), "--out", str(tmp_path), "--id", "CASE-LBPE-3",
                                      "--one-pdf", str(tmp_path / "all.pdf")])
    assert result.exit_code == 2
    assert "libreoffice-writer-nogui" in result.output and not (tmp_path / "all.pdf").exists()
