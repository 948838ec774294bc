"""One module per canton, ``cantons/<code>.py`` (ge, zh, be, vd, fr, ...): the canton's own variants of the model's
slots, each a ``@rule(..., slot=, variant="<CODE>")`` step citing its article.

``xladdin.bursary.model`` imports every module here (and of ``shared``) on first use, so a canton is added with its
module and its rule sets ``xladdin/rules/<CODE>/<CODE>-<year>.yaml``, nothing to register. What several cantons
compute alike belongs to ``shared/`` (named for what it computes), what every step uses to ``common.py``.
"""
