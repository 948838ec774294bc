"""Concordat of 2009 (rsGE C 1 19) art. 5, 12, 13, 15 — the minimum standards, read from
``xladdin/rules/concordat.yaml``, checked against a rule set (a what-if scenario is one)."""

from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..io.formats import chf_text
from ..io.yamlfile import load_yaml
from ..rules import RULES_DIR, RuleSet

CONCORDAT_FILE = RULES_DIR / "concordat.yaml"
_OPS = {">=": operator.ge, "<=": operator.le}
_NEGATED = {">=": "<", "<=": ">"}


@dataclass(frozen=True)
class Standard:
    id: str
    article: str
    parameters: tuple[str, ...]
    comparison: str
    threshold: float | None
    unit: str
    if_absent: str
    description_fr: str
    description_en: str
    note: str = ""
    probe: str = ""                       # the engine probe that judges it (xladdin.compliance.probes)


@dataclass(frozen=True)
class Finding:
    """One standard against one parameter of one rule set: ``status`` is ok, below, not_applicable or review."""

    standard: Standard
    parameter: str
    value: object
    status: str

    def text(self, lang: str = "fr") -> str:
        """``concordat art. 15 al. 1 b : amounts.cap.tertiary = 15'000 < 16'000`` (French spacing before colons)."""
        s = self.standard
        colon = ": " if lang == "en" else " : "
        if self.status == "below":
            return f"{s.article}{colon}{self.parameter} = {_show(self.value)} {_NEGATED[s.comparison]} " \
                   f"{_show(s.threshold)}"
        return f"{s.article}{colon}{self.status}"


def _show(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return chf_text(value) if isinstance(value, int) and not isinstance(value, bool) else str(value)


@lru_cache(maxsize=4)
def load(path: Path = CONCORDAT_FILE) -> tuple[Standard, ...]:
    """The standards as data (safe_load; nothing is executed)."""
    data = load_yaml(path)
    out = []
    for s in data["standards"]:
        out.append(Standard(id=s["id"], article=s["article"], parameters=tuple(s.get("parameters") or ()),
                            comparison=s["comparison"], threshold=s.get("threshold"), unit=str(s.get("unit", "")),
                            if_absent=s.get("if_absent", "review"), description_fr=s["description"]["fr"],
                            description_en=s["description"]["en"], note=s.get("note", ""),
                            probe=s.get("probe", "")))
    return tuple(out)


def check(rules: RuleSet, standards: tuple[Standard, ...] | None = None) -> list[Finding]:
    """Every standard against the rule set's values (one finding per standard and parameter)."""
    values = rules.flat()
    findings = []
    for s in standards if standards is not None else load():
        if s.comparison not in _OPS or not s.parameters:
            findings.append(Finding(s, "", None, "review"))
            continue
        for name in s.parameters:
            if name not in values:
                findings.append(Finding(s, name, None, s.if_absent))
                continue
            value = values[name].value
            ok = isinstance(value, (int, float)) and not isinstance(value, bool) \
                and _OPS[s.comparison](value, s.threshold)
            findings.append(Finding(s, name, value, "ok" if ok else "below"))
    return findings


def flags(rules: RuleSet, lang: str = "fr") -> str:
    """The standards a rule set falls short of, joined by `` | `` ("" when it meets all that can be checked).

    They depend only on the values of the parameters the standards name: the text is kept per those values (a
    what-if grid repeats them from scenario to scenario)."""
    params = rules.parameters
    try:
        key = (lang, tuple((name, type(params[name].value), params[name].value) if name in params else (name,)
                           for name in _named()))
        hash(key)
    except TypeError:
        key = None
    text = _FLAGS.get(key) if key is not None else None
    if text is None:
        text = " | ".join(f.text(lang) for f in check(rules) if f.status == "below")
        if key is not None and len(_FLAGS) < 4096:
            _FLAGS[key] = text
    return text


_FLAGS: dict[tuple, str] = {}


def _named() -> tuple[str, ...]:
    """Every parameter a standard of the concordat file names."""
    return tuple(dict.fromkeys(name for s in load() for name in s.parameters))
