"""Decision letters: one printable decision per applicant (issue 18), a face over the engine.

``context`` builds each letter's data from the engine's result and its ``explain`` trace (no rule lives here),
``texts`` holds the words (reason sentences, remedies, payment terms per canton, as data), ``render`` fills the
office's .docx template with docxtpl, ``pdf`` converts with LibreOffice headless and merges with pypdf, ``cli``
is the ``xladdin decisions`` command.
"""

from .context import LetterData, build_letters
from .render import render_letters

__all__ = ["LetterData", "build_letters", "render_letters"]
