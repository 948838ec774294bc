"""Rule sets as data: each canton's parameters in dated, versioned YAML files with the article of each value.

A rule set file (``xladdin/rules/<CANTON>/<ID>.yaml``) states its id, version, canton and the date range it is
valid for; its ``parameters`` tree has one leaf per quantity the law fixes (``value``, ``unit``, ``valid_from``,
``reference``, optional ``note``). A parameter is named by its dotted path (``amounts.cap.tertiary``): that is how
every face (what-if, overrides, ``xladdin rules show --json``) names it. Changing a value never needs code.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

from ..errors import RulesError, XladdinError
from ..io.yamlfile import load_yaml

RULES_DIR = Path(__file__).parent


@dataclass(frozen=True)
class Parameter:
    name: str
    value: object
    article: str
    valid_from: str
    unit: str = ""
    note: str = ""
    href: str = ""
    carried: bool = False          # value carried from a later rule set: its earlier value is not in the texts held
    same_as: str = ""              # the parameter whose value this one is (one amount the law uses in two places)
    minimum: float | None = None   # the leaf's ``min:``/``max:``, where its unit's domain (:func:`domain`) is too wide
    maximum: float | None = None
    missing: bool = False          # the amount is not in the texts held (an annex missing): named, never invented

    def as_json(self) -> dict:
        out = {"value": self.value, "article": self.article, "valid_from": self.valid_from}
        if self.unit:
            out["unit"] = self.unit
        if self.note:
            out["note"] = self.note
        if self.carried:
            out["carried"] = True
        if self.same_as:
            out["same_as"] = self.same_as
        if self.missing:
            out["missing"] = True
        return out


@dataclass(frozen=True)
class RuleSet:
    id: str
    version: str
    canton: str
    title: str
    valid_from: dt.date
    valid_to: dt.date | None
    parameters: dict[str, Parameter]
    texts: tuple = ()
    overrides: dict[str, object] = field(default_factory=dict)
    choices: dict[str, str] = field(default_factory=dict)       # model slot -> variant (xladdin.bursary.model)
    choice_articles: dict[str, str] = field(default_factory=dict)
    reason_codes: tuple[str, ...] = ()                            # the order codes take in ``reasons``
    inputs: dict[str, str] = field(default_factory=dict)          # input key -> the article a form cites for it

    @property
    def label(self) -> str:
        """What the ``rules`` output column shows: id and version, and overrides if any."""
        base = f"{self.id} v{self.version}"
        if self.overrides:
            base += " + " + ", ".join(f"{k}={v}" for k, v in sorted(self.overrides.items()))
        return base

    @property
    def v(self) -> SimpleNamespace:
        """The values as a nested namespace: ``rs.v.amounts.cap.tertiary``. A missing amount is NaN, so that what
        it reaches is NaN rather than a number; ``xladdin.bursary.assess`` turns the rows that need it into row
        errors (:func:`xladdin.bursary.missing.rows_needing`)."""
        return _namespace(tuple((k, float("nan") if p.missing else p.value) for k, p in self.parameters.items()))

    @property
    def missing(self) -> tuple[str, ...]:
        """The parameters whose amount is not in the texts held (``missing: true``), in file order."""
        return tuple(name for name, p in self.parameters.items() if p.missing)

    def filled(self, values: dict[str, float]) -> RuleSet:
        """A copy where some missing amounts take the given values (to find which rows need them; never shown)."""
        params = dict(self.parameters)
        for name, value in values.items():
            params[name] = replace(params[name], value=value, missing=False)
        return replace(self, parameters=params)

    def flat(self) -> dict[str, Parameter]:
        return dict(self.parameters)

    def value(self, name: str):
        try:
            return self.parameters[name].value
        except KeyError:
            raise RulesError("unknown_parameter", name=name, rules=self.id) from None

    @property
    def laws(self) -> set[str]:
        """The short names of the laws this rule set's model cites (GE: LBPE, RBPE...; ZH: VAB, BiG)."""
        return {part.split()[0] for ref in self.choice_articles.values() for part in ref.split(" ; ") if part.split()}

    def own_citation(self, article: str, fallback: str = "", exclude: frozenset[str] = frozenset()) -> str:
        """The parts of a citation (``VAB § 13 ; ABV Art. 15``) that cite this rule set's laws; a part without a law
        name (``§ 12``) goes with the one before; ``fallback`` when none does."""
        laws, kept, law = self.laws - exclude, [], ""
        for part in article.split(" ; "):
            words = part.split()
            if words and not words[0].startswith(("§", "Art.", "art.", "Anh", "al.", "Abs.", "lit.", "A1-")):
                law = words[0]
            if law in laws:
                kept.append(part)
        return " ; ".join(kept) or fallback

    def covers(self, date: dt.date) -> bool:
        return self.valid_from <= date and (self.valid_to is None or date <= self.valid_to)

    def with_overrides(self, overrides: dict[str, object]) -> RuleSet:
        """A copy with some values replaced (what-if scenarios, tests); names must exist, types must match."""
        if not overrides:
            return self
        params = dict(self.parameters)
        for name, value in overrides.items():
            if name not in params:
                raise RulesError("unknown_parameter", name=name, rules=self.id)
            if params[name].same_as:
                raise RulesError("alias_parameter", name=name, target=params[name].same_as)
            p = params[name]
            if p.missing:                           # the user gives the amount the texts held lack
                params[name] = replace(p, value=_coerce_like(replace(p, value=0.0), value), missing=False)
            else:
                params[name] = replace(p, value=_coerce_like(p, value))
        for name, p in params.items():              # an amount used in two places changes in both
            if p.same_as in overrides:
                params[name] = replace(p, value=params[p.same_as].value)
        return replace(self, parameters=params, overrides={**self.overrides, **overrides})


