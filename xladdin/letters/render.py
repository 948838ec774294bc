"""Fill the office's .docx template with each letter's context (docxtpl) and write the letters.

The template is the shipped ``templates/letters/<CANTON>-<lang>.docx`` or the office's own file (``--template``).
A placeholder the context lacks stops the run before any letter is written, with the placeholder's name. Each
letter is written whole to a temporary name beside its target and renamed: a crash never leaves half a letter;
an existing letter is kept unless ``force``.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import jinja2
from docxtpl import DocxTemplate

from ..errors import XladdinError
from .context import LetterData


def templates_dir() -> Path:
    """The shipped letter templates: ``$XLADDIN_TEMPLATES/letters`` or the repository's ``templates/letters``."""
    from ..excel.templates.common import templates_dir as base

    return base() / "letters"


def template_for(canton: str, lang: str, template: Path | None = None) -> Path:
    if template is not None:
        if not Path(template).is_file():
            raise XladdinError("letter_template_missing", path=str(template))
        return Path(template)
    folder = templates_dir()
    for name in (f"{canton}-{lang}.docx", f"{canton}-en.docx"):   # English is the fallback
        if (folder / name).is_file():
            return folder / name
    raise XladdinError("letter_template_missing", path=str(folder / f"{canton}-{lang}.docx"))


def _environment() -> jinja2.Environment:
    return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)


def check_template(path: Path, context: dict) -> None:
    """Every placeholder of the template names something the letter's context has (else a message naming it)."""
    try:
        missing = DocxTemplate(str(path)).get_undeclared_template_variables(_environment(), context)
    except jinja2.TemplateSyntaxError as exc:
        raise XladdinError("letter_template_syntax", path=str(path), detail=exc.message) from None
    except Exception as exc:        # not a .docx (a renamed file, a .doc)
        raise XladdinError("letter_template_unreadable", path=str(path), detail=str(exc)) from None
    if missing:
        raise XladdinError("letter_placeholder_missing", path=str(path), name=", ".join(sorted(missing)),
                           available=", ".join(sorted(context)))


def render_to(path: Path, context: dict, target: Path) -> None:
    """Fill ``path`` with ``context`` into ``target`` (written under a temporary name, then renamed)."""
    document = DocxTemplate(str(path))
    try:
        document.render(context, _environment(), autoescape=True)
    except jinja2.UndefinedError as exc:
        name = re.search(r"'([^']+)'(?: is undefined)?$", str(exc))
        raise XladdinError("letter_placeholder_missing", path=str(path),
                           name=name.group(1) if name else str(exc), available=", ".join(sorted(context))) from None
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".docx.part", dir=target.parent)
    os.close(handle)
    try:
        document.save(temporary)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def file_name(letter: LetterData, taken: set[str]) -> str:
    """``<file number>.docx`` (characters a file name cannot hold replaced); the line number for a file number
    that repeats or is empty."""
    stem = re.sub(r"[^\w.-]+", "_", letter.applicant_id).strip("._") if letter.applicant_id else ""
    if not stem or stem.lower() in taken:
        stem = f"{stem}-ligne-{letter.line}" if stem else f"ligne-{letter.line}"
    taken.add(stem.lower())
    return stem + ".docx"


def render_letters(letters: list[LetterData], out_dir: Path, *, template: Path | None = None,
                   force: bool = False) -> dict[int, Path]:
    """Write one .docx per produced letter into ``out_dir``; returns {row position: letter path}.

    Every template is checked against the first letter it serves before anything is written; an existing letter
    file is kept (``letter_exists``) unless ``force``.
    """
    out_dir = Path(out_dir)
    produced = [letter for letter in letters if letter.produced]
    templates = {}
    for letter in produced:
        key = (letter.canton, letter.lang)
        if key not in templates:
            templates[key] = template_for(letter.canton, letter.lang, template)
            check_template(templates[key], letter.context)
    taken: set[str] = set()
    targets = {letter.position: out_dir / file_name(letter, taken) for letter in produced}
    if not force:
        existing = [p for p in targets.values() if p.exists()]
        if existing:
            raise XladdinError("letter_exists", path=str(existing[0]), count=len(existing))
    for letter in produced:
        render_to(templates[(letter.canton, letter.lang)], letter.context, targets[letter.position])
    return targets
