"""The debrief export of both apps: file names, translated CSVs, settings in words, one page.

An export is a zip named after the group and the time, ``navsim_<group>_<YYYY-MM-DD_HHMM>.zip``,
holding one folder of the same name (two groups' exports unpack side by side). Inside:
a one-page summary (PDF, A4), the settings in words, a read-me, the debrief CSVs and the
plots as PNG at print resolution (``workshop.plots.PRINT_DPI``), all in the app's
language. File names are the translated words, slugged (``slugify``).

The CSVs are for people: their headers are translated labels. Bokmål files separate
columns with ";" and write a decimal comma, English ones "," and a decimal point, both
UTF-8 with a byte-order mark: Excel opens a CSV file with the list separator and decimal
sign of the computer's regional settings (Norwegian: ";" and ","), and reads it as UTF-8
(æ, ø, å) only with the mark; pandas reads either back with ``sep`` and ``decimal``.
The data files of the contract (DESIGN §6: the run tables, ``compare.csv``) are not
made here and keep their snake_case names.
"""

from __future__ import annotations

import io
import re
import textwrap
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from messages import format_number
from workshop import plots
from workshop.differences import (
    DEFAULT_SEEDS,
    Agreement,
    default_window,
    paired_differences,
    seeds_from,
    summarise,
)
from workshop.labels import (
    export_text,
    lever_label,
    plot_title,
    scenario_setting_label,
    series_label,
    ui,
    value_label,
)
from workshop.settings import GOVERNANCE_FIELDS, Settings, governance_preset

if TYPE_CHECKING:
    from workshop.cards import Card
    from workshop.session import Session

# lang -> (column separator, decimal sign) of the debrief CSVs (see the module's docstring)
CSV_FORMAT = {"nb": (";", ","), "en": (",", ".")}
CSV_DECIMALS = 4
SLUG_LENGTH = 40
TIME_FORMAT = "%Y-%m-%d_%H%M"
A4 = (8.27, 11.69)  # inches, portrait
# decimals of a difference as people read it (indices 0-1: three; months: two; counts: one)
DECIMALS = {
    "trust_owners": 3,
    "trust_leader_state": 3,
    "trust_leader_municipal": 3,
    "cooperation_quality": 3,
    "external_cooperation": 3,
    "mean_wait_months": 2,
}
# the plots of the summary page when no card names its own
SUMMARY_PLOTS = ("trust", "exits", "users", "partnership_graph")
TRANSLITERATE = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})
WRAP = 110  # characters per line of the summary's text (8 pt on A4)


def format_difference(value: float, outcome: str, lang: str) -> str:
    """A paired difference as a person reads it: signed, no "+0", no e-notation."""
    digits = DECIMALS.get(outcome, 1)
    if round(value, digits) == 0:
        return format_number(0.0, lang, fraction=0)
    return format_number(value, lang, fraction=digits, signed=True)


def format_level(x: float, lang: str) -> str:
    """A level (not a difference) as people read it: grouped, no exponent, few decimals."""
    size = abs(x)
    return format_number(x, lang, fraction=0 if size >= 100 else 2 if size >= 1 else 3)


def slugify(text: str, fallback: str = "") -> str:
    """A safe file-name part: lower-case ASCII letters, digits and single dashes.

    Norwegian letters are written out (æ -> ae, ø -> o, å -> a), other accents dropped;
    everything else (spaces, slashes, dots) becomes a dash, so nothing can leave the
    export's folder. At most ``SLUG_LENGTH`` characters, cut at a dash.

    Args:
        text: What the person typed (a group name) or a translated word.
        fallback: Slugged instead when ``text`` leaves nothing.

    Returns:
        The slug (empty only if the fallback is empty too).
    """
    ascii_text = unicodedata.normalize("NFKD", text.translate(TRANSLITERATE))
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.encode("ascii", "ignore").decode().lower())
    slug = slug.strip("-")
    if len(slug) > SLUG_LENGTH:
        slug = slug[:SLUG_LENGTH].rsplit("-", 1)[0] or slug[:SLUG_LENGTH]
    if not slug and fallback:
        return slugify(fallback)
    return slug