def _coerce_like(param: Parameter, value):
    """``value`` as the parameter's type (a what-if or goal-seek value, from any face), inside its :func:`domain`."""
    old = param.value
    try:
        if isinstance(old, bool):
            if isinstance(value, str):
                low = value.strip().lower()
                if low not in {"true", "false", "1", "0", "oui", "non"}:
                    raise ValueError(value)
                return low in {"true", "1", "oui"}
            if isinstance(value, (int, float)) and value not in (0, 1):
                raise ValueError(value)
            return bool(value)
        if isinstance(old, (int, float)):
            number = float(str(value).replace("'", "").replace(" ", "")) if isinstance(value, str) else float(value)
            check_value(param, number, shown=value)
            return int(number) if isinstance(old, int) and number.is_integer() else number
        return type(old)(value)
    except (TypeError, ValueError, OverflowError):
        raise RulesError("bad_parameter_value", name=param.name, value=value) from None


MAX_AMOUNT = 1e12                  # the bound of every amount the readers accept


@dataclass(frozen=True)
class Domain:
    """The values a numeric parameter may take: ``low`` ≤ x ≤ ``high``, whole when ``integer``."""

    low: float
    high: float
    integer: bool
    what: str                      # « un montant en francs », « un nombre entier d'années »…
    what_en: str

    def text(self, lang: str = "fr") -> str:
        def show(x: float) -> str:
            return f"{int(x):,}".replace(",", " ") if float(x).is_integer() else str(x)

        if lang == "en":
            return f"{self.what_en} between {show(self.low)} and {show(self.high)}"
        return f"{self.what} entre {show(self.low)} et {show(self.high)}"


# unit (its first words) -> domain; the first match wins. Ages and durations in years are whole numbers 0-120.
_UNIT_DOMAINS = (
    ("CHF", Domain(0, MAX_AMOUNT, False, "un montant en francs", "an amount in francs")),
    ("ratio", Domain(0, 1, False, "un taux", "a rate")),
    ("per year", Domain(0, 1, False, "un taux annuel", "a yearly rate")),
    ("years", Domain(0, 120, True, "un nombre entier d'années", "a whole number of years")),
    ("months", Domain(0, 1440, True, "un nombre entier de mois", "a whole number of months")),
    ("semesters", Domain(0, 240, True, "un nombre entier de semestres", "a whole number of semesters")),
    ("days a week", Domain(0, 7, True, "un nombre entier de jours par semaine", "a whole number of days a week")),
    ("hours", Domain(0, 10_000, False, "un nombre d'heures", "a number of hours")),
    ("lessons", Domain(0, 1_000_000, True, "un nombre entier de leçons", "a whole number of lessons")),
    ("count", Domain(0, 1_000_000, True, "un nombre entier", "a whole number")),
    ("divisor", Domain(1, 1_000_000, False, "un diviseur", "a divisor")),
)
_ANY_NUMBER = Domain(-MAX_AMOUNT, MAX_AMOUNT, False, "un nombre", "a number")


