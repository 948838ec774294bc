"""The one applicant schema: keys, types, allowed values, defaults, labels, help and article.

Every face (engine, readers, UDFs, templates, reports) takes its columns from here. Keys and meanings follow
``shared/spec/bursary-GE.md`` §1. A field's ``default`` is what a missing cell means (spec §5 "Missing optional
inputs"); ``None`` means "unknown", which never establishes a condition in the applicant's favour.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field, replace

# Field kinds understood by the parser (xladdin.bursary.inputs) and the template builders.
TEXT, DATE, ENUM, BOOL, INT, AMOUNT, RATIO = "text", "date", "enum", "bool", "int", "amount", "ratio"

CANTONS = ("AG", "AI", "AR", "BE", "BL", "BS", "FR", "GE", "GL", "GR", "JU", "LU", "NE", "NW", "OW", "SG",
           "SH", "SO", "SZ", "TG", "TI", "UR", "VD", "VS", "ZG", "ZH")


@dataclass(frozen=True)
class Field:
    key: str
    kind: str
    label_fr: str
    label_en: str
    help_fr: str = ""
    help_en: str = ""
    article: str = ""
    required: bool = False
    default: object = None
    values: tuple[str, ...] = ()              # allowed codes of an enum
    value_labels_fr: dict[str, str] = field(default_factory=dict)
    value_labels_en: dict[str, str] = field(default_factory=dict)
    minimum: float | None = None
    maximum: float | None = None
    min_exclusive: bool = False
    label_de: str = ""
    group: str = "student"                    # section of the intake form
    cantons: tuple[str, ...] = ()             # the cantons whose rule sets read it; () = every canton
    value_labels_de: dict[str, str] = field(default_factory=dict)

    def used_by(self, canton: str) -> bool:
        return not self.cantons or canton in self.cantons

    def label(self, lang: str = "fr") -> str:
        return {"fr": self.label_fr, "en": self.label_en, "de": self.label_de or self.label_fr}[lang]

    def help(self, lang: str = "fr") -> str:
        return self.help_en if lang == "en" else self.help_fr

    def value_label(self, code: str, lang: str = "fr") -> str:
        labels = {"en": self.value_labels_en, "de": self.value_labels_de}.get(lang) or self.value_labels_fr
        return labels.get(code, self.value_labels_fr.get(code, code) if lang == "de" else code)


def _f(key, kind, fr, en, help_fr="", help_en="", article="", **kw) -> Field:
    return Field(key, kind, fr, en, help_fr, help_en, article, **kw)


PROGRAMME_KINDS = {
    # code: (French label, English label)
    "preparatory": ("Classe préparatoire, passerelle", "Preparatory class, bridge programme"),
    "initial_sec2": ("Formation initiale sec. II (maturité, ECG, AFP, CFC)", "Initial upper-secondary training"),
    "tertiary_b": ("Tertiaire B (ES, examens fédéraux)", "Tertiary B (PET colleges, federal exams)"),
    "bachelor": ("Premier bachelor (université, EPF, HES)", "First bachelor (university, ETH, UAS)"),
    "second_sec2_higher": ("2e formation sec. II de niveau supérieur", "Second upper-secondary training, higher level"),
    "second_sec2": ("Autre 2e formation sec. II", "Other second upper-secondary training"),
    "second_bachelor": ("Deuxième bachelor", "Second bachelor"),
    "master": ("Master (premier, ou deuxième requis par la profession)", "Master (first, or second required)"),
    "doctorate": ("Doctorat", "Doctorate"),
    "mas": ("MAS, maîtrise d'études avancées", "MAS (advanced studies)"),
    "continuing_education": ("Formation continue", "Continuing education"),
    "language_stay": ("Séjour linguistique", "Language stay"),
    "compulsory": ("Scolarité obligatoire", "Compulsory schooling"),
    "adult_secondary_i": ("Degré secondaire I pour adultes", "Lower secondary for adults"),
}

_STUDENT = [
    _f("applicant_id", TEXT, "N° de dossier", "File number", "Identifiant unique du dossier.",
       "Unique file number.", required=True, label_de="Dossiernummer", group="identity"),
    _f("last_name", TEXT, "Nom", "Last name", label_de="Name", group="identity"),
    _f("first_name", TEXT, "Prénom", "First name", label_de="Vorname", group="identity"),
    _f("birth_date", DATE, "Date de naissance", "Birth date",
       "L'âge est compté en années révolues au 1er septembre de l'année académique.",
       "Age in whole years on 1 September of the academic year.", "LBPE art. 17, 18 al. 3 et 5",
       label_de="Geburtsdatum", group="identity"),
    _f("nationality", TEXT, "Nationalité (ISO)", "Nationality (ISO)", "Code pays ISO à 2 lettres ; CH = Suisse.",
       "ISO 3166 alpha-2 code; CH = Swiss.", "LBPE art. 15 al. 1", label_de="Staatsangehörigkeit", group="identity"),
    _f("permit", ENUM, "Permis de séjour", "Residence permit", "Pour les ressortissants étrangers.",
       "For foreign nationals.", "LBPE art. 15 al. 1 d", values=("B", "C", "F", "G", "L", "N", "S", "none"),
       value_labels_fr={"none": "aucun"}, value_labels_en={"none": "no permit"}, label_de="Aufenthaltsbewilligung",
       group="identity"),
    _f("years_domicile_ch", INT, "Années de domicile en Suisse", "Years of domicile in Switzerland",
       "Années de domicile légal en Suisse.", "Years of legal domicile in Switzerland.", "LBPE art. 15 al. 1 d",
       default=0, minimum=0, group="identity"),
    _f("refugee_or_stateless", BOOL, "Réfugié ou apatride reconnu", "Recognised refugee or stateless",
       article="LBPE art. 15 al. 1 e", default=False, group="identity"),
    _f("study_stay_only", BOOL, "Séjour aux seules fins d'études", "Stay for study purposes only",
       article="LBPE art. 15 al. 2", default=False, group="identity"),
    _f("eu_efta_frontier_parent", BOOL, "Répondant frontalier imposé à Genève (UE/AELE)",
       "Frontier-worker parent taxed in Geneva (EU/EFTA)", article="LBPE art. 15 al. 1 b", default=False,
       group="identity"),
    _f("parents_abroad", BOOL, "Suisse dont les parents vivent à l'étranger", "Swiss with parents abroad",
       article="LBPE art. 15 al. 1 c", default=False, group="identity"),
    _f("aid_domicile", ENUM, "Domicile déterminant (canton)", "Domicile for training aid (canton)",
       "Canton du domicile en matière d'aides à la formation ; vide = déterminé à partir des champs de domicile.",
       "Canton of domicile for training aid; empty = determined from the domicile fields.",
       "LBPE art. 16 ; concordat art. 6", values=CANTONS, label_de="Stipendienrechtlicher Wohnsitz",
       group="identity"),
    _f("excluded_benefit", BOOL, "Droit au chômage, AVS, AI ou exemption fiscale",
       "Unemployment, AVS, AI or tax-exempt status", article="LBPE art. 3 al. 2", default=False,
       group="identity"),
    # Training
    _f("programme_kind", ENUM, "Type de formation", "Kind of training", "Détermine le droit : bourse, prêt ou rien.",
       "Decides the right: bursary, loan or nothing.", "LBPE art. 11", values=tuple(PROGRAMME_KINDS),
       value_labels_fr={k: v[0] for k, v in PROGRAMME_KINDS.items()},
       value_labels_en={k: v[1] for k, v in PROGRAMME_KINDS.items()}, label_de="Ausbildungsart", group="training"),
    _f("level", ENUM, "Niveau", "Level", "Degré de la formation suivie.", "Level of the training pursued.",
       "LBPE art. 22 al. 1 ; RBPE art. 13", values=("secondary_ii", "tertiary", "secondary_i_adult"),
       value_labels_fr={"secondary_ii": "secondaire II", "tertiary": "tertiaire",
                        "secondary_i_adult": "secondaire I (adultes)"},
       value_labels_en={"secondary_ii": "upper secondary", "tertiary": "tertiary",
                        "secondary_i_adult": "lower secondary (adults)"}, label_de="Stufe",
       group="training"),
    _f("reconversion", BOOL, "Reconversion professionnelle", "Career change", article="LBPE art. 11 al. 1 e, 17",
       default=False, group="training"),
    _f("recognised", BOOL, "Formation et établissement reconnus", "Recognised training and institution",
       article="LBPE art. 11, 12", default=False, group="training"),
    _f("regular_semesters", INT, "Durée réglementaire (semestres)", "Regular duration (semesters)",
       "Durée minimale de la formation selon le plan d'études.", "Minimal duration of the training.",
       "LBPE art. 14 al. 1 ; RBPE art. 6", minimum=0, min_exclusive=True, group="training"),
    _f("semesters_aided", INT, "Semestres déjà aidés", "Semesters already aided", article="LBPE art. 14",
       default=0, minimum=0, group="training"),
    _f("part_time_ratio", RATIO, "Taux d'études", "Study load ratio", "Part d'un plein temps (0 < taux ≤ 1).",
       "Share of a full-time load (0 < r ≤ 1).", "LBPE art. 14 al. 4", default=1.0, minimum=0,
       min_exclusive=True, maximum=1, group="training"),
    _f("part_time_reason", ENUM, "Motif du temps partiel", "Reason for part time",
       "Seuls les motifs professionnels, familiaux ou de santé prolongent la durée ; requis si taux < 1.",
       "Only professional, family or health reasons lengthen the duration; needed when the ratio is below 1.",
       "LBPE art. 14 al. 4 ; VAB § 5 ; concordat art. 16 al. 2",
       values=("professional", "family", "health", "other", "none"),
       value_labels_fr={"professional": "professionnel", "family": "familial", "health": "santé",
                        "other": "autre", "none": "aucun"},
       value_labels_en={"professional": "professional", "family": "family", "health": "health",
                        "other": "other", "none": "none"},
       value_labels_de={"professional": "beruflich", "family": "familiär", "health": "gesundheitlich",
                        "other": "anderer", "none": "keiner"},
       label_de="Grund für Teilzeit", group="training", cantons=("GE", "ZH")),
    _f("changes_of_course", INT, "Changements de filière", "Changes of course", article="LBPE art. 14 al. 3",
       default=0, minimum=0, group="training"),
    _f("application_date", DATE, "Date de la demande", "Application date", article="LBPE art. 13",
       group="training"),
    _f("year_start", DATE, "Début de l'année de formation", "Start of the training year", article="LBPE art. 13",
       group="training"),
    # Household
    _f("lives_with_parents", BOOL, "Vit chez ses parents", "Lives with parents",
       "Vide = déduit du logement (« chez les parents »).", "Empty = derived from housing (‘parents’).",
       "LBPE art. 18 al. 5", group="household"),
    _f("housing", ENUM, "Logement", "Housing",
       "parents : chez les parents ; bail : bail ou sous-location ; ménage : marié, enfant, indépendant.",
       "parents; lease (own lease or sublease); household (married, child, independent).",
       "RBPE art. 12 al. 2", values=("parents", "lease", "household"),
       value_labels_fr={"parents": "chez les parents", "lease": "bail", "household": "ménage"},
       value_labels_en={"parents": "with parents", "lease": "lease", "household": "household"},
       label_de="Wohnsituation", group="household"),
    _f("occupants", INT, "Personnes dans le logement", "Persons in the lodging", article="RBPE art. 12 al. 2 a-b",
       default=1, minimum=1, group="household"),
    _f("student_children", INT, "Enfants à charge", "Dependent children", article="LBPE art. 22 al. 2",
       default=0, minimum=0, label_de="Kinder", group="household"),
    _f("student_children_le10", INT, "dont âgés de 10 ans ou moins", "of whom aged 10 or less",
       article="RBPE art. 12 al. 1 ; NI-2026 ch. I 4", default=0, minimum=0, group="household"),
    _f("married", BOOL, "Marié ou partenariat enregistré", "Married or registered partnership",
       article="RBPE art. 10, 12", default=False, group="household"),
    # Student's resources and charges
    _f("earnings", AMOUNT, "Revenu net d'activité", "Net earned income", "Revenu net de l'année de formation.",
       "Net income of the training year.", "LBPE art. 19 al. 4 ; RBPE art. 11", default=0, minimum=0,
       label_de="Erwerbseinkommen", group="resources"),
    _f("spouse_income", AMOUNT, "Revenu du conjoint", "Spouse's income", article="RBPE art. 10 al. 2", default=0,
       minimum=0, group="resources"),
    _f("alimony", AMOUNT, "Pension alimentaire reçue", "Maintenance received", article="LBPE art. 19 al. 4",
       default=0, minimum=0, group="resources"),
    _f("pensions", AMOUNT, "Rentes d'assurances sociales", "Social-insurance pensions", article="LBPE art. 19 al. 4",
       default=0, minimum=0, group="resources"),
    _f("wealth", AMOUNT, "Fortune nette déclarée", "Declared net wealth", article="LBPE art. 19 al. 4 ; LRDU art. 8",
       default=0, minimum=0, group="resources"),
    _f("health_premiums", AMOUNT, "Primes d'assurance-maladie", "Health-insurance premiums",
       article="LBPE art. 20 al. 1 c ; RBPE art. 12 al. 3", default=0, minimum=0, group="resources"),
    _f("transport", AMOUNT, "Abonnement de transport", "Public-transport pass", article="RBPE art. 12 al. 5",
       default=0, minimum=0, group="resources"),
    _f("student_taxes", AMOUNT, "Impôts cantonaux de l'étudiant", "Student's cantonal taxes",
       article="LBPE art. 20 al. 1 e", default=0, minimum=0, group="resources"),
    # Independence
    _f("independence", ENUM, "Indépendance financière", "Financial independence",
       "Vide = déduite des quatre champs suivants.", "Empty = derived from the four fields below.",
       "LBPE art. 18 al. 3-5 ; RBPE art. 8", values=("none", "partial", "full"),
       value_labels_fr={"none": "aucune", "partial": "partielle", "full": "totale"},
       value_labels_en={"none": "not independent", "partial": "partly independent", "full": "fully independent"},
       group="independence"),
    _f("first_training_done", BOOL, "Première formation achevée", "First training completed",
       article="LBPE art. 17, 18 al. 3 a", group="independence"),
    _f("years_independent", AMOUNT, "Années d'indépendance financière", "Years financially independent",
       article="LBPE art. 18 al. 3 a", default=0, minimum=0, group="independence"),
    _f("independent_income", AMOUNT, "Revenu annuel net pendant l'indépendance", "Net yearly income when independent",
       article="RBPE art. 8 al. 2", default=0, minimum=0, group="independence"),
    _f("years_full_time_work", AMOUNT, "Années d'activité à plein temps", "Years of full-time work",
       article="LBPE art. 18 al. 3 b", default=0, minimum=0, group="independence"),
    _f("loans_received", AMOUNT, "Prêts déjà reçus", "Loans already received", article="LBPE art. 22 al. 4",
       default=0, minimum=0, group="independence"),
    # Parents
    _f("parents", ENUM, "Situation des parents", "Parents' situation",
       "ensemble : un budget commun ; séparés : un budget par parent ; aucun : orphelin ou indépendance totale.",
       "together: one joint budget; apart: one per parent; none: orphan or full independence.",
       "RBPE art. 9 al. 2-3", values=("together", "apart", "none"),
       value_labels_fr={"together": "ensemble", "apart": "séparés", "none": "aucun"},
       value_labels_en={"together": "together", "apart": "apart", "none": "no parents' budget"}, group="parents"),
]

_PARENT_SUFFIXES = [
    # suffix, kind, fr, en, article, extra
    ("rdu", AMOUNT, "RDU", "RDU (unified income)", "LBPE art. 18 al. 2 ; LRDU art. 8", {"minimum": 0}),
    ("income", AMOUNT, "revenu (si pas de RDU)", "income (when no RDU)", "LRDU art. 8 al. 2", {"minimum": 0}),
    ("net_wealth", AMOUNT, "fortune nette (si pas de RDU)", "net wealth (when no RDU)", "LRDU art. 8 al. 2",
     {"minimum": 0, "default": 0}),
    ("adults", INT, "adultes du ménage", "adults in household", "RBPE art. 12 al. 1", {"minimum": 1, "maximum": 2}),
    # labels must differ once folded (resolve_header drops "≤" and ">"): words, not signs
    ("children_le10", INT, "enfants de 10 ans ou moins du ménage", "children aged 10 or less in household",
     "RBPE art. 12 al. 1",
     {"minimum": 0, "default": 0}),
    ("children_gt10", INT, "enfants de plus de 10 ans du ménage", "children over 10 in household",
     "RBPE art. 12 al. 1",
     {"minimum": 0, "default": 0}),
    ("children", INT, "nombre total d'enfants", "all children", "RBPE art. 9 al. 4 a", {"minimum": 1}),
    ("in_training", INT, "personnes en formation", "persons in training", "RBPE art. 12 al. 4",
     {"minimum": 0, "default": 0}),
    ("health_premiums", AMOUNT, "primes maladie", "health premiums", "LBPE art. 20 al. 1 c",
     {"minimum": 0, "default": 0}),
    ("taxes", AMOUNT, "impôts cantonaux", "cantonal taxes", "LBPE art. 20 al. 1 e", {"minimum": 0, "default": 0}),
    ("pays_alimony", BOOL, "verse une pension fixée par jugement", "pays court-ordered maintenance",
     "LBPE art. 18 al. 6 ; VAB § 12 Abs. 1 ; ABV Art. 14 Abs. 4",
     {"default": False,
      "help_fr": "Ce parent verse à la personne en formation une pension fixée par jugement (GE, BE) ou approuvée par "
                 "une autorité (ZH, VAB § 12 Abs. 1) : son budget n'est pas compté.",
      "help_en": "This parent pays the student maintenance set by a court (GE, BE) or approved by an authority (ZH, "
                 "VAB § 12 (1)): their budget is not counted."}),
]

# Inputs of the tax-based models (Zurich VAB LS 416.1, Bern ABV BSG 438.312): docs/rules/ZH.md §2.2, BE.md §2.2.
_ZB, _ZH, _BE = ("ZH", "BE"), ("ZH",), ("BE",)
_TAX_MODELS = [
    _f("own_household_reason", BOOL, "Motif impérieux de logement indépendant", "Compelling reason for an own household",
       "Manque de place, trajet déraisonnable, conflit grave ; un conjoint ou un enfant suffit.",
       "Lack of space, unreasonable commute, serious conflict; a spouse or child is enough.",
       "VAB § 23 Abs. 2 ; ABV Art. 30 Abs. 2", label_de="Zwingender Grund für eigenen Haushalt",
       group="household", cantons=_ZB),
    _f("cohabiting_partner", BOOL, "Concubinage", "Cohabiting partner", article="VAB § 18 Abs. 2 c ; ABV Art. 32 Abs. 2",
       default=False, label_de="Faktische Lebensgemeinschaft", group="household", cantons=_ZB),
    _f("common_child", BOOL, "Enfant commun dans le ménage", "Common child in the household",
       article="VAB § 18 Abs. 2 c ; ABV Art. 32 Abs. 2", default=False, label_de="Gemeinsames Kind im Haushalt",
       group="household", cantons=_ZB),
    _f("cohabitation_years", AMOUNT, "Durée du concubinage (années)", "Years of cohabitation", article="ABV Art. 32 Abs. 2",
       default=0, minimum=0, label_de="Dauer der Lebensgemeinschaft (Jahre)", group="household", cantons=_BE),
    _f("partner_birth_date", DATE, "Date de naissance du/de la partenaire", "Partner's birth date",
       "Pour le forfait maladie ; vide = même tranche que la personne en formation.",
       "For the health flat rate; empty = the student's own band.", "VAB Anh. 4.3 ; ABV Anhang 1 Abs. 7",
       label_de="Geburtsdatum Partner/in", group="household", cantons=_ZB),
    _f("shared_housing", BOOL, "Colocation, institution ou internat", "Shared flat, institution or boarding school",
       "Vide = colocation si bail et plus d'une personne dans le logement.",
       "Empty = shared when lease and more than one occupant.", "ABV Anhang 1 Abs. 1",
       label_de="Wohngemeinschaft, Institution oder Internat", group="household", cantons=_BE),
    _f("housing_costs", AMOUNT, "Frais de logement effectifs", "Actual housing costs",
       "Loyer charges comprises (ménage propre).", "Rent including charges (own household).",
       "ABV Art. 31 ; Anhang 1 Abs. 6", default=0, minimum=0, label_de="Wohnkosten (effektiv)",
       group="resources", cantons=_BE),
    _f("other_income", AMOUNT, "Autres revenus", "Other income",
       "Allocations familiales, prestations complémentaires, etc. (hors bourses complémentaires).",
       "Family allowances, supplementary benefits, etc. (not supplementary bursaries).",
       "VAB § 19 Abs. 1 f ; ABV Art. 26", default=0, minimum=0, label_de="Weitere Einkünfte",
       group="resources", cantons=_ZB),
    _f("taxable_wealth", AMOUNT, "Fortune imposable (personne en formation)", "Taxable wealth (student)",
       article="ABV Art. 27 Abs. 1", default=0, minimum=0, label_de="Steuerbares Vermögen (Auszubildende)",
       group="resources", cantons=_BE),
    _f("alimony_paid", AMOUNT, "Pensions alimentaires versées", "Maintenance paid", article="VAB § 22 a",
       default=0, minimum=0, label_de="Bezahlte Unterhaltsbeiträge", group="resources", cantons=_ZH),
    _f("illness_costs", AMOUNT, "Frais de maladie, d'invalidité et d'accident", "Illness, disability and accident costs",
       article="VAB § 22 b ; Anh. 4.5.1", default=0, minimum=0,
       label_de="Krankheits-, behinderungs- und unfallbedingte Kosten", group="resources", cantons=_ZH),
    _f("childcare_costs", AMOUNT, "Frais de garde des enfants par des tiers", "Third-party childcare costs",
       article="VAB § 22 c ; ABV Art. 33 Abs. 3", default=0, minimum=0,
       label_de="Kosten der Drittbetreuung von Kindern", group="resources", cantons=_ZB),
    _f("training_costs", AMOUNT, "Frais de formation effectifs", "Actual training costs",
       "Écolages, taxes d'examen, matériel obligatoire.", "Fees, exam fees, compulsory materials.",
       "ABV Art. 28", default=0, minimum=0, label_de="Ausbildungskosten (effektiv)", group="resources",
       cantons=_BE),
    _f("meals_out", INT, "Repas pris à l'extérieur par an", "Meals away from home a year", article="ABV Art. 33 Abs. 2",
       default=0, minimum=0, label_de="Auswärtige Mahlzeiten pro Jahr", group="resources", cantons=_BE),
    _f("meal_days_per_week", INT, "Jours de formation avec repas à l'extérieur par semaine",
       "Training days a week with a meal away", article="VAB Anh. 4.4.3", default=5, minimum=0, maximum=5,
       label_de="Ausbildungstage mit auswärtiger Verpflegung pro Woche", group="resources", cantons=_ZH),
    _f("reasonable_work_ratio", RATIO, "Taux d'activité exigible", "Reasonable workload",
       "Temps partiel ; vide = 1 − taux d'études.", "Part-time; empty = 1 − study load.", "VAB Anh. 3.1.3-3.1.4",
       minimum=0, maximum=1, label_de="Zumutbares Erwerbspensum", group="training", cantons=_ZH),
    _f("stipend_age_reason", BOOL, "Motif selon § 17 h al. 2 BiG", "Reason under BiG § 17 h (2)",
       "Travail pendant la formation, garde d'enfants, maladie, service militaire ou civil.",
       "Work during training, child care, illness, military or civil service.", "BiG § 17 h Abs. 2",
       default=False, label_de="Grund nach § 17 h Abs. 2 BiG", group="training", cantons=_ZH),
    _f("in_compulsory_schooling", BOOL, "En scolarité obligatoire", "Of compulsory-school age", article="VAB § 24",
       default=False, label_de="In obligatorischer Schulzeit", group="training", cantons=_ZH),
    _f("part_time_special_reasons", BOOL, "Motifs particuliers du temps partiel", "Special reasons for part time",
       article="VAB § 5", default=False, label_de="Besondere Gründe für Teilzeit", group="training", cantons=_ZH),
    _f("duration_months", INT, "Durée de la formation (mois)", "Length of the training (months)",
       "Vide = 6 × durée réglementaire en semestres.", "Empty = 6 × regular semesters.", "VAB § 2",
       minimum=0, min_exclusive=True, label_de="Ausbildungsdauer (Monate)", group="training", cantons=_ZH),
    _f("period_months", INT, "Mois de la période de contribution", "Months in the contribution period",
       article="VAB § 7", default=12, minimum=1, maximum=12, label_de="Monate der Beitragsperiode",
       group="training", cantons=_ZH),
    _f("years_in_training", AMOUNT, "Années de formation accomplies (depuis la fin de la scolarité obligatoire)",
       "Years in training since compulsory school", article="BiG § 17 e Abs. 2 ; ABV Art. 8 ; ABG Art. 14 Abs. 1",
       default=0, minimum=0, label_de="Bereits absolvierte Ausbildungsjahre", group="training", cantons=_ZB),
    _f("trainings_abandoned", INT, "Formations abandonnées ou échouées", "Trainings abandoned or failed",
       article="BiG § 17 f Abs. 2", default=0, minimum=0, label_de="Abgebrochene/erfolglose Ausbildungen",
       group="training", cantons=_ZH),
    _f("semesters_completed", INT, "Semestres accomplis dans cette formation", "Semesters completed in this training",
       article="ABG Art. 10 ; ABV Art. 8 Abs. 1", default=0, minimum=0,
       label_de="Bereits absolvierte Semester dieser Ausbildung", group="training", cantons=_BE),
    _f("training_start", DATE, "Début de la formation", "Start of the training", "Vide = début de l'année de formation.",
       "Empty = start of the training year.", "ABG Art. 14 Abs. 4", label_de="Ausbildungsbeginn",
       group="training", cantons=_BE),
    _f("age_limit_exception", BOOL, "Exception à la limite d'âge", "Exception to the age limit",
       article="ABG Art. 14 Abs. 4 a-b", default=False, label_de="Ausnahme von der Altersgrenze",
       group="training", cantons=_BE),
    # Issue 15: ABV Art. 20 counts the actual costs up to the flat rates (no default: a missing amount is a missing
    # input, BE-ABV-37); BiG § 18 Abs. 2 starts the claim the month after the file is complete; VAB Anh. 3.1.1 names
    # full-time students, so apprentices are told apart (reading R7).
    _f("health_costs", AMOUNT, "Frais médicaux effectifs (primes nettes, dentiste)",
       "Actual medical costs (net premiums, dental)",
       "Primes de l'assurance obligatoire après réduction de primes et frais dentaires de toutes les personnes du "
       "budget (ménage propre), au plus les forfaits ; vide = donnée manquante.",
       "Compulsory health-insurance premiums after the premium reduction and dental costs of everyone in the budget "
       "(own household), at most the flat rates; empty = missing input.", "ABV Art. 20, 31 ; Anhang 1 Abs. 7",
       minimum=0, label_de="Medizinische Grundversorgung (effektiv)",
       group="resources", cantons=_BE),
    _f("file_complete_date", DATE, "Date du dossier complet", "Date the file was complete",
       "Le droit naît le 1er du mois suivant ; vide = complet avant le début de l'année de formation.",
       "The claim starts on the 1st of the next month; empty = complete before the training year starts.",
       "BiG § 18 Abs. 2", label_de="Gesuch vollständig am", group="training", cantons=_ZH),
    _f("apprenticeship", BOOL, "Apprenti·e (formation professionnelle initiale)",
       "Apprentice (initial vocational training)",
       "Lernende : pas de prestation propre de « Vollzeitstudierende » (VAB Anh. 3.1.1), selon le jeu de règles.",
       "Apprentices: no own contribution of full-time students (VAB Anh. 3.1.1), as the rule set says.",
       "VAB § 19 Abs. 1 c, Anh. 3.1.1", default=False, label_de="Lernende/r (berufliche Grundbildung)",
       group="training", cantons=_ZH),
]

# Inputs of Vaud's model (LAEF BLV 416.11, RLAEF BLV 416.11.1 and its annex « Barèmes »): docs/rules/VD.md §2.
_VD = ("VD",)
_ZONES = ("1", "2", "3")
_VD_MODEL = [
    _f("charges_zone", ENUM, "Zone des charges normales (ménage propre)", "Zone of the normal charges (own household)",
       "1 Nyon-Rolle ; 2 Lausanne, Morges, Riviera, Yverdon… et hors canton en Suisse ; 3 Aigle-Bex, Pays-d'Enhaut, "
       "Broye.", "1 Nyon-Rolle; 2 Lausanne, Morges, Riviera, Yverdon… and other cantons; 3 Aigle-Bex, "
       "Pays-d'Enhaut, Broye.", "LAEF art. 29 al. 2 ; RLAEF annexe 1.1", values=_ZONES,
       label_de="Zone der Normalkosten (eigener Haushalt)", group="household", cantons=_VD),
    _f("student_rdu", AMOUNT, "Revenu déterminant unifié de la personne en formation",
       "Unified determining income of the student", "RDU au sens de la LHPS art. 6 (décision de taxation).",
       "RDU under LHPS art. 6 (tax assessment).", "LAEF art. 22 al. 1 ; RLAEF art. 23 al. 4 a", default=0,
       minimum=0, label_de="Massgebendes Einkommen (RDU) der Person in Ausbildung", group="resources", cantons=_VD),
    _f("taxable_income", AMOUNT, "Revenu imposable de la personne en formation", "Taxable income of the student",
       "Revenu fiscal net (LI) ; 0 = non imposé.", "Net taxable income (LI); 0 = not taxed.",
       "RLAEF art. 34 al. 4 ; annexe 1.3", default=0, minimum=0,
       label_de="Steuerbares Einkommen der Person in Ausbildung", group="resources", cantons=_VD),
    _f("training_category", ENUM, "Catégorie de formation (barème des frais d'études)",
       "Training category (study-costs scale)", article="RLAEF art. 36 ; annexe 2.1",
       values=("transition", "gymnasium", "apprenticeship", "school", "post_cfc_maturity", "higher_vocational",
               "uas", "university"),
       value_labels_fr={"transition": "passerelle et transition", "gymnasium": "gymnase",
                        "apprenticeship": "apprentissage", "school": "formation en école",
                        "post_cfc_maturity": "maturité post-CFC", "higher_vocational": "école supérieure",
                        "uas": "haute école", "university": "université"},
       value_labels_en={"transition": "bridge and transition", "gymnasium": "upper-secondary school",
                        "apprenticeship": "apprenticeship", "school": "full-time vocational school",
                        "post_cfc_maturity": "maturity after the VET diploma", "higher_vocational": "PET college",
                        "uas": "university of applied sciences", "university": "university"},
       value_labels_de={"transition": "Passerelle und Übergang", "gymnasium": "Gymnasium",
                        "apprenticeship": "Lehre", "school": "schulische Ausbildung",
                        "post_cfc_maturity": "Berufsmaturität nach EFZ", "higher_vocational": "Höhere Fachschule",
                        "uas": "Hochschule", "university": "Universität"},
       label_de="Ausbildungskategorie (Ausbildungskosten)", group="training", cantons=_VD),
    _f("repeating_year", BOOL, "Redoublement", "Repeating the year", "Forfait réduit des frais d'études.",
       "Reduced study-costs flat rate.", "RLAEF art. 36 al. 2 ; annexe 2.1", default=False,
       label_de="Wiederholung des Ausbildungsjahres", group="training", cantons=_VD),
    _f("transport_zones", ENUM, "Zones de transport public (abonnement)", "Public-transport zones (pass)",
       "Nombre de zones du trajet, ou AG ; vide = aucun frais de transport.",
       "Zones of the journey, or AG; empty = no transport costs.", "RLAEF art. 37 ; annexe 2.2",
       values=tuple(str(i) for i in range(1, 13)) + ("AG",), label_de="Tarifzonen (Abonnement)",
       group="training", cantons=_VD),
    _f("separate_lodging", BOOL, "Logement séparé pour la formation", "Separate lodging for the training",
       "Trajet de plus d'1 h 30 ou horaires qui l'exigent ; loyer dans « Frais de logement effectifs ».",
       "Journey over 1 h 30 or timetable requiring it; rent in ‘Actual housing costs’.", "RLAEF art. 39 ; annexe 2.4",
       default=False, label_de="Separate Unterkunft für die Ausbildung", group="training", cantons=_VD),
]

# Inputs of Fribourg's model (LBPE RSF 44.1, RBPE RSF 44.11): docs/rules/FR.md §2.
_FR = ("FR",)
_FR_MODEL = [
    _f("placement_costs", AMOUNT, "Frais d'un stage obligatoire hors du canton", "Costs of a compulsory placement "
       "outside the canton", article="RBPE art. 5 al. 2 d ; annexe 1", default=0, minimum=0,
       label_de="Kosten eines Pflichtpraktikums ausserhalb des Kantons", group="resources", cantons=_FR),
    _f("paid_placement", BOOL, "Stage rémunéré obligatoire", "Compulsory paid placement",
       article="RBPE art. 26 al. 1 d2", default=False, label_de="Obligatorisches bezahltes Praktikum",
       group="training", cantons=_FR),
]

# Inputs of Jura's model (loi RSJU 416.31, ordonnance RSJU 416.311, directive RSJU 416.311.1): docs/rules/JU.md §2.
_JU = ("JU",)
_JU_MODEL = [
    _f("training_outside_canton", BOOL, "Formation suivie hors du canton", "Training outside the canton",
       "Justifie le logement et la pension hors du domicile familial.", "Justifies lodging and board away from home.",
       "OSF art. 54 al. 1", default=False, label_de="Ausbildung ausserhalb des Kantons", group="training",
       cantons=_JU),
    _f("young_child", BOOL, "Enfant jusqu'en 2e année primaire", "A child up to the 2nd primary year",
       "Pas de revenu hypothétique du conjoint ni de la personne ayant charge d'enfants.",
       "No hypothetical income of the spouse or of the student with children.", "OSF art. 62 al. 2, 63",
       default=False, label_de="Kind bis zum 2. Primarschuljahr", group="household", cantons=_JU),
]

# Inputs of Neuchâtel's model (LAF RSN 418.10, RLAF RSN 418.110, ALAF RSN 418.110.0): docs/rules/NE.md §2.
_NE = ("NE",)
_NE_MODEL = [
    _f("reference_unit", ENUM, "Unité économique de référence (UER) de la personne en formation",
       "Reference economic unit (UER) of the student",
       "UER parentale ou propre, telle que le guichet social l'a établie (RELHaCoPS) ; vide = propre si "
       "marié·e, avec enfant, ménage propre ou sans parents, sinon parentale.",
       "Parents' or own unit, as the social desk set it (RELHaCoPS); empty = own when married, with a child, own "
       "household or no parents, else the parents'.", "RLAF art. 16, 18 al. 1", values=("parental", "own"),
       value_labels_fr={"parental": "UER parentale", "own": "UER propre"},
       value_labels_en={"parental": "parents' unit", "own": "own unit"},
       value_labels_de={"parental": "Einheit der Eltern", "own": "eigene Einheit"},
       label_de="Wirtschaftliche Bezugseinheit (UER) der Person in Ausbildung", group="household", cantons=_NE),
    _f("years_domicile_canton", INT, "Années de séjour légal dans le canton", "Years of legal stay in the canton",
       "Permis B : plus de trois ans dans le canton suffisent ; séjours aux seules fins d'études non comptés.",
       "Permit B: more than three years in the canton are enough; stays for study only do not count.",
       "LAF art. 7 lit. c ; RLAF art. 5 al. 1", default=0, minimum=0,
       label_de="Jahre rechtmässigen Aufenthalts im Kanton", group="identity", cantons=_NE),
]

# Inputs of Valais' model (LBPE RS/VS 416.1, OBPE RS/VS 416.100): docs/rules/VS.md §2.
_VS = ("VS",)
_VS_MODEL = [
    _f("gross_earnings", AMOUNT, "Revenus bruts d'activité de l'année de formation (salaires, gains accessoires)",
       "Gross earnings in the training year (wages, side earnings)",
       "Revenus bruts acquis pendant l'année de formation pour laquelle l'aide est demandée ; une franchise de 30 % "
       "(au moins 6'000 francs) est déduite de l'ensemble des revenus.",
       "Gross earnings in the training year applied for; a 30 % allowance (at least 6,000 francs) is deducted from "
       "all incomes together.", article="OBPE art. 16 al. 1 a", default=0, minimum=0,
       label_de="Bruttoerwerbseinkommen im Ausbildungsjahr (Löhne, Nebenerwerb)", group="resources", cantons=_VS),
]

# Parents' inputs of the tax-based models: suffix, kind, fr, en, de, article, extra.
_PARENT_TAX_SUFFIXES = [
    ("income_total", AMOUNT, "total des revenus (taxation fiscale)", "total income (tax assessment)",
     "Total der Einkünfte (Steuerveranlagung)", "VAB § 13 Abs. 1 a ; ABV Art. 15", {"minimum": 0, "cantons": _ZB}),
    ("imputed_rent", AMOUNT, "valeur locative", "imputed rental value", "Eigenmietwert",
     "VAB § 13 Abs. 1 a Ziff. 1 ; ABV Art. 15 Abs. 6 a", {"minimum": 0, "default": 0, "cantons": _ZB}),
    ("income_addbacks", AMOUNT, "pertes immobilières et d'indépendant", "property and business losses",
     "Liegenschafts- und Geschäftsverluste", "VAB § 13 Abs. 1 a Ziff. 2-3",
     {"minimum": 0, "default": 0, "cantons": _ZH}),
    ("income_excluded", AMOUNT, "revenus non imputables (personnes en formation)", "income not counted (trainees)",
     "Nicht anrechenbare Einkünfte", "VAB § 13 Abs. 2 ; ABV Art. 15 Abs. 6 b",
     {"minimum": 0, "default": 0, "cantons": _ZB}),
    ("self_employed_pension", AMOUNT, "cotisations de prévoyance d'indépendant", "self-employed pension contributions",
     "Vorsorgebeiträge Selbständigerwerbender", "ABV Art. 15 Abs. 6 c-d",
     {"minimum": 0, "default": 0, "cantons": _BE}),
    ("supplementary_benefits", AMOUNT, "prestations complémentaires", "supplementary benefits",
     "Zusatz-/Ergänzungsleistungen", "VAB § 13 Abs. 1 b ; ABV Art. 15 Abs. 2",
     {"minimum": 0, "default": 0, "cantons": _ZB}),
    ("taxable_wealth", AMOUNT, "fortune imposable", "taxable wealth", "Steuerbares Vermögen", "ABV Art. 16 Abs. 1",
     {"minimum": 0, "default": 0, "cantons": _BE}),
    ("owner_occupied", BOOL, "logement en propriété", "owner-occupied home", "Selbstbewohnte Liegenschaft",
     "VAB Anh. 1.1.2, 1.1.4", {"default": False, "cantons": _ZH}),
    ("self_employed", BOOL, "indépendant", "self-employed", "Selbständigerwerbend", "ABV Art. 16 Abs. 1",
     {"default": False, "cantons": _BE}),
    ("recognised_deductions", AMOUNT, "déductions reconnues (§ 15 VAB)", "recognised deductions (VAB § 15)",
     "Abzüge nach § 15 VAB", "VAB § 15 a-c", {"minimum": 0, "default": 0, "cantons": _ZH}),
    ("housing_costs", AMOUNT, "frais de logement", "housing costs", "Wohnkosten", "ABV Art. 19",
     {"minimum": 0, "default": 0, "cantons": _BE}),
    ("professional_costs", AMOUNT, "frais professionnels", "professional costs", "Berufskosten", "ABV Art. 22 Abs. 2",
     {"minimum": 0, "default": 0, "cantons": _BE}),
    ("children_in_training", INT, "enfants en formation", "children in training", "Kinder in Ausbildung",
     "VAB § 16 Abs. 1 ; ABV Art. 23 Abs. 1", {"minimum": 1, "default": 1, "cantons": _ZB}),
    ("children_young_adult", INT, "dont jeunes adultes (catégorie LAMal)", "of whom young adults (KVG band)",
     "davon junge Erwachsene (KVG-Kategorie)", "VAB Anh. 2.3.2 ; ABV Anhang 1 Abs. 7 b",
     {"minimum": 0, "default": 0, "cantons": _ZB}),
    ("children_adult", INT, "dont adultes (catégorie LAMal)", "of whom adults (KVG band)",
     "davon Erwachsene (KVG-Kategorie)", "VAB Anh. 2.3.1 ; ABV Anhang 1 Abs. 7 a",
     {"minimum": 0, "default": 0, "cantons": _ZB}),
    ("health_costs", AMOUNT, "frais médicaux effectifs (primes nettes)", "actual medical costs (net premiums)",
     "Medizinische Grundversorgung (effektiv)",
     "ABV Art. 20 ; Anhang 1 Abs. 7", {"minimum": 0, "cantons": _BE}),
    # Vaud (LAEF art. 29, RLAEF art. 20-22, 34 ; annexe 1.1, 1.3)
    ("charges_zone", ENUM, "zone des charges normales (domicile)", "zone of the normal charges (domicile)",
     "Zone der Normalkosten (Wohnsitz)", "LAEF art. 29 al. 2 ; RLAEF annexe 1.1",
     {"values": _ZONES, "cantons": _VD}),
    ("dependent_children", INT, "enfants à charge (sans la personne en formation)",
     "dependent children in the household (not the student)", "Unterhaltsberechtigte Kinder im Haushalt (ohne "
     "Person in Ausbildung)", "RLAEF art. 20 al. 2, 21 al. 1 ; annexe 1.1.1", {"minimum": 0, "cantons": _VD}),
    ("taxable_income", AMOUNT, "revenu imposable (LI)", "taxable income (LI)", "Steuerbares Einkommen",
     "RLAEF art. 34 al. 4 ; annexe 1.3", {"minimum": 0, "default": 0, "cantons": _VD}),
    # Fribourg (RBPE art. 17, 20-21, 24)
    ("net_income", AMOUNT, "revenu net (code 4.910 de l'avis de taxation)", "net income (tax assessment code 4.910)",
     "Nettoeinkommen (Steuerveranlagung, Code 4.910)", "RBPE art. 17 al. 1, 3", {"minimum": 0, "cantons": _FR}),
    ("source_taxed_gross", AMOUNT, "revenu brut imposé à la source", "gross income taxed at source",
     "Quellenbesteuertes Bruttoeinkommen", "RBPE art. 17 al. 6", {"minimum": 0, "default": 0, "cantons": _FR}),
    ("family_persons", INT, "personnes de la famille (budget)", "persons in the family budget",
     "Personen im Familienbudget", "RBPE art. 19-20, 24 al. 3", {"minimum": 1, "cantons": _FR}),
    ("children_under_16", INT, "enfants de moins de 16 ans", "children under 16", "Kinder unter 16 Jahren",
     "RBPE art. 21", {"minimum": 0, "default": 0, "cantons": _FR}),
    # Jura (ordonnance art. 44, 45 al. 3, 46 al. 7)
    ("stepparent_income", AMOUNT, "dont revenu du conjoint sans lien de filiation",
     "of which income of the spouse not related to the student", "davon Einkommen des Stiefelternteils",
     "OSF art. 44", {"minimum": 0, "default": 0, "cantons": ("JU",)}),
    ("stepparent_wealth", AMOUNT, "dont fortune du conjoint sans lien de filiation",
     "of which wealth of the spouse not related to the student", "davon Vermögen des Stiefelternteils",
     "OSF art. 44", {"minimum": 0, "default": 0, "cantons": ("JU",)}),
    ("common_household", BOOL, "ménage commun (concubinage)", "common household (cohabiting)",
     "Wohngemeinschaft (Konkubinat)", "OSF art. 45 al. 3, 46 al. 7", {"default": False, "cantons": ("JU",)}),
    # Valais (OBPE art. 12, 15: the tax assessment two years before the training year, OBPE art. 6 al. 1)
    ("income_2400", AMOUNT, "revenu net avant déductions personnelles (chiffre 2400)",
     "net income before personal deductions (tax code 2400)", "Nettoeinkommen vor Sozialabzügen (Ziffer 2400)",
     "OBPE art. 12 al. 1 a ; art. 6 al. 1", {"minimum": 0, "cantons": _VS}),
    ("income_additions", AMOUNT, "ajouts au revenu : pilier 3a (jusqu'au maximum des salariés), revenus acquis à "
     "l'étranger, revenus négatifs de la fortune immobilière, rachats de prévoyance (chiffre 2100)",
     "additions to income: pillar 3a (up to the employees' maximum), income earned abroad, negative property income, "
     "pension buy-ins (tax code 2100)", "Zuschläge zum Einkommen: Säule 3a (bis zum Höchstbetrag für Arbeitnehmende), "
     "im Ausland erzielte Einkünfte, negative Liegenschaftserträge, Einkäufe in die Vorsorge (Ziffer 2100)",
     "OBPE art. 12 al. 1 b 2-5", {"minimum": 0, "default": 0, "cantons": _VS}),
    ("income_deductions", AMOUNT, "pensions alimentaires versées et prestations en capital reçues (chiffres 1010, 1020)",
     "maintenance paid and lump sums received (tax codes 1010, 1020)",
     "Bezahlte Unterhaltsbeiträge und erhaltene Kapitalleistungen (Ziffern 1010, 1020)", "OBPE art. 12 al. 1 c",
     {"minimum": 0, "default": 0, "cantons": _VS}),
    ("assets", AMOUNT, "total des actifs, fortune hors canton et à l'étranger (chiffres 3500, 4200, 4300)",
     "total assets, wealth in other cantons and abroad (tax codes 3500, 4200, 4300)",
     "Total der Aktiven, Vermögen in anderen Kantonen und im Ausland (Ziffern 3500, 4200, 4300)",
     "OBPE art. 15 al. 1", {"minimum": 0, "default": 0, "cantons": _VS}),
    ("real_estate", AMOUNT, "valeur fiscale des bâtiments et biens-fonds privés (chiffres 2920-2923)",
     "tax value of private buildings and land (tax codes 2920-2923)",
     "Steuerwert der privaten Gebäude und Grundstücke (Ziffern 2920-2923)", "OBPE art. 15 al. 1",
     {"minimum": 0, "default": 0, "cantons": _VS}),
    ("debts", AMOUNT, "dettes et déduction forfaitaire (chiffre 4000)", "debts and flat deduction (tax code 4000)",
     "Schulden und Pauschalabzug (Ziffer 4000)", "OBPE art. 15 al. 2", {"minimum": 0, "default": 0, "cantons": _VS}),
]

# The words a clerk reads in a dropdown for the domicile codes (the reader accepts code and every label).
_ABROAD = {"value_labels_fr": {"abroad": "étranger"}, "value_labels_en": {"abroad": "abroad"}}
_WHICH_PARENT = {"value_labels_fr": {"p1": "parent 1", "p2": "parent 2", "joint": "conjointe"},
                 "value_labels_en": {"p1": "parent 1", "p2": "parent 2", "joint": "joint"}}

_DOMICILE = [
    _f("p1_canton", ENUM, "Canton de domicile du parent 1", "Parent 1's canton of domicile",
       article="LBPE art. 16 al. 1 a", values=CANTONS + ("abroad",), group="domicile", **_ABROAD),
    _f("p2_canton", ENUM, "Canton de domicile du parent 2", "Parent 2's canton of domicile",
       article="LBPE art. 16 al. 1 b", values=CANTONS + ("abroad",), group="domicile", **_ABROAD),
    _f("parental_authority", ENUM, "Autorité parentale", "Parental authority", article="LBPE art. 16 al. 1 b",
       values=("p1", "p2", "joint"), group="domicile", **_WHICH_PARENT),
    _f("main_custody", ENUM, "Garde principale", "Main custody", article="LBPE art. 16 al. 1 b",
       values=("p1", "p2"), group="domicile", **_WHICH_PARENT),
    _f("canton_of_origin", ENUM, "Canton d'origine (le dernier acquis)", "Canton of origin (most recent)",
       article="LBPE art. 16 al. 2", values=CANTONS, group="domicile"),
    _f("assigned_canton", ENUM, "Canton d'attribution (réfugiés)", "Assigned canton (refugees)",
       article="LBPE art. 16 al. 4", values=CANTONS, group="domicile"),
    _f("civil_domicile", ENUM, "Canton de domicile de la personne", "Applicant's canton of domicile",
       article="LBPE art. 16 al. 3", values=CANTONS, group="domicile"),
    _f("independent_canton", ENUM, "Canton des 2 ans d'activité indépendante", "Canton of 2 years' independent work",
       article="LBPE art. 16 al. 5", values=CANTONS, group="domicile"),
]


def _parent_fields() -> list[Field]:
    out = []
    for n in (1, 2):
        for suffix, kind, fr, en, article, extra in _PARENT_SUFFIXES:
            out.append(Field(f"p{n}_{suffix}", kind, f"Parent {n} : {fr}", f"Parent {n}: {en}", article=article,
                             group="parents", **extra))
        for suffix, kind, fr, en, de, article, extra in _PARENT_TAX_SUFFIXES:
            out.append(Field(f"p{n}_{suffix}", kind, f"Parent {n} : {fr}", f"Parent {n}: {en}", article=article,
                             label_de=f"Elternteil {n}: {de}", group="parents", **extra))
    return out


# Geneva inputs the other cantons' texts do not read (docs/rules/ZH.md §2.1 and BE.md §2.1, "keys not used"):
# their templates leave them out. BE reads its own health costs (health_costs, p*_health_costs: ABV Art. 20).
_PARENTS = ("rdu", "income", "children", "in_training", "health_premiums", "taxes", "net_wealth")
_NOT_READ = {
    "ZH": {"occupants", "student_children_le10", "reconversion", "changes_of_course", "study_stay_only",
           "eu_efta_frontier_parent", "parents_abroad", "excluded_benefit", "health_premiums", "student_taxes",
           "independence", "first_training_done", "years_independent", "independent_income", "years_full_time_work",
           "loans_received", "lives_with_parents"}
          | {f"p{n}_{s}" for n in (1, 2) for s in _PARENTS if s != "net_wealth"},
    "BE": {"semesters_aided", "wealth", "student_taxes", "part_time_ratio", "student_children_le10",
           "years_independent", "independent_income", "study_stay_only", "eu_efta_frontier_parent", "parents_abroad",
           "excluded_benefit", "health_premiums", "lives_with_parents"}
          | {f"p{n}_{s}" for n in (1, 2) for s in ("rdu", "income", "net_wealth", "children", "health_premiums")},
    # Vaud (docs/rules/VD.md §2): the RDU stands for earnings, wealth and the parents' incomes (LAEF art. 22), the
    # scales for premiums and taxes (annexe 1), transport zones for the pass (annexe 2.2).
    "VD": {"occupants", "student_children_le10", "eu_efta_frontier_parent", "excluded_benefit", "earnings",
           "wealth", "health_premiums", "transport", "student_taxes", "independent_income", "years_full_time_work",
           "lives_with_parents"}
          | {f"p{n}_{s}" for n in (1, 2) for s in ("income", "net_wealth", "children", "in_training", "health_premiums",
                                                  "taxes", "children_le10", "children_gt10")},
    # Fribourg (docs/rules/FR.md §2): the tax assessment's net income, the annex's maintenance and rents.
    "FR": {"occupants", "student_children_le10", "eu_efta_frontier_parent", "excluded_benefit", "health_premiums",
           "student_taxes", "independence", "years_independent", "independent_income", "years_full_time_work",
           "lives_with_parents", "wealth", "study_stay_only", "reconversion"}
          | {f"p{n}_{s}" for n in (1, 2) for s in ("rdu", "income", "net_wealth", "children", "in_training",
                                                  "health_premiums", "children_le10", "children_gt10")},
    # Jura (docs/rules/JU.md §2): the tax assessment's revenu total and net wealth, the LP minimum vital.
    "JU": {"occupants", "eu_efta_frontier_parent", "excluded_benefit", "health_premiums", "independence",
           "independent_income", "years_full_time_work", "lives_with_parents", "parents_abroad"}
          | {f"p{n}_{s}" for n in (1, 2) for s in ("rdu", "income", "children", "in_training", "health_premiums",
                                                  "children_gt10")},
    # Neuchâtel (docs/rules/NE.md §2): the UER's RDU (RELHaCoPS) stands for the parents' incomes, the spouse's
    # income is in the own UER's RDU; the social-aid norms (RSN 831.02) stand for the household's composition.
    "NE": {"occupants", "student_children_le10", "eu_efta_frontier_parent", "excluded_benefit", "spouse_income",
           "p1_pays_alimony", "p2_pays_alimony",
           "independence", "independent_income", "years_full_time_work", "lives_with_parents"}
          | {f"p{n}_{s}" for n in (1, 2) for s in ("income", "net_wealth", "children", "in_training", "children_le10",
                                                  "children_gt10")},
}


# German labels of the fields first written for Geneva (the Zurich and Bern lists head their columns in German).
_GERMAN = {
    "years_domicile_ch": "Jahre Wohnsitz in der Schweiz",
    "refugee_or_stateless": "Anerkannte/r Flüchtling oder Staatenlose/r",
    "study_stay_only": "Aufenthalt nur zu Studienzwecken",
    "eu_efta_frontier_parent": "Grenzgänger-Elternteil (EU/EFTA) in Genf besteuert",
    "parents_abroad": "Schweizer/in mit Eltern im Ausland",
    "excluded_benefit": "Anspruch auf ALV, AHV, IV oder Steuerbefreiung",
    "reconversion": "Umschulung", "recognised": "Anerkannte Ausbildung und Ausbildungsstätte",
    "regular_semesters": "Reglementarische Ausbildungsdauer (Semester)",
    "semesters_aided": "Bereits unterstützte Semester",
    "part_time_ratio": "Studienpensum", "changes_of_course": "Ausbildungswechsel", "application_date": "Gesuchsdatum",
    "year_start": "Beginn des Ausbildungsjahres", "lives_with_parents": "Wohnt bei den Eltern",
    "occupants": "Personen in der Wohnung", "student_children_le10": "davon 10-jährig oder jünger",
    "married": "Verheiratet oder eingetragene Partnerschaft", "spouse_income": "Einkommen des Ehegatten",
    "alimony": "Erhaltene Unterhaltsbeiträge", "pensions": "Renten der Sozialversicherungen",
    "wealth": "Deklariertes Reinvermögen", "health_premiums": "Krankenkassenprämien",
    "transport": "Verkehrsabonnement",
    "student_taxes": "Kantonssteuern der Person in Ausbildung", "independence": "Finanzielle Unabhängigkeit",
    "first_training_done": "Erstausbildung abgeschlossen", "years_independent": "Jahre finanzieller Unabhängigkeit",
    "independent_income": "Jährliches Nettoeinkommen während der Unabhängigkeit",
    "years_full_time_work": "Jahre Vollzeiterwerbstätigkeit", "loans_received": "Bereits erhaltene Darlehen",
    "parents": "Situation der Eltern", "p1_canton": "Wohnsitzkanton Elternteil 1",
    "p2_canton": "Wohnsitzkanton Elternteil 2",
    "parental_authority": "Elterliche Sorge", "main_custody": "Hauptsächliche Obhut",
    "canton_of_origin": "Heimatkanton (zuletzt erworben)", "assigned_canton": "Zuweisungskanton (Flüchtlinge)",
    "civil_domicile": "Wohnsitzkanton der Person",
    "independent_canton": "Kanton der 2 Jahre selbständiger Erwerbstätigkeit",
}
_GERMAN_PARENT = {
    "rdu": "RDU (Genf)", "income": "Einkommen (ohne RDU)", "net_wealth": "Reinvermögen",
    "adults": "Erwachsene im Haushalt",
    "children_le10": "Kinder 10-jährig oder jünger im Haushalt", "children_gt10": "Kinder über 10 Jahre im Haushalt",
    "children": "Anzahl Kinder insgesamt", "in_training": "Personen in Ausbildung im Haushalt",
    "health_premiums": "Krankenkassenprämien", "taxes": "Steuern",
    "pays_alimony": "Zahlt gerichtlich festgelegten Unterhalt",
}


# German value labels of the enums a clerk types in words (codes such as cantons and permits are the same).
_GERMAN_VALUES = {
    "programme_kind": {
        "preparatory": "Vorbereitungskurs, Passerelle", "initial_sec2": "Erstausbildung Sekundarstufe II",
        "tertiary_b": "Tertiärstufe B (höhere Berufsbildung)", "bachelor": "Erster Bachelor",
        "second_sec2_higher": "Zweitausbildung Sek. II auf höherer Stufe", "second_sec2": "Andere Zweitausbildung Sek. II",
        "second_bachelor": "Zweiter Bachelor", "master": "Master", "doctorate": "Doktorat", "mas": "MAS",
        "continuing_education": "Weiterbildung", "language_stay": "Sprachaufenthalt",
        "compulsory": "Obligatorische Schule", "adult_secondary_i": "Sekundarstufe I für Erwachsene"},
    "level": {"secondary_ii": "Sekundarstufe II", "tertiary": "Tertiärstufe", "secondary_i_adult": "Sekundarstufe I"},
    "housing": {"parents": "bei den Eltern", "lease": "Mietvertrag", "household": "eigener Haushalt"},
    "parents": {"together": "zusammen", "apart": "getrennt", "none": "keine"},
    "independence": {"none": "keine", "partial": "teilweise", "full": "vollständig"},
    "parental_authority": {"p1": "Elternteil 1", "p2": "Elternteil 2", "joint": "gemeinsam"},
    "main_custody": {"p1": "Elternteil 1", "p2": "Elternteil 2"},
    "permit": {"none": "keine"},
    "p1_canton": {"abroad": "Ausland"}, "p2_canton": {"abroad": "Ausland"},
}


def _german(f: Field) -> Field:
    if f.key in _GERMAN_VALUES and not f.value_labels_de:
        f = replace(f, value_labels_de=_GERMAN_VALUES[f.key])
    if f.label_de:
        return f
    if f.key in _GERMAN:
        return replace(f, label_de=_GERMAN[f.key])
    n, _, suffix = f.key.partition("_")
    if n in ("p1", "p2") and suffix in _GERMAN_PARENT:
        return replace(f, label_de=f"Elternteil {n[1]}: {_GERMAN_PARENT[suffix]}")
    return f


# Fields first written for another canton that Fribourg's model reads too (docs/rules/FR.md §2.1).
_ALSO_READ_BY_FR = {
    "own_household_reason", "other_income", "taxable_wealth", "training_costs", "meals_out", "housing_costs",
    "apprenticeship", "cohabiting_partner", "common_child", "duration_months", "years_in_training", "loans_received",
} | {f"p{n}_{s}" for n in (1, 2) for s in ("taxes", "adults", "income_addbacks", "taxable_wealth",
                                         "children_in_training")}

# Fields first written for another canton that Vaud's model reads too (docs/rules/VD.md §2.1).
_ALSO_READ_BY_VD = {
    "own_household_reason", "other_income", "part_time_special_reasons", "years_in_training", "meals_out",
    "housing_costs", "first_training_done", "years_independent", "independence", "loans_received",
} | {f"p{n}_{s}" for n in (1, 2) for s in ("rdu", "adults", "children_in_training", "children_young_adult",
                                         "children_adult", "taxable_wealth")}


# Fields first written for another canton that Jura's model reads too (docs/rules/JU.md §2.1).
_ALSO_READ_BY_JU = {
    "study_stay_only", "semesters_aided", "part_time_ratio", "changes_of_course", "reconversion", "earnings",
    "wealth", "transport", "student_taxes", "first_training_done", "years_independent", "loans_received",
    "own_household_reason", "cohabiting_partner", "common_child", "housing_costs", "other_income", "training_costs",
    "meals_out", "part_time_special_reasons", "duration_months", "years_in_training", "training_start",
    "student_children_le10",
} | {f"p{n}_{s}" for n in (1, 2) for s in ("income_total", "imputed_rent", "income_addbacks", "income_excluded",
                                         "supplementary_benefits", "owner_occupied", "recognised_deductions",
                                         "housing_costs", "children_in_training", "net_wealth", "taxes",
                                         "dependent_children", "children_le10")}


# Jura's articles for the fields its model reads (docs/rules/JU.md §2): appended to each field's citation, so that the
# JU forms cite LSF/OSF/DSF (the other cantons' forms keep only their own laws' parts).
_JU_ARTICLES = {
    "birth_date": "OSF art. 36, 48, 59 ; DSF art. 6, 8-9", "nationality": "LSF art. 10 al. 1",
    "permit": "LSF art. 10 al. 1 d-e", "years_domicile_ch": "LSF art. 10 al. 1 e",
    "refugee_or_stateless": "LSF art. 10 al. 1 f", "study_stay_only": "LSF art. 10 al. 2",
    "aid_domicile": "LSF art. 11 ; OSF art. 8", "programme_kind": "LSF art. 13, 18, 25",
    "level": "OSF art. 36 ; DSF art. 4", "reconversion": "LSF art. 18 a, 20 al. 3 ; OSF art. 15, 24",
    "recognised": "LSF art. 13-14", "regular_semesters": "LSF art. 19 ; OSF art. 20",
    "semesters_aided": "LSF art. 19 ; OSF art. 21-22", "part_time_ratio": "LSF art. 17 ; OSF art. 14",
    "part_time_special_reasons": "LSF art. 17 al. 2 ; DSF art. 9 al. 2", "changes_of_course": "OSF art. 23",
    "application_date": "OSF art. 65", "year_start": "LSF art. 30 ; OSF art. 66",
    "duration_months": "OSF art. 20 al. 2", "years_in_training": "LSF art. 20",
    "training_start": "LSF art. 22 ; OSF art. 24", "housing": "OSF art. 54",
    "student_children": "OSF art. 36 al. 3, 48 d, 56", "student_children_le10": "OSF art. 45, 56",
    "married": "OSF art. 3 a, 38 al. 2, 48 c", "cohabiting_partner": "OSF art. 3 a",
    "common_child": "OSF art. 3 a", "earnings": "OSF art. 59", "spouse_income": "OSF art. 62",
    "alimony": "OSF art. 40 c", "pensions": "OSF art. 40 c", "other_income": "OSF art. 58",
    "wealth": "OSF art. 64", "transport": "OSF art. 52", "student_taxes": "OSF art. 41 al. 1 a, 56",
    "first_training_done": "OSF art. 48 b, 54 al. 1", "years_independent": "OSF art. 3 b, 48 b, 54 al. 1",
    "loans_received": "OSF art. 30 al. 2", "parents": "OSF art. 38", "own_household_reason": "OSF art. 54 al. 2",
    "housing_costs": "OSF art. 54 al. 3 ; DSF art. 7", "training_costs": "OSF art. 51 ; DSF art. 4 al. 2",
    "meals_out": "OSF art. 53 ; DSF art. 5", "p1_canton": "LSF art. 11 al. 1 a, al. 2",
    "p2_canton": "LSF art. 11 al. 1 a, al. 2", "parental_authority": "LSF art. 11 al. 2",
    "main_custody": "LSF art. 11 al. 2", "canton_of_origin": "LSF art. 11 al. 1 b, al. 3",
    "assigned_canton": "LSF art. 11 al. 1 c", "civil_domicile": "LSF art. 11 al. 1 c-d",
    "independent_canton": "LSF art. 11 al. 1 e",
    **{f"p{n}_{s}": a for n in (1, 2) for s, a in {
        "adults": "OSF art. 45-46", "dependent_children": "OSF art. 3 e, 45 al. 2, 46 al. 6",
        "children_le10": "OSF art. 45", "children_in_training": "OSF art. 48 e", "pays_alimony": "OSF art. 38 al. 3",
        "income_total": "OSF art. 32, 39-40", "imputed_rent": "OSF art. 40 f", "income_addbacks": "OSF art. 40 a, d-e, h",
        "income_excluded": "OSF art. 40 g", "supplementary_benefits": "OSF art. 40 b", "net_wealth": "OSF art. 43",
        "taxes": "OSF art. 41 al. 1 a", "housing_costs": "OSF art. 46", "owner_occupied": "OSF art. 46 al. 3 ; DSF art. 3",
        "recognised_deductions": "OSF art. 41 al. 2"}.items()},
}

# Fields first written for another canton that Valais' model reads too (docs/rules/VS.md §2.1).
_ALSO_READ_BY_VS = {
    "study_stay_only", "parents_abroad", "semesters_aided", "part_time_ratio", "reconversion", "first_training_done",
    "years_independent", "years_full_time_work", "loans_received", "transport", "own_household_reason",
    "cohabiting_partner", "common_child", "housing_costs", "other_income", "taxable_wealth", "training_costs",
    "meals_out", "duration_months", "training_start", "spouse_income",
} | {f"p{n}_{s}" for n in (1, 2) for s in ("children_in_training", "dependent_children", "source_taxed_gross",
                                         "pays_alimony")}


# Fields first written for another canton that Neuchâtel's model reads too (docs/rules/NE.md §2.1).
_ALSO_READ_BY_NE = {
    "student_rdu", "separate_lodging", "housing_costs", "training_costs", "meals_out", "other_income",
    "part_time_special_reasons", "training_start", "apprenticeship", "first_training_done", "years_independent",
    "loans_received",
} | {f"p{n}_{s}" for n in (1, 2) for s in ("rdu", "adults", "dependent_children", "children_in_training",
                                         "taxable_wealth", "housing_costs", "supplementary_benefits")}

# The NE articles of the fields Neuchâtel's model reads (cited on its forms; another canton's form drops them).
_NE_ARTICLES = {
    "birth_date": "LAF art. 12 ; RLAF art. 12, 32 al. 2", "nationality": "LAF art. 7",
    "permit": "LAF art. 7 lit. c-d", "years_domicile_ch": "LAF art. 7 lit. c", "refugee_or_stateless": "LAF art. 7 lit. d",
    "study_stay_only": "RLAF art. 5 al. 1", "parents_abroad": "LAF art. 7 lit. b, 8 al. 1 lit. b",
    "aid_domicile": "LAF art. 8", "programme_kind": "LAF art. 10, 15, 22 ; RLAF art. 8-10, 48", "level": "LAF art. 15",
    "reconversion": "LAF art. 10 al. 4 ; RLAF art. 10-11", "recognised": "LAF art. 13-14 ; RLAF art. 13",
    "regular_semesters": "LAF art. 9 al. 1 ; RLAF art. 6", "semesters_aided": "LAF art. 9 al. 1 ; RLAF art. 6 al. 1",
    "part_time_ratio": "LAF art. 17 al. 2", "part_time_special_reasons": "LAF art. 17 al. 2",
    "changes_of_course": "LAF art. 9 al. 2-3 ; RLAF art. 7", "application_date": "RLAF art. 55",
    "year_start": "RLAF art. 55", "training_start": "LAF art. 12 ; RLAF art. 12 al. 2",
    "apprenticeship": "RLAF art. 36 ; ALAF art. 5", "separate_lodging": "RLAF art. 31, 40 ; ALAF art. 4",
    "housing": "RLAF art. 16", "student_children": "LAF art. 21 al. 2", "married": "RLAF art. 16",
    "earnings": "RLAF art. 36-37 ; ALAF art. 3", "alimony": "RLAF art. 35 al. 2", "pensions": "RLAF art. 35 al. 2",
    "wealth": "RLAF art. 29 al. 2, 38", "health_premiums": "RLAF art. 26", "transport": "RLAF art. 43",
    "student_taxes": "RLAF art. 27, 41", "housing_costs": "RLAF art. 25, 40 al. 3 ; ALAF art. 4",
    "other_income": "RLAF art. 46", "training_costs": "RLAF art. 44 ; ALAF art. 6",
    "meals_out": "RLAF art. 42 ; ALAF art. 5", "first_training_done": "LAF art. 20 al. 2 lit. b",
    "years_independent": "LAF art. 20 al. 2 lit. b", "loans_received": "RLAF art. 49 al. 2",
    "parents": "RLAF art. 16, 19 al. 2", "student_rdu": "RLAF art. 18, 21, 34",
} | {f"p{n}_{s}": article for n in (1, 2) for s, article in (
    ("rdu", "RLAF art. 18-19, 21"), ("adults", "RLAF art. 30"), ("health_premiums", "RLAF art. 26"),
    ("taxes", "RLAF art. 27"), ("supplementary_benefits", "RLAF art. 19 al. 1"), ("taxable_wealth", "RLAF art. 29"),
    ("housing_costs", "RLAF art. 25"), ("children_in_training", "RLAF art. 20"),
    ("dependent_children", "RLAF art. 29 al. 1 ; ALAF art. 2"))}


def _geneva_first(fields: list[Field]) -> list[Field]:
    """Tag the Geneva fields another canton does not read with the cantons that do."""
    out = []
    for f in fields:
        if not f.cantons and any(f.key in keys for keys in _NOT_READ.values()):
            f = replace(f, cantons=("GE",) + tuple(c for c, keys in _NOT_READ.items() if f.key not in keys))
        if f.cantons and f.key in _ALSO_READ_BY_VD and "VD" not in f.cantons:
            f = replace(f, cantons=f.cantons + ("VD",))
        if f.cantons and f.key in _ALSO_READ_BY_FR and "FR" not in f.cantons:
            f = replace(f, cantons=f.cantons + ("FR",))
        if f.cantons and f.key in _ALSO_READ_BY_JU and "JU" not in f.cantons:
            f = replace(f, cantons=f.cantons + ("JU",))
        if f.key in _JU_ARTICLES and "OSF" not in f.article and "LSF" not in f.article:
            f = replace(f, article=f"{f.article} ; {_JU_ARTICLES[f.key]}" if f.article else _JU_ARTICLES[f.key])
        if f.cantons and f.key in _ALSO_READ_BY_NE and "NE" not in f.cantons:
            f = replace(f, cantons=f.cantons + ("NE",))
        if f.key in _NE_ARTICLES and f.used_by("NE"):
            f = replace(f, article=f"{f.article} ; {_NE_ARTICLES[f.key]}" if f.article else _NE_ARTICLES[f.key])
        if f.cantons and f.key in _ALSO_READ_BY_VS and "VS" not in f.cantons:
            f = replace(f, cantons=f.cantons + ("VS",))
        out.append(f)
    return out


FIELDS: tuple[Field, ...] = tuple(map(_german, _geneva_first(_STUDENT + _TAX_MODELS + _VD_MODEL + _FR_MODEL + _JU_MODEL + _NE_MODEL
                                                             + _VS_MODEL + _parent_fields()
                                                             + _DOMICILE)))
BY_KEY: dict[str, Field] = {f.key: f for f in FIELDS}
KEYS: tuple[str, ...] = tuple(BY_KEY)

# Outputs of xladdin.assess, in the order of spec §5.
OUTPUT_COLUMNS = ("applicant_id", "eligible", "reasons", "independence", "parents_share", "needs", "resources",
                  "shortfall", "cap", "bursary", "loan", "aid", "entitlement_semesters", "rules")
OUTPUT_AMOUNTS = ("parents_share", "needs", "resources", "shortfall", "cap", "bursary", "loan", "aid")
OUTPUT_LABELS = {
    "applicant_id": ("N° de dossier", "File number"),
    "eligible": ("Éligible", "Eligible"),
    "reasons": ("Motifs", "Reasons"),
    "independence": ("Indépendance", "Independence"),
    "parents_share": ("Part des parents", "Parents' share"),
    "needs": ("Besoins reconnus", "Recognised needs"),
    "resources": ("Ressources", "Resources"),
    "shortfall": ("Découvert", "Shortfall"),
    "cap": ("Plafond", "Cap"),
    "bursary": ("Bourse", "Bursary"),
    "loan": ("Prêt", "Loan"),
    "aid": ("Aide totale", "Total aid"),
    "entitlement_semesters": ("Semestres de droit", "Entitlement (semesters)"),
    "rules": ("Règles", "Rules"),
}


def _fold(text: str) -> str:
    """Header comparison key: lower case, no accents, no punctuation or spaces."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text.lower())


