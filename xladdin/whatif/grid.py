"""Scenario grids: which rule-set parameters vary (by dotted name, as ``xladdin rules show --json`` prints them)
and over which values; several parameters give their cartesian product, the FIRST one varying fastest (it is the
x axis of the workbook's charts; each combination of the others is one series, a block of consecutive rows)."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal, InvalidOperation

from ..errors import XladdinError
from ..rules import RuleSet

MAX_SCENARIOS = 10_000
_JUNK = re.compile(r"[\s'’_\u00a0\u202f]")


def number(text: str) -> Decimal:
    """A number as finance officers type it: ``18000``, ``18'000``, ``18 000``, ``0.5``."""
    return Decimal(_JUNK.sub("", text))


def parse_spec(spec: str) -> tuple[str, list[str]]:
    """``PARAM=V1,V2,...`` or ``PARAM=START:STOP:STEP`` (stop included) -> (name, values as text)."""
    name, sep, rest = spec.partition("=")
    name, rest = name.strip(), rest.strip()
    if not sep or not name or not rest:
        raise XladdinError("whatif_bad_vary", spec=spec)
    if ":" in rest:
        parts = rest.split(":")
        if len(parts) != 3:
            raise XladdinError("whatif_bad_vary", spec=spec)
        try:
            start, stop, step = (number(p) for p in parts)
        except InvalidOperation:
            raise XladdinError("whatif_bad_vary", spec=spec) from None
        if not all(x.is_finite() for x in (start, stop, step)):         # nan, inf: no range to walk
            raise XladdinError("whatif_bad_vary", spec=spec)
        if step == 0 or (stop - start) * step < 0:
            raise XladdinError("whatif_bad_range", spec=spec)
        count = int((stop - start) / step) + 1
        if count > MAX_SCENARIOS:
            raise XladdinError("whatif_too_many", count=count, limit=MAX_SCENARIOS)
        values = [str(start + i * step) for i in range(count)]      # Decimal: 0.1 steps stay exact
        return name, values
    values = [v.strip() for v in rest.split(",") if v.strip()]
    if not values:
        raise XladdinError("whatif_bad_vary", spec=spec)
    return name, values


def parse_specs(specs: list[str]) -> dict[str, list[str]]:
    """Several ``--vary`` options; a parameter may be named only once."""
    vary: dict[str, list[str]] = {}
    for spec in specs:
        name, values = parse_spec(spec)
        if name in vary:
            raise XladdinError("whatif_duplicate_param", name=name)
        vary[name] = values
    return vary


def typed(rules: RuleSet, vary: dict[str, list]) -> dict[str, list]:
    """Each value coerced to its parameter's type (``18000.0`` -> 18000, ``"18'000"`` -> 18000); unknown names and
    unreadable values raise the rule set's own errors."""
    out: dict[str, list] = {}
    for name, values in vary.items():
        rules.value(name)                                           # unknown_parameter
        if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
            values = [values]
        coerced = []
        for value in values:
            typed_as = value
            if isinstance(value, str) and isinstance(rules.value(name), (int, float)) \
                    and not isinstance(rules.value(name), bool):
                try:
                    value = str(number(value))
                except InvalidOperation:
                    pass                                            # with_overrides reports it
            try:
                coerced.append(rules.with_overrides({name: value}).value(name))
            except XladdinError as exc:                             # the refusal quotes the value as typed
                if "value" in exc.details:
                    exc.details["value"] = typed_as
                    exc.message = exc.text("fr")
                raise
        if not coerced:
            raise XladdinError("whatif_bad_vary", spec=f"{name}=")
        out[name] = coerced
    return out


def scenarios(vary: dict[str, list]) -> list[dict[str, object]]:
    """The cartesian product of the varied values; the first parameter varies fastest, the last slowest."""
    count = 1
    for values in vary.values():
        count *= len(values)
    if count > MAX_SCENARIOS:
        raise XladdinError("whatif_too_many", count=count, limit=MAX_SCENARIOS)
    names = list(vary)
    combos = itertools.product(*(vary[name] for name in reversed(names)))
    return [{name: combo[len(names) - 1 - i] for i, name in enumerate(names)} for combo in combos]
