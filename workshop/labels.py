"""Every text the workshop app shows: keys -> messages of the catalogue (``messages``).

Each table maps a key (a UI element, a plot, a column, a lever, a value) to its English
message id; the functions translate it into bokmål (the default) or English from
``messages/locale``. Outcome names come from ``experiments.labels.OUTCOME_LABELS`` (one
place for both the printed summaries and the app); this module adds the app's own
texts, the 14 governance levers of DESIGN §4 with a one-line help text each and the
domain section their default rests on (``003`` = ``domain/003_partnership_report.md``,
``ch5_9`` and ``coop`` as in ``sim/config/``; for the facilitator guide, not shown to
participants), their values, the regions and the scenarios. The field's own terms stay
Norwegian in the English texts where they have no good translation (rådmann, ordfører,
Nav-leder, vertskommune, årshjul).
"""

from __future__ import annotations

from typing import NamedTuple

from experiments.labels import OUTCOME_LABELS
from messages import N_, _

# key -> message
UI = {
    "title": N_("navsim: the Nav partnership workshop"),
    "region": N_("Region (county)"),
    "scenario": N_("Scenario"),
    "scenario_month": N_("Scenario starts in month"),
    "preset": N_("Governance preset"),
    "levers": N_("Governance levers"),
    "levers_note": N_(
        "Each change starts the run again from month 0 with the same chance; the lever "
        "works from month 1."
    ),
    "seed": N_("Seed"),
    "controls": N_("Run"),
    "play": N_("Play"),
    "pause": N_("Pause"),
    "step": N_("Step (1 month)"),
    "reset": N_("Reset"),
    "speed": N_("Speed (months per second)"),
    "month": N_("Month"),
    "of": N_("of"),
    "cards": N_("Scenario cards"),
    "card_loaded": N_("Card loaded"),
    "compare": N_("Compare with the reference"),
    "compare_note": N_(
        "Each run is paired with a reference run with the same chance (seed): the same "
        "region, the 2019 governance and no scenario. The table averages each pair's "
        "difference over the months and shows the middle run, the range and how many runs "
        "agree on the direction."
    ),
    "difference": N_("Difference from the reference, months {first}–{last}, {n} runs"),
    "median": N_("Difference (middle run)"),
    "range": N_("Range over the runs"),
    "agree": N_("Runs that agree"),
    "n_of_n": N_("{agree} of {n}"),
    "no_difference": N_("no difference"),
    "card_claim": N_(
        "The card says: {outcome} between {low} and {high} (the mean over these months); "
        "here on {held} of {n} runs."
    ),
    "computing": N_("Running {n} pairs of runs …"),
    "seeds": N_("Runs in the comparison"),
    "intro_title": N_("Start here"),
    "intro_what": N_(
        "A model of the Nav partnership between the state and the municipalities of one "
        "county, month by month: a tool for thinking, not a forecast."
    ),
    "intro_press": N_(
        "Press Play, or choose a scenario card, then change one lever at a time and watch "
        "the lines part."
    ),
    "intro_lines": N_(
        "Solid line: this run with your choices. Dashed line: the reference (2019 "
        "governance, no scenario, the same chance). Grey vertical line: the month the "
        "scenario's event happens."
    ),
    "event": N_("event"),
    "export": N_("Export for the debrief"),
    "export_csv": N_("Series (CSV)"),
    "export_zip": N_("Debrief (zip: summary, settings, CSV, PNG)"),
    "outcome": N_("Outcome"),
    "question": N_("Question for the room"),
    "finished": N_("Last month reached"),
    "error": N_(
        "These settings cannot run here. Choose another region, scenario or card; the "
        "facilitator finds the reason in the server's log."
    ),
}

# the debrief export (workshop.export): file names (slugged), CSV headers, the summary
EXPORT = {
    "group": N_("Group (in the file names)"),
    "group_default": N_("group"),
    "file_name": N_("File name"),
    "summary": N_("summary"),
    "settings": N_("settings"),
    "readme": N_("read me"),
    "series": N_("series"),
    "differences": N_("differences"),
    "differences_by_run": N_("differences by run"),
    "cards_file": N_("scenario cards"),
    "print_cards": N_("Print the cards (HTML, question on the front, answer on the back)"),
    "summary_title": N_("navsim: summary for the debrief"),
    "exported": N_("Exported"),
    "month_reached": N_("Month reached"),
    "card": N_("Scenario card"),
    "levers_set": N_("Levers set on top of the preset"),
    "levers_as_preset": N_("none: every lever as in the preset"),
    "this_run": N_("{label} (this run)"),
    "reference_run": N_("{label} (reference)"),
    "run_seed": N_("Run (seed)"),
    "low": N_("Lowest"),
    "high": N_("Highest"),
    "runs": N_("Runs"),
    "yes": N_("yes"),
    "no": N_("no"),
    "own_region": N_("a card's own region: {names}"),
    "csv_note": N_(
        "The CSV files separate their columns with {separator} and write decimals with "
        "{decimal}, in UTF-8: so Excel with {settings} regional settings opens them in "
        "columns, and other programs read them as they are."
    ),
    "separator_semicolon": N_("a semicolon (;)"),
    "separator_comma": N_("a comma (,)"),
    "decimal_comma": N_("a decimal comma"),
    "decimal_point": N_("a decimal point"),
    "settings_nb": N_("Norwegian"),
    "settings_en": N_("English"),
    "readme_files": N_("The files of this export:"),
    "readme_summary": N_("one page for the debrief: settings, differences and the key plots"),
    "readme_settings": N_("the settings in words"),
    "readme_series": N_("every month of this run and of the reference"),
    "readme_differences": N_(
        "the difference from the reference over the months of the comparison, over the runs"
    ),
    "readme_differences_by_run": N_("the same difference for each run (seed k against seed k)"),
    "readme_png": N_("every plot as PNG at print resolution ({dpi} dpi)"),
    "readme_model": N_(
        "The model is a tool for thinking, not a forecast: its numbers follow from its "
        "assumptions (docs/ODD.md)."
    ),
}

