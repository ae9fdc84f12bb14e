"""The debrief export of a role-play room: summary page, settings, translated CSVs, picture.

As the sandbox's (``workshop.export``): a zip ``navsim_<group>_<YYYY-MM-DD_HHMM>.zip``
with one folder of that name, every file in the facilitator's language. The tables are
the room's decision log, its rounds and the band of the model's own rules, with
translated headers and values (roles, decisions and choices in words).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from workshop import room_plots
from workshop.export import (
    capitalise,
    debrief_csv,
    export_stem,
    file_name,
    format_level,
    readme,
    settings_lines,
    slugify,
    summary_pdf,
    text_file,
    when_text,
)
from workshop.labels import EXPORT, export_text, series_label, ui
from workshop.plots import PRINT_DPI, to_png
from workshop.room import (
    AGENDA_LEVELS,
    NO,
    ROUND_OUTCOMES,
    RULE,
    YES,
    area_name,
    municipality_names,
    office_name,
)
from workshop.room_labels import (
    decision_label,
    event_label,
    role_label,
    room_export_text,
    room_ui,
)

if TYPE_CHECKING:
    from workshop.room import Room

# the files of a room's export: key of room_export_text or EXPORT, extension
ROOM_FILES = (
    ("summary", "pdf"),
    ("settings", "txt"),
    ("decisions", "csv"),
    ("rounds", "csv"),
    ("band", "csv"),
    ("picture", "png"),
)


def role_name(room: Room, role_id: str | None, lang: str) -> str:
    """A role's label in ``lang`` (``no role`` for None)."""
    if role_id is None:
        return room_ui("no_role_value", lang)
    role = room.roles[role_id]
    return role_label(role.kind, role.name, lang)


def choice_text(choice: Any, lang: str) -> str:
    """A logged choice as a person reads it (development areas by their names)."""
    if choice in (RULE, YES, NO, *AGENDA_LEVELS):
        return room_ui(choice, lang)
    if isinstance(choice, str) and choice.replace(" ", "").isdigit():  # areas, 1-based
        return ", ".join(area_name(int(a) - 1) for a in choice.split())
    return str(choice)


def value_text(value: Any, lang: str) -> str:
    """The value a decision took in the model, in words (yes/no, numbers as read)."""
    if isinstance(value, bool | np.bool_):
        return export_text("yes" if value else "no", lang)
    if isinstance(value, int | float | np.number):
        return format_level(float(value), lang)
    return choice_text(value, lang)


def decisions_csv(room: Room, lang: str) -> bytes:
    """The decision log: round, month, role, decision, choice and value in words."""
    log = room.decisions_table()
    munis = municipality_names(room.model)
    table = pd.DataFrame(
        {
            "round": log["round"],
            "month": log["month"],
            "role": [role_name(room, r, lang) for r in log["role"]],
            "decision": [decision_label(d, lang) for d in log["decision"]],
            "choice": [choice_text(c, lang) for c in log["choice"]],
            "value": [value_text(v, lang) for v in log["value"]],
            "office": [office_name(o, munis) if o else "" for o in log["office"]],
        }
    )
    headers = [room_ui("round", lang), room_ui("month", lang)] + [
        room_export_text(k, lang) for k in ("role", "decision", "choice", "value", "office")
    ]
    return debrief_csv(table, headers, lang)


def rounds_csv(room: Room, lang: str) -> bytes:
    """One row per round: each played role's choices, then the room's and the rule's outcomes."""
    rounds = room.rounds_table()
    keys = sorted({k for k in rounds.columns if "|" in k})
    table = pd.DataFrame({"round": rounds.get("round", []), "month": rounds.get("month", [])})
    headers = [room_ui("round", lang), room_ui("month", lang)]
    for k in keys:
        role, decision = k.split("|")
        table[k] = [choice_text(c if isinstance(c, str) else RULE, lang) for c in rounds[k]]
        headers.append(f"{role_name(room, role, lang)}: {decision_label(decision, lang)}")
    for c in ROUND_OUTCOMES:
        label = capitalise(series_label(c, lang))
        table[c] = rounds.get(c, [])
        table[f"rule_{c}"] = rounds.get(f"rule_{c}", [])
        headers += [
            room_export_text("room_value", lang, label=label),
            room_export_text("rule_value", lang, label=label),
        ]
    return debrief_csv(table, headers, lang)


