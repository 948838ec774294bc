"""``make demo`` is the clerk's job: import the shipped applicant list, print the totals, write the French batch
report (Résumé, Décisions, Erreurs, Audit). The Makefile's own recipe is run (in a scratch folder)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import openpyxl

from .conftest import ROOT


def test_make_demo_recipe(tmp_path):
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^demo:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    commands = [line.strip() for line in recipe.splitlines() if line.strip() and not line.strip().startswith("@")]
    assert len(commands) == 1 and " import " in commands[0]
    bin_dir = str(Path(sys.executable).parent)
    args = shlex.split(commands[0].replace("$(BIN)", bin_dir))
    (tmp_path / "workbooks").symlink_to(ROOT / "workbooks")
    done = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, COLUMNS="200"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Lignes lues : 300 = évaluées : 300 + en erreur : 0 [OK]" in done.stdout
    assert re.search(r"Bourses : CHF \d{1,3}('\d{3})+ ; prêts : CHF ", done.stdout), done.stdout
    report = tmp_path / args[args.index("--out") + 1]
    wb = openpyxl.load_workbook(report)
    assert wb.sheetnames == ["Résumé", "Décisions", "Erreurs", "Audit"]
    assert wb["Décisions"]["A1"].value == "Ligne" and wb["Décisions"].max_row == 301
