"""What-if, goal-seek and loan values (issue 16 §4), through the real commands and the real server: a value is
finite and inside its parameter's domain, derived once from the rule set's ``unit:`` (with a leaf's optional
``min:``/``max:``) and used by every face; amounts are bounded at 10¹² like the readers."""

from __future__ import annotations

import re
import secrets

import httpx
import pytest
from typer.testing import CliRunner

from benchmarks.bench_server_load import CALL, payload, serve
from tests.hardening.conftest import ROOT, plain
from xladdin import rules
from xladdin.cli import app
from xladdin.excel.server import create_app

runner = CliRunner(env={"COLUMNS": "400"})
SAMPLE = str(ROOT / "workbooks" / "sample-applicants.csv")
MONEY = "(attendu un montant en francs entre 0 et 1 000 000 000 000)"


def whatif(tmp_path, vary: str, *more: str):
    out = tmp_path / "w.csv"
    result = runner.invoke(app, ["whatif", SAMPLE, "--vary", vary, "--out", str(out), *more])
    return result, out


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "-500", "1e20", "1e13", "18000,-1"])
def test_a_money_amount_out_of_its_domain_is_refused(tmp_path, value):
    result, out = whatif(tmp_path, f"amounts.cap.tertiary={value}")
    assert result.exit_code == 2, result.output
    shown = value.split(",")[-1]
    assert f"valeur refusée pour amounts.cap.tertiary : « {shown} » {MONEY}" in plain(result.output)
    assert "Traceback" not in result.output and not out.exists()


@pytest.mark.parametrize("name,value,expected", [
    ("independence.partial_surplus_share", "1.5", "un taux entre 0 et 1"),
    ("independence.partial_surplus_share", "-0.1", "un taux entre 0 et 1"),
    ("independence.partial_min_age", "25.5", "un nombre entier d'années entre 0 et 120"),
    ("independence.partial_min_age", "130", "un nombre entier d'années entre 0 et 120"),
    ("independence.partial_min_age", "-1", "un nombre entier d'années entre 0 et 120"),
])
def test_rates_and_ages_out_of_their_domain_are_refused(tmp_path, name, value, expected):
    result, _ = whatif(tmp_path, f"{name}={value}")
    assert result.exit_code == 2, result.output
    assert f"valeur refusée pour {name} : « {value} » (attendu {expected})" in plain(result.output)


def test_values_inside_the_domain_are_computed(tmp_path):
    result, out = whatif(tmp_path, "amounts.cap.tertiary=0,16740,1e6")
    assert result.exit_code == 0, result.output
    assert len(out.read_text().splitlines()) == 4
    result, out = whatif(tmp_path, "independence.partial_surplus_share=0:1:0.5")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("spec", ["amounts.cap.tertiary=0:inf:1", "amounts.cap.tertiary=nan:1:1",
                                  "amounts.cap.tertiary=0:1e20:1e19"])
def test_ranges_with_non_finite_or_huge_ends_are_refused(tmp_path, spec):
    result, _ = whatif(tmp_path, spec)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and re.search(r"--vary attend|valeur refusée", plain(result.output))


@pytest.mark.parametrize("args,message", [
    (["--target", "nan"], "montant hors limites « nan » (attendu entre 0 et 1 000 000 000 000)"),
    (["--target", "1e20"], "montant hors limites « 1e+20 » (attendu entre 0 et 1 000 000 000 000)"),
    (["--target", "1000000", "--min", "-5"], f"valeur refusée pour amounts.cap.tertiary : « -5 » {MONEY}"),
    (["--target", "1000000", "--max", "1e15"], "valeur refusée pour amounts.cap.tertiary : « 1e+15 »"),
])
def test_goal_seek_values_are_checked(args, message):
    result = runner.invoke(app, ["goalseek", SAMPLE, "--param", "amounts.cap.tertiary", *args])
    assert result.exit_code == 2, result.output
    assert message in plain(result.output)


def test_goal_seek_stays_inside_a_rate_s_domain():
    """Without --max, the search of a rate goes up to 1, not to 100 × its value."""
    result = runner.invoke(app, ["goalseek", SAMPLE, "--param", "independence.partial_surplus_share", "--target",
                                 "1e12", "--side", "above", "--json"])
    assert result.exit_code in (0, 2), result.output
    assert "valeur refusée" not in plain(result.output)


