"""Concordat of 2009 (rsGE C 1 19) — a rule set checked against the minimum standards (``xladdin rules check``).

``xladdin.compliance.check("ZH-2021")`` returns a :class:`~.report.Report`: one verdict per standard of
``xladdin/rules/concordat.yaml`` (met, not met, not applicable, à vérifier), each with the concordat's article
and the canton's, judged on the rule set's parameters and on what its engine pays synthetic applicants.
"""

from __future__ import annotations

from .report import EXIT_NOT_MET, STATUS_LABELS, Report, Verdict, check, status_label

__all__ = ["EXIT_NOT_MET", "STATUS_LABELS", "Report", "Verdict", "check", "status_label"]
