"""Variants several cantons use, each module named for what it computes: ``reference_date`` (``september_1``,
``month_start``, ``year_start``), ``age`` (``whole_years``), ``domicile`` (``concordat_art_6``), ``tax_income``
(the family side of the tax-based models: independence, family budgets, parents' share) and ``flat_rates`` (the
student's flat-rate budget and the award).

Each module here is imported by ``xladdin.bursary.model`` like those of ``cantons/``; its ``@rule(..., slot=,
variant=)`` steps become choices a rule set's ``model:`` block can name. The cantons that share a variant set it
with parameters.
"""
