"""Options shared by the commands, defined once: ``--lang`` and ``--reference-date`` are checked the same way
everywhere (an unsupported language or an unreadable or out-of-range date is refused before any file is read,
with the message every command gives)."""

from __future__ import annotations

import typer

from .errors import XladdinError

_LANG_CODES = {("fr", "en"): "lang_fr_en", ("fr", "en", "de"): "lang_fr_en_de"}


def lang_option(langs: tuple[str, ...] = ("fr", "en"), help: str | None = None, default: str | None = "fr"):
    """``--lang``, French by default (``default=None``: the command chooses, e.g. each letter its office's
    language), refusing any language outside ``langs`` (``lang_fr_en``/``lang_fr_en_de``)."""
    code = _LANG_CODES[langs]

    def check(value: str | None) -> str | None:
        if value is None and default is None:
            return value
        if value not in langs:
            raise XladdinError(code, lang=value)
        return value

    return typer.Option(default, "--lang", callback=check,
                        help=help or f"Langue : {', '.join(langs[:-1])} ou {langs[-1]}.")


def _check_reference_date(value: str | None) -> str | None:
    from .bursary.assess import _as_date

    _as_date(value)                    # the engine's own reading: unreadable or outside 1900–2199 is refused
    return value


def reference_date_option(help: str = "Date de référence (jj.mm.aaaa ou aaaa-mm-jj, entre 1900 et 2199)."):
    """``--reference-date``, read as the engine reads it (:func:`xladdin.bursary.assess._as_date`)."""
    return typer.Option(None, "--reference-date", callback=_check_reference_date, help=help)
