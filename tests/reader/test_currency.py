"""The year of each application (issue 13 item 6): the default rule set is the canton's dated resolution; a rule
set named explicitly for a date it does not cover marks the row ``RULES-OUT-OF-PERIOD`` (information, not a
refusal) and the console counts it; ``GE`` falls back to the newest version after every version's end, flagged,
and a date before every version stays a row error."""

from __future__ import annotations

import csv
import datetime as dt
import inspect

import pytest
from typer.testing import CliRunner

import xladdin
from tests.bursary.conftest import BASE
from tests.hardening.conftest import plain
from xladdin import rules as rules_mod
from xladdin.bursary.assess import assess_full, explain
from xladdin.cli import app

runner = CliRunner(env={"COLUMNS": "200"})
CODE = "RULES-OUT-OF-PERIOD"
NEWEST = max((rs for rs in rules_mod.available().values() if rs.canton == "GE"), key=lambda rs: rs.valid_from)
OLDEST = min((rs for rs in rules_mod.available().values() if rs.canton == "GE"), key=lambda rs: rs.valid_from)
AFTER_ALL = NEWEST.valid_to + dt.timedelta(days=30) if NEWEST.valid_to else None
IN_NEWEST = NEWEST.valid_from + dt.timedelta(days=14)                    # a training year the newest set covers


def _row(applicant_id: str, year_start: dt.date) -> dict:
    return dict(BASE, applicant_id=applicant_id, year_start=year_start.strftime("%d.%m.%Y"),
                application_date=(year_start + dt.timedelta(days=10)).strftime("%d.%m.%Y"))


def test_every_face_defaults_to_the_dated_resolution():
    assert rules_mod.DEFAULT == "GE" and rules_mod.is_canton(rules_mod.DEFAULT)
    for fn in (xladdin.assess, xladdin.explain, assess_full, explain):
        assert inspect.signature(fn).parameters["rules"].default == "GE", fn
    from xladdin.excel import udfs
    from xladdin.io.bulk import run_import
    from xladdin.whatif.scenarios import run

    assert udfs.DEFAULT_RULES == "GE"
    assert inspect.signature(run_import).parameters["rules"].default == "GE"
    assert inspect.signature(run).parameters["rules"].default == "GE"


def test_default_assesses_each_row_under_its_own_version():
    a = assess_full([_row("OLD", dt.date(2022, 9, 15)), _row("NEW", dt.date(2025, 9, 15))])
    assert a.results["rules"].tolist() == ["GE-2022 v1.0", "GE-2025 v1.0"]
    assert a.rows_out_of_period == 0 and CODE not in "".join(a.results["reasons"])


@pytest.mark.skipif(AFTER_ALL is None, reason="the newest Geneva rule set has no end date")
def test_after_every_version_the_newest_is_used_and_flagged_never_refused():
    a = assess_full([_row("NOW", AFTER_ALL), _row("IN", NEWEST.valid_from + dt.timedelta(days=14))])
    assert a.results["eligible"].tolist() == [True, True]                   # not refused
    assert a.results["rules"].tolist() == [NEWEST.label] * 2
    assert a.results.loc[0, "reasons"].split(";")[-1] == CODE
    assert CODE not in a.results.loc[1, "reasons"]
    assert a.rows_out_of_period == 1
    # the same amounts as under the newest version named for an in-period row
    same = assess_full([_row("NOW", AFTER_ALL)], rules=NEWEST.id, reference_date=NEWEST.valid_from)
    assert a.results.loc[0, "aid"] == same.results.loc[0, "aid"]


def test_a_date_between_two_versions_takes_the_earlier_one_flagged(monkeypatch):
    """Geneva's versions are back to back today; a gap is made by hiding the versions of 2023/24 and 2024/25."""
    shipped = rules_mod.available()
    kept = {k: rs for k, rs in shipped.items() if k not in ("GE-2023", "GE-2024")}
    monkeypatch.setattr(rules_mod, "available", lambda: kept)
    before = shipped["GE-2022"]
    day = before.valid_to + dt.timedelta(days=380)                   # in 2024/25, covered by no kept version
    a = assess_full([_row("GAP", day)])
    assert a.results.loc[0, "rules"] == before.label and a.results.loc[0, "reasons"].endswith(CODE)
    assert a.rows_out_of_period == 1


def test_an_explicit_rule_set_outside_its_period_carries_the_information_code():
    a = assess_full([_row("A", IN_NEWEST), _row("B", dt.date(2022, 9, 15))], rules=NEWEST.id)
    assert a.results["eligible"].tolist() == [True, True]
    assert CODE not in a.results.loc[0, "reasons"]
    assert a.results.loc[1, "reasons"].endswith(CODE) and a.rows_out_of_period == 1
    assert a.results.loc[1, "rules"] == NEWEST.label                       # the named set, as asked


def test_a_row_in_error_is_not_counted_out_of_period():
    a = assess_full([_row("A", dt.date(2022, 9, 15)) | {"permit": "X"}], rules=NEWEST.id)
    assert a.results["eligible"].isna().all() and a.rows_out_of_period == 0
    assert CODE not in a.results.loc[0, "reasons"]


def test_before_every_version_is_still_a_row_error():
    early = OLDEST.valid_from - dt.timedelta(days=400)
    a = assess_full([_row("EARLY", early), _row("OK", dt.date(2025, 9, 15))])
    assert a.results["eligible"].isna().tolist() == [True, False]
    assert "aucun jeu de règles GE en vigueur" in a.results.loc[0, "reasons"]


def test_explain_shows_the_information_code():
    trace = explain(_row("A", dt.date(2022, 9, 15)), rules=NEWEST.id)
    motifs = trace.loc[trace["label"] == "Motifs", "amount"].item()
    assert motifs.endswith(CODE)


def test_the_console_counts_out_of_period_rows(tmp_path):
    src = tmp_path / "liste.csv"
    rows = [_row("A", IN_NEWEST), _row("B", dt.date(2022, 9, 15)), _row("C", dt.date(2022, 9, 20))]
    with open(src, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    out = tmp_path / "d.csv"
    res = runner.invoke(app, ["assess", str(src), "--out", str(out), "--rules", NEWEST.id])
    assert res.exit_code == 0, res.output
    assert "Hors période des règles (RULES-OUT-OF-PERIOD) 2" in plain(res.output)
    assert out.read_text(encoding="utf-8-sig").count(CODE) == 2                # in the rows' reasons
    report = tmp_path / "r.xlsx"
    res = runner.invoke(app, ["import", str(src), "--out", str(report), "--rules", NEWEST.id, "--quiet"])
    assert res.exit_code == 0, res.output
    assert "Hors période des règles (RULES-OUT-OF-PERIOD) : 2" in plain(res.output)
    res = runner.invoke(app, ["assess", str(src), "--out", str(out)])             # default GE: in period
    assert res.exit_code == 0 and "RULES-OUT-OF-PERIOD" not in plain(res.output)
