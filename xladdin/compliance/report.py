"""Concordat of 2009 (rsGE C 1 19) art. 1 a — a rule set against the minimum standards: one verdict per standard.

The standards are the data of ``xladdin/rules/concordat.yaml`` (read by :mod:`xladdin.whatif.standards`). For
each one the report combines

* the parameter check of ``standards.check`` (a cap, a number of semesters... against the concordat's figure);
* the engine probe named by its ``probe:`` key (:mod:`.probes`): what the model pays synthetic applicants, which
  is how a canton without a cap parameter (ZH, BE) is judged;
* the texts held: a verdict that rests on a rule whose source the rule set does not hold (a parameter or reason
  code citing a law missing from the rule set's ``texts``, or marked "not held", or a value ``carried`` from a
  later rule set) cannot be settled from the texts: it is reported *à vérifier* with the model's own verdict.

Statuses: ``met``, ``not_met``, ``not_applicable``, ``review`` (« à vérifier »). Exit code of ``rules check``:
:data:`EXIT_NOT_MET` when a standard is not met (or, with ``strict``, still to check), else 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import rules as rules_mod
from ..rules import RuleSet
from ..whatif import standards as standards_mod
from . import probes

EXIT_NOT_MET = 1
STATUS_LABELS = {"met": ("respectée", "met", "erfüllt"),
                 "not_met": ("non respectée", "not met", "nicht erfüllt"),
                 "not_applicable": ("sans objet", "not applicable", "nicht anwendbar"),
                 "review": ("à vérifier", "to check", "zu prüfen")}
_LAW = re.compile(r"[A-Za-z]*[A-Z][a-z]*[A-Z][A-Za-z]*")        # LBPE, RBPE, BiG, VAB, ABG, ABV, NI, rsGE
_NOT_HELD = re.compile(r"not held|non détenu|nicht vorhanden", re.IGNORECASE)


def status_label(status: str, lang: str = "fr") -> str:
    return STATUS_LABELS[status][{"fr": 0, "en": 1, "de": 2}.get(lang, 0)]


@dataclass
class Verdict:
    standard: standards_mod.Standard
    status: str                               # met, not_met, not_applicable, review
    model_status: str                         # what parameters and engine give, before the texts-held check
    canton_article: str
    detail_fr: str
    detail_en: str
    parameters: list[dict] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)
    unheld: list[str] = field(default_factory=list)

    def detail(self, lang: str = "fr") -> str:
        return self.detail_en if lang == "en" else self.detail_fr

    def as_json(self, lang: str = "fr") -> dict:
        s = self.standard
        return {"id": s.id, "concordat_article": s.article, "canton_article": self.canton_article,
                "status": self.status, "status_label": status_label(self.status, lang),
                "model_status": self.model_status,
                "description": s.description_en if lang == "en" else s.description_fr,
                "detail": self.detail(lang), "note": s.note, "unheld": self.unheld, "parameters": self.parameters,
                "evidence": self.evidence}


@dataclass
class Report:
    rules: RuleSet
    verdicts: list[Verdict]
    strict: bool = False

    def count(self, status: str) -> int:
        return sum(v.status == status for v in self.verdicts)

    @property
    def exit_code(self) -> int:
        failing = {"not_met", "review"} if self.strict else {"not_met"}
        return EXIT_NOT_MET if any(v.status in failing for v in self.verdicts) else 0

    def as_json(self, lang: str = "fr") -> dict:
        rs = self.rules
        return {"rules": rs.id, "label": rs.label, "title": rs.title, "valid_from": rs.valid_from.isoformat(),
                "valid_to": rs.valid_to.isoformat() if rs.valid_to else None,
                "standards": [v.as_json(lang) for v in self.verdicts],
                "counts": {s: self.count(s) for s in STATUS_LABELS}, "exit_code": self.exit_code}


# --- texts held ---------------------------------------------------------------------------------------------

def held_laws(rules: RuleSet) -> set[str] | None:
    """Abbreviations of the laws in the rule set's ``texts`` (``LBPE``, ``VAB``…); None when it lists none."""
    if not rules.texts:
        return None
    laws: set[str] = set()
    for text in rules.texts:
        entry = text if isinstance(text, dict) else {"title": str(text)}
        words = f"{entry.get('title', '')} {entry.get('note', '')}"
        if entry.get("held") is False or _NOT_HELD.search(words):
            continue
        laws |= set(_LAW.findall(str(entry.get("title", ""))))
    return laws


def unheld(rules: RuleSet, citation: str) -> bool:
    """True when ``citation`` (an article, a reason code such as ``ZH-BiG-§17j``) names a law the set lacks."""
    if _NOT_HELD.search(citation):
        return True
    laws = held_laws(rules)
    if laws is None:
        return False
    return bool(set(_LAW.findall(citation)) - laws - {rules.canton})


# --- one standard ---------------------------------------------------------------------------------------------

def _thresholds(all_standards) -> dict[str, float]:
    by_id = {s.id: s.threshold for s in all_standards}
    return {"secondary_ii": by_id.get("CONC-15-1a", 12000), "tertiary": by_id.get("CONC-15-1b", 16000),
            "per_child": by_id.get("CONC-15-2", 4000)}


