"""The role-play pages (Solara): the room landing, a participant's view, the facilitator's.

Addresses: ``/room`` (join with a code, or open a room), ``/room/<CODE>?p=<token>`` (a
participant: a reload or a new connection with the same address gets the same role
back) and ``/room/<CODE>?f=<token>`` (the facilitator). The room itself lives in
``workshop.room.ROOMS``; every page of a room runs one waiting thread
(``Room.wait``) that re-renders the page when the room changes (a choice, a role, a
round closed) and stops when the page's session closes or is culled.
"""

from __future__ import annotations

import base64
import html
from datetime import datetime
from typing import Any

import solara

from messages import LANGUAGE_NAMES, LANGUAGES, format_number
from workshop import limits
from workshop.cards import load_cards
from workshop.labels import export_text, value_label
from workshop.room import (
    AGENDA_LEVELS,
    CODE_LENGTH,
    EVENTS,
    LEADER_AREA_IDS,
    NO,
    ROLE_KINDS,
    ROOMS,
    RULE,
    YES,
    Room,
    RoomError,
    area_name,
)
from workshop.room_export import choice_text, role_name
from workshop.room_labels import (
    decision_label,
    event_label,
    kind_label,
    number_label,
    role_label,
    room_error,
    room_ui,
)
from workshop.settings import Settings, region_names

WAIT_SECONDS = 1.0  # a page's waiting thread looks at its cancel flag this often
PAGE_STYLE = {"max-width": "1100px", "padding": "8px", "width": "100%"}
TABLE_STYLE = {"border-collapse": "collapse", "font-size": "0.85em", "width": "100%"}


def cases() -> list[tuple[str, Settings]]:
    """What a room can be opened on: the counties, then the ready cases (the cards)."""
    out = [(f"region:{r}", Settings(region=r)) for r in region_names()]
    out += [(f"card:{c.id}", c.to_settings()) for c in load_cards()]
    return out


def case_label(key: str, lang: str) -> str:
    """A case's name: the county, or the card's title."""
    kind, _, name = key.partition(":")
    if kind == "region":
        return value_label(name, lang)
    return next(c.title[lang] for c in load_cards() if c.id == name)


@solara.component
def Box(text: str, test_id: str, background: str = "#e8f0fe"):
    """A message box (solara.Info/Error need Vuetify 2 traits; this is plain HTML)."""
    solara.HTML(
        tag="div",
        unsafe_innerHTML=html.escape(text),
        classes=[test_id],
        style={"background": background, "padding": "8px 12px", "border-radius": "4px"},
    )


@solara.component
def ErrorBox(error: str | None):
    """The page's error message, if any.

    A component of its own, always in the page: an element that came and went would
    shift the positions of the elements after it, and Solara would build their widgets
    anew; a click that reached a replaced button then did nothing (the cause of lost
    clicks in the room browser test under load).
    """
    if error:
        Box(error, "room-error", "#fdecea")


@solara.component
def GroupField(group: str, default: str, set_group, lang: str, test_id: str):
    """The group's name for an export's file names (shows ``default`` until one is typed)."""
    with solara.Div(style={"width": "220px"}):
        solara.InputText(
            export_text("group", lang),
            value=group or default,
            on_value=set_group,
            classes=[test_id],
        )


@solara.component
def LanguageBar(lang: str, set_lang, title: str):
    """The app bar: title and the language switch."""
    solara.Title(title)
    with solara.AppBar():
        with solara.ToggleButtonsSingle(value=lang, on_value=set_lang, classes=["nav-lang"]):
            for code in LANGUAGES:
                solara.Button(LANGUAGE_NAMES[code], value=code, text=True)


@solara.component
def Full(lang: str):
    """The page a session beyond the cap gets."""
    Box(room_ui("full", lang, n=limits.session_count() - 1), "nav-full", "#fdecea")


@solara.component
def RoomPage():
    """``/room...``: the landing, a participant's page or the facilitator's."""
    lang, set_lang = solara.use_state(LANGUAGES[0])
    router = solara.use_router()
    full = solara.use_memo(limits.is_full, [])
    LanguageBar(lang, set_lang, room_ui("title", lang))
    if full:
        Full(lang)
        return
    parts = [p for p in router.parts if p]
    query = dict(q.split("=", 1) for q in (router.search or "").split("&") if "=" in q)
    room = ROOMS.get(parts[1]) if len(parts) > 1 else None
    with solara.Column(style=PAGE_STYLE):
        if room is not None and query.get("f") == room.facilitator:
            Watched(room, lang, None)
        elif room is not None and query.get("p") in room.participants:
            Watched(room, lang, query["p"])
        else:
            Landing(lang, router, unknown=len(parts) > 1)


