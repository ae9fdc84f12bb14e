"""The workshop page (Solara, the stack of Mesa's ``mesa[viz]``): one model per session.

Routes: ``/`` this page (the sandbox, behind the session cap and, off localhost, the
facilitator code), ``/room`` the role-play rooms (``workshop.room_app``).

``Page`` builds its ``Session`` with ``solara.use_memo`` inside the component, so each
browser page (a Solara virtual kernel) gets its own models; nothing mutable lives at
module level (the known risk of module-level state: widgetti/solara#867). Served by
``navsim-workshop`` (``workshop.cli``).

Why not ``mesa.visualization.SolaraViz`` itself: its controls ("Reset", "Step", "Play
Interval (ms)", "Model Parameters") are English-only strings, and its parameter widgets
cannot be set from outside (a scenario card must set them); this page keeps the same
pattern (a reactive model per session, play/step/reset, a speed slider, parameter
widgets that rebuild the model, a grid of live plots) with bokmål and English labels.
"""

from __future__ import annotations

import base64
import html
import logging
import time
from datetime import datetime
from typing import Any, NamedTuple

import solara

from experiments.labels import scenario_note
from messages import LANGUAGE_NAMES, LANGUAGES, format_number
from sim.config import ConfigError
from workshop import limits, plots
from workshop.cards import load_cards, render_html
from workshop.differences import (
    DEFAULT_SEEDS,
    SEED_CHOICES,
    claim_holds,
    default_window,
    paired_differences,
    seeds_from,
    summarise,
)
from workshop.export import difference_rows, slugify
from workshop.labels import export_text, lever_help, lever_label, series_label, ui, value_label
from workshop.navigator import follow_server_navigation
from workshop.room_app import Box, Full, GroupField, RoomPage
from workshop.room_labels import room_ui
from workshop.session import Session
from workshop.settings import (
    BOOL_FIELDS,
    GOVERNANCE_FIELDS,
    SCENARIOS,
    Settings,
    governance_presets,
    lever_choices,
    meetings_range,
    region_names,
)

LOG = logging.getLogger(__name__)
KEEP = "keep"  # apply(): keep the loaded card's notice
CELL_STYLE = "flex: 1 1 400px; max-width: 640px; min-width: 0; margin: 4px"
HELP_STYLE = {"font-size": "0.78em", "color": "#555", "margin": "-10px 0 8px 0"}
# The levers scroll in their own side panel, so the plots stay in view while a lever
# changes; on a narrow screen (a phone) the view comes first and the levers below it.
CSS = """
.nav-main { display: flex; flex-wrap: nowrap; align-items: flex-start; width: 100%; }
.nav-sidebar { width: 360px; min-width: 360px; flex-shrink: 0; position: sticky; top: 0;
  max-height: calc(100vh - 76px); overflow-y: auto; }
.nav-sidebar > * { flex-shrink: 0; }
.nav-view { flex: 1 1 auto; min-width: 0; padding: 0 8px; }
.nav-intro { font-size: 0.9em; }
.nav-card-button { width: 100%; justify-content: flex-start !important; height: auto !important;
  min-height: 32px; white-space: normal; text-align: left; letter-spacing: normal; }
.nav-card-button .v-btn__content { white-space: normal; flex: 1 1 auto; }
.nav-compare td, .nav-compare th { padding: 2px 8px; text-align: right; }
.nav-compare td:first-child, .nav-compare th:first-child { text-align: left; }
@media (max-width: 800px) {
  .nav-main { flex-direction: column; }
  .nav-sidebar { width: 100%; min-width: 0; position: static; max-height: none; order: 2; }
  .nav-view { width: 100%; padding: 0; order: 1; }
}
@media (max-width: 500px) {
  .nav-lang .v-btn { min-width: 0 !important; padding: 0 6px !important; }
  .nav-rooms { font-size: 0.85em; }
}
"""


