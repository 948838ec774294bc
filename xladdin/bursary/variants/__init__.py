"""Variants of the model's slots beyond Geneva's (tax-based family budgets, flat-rate personal budgets, ...).

Each module here is imported by ``xladdin.bursary.model``; its ``@rule(..., slot=, variant=)`` steps become
choices a rule set's ``model:`` block can name. Several cantons share a variant and set it with parameters.
"""
