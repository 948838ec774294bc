"""Fixtures of the output tests: the files a clerk gets from assess, import and compare, in fr, en and de,
read back with openpyxl and printed to PDF by LibreOffice; the printed text measured with pdfminer."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xladdin.cli import app
from xladdin.io import soffice

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "workbooks" / "sample-applicants.csv"
LANGS = ("fr", "en", "de")
runner = CliRunner()


def small_list(path: Path, rows: int = 40) -> Path:
    """The shipped list's first rows, plus one row with a bad cell (so the Errors sheet has a line)."""
    with SAMPLE.open(encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.reader(fh, delimiter=";"))
    header, body = lines[0], lines[1:rows + 1]
    bad = list(body[0])
    bad[header.index("applicant_id")] = "BAD-RATIO"
    bad[header.index("part_time_ratio")] = "1.5"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows([header, *body, bad])
    return path


def invoke(*args: str):
    result = runner.invoke(app, [str(a) for a in args])
    return result


@pytest.fixture(scope="session")
def applicants(tmp_path_factory) -> Path:
    return small_list(tmp_path_factory.mktemp("list") / "applicants.csv")


@pytest.fixture(scope="session")
def outputs(tmp_path_factory, applicants) -> dict[tuple[str, str], Path]:
    """{(command, lang): file}: assess (.xlsx and .csv), import (.xlsx), compare (.xlsx and .csv)."""
    folder = tmp_path_factory.mktemp("outputs")
    files = {}
    for lang in LANGS:
        for command, suffix, extra in (("assess", "xlsx", ()), ("assess", "csv", ()), ("import", "xlsx", ()),
                                       ("compare", "xlsx", ("--rules", "GE-2022,GE-2025")),
                                       ("compare", "csv", ("--rules", "GE-2022,GE-2025"))):
            out = folder / f"{command}-{lang}.{suffix}"
            result = invoke(command, applicants, "--out", out, "--lang", lang, *extra)
            assert result.exit_code == 0, result.output
            files[(command if suffix == "xlsx" else f"{command}-csv", lang)] = out
    return files


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory, outputs) -> dict[tuple[str, str], Path]:
    """Each generated workbook printed to PDF by LibreOffice."""
    if soffice.soffice_path() is None:
        pytest.fail("LibreOffice (soffice) is required: scripts/ensure-libreoffice.sh installs it")
    folder = tmp_path_factory.mktemp("pdf")
    return {key: soffice.convert(path, "pdf", folder / f"{key[0]}-{key[1]}")
            for key, path in outputs.items() if path.suffix == ".xlsx"}


def printed_chars(pdf: Path) -> list[list[dict]]:
    """Per page, each character with its printed size in points (font size times the text matrix's vertical
    scale: right for rotated text too) and its position; and the page's size."""
    from pdfminer.converter import PDFLayoutAnalyzer
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    pages: list[list[dict]] = []

    class Recorder(PDFLayoutAnalyzer):
        def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
            try:
                text = font.to_unichr(cid)
            except Exception:
                text = "?"
            a, b, c, d, e, f = matrix
            pages[-1].append({"text": text, "size": fontsize * math.hypot(c, d), "x": e, "y": f})
            return super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)

    manager = PDFResourceManager()
    device = Recorder(manager)
    interpreter = PDFPageInterpreter(manager, device)
    with open(pdf, "rb") as fh:
        for page in PDFPage.get_pages(fh):
            pages.append([])
            x0, y0, x1, y1 = page.mediabox
            pages[-1].append({"text": "", "size": None, "page": (x1 - x0, y1 - y0)})
            interpreter.process_page(page)
    return pages


def check_printed(pdf: Path) -> list[list[dict]]:
    """The pages of a PDF printed by LibreOffice, checked: every page A4 at most, no text under 8 pt, none off
    the page. Returns the pages (:func:`printed_chars`)."""
    from xladdin.io.output import MIN_PT

    a4 = (595.3, 841.9)
    pages = printed_chars(pdf)
    assert pages
    for n, page in enumerate(pages, start=1):
        width, height = page[0]["page"]
        assert min(width, height) <= a4[0] + 1 and max(width, height) <= a4[1] + 1, (n, width, height)
        small = [(c["text"], round(c["size"], 1)) for c in page[1:] if c["text"].strip() and c["size"] < MIN_PT - 0.05]
        assert not small, f"{Path(pdf).name} page {n}: text under {MIN_PT} pt: {small[:10]}"
        outside = [c["text"] for c in page[1:] if c["text"].strip() and not (0 <= c["x"] <= width)]
        assert not outside, f"{Path(pdf).name} page {n}: text off the page: {outside[:10]}"
    return pages