@solara.component
def Landing(lang: str, router, unknown: bool):
    """Join a room with its code, or open one (with the facilitator code off localhost)."""
    code, set_code = solara.use_state("")
    name, set_name = solara.use_state("")
    access, set_access = solara.use_state("")
    case, set_case = solara.use_state("region:agder")
    length, set_length = solara.use_state("year")
    error, set_error = solara.use_state(room_ui("wrong_code", lang) if unknown else None)

    def join():
        try:
            room, token = ROOMS.join(code, name)
        except RoomError:
            set_error(room_ui("wrong_code", lang))
            return
        router.push(f"/room/{room.code}?p={token}")

    def open_room():
        if not limits.code_matches(access):
            set_error(room_ui("wrong_code", lang))
            return
        settings = dict(cases())[case]
        try:
            room = ROOMS.open(settings, length)
        except RoomError as e:
            set_error(room_error(e, lang))
            return
        router.push(f"/room/{room.code}?f={room.facilitator}")

    ErrorBox(error)
    if limits.access_code() is not None:
        solara.Text(room_ui("access_note", lang))
    with solara.Card(room_ui("join", lang)):
        solara.InputText(
            room_ui("code", lang),
            value=code,
            on_value=set_code,
            continuous_update=True,
            classes=["room-code-input"],
        )
        solara.InputText(
            room_ui("your_name", lang),
            value=name,
            on_value=set_name,
            continuous_update=True,
            classes=["room-name-input"],
        )
        solara.Button(  # enabled once the server has the code and the name
            room_ui("join_button", lang),
            on_click=join,
            color="primary",
            disabled=len(code.strip()) < CODE_LENGTH or not name.strip(),
            classes=["room-join"],
        )
    with solara.Card(room_ui("open_room", lang)):
        keys = [k for k, _ in cases()]
        solara.v.Select(
            label=room_ui("case", lang),
            v_model=case,
            items=[{"title": case_label(k, lang), "value": k} for k in keys],
            on_v_model=set_case,
            dense=True,
            class_="room-case",
        )
        with solara.ToggleButtonsSingle(value=length, on_value=set_length):
            for key in ("year", "quarter"):
                solara.Button(room_ui(key, lang), value=key, classes=[f"room-length-{key}"])
        if limits.access_code() is not None:
            solara.InputText(
                room_ui("access_code", lang),
                value=access,
                on_value=set_access,
                continuous_update=True,
                password=True,
                classes=["room-access-input"],
            )
        solara.Button(room_ui("open_button", lang), on_click=open_room, classes=["room-open"])
    solara.HTML(
        tag="a",
        unsafe_innerHTML=html.escape(room_ui("sandbox", lang)),
        attributes={"href": "/"},
        classes=["room-sandbox-link"],
    )


@solara.component
def Watched(room: Room, lang: str, token: str | None):
    """A room page that re-renders whenever the room changes (its own waiting thread)."""
    version = solara.use_reactive(room.version)

    def watch(cancel):
        seen = version.peek()
        while not cancel.is_set():
            now = room.wait(seen, WAIT_SECONDS)
            if now != seen:
                seen = now
                version.set(now)

    solara.use_thread(watch, dependencies=[room.code, token], intrusive_cancel=False)
    if token is None:
        Facilitator(room, lang, version.value)
    else:
        ParticipantView(room, token, lang, version.value)


def status_line(room: Room, lang: str) -> str:
    """Round, month and phase, for every page of the room."""
    return (
        f"{room_ui('room', lang)} {room.code} · {room_ui('round', lang)} {room.round} · "
        f"{room_ui('month', lang)} {room.model.month} · {room_ui('phase_' + room.phase, lang)}"
    )


@solara.component
def Status(room: Room, lang: str, version: int, error: str | None):
    """Round, month and phase (also as data attributes), then the page's error, if any."""
    solara.HTML(
        tag="div",
        unsafe_innerHTML=html.escape(status_line(room, lang)),
        classes=["room-status"],
        attributes={"data-round": str(room.round), "data-phase": room.phase},
    )
    ErrorBox(error)


