"""Swiss number and date formats (CHF 1'234'567, 01.09.2025) shared by the templates and the batch reports.

In an .xlsx file a number format is stored in Excel's invariant (en-US) syntax, where ``,`` is "the locale's
thousands separator". A Swiss user writes ``1'234'567``; to show the apostrophe in *every* locale (a clerk's
Excel in fr-FR, LibreOffice in en-US) it must be a literal character, and a literal is printed even when there
are no digits left of it (``#'##0`` shows 500 as ``'500``). Excel allows two conditions per format, so
non-negative amounts use ``[>=1000000]#'###'##0;[>=1000]#'##0;0``: correct up to 999'999'999 (checked in
LibreOffice by tests/templates). Signed amounts (a shortfall, a parents' share) cannot keep their minus sign in a
conditional section (LibreOffice drops it), so they use the locale's grouping (``#,##0``, shown ``1'234`` by a
Swiss Excel).
"""

from __future__ import annotations

CHF = "[>=1000000]#'###'##0;[>=1000]#'##0;0"
CHF_SIGNED = "#,##0;-#,##0"
DATE = "dd.mm.yyyy"
DATETIME = "dd.mm.yyyy hh:mm:ss"
RATIO = "0.00"
INTEGER = "0"


def chf_text(amount) -> str:
    """An amount as text the way clerks write it, whole francs with apostrophes: ``1'234'567``."""
    return f"{float(amount):,.0f}".replace(",", "'")
