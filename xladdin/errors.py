"""Errors a user can cause, with messages in French (first) and English; German in :mod:`xladdin.errors_de`.

User mistakes never surface as tracebacks: faces catch :class:`XladdinError` and print its message.
"""

from __future__ import annotations

from contextlib import contextmanager

try:  # typer >= 0.20 vendors click; its command runner only recognises its own ClickException
    from typer._click.exceptions import ClickException
except ImportError:  # pragma: no cover - older typer uses click itself
    try:
        from click import ClickException
    except ImportError:  # base install (xlwings Lite, LibreOffice Calc): no command line, messages go to cells

        class ClickException(Exception):
            """Stands in for click's exception where the command line is not installed."""

            exit_code = 1

            def __init__(self, message: str):
                super().__init__(message)
                self.message = message

            def __str__(self) -> str:
                return self.message

MESSAGES: dict[str, tuple[str, str]] = {
    "file_missing": ("fichier introuvable : {path}", "file not found: {path}"),
    "file_empty": ("le fichier est vide : {path}", "the file is empty: {path}"),
    "file_too_large": ("fichier trop volumineux : {path} ({size}, au-delà de la limite de {limit} ; option "
                       "--max-file-mb ou variable XLADDIN_MAX_FILE_MB)", "file too large: {path} ({size_en}, beyond "
                       "the limit of {limit_en}; option --max-file-mb or variable XLADDIN_MAX_FILE_MB)"),
    "file_format": ("format de fichier non pris en charge « {suffix} » : {path} (attendu .csv, .xlsx, .xls, .ods, .parquet)",
                    "unsupported file format '{suffix}': {path} (expected .csv, .xlsx, .xls, .ods, .parquet)"),
    "file_encoding": ("encodage illisible : {path}", "unreadable encoding: {path}"),
    "file_binary": ("ce fichier n'est pas un texte CSV : {path}", "this file is not CSV text: {path}"),
    "file_corrupt": ("classeur illisible ou endommagé : {path} ({detail})",
                     "unreadable or damaged workbook: {path} ({detail})"),
    "file_bomb": ("classeur refusé : {path} se décompresserait en {size} (limite {limit}, variable "
                  "XLADDIN_MAX_UNPACKED_MB) — bombe de décompression probable", "workbook refused: {path} would "
                  "unpack to {size_en} (limit {limit_en}, variable XLADDIN_MAX_UNPACKED_MB) — probable "
                  "decompression bomb"),
    "file_bomb_ratio": ("classeur refusé : {part} de {path} se décompresserait en {size} à partir de {packed} "
                        "(rapport {ratio}:1, au-delà de {max_ratio}:1) — bombe de décompression probable",
                        "workbook refused: {part} of {path} would unpack to {size_en} from {packed_en} (ratio "
                        "{ratio}:1, beyond {max_ratio}:1) — probable decompression bomb"),
    "file_xml_dtd": ("classeur refusé : {path} déclare une DTD dans {part} (entités XML : attaque « billion "
                     "laughs » ou entité externe probable ; un classeur Excel ou LibreOffice n'en contient pas)",
                     "workbook refused: {path} declares a DTD in {part} (XML entities: probable billion laughs or "
                     "external entity attack; Excel and LibreOffice workbooks have none)"),
    "file_no_rows": ("aucune ligne de données sous l'en-tête : {path}", "no data row below the header: {path}"),
    "csv_unreadable": ("fichier CSV illisible : {path} ({detail})", "unreadable CSV file: {path} ({detail})"),
    "too_many_columns": ("le fichier {path} compte {columns} colonnes, au-delà de la limite de {limit} (option "
                         "--max-columns ou variable XLADDIN_MAX_COLUMNS)", "{path} has {columns} columns, beyond "
                         "the limit of {limit} (option --max-columns or variable XLADDIN_MAX_COLUMNS)"),
    "too_many_cells": ("le fichier {path} compte {cells} cellules{shape}, au-delà de la limite de {limit} (option "
                       "--max-cells ou variable XLADDIN_MAX_TABLE_CELLS)", "{path} has {cells} cells{shape_en}, "
                       "beyond the limit of {limit} (option --max-cells or variable XLADDIN_MAX_TABLE_CELLS)"),
    "bad_limit": ("limite invalide pour {option} : « {value} » (attendu un nombre positif)",
                  "invalid limit for {option}: '{value}' (expected a positive number)"),
    "yaml_too_large": ("fichier YAML trop volumineux : {path} ({size}, au-delà de la limite de {limit})",
                       "YAML file too large: {path} ({size_en}, beyond the limit of {limit_en})"),
    "yaml_too_deep": ("fichier YAML refusé : {path} imbrique plus de {limit} niveaux (ligne {line})",
                      "YAML file refused: {path} nests more than {limit} levels (line {line})"),
    "yaml_too_many_nodes": ("fichier YAML refusé : {path} compterait plus de {limit} éléments une fois ses alias "
                            "(*nom) développés — bombe d'alias probable ; écrivez les valeurs sans &ancre ni *alias",
                            "YAML file refused: {path} would hold more than {limit} nodes once its aliases (*name) "
                            "are expanded — probable alias bomb; write the values without &anchors or *aliases"),
    "rules_file_invalid": ("jeu de règles {path} invalide : {detail}", "invalid rule set {path}: {detail}"),
    "whatif_no_parameter": ("aucun paramètre à faire varier (une ligne : nom pointé puis valeurs)",
                            "no parameter to vary (one row: dotted name, then values)"),
    "file_no_sheet": ("le classeur ne contient aucune feuille : {path}", "the workbook has no sheet: {path}"),
    "file_no_header": ("aucune ligne d'en-tête trouvée : {path}", "no header row found: {path}"),
    "sheet_missing": ("feuille « {sheet} » absente de {path} (feuilles : {sheets})",
                      "sheet '{sheet}' not in {path} (sheets: {sheets})"),
    "too_many_rows": ("le fichier {path} compte {rows} lignes de données{where}, au-delà de la limite de {limit} "
                      "(option --max-rows ou variable XLADDIN_MAX_ROWS)", "{path} has {rows} data rows{where_en}, "
                      "beyond the limit of {limit} (option --max-rows or variable XLADDIN_MAX_ROWS)"),
    "duplicate_header": ("en-tête en double « {header} » dans {path}", "duplicate header '{header}' in {path}"),
    "output_is_input": ("le fichier de sortie ne peut pas être le fichier d'entrée : {path}",
                        "the output file cannot be the input file: {path}"),
    "output_format": ("format de sortie non pris en charge : {path} (attendu .csv, .xlsx ou .parquet)",
                      "unsupported output format: {path} (expected .csv, .xlsx or .parquet)"),
    "report_format": ("le rapport doit être un classeur .xlsx : {path}", "the report must be an .xlsx workbook: {path}"),
    "report_too_many_rows": (
        "{rows} lignes : plus qu'une feuille .xlsx n'en contient ({limit}) ; pour une liste aussi longue, écrivez "
        "les résultats en CSV ou Parquet (xladdin assess liste.csv --out resultats.parquet)",
        "{rows} rows: more than an .xlsx sheet holds ({limit}); for a list this long, write the results as CSV or "
        "Parquet (xladdin assess list.csv --out results.parquet)"),
    "template_kind": ("modèle inconnu « {kind} » (disponibles : {available})",
                      "unknown template '{kind}' (available: {available})"),
    "template_lang": ("langue non prise en charge « {lang} » (fr ou en ; de pour intake et applicants)",
                      "unsupported language '{lang}' (fr or en; de for intake and applicants)"),
    "unknown_rules": ("jeu de règles inconnu « {rules} » (disponibles : {available})",
                      "unknown rule set '{rules}' (available: {available})"),
    "explain_one_row": ("l'explication porte sur un dossier : le fichier en contient {rows} (choisissez-le avec --id)",
                        "an explanation is of one applicant: the file holds {rows} (pick one with --id)"),
    "bad_reference_date": ("date de référence illisible « {value} » (attendu jj.mm.aaaa ou aaaa-mm-jj)",
                           "unreadable reference date '{value}' (expected dd.mm.yyyy or yyyy-mm-dd)"),
    "no_rules_in_force": ("aucun jeu de règles {canton} en vigueur au {date}",
                          "no {canton} rule set in force on {date}"),
    "parameter_missing": ("{rules} : le montant « {name} » ({article}) manque au texte détenu ({note}) ; ce dossier en "
                          "dépend et n'est pas calculé — donnez le montant (what-if) ou complétez le jeu de règles",
                          "{rules}: the amount '{name}' ({article}) is not in the text held ({note}); this applicant "
                          "depends on it and is not assessed — give the amount (what-if) or complete the rule set"),
    "parameters_missing": ("{rules} : les montants {names} ({articles}) manquent au texte détenu ({notes}) ; ce "
                           "dossier en dépend et n'est pas calculé — donnez ces montants (what-if) ou complétez le jeu "
                           "de règles",
                           "{rules}: the amounts {names} ({articles}) are not in the text held ({notes}); this "
                           "applicant depends on them and is not assessed — give the amounts (what-if) or complete "
                           "the rule set"),
    "alias_parameter": ("{name} reprend la valeur de {target} (le même montant de la loi) : faites varier {target}",
                        "{name} takes the value of {target} (the same amount in the law): vary {target}"),
    "unknown_parameter": ("paramètre inconnu « {name} » dans {rules}", "unknown parameter '{name}' in {rules}"),
    "parameter_out_of_range": ("valeur refusée pour {name} : « {value} » (attendu {expected})",
                               "value refused for {name}: '{value}' (expected {expected_en})"),
    "bad_parameter_value": ("valeur invalide pour {name} : « {value} »", "invalid value for {name}: '{value}'"),
    "applicant_not_found": ("dossier « {applicant_id} » introuvable dans {path}",
                            "file number '{applicant_id}' not found in {path}"),
    "no_rows": ("le tableau ne contient aucune ligne", "the table has no rows"),
    # Credit checks (xladdin.credits)
    "credits_unknown_catalogue": ("catalogue inconnu « {catalogue} » (livrés : {available} ; ou un fichier .yaml, "
                                  ".csv, .xlsx)", "unknown catalogue '{catalogue}' (shipped: {available}; or a "
                                  ".yaml, .csv, .xlsx file)"),
    "credits_catalogue_invalid": ("catalogue {path} invalide, {where} : {detail}",
                                  "invalid catalogue {path}, {where}: {detail}"),
    "credits_missing_columns": ("colonnes manquantes dans {path} : {columns} (colonnes connues : {expected})",
                                "missing columns in {path}: {columns} (known columns: {expected})"),
    "credits_bad_input": ("{what} : attendu un fichier, un tableau ou une liste de lignes, reçu {kind}",
                          "{what}: expected a file, a table or a list of rows, got {kind}"),
    "credits_bad_number": ("{name} : nombre illisible « {value} »", "{name}: unreadable number '{value}'"),
    "credits_out_of_range": ("{name} hors limites : « {value} » (attendu {expected})",
                             "{name} out of range: '{value}' (expected {expected})"),
    "part_time_reason_needed": ("taux d'études {ratio} : indiquez le motif du temps partiel (professionnel, familial, "
                                "santé ou autre ; seuls les trois premiers prolongent la durée, LBPE art. 14 al. 4)",
                                "study load {ratio}: give the reason for part time (professional, family, health or "
                                "other; only the first three lengthen the duration, LBPE art. 14 al. 4)"),
    "credits_part_time_reason": ("part_time_reason : {detail}", "part_time_reason: {detail}"),
    "credits_length_mismatch": ("{a} et {b} n'ont pas la même longueur ({n} et {m})",
                                "{a} and {b} differ in length ({n} and {m})"),
    "credits_unknown_diploma": ("diplôme « {diploma} » absent du tableau d'accès de {programme} (entrées : "
                                "{available})", "diploma '{diploma}' is not in the access table of {programme} "
                                "(entries: {available})"),
    # Excel faces (xladdin.excel)
    "xlwings_licence": ("licence xlwings PRO absente ou invalide ({detail}) : XLWINGS_LICENSE_KEY=noncommercial pour "
                        "les administrations publiques et l'enseignement (PolyForm Noncommercial), sinon une clé "
                        "commerciale (xlwings.org)",
                        "missing or invalid xlwings PRO licence ({detail}): XLWINGS_LICENSE_KEY=noncommercial for "
                        "public administrations and education (PolyForm Noncommercial), otherwise a commercial "
                        "key (xlwings.org)"),
    "excel_too_many_cells": ("plage trop grande : {cells} cellules (limite {limit}) ; découpez le tableau",
                             "range too large: {cells} cells (limit {limit}); split the table"),
    "excel_layout": ("dossier illisible : attendu 2 lignes (en-têtes + valeurs) ou 2 colonnes (libellés + valeurs), "
                     "reçu {rows} × {cols}",
                     "unreadable applicant: expected 2 rows (headers + values) or 2 columns (labels + values), "
                     "got {rows} × {cols}"),
    "excel_no_header": ("aucun en-tête reconnu dans la première ligne (attendu les clés ou libellés du schéma, "
                        "p. ex. « applicant_id » ou « N° de dossier »)",
                        "no known header in the first row (expected schema keys or labels, e.g. 'applicant_id' "
                        "or 'File number')"),
    "excel_empty": ("plage vide : {what}", "empty range: {what}"),
    "excel_bad_number": ("{name} : nombre illisible « {value} »", "{name}: unreadable number '{value}'"),
    "excel_out_of_range": ("{name} hors limites : « {value} » (attendu entre {low} et {high})",
                           "{name} out of range: '{value}' (expected between {low} and {high})"),
    "excel_bad_choice": ("{name} : valeur inconnue « {value} » (attendu : {allowed})",
                         "{name}: unknown value '{value}' (expected: {allowed})"),
    "excel_shape": ("{name} : {expected}, reçu {rows} × {cols}", "{name}: {expected_en}, got {rows} × {cols}"),
    "serve_token": ("jeton d'accès absent ou trop court (au moins {min} caractères) : définissez XLADDIN_TOKEN ou "
                    "--token, p. ex. python -c \"import secrets; print(secrets.token_urlsafe(32))\"",
                    "access token missing or too short (at least {min} characters): set XLADDIN_TOKEN or --token, "
                    "e.g. python -c \"import secrets; print(secrets.token_urlsafe(32))\""),
    "serve_public_url": ("adresse publique invalide « {url} » (attendu https://hôte[:port][/chemin], sans "
                         "utilisateur, requête ni fragment)", "invalid public URL '{url}' (expected "
                         "https://host[:port][/path], without user, query or fragment)"),
    # What-if tables and goal seek (xladdin.whatif)
    "whatif_bad_vary": ("--vary attend PARAM=V1,V2,... ou PARAM=DÉBUT:FIN:PAS, reçu « {spec} »",
                        "--vary expects PARAM=V1,V2,... or PARAM=START:STOP:STEP, got '{spec}'"),
    "whatif_bad_range": ("plage vide ou pas nul dans « {spec} »", "empty range or zero step in '{spec}'"),
    "whatif_duplicate_param": ("paramètre varié deux fois : {name}", "parameter varied twice: {name}"),
    "whatif_too_many": ("trop de scénarios : {count} (limite {limit})", "too many scenarios: {count} (limit {limit})"),
    "whatif_several_rulesets": ("les dossiers relèvent de plusieurs jeux de règles {rules} ({ids}) : choisissez-en un "
                                "avec --rules", "the applicants fall under several {rules} rule sets ({ids}): choose "
                                "one with --rules"),
    "whatif_scenarios_bad_row": ("{path}, ligne {line}, colonne « {column} » : valeurs illisibles « {value} » pour "
                                 "{name} ; saisir des valeurs séparées par « ; » (15000; 16000) ou une plage "
                                 "DÉBUT:FIN:PAS (15000:17000:1000)", "{path}, line {line}, column '{column}': "
                                 "unreadable values '{value}' for {name}; type values separated by ';' (15000; "
                                 "16000) or a range START:STOP:STEP (15000:17000:1000)"),
    "whatif_scenarios_no_table": ("{path} : aucun tableau des paramètres (colonnes « Paramètre » et « Scénario ») ; "
                                  "partir du modèle « xladdin template whatif »", "{path}: no parameters table "
                                  "(columns 'Parameter' and 'Scenario'); start from 'xladdin template whatif'"),
    "whatif_scenarios_empty": ("{path} : aucune valeur dans la colonne « Scénario » ; y saisir les valeurs à tester "
                               "sur la ligne du paramètre", "{path}: no value in the 'Scenario' column; type the "
                               "values to test on the parameter's row"),
    "whatif_no_vary": ("aucun scénario : --vary PARAM=VALEURS ou --scenarios FICHIER.xlsx",
                       "no scenario: --vary PARAM=VALUES or --scenarios FILE.xlsx"),
    "amount_out_of_range": ("montant hors limites « {value} » (attendu entre {low} et {high})",
                            "amount out of range '{value}' (expected between {low} and {high})"),
    "bad_amount": ("montant illisible « {value} »", "unreadable amount '{value}'"),
    "goalseek_not_numeric": ("{name} n'est pas numérique (valeur « {value} ») : recherche impossible",
                             "{name} is not numeric (value '{value}'): cannot seek it"),
    "goalseek_bad_measure": ("mesure inconnue « {measure} » (attendu : {allowed})",
                             "unknown measure '{measure}' (expected: {allowed})"),
    "goalseek_bad_side": ("--side attend below ou above, reçu « {side} »", "--side expects below or above, got '{side}'"),
    "goalseek_bounds": ("bornes incohérentes : min {lo} > max {hi}", "inconsistent bounds: min {lo} > max {hi}"),
    "goalseek_flat": ("{measure} ne varie pas avec {name} entre {lo} et {hi}",
                      "{measure} does not change with {name} between {lo} and {hi}"),
    "goalseek_too_many": ("recherche interrompue après {count} évaluations de {name}",
                          "search stopped after {count} evaluations of {name}"),
    "goalseek_unreachable": ("cible {target} ({measure}) hors d'atteinte avec {name} dans les bornes : au mieux "
                             "{reached} pour {name} = {value}",
                             "target {target} ({measure}) out of reach with {name} within bounds: at best {reached} "
                             "for {name} = {value}"),
    # Side by side and concordat check (xladdin.compare, xladdin.compliance)
    "compare_no_rules": ("aucun jeu de règles à comparer : donnez des ids ou des cantons séparés par des virgules, "
                         "p. ex. GE-2025,ZH-2021", "no rule set to compare: give ids or cantons separated by commas, "
                         "e.g. GE-2025,ZH-2021"),
    "lang_fr_en": ("langue non prise en charge « {lang} » (fr ou en)", "unsupported language '{lang}' (fr or en)"),
    "reference_date_range": ("date de référence hors limites « {value} » (attendu entre {low} et {high})",
                             "reference date out of range '{value}' (expected between {low} and {high})"),
    "lang_fr_en_de": ("langue non prise en charge « {lang} » (fr, en ou de)",
                      "unsupported language '{lang}' (fr, en or de)"),
    # LibreOffice Calc extension (xladdin.calc)
    "calc_exists": ("le fichier existe déjà : {path} (choisissez un autre nom ; il n'est jamais écrasé)",
                    "the file already exists: {path} (choose another name; it is never overwritten)"),
    "calc_not_oxt": ("l'extension doit se nommer *.oxt : {path}", "the extension must be named *.oxt: {path}"),
    "calc_no_libreoffice": ("LibreOffice introuvable (unopkg) : installez LibreOffice, puis recommencez",
                            "LibreOffice not found (unopkg): install LibreOffice, then try again"),
    "calc_install_failed": ("l'installation de l'extension a échoué : {detail}",
                            "installing the extension failed: {detail}"),
    # The cell reader (xladdin.bursary.inputs, docs/reference/cells.md)
    "dates_month_first": ("dates américaines (mois/jour/année) : {count} date(s) à barres obliques ont un 2e nombre "
                          "au-delà de 12 et aucune un 1er, p. ex. ligne {line}, {column} « {value} » ; lues jour "
                          "d'abord, les autres auraient le jour et le mois intervertis. Enregistrez les dates en "
                          "jj.mm.aaaa (15.09.2025) ou aaaa-mm-jj, ou comme dates du tableur",
                          "US dates (month/day/year): {count} slashed date(s) have a second number above 12 and none "
                          "a first one, e.g. line {line}, {column_en} '{value}'; read day first, the others would "
                          "have day and month swapped. Save the dates as dd.mm.yyyy (15.09.2025) or yyyy-mm-dd, or "
                          "as spreadsheet dates"),
    "excel_ambiguous_number": ("{name} : nombre ambigu « {value} » (milliers ou décimales ?) : tapez {whole} ou "
                               "{swiss}, ou {decimal}", "{name}: ambiguous number '{value}' (thousands or "
                               "decimals?): type {whole} or {swiss}, or {decimal}"),
    # What a file is, which sheet and which header row are read (xladdin.io.kinds, xladdin.io.readers)
    "sheet_several": ("plusieurs feuilles de {path} contiennent des dossiers : {sheets} ; choisissez celle à lire "
                      "avec --sheet (p. ex. --sheet \"{first}\")", "several sheets of {path} hold applicants: "
                      "{sheets}; choose the one to read with --sheet (e.g. --sheet \"{first}\")"),
    "sheet_not_table": ("la feuille « {sheet} » de {path} est {what}, pas un tableau de cellules",
                        "sheet '{sheet}' of {path} is {what_en}, not a table of cells"),
    "file_kind": ("{path} n'est pas une liste de dossiers : ce fichier est {what} ; {hint}",
                  "{path} is not an applicant list: this file is {what_en}; {hint_en}"),
    "file_not_list": ("{path} n'est pas une liste de dossiers : aucune des {rows} premières lignes {where} ne "
                      "porte au moins {minimum} en-têtes connus (clés ou libellés du schéma, p. ex. « N° de dossier »"
                      " ou applicant_id, « Date de naissance » ou birth_date)",
                      "{path} is not an applicant list: none of the first {rows} lines of {where_en} holds at least "
                      "{minimum} known headers (schema keys or labels, e.g. 'File number' or applicant_id, "
                      "'Birth date' or birth_date)"),
    "file_missing_columns": ("{path} : colonne obligatoire absente : {columns} (en-tête ligne {line}) ; sans elle "
                             "chaque ligne serait en erreur : ajoutez la colonne", "{path}: required column missing: "
                             "{columns} (header on line {line}); without it every row would be in error: add the "
                             "column"),
    "duplicate_meaning": ("{path} : deux colonnes désignent la même donnée {key} : « {first} » ({first_at}) et "
                          "« {second} » ({second_at}) ; gardez-en une seule", "{path}: two columns mean the same "
                          "input {key}: '{first}' ({first_at}) and '{second}' ({second_at}); keep only one"),
    "form_empty": ("le formulaire {path} est vide : aucune valeur saisie dans la colonne des valeurs",
                   "the form {path} is empty: no value entered in its value column"),
    "folder_empty": ("aucune liste ni formulaire (.xlsx, .xls, .ods, .csv) dans le dossier {path}",
                     "no list or form (.xlsx, .xls, .ods, .csv) in the folder {path}"),
    # Output layer (xladdin.io.output): files that cannot be written or read, CSV dialects
    "output_not_written": ("impossible d'écrire {path} : {reason} ; le fichier précédent est intact",
                           "cannot write {path}: {reason_en}; the previous file is intact"),
    "output_locked": ("{path} est ouvert dans un tableur (verrou {lock}) : fermez-le puis relancez ; le fichier "
                      "précédent est intact", "{path} is open in a spreadsheet (lock {lock}): close it and run "
                      "again; the previous file is intact"),
    "input_not_read": ("impossible de lire {path} : {reason}", "cannot read {path}: {reason_en}"),
    "csv_dialect": ("dialecte CSV inconnu « {dialect} » (semicolon ou comma)",
                    "unknown CSV dialect '{dialect}' (semicolon or comma)"),
    # Decision letters (xladdin.letters)
    "letter_template_missing": ("modèle de lettre introuvable : {path}", "letter template not found: {path}"),
    "letter_template_unreadable": ("modèle de lettre illisible (un document Word .docx est attendu) : {path} "
                                   "({detail})", "unreadable letter template (a Word .docx is expected): {path} "
                                   "({detail})"),
    "letter_template_syntax": ("modèle de lettre {path} : balise mal formée ({detail}) ; une balise s'écrit "
                               "{{{{ nom }}}}", "letter template {path}: malformed tag ({detail}); a tag is written "
                               "{{{{ name }}}}"),
    "letter_placeholder_missing": ("modèle de lettre {path} : la balise « {name} » ne correspond à aucune donnée "
                                   "de la lettre ; corrigez-la ou supprimez-la (données disponibles : {available})",
                                   "letter template {path}: the placeholder '{name}' matches no data of the letter; "
                                   "correct or remove it (available: {available})"),
    "letter_exists": ("la lettre {path} existe déjà ({count} lettre(s) déjà présente(s)) : rien n'a été écrit ; "
                      "choisissez un autre dossier ou ajoutez --force pour les remplacer",
                      "the letter {path} already exists ({count} letter(s) present): nothing was written; choose "
                      "another folder or add --force to replace them"),
    "letter_canton": ("pas de lettre de décision pour le canton {canton} : ses motifs et ses voies de droit ne sont "
                      "pas encore rédigés (cantons couverts : GE, ZH, BE) ; le dossier est évalué dans le rapport",
                      "no decision letter for the canton {canton}: its reasons and legal remedies are not written yet "
                      "(cantons covered: GE, ZH, BE); the applicant is assessed in the report"),
    "letter_ids_missing": ("n° de dossier introuvable dans {path} : {ids}", "file number not found in {path}: {ids}"),
    "soffice_missing": ("LibreOffice est introuvable : les PDF ne peuvent pas être produits. Installez-le (Debian/"
                        "Ubuntu : sudo apt-get install libreoffice-writer-nogui ; Windows/macOS : "
                        "https://www.libreoffice.org) ou omettez --pdf et --one-pdf",
                        "LibreOffice not found: PDFs cannot be produced. Install it (Debian/Ubuntu: sudo apt-get "
                        "install libreoffice-writer-nogui; Windows/macOS: https://www.libreoffice.org) or leave out "
                        "--pdf and --one-pdf"),
    "soffice_failed": ("LibreOffice n'a pas pu convertir les lettres en PDF : {detail}",
                       "LibreOffice could not convert the letters to PDF: {detail}"),
    "one_pdf_format": ("--one-pdf doit nommer un fichier .pdf : {path}", "--one-pdf must name a .pdf file: {path}"),
}