@solara.component
def ParticipantView(room: Room, token: str, lang: str, version: int):
    """A participant's page: their role, its decisions and its numbers."""
    error, set_error = solara.use_state(None)
    view = room.view(token)
    Status(room, lang, version, error)
    if view["role"] is None:
        Box(room_ui("no_role", lang), "room-no-role")
        RolePicker(room, token, lang, set_error, version)
        return
    solara.HTML(
        tag="h3",
        unsafe_innerHTML=html.escape(
            f"{room_ui('your_role', lang)}: {role_name(room, view['role'], lang)}"
        ),
        classes=["room-role"],
        attributes={"data-role": view["role"]},
    )

    def choose(decision: str, value: Any):
        try:
            room.choose(token, decision, value)
            set_error(None)
        except RoomError as e:
            set_error(room_error(e, lang))

    with solara.Card(room_ui("your_decisions", lang)):
        for decision in view["decisions"]:
            DecisionInput(
                room,
                decision,
                view["choices"].get(decision, RULE),
                choose,
                lang,
                room.phase == "open",
                view.get("offices", []),
            )
    with solara.Card(room_ui("your_numbers", lang)):
        NumbersTable(view["numbers"], lang)


@solara.component
def RolePicker(room: Room, token: str, lang: str, set_error, version: int):
    """Pick a free role: tap a kind, then a place (re-rendered when the room changes).

    Plain buttons rather than a drop-down list or a search box: easy on a phone, and
    nothing typed can be overwritten while the room changes around it.
    """
    kind, set_kind = solara.use_state(None)

    def take(role_id: str):
        try:
            room.assign(token, role_id)
        except RoomError as e:
            set_error(room_error(e, lang))

    solara.Text(room_ui("pick_role", lang), style={"font-weight": "bold"})
    free = room.free_roles()
    with solara.Row(style={"flex-wrap": "wrap", "gap": "4px"}):
        for k in ROLE_KINDS:
            solara.Button(
                kind_label(k, lang),
                on_click=lambda k=k: set_kind(k),
                color="primary" if k == kind else None,
                outlined=k != kind,
                classes=[f"room-kind-{k}"],
                style={"text-transform": "none"},
            ).key(k)
    if kind is not None:
        with solara.Row(style={"flex-wrap": "wrap", "gap": "4px"}):
            for r in (r for r in free if r.kind == kind):
                solara.Button(
                    role_label(r.kind, r.name, lang),
                    on_click=lambda r=r: take(r.id),
                    outlined=True,
                    classes=["room-take-role", "take-" + r.id.replace(":", "-")],
                    style={"text-transform": "none"},
                ).key(r.id)  # a button stays its role's while the list changes


@solara.component
def DecisionInput(
    room: Room,
    decision: str,
    choice: Any,
    on_choose,
    lang: str,
    open_: bool,
    offices: list[tuple[str, str]] = (),
):
    """One decision: the model's rule or the participant's own answer.

    ``offices``: the fylkesdirektør's offices, (id, name), to focus the attention on.
    """
    picks = {"areas": lambda: default_areas(room), "attention": lambda: [offices[0][0]]}
    if decision in picks:
        values = [RULE, "pick"]
        current = RULE if choice == RULE else "pick"
    elif decision == "agenda":
        values = [RULE, *AGENDA_LEVELS]
        current = choice
    else:
        values = [RULE, YES, NO]
        current = choice
    with solara.Column(classes=[f"room-decision-{decision}"], style={"margin-bottom": "10px"}):
        solara.Text(decision_label(decision, lang), style={"font-weight": "bold"})
        with solara.Row(style={"flex-wrap": "wrap", "gap": "4px"}):
            for v in values:
                solara.Button(
                    room_ui(v, lang) if v != "pick" else pick_label(decision, lang),
                    on_click=lambda v=v: on_choose(
                        decision, v if v != "pick" else picks[decision]()
                    ),
                    disabled=not open_,
                    color="primary" if v == current else None,
                    outlined=v != current,
                    classes=[f"choice-{v}", "choice-on" if v == current else "choice-off"],
                    style={"text-transform": "none"},
                )
        if decision == "areas" and choice != RULE:
            solara.SelectMultiple(
                room_ui("areas_hint", lang, n=len(choice)),
                values=[area_name(a) for a in choice],
                all_values=[area_name(a) for a in LEADER_AREA_IDS],
                on_value=lambda names: on_choose(
                    decision, [a for a in LEADER_AREA_IDS if area_name(a) in names]
                ),
                disabled=not open_,
                classes=["room-areas"],
            )
        if decision == "attention" and choice != RULE:
            names = dict(offices)
            solara.SelectMultiple(
                room_ui("focus_hint", lang),
                values=[names[o] for o in choice if o in names],
                all_values=list(names.values()),
                on_value=lambda chosen: on_choose(
                    decision, [o for o, name in offices if name in chosen]
                ),
                disabled=not open_,
                classes=["room-focus"],
            )