# scenario settings (workshop.settings.SCENARIO_KEYS) -> label, for the settings in words
SCENARIO_SETTINGS = {
    "host": N_("Host municipality"),
    "members": N_("Member municipalities"),
    "offices": N_("Offices"),
    "min_population": N_("Smallest population an office serves"),
    "municipality": N_("Municipality"),
    "jobs_lost": N_("Jobs lost"),
    "refugees_per_1000": N_("Refugees settled per 1,000 inhabitants"),
}

# plot name -> title; the plots of the issue, in order
PLOTS = {
    "trust": N_("Trust between owners and in the leader"),
    "exits": N_("Exits to work per month"),
    "users": N_("Users in follow-up and waiting"),
    "waiting": N_("Waiting for follow-up (months)"),
    "staff": N_("Staff by employer"),
    "cooperation": N_("Cooperation by service unit (contacts per month)"),
    "partnership_graph": N_(
        "The partnership: municipality – Nav office – county director (colour: owners' trust)"
    ),
    "cooperation_graph": N_(
        "The cooperation network: office – service units (colour: tie strength)"
    ),
}

# series labels not in OUTCOME_LABELS
SERIES_LABELS = {
    "n_staff_state": N_("state employees"),
    "n_staff_municipal": N_("municipal employees"),
    "n_waiting": N_("users waiting"),
    "contacts_health": N_("health"),
    "contacts_mental_health": N_("mental health"),
    "contacts_child_welfare": N_("child welfare"),
    "contacts_housing": N_("housing"),
    "contacts_refugee": N_("refugee service"),
    "contacts_education": N_("education"),
    "contacts_specialist_health": N_("specialist health (DPS)"),
    "contacts_employers": N_("employers"),
    "n_offices": N_("Nav offices"),
}


class LeverText(NamedTuple):
    """A governance lever's label, its one-line help text and the source it rests on.

    The source (a domain file and section) is for the facilitator guide and the tests;
    the participant's view shows the label and the help text only.
    """

    label: str
    help: str
    source: str


LEVERS = {
    "leader_model": LeverText(
        N_("Who employs the Nav-leder"),
        N_("State, municipal or two leaders; 'as observed' draws the 2015 mix."),
        "ch5_9 §3.4",
    ),
    "leader_agreement": LeverText(
        N_("Leader agreement (lederavtale) signed by both owners"),
        N_("Found in Agder, not in general; a success criterion in Kristiansand."),
        "003 §3",
    ),
    "meetings_per_year": LeverText(
        N_("Partnership meetings per year"),
        N_("Formal meetings of rådmann/ordfører and county director; about two a year."),
        "003 §3",
    ),
    "all_radmenn_attend": LeverText(
        N_("All rådmenn attend (vertskommune)"),
        N_("In a host office: always, during the transition, or never."),
        "003 §5.2",
    ),
    "joint_plan": LeverText(
        N_("Joint plan (virksomhetsplan)"),
        N_("None, the state's or the municipality's template; rare in 2019."),
        "003 §6.2",
    ),
    "budget": LeverText(
        N_("Budget"),
        N_("Separate 'krone for krone' or a joint pool."),
        "003 §3",
    ),
    "portfolio": LeverText(
        N_("Municipal services in the office"),
        N_("As observed, or the minimum portfolio."),
        "003 §3, §7 area 7",
    ),
    "team_model": LeverText(
        N_("Team composition"),
        N_("One employer per team or mixed teams; mixed ones rose 2014-2019."),
        "003 §6.3",
    ),
    "leader_placement": LeverText(
        N_("The leader's seat in the municipality"),
        N_("Under a kommunalsjef or in the rådmann's leader group."),
        "003 §3, §7 area 10",
    ),
    "harmonised_terms": LeverText(
        N_("Harmonised pay and terms"),
        N_("Equal terms for state and municipal staff; 44% of leaders say differences harm."),
        "003 §3",
    ),
    "delegated_state_decisions": LeverText(
        N_("Municipal staff may decide on state measures"),
        N_("Delegated decisions, in some offices only in 2019."),
        "003 §3",
    ),
    "steering": LeverText(
        N_("Steering"),
        N_("Målekort counting or dialogue on results."),
        "ch5_9 §3.2; 003 C22",
    ),
    "measures": LeverText(
        N_("Follow-up measures"),
        N_("Bought from providers or done by own job specialists."),
        "ch5_9 §2.3",
    ),
    "common_duty_to_cooperate": LeverText(
        N_("Duty to cooperate (NAV Act §15a)"),
        N_("Before or after the 2021 amendment."),
        "coop §5",
    ),
}