class XladdinError(ClickException):
    """A mistake in the user's input or command, reported without a traceback.

    A ``ClickException``, so the command line prints the French message and exits with ``exit_code``.
    """

    exit_code = 2

    def __init__(self, code: str, **details):
        self.code = code
        self.details = details
        super().__init__(self.text("fr"))

    def text(self, lang: str = "fr") -> str:
        fr, en = MESSAGES.get(self.code, (self.code, self.code))
        if lang == "de":                   # German apart (xladdin.errors_de); French where a code has none yet
            from .errors_de import MESSAGES as GERMAN

            try:
                return GERMAN[self.code].format(**self.details)
            except (KeyError, IndexError):
                pass
        template = en if lang == "en" else fr
        try:
            return template.format(**self.details)
        except (KeyError, IndexError):
            return f"{template} {self.details}"


class InputFileError(XladdinError):
    """A file that cannot be read as a table."""

    exit_code = 3


class RulesError(XladdinError):
    """An unknown rule set or parameter."""

    exit_code = 4


@contextmanager
def in_language(lang: str):
    """Errors raised in the block print in ``lang`` (a command's ``--lang en`` or ``--lang de``); French otherwise."""
    try:
        yield
    except XladdinError as exc:
        if lang in ("en", "de"):
            exc.message = exc.text(lang)
        raise
