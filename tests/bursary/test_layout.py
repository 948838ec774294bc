"""The layout rule (docs/development.md § Layout): a canton's own variants in ``xladdin/bursary/cantons/<code>.py``,
variants cantons share in ``xladdin/bursary/shared/``, every variant a rule set names registered, no canton loaded
first or by name."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import xladdin.bursary as bursary
from xladdin import rules as rules_mod
from xladdin.bursary import model
from xladdin.bursary.rule import VARIANTS
from xladdin.schema import BY_KEY

CANTONS = set(BY_KEY["aid_domicile"].values)
PACKAGE = Path(bursary.__file__).parent


def test_every_variant_lives_where_its_name_says():
    model.variant_names("amounts")                 # loads cantons/ and shared/
    misplaced = []
    for (slot, name), func in VARIANTS.items():
        home = f"xladdin.bursary.cantons.{name.lower()}" if name in CANTONS else "xladdin.bursary.shared."
        if not (func.__module__ == home or home.endswith(".") and func.__module__.startswith(home)):
            misplaced.append(f"{slot}/{name} in {func.__module__}, expected {home}")
    assert not misplaced


def test_every_canton_module_registers_its_own_variants_only():
    for path in sorted((PACKAGE / "cantons").glob("*.py")):
        if path.name == "__init__.py":
            continue
        code = path.stem.upper()
        assert code in CANTONS, path.name
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [kw.value.value for node in ast.walk(tree) if isinstance(node, ast.Call)
                 for kw in node.keywords if kw.arg == "variant" and isinstance(kw.value, ast.Constant)]
        assert names and set(names) == {code}, (path.name, names)


def test_no_canton_is_imported_by_the_generic_modules():
    generic = [PACKAGE / name for name in ("model.py", "rule.py", "engine.py", "common.py")]
    for path in generic + sorted((PACKAGE / "shared").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert "cantons" not in (node.module or "").split("."), path.name
                assert not any(alias.name in {c.lower() for c in CANTONS} for alias in node.names), path.name


@pytest.mark.parametrize("rules_id", rules_mod.available())
def test_every_rule_set_names_registered_variants(rules_id):
    ruleset = rules_mod.load(rules_id)
    assert model.check_choices(rules_id, ruleset.choices) == []