# value -> label, for the Select levers
VALUES = {
    "observed": N_("as observed"),
    "state": N_("state"),
    "municipal": N_("municipal"),
    "two_leaders": N_("two leaders"),
    "always": N_("always"),
    "transition": N_("during the transition"),
    "never": N_("never"),
    "none": N_("none"),
    "state_template": N_("state template"),
    "municipal_template": N_("municipal template"),
    "separate": N_("separate, krone for krone"),
    "joint": N_("joint pool"),
    "minimum": N_("minimum"),
    "single_employer": N_("single employer"),
    "mixed": N_("mixed"),
    "kommunalsjef": N_("under a kommunalsjef"),
    "radmann_group": N_("in the rådmann's group"),
    "activity_indicators": N_("målekort (activity)"),
    "results_dialogue": N_("results dialogue"),
    "bought": N_("bought"),
    "in_house": N_("in-house"),
    "before_2021": N_("before 2021"),
    "after_2021": N_("after 2021 (§15a)"),
}

PRESETS = {
    "default": N_("the 2019 situation"),
    "agder_arshjul": N_("Agder's årshjul"),
    "integrated": N_("integrated office"),
    "reform_2021": N_("the 2021 reform"),
    "state_led": N_("state-led"),
    "municipal_led": N_("municipality-led"),
}

SCENARIOS = {
    "baseline": N_("no change"),
    "host_office": N_("host office (vertskommune, §28)"),
    "municipal_merger": N_("municipal merger"),
    "regionalisation": N_("regionalisation (fewer offices)"),
    "plant_closure": N_("plant closure"),
    "refugee_inflow": N_("refugee inflow"),
    "recession": N_("recession"),
    "channel_strategy": N_("channel strategy (digital first)"),
}

REGIONS = {
    "custom": N_("a card's own region"),
    "agder": N_("Agder"),
    "akershus": N_("Akershus"),
    "buskerud": N_("Buskerud"),
    "finnmark": N_("Finnmark"),
    "innlandet": N_("Innlandet"),
    "more_og_romsdal": N_("Møre og Romsdal"),
    "nordland": N_("Nordland"),
    "oslo": N_("Oslo"),
    "ostfold": N_("Østfold"),
    "rogaland": N_("Rogaland"),
    "telemark": N_("Telemark"),
    "troms": N_("Troms"),
    "trondelag": N_("Trøndelag"),
    "vestfold": N_("Vestfold"),
    "vestland": N_("Vestland"),
}

# the actors of the partnership graph legend
ACTORS = {
    "municipality": N_("municipality (rådmann and ordfører)"),
    "office": N_("Nav office (Nav-leder)"),
    "county_director": N_("county director (fylkesdirektør)"),
    "unit": N_("service unit"),
}


def ui(key: str, lang: str = "nb") -> str:
    """An app text in the chosen language."""
    return _(UI[key], lang)


def export_text(key: str, lang: str = "nb", **fields: object) -> str:
    """A text of the debrief export in ``lang`` (``fields`` fill its ``{placeholders}``)."""
    text = _(EXPORT[key], lang)
    return text.format(**fields) if fields else text


def scenario_setting_label(key: str, lang: str = "nb") -> str:
    """The label of a scenario setting (a key of ``SCENARIO_SETTINGS``)."""
    return _(SCENARIO_SETTINGS[key], lang)


def plot_title(name: str, lang: str = "nb") -> str:
    """The title of a plot (a key of ``PLOTS``)."""
    return _(PLOTS[name], lang)


def series_label(column: str, lang: str = "nb") -> str:
    """The label of a plotted series: ``OUTCOME_LABELS`` first, then ``SERIES_LABELS``."""
    msgid = OUTCOME_LABELS.get(column) or SERIES_LABELS.get(column)
    return _(msgid, lang) if msgid else column


def lever_label(name: str, lang: str = "nb") -> str:
    """The label of a governance lever."""
    return _(LEVERS[name].label, lang)


def lever_help(name: str, lang: str = "nb") -> str:
    """The one-line help text of a governance lever (without its source)."""
    return _(LEVERS[name].help, lang)


def lever_source(name: str) -> str:
    """The domain section a lever's default rests on (for the facilitator guide)."""
    return LEVERS[name].source


def value_label(value: object, lang: str = "nb") -> str:
    """The label of a lever value, preset, scenario or region (the value itself if none)."""
    for table in (VALUES, PRESETS, SCENARIOS, REGIONS):
        if isinstance(value, str) and value in table:
            return _(table[value], lang)
    return str(value)


def actor_label(kind: str, lang: str = "nb") -> str:
    """The legend label of a node kind in the network pictures."""
    return _(ACTORS[kind], lang)
