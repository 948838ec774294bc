"""Concordat of 2009 art. 5, 12, 13, 15, 19 — each minimum standard judged on what a rule set's engine pays.

A probe assesses a few synthetic applicants (:mod:`.profiles`) with ``assess_full`` under the rule set and reads
the results: eligible or not, bursary, loan, aid, reason codes, parents' share. It computes no amount itself. A
*counter-probe* (someone the standard does not protect: a foreigner without a permit, a 36-year-old starting
a training, a fifth training year) is refused by the canton's own rule, whose reason code names the canton's
article. ``concordat.yaml`` says which probe a standard uses (``probe:``).

Each probe returns a :class:`Outcome`: ``met``, ``not_met``, ``not_applicable`` or ``review`` (the engine's
result cannot settle the standard), the codes its verdict rests on (``decisive``) and the rows it looked at.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..io.formats import chf_text
from ..rules import RuleSet
from . import profiles as P

WORSE = {"met": 0, "not_applicable": 0, "review": 1, "not_met": 2}


@dataclass
class Outcome:
    status: str
    detail_fr: str
    detail_en: str
    decisive: list[str] = field(default_factory=list)      # reason codes (canton citations) behind the verdict
    evidence: list[dict] = field(default_factory=list)
    award_row: dict | None = None                           # the profile whose amount decides (art. 15)
    failures: list[list[str]] = field(default_factory=list)  # per failing profile, the codes it carries


def run(rules: RuleSet, rows: list[dict]) -> pd.DataFrame:
    """The engine's results for ``rows``, indexed by ``applicant_id`` (one assess call)."""
    from ..bursary.assess import assess_full

    results = assess_full(rows, rules=rules, lang="fr").results
    return results.set_index(results["applicant_id"].astype(str))


def codes(row) -> list[str]:
    return [c for c in str(row["reasons"] if not pd.isna(row["reasons"]) else "").split(";") if c]


def _int(value) -> int:
    return 0 if pd.isna(value) else int(value)


def paid(row) -> bool:
    """Eligible with some aid (bursary or loan)."""
    eligible = row["eligible"]
    return not pd.isna(eligible) and bool(eligible) and _int(row["aid"]) > 0


def bursary_paid(row) -> bool:
    return paid(row) and _int(row["bursary"]) > 0


def _new(row, base) -> list[str]:
    """Codes ``row`` has and the plain profile has not: the rule that treated it differently."""
    seen = set(codes(base))
    return [c for c in codes(row) if c not in seen]


def _evidence(key: str, label_fr: str, label_en: str, row, **extra) -> dict:
    return {"profile": key, "label_fr": label_fr, "label_en": label_en,
            "eligible": None if pd.isna(row["eligible"]) else bool(row["eligible"]),
            "bursary": _int(row["bursary"]), "loan": _int(row["loan"]), "aid": _int(row["aid"]),
            "reasons": ";".join(codes(row)), **extra}


def _outcome_text(row) -> tuple[str, str]:
    if not paid(row):
        why = ";".join(codes(row)) or "—"
        return f"refusé ({why})", f"refused ({why})"
    money = f"bourse {chf_text(_int(row['bursary']))}, prêt {chf_text(_int(row['loan']))}"
    money_en = f"bursary {chf_text(_int(row['bursary']))}, loan {chf_text(_int(row['loan']))}"
    extra = f" ({';'.join(codes(row))})" if codes(row) else ""
    return money + extra, money_en + extra


# --- art. 5: beneficiaries ----------------------------------------------------------------------------------

FOREIGN_NO_PERMIT = {"nationality": "BR", "permit": "none", "years_domicile_ch": 0}
BENEFICIARIES = {
    "beneficiary_swiss": [("suisse domicilié·e en Suisse", "Swiss, living in Switzerland", {})],
    "beneficiary_swiss_abroad": [("suisse, parents à l'étranger", "Swiss, parents abroad",
                                  {"parents_abroad": True})],
    "beneficiary_permit": [("étranger·ère, permis C", "foreign, permit C",
                            {"nationality": "BR", "permit": "C", "years_domicile_ch": 0}),
                           ("étranger·ère, permis B depuis 5 ans", "foreign, permit B for 5 years",
                            {"nationality": "BR", "permit": "B", "years_domicile_ch": 5})],
    "beneficiary_refugee": [("réfugié·e reconnu·e", "recognised refugee",
                             {"nationality": "SY", "permit": "B", "years_domicile_ch": 1,
                              "refugee_or_stateless": True})],
}