def test_a_leaf_s_min_and_max_narrow_its_domain(tmp_path):
    """``max:`` on a leaf of a rule set file: the what-if refuses beyond it; the shipped value still loads."""
    text = (rules.RULES_DIR / "GE" / "GE-2025.yaml").read_text(encoding="utf-8")
    old = 'tertiary: {value: 16740, unit: CHF/year,'
    assert old in text
    path = tmp_path / "GE-plafond.yaml"
    path.write_text(text.replace(old, 'tertiary: {value: 16740, unit: CHF/year, min: 10000, max: 20000,'),
                    encoding="utf-8")
    result, _ = whatif(tmp_path, "amounts.cap.tertiary=25000", "--rules", str(path))
    assert result.exit_code == 2, result.output
    assert ("valeur refusée pour amounts.cap.tertiary : « 25000 » (attendu un montant en francs entre 10 000 et "
            "20 000)") in plain(result.output)
    result, out = whatif(tmp_path, "amounts.cap.tertiary=18000", "--rules", str(path))
    assert result.exit_code == 0, result.output


def test_every_shipped_parameter_is_inside_its_domain():
    numeric = 0
    for rs in rules.available().values():
        for p in rs.parameters.values():
            if rules.domain(p) is not None:
                rules.check_value(p, float(p.value))
                numeric += 1
    assert numeric > 100


@pytest.fixture(scope="module")
def live():
    token = secrets.token_urlsafe(24)
    with serve(create_app(token)) as base:
        yield base, token


@pytest.mark.parametrize("amount,message", [
    (1e308, "amount hors limites : « 1e+308 »"), ("1e308", "amount hors limites : « 1e308 »"),
    (-5, "amount hors limites : « -5 » (attendu entre 0 et 1 000 000 000 000)"),
    ("1e20", "amount hors limites : « 1e20 »"), (1e12 + 1, "amount hors limites"),
])
def test_loan_plan_of_an_absurd_amount_is_refused_by_the_server(live, amount, message):
    base, token = live
    r = httpx.post(base + CALL, json=payload("loan_plan", amount, 2026), headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200
    cell = r.json()["result"][0][0]
    assert cell.startswith("#XLADDIN! ") and message in cell, cell


def test_loan_plan_at_the_bound_is_exact(live):
    base, token = live
    r = httpx.post(base + CALL, json=payload("loan_plan", 1e12, 2026), headers={"Authorization": f"Bearer {token}"})
    rows = r.json()["result"]
    assert rows[1] == [2028, 100_000_000_000, 900_000_000_000] and rows[-1][2] == 0
    assert sum(row[1] for row in rows[1:]) == 1_000_000_000_000


def test_other_excel_amounts_are_bounded(live):
    base, token = live
    r = httpx.post(base + CALL, json=payload("weighted_average", [[1e300, 12]], [[5, 5]]),
                   headers={"Authorization": f"Bearer {token}"})
    assert "hors limites" in r.json()["result"][0][0]


def test_the_domain_table_is_documented():
    doc = (ROOT / "docs" / "reference" / "hardening-server.md").read_text(encoding="utf-8")
    for prefix, d in rules._UNIT_DOMAINS:
        assert f"`{prefix}`" in doc, prefix


def test_the_what_if_workbook_accepts_only_the_domain(tmp_path):
    """``xladdin template whatif``: each numeric parameter's Scénario cell has the data validation of its
    domain (Excel refuses a typed value outside it, with the same words)."""
    import openpyxl

    out = tmp_path / "whatif.xlsx"
    assert runner.invoke(app, ["template", "whatif", "--out", str(out)]).exit_code == 0
    ws = openpyxl.load_workbook(out).active
    rs = rules.load("GE-2025")
    by_cell = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            by_cell[rng.coord] = dv
    checked = 0
    for row in ws.iter_rows(min_row=5):
        name, scenario = row[0].value, row[2]
        d = rules.domain(rs.parameters[name]) if name in rs.parameters else None
        if d is None:
            assert scenario.coordinate not in by_cell
            continue
        dv = by_cell[scenario.coordinate]
        assert (dv.type, float(dv.formula1), float(dv.formula2)) == ("whole" if d.integer else "decimal", d.low,
                                                                     d.high)
        assert dv.error == "Tapez " + d.text("fr")
        checked += 1
    assert checked > 30
