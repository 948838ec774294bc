"""Swiss number and date formats: ONE money format for every workbook xladdin writes, and its text twin.

Money is whole francs shown ``1'234'567`` and ``-1'965``. In an .xlsx file a number format is stored in Excel's
invariant (en-US) syntax, where ``,`` means "the locale's thousands separator". A literal apostrophe cannot do it:
it prints even with no digit on its left (``#'##0`` shows 500 as ``'500``), a conditional section drops the minus
sign in LibreOffice, and Excel allows only two conditions, too few for thousands, millions and the sign. The
locale tag ``[$-100C]`` (fr-CH) makes LibreOffice group with the Swiss apostrophe whatever its own locale, keeps
the sign, and leaves Excel grouping as the clerk's Swiss Windows does: ``[$-100C]#,##0``. Checked in LibreOffice
by tests/output.
"""

from __future__ import annotations

MONEY = "[$-100C]#,##0"
CHF = MONEY                 # the names the templates know: one format, signed or not
CHF_SIGNED = MONEY
DATE = "dd.mm.yyyy"
TIMESTAMP = "dd.mm.yyyy hh:mm"
DATETIME = TIMESTAMP
AVERAGE = "0.00"
RATIO = AVERAGE
INTEGER = "0"


def money_text(amount) -> str:
    """An amount as text the way clerks write it, whole francs with apostrophes: ``1'234'567``, ``-1'965``."""
    value = round(float(amount))
    return f"{value:,.0f}".replace(",", "'") if value else "0"


chf_text = money_text
