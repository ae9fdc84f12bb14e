"""The debrief picture of a room: its outcomes against the model-rule band (PNG, PDF page)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.figure import Figure

from analysis.plots import localise
from messages import _
from workshop.labels import series_label
from workshop.plots import COLOURS, SCREEN_DPI, to_png
from workshop.room_labels import room_ui

if TYPE_CHECKING:
    from workshop.room import Room


def summary_figure(room: Room, band: pd.DataFrame, lang: str) -> Figure:
    """One panel per outcome of ``ROUND_OUTCOMES``: the room's line in the model-rule band.

    Args:
        room: The room (its outcomes, rounds and events).
        band: ``Room.band()``.
        lang: "nb" or "en".

    Returns:
        The figure.
    """
    from workshop.room import ROUND_OUTCOMES

    fig = Figure(figsize=(9.0, 6.0))
    axes = fig.subplots(2, 2).ravel()
    for i, (ax, col) in enumerate(zip(axes, ROUND_OUTCOMES, strict=False)):
        draw_band(ax, room, band, col, i, lang)
    fig.suptitle(
        f"{room_ui('room', lang)} {room.code}: " + room_ui("band_note", lang, n=room.band_seeds),
        fontsize=8,
        wrap=True,
    )
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    return localise(fig, lang)


def draw_band(ax, room: Room, band: pd.DataFrame, col: str, index: int, lang: str) -> None:
    """One outcome on ``ax``: the model-rule band (min to max), its median dashed, the room solid.

    Args:
        ax: The axes.
        room: The room (its rounds, marked by dotted lines).
        band: ``Room.band()``.
        col: An outcome of ``ROUND_OUTCOMES``.
        index: The panel's place (its colour).
        lang: "nb" or "en".
    """
    colour = COLOURS[index % len(COLOURS)]
    x = band["month"].to_numpy()
    ax.fill_between(x, band[f"{col}_min"], band[f"{col}_max"], color=colour, alpha=0.18, lw=0)
    ax.plot(x, band[f"{col}_median"], color=colour, lw=1.0, ls="--")
    ax.plot(x, band[col], color=colour, lw=1.8)
    for r in room.rounds:
        ax.axvline(r["month"], color="grey", lw=0.6, ls=":")
    ax.set_title(series_label(col, lang), fontsize=9)
    ax.set_xlabel(_("month", lang), fontsize=8)
    ax.tick_params(labelsize=7)
    ax.grid(alpha=0.3)


def summary_png(room: Room, band: pd.DataFrame, lang: str, dpi: int = SCREEN_DPI) -> bytes:
    """The debrief picture as PNG bytes (screen resolution unless ``dpi`` says otherwise)."""
    return to_png(summary_figure(room, band, lang), dpi)