def beneficiaries(rules: RuleSet, name: str, **_) -> Outcome:
    """Art. 5 al. 1: each category the concordat names gets aid (worst-case profile, only nationality varies)."""
    variants = BENEFICIARIES[name]
    rows = [P.profile(rules, "base"), P.profile(rules, "counter", **FOREIGN_NO_PERMIT)]
    rows += [P.profile(rules, f"v{i}", **changes) for i, (_, _, changes) in enumerate(variants)]
    got = run(rules, rows)
    base, counter = got.loc["base"], got.loc["counter"]
    evidence, failing = [], []
    for i, (fr, en, _) in enumerate(variants):
        row = got.loc[f"v{i}"]
        evidence.append(_evidence(f"v{i}", fr, en, row))
        if not paid(row):
            failing.append((fr, en, row))
    evidence.append(_evidence("counter", "étranger·ère sans permis (contre-épreuve)",
                              "foreign, no permit (counter-probe)", counter))
    if failing:
        fr = " ; ".join(f"{f} : refusé ({';'.join(codes(r)) or '—'})" for f, _, r in failing)
        en = "; ".join(f"{e}: refused ({';'.join(codes(r)) or '—'})" for _, e, r in failing)
        return Outcome("not_met", fr, en, sorted({c for *_, r in failing for c in _new(r, base)}), evidence,
                       failures=[_new(r, base) for *_, r in failing])
    fr = " ; ".join(f"{f} : éligible" for f, _, _ in variants)
    en = "; ".join(f"{e}: eligible" for _, e, _ in variants)
    return Outcome("met", fr, en, _new(counter, base) if not paid(counter) else [], evidence)


# --- art. 12: age limit -------------------------------------------------------------------------------------

def age_limit(rules: RuleSet, **_) -> Outcome:
    """Art. 12 al. 2: a bursary at 36 for a training begun at 34, and at 34 in a first year; then who is refused."""
    rows = [P.profile(rules, "base"),
            P.profile(rules, "year3_from34", **P.in_year(rules, 3, 34)),
            P.profile(rules, "year1_at34", **P.in_year(rules, 1, 34)),
            P.profile(rules, "year1_at36", **P.in_year(rules, 1, 36))]
    got = run(rules, rows)
    base = got.loc["base"]
    labels = {"year3_from34": ("36 ans, 3e année d'une formation commencée à 34 ans",
                               "age 36, 3rd year of a training begun at 34"),
              "year1_at34": ("34 ans, 1re année", "age 34, 1st year"),
              "year1_at36": ("36 ans, 1re année (contre-épreuve)", "age 36, 1st year (counter-probe)")}
    evidence = [_evidence(k, *labels[k], got.loc[k]) for k in labels]
    failing = [k for k in ("year3_from34", "year1_at34") if not bursary_paid(got.loc[k])]
    if failing:
        k = failing[0]
        fr, en = _outcome_text(got.loc[k])
        return Outcome("not_met", f"{labels[k][0]} : {fr}", f"{labels[k][1]}: {en}",
                       sorted({c for f in failing for c in _new(got.loc[f], base)}), evidence,
                       failures=[_new(got.loc[f], base) for f in failing])
    counter = got.loc["year1_at36"]
    if bursary_paid(counter):
        return Outcome("not_applicable", "aucun âge limite : bourse à 36 ans en 1re année comme à 34 ans",
                       "no age limit: a bursary at 36 in a first year as at 34", [], evidence)
    fr, en = _outcome_text(counter)
    return Outcome("met", f"bourse à 34 ans et à 36 ans en 3e année ; {labels['year1_at36'][0]} : {fr}",
                   f"bursary at 34 and at 36 in the 3rd year; {labels['year1_at36'][1]}: {en}",
                   _new(counter, base), evidence)


