"""Every file of the bad-input corpus (``make_corpus.py``) through the real commands ``assess`` and ``import``.

A file refused whole: exit code 3, a French message naming what is wrong (English with ``--lang en``), no
traceback, no output file (and a previous output left as it was), the input's bytes unchanged. A file read:
exit code 0, one output row per input row in input order with its file number, the bad rows as error rows with
their message, the input's bytes unchanged.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from tests.hardening.conftest import ROOT, plain, sha256
from tests.hardening.make_corpus import build
from xladdin.cli import app
from xladdin.io.guard import unguard

runner = CliRunner(env={"COLUMNS": "400"})
LISTED = build("unwritten", write=False)                   # names and expectations, for collection


def _cases(expect: str, child: bool = False) -> list[str]:
    return [c.name for c in LISTED if c.expect == expect and c.child == child]


def _args(command: str, src, out, case) -> list[str]:
    # the decisions CSV read back by a machine: schema keys and ',' (--keys --csv-dialect comma)
    base = ["assess", str(src), "--out", str(out), "--keys", "--csv-dialect", "comma"] if command == "assess" else \
        ["import", str(src), "--out", str(out), "--quiet"]
    return base + list(case.options)


def _out(tmp_path, command: str):
    return tmp_path / ("decisions.csv" if command == "assess" else "rapport.xlsx")


def _clean_run(result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


@pytest.mark.parametrize("command", ["assess", "import"])
@pytest.mark.parametrize("name", _cases("refused"))
def test_refused_whole(corpus, name, command, tmp_path, monkeypatch):
    case = corpus[name]
    for key, value in case.env.items():
        monkeypatch.setenv(key, value)
    before = sha256(case.path)
    out = _out(tmp_path, command)

    result = runner.invoke(app, _args(command, case.path, out, case))
    text = plain(result.output)
    assert result.exit_code == case.exit_code == 3, text
    _clean_run(result)
    for expected in case.fr:
        assert expected in text, (expected, text)
    assert list(tmp_path.iterdir()) == []                       # no output, no temporary file left

    out.write_bytes(b"previous run")                            # in English, over an earlier output
    result = runner.invoke(app, _args(command, case.path, out, case) + ["--lang", "en"])
    text = plain(result.output)
    assert result.exit_code == 3, text
    _clean_run(result)
    for expected in case.en:
        assert expected in text, (expected, text)
    assert out.read_bytes() == b"previous run" and list(tmp_path.iterdir()) == [out]
    assert sha256(case.path) == before


def _assess_rows(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("name", _cases("rows"))
def test_read_with_bad_rows_reported_by_assess(corpus, name, tmp_path):
    case = corpus[name]
    before = sha256(case.path)
    out = tmp_path / "decisions.csv"
    result = runner.invoke(app, _args("assess", case.path, out, case))
    assert result.exit_code == 0, plain(result.output)
    _clean_run(result)
    rows = _assess_rows(out)
    assert len(rows) == case.rows
    assert [unguard(r["applicant_id"]) for r in rows] == case.ids          # every row, in order, its own id
    errors = {i: r["reasons"] for i, r in enumerate(rows) if r["eligible"] == ""}
    assert set(errors) == set(case.bad), errors
    for i, expected in case.bad.items():
        assert expected in errors[i] and errors[i].startswith(f"ligne {i + 2}, colonne "), errors[i]
    assert f"Dossiers en erreur {len(case.bad)}" in plain(result.output)
    if case.bad:                                                           # the same rows, in English
        result = runner.invoke(app, _args("assess", case.path, out, case) + ["--lang", "en"])
        english = {i: r["reasons"] for i, r in enumerate(_assess_rows(out)) if r["eligible"] == ""}
        assert set(english) == set(case.bad)
        assert all(text.startswith(f"line {i + 2}, column ") for i, text in english.items()), english
    assert sha256(case.path) == before


@pytest.mark.parametrize("name", _cases("rows"))
def test_read_with_bad_rows_reported_by_import(corpus, name, tmp_path):
    from python_calamine import CalamineWorkbook

    case = corpus[name]
    before = sha256(case.path)
    out = tmp_path / "rapport.xlsx"
    result = runner.invoke(app, _args("import", case.path, out, case))
    text = plain(result.output)
    assert result.exit_code == 0, text
    _clean_run(result)
    n, bad = case.rows, len(case.bad)
    assert f"Lignes lues : {n} = évaluées : {n - bad} + en erreur : {bad} [OK]" in text
    book = CalamineWorkbook.from_path(str(out))
    decisions = book.get_sheet_by_name("Décisions").to_python()
    head = decisions[0]
    got_ids = [r[head.index("N° de dossier")] for r in decisions[1:]]
    statuses = [r[head.index("Statut")] for r in decisions[1:]]
    assert got_ids == case.ids
    assert [i for i, s in enumerate(statuses) if s == "erreur"] == sorted(case.bad)
    errors = book.get_sheet_by_name("Erreurs").to_python()[1:]
    for i, expected in case.bad.items():
        assert any(int(e[0]) == i + 2 and expected in e[5] for e in errors), (i, errors)
    assert sha256(case.path) == before


REAL_PROCESS = [("corner.xlsx", "assess"), ("corner.xlsx", "import"), ("wide.xlsx", "assess"),
                ("far_below.xlsx", "import"), ("not_a_zip.xlsx", "assess")]


def test_refused_in_a_real_process(corpus, tmp_path):
    """The real ``xladdin`` process: exit code 3 and the message on stderr. Without the sheet sizing,
    ``corner.xlsx`` (A1 and XFD1048576) makes calamine ask for 550 GB and the process aborts (SIGABRT: exit
    code -6, no message at all). The processes run side by side."""
    env = {**os.environ, "COLUMNS": "400", "PYTHONPATH": str(ROOT)}
    before = {name: sha256(corpus[name].path) for name, _ in REAL_PROCESS}
    runs = []
    for i, (name, command) in enumerate(REAL_PROCESS):
        case = corpus[name]
        folder = tmp_path / str(i)
        folder.mkdir()
        args = [sys.executable, "-m", "xladdin.cli", *_args(command, case.path, _out(folder, command), case)]
        runs.append((case, folder, subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                                    env=env)))
    for case, folder, run in runs:
        stdout, stderr = run.communicate(timeout=180)
        assert run.returncode == 3, (case.name, run.returncode, stderr[-2000:])
        assert "Traceback" not in stdout + stderr
        message = plain(stderr)
        for expected in case.fr:
            assert expected in message, message
        assert list(folder.iterdir()) == []
    assert {name: sha256(corpus[name].path) for name, _ in REAL_PROCESS} == before


def test_the_corpus_covers_the_issue(corpus):
    """Every kind of bad input the issue lists has at least one case (and each case says what it expects)."""
    kinds = {c.code for c in corpus.values() if c.expect == "refused"}
    assert {"file_empty", "file_no_rows", "file_corrupt", "file_bomb", "file_bomb_ratio", "file_xml_dtd", "too_many_rows",
            "too_many_columns", "too_many_cells", "file_too_large", "file_binary"} <= kinds
    read = {name for name, c in corpus.items() if c.expect == "rows"}
    assert {"utf16_bom.csv", "cp1252.csv", "mixed_separators.csv", "duplicate_ids.csv", "text_in_numbers.csv",
            "dates_before_1900.csv", "absurd_amounts.csv", "merged_header.xlsx", "formulas_errors.xlsx",
            "million_formatted_rows.xlsx"} <= read
    assert set(_cases("refused")) | set(_cases("refused", child=True)) | set(_cases("rows")) == set(corpus)
