"""Workbooks as clerks make them (built in each test with openpyxl, saved again by LibreOffice where a real
spreadsheet program matters) and the real commands run on them (typer's CliRunner)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from xladdin import schema
from xladdin.cli import app
from xladdin.io import soffice
from xladdin.io.guard import set_cell

# Ten applicants worked out in tests/io (A1-A5, and the same again as B1-B5): A4 and B4 are row errors.
from ..io.conftest import HAND_ROWS

TEN = HAND_ROWS + [dict(r, applicant_id="B" + r["applicant_id"][1:]) for r in HAND_ROWS]
KEYS = list(dict.fromkeys(k for r in TEN for k in r))
runner = CliRunner(env={"COLUMNS": "400"})


_BOX = re.compile(r"[╭╮╰╯│─━┃┏┓┗┛┡┩┠┨┯┷┿╇╈┳┻╋]+")


def plain(text: str) -> str:
    """Console text without rich's boxes, on one line."""
    return " ".join(_BOX.sub(" ", text).split())


def run(*args: str):
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, plain(result.output)


def refused(src: Path, tmp_path: Path, *fragments: str) -> None:
    """``assess`` and ``import`` both refuse ``src`` (exit 2) with a message holding ``fragments``, writing
    nothing and claiming no reconciliation."""
    for command in ("assess", "import"):
        code, text = run(command, src, "--out", tmp_path / "out.xlsx")
        assert code == 2, text
        assert all(f in text for f in fragments), text
        assert "[OK]" not in text and not (tmp_path / "out.xlsx").exists()


def fill(ws, rows: list[dict], *, first_line: int = 1, keys=KEYS, headers: dict | None = None) -> int:
    """A header on ``first_line`` and one row per applicant below; returns the last line written."""
    for c, key in enumerate(keys, start=1):
        ws.cell(row=first_line, column=c, value=(headers or {}).get(key, key))
    for r, row in enumerate(rows, start=first_line + 1):
        for c, key in enumerate(keys, start=1):
            set_cell(ws.cell(row=r, column=c), row.get(key))
    return first_line + len(rows)


def audit(path: Path) -> dict:
    wb = openpyxl.load_workbook(path, read_only=True)
    return {r[0]: r[1] for r in wb["Audit"].iter_rows(values_only=True) if r and r[0]}


def decisions(path: Path) -> list[dict]:
    wb = openpyxl.load_workbook(path, read_only=True)
    rows = list(wb["Décisions"].iter_rows(values_only=True))
    head = rows[0]
    return [dict(zip(head, r)) for r in rows[1:] if any(v is not None for v in r)]


@pytest.fixture
def lo(tmp_path):
    """``lo(path, to)``: the file converted (saved again) by headless LibreOffice, own profile."""
    if soffice.soffice_path() is None:
        pytest.skip("LibreOffice (soffice) is not installed: scripts/ensure-libreoffice.sh installs it")
    counter = iter(range(1000))

    def convert(path, to="xlsx"):
        return soffice.convert(path, to, tmp_path / f"lo-{next(counter)}", timeout=240)

    return convert


def fill_form(path: Path, values: dict[str, object], out: Path) -> Path:
    """Type ``values`` ({schema key: what a clerk types}) into an intake form, as a clerk does: each in the cell
    beside the field's French label (found by its text), under the « Valeur » column."""
    wb = openpyxl.load_workbook(path)
    ws = wb[wb.sheetnames[0]]
    value_column = next(c.column for row in ws.iter_rows() for c in row if c.value == "Valeur")
    by_label = {c.value: c.row for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for key, value in values.items():
        line = by_label[schema.BY_KEY[key].label("fr")]
        cell = ws.cell(row=line, column=value_column)
        cell.value = value
    wb.save(out)
    return out


def form_line(path: Path, key: str) -> int:
    """The line of a field in a form (found by its French label)."""
    wb = openpyxl.load_workbook(path, read_only=True)
    ws = wb[wb.sheetnames[0]]
    for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if schema.BY_KEY[key].label("fr") in row:
            return r
    raise KeyError(key)


# What a clerk types for applicant A2 of tests/io (earnings 30 000 → bursary 10 900): French words of the
# dropdowns, dates as the spreadsheet stores them.
A2_TYPED = {"applicant_id": "A2", "last_name": "Müller", "first_name": "Jürg", "birth_date": dt.datetime(2003, 5, 4),
            "nationality": "CH", "aid_domicile": "GE", "programme_kind": "Premier bachelor (université, EPF, HES)",
            "level": "tertiaire", "recognised": "oui", "regular_semesters": 6, "housing": "bail", "occupants": 1,
            "parents": "aucun", "application_date": dt.datetime(2025, 9, 15), "year_start": "15.09.2025",
            "earnings": 30000}
