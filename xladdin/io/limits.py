"""Resource limits on the files xladdin reads (issue 7: bounded resource use, limits configurable and reported).

One :class:`Limits` value says how large a file may be (bytes on disk, bytes once unpacked), how many data rows
(below the header), columns and cells its table may hold. Defaults suit a cantonal bursary office (a year's
applications are a few thousand rows; 200 000 leaves ample room), and each can be raised or lowered:

=====================  ==========================  ===========================  ==============
limit                  command-line option          environment variable         default
=====================  ==========================  ===========================  ==============
file size              ``--max-file-mb``            ``XLADDIN_MAX_FILE_MB``      200 Mo
data rows              ``--max-rows``               ``XLADDIN_MAX_ROWS``         200 000
columns                ``--max-columns``            ``XLADDIN_MAX_COLUMNS``      1 000
cells (rows × cols)    ``--max-cells``              ``XLADDIN_MAX_TABLE_CELLS``  20 000 000
workbook unpacked      —                            ``XLADDIN_MAX_UNPACKED_MB``  1 024 Mo
=====================  ==========================  ===========================  ==============

An option beats the environment, which beats the default. A refusal names the count found, the limit in force
and how to change it (``…au-delà de la limite de 200 000 (option --max-rows ou variable XLADDIN_MAX_ROWS)``).
(``XLADDIN_MAX_CELLS`` is another limit: the largest range an Excel function accepts, ``xladdin.excel``.)
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace

from ..errors import InputFileError, XladdinError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """The limits in force for one read; all sizes in bytes."""

    max_bytes: int = 200 * MB
    max_rows: int = 200_000
    max_columns: int = 1_000
    max_cells: int = 20_000_000
    max_unpacked: int = 1024 * MB

    @classmethod
    def from_env(cls, environ=None) -> Limits:
        """The defaults, overridden by ``XLADDIN_MAX_*`` environment variables."""
        environ = os.environ if environ is None else environ
        got = {}
        for name, (variable, _option, scale) in SOURCES.items():
            text = environ.get(variable, "").strip()
            if text:
                got[name] = _positive(text, variable, scale)
        return cls(**got)

    def with_options(self, **options) -> Limits:
        """These limits with the command-line options that were given (None = not given).

        ``max_file_mb`` is in megabytes (decimals allowed); the others are counts."""
        got = {}
        for name, value in options.items():
            if value is None:
                continue
            key = "max_bytes" if name == "max_file_mb" else name
            variable, option, scale = SOURCES[key]
            got[key] = _positive(str(value), option, scale)
        return replace(self, **got)


# limit -> (environment variable, command-line option, unit in bytes or 1)
SOURCES = {
    "max_bytes": ("XLADDIN_MAX_FILE_MB", "--max-file-mb", MB),
    "max_rows": ("XLADDIN_MAX_ROWS", "--max-rows", 1),
    "max_columns": ("XLADDIN_MAX_COLUMNS", "--max-columns", 1),
    "max_cells": ("XLADDIN_MAX_TABLE_CELLS", "--max-cells", 1),
    "max_unpacked": ("XLADDIN_MAX_UNPACKED_MB", "--max-unpacked-mb", MB),
}
assert set(SOURCES) == {f.name for f in fields(Limits)}


def current(limits: Limits | None = None) -> Limits:
    """``limits`` when given, else the defaults with the environment's overrides."""
    return limits if limits is not None else Limits.from_env()


def _positive(text: str, where: str, scale: int) -> int:
    try:
        value = float(text.replace("'", "").replace("_", "").replace(" ", "").replace("\u202f", "")
                      .replace(",", "."))
    except ValueError:
        value = float("nan")
    if not value > 0 or value == float("inf") or (scale == 1 and not value.is_integer()):
        raise XladdinError("bad_limit", option=where, value=text)
    return int(value * scale)


def count(n: int) -> str:
    """``1048576`` → ``1 048 576`` (thousands separated by a space, as the French messages write them)."""
    return f"{int(n):,}".replace(",", " ")


def size_text(n: int, lang: str = "fr") -> str:
    """A size in bytes as a reader sees it: ``12,5 Mo`` / ``12.5 MB`` (1 048 576 bytes), ``980 octets``."""
    if n >= MB:
        text = f"{n / MB:.1f}".removesuffix(".0")
        return text + " MB" if lang == "en" else text.replace(".", ",") + " Mo"
    return f"{count(n)} {'bytes' if lang == 'en' else 'octets'}"


