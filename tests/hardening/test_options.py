"""``--lang`` and ``--reference-date`` (issue 16 §6): one definition (:mod:`xladdin.options`), the same refusal on
every command that has them, before any file is read or written; a reference date is bounded like the input
dates (01.01.1900–31.12.2199)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tests.hardening.conftest import ROOT, plain
from xladdin.cli import app

runner = CliRunner(env={"COLUMNS": "400"})
SAMPLE = str(ROOT / "workbooks" / "sample-applicants.csv")


def commands(out: str) -> dict[str, list[str]]:
    """Every command with ``--lang`` or ``--reference-date``, with the rest of a valid command line."""
    return {
        "assess": ["assess", SAMPLE, "--out", out + ".csv"],
        "explain": ["explain", SAMPLE, "--id", "GE-2025-0001"],
        "whatif": ["whatif", SAMPLE, "--vary", "amounts.cap.tertiary=10000", "--out", out + ".csv"],
        "goalseek": ["goalseek", SAMPLE, "--param", "amounts.cap.tertiary", "--target", "1000000"],
        "import": ["import", SAMPLE, "--out", out + ".xlsx"],
        "template": ["template", "applicants", "--out", out + ".xlsx"],
        "compare": ["compare", SAMPLE, "--rules", "GE-2025,ZH-2021", "--out", out + ".csv"],
        "rules check": ["rules", "check", "GE-2025"],
        "decisions": ["decisions", SAMPLE, "--out", out],
    }


FR_EN = {"explain", "goalseek"}          # assess, import, compare and whatif write their files in German too (issue 14)
WITH_DATE = {"assess", "explain", "whatif", "goalseek", "import"}


@pytest.mark.parametrize("name", list(commands("x")))
@pytest.mark.parametrize("lang", ["xx", "FR", "", "de-CH"])
def test_an_unsupported_language_is_refused_everywhere(tmp_path, name, lang):
    args = commands(str(tmp_path / "out"))[name]
    result = runner.invoke(app, [*args, "--lang", lang])
    expected = "(fr ou en)" if name in FR_EN else "(fr, en ou de)"
    assert result.exit_code == 2, result.output
    assert plain(f"langue non prise en charge « {lang} » {expected}") in plain(result.output)
    assert "Traceback" not in result.output
    assert not list(tmp_path.iterdir())                                  # refused before anything is written


@pytest.mark.parametrize("name", sorted(FR_EN))
def test_german_is_refused_where_the_face_has_no_german(tmp_path, name):
    result = runner.invoke(app, [*commands(str(tmp_path / "out"))[name], "--lang", "de"])
    assert result.exit_code == 2 and "langue non prise en charge « de » (fr ou en)" in plain(result.output)


@pytest.mark.parametrize("name", sorted(WITH_DATE))
@pytest.mark.parametrize("date,message", [
    ("01.01.0001", "date de référence hors limites « 01.01.0001 » (attendu entre 01.01.1900 et 31.12.2199)"),
    ("31.12.1899", "date de référence hors limites « 31.12.1899 » (attendu entre 01.01.1900 et 31.12.2199)"),
    ("2200-01-01", "date de référence hors limites « 2200-01-01 » (attendu entre 01.01.1900 et 31.12.2199)"),
    ("31.02.2025", "date de référence illisible « 31.02.2025 » (attendu jj.mm.aaaa ou aaaa-mm-jj)"),
    ("demain", "date de référence illisible « demain » (attendu jj.mm.aaaa ou aaaa-mm-jj)"),
])
def test_a_bad_reference_date_is_refused_everywhere(tmp_path, name, date, message):
    result = runner.invoke(app, [*commands(str(tmp_path / "out"))[name], "--reference-date", date])
    assert result.exit_code == 2, result.output
    assert message in plain(result.output)
    assert not list(tmp_path.iterdir())


def test_good_values_pass(tmp_path):
    out = tmp_path / "r.csv"
    result = runner.invoke(app, ["assess", SAMPLE, "--out", str(out), "--lang", "en",
                                 "--reference-date", "01.01.1900"])
    assert result.exit_code == 0, result.output
    assert out.exists()
    result = runner.invoke(app, ["rules", "check", "GE-2025", "--lang", "de", "--json"])
    assert result.exit_code in (0, 1), result.output


def test_the_option_is_defined_once():
    """No command defines ``--lang`` or ``--reference-date`` itself."""
    sources = [p for p in (ROOT / "xladdin").rglob("*.py") if p.name != "options.py"]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert '"--lang"' not in text and '"--reference-date"' not in text, path
