"""Geneva bursaries and loans (LBPE/RBPE) as one vectorised engine: inputs, steps, amounts, trace, loans."""

from .assess import Assessment, assess_full, explain
from .loans import loan_plan

__all__ = ["Assessment", "assess_full", "explain", "loan_plan"]
