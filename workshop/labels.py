"""Every text the workshop app shows, in bokmål (default) and English.

Outcome names come from ``experiments.labels.OUTCOME_LABELS`` (one place for both the
printed summaries and the app); this module adds the app's own texts, the 14
governance levers of DESIGN §4 with a one-line help text each (citing the domain
section their default rests on: ``003`` = ``domain/003_partnership_report.md``,
``ch5_9`` and ``coop`` as in ``sim/config.py``), their values, the regions and the
scenarios. The field's own terms stay Norwegian in the English texts where they have
no good translation (rådmann, ordfører, Nav-leder, vertskommune, årshjul).
"""

from __future__ import annotations

from experiments.labels import OUTCOME_LABELS

LANGUAGES = ("nb", "en")

# key -> (bokmål, English)
UI = {
    "title": ("navsim: Nav-partnerskapet i verksted", "navsim: the Nav partnership workshop"),
    "language": ("Språk", "Language"),
    "region": ("Region (fylke)", "Region (county)"),
    "scenario": ("Scenario", "Scenario"),
    "scenario_month": ("Scenariet starter i måned", "Scenario starts in month"),
    "preset": ("Styringsmodell (forhåndsvalg)", "Governance preset"),
    "levers": ("Styringsgrep", "Governance levers"),
    "levers_note": (
        "Hvert grep starter kjøringen på nytt fra måned 0 med samme seed.",
        "Each lever restarts the run from month 0 with the same seed.",
    ),
    "seed": ("Seed (tilfeldighetsfrø)", "Seed"),
    "controls": ("Kjøring", "Run"),
    "play": ("Spill av", "Play"),
    "pause": ("Pause", "Pause"),
    "step": ("Ett steg (1 mnd)", "Step (1 month)"),
    "reset": ("Nullstill", "Reset"),
    "speed": ("Fart (måneder per sekund)", "Speed (months per second)"),
    "month": ("Måned", "Month"),
    "of": ("av", "of"),
    "cards": ("Scenariokort", "Scenario cards"),
    "card_loaded": ("Kort lastet", "Card loaded"),
    "compare": ("Sammenlign med referanse", "Compare with baseline"),
    "compare_note": (
        "Stiplet: referansen, samme region og seed, styring som i 2019 (default) og uten scenario.",
        "Dashed: the reference, same region and seed, the 2019 governance (default) and no "
        "scenario.",
    ),
    "difference": (
        "Forskjell fra referansen, siste måned",
        "Difference from the reference, last month",
    ),
    "mine": ("denne kjøringen", "this run"),
    "reference": ("referanse", "reference"),
    "export": ("Lag eksport til oppsummeringen", "Export for the debrief"),
    "export_csv": ("Tidsserier (CSV)", "Series (CSV)"),
    "export_zip": ("Figurer (PNG) og tidsserier (zip)", "Plots (PNG) and series (zip)"),
    "step_time": ("Siste steg tok", "Last step took"),
    "plots": ("Utvikling", "Over time"),
    "networks": ("Nettverk", "Networks"),
    "tab_live": ("Kjøring", "Run"),
    "tab_compare": ("Sammenligning", "Comparison"),
    "outcome": ("Utfall", "Outcome"),
    "question": ("Spørsmål til rommet", "Question for the room"),
    "finished": ("Siste måned nådd", "Last month reached"),
    "error": ("Feil i innstillingene", "Settings error"),
    "on": ("på", "on"),
    "off": ("av", "off"),
}

# plot name -> (bokmål title, English title); the plots of the issue, in order
PLOTS = {
    "trust": ("Tillit mellom eierne og til Nav-lederen", "Trust between owners and in the leader"),
    "exits": ("Overganger til arbeid per måned", "Exits to work per month"),
    "users": ("Brukere i oppfølging og i kø", "Users in follow-up and waiting"),
    "waiting": ("Ventetid til oppfølging (måneder)", "Waiting for follow-up (months)"),
    "staff": ("Ansatte etter arbeidsgiver", "Staff by employer"),
    "cooperation": (
        "Samarbeid med tjenestene (kontakter per måned)",
        "Cooperation by service unit (contacts per month)",
    ),
    "partnership_graph": (
        "Partnerskapet: kommune – Nav-kontor – fylkesdirektør (farge: tillit mellom eierne)",
        "The partnership: municipality – Nav office – county director (colour: owners' trust)",
    ),
    "cooperation_graph": (
        "Samarbeidsnettverket: kontor – tjenester (farge: styrke på båndene)",
        "The cooperation network: office – service units (colour: tie strength)",
    ),
}

# series labels not in OUTCOME_LABELS
SERIES_LABELS = {
    "n_staff_state": ("statlig ansatte", "state employees"),
    "n_staff_municipal": ("kommunalt ansatte", "municipal employees"),
    "n_waiting": ("brukere som venter", "users waiting"),
    "contacts_health": ("helse", "health"),
    "contacts_mental_health": ("psykisk helse og rus", "mental health"),
    "contacts_child_welfare": ("barnevern", "child welfare"),
    "contacts_housing": ("bolig", "housing"),
    "contacts_refugee": ("flyktningtjeneste", "refugee service"),
    "contacts_education": ("skole og utdanning", "education"),
    "contacts_specialist_health": ("spesialisthelse (DPS)", "specialist health (DPS)"),
    "contacts_employers": ("arbeidsgivere", "employers"),
    "n_offices": ("Nav-kontor", "Nav offices"),
}