def pick_label(decision: str, lang: str) -> str:
    """The button that leaves the model's rule for one's own pick."""
    return room_ui("areas_hint", lang, n=3) if decision == "areas" else room_ui("focus", lang)


def default_areas(room: Room) -> list[int]:
    """The first pick offered: the service-level areas (quality, relations, strategy)."""
    k = room.model.cfg.development.areas_per_period
    preferred = [11, 12, 16, *LEADER_AREA_IDS]
    return list(dict.fromkeys(preferred))[:k]


@solara.component
def NumbersTable(numbers: list, lang: str):
    """A role's numbers: the room's model beside the model-rule twin."""
    head = (
        f"<tr><th style='text-align:left'>{html.escape(room_ui('what', lang))}</th>"
        f"<th>{room_ui('you', lang)}</th><th>{room_ui('model_rule', lang)}</th></tr>"
    )
    rows = "".join(
        f"<tr data-number='{k}' data-you='{a!r}' data-rule='{b!r}'>"
        f"<td>{html.escape(number_label(k, lang))}</td>"
        f"<td style='text-align:right'>{format_number(a, lang, 3, group=True)}</td>"
        f"<td style='text-align:right'>{format_number(b, lang, 3, group=True)}</td></tr>"
        for k, a, b in numbers
    )
    solara.HTML(
        tag="table", unsafe_innerHTML=head + rows, classes=["room-numbers"], style=TABLE_STYLE
    )


@solara.component
def Facilitator(room: Room, lang: str, version: int):
    """The facilitator's page: the code, the people, the rounds, events and the debrief."""
    error, set_error = solara.use_state(None)
    export, set_export = solara.use_state(None)  # (key, zip name, bytes) of the last export
    band, set_band = solara.use_state(None)  # (key, picture) of the last band shown
    group, set_group = solara.use_state("")  # the name in the export's file names
    group_name = group.strip() or f"{room_ui('room', lang)} {room.code}"
    # an export or band made from another state of the room is not offered (stale)
    export_key = (room.version, lang, group_name)
    band_key = (room.model.month, tuple(room.events), lang)

    def prepare_export():
        name, data = room.export_zip(lang, group=group_name, when=datetime.now())
        set_export((export_key, name, data))

    def act(fn, *args):
        try:
            fn(*args)
            set_error(None)
        except RoomError as e:
            set_error(room_error(e, lang))

    solara.HTML(
        tag="div",
        unsafe_innerHTML=f"{html.escape(room_ui('code', lang))}: <b>{room.code}</b>",
        classes=["room-code"],
        style={"font-size": "2.2em", "letter-spacing": "0.1em"},
    )
    Status(room, lang, version, error)
    with solara.Row(style={"flex-wrap": "wrap", "gap": "6px"}):
        solara.Button(
            room_ui("open_round", lang),
            on_click=lambda: act(room.open_round),
            disabled=room.phase != "waiting" or room.finished,
            classes=["room-open-round"],
        )
        solara.Button(
            room_ui("close_round", lang),
            on_click=lambda: act(room.close_round),
            disabled=room.phase != "open",
            color="primary",
            classes=["room-close-round"],
        )
        paused = room.phase == "paused"
        solara.Button(
            room_ui("resume" if paused else "pause", lang),
            on_click=lambda: act(room.pause, not paused),
            classes=["room-pause"],
        )
    RoundTime(room, lang, version)
    with solara.Card(room_ui("events", lang)):
        solara.Text(room_ui("event_note", lang), style={"font-size": "0.85em"})
        with solara.Row(style={"flex-wrap": "wrap", "gap": "6px"}):
            for kind in EVENTS:
                solara.Button(
                    event_label(kind.value, lang),
                    on_click=lambda k=kind.value: act(room.inject, k),
                    classes=[f"room-event-{kind.value}"],
                    outlined=True,
                )
        if room.events:
            solara.Text(
                ", ".join(
                    f"{event_label(k, lang)} ({room_ui('month', lang)} {m})" for m, k in room.events
                ),
                classes=["room-events"],
            )
    with solara.Card(f"{room_ui('participants', lang)} ({len(room.participants)})"):
        People(room, lang, act, version)
    with solara.Card(room_ui("decisions_by_round", lang)):
        RoundsTable(room, lang, version)
        solara.HTML(
            tag="div",
            unsafe_innerHTML=html.escape(f"{room_ui('decision_log', lang)}: {len(room.log)}"),
            classes=["room-log-count"],
            attributes={"data-count": str(len(room.log))},
        )
    with solara.Card(room_ui("debrief", lang)):
        with solara.Row(style={"flex-wrap": "wrap", "gap": "6px"}):
            solara.Button(
                room_ui("show_band", lang),
                classes=["room-band"],
                on_click=lambda: set_band((band_key, band_png(room, lang))),
            )
            GroupField(group, group_name, set_group, lang, "room-group")
            solara.Button(
                room_ui("export", lang),
                classes=["room-export"],
                on_click=prepare_export,
            )
        if band is not None and band[0] == band_key:
            solara.HTML(
                tag="img",
                attributes={"src": band[1], "style": "max-width:100%"},
                classes=["room-band-img"],
            )
        if export is not None and export[0] == export_key:
            data = base64.b64encode(export[2]).decode("ascii")
            solara.HTML(
                tag="a",
                unsafe_innerHTML=html.escape(f"{room_ui('download', lang)}: {export[1]}"),
                attributes={
                    "href": f"data:application/zip;base64,{data}",
                    "download": export[1],
                },
                classes=["room-download"],
            )


