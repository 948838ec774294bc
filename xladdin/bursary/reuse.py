"""Issue 6 (what-if tables) — re-running the engine with a few parameters changed, reusing what they cannot reach.

``Plan(inputs, rules)`` runs the rule set's steps once (the baseline) and records, for each step, the parameters it
reads (attribute paths on ``rules.v``) and the columns it reads and writes. ``plan.compute(other_rules)`` then
re-runs a step only when it reads a parameter whose value differs, or a column a re-run step wrote; every other
step's outputs are the baseline's, replayed in the model's order. The result is the same as ``engine.compute``
(``tests/whatif/test_whatif_reuse.py`` checks every shipped rule set on random scenarios), for any model:

- a step is a function of what it reads: when none of its parameters and none of its columns changed it runs the
  same way, reads the same things and returns the same outputs (so one recording on the baseline is enough);
- a step that reads a whole namespace (``vars(v.training.rights)``), or a whole ``Columns`` (iteration, ``keys``),
  depends on all of it;
- the baseline's arrays are handed out read-only while recording and when re-running: a step that writes into an
  array it did not create would change the baseline later scenarios reuse, so it fails the recording (the plan
  then re-runs every step: ``plan.reusable`` is False) or, in a scenario, that scenario is recomputed in full;
- a different model (``choices``), reason-code order or set of parameter names is recomputed in full.
"""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType, SimpleNamespace

import numpy as np

from ..rules import RuleSet
from . import engine, model
from .inputs import Inputs
from .rule import Columns

WHOLE = ""                     # a recorded prefix meaning "every parameter" (the whole of ``rules.v`` was read)
_ALL_COLUMNS = object()        # a recorded column read meaning "every column" (the step iterated ``c``)


def _frozen(value):
    """A read-only view of an array (or of a dict of arrays): what a step reads must stay as the baseline has it."""
    if isinstance(value, np.ndarray):
        view = value.view()
        view.flags.writeable = False
        return view
    if isinstance(value, dict):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    return value


def _plain(c: dict) -> dict:
    """The columns as they are stored (no view, no read noted)."""
    return dict(zip(dict.keys(c), dict.values(c)))


class _ReadOnlyColumns(Columns):
    """Columns whose reads are read-only views (scenario re-runs)."""

    def __getitem__(self, key):
        return _frozen(dict.__getitem__(self, key))

    def get(self, key, default=None):
        return _frozen(dict.get(self, key, default))


class _RecordingColumns(_ReadOnlyColumns):
    """Columns that note the keys a step reads (recording run)."""

    def __init__(self, n: int, *args, **kw):
        super().__init__(n, *args, **kw)
        self.reads: set = set()

    def __getitem__(self, key):
        self.reads.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.reads.add(key)
        return super().get(key, default)

    def __contains__(self, key):
        self.reads.add(key)
        return dict.__contains__(self, key)

    def _everything(self):
        self.reads.add(_ALL_COLUMNS)

    def __iter__(self):
        self._everything()
        return dict.__iter__(self)

    def keys(self):
        self._everything()
        return dict.keys(self)

    def items(self):
        self._everything()
        return {k: _frozen(v) for k, v in dict.items(self)}.items()

    def values(self):
        self._everything()
        return [_frozen(v) for v in dict.values(self)]

    def __len__(self):
        self._everything()
        return dict.__len__(self)

    def __setitem__(self, key, value):
        raise TypeError(f"a step wrote column '{key}' into the columns instead of returning it")

    def update(self, *args, **kw):
        raise TypeError("a step updated the columns instead of returning its outputs")


class _RecordingValues:
    """Stands for ``rules.v`` (or one of its namespaces) and notes the dotted names read."""

    __slots__ = ("_leaves", "_node", "_path", "_prefixes")

    def __init__(self, node, path: str, leaves: set, prefixes: set):
        self._node, self._path, self._leaves, self._prefixes = node, path, leaves, prefixes

    def __getattr__(self, name):
        path = f"{self._path}.{name}" if self._path else name
        try:
            value = getattr(self._node, name)
        except AttributeError:
            self._leaves.add(path)
            raise
        if isinstance(value, SimpleNamespace):
            return _RecordingValues(value, path, self._leaves, self._prefixes)
        self._leaves.add(path)
        return value

    def _whole(self):
        self._prefixes.add(self._path)        # WHOLE ("") at the root
        return self._node

    @property
    def __dict__(self):                       # vars(v.training.rights): the step reads every name under it
        return vars(self._whole())

    def __eq__(self, other):
        return self._whole() == (other._whole() if isinstance(other, _RecordingValues) else other)

    __hash__ = None

    def __repr__(self):
        return repr(self._whole())


