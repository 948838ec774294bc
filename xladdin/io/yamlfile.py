"""The one YAML loader of xladdin: rule sets, catalogues, the concordat's standards, template descriptions.

``yaml.safe_load`` builds no object from a tag, but on its own it does not bound what a file costs: 17 KB of nested
aliases (``&a [*b, *b, …]``) expand to billions of nodes once walked, and a list nested 5 000 deep overflows the
composer's recursion. :func:`load_yaml` reads with PyYAML's safe loader and refuses, with a French message and
exit code 2 (:class:`~xladdin.errors.XladdinError`), a file

* larger than :data:`MAX_BYTES` (a catalogue or rule set is tens of kilobytes);
* nested deeper than :data:`MAX_DEPTH` levels (the shipped files reach 6);
* whose nodes, each alias counted as the whole node it repeats, exceed :data:`MAX_NODES`.

Anchors and aliases stay allowed within that bound: the shipped catalogue repeats a note with ``&bloc_note``, and
a clerk's copy of it must still load. (A rule set's ``same_as:`` is a parameter reference, not a YAML alias.)
Syntax errors are PyYAML's ``YAMLError`` (with its line), for the caller to word.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import XladdinError
from .limits import count, sizes

MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 200_000


class _Refused(Exception):
    def __init__(self, code: str, **details):
        super().__init__(code)
        self.code, self.details = code, details


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, counting nesting depth and expanded nodes as it composes the document."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0
        self._expanded = 0
        self._sizes: dict[int, int] = {}

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            target = self.anchors.get(self.peek_event().anchor)
            self._expanded += self._sizes.get(id(target), 1)
            self._check()
            return super().compose_node(parent, index)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refused("yaml_too_deep", limit=MAX_DEPTH, line=self.peek_event().start_mark.line + 1)
        start = self._expanded
        self._expanded += 1
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        self._sizes[id(node)] = self._expanded - start
        self._check()
        return node

    def _check(self) -> None:
        if self._expanded > MAX_NODES:
            raise _Refused("yaml_too_many_nodes", limit=count(MAX_NODES))


def load_yaml(path: Path | str):
    """The document of the YAML file at ``path``, read within the bounds above (raises ``XladdinError``)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise XladdinError("file_missing", path=str(path)) from None
    if size > MAX_BYTES:
        raise XladdinError("yaml_too_large", path=str(path), **sizes(size, MAX_BYTES))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise XladdinError("file_encoding", path=str(path)) from None
    loader = _BoundedLoader(text)
    try:
        return loader.get_single_data()
    except _Refused as exc:
        raise XladdinError(exc.code, path=str(path), **exc.details) from None
    except RecursionError:               # not reached within MAX_DEPTH; a last guard all the same
        raise XladdinError("yaml_too_deep", path=str(path), limit=MAX_DEPTH, line="?") from None
    finally:
        loader.dispose()