def _select(label: str, value: Any, values: list[Any], on_value, lang: str, test_id: str):
    """A select whose items show translated labels but carry the plain values."""
    # "text" for Vuetify 2, "title" for Vuetify 3 item labels
    items = [
        {"text": value_label(v, lang), "title": value_label(v, lang), "value": v} for v in values
    ]
    return solara.v.Select(
        label=label,
        v_model=value,
        items=items,
        on_v_model=on_value,
        dense=True,
        class_=f"nav-{test_id}",
    )


@solara.component
def Lever(name: str, value: Any, on_change, lang: str):
    """One governance lever with its one-line help text."""
    label = lever_label(name, lang)
    if name in BOOL_FIELDS:
        solara.Switch(
            label=label,
            value=bool(value),
            on_value=lambda v: on_change(name, v),
            classes=[f"lever-{name}"],
        )
    elif name == "meetings_per_year":
        lo, hi = meetings_range()
        solara.SliderInt(
            f"{label}: {int(value)}",
            value=int(value),
            min=lo,
            max=hi,
            on_value=lambda v: on_change(name, v),
            thumb_label="always",
            tick_labels="end_points",
        )
    else:
        _select(
            label, value, lever_choices(name), lambda v: on_change(name, v), lang, f"lever-{name}"
        )
    solara.Text(lever_help(name, lang), style=HELP_STYLE)


@solara.component
def PlotGrid(svgs: dict[str, str], test_id: str):
    """Inline SVGs in one wrapping block (one widget update when any of them changes)."""
    cells = "".join(
        f'<div class="plot-{name}" style="{CELL_STYLE}">{markup}</div>'
        for name, markup in svgs.items()
    )
    solara.HTML(
        tag="div",
        unsafe_innerHTML=cells,
        classes=[test_id],
        style={"display": "flex", "flex-wrap": "wrap"},
    )


@solara.component
def ExportLinks(export: Export | None, key: tuple, tick: solara.Reactive[int], lang: str):
    """Download links for the series (CSV) and the debrief (zip), named by group and time.

    Shown only while the run, language, group and comparison are those the export was
    made from (``key``, re-read every month): a link never offers a stale export. Plain
    ``data:`` links: no extra widget code in the browser and no request anywhere.
    """
    tick.get()  # subscribe: a month played makes the export stale
    if export is None or export.key != key():
        return
    csv, archive = (base64.b64encode(x).decode("ascii") for x in (export.csv, export.zip))
    csv_name = f"{export.name.removesuffix('.zip')}_{slugify(export_text('series', lang))}.csv"
    links = (
        f'<a class="nav-export-csv" download="{html.escape(csv_name)}" '
        f'href="data:text/csv;base64,{csv}">{html.escape(ui("export_csv", lang))}</a> &nbsp; '
        f'<a class="nav-export-zip" download="{html.escape(export.name)}" '
        f'href="data:application/zip;base64,{archive}">{html.escape(ui("export_zip", lang))}</a>'
        f'<br><span style="font-size: 0.8em; color: #555">'
        f"{html.escape(export_text('file_name', lang))}: {html.escape(export.name)}</span>"
    )
    solara.HTML(tag="span", unsafe_innerHTML=links, classes=["nav-export-links"])


@solara.component
def CardPrintLink(lang: str):
    """A download link for the printable cards of ``lang`` (HTML, front and back)."""
    page = solara.use_memo(
        lambda: base64.b64encode(render_html(lang).encode("utf-8")).decode("ascii"), [lang]
    )
    name = f"navsim_{slugify(export_text('cards_file', lang))}_{lang}.html"
    solara.HTML(
        tag="a",
        unsafe_innerHTML=html.escape(export_text("print_cards", lang)),
        attributes={"download": name, "href": f"data:text/html;base64,{page}"},
        classes=["nav-cards-print"],
        style={"font-size": "0.85em"},
    )


class Export(NamedTuple):
    """A prepared export and the state it was made from (a link to anything else is stale)."""

    key: tuple
    name: str
    csv: bytes
    zip: bytes


