"""Personal data (issue 7 §5): ``--redact`` exports can be shared; the console never shows an individual's income.

``--redact`` replaces last and first names by the file number and masks the value typed in a personal column
(names, birth date) wherever an error message would quote it; birth dates are never exported. Checked on the
real files written (.xlsx read back cell by cell, every sheet), against the same export without ``--redact``.
"""

from __future__ import annotations

import csv
import logging

import pytest
from typer.testing import CliRunner

from tests.hardening.conftest import ROOT, plain, sha256
from tests.hardening.make_corpus import applicants, table_rows, write_xlsx
from xladdin.cli import app
from xladdin.io import redact

runner = CliRunner(env={"COLUMNS": "400"})
SAMPLE = ROOT / "workbooks" / "sample-applicants.csv"


def _all_cells(path) -> list[str]:
    """Every cell of every sheet of an .xlsx (or every field of a CSV), as text."""
    if path.suffix == ".csv":
        with open(path, encoding="utf-8", newline="") as fh:
            return [c for row in csv.reader(fh) for c in row]
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return [str(c) for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python() for c in row]


@pytest.fixture
def listing(tmp_path):
    """Six applicants with distinctive names; row 3 has an impossible birth date, row 5 a bad amount."""
    rows = applicants(6, seed=5)
    names = [("Rochat", "Léa"), ("Müller", "Jürg"), ("Favre", "Zoé"), ("Dubois", "Élise"), ("Bühler", "Noé"),
             ("Çelik", "Åsa")]
    for row, (last, first) in zip(rows, names):
        row["last_name"], row["first_name"] = last, first
    rows[2]["birth_date"] = "31.02.2003"
    rows[4]["earnings"] = "beaucoup"
    path = write_xlsx(tmp_path / "liste.xlsx", table_rows(rows))
    return path, rows, names


def test_import_report_redacted(listing, tmp_path):
    src, rows, names = listing
    before = sha256(src)
    plain_out, redacted_out = tmp_path / "rapport.xlsx", tmp_path / "rapport-partage.xlsx"
    assert runner.invoke(app, ["import", str(src), "--out", str(plain_out), "--quiet"]).exit_code == 0
    result = runner.invoke(app, ["import", str(src), "--out", str(redacted_out), "--quiet", "--redact"])
    assert result.exit_code == 0, plain(result.output)

    cells, control = _all_cells(redacted_out), _all_cells(plain_out)
    for last, first in names:
        assert last in control and first in control                      # the control shows them ...
        assert not any(last in c or first in c for c in cells), last      # ... the shared report nowhere
    assert any("31.02.2003" in c for c in control)
    assert not any("31.02.2003" in c for c in cells)                      # the bad birth date is masked too
    assert any("(valeur masquée, --redact)" in c for c in cells)
    # no cell is quoted under --redact, whatever its column: a shifted row puts personal data anywhere (issue 16)
    assert any("« beaucoup »" in c for c in control) and not any("beaucoup" in c for c in cells)

    from python_calamine import CalamineWorkbook

    decisions = CalamineWorkbook.from_path(str(redacted_out)).get_sheet_by_name("Décisions").to_python()
    head = decisions[0]
    for row, expected in zip(decisions[1:], rows):
        number = row[head.index("N° de dossier")]
        assert number == expected["applicant_id"]
        assert row[head.index("Nom")] == row[head.index("Prénom")] == number      # names → the file number
    # amounts are what a shared list is for: the same as without --redact
    control_decisions = CalamineWorkbook.from_path(str(plain_out)).get_sheet_by_name("Décisions").to_python()
    bursary = head.index("Bourse") if "Bourse" in head else head.index("bursary")
    assert [r[bursary] for r in decisions] == [r[bursary] for r in control_decisions]
    assert sha256(src) == before


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_assess_results_redacted(listing, tmp_path, suffix):
    src, rows, names = listing
    out = tmp_path / f"decisions{suffix}"
    result = runner.invoke(app, ["assess", str(src), "--out", str(out), "--redact", "--lang", "en"])
    assert result.exit_code == 0, plain(result.output)
    cells = _all_cells(out)
    assert not any(last in c or first in c for c in cells for last, first in names)
    assert not any("31.02.2003" in c or "2003" in c and "birth" in c for c in cells)
    assert ("line 4, column 'Birth date' (birth_date): impossible date (value redacted, --redact): no such day in "
            "the calendar") in cells
    assert ("line 6, column 'Net earned income' (earnings): unreadable number (value redacted, --redact) (type an "
            "amount such as 70000, 70'000 or 1234.50)") in cells
    assert [r["applicant_id"] for r in rows] == [c for c in cells if c.startswith("GE-05-")]