def band_csv(band: pd.DataFrame, lang: str) -> bytes:
    """``Room.band()`` with translated headers: per outcome the room and the rules' band."""
    headers = [room_ui("month", lang)]
    for c in band.columns[1:]:
        outcome, _, part = c.rpartition("_")
        if part not in ("min", "median", "max"):
            outcome, part = c, "room"
        label = capitalise(series_label(outcome, lang))
        headers.append(room_export_text(f"band_{part}", lang, label=label))
    return debrief_csv(band, headers, lang)


def band_rows(band: pd.DataFrame, lang: str) -> list[list[str]]:
    """The summary's table: each outcome in the last month, the room against the band."""
    last = band.iloc[-1]
    rows = []
    for c in ROUND_OUTCOMES:
        lo, hi = float(last[f"{c}_min"]), float(last[f"{c}_max"])
        inside = lo <= float(last[c]) <= hi
        rows.append(
            [
                capitalise(series_label(c, lang)),
                format_level(float(last[c]), lang),
                format_level(float(last[f"{c}_median"]), lang),
                f"{format_level(lo, lang)} – {format_level(hi, lang)}",
                export_text("yes" if inside else "no", lang),
            ]
        )
    return rows


def room_files(
    room: Room, lang: str, group: str = "", when: datetime | None = None
) -> tuple[str, dict[str, bytes]]:
    """Everything a room exports for the debrief, in ``lang``.

    Args:
        room: The room.
        lang: "nb" or "en".
        group: The name in the file names (the room's code when empty).
        when: The time in the file names (now when None).

    Returns:
        The stem (``navsim_<group>_<time>``) and file name -> bytes.
    """
    when = when or datetime.now()
    group = group or f"{room_ui('room', lang)} {room.code}"
    band = room.band()
    with room.lock:
        played = sorted(room.played())
        events = ", ".join(
            f"{event_label(k, lang)} ({room_ui('month', lang)} {m})" for m, k in room.events
        )
        head = [
            (capitalise(export_text("group_default", lang)), group),
            (export_text("exported", lang), when_text(when, lang)),
            (room_ui("room", lang), room.code),
            (room_ui("round_length", lang), room_ui(room.round_length, lang)),
            (room_export_text("rounds_played", lang), str(room.round)),
            (export_text("month_reached", lang), str(room.model.month)),
            (room_ui("events", lang), events or "–"),
            (
                room_ui("played_roles", lang),
                ", ".join(role_name(room, r, lang) for r in played) or "–",
            ),
        ]
        figure = room_plots.summary_figure(room, band, lang)
        names = {k: f"{slugify(_word(k, lang))}.{ext}" for k, ext in ROOM_FILES}
        files = {
            names["summary"]: summary_pdf(
                f"{export_text('summary_title', lang)} ({group})",
                head + settings_lines(room.settings, lang),
                room_export_text("table_caption", lang, month=room.model.month),
                [
                    ui("outcome", lang),
                    room_export_text("the_room", lang),
                    room_export_text("rule_median", lang),
                    room_export_text("rule_range", lang),
                    room_export_text("inside", lang),
                ],
                band_rows(band, lang),
                [
                    lambda ax, c=c, i=i: room_plots.draw_band(ax, room, band, c, i, lang)
                    for i, c in enumerate(ROUND_OUTCOMES)
                ],
                lang,
                note=room_ui("band_note", lang, n=room.band_seeds),
            ),
            names["settings"]: text_file(
                capitalise(export_text("settings", lang)),
                head + settings_lines(room.settings, lang, all_levers=True),
            ),
            names["decisions"]: decisions_csv(room, lang),
            names["rounds"]: rounds_csv(room, lang),
            names["band"]: band_csv(band, lang),
            names["picture"]: to_png(figure),
        }
    listing = [(names[k], _word(f"readme_{k}", lang)) for k, _ in ROOM_FILES[:-1]]
    listing.append((names["picture"], export_text("readme_png", lang, dpi=PRINT_DPI)))
    files[file_name("readme", lang, "txt")] = readme(lang, listing)
    return export_stem(group, when, lang), files


def _word(key: str, lang: str) -> str:
    """A text of a room's export: the sandbox's (``EXPORT``) where they share it."""
    return export_text(key, lang) if key in EXPORT else room_export_text(key, lang)
