"""``xladdin whatif --scenarios FILE.xlsx``: the what-if template, its Scénario column filled in, is the grid."""

from __future__ import annotations

import openpyxl
import pytest
from typer.testing import CliRunner

from xladdin.cli import app
from xladdin.errors import XladdinError
from xladdin.excel.templates import build
from xladdin.whatif.scenarios import parameter_name, read_scenarios

runner = CliRunner()


def filled(tmp_path, values: dict, lang="fr", rules="GE-2025"):
    """The what-if template with ``values`` ({dotted name: Scénario cell}) typed in, as a clerk saves it."""
    path = build("whatif", tmp_path / f"whatif-{lang}.xlsx", lang=lang, rules=rules)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    header = next(r for r in range(1, 10) if ws.cell(row=r, column=3).value in ("Scénario", "Scenario", "Szenario"))
    seen = set()
    for r in range(header + 1, ws.max_row + 1):
        name = parameter_name(ws.cell(row=r, column=1).value)
        if name in values:
            ws.cell(row=r, column=3).value = values[name]
            seen.add(name)
    assert seen == set(values)
    out = tmp_path / f"filled-{lang}.xlsx"
    wb.save(out)
    return out


@pytest.mark.parametrize("lang", ["fr", "en", "de"])
def test_template_filled_is_the_grid(tmp_path, lang):
    path = filled(tmp_path, {"amounts.cap.tertiary": "15000; 16740; 18'000", "budget.meals": "3200:0:-3200"},
                  lang=lang)
    vary, rules = read_scenarios(path)
    assert rules == "GE-2025"
    assert list(vary) == ["amounts.cap.tertiary", "budget.meals"]      # in the file's (sorted) order
    assert vary["budget.meals"] == ["3200", "0"]
    assert vary["amounts.cap.tertiary"][:2] == ["15000", "16740"]


def test_a_number_cell_is_one_value(tmp_path):
    vary, _ = read_scenarios(filled(tmp_path, {"amounts.cap.tertiary": 17000}))
    assert vary == {"amounts.cap.tertiary": ["17000"]}


def test_round_trip_template_filled_whatif_gives_the_vary_figures(tmp_path, hand_csv):
    """The same grid typed in the template or given as --vary: the same scenario table, cell for cell."""
    path = filled(tmp_path, {"amounts.cap.tertiary": "15000; 16000; 17000", "budget.meals": "3200; 0"})
    by_file, by_vary = tmp_path / "file.csv", tmp_path / "vary.csv"
    res = runner.invoke(app, ["whatif", str(hand_csv), "--scenarios", str(path), "--out", str(by_file)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["whatif", str(hand_csv), "--vary", "amounts.cap.tertiary=15000:17000:1000",
                              "--vary", "budget.meals=3200,0", "--out", str(by_vary)])
    assert res.exit_code == 0, res.output
    # the template lists the parameters by name (amounts before budget): the same grid in the same order
    assert by_file.read_bytes() == by_vary.read_bytes()
    assert len(by_file.read_text(encoding="utf-8-sig").splitlines()) == 1 + 3 * 2


def test_a_bad_cell_names_its_line_and_what_to_type(tmp_path):
    path = filled(tmp_path, {"amounts.cap.tertiary": "15000:10000:1000"})
    with pytest.raises(XladdinError) as err:
        read_scenarios(path)
    assert err.value.code == "whatif_scenarios_bad_row"
    message = str(err.value)
    assert "ligne" in message and "15000:10000:1000" in message and "DÉBUT:FIN:PAS" in message


def test_an_empty_scenario_column_is_refused(tmp_path, hand_csv):
    path = build("whatif", tmp_path / "whatif.xlsx")
    res = runner.invoke(app, ["whatif", str(hand_csv), "--scenarios", str(path), "--out", str(tmp_path / "o.csv")])
    assert res.exit_code != 0 and "Scénario" in res.output and "Traceback" not in res.output


def test_no_vary_and_no_file_is_refused(tmp_path, hand_csv):
    res = runner.invoke(app, ["whatif", str(hand_csv), "--out", str(tmp_path / "o.csv")])
    assert res.exit_code != 0 and "--scenarios" in res.output