def domain(param: Parameter) -> Domain | None:
    """The domain of a numeric parameter, from its ``unit:`` and the leaf's optional ``min:``/``max:``; None for
    a switch or a text."""
    if isinstance(param.value, bool) or not isinstance(param.value, (int, float)):
        return None
    unit = param.unit.strip()
    found = next((d for prefix, d in _UNIT_DOMAINS if unit == prefix or unit.startswith(prefix + " ")
                  or unit.startswith(prefix + "/") or unit.startswith(prefix + ",")), _ANY_NUMBER)
    if param.minimum is not None or param.maximum is not None:
        found = replace(found, low=found.low if param.minimum is None else float(param.minimum),
                        high=found.high if param.maximum is None else float(param.maximum))
    return found


def check_value(param: Parameter, number: float, shown=None) -> None:
    """Refuse a value outside the parameter's domain (not finite, out of range, not whole where it must be)."""
    bounds = domain(param)
    if bounds is None:
        return
    if not (math.isfinite(number) and bounds.low <= number <= bounds.high
            and (not bounds.integer or float(number).is_integer())):
        raise XladdinError("parameter_out_of_range", name=param.name, value=number if shown is None else shown,
                           expected=bounds.text("fr"), expected_en=bounds.text("en"))


@lru_cache(maxsize=256)
def _namespace(items: tuple) -> SimpleNamespace:
    root: dict = {}
    for name, value in items:
        node = root
        *parents, leaf = name.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value

    def build(d):
        return SimpleNamespace(**{k: build(v) if isinstance(v, dict) else v for k, v in d.items()})

    return build(root)


def _is_leaf(node) -> bool:
    return isinstance(node, dict) and ("value" in node or "same_as" in node) and "reference" in node


def _flatten(tree: dict, prefix: str = "") -> dict[str, Parameter]:
    out: dict[str, Parameter] = {}
    for key, node in tree.items():
        name = f"{prefix}{key}"
        if _is_leaf(node):
            out[name] = Parameter(name=name, value=node.get("value"), article=str(node["reference"]),
                                  valid_from=str(node.get("valid_from", "")), unit=str(node.get("unit", "")),
                                  note=str(node.get("note", "")), href=str(node.get("href", "")),
                                  carried=bool(node.get("carried", False)), same_as=str(node.get("same_as", "")),
                                  minimum=node.get("min"), maximum=node.get("max"),
                                  missing=bool(node.get("missing", False)))
            if out[name].missing and (out[name].value is not None or not out[name].note):
                raise ValueError(f"parameter {name} is missing: it needs `value: null` and a `note` naming the annex")
        elif isinstance(node, dict):
            out.update(_flatten(node, name + "."))
        else:
            raise ValueError(f"parameter {name} has no value/reference")
    return out


def _resolve_aliases(params: dict[str, Parameter], path: Path) -> dict[str, Parameter]:
    """``same_as: family.basic.p1``: the value (and date) of that parameter, which must exist and hold a value."""
    for name, p in params.items():
        if p.same_as:
            target = params.get(p.same_as)
            if target is None or target.same_as:
                raise ValueError(f"{path.name}: {name} same_as {p.same_as}: no such parameter with a value")
            params[name] = replace(p, value=target.value, valid_from=p.valid_from or target.valid_from,
                                   unit=p.unit or target.unit, missing=target.missing)
    return params


