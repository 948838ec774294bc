"""Hostile YAML files (issue 16 §2), through the real ``xladdin credits`` and ``xladdin rules`` commands: an alias
bomb of 17 KB and a list nested 5 000 deep are refused with a French message and exit code 2, no traceback; a
file too large is refused before it is read; the shipped files (one of them uses an anchor) and a clerk's copy
of a catalogue still load."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from xladdin.credits.catalogue import CATALOGUE_DIR
from xladdin.io import yamlfile
from xladdin.rules import RULES_DIR

XLADDIN = Path(sys.executable).with_name("xladdin")


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """The real command in its own process (a runaway loader would be stopped by ``timeout``)."""
    return subprocess.run([str(XLADDIN), *args], capture_output=True, text=True, timeout=timeout,
                          env={"COLUMNS": "250", "PATH": "/usr/bin:/bin"})


def alias_bomb(path: Path, size: int = 17_000) -> Path:
    """Nine levels of 60 aliases of the level below: 60⁹ strings once expanded, ``size`` bytes on disk."""
    lines = ["id: BOMB", 'l0: &l0 ["lol"]']
    for i in range(1, 10):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 60) + "]")
    text = "\n".join(lines) + "\n"
    text += "# " + "x" * max(0, size - len(text) - 3) + "\n"
    path.write_text(text)
    return path


def deep_list(path: Path, depth: int = 5_000) -> Path:
    path.write_text("id: DEEP\nparameters:\n  a: " + "[" * depth + "1" + "]" * depth + "\n")
    return path


COMMANDS = [("credits", "lint"), ("credits", "export"), ("rules", "show"), ("rules", "check")]


def _args(command: tuple[str, str], path: Path, tmp_path: Path) -> list[str]:
    extra = ["--out", str(tmp_path / "out.xlsx")] if command[1] == "export" else []
    return [*command, str(path), *extra]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_an_alias_bomb_is_refused(tmp_path, command):
    bomb = alias_bomb(tmp_path / "bomb.yaml")
    assert 16_000 < bomb.stat().st_size < 18_000
    result = run(*_args(command, bomb, tmp_path))
    text = " ".join(result.stderr.split())
    assert result.returncode == 2, result.stderr
    assert "bombe d'alias probable" in text and "200 000" in text and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_list_nested_five_thousand_deep_is_refused(tmp_path, command):
    deep = deep_list(tmp_path / "deep.yaml")
    result = run(*_args(command, deep, tmp_path))
    text = " ".join(result.stderr.split())
    assert result.returncode == 2, result.stderr
    assert re.search(r"imbrique plus de 40 niveaux \(ligne 3\)", text), text
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr


def test_a_file_too_large_is_refused_unread(tmp_path, monkeypatch):
    big = tmp_path / "big.yaml"
    big.write_text("id: X\n" + "# padding\n" * (yamlfile.MAX_BYTES // 10 + 1))
    result = run("credits", "lint", str(big))
    assert result.returncode == 2 and "fichier YAML trop volumineux" in " ".join(result.stderr.split())


def test_anchors_within_the_bound_still_load(tmp_path):
    """The shipped catalogue repeats a note with ``&bloc_note``/``*bloc_note``: a clerk's copy lints as the
    original does, and every shipped YAML file loads."""
    shipped = CATALOGUE_DIR / "APHM2M-2024-2025.yaml"
    assert "*bloc_note" in shipped.read_text()
    copy = shutil.copy(shipped, tmp_path / "copie.yaml")
    original, copied = run("credits", "lint", "APHM2M"), run("credits", "lint", str(copy))
    assert copied.returncode == original.returncode and copied.returncode in (0, 1), copied.stderr
    for path in [*RULES_DIR.rglob("*.yaml"), *CATALOGUE_DIR.glob("*.yaml")]:
        assert yamlfile.load_yaml(path)


def test_a_rule_set_file_of_the_shipped_layout_is_read(tmp_path):
    """``rules show`` takes a rule set file as well as an id: a copy of GE-2025 shows the same parameters."""
    copy = shutil.copy(RULES_DIR / "GE" / "GE-2025.yaml", tmp_path / "GE-copie.yaml")
    original, copied = run("rules", "show", "GE-2025", "--json"), run("rules", "show", str(copy), "--json")
    assert copied.returncode == 0, copied.stderr
    assert copied.stdout == original.stdout
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: X\nparameters: [1, 2\n")
    result = run("rules", "show", str(broken))
    assert result.returncode == 4 and "jeu de règles" in result.stderr and "ligne" in result.stderr