def _ancestors(name: str) -> set[str]:
    """``a.b.c`` -> {"", "a", "a.b"}."""
    parts = name.split(".")
    return {".".join(parts[:i]) for i in range(len(parts))}


class _Record:
    """What one step read and wrote on the baseline run."""

    __slots__ = ("below", "columns", "leaves", "notes", "outputs", "prefixes")

    def __init__(self, leaves: set, prefixes: set, columns: set, outputs: dict, notes: dict):
        self.leaves, self.prefixes, self.columns = frozenset(leaves), frozenset(prefixes | leaves), columns
        self.below = frozenset(a for name in leaves for a in _ancestors(name))     # namespaces it read into
        self.outputs, self.notes = outputs, notes

    def reads_parameter(self, name: str) -> bool:
        """The step read ``name``, a value under it, or a namespace ``name`` is in as a whole."""
        return name in self.leaves or name in self.below or not _ancestors(name).isdisjoint(self.prefixes)


def differences(a: Columns, b: Columns) -> list[str]:
    """The columns in which two runs differ (arrays compared exactly, NaN and NaT equal to themselves)."""
    keys = sorted(set(a) | set(b), key=str)
    out = [key for key in keys if key not in a or key not in b or not _equal(a[key], b[key])]
    if getattr(a, "reason_codes", None) != getattr(b, "reason_codes", None):
        out.append("reason_codes")
    return out


def _equal(a, b) -> bool:
    if a is b:
        return True
    if isinstance(a, (dict, MappingProxyType)) or isinstance(b, (dict, MappingProxyType)):
        return (isinstance(a, (dict, MappingProxyType)) and isinstance(b, (dict, MappingProxyType))
                and a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a))
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a), np.asarray(b)
        if a.shape != b.shape or a.dtype != b.dtype:
            return False
        if a.dtype.kind in "fc":
            return bool(np.array_equal(a, b, equal_nan=True))
        if a.dtype.kind in "mM":
            return bool(np.array_equal(a.view(np.int64), b.view(np.int64)))
        if a.dtype.kind == "O":
            return all(x is y or _same(x, y) or (_nan(x) and _nan(y)) for x, y in zip(a.tolist(), b.tolist()))
        return bool(np.array_equal(a, b))
    return _same(a, b) or (_nan(a) and _nan(b))


def _nan(x) -> bool:
    return isinstance(x, float) and np.isnan(x)


def _same(a, b) -> bool:
    if type(a) is not type(b):
        return False
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