def export_key(session: Session, lang: str, group: str, n_seeds: int, card: str | None) -> tuple:
    """What an export depends on: the run (its model and month), language, group, card."""
    return (id(session.model), session.month, lang, group, n_seeds, card)


def format_bound(value: float, lang: str) -> str:
    """A bound of a card's claim: signed, three significant digits, "0" for zero."""
    return format_number(value, lang, 3, signed=True) if value else "0"


@solara.component
def DifferenceView(
    settings: Settings,
    window: tuple[int, int],
    n_seeds: int,
    lang: str,
    claims: tuple[dict, ...] = (),
):
    """This setting against the reference over ``n_seeds`` seeds and the months ``window``.

    Seed k of the setting is paired with seed k of the reference, as in the report's
    comparison; each pair's difference is averaged over the window's months; the table
    shows the middle run (median), the range over the runs and how many agree in sign
    (``workshop.differences``). The runs take a few seconds: they run in a thread, with
    a progress bar, and are cached, so that a lever changed back is shown at once.
    Under the table, a loaded card's ``claims``, each with the runs it holds on here.
    """
    progress = solara.use_reactive((0, n_seeds))
    key = (repr(settings), window, n_seeds)

    def compute(cancel):
        progress.set((0, n_seeds))
        t0 = time.perf_counter()
        diffs = paired_differences(
            settings,
            window,
            seeds_from(settings.seed, n_seeds),
            lambda done, total: progress.set((done, total)),
            cancel,
        )
        if cancel.is_set():  # the settings changed: a newer thread draws the view
            return None
        return summarise(diffs), diffs, time.perf_counter() - t0

    result = solara.use_thread(compute, dependencies=[key], intrusive_cancel=False)
    first, last = window
    solara.HTML(
        tag="p",
        unsafe_innerHTML="<b>"
        + html.escape(ui("difference", lang).format(first=first, last=last, n=n_seeds))
        + "</b>",
        style={"margin": "4px 0"},
    )
    if result.state != solara.ResultState.FINISHED or result.value is None:
        done, total = progress.value
        solara.ProgressLinear(100 * done / max(total, 1), classes=["nav-compare-progress"])
        count = ui("n_of_n", lang).format(agree=done, n=total)
        solara.Text(f"{ui('computing', lang).format(n=total)} ({count})")
        return
    rows, diffs, seconds = result.value
    head = (
        f"<tr><th>{ui('outcome', lang)}</th><th>{ui('median', lang)}</th>"
        f"<th>{ui('range', lang)}</th><th>{ui('agree', lang)}</th></tr>"
    )
    body = [  # data-*: the numbers for the browser tests (not shown)
        f"<tr data-outcome='{a.outcome}' data-median='{a.median!r}' "
        f"data-agree='{a.agree}' data-seeds='{a.seeds}'>"
        + "".join(f"<td>{html.escape(c)}</td>" for c in cells)
        + "</tr>"
        for a, cells in zip(rows, difference_rows(rows, lang), strict=True)
    ]
    # not solara.Markdown: it loads KaTeX, which solara-assets does not ship (offline)
    solara.HTML(
        tag="table",
        unsafe_innerHTML=head + "".join(body),
        classes=["nav-compare"],
        attributes={"data-seconds": f"{seconds:.3f}"},
        style={"border-collapse": "collapse", "font-size": "0.9em"},
    )
    for claim in claims:
        outcome, (lo, hi) = claim["outcome"], claim["range"]
        held = int(claim_holds(claim, diffs).sum())
        text = ui("card_claim", lang).format(
            outcome=series_label(outcome, lang),
            low=format_bound(lo, lang),
            high=format_bound(hi, lang),
            held=held,
            n=len(diffs),
        )
        solara.HTML(
            tag="div",
            unsafe_innerHTML=html.escape(text),
            classes=["nav-card-claim"],
            attributes={"data-outcome": outcome, "data-held": str(held)},
            style={"font-size": "0.85em", "margin": "2px 0"},
        )
    solara.Text(ui("compare_note", lang), style={"font-size": "0.8em", "color": "#555"})


