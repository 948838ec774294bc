"""Fixtures of the hardening tests: the generated bad-input corpus, the command line, and helpers.

xlwings is imported in server mode with the PolyForm Noncommercial key (public administrations, education), as
in ``tests/excel``.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from pathlib import Path

import pytest

os.environ["XLWINGS_ON_SERVER"] = "true"
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:                      # benchmarks.* and tests.hardening.make_corpus
    sys.path.insert(0, str(ROOT))

_BOX = re.compile(r"[╭╮╰╯│─━┃┏┓┗┛┡┩┠┨┯┷┿╇╈┳┻╋]+")


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def plain(text: str) -> str:
    """Console output without rich's boxes, on one line: what a message says, however it was wrapped."""
    return " ".join(_BOX.sub(" ", text).split())


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """Every case of ``make_corpus.build``, written once for the session: ``{name: Case}``."""
    from tests.hardening.make_corpus import build

    cases = build(tmp_path_factory.mktemp("corpus"))
    return {case.name: case for case in cases}
