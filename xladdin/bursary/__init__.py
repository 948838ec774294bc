"""Bursaries and loans of every canton on one vectorised model: inputs, the generic model and engine, each
canton's variants (``cantons/``), the variants cantons share (``shared/``), assessment and trace, loans."""

from .assess import Assessment, assess_full, explain
from .loans import loan_plan

__all__ = ["Assessment", "assess_full", "explain", "loan_plan"]