def _award_article(rules: RuleSet, row: dict | None, aid: int | None) -> str:
    """The article of the engine's step that produced the amount (the last step of the trace showing it)."""
    if row is None or aid is None:
        return ""
    from ..bursary.assess import explain

    try:
        trace = explain(row, rules=rules)
    except Exception:  # an explanation is a courtesy; the verdict does not depend on it
        return ""
    found = ""
    for amount, article in zip(trace["amount"], trace["article"]):
        if isinstance(amount, (int, float)) and not isinstance(amount, bool) and round(amount) == aid and article:
            found = str(article)
    return found


def judge(rules: RuleSet, standard, all_standards=None) -> Verdict:
    """The verdict on one standard: parameters, then the engine probe, then the texts-held check."""
    flat = rules.flat()
    findings = [f for f in standards_mod.check(rules, (standard,)) if f.parameter]
    used = [f for f in findings if f.status in ("ok", "below") and standard.probe not in probes.DECIDES]
    parameters = [{"name": f.parameter, "value": f.value, "article": flat[f.parameter].article,
                   "status": f.status} for f in used]
    parameters += [{"name": name, "value": flat[name].value, "article": flat[name].article, "status": "info"}
                   for name in standard.parameters if name in flat and not any(f.parameter == name for f in used)]
    detail_fr, detail_en, evidence, decisive = [], [], [], []
    for f in used:
        detail_fr.append(f.text("fr") if f.status == "below" else f"{f.parameter} = {standards_mod._show(f.value)}")
        detail_en.append(f.text("en") if f.status == "below" else f"{f.parameter} = {standards_mod._show(f.value)}")
    outcome = None
    if standard.probe:
        try:
            outcome = probes.PROBES[standard.probe](rules, name=standard.probe,
                                                    thresholds=_thresholds(all_standards or standards_mod.load()))
        except Exception as exc:  # the engine cannot assess the profiles: say so, never guess
            outcome = probes.Outcome("review", f"moteur indisponible pour ce jeu de règles ({exc})",
                                     f"engine unavailable for this rule set ({exc})")
        detail_fr.append(outcome.detail_fr)
        detail_en.append(outcome.detail_en)
        evidence, decisive = outcome.evidence, list(outcome.decisive)
    model = _model_status(standard, findings, used, outcome)
    citations = [p["article"] for p in parameters] + decisive
    canton = " ; ".join(dict.fromkeys(citations))
    if not canton and outcome is not None and outcome.award_row is not None and model in ("met", "not_met"):
        award = next((e.get("amount", e["aid"]) for e in outcome.evidence
                      if e["profile"] == outcome.award_row["applicant_id"]), None)
        canton = _award_article(rules, outcome.award_row, award)     # shown only: the verdict rests elsewhere
    carried = [p["name"] for p in parameters if flat[p["name"]].carried]
    missing = [c for c in citations if c and unheld(rules, c)] + [f"{n} (carried)" for n in carried]
    if not any(detail_fr):                     # nothing measured: say what is to be checked
        detail_fr, detail_en = [standard.note or standard.description_fr], [standard.description_en]
    status = model
    if standard.probe == "partial_independence":
        pass                                   # art. 19 is optional: it cannot be breached, nothing to settle
    elif model == "met" and missing:
        status = "review"
    elif model == "not_met" and not _definitive(rules, flat, parameters, outcome):
        status = "review"
    return Verdict(standard, status, model, canton or "—", " ; ".join(d for d in detail_fr if d),
                   "; ".join(d for d in detail_en if d), parameters, evidence, missing)


def _definitive(rules: RuleSet, flat, parameters, outcome) -> bool:
    """A shortfall the texts held establish: a parameter below the threshold whose article the set holds, or a
    failing profile none of whose codes, nor the standard's parameters (a cap that binds), rests on a text not
    held."""
    for p in parameters:
        if p["status"] == "below" and not unheld(rules, p["article"]) and not flat[p["name"]].carried:
            return True
    articles = [p["article"] for p in parameters] + [f"{p['name']} (not held)" for p in parameters
                                                      if flat[p["name"]].carried]
    failures = outcome.failures if outcome is not None else []
    return any(not any(unheld(rules, c) for c in list(codes) + articles) for codes in failures)


def _model_status(standard, findings, used, outcome) -> str:
    if any(f.status == "below" for f in used):
        return "not_met"
    if outcome is not None:
        if outcome.status == "not_applicable" and used:
            return "met"                       # a parameter that meets the threshold where the engine found none
        return outcome.status
    if used:
        return "met"
    if findings:
        return findings[0].status if findings[0].status in ("not_applicable", "review") else "review"
    return "review"


def check(rules: str | RuleSet, strict: bool = False) -> Report:
    """Every standard of ``concordat.yaml`` judged for ``rules`` (an id, a canton in force today, a RuleSet)."""
    rs = rules_mod.load(rules)
    all_standards = standards_mod.load()
    return Report(rs, [judge(rs, s, all_standards) for s in all_standards], strict)
