"""The debrief exports of the sandbox and the room, and the printable cards (issue 23, 5-6).

One session and one room are exported once per language (module fixtures, about 15 s in
all); the tests read the zips as a facilitator would: file names, PNG resolution, CSV
headers and numbers, the settings file, the summary page.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from datetime import datetime

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image

from messages import LANGUAGES
from workshop import plots
from workshop.cards import html_name, load_cards, render_html, render_markdown
from workshop.export import CSV_FORMAT, export_stem, settings_lines, slugify
from workshop.labels import lever_label, plot_title
from workshop.room import RoomRegistry
from workshop.session import Session
from workshop.settings import GOVERNANCE_FIELDS, SCENARIO_KEYS, Settings

WHEN = datetime(2026, 12, 7, 14, 5)
SNAKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")  # a snake_case identifier
PRINT_DPI = 200  # the least a print needs
PRINT_WIDTH_IN = 5.0  # a plot printed 12.7 cm wide needs 1,000 px at 200 dpi
NATURAL_WIDTH_IN = 4.5  # the smallest plot at its own size (the PNG's dpi), 11.4 cm


def read_zip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def read_csv(data: bytes, lang: str) -> pd.DataFrame:
    sep, decimal = CSV_FORMAT[lang]
    return pd.read_csv(io.BytesIO(data), sep=sep, decimal=decimal, encoding="utf-8-sig")


@pytest.fixture(scope="module")
def session():
    card = next(c for c in load_cards() if c.id == "host_office_lister")
    s = Session(card.to_settings())
    s.step(14)
    return s, card


@pytest.fixture(scope="module")
def exports(session):
    s, card = session
    out = {}
    for lang in LANGUAGES:
        name, data = s.export_zip(lang, group="Gruppe Ø/../1", when=WHEN, n_seeds=2, card=card)
        out[lang] = (name, read_zip(data))
    return out


@pytest.fixture(scope="module")
def room_exports():
    room = RoomRegistry().open(Settings(), "quarter", band_seeds=2)
    token = room.join("A", "radmann:4203")
    leader = room.join("B", "navleder:4203")
    room.open_round()
    room.choose(token, "attend", "no")
    room.choose(leader, "areas", [11, 12, 16])
    room.close_round()
    return {lang: room.export_zip(lang, when=WHEN) for lang in LANGUAGES}, room


def files_of(zipped: dict[str, bytes], suffix: str) -> dict[str, bytes]:
    return {n: d for n, d in zipped.items() if n.endswith(suffix)}


# ------------------------------------------------------------------ names


def test_slugify_keeps_letters_digits_and_dashes_only():
    assert slugify("Gruppe Ø/../1") == "gruppe-o-1"
    assert slugify("Ærlig Åse") == "aerlig-ase"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("   ", fallback="gruppe") == "gruppe"
    assert len(slugify("a" * 30 + " " + "b" * 30)) <= 40
    assert export_stem("", WHEN, "en") == "navsim_group_2026-12-07_1405"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_zip_is_named_by_group_and_time_with_one_folder_of_that_name(exports, lang):
    name, files = exports[lang]
    stem = "navsim_gruppe-o-1_2026-12-07_1405"
    assert name == f"{stem}.zip"
    assert files and all(n.startswith(f"{stem}/") and ".." not in n for n in files)
    words = {
        "nb": ("oppsummering.pdf", "innstillinger.txt", "les-meg.txt", "tidsserier.csv"),
        "en": ("summary.pdf", "settings.txt", "read-me.txt", "series.csv"),
    }[lang]
    for word in words:
        assert f"{stem}/{word}" in files, sorted(files)
    assert len(files_of(files, ".png")) == len(plots.PLOT_SERIES) + len(plots.GRAPHS)
    assert f"{stem}/01-{slugify(plot_title('trust', lang))}.png" in files
    assert len(files_of(files, ".csv")) == 3


# ------------------------------------------------------------------ PNGs


def test_pngs_are_at_print_resolution(exports):
    for name, png in files_of(exports["nb"][1], ".png").items():
        image = Image.open(io.BytesIO(png))
        dpi = image.info["dpi"]
        assert min(dpi) >= PRINT_DPI - 1, (name, dpi)
        assert image.width >= PRINT_WIDTH_IN * PRINT_DPI, (name, image.size)
        assert image.width / dpi[0] >= NATURAL_WIDTH_IN, (name, image.size, dpi)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_label_is_cut_the_png_holds_everything_drawn(session, lang):
    """The PNG is the figure's tight box (every title, label and legend) plus its margin."""
    s, _ = session
    figures = [plots.series_figure(n, s.series(), lang, 12) for n in plots.PLOT_SERIES]
    figures.append(plots.partnership_figure(s.model, s.layout, lang))
    figures.append(plots.cooperation_figure(s.model, s.layout, lang))
    for fig in figures:
        png = plots.to_png(fig)
        fig.set_dpi(plots.PRINT_DPI)  # measure as drawn
        box = fig.get_tightbbox(FigureCanvasAgg(fig).get_renderer())
        image = Image.open(io.BytesIO(png))
        want = np.array([box.width + 0.16, box.height + 0.16]) * plots.PRINT_DPI
        np.testing.assert_allclose(image.size, want, atol=3)


