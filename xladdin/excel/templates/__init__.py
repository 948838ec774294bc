"""Workbook templates generated from the one schema (xladdin/schema.py) and the YAML descriptions in templates/.

``xladdin template KIND --out FILE [--lang fr|en]``; KIND is one of :data:`KINDS`. Every template carries an
``xlwings.conf`` sheet naming the UDF module, so the desktop add-in finds its functions.
"""

from __future__ import annotations

from pathlib import Path

KINDS = ("intake", "applicants", "catalogue", "programme", "whatif")


def build(kind: str, out: str | Path, lang: str = "fr", **options) -> Path:
    """Write the template ``kind`` to ``out`` (atomically) and return its path."""
    out = Path(out)
    if kind == "intake":
        from .intake import build as _build
    elif kind == "applicants":
        from .applicants import build as _build
    elif kind == "catalogue":
        from .credits import build_catalogue as _build
    elif kind == "programme":
        from .credits import build_programme as _build
    elif kind == "whatif":
        from .whatif import build as _build
    else:
        raise ValueError(f"unknown template kind {kind!r} (expected one of {', '.join(KINDS)})")
    return _build(out, lang=lang, **options)