def export_stem(group: str, when: datetime, lang: str) -> str:
    """``navsim_<group>_<YYYY-MM-DD_HHMM>``: the export's zip and folder name."""
    return f"navsim_{slugify(group, export_text('group_default', lang))}_{when:{TIME_FORMAT}}"


def file_name(key: str, lang: str, ext: str) -> str:
    """A file of the export: the translated word of ``key`` (``EXPORT``), slugged."""
    return f"{slugify(export_text(key, lang))}.{ext}"


def plot_file(index: int, title: str) -> str:
    """A plot's PNG name: its place and its translated title, slugged."""
    return f"{index:02d}-{slugify(title)}.png"


def zip_folder(stem: str, files: dict[str, bytes]) -> bytes:
    """A zip of ``files`` in one folder named ``stem``."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(f"{stem}/{name}", data)
    return buf.getvalue()


def capitalise(text: str) -> str:
    """``text`` with its first letter upper-case (a label as a column header)."""
    return text[:1].upper() + text[1:]


def debrief_csv(df: pd.DataFrame, headers: Sequence[str], lang: str) -> bytes:
    """A table as a CSV for people: translated ``headers``, the language's CSV format.

    Columns of whole numbers are written without decimals, other numbers with
    ``CSV_DECIMALS`` decimals (never an exponent), no thousands separator.

    Args:
        df: The table.
        headers: One header per column, in order.
        lang: "nb" (";" and decimal comma) or "en" ("," and decimal point).

    Returns:
        The CSV's bytes (UTF-8 with a byte-order mark).
    """
    sep, decimal = CSV_FORMAT[lang]
    out = df.copy()
    for c in out.columns:
        values = out[c]
        if pd.api.types.is_float_dtype(values) and bool((values.dropna() % 1 == 0).all()):
            out[c] = values.round().astype("Int64")
    out.columns = list(headers)
    text = out.to_csv(index=False, sep=sep, decimal=decimal, float_format=f"%.{CSV_DECIMALS}f")
    return ("\ufeff" + text).encode("utf-8")


def csv_note(lang: str) -> str:
    """The sentence that says how the CSVs are written (the read-me's)."""
    sep, decimal = CSV_FORMAT[lang]
    return export_text(
        "csv_note",
        lang,
        separator=export_text("separator_semicolon" if sep == ";" else "separator_comma", lang),
        decimal=export_text("decimal_comma" if decimal == "," else "decimal_point", lang),
        settings=export_text(f"settings_{lang}", lang),
    )


@cache
def municipality_names() -> dict[str, str]:
    """Municipality id -> name (``sim.data``, 2025)."""
    from sim.data import load_municipalities

    df = load_municipalities()
    return dict(zip(df["municipality_id"], df["name"], strict=True))


def _names(ids: Any) -> str:
    names = municipality_names()
    ids = ids if isinstance(ids, list | tuple) else [ids]
    return ", ".join(names.get(str(i), str(i)) for i in ids)


def scenario_value(key: str, value: Any, lang: str) -> str:
    """A scenario setting's value in words: municipality names, numbers as read."""
    if key in ("host", "members", "municipality"):
        return _names(value)
    if key == "offices":
        return "; ".join(f"{_names(ids[:1])} ({_names(ids)})" for ids in value.values())
    return format_number(float(value), lang, 6, group=True)


def lever_value(value: Any, lang: str) -> str:
    """A lever's value in words (switches: yes or no)."""
    if isinstance(value, bool):
        return export_text("yes" if value else "no", lang)
    if isinstance(value, list | tuple):
        return ", ".join(value_label(v, lang) for v in value)
    return value_label(value, lang)


def changed_levers(settings: Settings) -> list[str]:
    """The levers whose value differs from the settings' governance preset."""
    preset = governance_preset(settings.preset)
    return [n for n in GOVERNANCE_FIELDS if settings.governance[n] != preset[n]]


def settings_lines(
    settings: Settings,
    lang: str,
    all_levers: bool = False,
    levers: Sequence[str] = (),
) -> list[tuple[str, str]]:
    """The settings as (label, value) lines in words: no keys, no Python values.

    Args:
        settings: The settings.
        lang: "nb" or "en".
        all_levers: Every lever, one line each; else the preset, then on one line the
            levers set on top of it: those changed from it and ``levers``.
        levers: Levers to name even if the preset has the same value (a card's own).

    Returns:
        The lines, region first, the seed last.
    """
    if settings.region == "custom":
        region = export_text("own_region", lang, names=_names(settings.municipalities))
    else:
        region = value_label(settings.region, lang)
    lines = [
        (ui("region", lang), region),
        (ui("scenario", lang), value_label(settings.scenario, lang)),
    ]
    if settings.scenario != "baseline":
        lines.append((ui("scenario_month", lang), str(settings.scenario_month)))
        for key, value in settings.scenario_settings.items():
            if value not in (None, [], {}):
                lines.append((scenario_setting_label(key, lang), scenario_value(key, value, lang)))
    lines.append((ui("preset", lang), value_label(settings.preset, lang)))
    if all_levers:
        names = GOVERNANCE_FIELDS
    else:
        names = [n for n in GOVERNANCE_FIELDS if n in levers or n in changed_levers(settings)]
        lines.append(
            (
                export_text("levers_set", lang),
                "; ".join(
                    f"{lever_label(n, lang)}: {lever_value(settings.governance[n], lang)}"
                    for n in names
                )
                or export_text("levers_as_preset", lang),
            )
        )
        names = ()
    lines += [(lever_label(n, lang), lever_value(settings.governance[n], lang)) for n in names]
    lines.append((ui("seed", lang), str(settings.seed)))
    return lines


def when_text(when: datetime, lang: str) -> str:
    """A date and time as the language writes it (bokmål "7. desember 2026 20:10")."""
    from babel.dates import format_date, format_time

    from messages import LOCALES

    locale = LOCALES[lang]
    return f"{format_date(when, 'long', locale=locale)} {format_time(when, 'HH:mm', locale=locale)}"


def text_file(title: str, lines: Sequence[tuple[str, str]], extra: Sequence[str] = ()) -> bytes:
    """A plain-text file: a title, "label: value" lines, then paragraphs (UTF-8)."""
    body = [title, "=" * len(title), ""]
    body += [f"{label}: {value}" for label, value in lines]
    for paragraph in extra:
        body += ["", textwrap.fill(paragraph, 88)]
    return ("\n".join(body) + "\n").encode("utf-8")


def readme(lang: str, files: Sequence[tuple[str, str]]) -> bytes:
    """The read-me of an export: each file and what it holds, the CSV format, the caveat."""
    lines = [export_text("readme_files", lang), ""]
    lines += [f"- {name}: {what}" for name, what in files]
    lines += ["", textwrap.fill(csv_note(lang), 88), "", export_text("readme_model", lang)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def summary_pdf(title: str, *args: Any, **kw: Any) -> bytes:
    """``summary_figure`` as a one-page PDF (A4) titled ``title``."""
    from matplotlib.backends.backend_pdf import PdfPages

    fig = summary_figure(title, *args, **kw)
    buf = io.BytesIO()
    with PdfPages(buf, metadata={"Title": title, "Creator": "navsim"}) as pdf:
        pdf.savefig(fig)
    return buf.getvalue()


def summary_figure(
    title: str,
    lines: Sequence[tuple[str, str]],
    caption: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    panels: Sequence[Callable[[Any], None]],
    lang: str,
    note: str = "",
) -> bytes:
    """One A4 page: a title, the settings in words, a table and up to four plots.

    Args:
        title: The page's title.
        lines: (label, value) lines under the title.
        caption: The table's caption.
        headers: The table's column headers.
        rows: The table's rows (texts, numbers already written in ``lang``).
        panels: Up to four functions, each drawing one plot on the axes it is given.
        lang: "nb" or "en" (the numbers of the plots' axes).
        note: A small-print line under the table.

    Returns:
        The page (a figure of A4 size).
    """
    from matplotlib.figure import Figure

    from analysis.plots import localise

    fig = Figure(figsize=A4)
    line = 11.5 / (A4[1] * 72)  # one 8-pt line, in figure heights
    y = 0.965
    fig.text(0.06, y, title, fontsize=13, weight="bold", va="top")
    y -= 2.6 * line
    for label, value in lines:
        wrapped = textwrap.wrap(f"{label}: {value}", WRAP, subsequent_indent="    ")
        for part in wrapped:
            fig.text(0.06, y, part, fontsize=8, va="top")
            y -= line
    y -= line
    fig.text(0.06, y, caption, fontsize=9, weight="bold", va="top")
    y -= 1.6 * line
    first = 0.36  # the first column (the labels) is the widest
    widths = [first] + [(1 - first) / max(len(headers) - 1, 1)] * (len(headers) - 1)
    # headers wrapped to their column (about 125 characters of 7.5 pt across the table)
    heads = [
        "\n".join(textwrap.wrap(h, max(int(125 * w), 8)))
        for h, w in zip(headers, widths, strict=True)
    ]
    head_lines = max(h.count("\n") + 1 for h in heads)
    height = (len(rows) + head_lines) * 1.45 * line
    table_ax = fig.add_axes((0.06, y - height, 0.88, height))
    table_ax.set_axis_off()
    table = table_ax.table(
        cellText=[list(r) for r in rows],
        colLabels=heads,
        colWidths=widths,
        cellLoc="right",
        colLoc="right",
        bbox=(0, 0, 1, 1),
    )
    table.auto_set_font_size(False)
    table.set_fontsize(7.5)
    for (r, c), cell in table.get_celld().items():
        cell.set_linewidth(0.3)
        if c == 0:
            cell.set_text_props(ha="left")
            cell._loc = "left"  # noqa: SLF001 (matplotlib has no setter for a cell's alignment)
        if r == 0:
            cell.set_text_props(weight="bold")
            cell.set_height(head_lines / (len(rows) + head_lines))
        else:
            cell.set_height(1 / (len(rows) + head_lines))
    y -= height + 0.8 * line
    if note:
        for part in textwrap.wrap(note, WRAP + 20):
            fig.text(0.06, y, part, fontsize=6.5, color="#444444", va="top")
            y -= 0.85 * line
    top, bottom = y - 2.5 * line, 0.04
    n = len(panels)
    cols = 2 if n > 1 else 1
    n_rows = int(np.ceil(n / cols)) if n else 0
    gap = 0.07
    h = (top - bottom - gap * max(n_rows - 1, 0)) / max(n_rows, 1)
    w = (0.88 - 0.08 * (cols - 1)) / cols
    for i, draw in enumerate(panels):
        row, col = divmod(i, cols)
        ax = fig.add_axes((0.06 + col * (w + 0.08), top - (row + 1) * h - row * gap, w, h))
        draw(ax)
    return localise(fig, lang)


def difference_rows(rows: Sequence[Agreement], lang: str) -> list[list[str]]:
    """The difference table as people read it: outcome, middle run, range, runs that agree."""
    out = []
    for a in rows:
        if a.low == a.high == 0:
            cells = [ui("no_difference", lang), "", ""]
        else:
            cells = [
                format_difference(a.median, a.outcome, lang),
                f"{format_difference(a.low, a.outcome, lang)} – "
                f"{format_difference(a.high, a.outcome, lang)}",
                ui("n_of_n", lang).format(agree=a.agree, n=a.seeds),
            ]
        out.append([capitalise(series_label(a.outcome, lang)), *cells])
    return out


def session_files(
    session: Session,
    lang: str,
    group: str = "",
    when: datetime | None = None,
    n_seeds: int = DEFAULT_SEEDS,
    card: Card | None = None,
) -> tuple[str, dict[str, bytes]]:
    """Everything a sandbox session exports for the debrief, in ``lang``.

    Args:
        session: The session (its current month and settings).
        lang: "nb" or "en".
        group: The group's name (the file names; "group" when empty).
        when: The time in the file names (now when None).
        n_seeds: Runs of the difference table (as the app's difference view).
        card: The loaded card (its title, question, window and plots), if any.

    Returns:
        The stem (``navsim_<group>_<time>``) and file name -> bytes.
    """
    when = when or datetime.now()
    settings = session.settings.copy()
    window = card.window if card is not None else default_window(settings)
    diffs = paired_differences(settings, window, seeds_from(settings.seed, n_seeds))
    rows = summarise(diffs)
    first, last = window
    caption = ui("difference", lang).format(first=first, last=last, n=len(diffs))
    months = f"{session.month} {ui('of', lang)} {session.model.cfg.months}"
    group_word = export_text("group_default", lang)
    head = [
        (capitalise(group_word), group or group_word),
        (export_text("exported", lang), when_text(when, lang)),
        (export_text("month_reached", lang), months),
    ]
    if card is not None:
        head += [
            (export_text("card", lang), card.title[lang]),
            (ui("question", lang), card.question[lang]),
        ]
    with session.lock:
        data = session.series()
        pngs = plots.all_pngs(session, lang)
        watch = card.watch if card is not None else SUMMARY_PLOTS
        panels = [lambda ax, n=n: plots.draw_plot(ax, n, session, lang) for n in watch[:4]]
        pdf = summary_pdf(
            f"{export_text('summary_title', lang)} ({head[0][1]})",
            head + settings_lines(settings, lang),
            caption,
            [ui("outcome", lang), ui("median", lang), ui("range", lang), ui("agree", lang)],
            difference_rows(rows, lang),
            panels,
            lang,
            note=ui("compare_note", lang),
        )
    names = {k: file_name(k, lang, ext) for k, ext in SESSION_FILES}
    files = {
        names["summary"]: pdf,
        names["settings"]: text_file(
            capitalise(export_text("settings", lang)),
            head + settings_lines(settings, lang, all_levers=True),
        ),
        names["series"]: series_csv(data, lang),
        names["differences"]: debrief_csv(
            pd.DataFrame(
                {
                    "outcome": [capitalise(series_label(a.outcome, lang)) for a in rows],
                    "median": [a.median for a in rows],
                    "low": [a.low for a in rows],
                    "high": [a.high for a in rows],
                    "agree": [a.agree for a in rows],
                    "seeds": [a.seeds for a in rows],
                }
            ),
            [
                ui("outcome", lang),
                ui("median", lang),
                export_text("low", lang),
                export_text("high", lang),
                ui("agree", lang),
                export_text("runs", lang),
            ],
            lang,
        ),
        names["differences_by_run"]: debrief_csv(
            diffs,
            [export_text("run_seed", lang)]
            + [capitalise(series_label(c, lang)) for c in diffs.columns[1:]],
            lang,
        ),
    }
    titles = [plot_title(n, lang) for n in pngs]
    for i, (png, title) in enumerate(zip(pngs.values(), titles, strict=True), start=1):
        files[plot_file(i, title)] = png
    listing = [(names[k], export_text(f"readme_{k}", lang)) for k, _ in SESSION_FILES]
    listing.append(("*.png", export_text("readme_png", lang, dpi=plots.PRINT_DPI)))
    files[file_name("readme", lang, "txt")] = readme(lang, listing)
    return export_stem(group, when, lang), files


SESSION_FILES = (
    ("summary", "pdf"),
    ("settings", "txt"),
    ("series", "csv"),
    ("differences", "csv"),
    ("differences_by_run", "csv"),
)


def series_csv(data: pd.DataFrame, lang: str) -> bytes:
    """``Session.series()`` as a debrief CSV: month, this run's columns, the reference's."""
    headers = []
    for c in data.columns:
        if c == "month":
            headers.append(ui("month", lang))
        elif c.startswith("ref_"):
            label = capitalise(series_label(c[4:], lang))
            headers.append(export_text("reference_run", lang, label=label))
        else:
            headers.append(export_text("this_run", lang, label=capitalise(series_label(c, lang))))
    return debrief_csv(data, headers, lang)
