"""What the canton tests share: one applicant made of a canton's common inputs, a worked example of its spec and
the changes a test makes, read through the public faces (``xladdin.assess``, ``xladdin.explain``); and the YAML
cases of ``tests/cantons/data`` (a case: ``name``, optional ``example``, ``input`` changes, expected ``output``).

    ZH = Canton("ZH-2021", COMMON, WORKED, default="ZH-1")
    ZH.result("ZH-2", earnings=0)["aid"]; ZH.trace()["Family budget 1: income"]; ZH.reasons(...)
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

import xladdin


class Canton:
    """A canton's rule set, the inputs every test of it shares and its spec's worked examples
    (``{name: (inputs, expected outputs)}``)."""

    def __init__(self, rules: str, common: dict, worked: dict | None = None, default: str = "A"):
        self.rules, self.common, self.worked, self.default = rules, common, worked or {}, default

    def applicant(self, example: str | None = None, **changes) -> dict:
        example = example or self.default
        inputs = self.worked[example][0] if example in self.worked else {}
        return {"applicant_id": example, **self.common, **inputs, **changes}

    def result(self, example: str | None = None, *, rules=None, **changes) -> dict:
        """One applicant through ``xladdin.assess``: the result row as a dict, ``reasons`` "" when none."""
        row = xladdin.assess([self.applicant(example, **changes)], rules=rules or self.rules).iloc[0].to_dict()
        row["reasons"] = row["reasons"] or ""
        return row

    def trace(self, example: str | None = None, **changes) -> dict:
        """The traced figures of ``xladdin.explain`` (English labels → amounts)."""
        frame = xladdin.explain(self.applicant(example, **changes), rules=self.rules, lang="en")
        return dict(zip(frame["label"], frame["amount"]))

    def reasons(self, example: str | None = None, **changes) -> list[str]:
        return [code for code in self.result(example, **changes)["reasons"].split(";") if code]

    def worked_table(self) -> pd.DataFrame:
        """Every worked example in one table, in the order of their names."""
        return xladdin.assess([self.applicant(e) for e in sorted(self.worked)], rules=self.rules)

    def check_worked(self, example: str) -> None:
        got = self.result(example)
        expected = self.worked[example][1]
        assert {key: got[key] for key in expected} == expected


def load_cases(path: Path) -> list:
    """The YAML cases of ``path`` as pytest parameters named by each case's ``name``."""
    return [pytest.param(case, id=case["name"]) for case in yaml.safe_load(path.read_text(encoding="utf-8"))]


def check_case(canton: Canton, case: dict) -> None:
    got = canton.result(case.get("example"), **case.get("input", {}))
    for key, expected in case["output"].items():
        assert got[key] == expected, f"{key}: {got[key]!r} != {expected!r}"


def codes_named(path: Path) -> set[str]:
    """Every reason code some case of ``path`` expects."""
    return {code for case in yaml.safe_load(path.read_text(encoding="utf-8"))
            for code in str(case["output"].get("reasons", "")).split(";") if code}
