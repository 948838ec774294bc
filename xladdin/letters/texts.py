"""The words of the decision letters, as data (``texts/*.yaml``): per canton the sentence and article of each
reason code, the payment schedule, the loan terms and the legal remedies quoted from the article that sets
them; shared decision wording, amount labels and the calculation sheet's German step labels."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

TEXTS_DIR = Path(__file__).parent / "texts"
LANGS = ("fr", "de", "en")


@lru_cache(maxsize=None)
def common() -> dict:
    return yaml.safe_load((TEXTS_DIR / "common.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def canton(code: str) -> dict:
    """A canton's letter texts (``texts/<CANTON>.yaml``)."""
    return yaml.safe_load((TEXTS_DIR / f"{code}.yaml").read_text(encoding="utf-8"))


def cantons() -> list[str]:
    return sorted(p.stem for p in TEXTS_DIR.glob("*.yaml") if p.stem != "common")


def office_lang(code: str) -> str:
    """The language the canton's office writes its decisions in (GE, VD, FR fr; ZH and BE de)."""
    return canton(code)["office_lang"]


def trace_label_de(key: str, canton_code: str) -> str | None:
    """A step's German label; ``p2_x`` is ``p1_x``'s label for the second household."""
    table = common()["trace_de"]
    for scope in (canton_code, "*"):
        label = (table.get(scope) or {}).get(key)
        if label:
            return label
    if key.startswith("p2_"):
        label = trace_label_de("p1_" + key[3:], canton_code)
        return label.replace("1", "2", 1) if label else None
    return None