def band_png(room: Room, lang: str) -> str:
    """The debrief picture as a data address."""
    from workshop import room_plots

    png = room_plots.summary_png(room, room.band(), lang)
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


@solara.component
def RoundTime(room: Room, lang: str, version: int):
    """How long the last round took on the server (nothing before the first round)."""
    if room.round_seconds:
        ms = format_number(1000 * room.round_seconds[-1], lang, fraction=0, group=False)
        solara.Text(f"{room_ui('round_time', lang)} {ms} ms")


@solara.component
def People(room: Room, lang: str, act, version: int):
    """Each participant with a role picker (the facilitator reassigns).

    ``version`` (the room's) is a prop so that the list re-renders when the room changes.
    """
    if not room.participants:
        solara.Text(room_ui("nobody", lang))
    roles = [None, *room.roles]
    items = [{"title": role_name(room, r, lang), "value": r} for r in roles]
    for token, p in list(room.participants.items()):
        with solara.Row(
            style={"align-items": "center", "flex-wrap": "wrap"}, classes=["room-person"]
        ):
            solara.Text(p.name, style={"min-width": "120px"})
            solara.v.Select(
                label=room_ui("assign", lang),
                v_model=p.role,
                items=items,
                on_v_model=lambda r, t=token: act(room.assign, t, r),
                dense=True,
                class_="room-assign",
                style_="max-width: 360px",
            )


@solara.component
def RoundsTable(room: Room, lang: str, version: int):
    """Each played role's choices by round (re-rendered when the room's ``version`` moves)."""
    rounds = room.rounds
    keys = sorted({k for r in rounds for k in r if "|" in k})
    head = (
        "<tr><th>"
        + room_ui("round", lang)
        + "</th>"
        + "".join(
            f"<th>{html.escape(role_name(room, k.split('|')[0], lang))}: "
            f"{html.escape(decision_label(k.split('|')[1], lang))}</th>"
            for k in keys
        )
        + "</tr>"
    )
    rows = "".join(
        f"<tr data-round='{r['round']}'><td>{r['round']}</td>"
        + "".join(
            f"<td data-key='{html.escape(k)}' data-choice='{html.escape(str(r.get(k, RULE)))}'>"
            f"{html.escape(choice_text(r.get(k, RULE), lang))}</td>"
            for k in keys
        )
        + "</tr>"
        for r in rounds
    )
    solara.HTML(
        tag="table", unsafe_innerHTML=head + rows, classes=["room-rounds"], style=TABLE_STYLE
    )
