"""xladdin: Swiss student-bursary law and ECTS credit rules inside the spreadsheets clerks already use.

Python API (the same engine every face calls)::

    import xladdin
    results = xladdin.assess("workbooks/sample-applicants.csv", rules="GE-2025")
    trace = xladdin.explain({"applicant_id": "A1", ...}, rules="GE-2025")
"""

from __future__ import annotations

import os

# openpyxl parses with lxml whenever lxml is installed (python-docx, for the decision letters, brings it), and then
# bypasses defusedxml: keep it on the standard parser guarded by defusedxml (tests/hardening), before any import.
os.environ["OPENPYXL_LXML"] = "False"

__version__ = "0.1.0"

__all__ = ["assess", "explain", "__version__"]


def assess(applicants, rules: str = "GE", reference_date=None, lang: str = "fr"):
    """Assess applicants (DataFrame, list of dicts, or .csv/.xlsx path): one result row per input row, in order.

    Columns and order as spec §5 (``xladdin.schema.OUTPUT_COLUMNS``). A row with bad input has ``eligible``
    empty and the error (row, column, value) in ``reasons``.
    """
    from .bursary.assess import assess_full

    return assess_full(applicants, rules=rules, reference_date=reference_date, lang=lang).results


def explain(applicant: dict, rules: str = "GE", reference_date=None, lang: str = "fr"):
    """The explanation trace of one applicant: one row per step with ``step, label, amount, article``."""
    from .bursary.assess import explain as _explain

    return _explain(applicant, rules=rules, reference_date=reference_date, lang=lang)