@solara.component
def MonthInfo(session: Session, tick: solara.Reactive[int], lang: str):
    """The current month (re-rendered every month)."""
    tick.get()  # subscribe
    done = f" ({ui('finished', lang)})" if session.finished else ""
    solara.Text(
        f"{ui('month', lang)} {session.month} {ui('of', lang)} {session.model.cfg.months}{done}",
        classes=["nav-month"],
        style={"font-weight": "bold"},
    )


@solara.component
def Live(session: Session, tick: solara.Reactive[int], lang: str, compare: bool):
    """The live time-series plots (re-rendered every month)."""
    tick.get()  # subscribe: re-rendered every month
    with session.lock:  # the play thread may be stepping
        series = plots.series_svgs(session, lang, reference=compare)
    PlotGrid(series, "nav-plots")


@solara.component
def Graphs(session: Session, tick: solara.Reactive[int], lang: str, graph_every: int):
    """The network pictures: the partnership on the map, the cooperation network.

    They are redrawn every ``graph_every`` months (while playing: about once a second)
    and on every step, reset or language change; in between the browser keeps the last
    picture and nothing is sent (Mesa's ``render_interval`` idea, for the pictures only).
    """
    tick.get()  # subscribe
    cache = solara.use_ref(None)  # (key, svgs) of the last network pictures
    with session.lock:
        key = (id(session.model), lang)
        due = session.month % max(graph_every, 1) == 0
        if cache.current is None or cache.current[0] != key or due:
            cache.current = (key, plots.graph_svgs(session, lang))
    PlotGrid(cache.current[1], "nav-graphs")


@solara.component
def Intro(lang: str):
    """The first screen's "start here": what this is, what to press, what the lines mean."""
    text = "".join(
        f"<p style='margin: 2px 0'>{html.escape(ui(k, lang))}</p>"
        for k in ("intro_what", "intro_press", "intro_lines")
    )
    solara.HTML(
        tag="div",
        unsafe_innerHTML=f"<b>{html.escape(ui('intro_title', lang))}.</b>{text}",
        classes=["nav-intro"],
        style={
            "background": "#eef5ee",
            "padding": "6px 10px",
            "border-radius": "4px",
            "margin": "4px 0",
        },
    )