def sizes(size: int, limit: int) -> dict[str, str]:
    """The details of a size refusal, in each language (``{size}``/``{size_en}``/``{size_de}``, ``{limit}``...)."""
    from ..errors_de import size_text as size_de

    return {"size": size_text(size), "limit": size_text(limit), "size_en": size_text(size, "en"),
            "limit_en": size_text(limit, "en"), "size_de": size_de(size), "limit_de": size_de(limit)}


# --- checks -------------------------------------------------------------------------------------------------

def check_size(path, size: int, limits: Limits) -> None:
    if size > limits.max_bytes:
        raise InputFileError("file_too_large", path=str(path), **sizes(size, limits.max_bytes))


def check_rows(path, rows: int, limits: Limits, *, last_line: int | None = None) -> None:
    """Refuse a table of more than ``max_rows`` data rows (below the header)."""
    if rows > limits.max_rows:
        where = f" (dernière ligne remplie : {count(last_line)})" if last_line else ""
        where_en = f" (last filled line: {count(last_line)})" if last_line else ""
        where_de = f" (letzte ausgefüllte Zeile: {count(last_line)})" if last_line else ""
        raise InputFileError("too_many_rows", path=str(path), rows=count(rows), limit=count(limits.max_rows),
                             where=where, where_en=where_en, where_de=where_de)


def check_columns(path, columns: int, limits: Limits) -> None:
    if columns > limits.max_columns:
        raise InputFileError("too_many_columns", path=str(path), columns=count(columns),
                             limit=count(limits.max_columns))


def check_cells(path, cells: int, limits: Limits, *, lines: int | None = None, columns: int | None = None) -> None:
    """Refuse a table of more than ``max_cells`` cells (``lines`` × ``columns``, header included)."""
    if cells > limits.max_cells:
        shape = f" ({count(lines)} lignes × {count(columns)} colonnes)" if lines and columns else ""
        shape_en = f" ({count(lines)} lines × {count(columns)} columns)" if lines and columns else ""
        shape_de = f" ({count(lines)} Zeilen × {count(columns)} Spalten)" if lines and columns else ""
        raise InputFileError("too_many_cells", path=str(path), cells=count(cells), limit=count(limits.max_cells),
                             shape=shape, shape_en=shape_en, shape_de=shape_de)


def check_shape(path, rows: int, columns: int, limits: Limits, *, last_line: int | None = None) -> None:
    """All three: ``rows`` data rows below a header, ``columns`` wide."""
    check_rows(path, rows, limits, last_line=last_line)
    check_columns(path, columns, limits)
    check_cells(path, (rows + 1) * columns, limits, lines=rows + 1, columns=columns)


# --- command-line options (``xladdin assess``, ``xladdin import``) -------------------------------------------

def _option(name: str, help_fr: str, variable: str):
    import typer

    return typer.Option(None, name, help=f"{help_fr} ; ou la variable {variable}.", show_default=False,
                        rich_help_panel="Limites")


_OPTIONS = {  # built on first use (module __getattr__): the base install (Lite, Calc) has no typer
    "MAX_FILE_MB_OPTION": ("--max-file-mb", "Taille maximale du fichier lu, en Mo (défaut 200)",
                           "XLADDIN_MAX_FILE_MB"),
    "MAX_ROWS_OPTION": ("--max-rows", "Nombre maximal de lignes de données (défaut 200 000)", "XLADDIN_MAX_ROWS"),
    "MAX_COLUMNS_OPTION": ("--max-columns", "Nombre maximal de colonnes (défaut 1 000)", "XLADDIN_MAX_COLUMNS"),
    "MAX_CELLS_OPTION": ("--max-cells", "Nombre maximal de cellules, lignes × colonnes (défaut 20 000 000)",
                         "XLADDIN_MAX_TABLE_CELLS"),
}


def __getattr__(name: str):
    if name in _OPTIONS:
        return _option(*_OPTIONS[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def from_options(max_file_mb=None, max_rows=None, max_columns=None, max_cells=None) -> Limits:
    """The limits of a command: its options, else the environment, else the defaults."""
    return Limits.from_env().with_options(max_file_mb=max_file_mb, max_rows=max_rows, max_columns=max_columns,
                                          max_cells=max_cells)