_HEADER_INDEX: dict[str, str] = {}
for _field in FIELDS:
    for _name in (_field.key, _field.label_fr, _field.label_en, _field.label_de):
        if _name:
            _HEADER_INDEX.setdefault(_fold(_name), _field.key)


def fields_for(canton: str | None) -> tuple[Field, ...]:
    """The fields a canton's rule sets read (all fields when ``canton`` is None)."""
    return FIELDS if canton is None else tuple(f for f in FIELDS if f.used_by(canton))


def resolve_header(name: object) -> str | None:
    """The schema key a column header stands for (its key, or its French/English/German label), else None."""
    if name is None:
        return None
    try:
        return _resolve_folded(name)
    except TypeError:                       # an unhashable header: folded without the memo
        return _HEADER_INDEX.get(_fold(name))


@functools.lru_cache(maxsize=4096, typed=True)      # typed: the headers 1, 1.0 and True fold differently
def _resolve_folded(name: object) -> str | None:
    """:func:`resolve_header`, remembered: a row of per-row formulas resolves the same 60 headers each call."""
    return _HEADER_INDEX.get(_fold(name))


OUTPUT_LABELS_DE = {
    "applicant_id": "Dossiernummer", "eligible": "Berechtigt", "reasons": "Gründe", "independence": "Unabhängigkeit",
    "parents_share": "Elternanteil", "needs": "Anerkannte Kosten", "resources": "Anrechenbare Einnahmen",
    "shortfall": "Fehlbetrag", "cap": "Höchstbetrag", "bursary": "Stipendium", "loan": "Darlehen",
    "aid": "Ausbildungsbeitrag total", "entitlement_semesters": "Anspruchsdauer (Semester)", "rules": "Regelwerk",
}


def output_label(key: str, lang: str = "fr") -> str:
    if lang == "de":
        return OUTPUT_LABELS_DE[key]
    fr, en = OUTPUT_LABELS[key]
    return en if lang == "en" else fr