def test_compare_redacted(listing, tmp_path):
    """``xladdin compare --redact``: names → file number, the bad birth date masked in every rule set's reasons,
    amounts as without --redact."""
    src, rows, names = listing
    plain_out, shared_out = tmp_path / "cote-a-cote.xlsx", tmp_path / "cote-a-cote-partage.xlsx"
    args = ["compare", str(src), "--rules", "GE-2025,GE-2022"]
    assert runner.invoke(app, args + ["--out", str(plain_out)]).exit_code == 0
    result = runner.invoke(app, args + ["--out", str(shared_out), "--redact"])
    assert result.exit_code == 0, plain(result.output)
    cells, control = _all_cells(shared_out), _all_cells(plain_out)
    for last, first in names:
        assert last in control and not any(last in c or first in c for c in cells), last
    assert any("31.02.2003" in c for c in control) and not any("31.02.2003" in c for c in cells)
    assert sum("(valeur masquée, --redact)" in c for c in cells) == 4     # birth date and earnings, per rule set
    from python_calamine import CalamineWorkbook

    shared = CalamineWorkbook.from_path(str(shared_out)).get_sheet_by_name("Comparaison").to_python()
    same = CalamineWorkbook.from_path(str(plain_out)).get_sheet_by_name("Comparaison").to_python()
    head = shared[0]
    for column in [i for i, h in enumerate(head) if "bourse" in str(h) or "prêt" in str(h)]:
        assert [r[column] for r in shared] == [r[column] for r in same]


def test_mask_message():
    """The second line of defence (messages built without --redact): the reader's own never hold the value."""
    assert redact.mask_message("ligne 5, colonne « Date de naissance » (birth_date) : date illisible « 1.1.1 »") == \
        "ligne 5, colonne « Date de naissance » (birth_date) : valeur masquée (--redact)"
    both = "ligne 2, colonne « Nom » (last_name) : x « Dupont » | ligne 2, colonne permit : valeur inconnue « Z »"
    assert redact.mask_message(both) == ("ligne 2, colonne « Nom » (last_name) : valeur masquée (--redact) | "
                                         "ligne 2, colonne permit : valeur inconnue « Z »")
    assert redact.mask_message("LBPE-15;LBPE-16") == "LBPE-15;LBPE-16"
    assert redact.mask_message(None) is None


def _income_texts() -> dict[str, set[str]]:
    """Each sample applicant's incomes and wealth (≥ 10 000, distinctive), as typed and as xladdin prints CHF."""
    from xladdin.io.formats import chf_text

    with open(SAMPLE, encoding="utf-8-sig", newline="") as fh:
        reader = list(csv.DictReader(fh, delimiter=";"))
    keys = ("earnings", "spouse_income", "alimony", "pensions", "wealth", "p1_rdu", "p2_rdu", "independent_income")
    out = {}
    for row in reader:
        for key in keys:
            text = (row.get(key) or "").strip()
            if text and float(text) >= 10_000:
                value = float(text)
                out.setdefault(row["applicant_id"], set()).update(
                    {text, str(int(value)), chf_text(value), f"{int(value):,}".replace(",", " ")})
    return out


@pytest.mark.parametrize("command", ["assess", "import"])
def test_the_console_shows_totals_never_an_income(command, tmp_path, caplog):
    incomes = _income_texts()
    assert len(incomes) > 100                                              # the sample has plenty to leak
    out = tmp_path / ("d.csv" if command == "assess" else "r.xlsx")
    with caplog.at_level(logging.DEBUG):
        result = runner.invoke(app, [command, str(SAMPLE), "--out", str(out)])
    assert result.exit_code == 0, plain(result.output)
    printed = plain(result.output) + " " + " ".join(r.getMessage() for r in caplog.records)
    leaked = {who: sorted(t for t in texts if t in printed) for who, texts in incomes.items()}
    assert not any(leaked.values()), {k: v for k, v in leaked.items() if v}
    assert "Lignes lues" in printed or "Dossiers lus" in printed           # the totals are there


def test_the_audit_names_the_input_by_its_hash_only_when_redacted(listing, tmp_path):
    """The input's path may name a person (``dossier-Rochat.xlsx``): the shared report keeps its SHA-256 only."""
    src, _, _ = listing
    named = src.with_name("dossier-Rochat.xlsx")
    named.write_bytes(src.read_bytes())
    shared, control = tmp_path / "partage.xlsx", tmp_path / "interne.xlsx"
    assert runner.invoke(app, ["import", str(named), "--out", str(control), "--quiet"]).exit_code == 0
    assert runner.invoke(app, ["import", str(named), "--out", str(shared), "--quiet", "--redact"]).exit_code == 0
    from python_calamine import CalamineWorkbook

    def audit(path):
        return {r[0]: r[1] for r in CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Audit").to_python()}

    assert "Rochat" in audit(control)["Chemin"]
    shared_audit = audit(shared)
    assert not any("Rochat" in str(v) for v in shared_audit.values())
    assert shared_audit["Chemin"] == "(masqué)" and shared_audit["SHA-256 du fichier d'entrée"] == sha256(named)


def test_lines_re_read_with_the_other_separator_are_listed_in_the_audit(corpus, tmp_path):
    """A row pasted from a ","-file into a ";"-file is re-split (readers): the audit sheet says which line."""
    case = corpus["mixed_separators.csv"]
    out = tmp_path / "rapport.xlsx"
    assert runner.invoke(app, ["import", str(case.path), "--out", str(out), "--quiet"]).exit_code == 0
    from python_calamine import CalamineWorkbook

    audit = {r[0]: r[1] for r in CalamineWorkbook.from_path(str(out)).get_sheet_by_name("Audit").to_python()}
    assert audit["Lignes relues avec l'autre séparateur"] == "ligne 3 : séparateur « , » au lieu de « ; »"