@solara.component
def Page():
    """The workshop page: levers in a side panel of their own, the view beside them."""
    lang, set_lang = solara.use_state(LANGUAGES[0])
    session: Session = solara.use_memo(lambda: Session(Settings()), [])
    settings, set_settings = solara.use_state(session.settings.copy())
    # read only by the live components, so a month re-renders them and not the levers
    tick = solara.use_reactive(0)
    playing, set_playing = solara.use_state(False)
    speed, set_speed = solara.use_state(4)
    compare, set_compare = solara.use_state(True)
    n_seeds, set_n_seeds = solara.use_state(DEFAULT_SEEDS)
    error, set_error = solara.use_state(False)
    card_id, set_card_id = solara.use_state(None)
    export, set_export = solara.use_state(None)  # the last Export (cleared when stale)
    group, set_group = solara.use_state("")  # the group's name, for the file names

    def bump():
        tick.set(tick.peek() + 1)

    def apply(new: Settings, card: str | None = KEEP):
        set_playing(False)
        try:
            session.reset(new)
        except (ConfigError, KeyError, ValueError) as e:
            LOG.warning("settings that cannot run: %s", e)  # for the facilitator
            set_error(True)
            return
        set_error(False)
        set_settings(session.settings.copy())
        if card != KEEP:  # a lever keeps the card's question on screen; a card replaces it
            set_card_id(card)
        set_export(None)
        bump()

    def step():
        set_export(None)
        session.step(1)
        bump()

    def play(on: bool):
        set_export(None)
        set_playing(on)

    def prepare_export():
        set_playing(False)
        with session.lock:
            name, archive = session.export_zip(
                lang, group=group_name, when=datetime.now(), n_seeds=n_seeds, card=loaded
            )
            key = export_key(session, lang, group_name, n_seeds, card_id)
            set_export(Export(key, name, session.export_csv(lang), archive))

    def play_loop(cancel):
        while not cancel.is_set() and not session.finished:
            t0 = time.perf_counter()
            session.step(1)
            bump()
            cancel.wait(max(0.0, 1.0 / speed - (time.perf_counter() - t0)))
        if session.finished:
            set_playing(False)

    solara.use_thread(
        play_loop if playing else (lambda cancel: None),
        dependencies=[playing, speed],
        intrusive_cancel=False,
    )
    loaded = next((c for c in load_cards() if c.id == card_id), None)
    window = loaded.window if loaded is not None else default_window(settings)
    # the group's name; a loaded card's title when none is typed (groups take a card each)
    default_group = loaded.title[lang] if loaded else export_text("group_default", lang)
    group_name = group.strip() or default_group

    solara.Title(ui("title", lang))
    solara.Style(CSS)
    with solara.AppBar():
        solara.HTML(
            tag="a",
            unsafe_innerHTML=html.escape(room_ui("start", lang)),
            attributes={"href": "/room", "style": "color: white; margin-right: 12px"},
            classes=["nav-rooms"],
        )
        with solara.ToggleButtonsSingle(value=lang, on_value=set_lang, classes=["nav-lang"]):
            for code in LANGUAGES:
                solara.Button(LANGUAGE_NAMES[code], value=code, text=True)

    with solara.Div(classes=["nav-main"]):
        with solara.Column(classes=["nav-sidebar"]):
            with solara.Card(ui("cards", lang)):
                for c in load_cards():
                    solara.Button(
                        c.title[lang],
                        on_click=lambda c=c: apply(c.to_settings(), c.id),
                        text=True,
                        classes=[f"card-{c.id}", "nav-card-button"],
                        style={"text-transform": "none"},
                    )
                CardPrintLink(lang)
            with solara.Card(ui("controls", lang)):
                solara.SliderInt(
                    f"{ui('speed', lang)}: {speed}",
                    value=speed,
                    min=1,
                    max=10,
                    on_value=set_speed,
                    thumb_label="always",
                    tick_labels="end_points",
                )
            with solara.Card(ui("levers", lang)):
                solara.Text(ui("levers_note", lang), style=HELP_STYLE | {"margin": "0 0 8px 0"})
                _select(
                    ui("preset", lang),
                    settings.preset,
                    list(governance_presets()),
                    lambda v: apply(settings.with_preset(v)),
                    lang,
                    "preset",
                )
                for name in GOVERNANCE_FIELDS:
                    Lever(
                        name,
                        settings.governance[name],
                        lambda n, v: apply(settings.with_lever(n, v)),
                        lang,
                    )
            with solara.Card(ui("scenario", lang)):
                regions = list(region_names()) + (["custom"] if settings.region == "custom" else [])
                _select(
                    ui("region", lang),
                    settings.region,
                    regions,
                    lambda v: apply(_with(settings, region=v, municipalities=[]), None),
                    lang,
                    "region",
                )
                _select(
                    ui("scenario", lang),
                    settings.scenario,
                    list(SCENARIOS),
                    lambda v: apply(_with(settings, scenario=v, scenario_settings={}), None),
                    lang,
                    "scenario",
                )
                solara.SliderInt(
                    f"{ui('scenario_month', lang)}: {settings.scenario_month}",
                    value=settings.scenario_month,
                    min=1,
                    max=60,
                    on_value=lambda v: apply(_with(settings, scenario_month=int(v))),
                    thumb_label="always",
                    tick_labels="end_points",
                )
                solara.InputInt(
                    ui("seed", lang),
                    value=settings.seed,
                    on_value=lambda v: apply(_with(settings, seed=int(v))),
                    classes=["nav-seed"],
                )

        with solara.Column(classes=["nav-view"], gap="4px"):
            Intro(lang)
            if error:
                Box(ui("error", lang), "nav-error", "#fdecea")
            if loaded is not None:
                Box(
                    f"{ui('card_loaded', lang)}: {loaded.title[lang]}. "
                    f"{ui('question', lang)}: {loaded.question[lang]}",
                    "nav-card-info",
                    "#e8f0fe",
                )
            notes = session.model.scenario_plan.notes  # what the model chose in the region
            if notes:
                Box(
                    " ".join(scenario_note(n, lang) for n in notes),
                    "nav-scenario-notes",
                    "#fff8e1",
                )
            with solara.Row(
                style={"align-items": "center", "flex-wrap": "wrap", "gap": "6px"},
                classes=["nav-controls"],
            ):
                solara.Button(
                    ui("pause", lang) if playing else ui("play", lang),
                    on_click=lambda: play(not playing),
                    color="primary",
                    classes=["nav-play"],
                )
                solara.Button(
                    ui("step", lang), on_click=step, disabled=playing, classes=["nav-step"]
                )
                solara.Button(
                    ui("reset", lang),
                    on_click=lambda: apply(settings),
                    classes=["nav-reset"],
                )
                MonthInfo(session, tick, lang)
            Live(session, tick, lang, compare)
            with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}):
                solara.Switch(
                    label=ui("compare", lang),
                    value=compare,
                    on_value=set_compare,
                    classes=["nav-compare-switch"],
                )
                if compare:
                    with solara.Div(style={"width": "220px"}):
                        _select(
                            ui("seeds", lang),
                            n_seeds,
                            list(SEED_CHOICES),
                            lambda v: set_n_seeds(int(v)),
                            lang,
                            "seeds",
                        )
                GroupField(group, group_name, set_group, lang, "nav-group")
                solara.Button(
                    ui("export", lang),
                    on_click=prepare_export,
                    text=True,
                    classes=["nav-export"],
                )
                ExportLinks(
                    export,
                    lambda: export_key(session, lang, group_name, n_seeds, card_id),
                    tick,
                    lang,
                )
            if compare:
                DifferenceView(settings, window, n_seeds, lang, loaded.claims if loaded else ())
            Graphs(session, tick, lang, speed if playing else 1)