# lever -> (bokmål label, English label, bokmål help, English help)
LEVERS = {
    "leader_model": (
        "Hvem ansetter Nav-lederen",
        "Who employs the Nav-leder",
        "Statlig, kommunal eller to ledere; «observed» trekker 2015-blandingen (ch5_9 §3.4).",
        "State, municipal or two leaders; 'observed' draws the 2015 mix (ch5_9 §3.4).",
    ),
    "leader_agreement": (
        "Lederavtale signert av begge eiere",
        "Leader agreement (lederavtale) signed by both owners",
        "Avtalen fantes i Agder, ikke generelt; en suksessfaktor i Kristiansand (003 §3).",
        "Found in Agder, not in general; a success criterion in Kristiansand (003 §3).",
    ),
    "meetings_per_year": (
        "Partnerskapsmøter per år",
        "Partnership meetings per year",
        "Formelle møter mellom rådmann/ordfører og fylkesdirektør; omtrent to i året (003 §3).",
        "Formal meetings of rådmann/ordfører and county director; about two a year (003 §3).",
    ),
    "all_radmenn_attend": (
        "Alle rådmenn møter (vertskommune)",
        "All rådmenn attend (vertskommune)",
        "I et vertskommunekontor: alltid, i overgangen eller aldri (003 §5.2).",
        "In a host office: always, during the transition, or never (003 §5.2).",
    ),
    "joint_plan": (
        "Felles virksomhetsplan",
        "Joint plan (virksomhetsplan)",
        "Ingen, statens mal eller kommunens mal; felles planer fantes «i liten grad» (003 §6.2).",
        "None, the state's or the municipality's template; rare in 2019 (003 §6.2).",
    ),
    "budget": (
        "Budsjett",
        "Budget",
        "Atskilt «krone for krone» eller en felles pott (003 §3).",
        "Separate 'krone for krone' or a joint pool (003 §3).",
    ),
    "portfolio": (
        "Kommunale tjenester i kontoret",
        "Municipal services in the office",
        "Slik det er observert, eller minimumsløsningen (003 §3, §7 område 7).",
        "As observed, or the minimum portfolio (003 §3, §7 area 7).",
    ),
    "team_model": (
        "Teamsammensetning",
        "Team composition",
        "Én arbeidsgiver per team eller blandede team; blandede økte 2014–2019 (003 §6.3).",
        "One employer per team or mixed teams; mixed ones rose 2014-2019 (003 §6.3).",
    ),
    "leader_placement": (
        "Nav-lederens plass i kommunen",
        "The leader's seat in the municipality",
        "Under en kommunalsjef eller i rådmannens ledergruppe (003 §3, §7 område 10).",
        "Under a kommunalsjef or in the rådmann's leader group (003 §3, §7 area 10).",
    ),
    "harmonised_terms": (
        "Harmonisert lønn og vilkår",
        "Harmonised pay and terms",
        "Like vilkår for statlig og kommunalt ansatte; 44 % av lederne sier forskjellene skader "
        "(003 §3).",
        "Equal terms for state and municipal staff; 44% of leaders say differences harm (003 §3).",
    ),
    "delegated_state_decisions": (
        "Kommunalt ansatte kan fatte statlige vedtak",
        "Municipal staff may decide on state measures",
        "Delegert vedtaksmyndighet, bare ved noen kontor i 2019 (003 §3).",
        "Delegated decisions, in some offices only in 2019 (003 §3).",
    ),
    "steering": (
        "Styring",
        "Steering",
        "Telling på målekort eller dialog om resultater (ch5_9 §3.2; 003 C22).",
        "Målekort counting or dialogue on results (ch5_9 §3.2; 003 C22).",
    ),
    "measures": (
        "Oppfølgingstiltak",
        "Follow-up measures",
        "Kjøpt fra tiltaksarrangører eller gjort av egne jobbspesialister (ch5_9 §2.3).",
        "Bought from providers or done by own job specialists (ch5_9 §2.3).",
    ),
    "common_duty_to_cooperate": (
        "Samarbeidsplikt (NAV-loven §15a)",
        "Duty to cooperate (NAV Act §15a)",
        "Før eller etter lovendringen i 2021 (coop §5).",
        "Before or after the 2021 amendment (coop §5).",
    ),
}