# ------------------------------------------------------------------ CSVs and text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_debrief_csvs_have_translated_headers_and_read_back_as_numbers(session, exports, lang):
    s, _ = session
    csvs = files_of(exports[lang][1], ".csv")
    for name, data in csvs.items():
        assert data.startswith("\ufeff".encode()), name  # Excel reads UTF-8 with the mark
        first = data.decode("utf-8-sig").splitlines()[0]
        assert not SNAKE.search(first), (name, first)
        assert first.count(CSV_FORMAT[lang][0]) >= 3, (name, first)
    series = read_csv(
        next(d for n, d in csvs.items() if "/tidsserier" in n or "/series" in n), lang
    )
    month, trust = series.columns[:2]
    assert month == {"nb": "Måned", "en": "Month"}[lang]
    assert trust.endswith({"nb": "(denne kjøringen)", "en": "(this run)"}[lang])
    assert any(c.endswith({"nb": "(referansen)", "en": "(reference)"}[lang]) for c in series)
    np.testing.assert_allclose(series[trust], s.series()["trust_owners"], atol=5e-5)
    assert series[month].tolist() == list(range(s.month + 1))


def test_bokmal_csv_uses_semicolons_and_a_decimal_comma(exports):
    _, files = exports["nb"]
    text = next(d for n, d in files.items() if n.endswith("/tidsserier.csv")).decode("utf-8-sig")
    row = text.splitlines()[1].split(";")
    assert re.fullmatch(r"0,\d{4}", row[1]), row[:3]
    assert "e-" not in text and "e+" not in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_settings_are_readable_text_not_a_repr(exports, lang):
    _, files = exports[lang]
    text = next(d for n, d in files.items() if n.endswith(".txt") and "/les" not in n)
    text = next(
        d.decode("utf-8")
        for n, d in files.items()
        if n.endswith({"nb": "/innstillinger.txt", "en": "/settings.txt"}[lang])
    )
    for bad in ("{", "}", "Settings(", "[", "True", "False", "='", "':"):
        assert bad not in text, bad
    assert not SNAKE.search(text), SNAKE.search(text)
    assert "Kvinesdal" in text and "Agder" in text
    for name in GOVERNANCE_FIELDS:
        assert lever_label(name, lang) in text
    assert not any(k in text for k in SCENARIO_KEYS if "_" in k)