# --- art. 13: duration, change of course ----------------------------------------------------------------------

ART_13_FR = ("« l'allocation peut être octroyée pour deux semestres au plus au-delà de la durée réglementaire "
             "de la formation » (rsGE C 1 19)")
ART_13_DE = ("« bei mehrjährigen Ausbildungsgängen besteht der Anspruch bis zwei Semester über die "
             "Regelstudiendauer hinaus » (LS 416.3)")
REGULAR = 6                 # the regular duration of the probes (semesters)
PROBED_EXTRA = 4            # semesters probed beyond it


def extra_semesters(got, level: str) -> int:
    """How many semesters after the regular duration the engine still pays, one after the other."""
    n = 0
    while n < PROBED_EXTRA and paid(got.loc[f"{level}_s{REGULAR + n + 1}"]):
        n += 1
    return n


def art_13_verdict(extra: int) -> tuple[str, str, str]:
    """Concordat art. 13 al. 1 in its two language versions (GE spec §8): exactly two extra semesters meet both;
    fewer is allowed by the French « peut … au plus » but short of the German entitlement « bis zwei Semester »,
    so it is to check; more is beyond the French « au plus » but allowed by the German text, a minimum (art. 1 a).
    Returns the status and the reading, fr and en, with both quotations where the versions part."""
    if extra == 2:
        return ("met", "conforme aux deux versions (« deux semestres au plus » ; « bis zwei Semester »)",
                "as both language versions say (« au plus » ; « bis zwei Semester »)")
    if extra < 2:
        return ("review", f"permis par le texte français {ART_13_FR} (une faculté), en deçà du texte allemand "
                f"{ART_13_DE} (un droit) : à vérifier", f"allowed by the French text {ART_13_FR} (a permission), "
                f"short of the German text {ART_13_DE} (an entitlement): to check")
    return ("met", f"admis par le texte allemand {ART_13_DE} (un minimum, art. 1 a) ; au-delà du texte français "
            f"{ART_13_FR}", f"allowed by the German text {ART_13_DE} (a minimum, art. 1 a); beyond the French "
            f"text {ART_13_FR}")


def _extra_text(extra: int) -> tuple[str, str]:
    if extra >= PROBED_EXTRA:
        return (f"au moins {extra} semestres au-delà de la durée réglementaire",
                f"at least {extra} semesters beyond the regular duration")
    plural = "s" if extra > 1 else ""
    return (f"{extra} semestre{plural} au-delà de la durée réglementaire",
            f"{extra} semester{'s' if extra != 1 else ''} beyond the regular duration")