# value -> (bokmål, English), for the Select levers
VALUES = {
    "observed": ("som observert", "as observed"),
    "state": ("statlig", "state"),
    "municipal": ("kommunal", "municipal"),
    "two_leaders": ("to ledere", "two leaders"),
    "always": ("alltid", "always"),
    "transition": ("i overgangen", "during the transition"),
    "never": ("aldri", "never"),
    "none": ("ingen", "none"),
    "state_template": ("statens mal", "state template"),
    "municipal_template": ("kommunens mal", "municipal template"),
    "separate": ("atskilt, krone for krone", "separate, krone for krone"),
    "joint": ("felles pott", "joint pool"),
    "minimum": ("minimumsløsningen", "minimum"),
    "single_employer": ("én arbeidsgiver", "single employer"),
    "mixed": ("blandet", "mixed"),
    "kommunalsjef": ("under kommunalsjef", "under a kommunalsjef"),
    "radmann_group": ("i rådmannens ledergruppe", "in the rådmann's group"),
    "activity_indicators": ("målekort (aktivitet)", "målekort (activity)"),
    "results_dialogue": ("resultatdialog", "results dialogue"),
    "bought": ("kjøpt", "bought"),
    "in_house": ("egne jobbspesialister", "in-house"),
    "before_2021": ("før 2021", "before 2021"),
    "after_2021": ("etter 2021 (§15a)", "after 2021 (§15a)"),
}

PRESETS = {
    "default": ("2019-situasjonen", "the 2019 situation"),
    "agder_arshjul": ("Agders årshjul", "Agder's årshjul"),
    "integrated": ("integrert kontor", "integrated office"),
    "reform_2021": ("reformen i 2021", "the 2021 reform"),
    "state_led": ("statlig ledet", "state-led"),
    "municipal_led": ("kommunalt ledet", "municipality-led"),
}

SCENARIOS = {
    "baseline": ("ingen endring", "no change"),
    "host_office": ("vertskommunekontor (§28)", "host office (vertskommune, §28)"),
    "municipal_merger": ("kommunesammenslåing", "municipal merger"),
    "regionalisation": ("regionalisering (færre kontor)", "regionalisation (fewer offices)"),
    "plant_closure": ("nedleggelse av bedrift", "plant closure"),
    "refugee_inflow": ("flyktningbølge", "refugee inflow"),
    "recession": ("lavkonjunktur", "recession"),
    "channel_strategy": ("kanalstrategi (digitalt først)", "channel strategy (digital first)"),
}

REGIONS = {
    "custom": ("egen region fra et kort", "a card's own region"),
    "agder": ("Agder", "Agder"),
    "akershus": ("Akershus", "Akershus"),
    "buskerud": ("Buskerud", "Buskerud"),
    "finnmark": ("Finnmark", "Finnmark"),
    "innlandet": ("Innlandet", "Innlandet"),
    "more_og_romsdal": ("Møre og Romsdal", "Møre og Romsdal"),
    "nordland": ("Nordland", "Nordland"),
    "oslo": ("Oslo", "Oslo"),
    "ostfold": ("Østfold", "Østfold"),
    "rogaland": ("Rogaland", "Rogaland"),
    "telemark": ("Telemark", "Telemark"),
    "troms": ("Troms", "Troms"),
    "trondelag": ("Trøndelag", "Trøndelag"),
    "vestfold": ("Vestfold", "Vestfold"),
    "vestland": ("Vestland", "Vestland"),
}

# the actors of the partnership graph legend
ACTORS = {
    "municipality": ("kommune (rådmann og ordfører)", "municipality (rådmann and ordfører)"),
    "office": ("Nav-kontor (Nav-leder)", "Nav office (Nav-leder)"),
    "county_director": ("fylkesdirektør (Nav fylke)", "county director (fylkesdirektør)"),
    "unit": ("kommunal tjeneste", "service unit"),
}


def _pick(pair: tuple[str, ...], lang: str) -> str:
    return pair[0 if lang == "nb" else 1]


def ui(key: str, lang: str = "nb") -> str:
    """An app text in the chosen language."""
    return _pick(UI[key], lang)


def plot_title(name: str, lang: str = "nb") -> str:
    """The title of a plot (a key of ``PLOTS``)."""
    return _pick(PLOTS[name], lang)


def series_label(column: str, lang: str = "nb") -> str:
    """The label of a plotted series: ``OUTCOME_LABELS`` first, then ``SERIES_LABELS``."""
    pair = OUTCOME_LABELS.get(column) or SERIES_LABELS.get(column)
    return _pick(pair, lang) if pair else column


def lever_label(name: str, lang: str = "nb") -> str:
    """The label of a governance lever."""
    return LEVERS[name][0 if lang == "nb" else 1]


def lever_help(name: str, lang: str = "nb") -> str:
    """The one-line help text of a governance lever (with its source)."""
    return LEVERS[name][2 if lang == "nb" else 3]


def value_label(value: object, lang: str = "nb") -> str:
    """The label of a lever value, preset, scenario or region (the value itself if none)."""
    for table in (VALUES, PRESETS, SCENARIOS, REGIONS):
        if isinstance(value, str) and value in table:
            return _pick(table[value], lang)
    return str(value)


def actor_label(kind: str, lang: str = "nb") -> str:
    """The legend label of a node kind in the network pictures."""
    return _pick(ACTORS[kind], lang)
