"""Every error code raised anywhere in xladdin has its French and English message (a code is never shown bare)."""

import re
from pathlib import Path

from xladdin.errors import MESSAGES

ROOT = Path(__file__).resolve().parents[2] / "xladdin"
RAISED = re.compile(r'(?:Error|_error)\(\s*"([a-z0-9_]+)"')


def test_every_raised_code_has_its_messages():
    raised = {(m.group(1), str(p.relative_to(ROOT))) for p in ROOT.rglob("*.py")
              for m in RAISED.finditer(p.read_text(encoding="utf-8"))}
    assert raised, "the scan found no raise at all"
    assert sorted((code, where) for code, where in raised if code not in MESSAGES) == []
    for code, (fr, en) in MESSAGES.items():
        assert fr.strip() and en.strip(), code