def test_the_settings_in_words_name_the_changed_levers_only():
    s = Settings().with_lever("harmonised_terms", True)
    lines = dict(settings_lines(s, "nb"))
    assert lever_label("harmonised_terms", "nb") in " ".join(lines.values())
    assert lever_label("budget", "nb") not in " ".join(lines.values())
    assert len(dict(settings_lines(s, "nb", all_levers=True))) >= len(GOVERNANCE_FIELDS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_summary_is_a_one_page_pdf(exports, lang):
    _, files = exports[lang]
    pdf = next(d for n, d in files.items() if n.endswith(".pdf"))
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1


def test_the_read_me_says_how_the_csvs_are_written(exports):
    nb = exports["nb"][1]
    text = next(d for n, d in nb.items() if n.endswith("/les-meg.txt")).decode("utf-8")
    assert "semikolon" in text and "desimalkomma" in text and "300 dpi" in text


# ------------------------------------------------------------------ the room


@pytest.mark.parametrize("lang", LANGUAGES)
def test_room_export_is_named_translated_and_has_a_summary(room_exports, lang):
    zips, room = room_exports
    name, data = zips[lang]
    stem = f"navsim_{slugify({'nb': 'rom', 'en': 'room'}[lang] + ' ' + room.code)}_2026-12-07_1405"
    assert name == f"{stem}.zip"
    files = read_zip(data)
    assert all(n.startswith(f"{stem}/") for n in files)
    assert len(files_of(files, ".pdf")) == 1 and len(files_of(files, ".csv")) == 3
    for n, d in files_of(files, ".csv").items():
        first = d.decode("utf-8-sig").splitlines()[0]
        assert not SNAKE.search(first), (n, first)
    decisions = read_csv(
        next(
            d
            for n, d in files.items()
            if n.endswith({"nb": "/beslutninger.csv", "en": "/decisions.csv"}[lang])
        ),
        lang,
    )
    assert len(decisions) > 0
    assert not decisions.astype(str).apply(lambda c: c.str.contains("radmann:|\\[")).any().any()
    png = next(iter(files_of(files, ".png").values()))
    assert min(Image.open(io.BytesIO(png)).info["dpi"]) >= PRINT_DPI - 1


# ------------------------------------------------------------------ printable cards


@pytest.mark.parametrize("lang", LANGUAGES)
def test_printable_cards_have_the_question_in_front_and_the_answer_behind(lang):
    page = render_html(lang)
    cards = load_cards()
    sides = re.findall(r'<section class="page (front|back)">', page)
    assert sides == ["front", "back"] * len(cards)
    assert "break-after: page" in page and "page-break-after: always" in page
    sections = page.split('<section class="page ')[1:]
    sections = [html.unescape(x) for x in sections]
    for c, front, back in zip(cards, sections[0::2], sections[1::2], strict=True):
        assert c.question[lang].split()[0] in front and c.question[lang][-20:] in front
        assert c.shows[lang][-20:] in back and c.shows[lang][-20:] not in front


@pytest.mark.parametrize("lang", LANGUAGES)
def test_printable_cards_carry_no_yaml_no_keys_and_no_line_numbers(lang):
    page = render_html(lang)
    text = re.sub(r"<style>.*?</style>|<[^>]+>", " ", page, flags=re.S)
    assert not re.search(r"\bL\d{3,}", text)
    assert "```" not in page and "settings:" not in text
    assert not SNAKE.search(text), SNAKE.search(text)
    for c in load_cards():
        assert re.search(
            r"(rapporten|report|[Ee]kspertgruppen|expert group)[^§]{0,40}§\d", c.reports[lang]
        )


@pytest.mark.parametrize("card", load_cards(), ids=lambda c: c.id)
def test_line_numbers_live_in_the_cards_sources_for_developers(card):
    assert card.sources
    for source in card.sources:
        assert re.fullmatch(r"\d+(-\d+)?(, \d+(-\d+)?)*", source["lines"])
    text = render_markdown(card)
    assert not re.search(r"\bL\d{3,}", text) and "```" not in text
    assert html_name("nb") in text and html_name("en") in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_summary_table_reads_as_text(lang):
    """Outcome labels, signed numbers in the language, no code names, no exponent."""
    from workshop.differences import Agreement
    from workshop.export import difference_rows

    rows = difference_rows(
        [
            Agreement("trust_owners", 0.00123, -0.0204, 0.031, 4, 5),
            Agreement("n_waiting", 12345.6, 0.00004, 20000.0, 5, 5),
            Agreement("n_staff_state", 0.0, 0.0, 0.0, 5, 5),
        ],
        lang,
    )
    text = " ".join(" ".join(r) for r in rows)
    assert not SNAKE.search(text) and not re.search(r"\de[+-]?\d", text), text
    assert rows[0][1] == {"nb": "+0,001", "en": "+0.001"}[lang]
    assert rows[1][1] == {"nb": "+12\u00a0345,6", "en": "+12,345.6"}[lang]
    assert rows[2][2:] == ["", ""]
