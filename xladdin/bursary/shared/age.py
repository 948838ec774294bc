"""The applicant's age on the reference date, the one every canton's conditions read (slot ``age``)."""

from __future__ import annotations

from ..common import whole_years
from ..rule import rule


@rule("LBPE art. 17, 18 al. 3 et 5 (âge au 1er septembre de l'année académique)",
      trace={"age": ("Âge au jour de référence (années révolues)", "Age on the reference date (whole years)")},
      slot="age", variant="whole_years")
def age(c, v):
    """LBPE art. 17, 18 — age in whole years reached on the reference date."""
    return {"age": whole_years(c["birth_date"], c["reference_date"])}
