"""The one output layer: every file xladdin writes for people goes through here.

It knows the reader's language and the schema, and how a value is shown::

    from xladdin.io import output

    lang = output.mode(lang="fr", keys=False)       # "fr" (default) | "en" | "de" | "keys" (machines)
    output.header("independence", lang)             # "Indépendance financière" (keys: "independence")
    output.value_label("independence", "none", lang)  # "aucune" (partielle, totale)
    output.yes_no(True, lang)                       # "oui" / "non" (en yes/no, de ja/nein, keys true/false)
    output.money_text(-1965)                        # "-1'965": whole francs, for running text
    output.MONEY                                    # the ONE .xlsx number format for money: "[$-100C]#,##0"
    output.INTEGER_FORMAT, output.AVERAGE_FORMAT    # "0" for years and counts, "0.00" for averages
    output.DATE_FORMAT, output.TIMESTAMP_FORMAT     # "dd.mm.yyyy", "dd.mm.yyyy hh:mm" (local time)
    output.date_text(d), output.timestamp_text(t)   # the same as text
    output.parameter_label("amounts.cap.tertiary", rs)  # "Plafond tertiaire (amounts.cap.tertiary)"
    output.register_labels({"winners": ("Gagnants", "Winners", "Gewinner")}, kinds={"winners": output.INTEGER})

Tables (DataFrames whose columns are keys)::

    output.write_table(frame, "out.xlsx", lang=lang, title="Décisions", rules="GE-2025 v1.0", protect=(input,))
    output.write_table(frame, "out.csv", lang=lang, csv_dialect="semicolon")   # ";" + BOM; "comma": "," no BOM
    output.write_csv(frame, path, lang=lang, dialect_name="semicolon")

Printing (XlsxWriter or openpyxl sheets)::

    page = output.Page(title="Rapport", rules="GE-2025 v1.0", lang=lang, widths=[...], wrap={4}, freeze_cols=2)
    output.setup_xlsxwriter(ws, page)     # A4, orientation that fits, fit to width at ≥ 8 pt, header rows
    output.setup_openpyxl(ws, output.Page(title=..., rules=...))   # widths from the cells' content
    row = output.chart_anchor(ws, last_row)   # a chart below the table, after a page break

Files::

    with output.atomic_path(out, protect=(input,)) as tmp:   # whole or nothing; mode of the old file or umask;
        write(tmp)                                           # OSError -> French message, exit 3
    with output.os_errors(path, "read"): ...                 # an OSError while reading, as a French message

Command-line options shared by the faces: ``LANG_OPTION``, ``KEYS_OPTION``, ``CSV_DIALECT_OPTION``.
"""

from __future__ import annotations

from .. import formats
from ..formats import money_text
from .files import (OutputError, atomic_path, check_command_output, check_output, new_file_mode, os_error, os_errors,
                    remove_leftovers, temp_folder)
from .page import (A4, MIN_PT, Page, chart_anchor, content_width, openpyxl_widths, setup_openpyxl, setup_xlsxwriter,
                   text_lines)
from .tables import (CSV_DIALECTS, DEFAULT_DIALECT, NUMBER_FORMATS, XlsxTable, dialect, kinds_of, write_csv,
                     write_table, write_xlsx)
from .words import (AVERAGE, BOOL, DATE, ENUM, INTEGER, KEYS, LANGS, MODES, MONEY, TEXT, TIMESTAMP, date_text,
                    header, is_blank, kind, local_naive, mode, number_value, parameter_description, parameter_label,
                    register_labels, text, timestamp_text, value_label, yes_no)

MONEY_FORMAT = formats.MONEY
INTEGER_FORMAT = formats.INTEGER
AVERAGE_FORMAT = formats.AVERAGE
DATE_FORMAT = formats.DATE
TIMESTAMP_FORMAT = formats.TIMESTAMP



def __getattr__(name: str):
    """The command-line options, built on first use: the spreadsheet functions (xlwings Lite, Calc) import this
    layer without the command line's typer installed."""
    import typer

    from ...options import lang_option

    options = {
        "LANG_OPTION": lambda: lang_option(("fr", "en", "de"), help="Langue des fichiers écrits : fr (défaut), en "
                                                                      "ou de."),
        "KEYS_OPTION": lambda: typer.Option(False, "--keys",
                                            help="En-têtes et valeurs en clés du schéma (pour les machines)."),
        "CSV_DIALECT_OPTION": lambda: typer.Option(
            DEFAULT_DIALECT, "--csv-dialect", help="CSV : semicolon (« ; » et BOM, comme l'ouvre Excel en Suisse ; "
                                                   "défaut) ou comma (« , » sans BOM)."),
    }
    if name not in options:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = options[name]()
    globals()[name] = value
    return value

__all__ = [
    "LANGS", "KEYS", "MODES", "TEXT", "MONEY", "INTEGER", "AVERAGE", "DATE", "TIMESTAMP", "BOOL", "ENUM",
    "MONEY_FORMAT", "INTEGER_FORMAT", "AVERAGE_FORMAT", "DATE_FORMAT", "TIMESTAMP_FORMAT", "NUMBER_FORMATS",
    "mode", "header", "kind", "value_label", "yes_no", "text", "money_text", "date_text", "timestamp_text",
    "local_naive", "number_value", "parameter_label", "parameter_description", "register_labels", "is_blank",
    "CSV_DIALECTS", "DEFAULT_DIALECT", "dialect", "write_csv", "write_xlsx", "write_table", "XlsxTable", "kinds_of",
    "Page", "setup_xlsxwriter", "setup_openpyxl", "content_width", "text_lines", "openpyxl_widths", "chart_anchor", "A4", "MIN_PT",
    "OutputError", "atomic_path", "check_output", "check_command_output", "temp_folder", "os_error", "os_errors",
    "new_file_mode", "remove_leftovers",
    "LANG_OPTION", "KEYS_OPTION", "CSV_DIALECT_OPTION",
]