def _read(path: Path) -> RuleSet:
    data = load_yaml(path)
    model = data.get("model") or {}
    return RuleSet(id=data["id"], version=str(data["version"]), canton=data["canton"], title=data["title"],
                   valid_from=data["valid_from"], valid_to=data.get("valid_to"),
                   parameters=_resolve_aliases(_flatten(data["parameters"]), path),
                   texts=tuple(data.get("texts", ())),
                   choices={slot: str(node["variant"]) for slot, node in model.items()},
                   choice_articles={slot: str(node.get("reference", "")) for slot, node in model.items()},
                   reason_codes=tuple(str(code) for code in data.get("reason_codes", ())),
                   inputs={str(key): str(article) for key, article in (data.get("inputs") or {}).items()})


def read_file(path: Path) -> RuleSet:
    """A rule set given as a file (the layout of the shipped ones), read by the bounded YAML loader."""
    import yaml

    try:
        return _read(path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        detail = f"ligne {mark.line + 1} : {getattr(exc, 'problem', exc)}" if mark else str(exc)
        raise RulesError("rules_file_invalid", path=str(path), detail=detail) from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise RulesError("rules_file_invalid", path=str(path), detail=f"{type(exc).__name__}: {exc}") from None


@lru_cache(maxsize=None)
def available() -> dict[str, RuleSet]:
    """Every shipped rule set by id, oldest first within a canton."""
    sets = [_read(p) for p in sorted(RULES_DIR.glob("*/*.yaml"))]
    return {rs.id: rs for rs in sorted(sets, key=lambda r: (r.canton, r.valid_from))}


DEFAULT = "GE"
"""Every face's default rule set: Geneva's version in force on each row's reference date (issue 13)."""

OUT_OF_PERIOD = "RULES-OUT-OF-PERIOD"
"""Information code of a row assessed under a rule set whose validity does not cover its reference date."""


def load(rules: str | RuleSet, date: dt.date | None = None) -> RuleSet:
    """A rule set by id (``GE-2025``), a ``.yaml`` file of the same layout, or by canton (``GE``): the version in force on ``date``, or the newest
    version when no date is given.

    A date no version covers but after the start of one (after the newest version's end, or in a gap between two)
    takes the last version that started before it: the amounts last known, never a refusal. Whoever assesses with
    it marks the row ``RULES-OUT-OF-PERIOD`` (:func:`covers_dates`), so it is never silent. A date before every
    version raises ``no_rules_in_force``."""
    if isinstance(rules, RuleSet):
        return rules
    sets = available()
    key = str(rules).strip()
    if key in sets:
        return sets[key]
    if key.lower().endswith((".yaml", ".yml")):
        return read_file(Path(key))
    canton = key.upper()
    candidates = [rs for rs in sets.values() if rs.canton == canton]
    if not candidates:
        raise RulesError("unknown_rules", rules=key, available=", ".join(sets))
    if date is None:                # no date: the newest version (a canton's latest amounts are what one shows)
        return candidates[-1]
    for rs in reversed(candidates):
        if rs.covers(date):
            return rs
    for rs in reversed(candidates):
        if rs.valid_from <= date:
            return rs
    raise RulesError("no_rules_in_force", canton=canton, date=date.strftime("%d.%m.%Y"))


def covers_dates(rs: RuleSet, dates):
    """Per date (numpy ``datetime64[D]``), whether ``rs`` is valid on it; an unknown date (NaT) counts as covered
    (the row reports its missing date itself)."""
    import numpy as np

    dates = np.asarray(dates, dtype="datetime64[D]")
    inside = dates >= np.datetime64(rs.valid_from, "D")
    if rs.valid_to is not None:
        inside &= dates <= np.datetime64(rs.valid_to, "D")
    return inside | np.isnat(dates)


def canton_of(rules: str | RuleSet) -> str:
    """The canton a rule-set id (``ZH-2021``), canton key (``zh``) or rule set belongs to."""
    if isinstance(rules, RuleSet):
        return rules.canton
    return rules.strip().upper() if is_canton(rules) else load(rules).canton


def is_canton(rules: str | RuleSet) -> bool:
    """True when ``rules`` names a canton (resolved per reference date) rather than one rule set."""
    return isinstance(rules, str) and rules.strip() not in available() and \
        any(rs.canton == rules.strip().upper() for rs in available().values())
