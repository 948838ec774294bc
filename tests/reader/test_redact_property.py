"""Redaction by construction (issue 16 item 3): under ``--redact`` no substring of 6 or more characters of any
personal cell (last name, first name, birth date) appears in any output or on the console, whatever the cells
contain: a birth date reading ``inconnu | Marie-Claire DUPONT, AVS 756…``, a name with an unquoted ``;`` that
shifts the rest of its row (the birth date lands under the nationality), a US date that refuses the file.

Checked through the real commands (``assess`` to .csv and .xlsx, ``import`` to the .xlsx report, ``compare``), every cell of
every sheet read back, and the console. A 6-gram counts as personal unless the same command on the same list with
the personal cells left empty prints it too (the vocabulary of messages and reports is not a leak).
"""

from __future__ import annotations

import csv

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.bursary.conftest import BASE
from xladdin.cli import app

runner = CliRunner(env={"COLUMNS": "200"})
PERSONAL = ("last_name", "first_name", "birth_date")
KEYS = ["applicant_id", *PERSONAL, *(k for k in BASE if k not in ("applicant_id", "birth_date"))]


def _write(path, rows: list[dict], unquoted: set[int]) -> None:
    """A ';' list as Excel writes it; the rows in ``unquoted`` written by hand without quoting (a ';' in a cell
    shifts the rest of the row)."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        writer.writerow(KEYS)
        for i, row in enumerate(rows):
            cells = ["" if row.get(k) is None else str(row[k]) for k in KEYS]
            if i in unquoted:
                fh.write(";".join(cells) + "\r\n")
            else:
                writer.writerow(cells)


def _cells(path) -> list[str]:
    if path.suffix == ".csv":
        return [path.read_text(encoding="utf-8-sig")]
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return [str(c) for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python() for c in row]


def _everything(tmp, src, redact: bool) -> str:
    """The console and every output of assess (.csv, .xlsx) and import (report) on ``src``, as one text."""
    texts = []
    flag = ["--redact"] if redact else []
    runs = (("assess", tmp / "d.csv", []), ("assess", tmp / "d.xlsx", []), ("import", tmp / "r.xlsx", ["--quiet"]),
            ("compare", tmp / "c.xlsx", ["--rules", "GE-2025,GE-2022"]))
    for command, out, more in runs:
        out.unlink(missing_ok=True)
        res = runner.invoke(app, [command, str(src), "--out", str(out), *flag, *more])
        texts.append(res.output)
        if res.exception is not None and not isinstance(res.exception, SystemExit):
            raise res.exception
        if out.exists():
            texts.extend(_cells(out))
    return "\n".join(texts)


def _grams(text: str) -> set[str]:
    return {text[i:i + 6] for i in range(len(text) - 5)}


personal_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)


@st.composite
def listings(draw):
    n = draw(st.integers(1, 3))
    rows, unquoted = [], set()
    for i in range(n):
        row = dict(BASE, applicant_id=f"R{i}")
        for key in PERSONAL:
            row[key] = draw(st.one_of(personal_text, st.sampled_from(["", "Marie-Claire", "01.03.2005"])))
        rows.append(row)
        if draw(st.booleans()):
            unquoted.add(i)
    return rows, unquoted


def _check(tmp_path, rows, unquoted):
    src = tmp_path / "liste.csv"
    _write(src, rows, unquoted)
    shared = _everything(tmp_path, src, redact=True)
    _write(src, [dict(r, **dict.fromkeys(PERSONAL, "")) for r in rows], unquoted)
    control = _grams(_everything(tmp_path, src, redact=True))
    leaked = {g for row in rows for key in PERSONAL for g in _grams(str(row[key])) - control if g in shared}
    assert not leaked, leaked


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(listings())
@example(([dict(BASE, applicant_id="R0", last_name="DUPONT", first_name="Marie-Claire",
                birth_date="inconnu | Marie-Claire DUPONT, AVS 756.1234.5678.97")], set()))
@example(([dict(BASE, applicant_id="R0", last_name="DUPONT; Marie-Claire", first_name="Hélène-Sophie",
                birth_date="14.07.1999")], {0}))
@example(([dict(BASE, applicant_id="R0", last_name="Zimmermann", first_name="Anastasia", birth_date="09/15/2004"),
           dict(BASE, applicant_id="R1", last_name="Rochat", first_name="Léandre", birth_date="06/09/2004")], set()))
def test_no_personal_substring_anywhere_under_redact(tmp_path, lists):
    rows, unquoted = lists
    _check(tmp_path, rows, unquoted)


def test_the_issue_examples_leak_without_redact(tmp_path):
    """The control: without --redact the same outputs do quote them (so the property above is not vacuous)."""
    src = tmp_path / "liste.csv"
    _write(src, [dict(BASE, applicant_id="R0", last_name="DUPONT; Marie", first_name="x",
                      birth_date="inconnu | AVS 756.1234.5678.97")], {0})
    text = _everything(tmp_path, src, redact=False)
    assert "756.1234" in text or "Marie" in text