class Plan:
    """The baseline run of one table under one rule set, reusable for runs with other parameter values."""

    def __init__(self, inputs: Inputs, rules: RuleSet, reference_date: dt.date | None = None):
        self.inputs, self.rules, self.reference_date = inputs, rules, reference_date
        self.steps = model.steps(rules)
        self._base_values = rules.v
        self._rerun_cache: dict[frozenset, tuple[bool, ...]] = {}
        self.base = engine.compute(inputs, rules, reference_date)
        try:
            recorded, self._records = self._record()
        except (TypeError, ValueError, AttributeError):
            # A step that writes into what it reads, or reads ``v`` in a way the recorder cannot stand for.
            self._records = None
        else:
            if differences(recorded, self.base):       # recording changed what a step computed: no reuse
                self._records = None

    @property
    def reusable(self) -> bool:
        return self._records is not None

    def _new_columns(self, cls) -> Columns:
        c = cls(self.inputs.n, self.inputs.cols)
        c.fixed_reference_date = self.reference_date
        return c

    def _record(self):
        c = self._new_columns(_RecordingColumns)
        values = self.rules.v
        records, notes = [], {}
        for step in self.steps:
            leaves, prefixes = set(), set()
            c.reads = set()
            out = step(c, _RecordingValues(values, WHOLE, leaves, prefixes))
            step_notes = out.pop("notes", {})
            notes.update(step_notes)
            records.append(_Record(leaves, prefixes, c.reads, dict(out), step_notes))
            dict.update(c, out)
        base = Columns(c.n, _plain(c))
        base.fixed_reference_date = self.reference_date
        return engine.finish(base, self.rules, notes), records

    def changed(self, rules: RuleSet) -> frozenset | None:
        """The parameters whose value differs from the baseline's; None when only a full run will do."""
        if rules is self.rules or rules.parameters is self.rules.parameters:
            return frozenset()
        if (rules.choices != self.rules.choices or rules.reason_codes != self.rules.reason_codes
                or rules.parameters.keys() != self.rules.parameters.keys()):
            return None
        base = self.rules.parameters
        return frozenset(name for name, p in rules.parameters.items() if not _same(p.value, base[name].value))

    def reruns(self, changed: frozenset) -> tuple[bool, ...]:
        """For each step, whether it must run again when ``changed`` parameters differ (a step reading a column
        written by a re-run step runs again too)."""
        if changed not in self._rerun_cache:
            dirty: set = set()
            flags = []
            for rec in self._records:
                again = any(rec.reads_parameter(name) for name in changed) or (
                    bool(dirty) and (_ALL_COLUMNS in rec.columns or not dirty.isdisjoint(rec.columns)))
                if again:
                    dirty |= rec.outputs.keys()
                flags.append(again)
            self._rerun_cache[changed] = tuple(flags)
        return self._rerun_cache[changed]

    def compute(self, rules: RuleSet) -> Columns:
        """``engine.compute(inputs, rules, reference_date)``, re-running only the steps the change reaches. The
        columns returned share the baseline's arrays (``plan.base`` itself when nothing changed): read them only."""
        changed = self.changed(rules) if self._records is not None else None
        if changed is None:
            return engine.compute(self.inputs, rules, self.reference_date)
        if not changed:
            return self.base
        flags = self.reruns(changed)
        try:
            return self._replay(rules, flags, self._values(rules, changed))
        except (TypeError, ValueError):
            return engine.compute(self.inputs, rules, self.reference_date)

    def _values(self, rules: RuleSet, changed: frozenset) -> SimpleNamespace:
        """``rules.v``, built from the baseline's namespace by copying only the namespaces on the changed names'
        paths (the others are shared: steps only read them)."""
        root = SimpleNamespace(**vars(self._base_values))
        copies = {"": root}

        def node(path: str) -> SimpleNamespace:
            if path not in copies:
                parent_path, _, leaf = path.rpartition(".")
                parent = node(parent_path)
                copies[path] = SimpleNamespace(**vars(getattr(parent, leaf)))
                setattr(parent, leaf, copies[path])
            return copies[path]

        for name in changed:
            value = rules.parameters[name].value
            if isinstance(value, dict):                # a value that is itself a table: the namespace of it all
                return rules.v
            parent_path, _, leaf = name.rpartition(".")
            setattr(node(parent_path), leaf, value)
        return root

    def _replay(self, rules: RuleSet, flags: tuple[bool, ...], values) -> Columns:
        c = self._new_columns(_ReadOnlyColumns)
        notes: dict[str, np.ndarray] = {}
        extra_dirty: set = set()
        for step, rec, again in zip(self.steps, self._records, flags):
            if again:
                out = step(c, values)
                step_notes = out.pop("notes", {})
                extra_dirty |= out.keys() - rec.outputs.keys()
            else:
                if not extra_dirty.isdisjoint(rec.columns) or (extra_dirty and _ALL_COLUMNS in rec.columns):
                    raise ValueError("a re-run step wrote a column the baseline run did not")   # full run instead
                out, step_notes = rec.outputs, rec.notes
            notes.update(step_notes)
            dict.update(c, out)
        result = Columns(c.n, _plain(c))
        result.fixed_reference_date = self.reference_date
        return engine.finish(result, rules, notes)