@solara.component
def Home():
    """``/``: the sandbox, behind the session cap and (off localhost) the facilitator code."""
    full = solara.use_memo(limits.is_full, [])
    unlocked, set_unlocked = solara.use_state(limits.access_code() is None)
    given, set_given = solara.use_state("")
    if full:
        solara.Title(ui("title", LANGUAGES[0]))
        Full(LANGUAGES[0])
        return
    if not unlocked:
        solara.Title(ui("title", LANGUAGES[0]))
        with solara.Column(style={"max-width": "520px", "padding": "12px"}):
            for lang in LANGUAGES:
                solara.Text(room_ui("access_note", lang))
            solara.InputText(
                room_ui("access_code", LANGUAGES[0]),
                value=given,
                on_value=set_given,
                continuous_update=True,
                password=True,
                classes=["nav-access-input"],
            )
            solara.Button(
                room_ui("open_button", LANGUAGES[0]),
                on_click=lambda: set_unlocked(limits.code_matches(given)),
                classes=["nav-access"],
            )
            solara.HTML(
                tag="a",
                unsafe_innerHTML=room_ui("join", LANGUAGES[0]),
                attributes={"href": "/room"},
            )
        return
    Page()


@solara.component
def Layout(children=()):
    """Solara's app layout without the route tabs (the pages link to each other)."""
    solara.AppLayout(children=list(children), navigation=False)


follow_server_navigation()  # before any page is built (workshop/navigator.py)

routes = [
    solara.Route(path="/", component=Home, layout=Layout),
    solara.Route(path="room", component=RoomPage),
]


def _with(settings: Settings, **changes) -> Settings:
    new = settings.copy()
    for key, value in changes.items():
        setattr(new, key, value)
    return new
