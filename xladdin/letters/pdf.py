"""Letters as PDF: LibreOffice headless converts them (all in one start), pypdf merges them for the print room.

Each PDF is converted in a private temporary folder and renamed into place only once complete; the merged file
likewise. A letter is a document of its own, so in the merged file each one starts on a new page.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..errors import XladdinError
from ..io import soffice


def to_pdf(letters: list[Path], *, force: bool = False) -> list[Path]:
    """Convert each .docx of ``letters`` to a .pdf beside it; returns the PDFs in the same order."""
    if not letters:
        return []
    if soffice.soffice_path() is None:
        raise XladdinError("soffice_missing")
    targets = [p.with_suffix(".pdf") for p in letters]
    if not force:
        existing = [t for t in targets if t.exists()]
        if existing:
            raise XladdinError("letter_exists", path=str(existing[0]), count=len(existing))
    work = Path(tempfile.mkdtemp(prefix=".xladdin-pdf-", dir=letters[0].parent))
    try:
        try:
            converted = soffice.convert_all(letters, "pdf", work)
        except soffice.SofficeError as exc:
            raise XladdinError("soffice_failed", detail=str(exc)) from None
        for source, target in zip(converted, targets):
            os.replace(source, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return targets


def merge(pdfs: list[Path], out: Path, *, force: bool = False) -> int:
    """Merge ``pdfs`` in order into ``out`` (each letter from a new page); returns the page count."""
    from pypdf import PdfReader, PdfWriter

    out = Path(out)
    if out.suffix.lower() != ".pdf":
        raise XladdinError("one_pdf_format", path=str(out))
    if out.exists() and not force:
        raise XladdinError("letter_exists", path=str(out), count=1)
    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(PdfReader(str(pdf)))
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=".pdf.part", dir=out.parent)
    os.close(handle)
    try:
        with open(temporary, "wb") as stream:
            writer.write(stream)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(writer.pages)


def merged(letters: list[Path], out: Path, *, force: bool = False) -> int:
    """Convert ``letters`` in a temporary folder and merge them into ``out`` (no PDF left beside the letters)."""
    if soffice.soffice_path() is None:
        raise XladdinError("soffice_missing")
    if Path(out).exists() and not force:
        raise XladdinError("letter_exists", path=str(out), count=1)
    with tempfile.TemporaryDirectory(prefix="xladdin-pdf-") as work:
        try:
            converted = soffice.convert_all(letters, "pdf", work)
        except soffice.SofficeError as exc:
            raise XladdinError("soffice_failed", detail=str(exc)) from None
        return merge(converted, out, force=force)