def duration(rules: RuleSet, **_) -> Outcome:
    """Art. 13 al. 1: aid through the regular duration (6 semesters), then how many semesters beyond it the
    engine pays (up to 4 probed), judged by :func:`art_13_verdict`; a semester paid only as a loan is to check."""
    worst, parts_fr, parts_en, decisive, evidence, failures = "met", [], [], [], [], []
    readings: dict[str, str] = {}          # each reading once, after the levels it concerns
    for level in ("tertiary", "secondary_ii"):
        rows = [P.profile(rules, "base", level=level)]
        for k in range(REGULAR, REGULAR + PROBED_EXTRA + 1):          # the k-th semester: k − 1 already aided
            rows.append(P.profile(rules, f"{level}_s{k}", level=level,
                                  **{**P.in_year(rules, (k + 1) // 2, 17), "semesters_aided": k - 1,
                                     "semesters_completed": k - 1}))
        got = run(rules, rows)
        base, last = got.loc["base"], got.loc[f"{level}_s{REGULAR}"]
        name_fr, name_en = P.LABELS[level]
        extra = extra_semesters(got, level)
        first = got.loc[f"{level}_s{REGULAR + 1}"]
        after = got.loc[f"{level}_s{REGULAR + extra + 1}"] if extra < PROBED_EXTRA else None   # the first refused
        evidence.append(_evidence(f"{level}_s{REGULAR}", f"{name_fr}, 6e semestre (durée 6)",
                                  f"{name_en}, semester 6 (regular 6)", last))
        evidence += [_evidence(f"{level}_s{k}", f"{name_fr}, {k}e semestre (durée 6)",
                               f"{name_en}, semester {k} (regular 6)", got.loc[f"{level}_s{k}"], extra=extra)
                     for k in range(REGULAR + 1, REGULAR + PROBED_EXTRA + 1)]
        if not paid(last):
            status = "not_met"
            fr, en = _outcome_text(last)
            fr, en = f"6e semestre de la durée réglementaire : {fr}", f"semester 6 of the regular duration: {en}"
            decisive += _new(last, base)
            failures.append(_new(last, base))
        else:
            status, reading_fr, reading_en = art_13_verdict(extra)
            readings.setdefault(reading_fr, reading_en)
            fr, en = _extra_text(extra)
            if after is not None:
                why = ";".join(codes(after)) or "—"
                fr += f" ; {REGULAR + extra + 1}e semestre refusé ({why})"
                en += f"; semester {REGULAR + extra + 1} refused ({why})"
                decisive += _new(after, base)
            if extra and _share(first) < min(_share(base), 2 / 3) - 0.5 / _int(first["aid"]):
                status = max(status, "review", key=WORSE.get)   # aid goes on, but as a loan: a reading
                decisive += _new(first, base)
                fr += " : allocation continuée en prêt"
                en += ": aid goes on as a loan"
        worst = max(worst, status, key=WORSE.get)
        parts_fr.append(f"{name_fr} : {fr}")
        parts_en.append(f"{name_en}: {en}")
    return Outcome(worst, " ; ".join(parts_fr + list(readings)), "; ".join(parts_en + list(readings.values())),
                   sorted(set(decisive)), evidence, failures=failures)


# Probes whose verdict is the standard's: the parameter they bear on is shown, not compared (art. 13 al. 1: its
# two language versions make "fewer than two" a question and "more than two" no breach, GE spec §8).
DECIDES = {"duration"}


def _share(row) -> float:
    """The bursary's share of the aid (1 when there is no aid)."""
    return _int(row["bursary"]) / _int(row["aid"]) if _int(row["aid"]) else 1.0


def change_of_course(rules: RuleSet, **_) -> Outcome:
    """Art. 13 al. 2: aid after one change of course (and one abandoned training); refused after three."""
    once = {"changes_of_course": 1, "trainings_abandoned": 1}
    thrice = {"changes_of_course": 3, "trainings_abandoned": 3}
    got = run(rules, [P.profile(rules, "base"), P.profile(rules, "once", **once),
                      P.profile(rules, "thrice", **thrice)])
    base, one, three = got.loc["base"], got.loc["once"], got.loc["thrice"]
    evidence = [_evidence("once", "un changement de filière", "one change of course", one),
                _evidence("thrice", "trois changements (contre-épreuve)", "three changes (counter-probe)", three)]
    fr, en = _outcome_text(one)
    if not paid(one):
        return Outcome("not_met", f"après un changement : {fr}", f"after one change: {en}", _new(one, base),
                       evidence, failures=[_new(one, base)])
    return Outcome("met", f"après un changement : {fr}", f"after one change: {en}",
                   _new(three, base) if not paid(three) else [], evidence)


# --- art. 15: full allocation, bursary share ------------------------------------------------------------------

AGES = (20, 30)
ALLOCATION = {"full_allocation_secondary_ii": (("secondary_ii",), ("single",)),
              "full_allocation_tertiary": (("tertiary",), ("single",)),
              "full_allocation_per_child": (("secondary_ii", "tertiary"), ("single_parent", "married_child"))}


def full_allocation(rules: RuleSet, name: str, thresholds: dict[str, float], **_) -> Outcome:
    """Art. 15 al. 1-2: the aid the engine pays a person with no resources, against 12 000 / 16 000 + 4 000 a child.

    Per profile (level, family, age) the larger aid of the two parents variants (none, without resources).
    """
    levels, families = ALLOCATION[name]
    rows = []
    for level in levels:
        for family in families:
            for age in AGES:
                for parents in ("none", "together"):
                    rows.append(P.profile(rules, f"{level}|{family}|{age}|{parents}", level=level, family=family,
                                          age=age, parents=parents))
    got = run(rules, rows)
    by_id = {r["applicant_id"]: r for r in rows}
    evidence, short, undecided = [], [], []
    for level in levels:
        for family in families:
            children = P.FAMILIES[family][3]
            need = thresholds[level] + thresholds["per_child"] * children
            for age in AGES:
                keys = [f"{level}|{family}|{age}|{p}" for p in ("none", "together")]
                key = max(keys, key=lambda k: _int(got.loc[k, "aid"]) if paid(got.loc[k]) else -1)
                row = got.loc[key]
                amount = _int(row["aid"]) if paid(row) else 0
                item = _evidence(key, P.label(level, family, age), P.label(level, family, age, "en"), row,
                                 amount=amount, threshold=need, cap=None if pd.isna(row["cap"]) else int(row["cap"]),
                                 parents=key.rsplit("|", 1)[1])
                evidence.append(item)
                if not paid(row):
                    undecided.append((item, row, by_id[key]))
                elif amount < need:
                    short.append((item, row, by_id[key]))

    def show(item, lang):
        sign = "≥" if item["amount"] >= item["threshold"] else "<"
        codes_ = f" ({item['reasons']})" if item["reasons"] else ""
        label_ = item["label_en" if lang == "en" else "label_fr"]
        colon = ": " if lang == "en" else " : "
        return f"{label_}{colon}{chf_text(item['amount'])} {sign} {chf_text(item['threshold'])}{codes_}"

    high = max(evidence, key=lambda e: e["amount"])
    largest = (f"aide la plus élevée : {high['label_fr']} : {chf_text(high['amount'])}",
               f"largest aid: {high['label_en']}: {chf_text(high['amount'])}")
    # A couple falls short when the canton divides the need by the persons of the budget: whether the spouse's
    # share is the "prestation d'autres personnes légalement tenues" art. 18 al. 1 lets the canton expect (then
    # art. 15 is met) is a reading of the law, not arithmetic (docs/rules/ZH.md §7, BE.md §7). Only the other
    # profiles can make the standard definitively not met.
    couple = [item for item in short if P.FAMILIES[item[0]["profile"].split("|")[1]][2]]
    alone = [item for item in short if item not in couple]
    reading = ("couples en dessous (besoin divisé par personne) : conforme si la part du conjoint est la prestation "
               "d'une personne légalement tenue (art. 18 al. 1) — à apprécier",
               "couples below (need divided per person): met if the spouse's share is the contribution of a person "
               "legally bound (art. 18 al. 1) — a matter of reading") if couple else ("", "")
    if short:
        fr = " ; ".join([show(s[0], "fr") for s in short] + [largest[0]] + [reading[0]] * bool(couple))
        en = "; ".join([show(s[0], "en") for s in short] + [largest[1]] + [reading[1]] * bool(couple))
        decisive = sorted({c for _, r, _ in short for c in codes(r)})
        if not alone:
            return Outcome("review", fr, en, decisive, evidence)
        worst = min(alone, key=lambda s: s[0]["amount"] - s[0]["threshold"])
        return Outcome("not_met", fr, en, decisive, evidence, award_row=worst[2],
                       failures=[codes(r) for _, r, _ in alone])
    if undecided:
        return Outcome("review", "profil sans aide : " + " ; ".join(show(u[0], "fr") for u in undecided),
                       "profile without aid: " + "; ".join(show(u[0], "en") for u in undecided),
                       sorted({c for _, r, _ in undecided for c in codes(r)}), evidence)
    low = min(evidence, key=lambda e: e["amount"] - e["threshold"])
    return Outcome("met", f"{len(evidence)} profils, le plus bas : {show(low, 'fr')} ; {largest[0]}",
                   f"{len(evidence)} profiles, lowest: {show(low, 'en')}; {largest[1]}",
                   [], evidence, award_row=by_id[low["profile"]])


def bursary_share(rules: RuleSet, **_) -> Outcome:
    """Art. 15 al. 4: at tertiary level the bursary is at least 2/3 of the aid (within the franc's rounding)."""
    rows = [P.profile(rules, "t20"), P.profile(rules, "t30", age=30),
            P.profile(rules, "t_year4", **P.in_year(rules, 4, 17, regular=8))]
    labels = {"t20": ("tertiaire, 20 ans, 1re année", "tertiary, age 20, 1st year"),
              "t30": ("tertiaire, 30 ans, 1re année", "tertiary, age 30, 1st year"),
              "t_year4": ("tertiaire, 20 ans, 4e année (durée 8 semestres)", "tertiary, age 20, 4th year (8 semesters)")}
    got = run(rules, rows)
    evidence, low, parts_fr, parts_en, decisive = [], [], [], [], []
    for key, (fr, en) in labels.items():
        row = got.loc[key]
        evidence.append(_evidence(key, fr, en, row))
        if not paid(row):
            continue
        aid, bursary = _int(row["aid"]), _int(row["bursary"])
        share = f"{bursary / aid:.1%}".replace(".", ",")
        parts_fr.append(f"{fr} : bourse {chf_text(bursary)} / aide {chf_text(aid)} = {share}")
        parts_en.append(f"{en}: bursary {chf_text(bursary)} / aid {chf_text(aid)} = {share.replace(',', '.')}")
        if bursary < aid:
            decisive += codes(row)
        if 3 * bursary < 2 * aid - 1.5:          # a bursary rounded to the franc may fall half a franc short
            low.append(codes(row))
    if not parts_fr:
        return Outcome("review", "aucun profil tertiaire ne reçoit d'aide", "no tertiary profile gets aid",
                       [], evidence)
    return Outcome("not_met" if low else "met", " ; ".join(parts_fr), "; ".join(parts_en),
                   sorted(set(decisive)), evidence, award_row=rows[0], failures=low)


# --- art. 19: partial independence ---------------------------------------------------------------------------

def partial_independence(rules: RuleSet, **_) -> Outcome:
    """Art. 19 (optional): at 25+, after a first training and 2 years' independence, less of the parents' surplus."""
    rich = P.parents_fields("together", income=250_000)
    dependent = P.profile(rules, "dependent", age=26, **rich)
    independent = P.profile(rules, "independent", age=26, first_training_done=True, years_independent=2,
                            independent_income=40_000, years_full_time_work=2, **rich)
    got = run(rules, [dependent, independent])
    dep, ind = _int(got.loc["dependent", "parents_share"]), _int(got.loc["independent", "parents_share"])
    evidence = [_evidence("dependent", "26 ans, parents aisés", "age 26, well-off parents", got.loc["dependent"],
                          parents_share=dep),
                _evidence("independent", "26 ans, 1re formation achevée, 2 ans indépendant·e",
                          "age 26, first training done, 2 years independent", got.loc["independent"],
                          parents_share=ind)]
    text = (f"part des parents {chf_text(dep)} → {chf_text(ind)}", f"parents' share {chf_text(dep)} → {chf_text(ind)}")
    if dep <= 0:
        return Outcome("review", "aucune part des parents calculée", "no parents' share computed", [], evidence)
    if ind < dep:
        return Outcome("met", text[0] + " (renonciation partielle)", text[1] + " (partly waived)", [], evidence)
    return Outcome("not_applicable", text[0] + " : faculté non utilisée (art. 19 « on peut »)",
                   text[1] + ": option not used (art. 19 'may')", [], evidence)


PROBES = {name: beneficiaries for name in BENEFICIARIES}
PROBES.update({"age_limit": age_limit, "duration": duration, "change_of_course": change_of_course,
               "bursary_share": bursary_share, "partial_independence": partial_independence})
PROBES.update({name: full_allocation for name in ALLOCATION})
