"""Scenario cards as data: ``workshop/cards/*.yaml``, read by the app and the tests.

Each card has a bilingual title, a question for the room, the settings it loads (the
fields of ``workshop.settings.Settings``), the plots to watch, the months its claims are
about (``window``) and the claims themselves (an outcome and the range of its mean
difference from the reference over the window, checked on ten seeds by
``tests/test_workshop_cards.py``), what the model shows and what the reports say (each
cited by report and section, in words). The line numbers behind a citation are for
developers: a card's ``sources`` name the domain notes (``domain/<report>_*.md``), the
section and the lines, and are never printed. A card's own texts stay in its YAML file,
both languages side by side, because a card is written and checked as a whole with its
settings and sources; the headings around them come from the message catalogue
(``messages``), the settings are written in words (``workshop.export.settings_lines``).

The cards to read and print are written from the same files into ``docs/workshop/cards/``:
``<id>.md`` per card (both languages, to read on screen) and ``cards_<lang>.html`` per
language (to print double-sided: each card's question on a front page, its answer on
the back)::

    python -m workshop.cards --write    # regenerate docs/workshop/cards/
    python -m workshop.cards --check    # exit 1 if a docs card differs from its data
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from messages import LANGUAGE_NAMES, LANGUAGES, N_, _
from workshop.export import settings_lines
from workshop.labels import plot_title
from workshop.session import COMPARED
from workshop.settings import GOVERNANCE_FIELDS, SCENARIO_KEYS, Settings

SETTING_KEYS = (
    "region",
    "municipalities",
    "preset",
    "governance",
    "scenario",
    "scenario_settings",
    "scenario_month",
    "seed",
)
# a card's developer sources: the domain notes (domain/<report>_*.md), section and lines
SOURCE_KEYS = ("report", "section", "lines", "about")
REPORTS = ("003", "ch5_9", "ch1_4", "coop")
DOCS_DIR = Path(__file__).resolve().parents[1] / "docs" / "workshop" / "cards"
# the headings of a printable card, in each language
HEADINGS = (
    N_("Question for the room"),
    N_("Settings"),
    N_("Watch"),
    N_("What the model shows"),
    N_("What the reports say"),
)
WINDOW = N_(
    "The answer is about months {first}–{last}, against the reference with the same chance."
)
CARDS_TITLE = N_("scenario cards")
PRINT_HINT = N_(
    "Print on both sides of the paper (flip on the long edge): each card's question is on "
    "the front, its answer on the back."
)
FOOTERS = {
    "front": N_("Card {n} of {total}: the question. The answer is on the back."),
    "back": N_("Card {n} of {total}: the answer ({title})."),
}
# A4, one side of a card per page; every page ends in a page break (duplex printing)
PRINT_CSS = """
@page { size: A4; margin: 18mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 13pt; line-height: 1.4;
  color: #111; margin: 0; }
.page { break-after: page; page-break-after: always; position: relative; min-height: 240mm; }
.page:last-of-type { break-after: auto; page-break-after: auto; }
h1 { font-size: 20pt; margin: 0 0 10pt 0; }
h2 { font-size: 13pt; margin: 14pt 0 4pt 0; }
.question { font-size: 16pt; }
ul { padding-left: 18pt; margin: 4pt 0; }
.footer { position: absolute; bottom: 0; font-size: 9pt; color: #555; }
.hint { font-size: 10pt; color: #555; margin: 4mm; }
@media print { .hint { display: none; } }
@media screen { .page { border: 1px solid #bbb; padding: 12mm; margin: 8mm auto;
  max-width: 174mm; min-height: 0; padding-bottom: 16mm; } .footer { bottom: 4mm; } }
"""


@dataclass(frozen=True)
class Card:
    """One scenario card (texts are dicts language -> text, as in the YAML)."""

    id: str
    title: dict[str, str]
    question: dict[str, str]
    settings: dict[str, Any]
    watch: tuple[str, ...]
    shows: dict[str, str]
    reports: dict[str, str]
    window: tuple[int, int] = (1, 12)
    claims: tuple[dict[str, Any], ...] = ()
    sources: tuple[dict[str, str], ...] = ()

    def text(self, field: str, lang: str) -> str:
        """A text field in the chosen language."""
        return getattr(self, field)[lang]

    def to_settings(self) -> Settings:
        """The session settings this card loads: a preset, then the card's overrides."""
        s = self.settings
        base = Settings(
            region=s["region"],
            municipalities=list(s.get("municipalities", [])),
            scenario=s["scenario"],
            scenario_settings=dict(s.get("scenario_settings", {})),
            scenario_month=int(s["scenario_month"]),
            seed=int(s["seed"]),
        ).with_preset(s["preset"])
        for name, value in s.get("governance", {}).items():
            base = base.with_lever(name, value)
        return base


def _check(card: dict[str, Any], path: str) -> None:
    unknown = set(card["settings"]) - set(SETTING_KEYS)
    bad_gov = set(card["settings"].get("governance", {})) - set(GOVERNANCE_FIELDS)
    bad_scen = set(card["settings"].get("scenario_settings", {})) - set(SCENARIO_KEYS)
    if unknown or bad_gov or bad_scen:
        raise ValueError(f"{path}: unknown settings {sorted(unknown | bad_gov | bad_scen)}")
    first, last = card["window"]
    if not 1 <= first <= last:
        raise ValueError(f"{path}: window {card['window']} is not months 1 <= first <= last")
    for claim in card["claims"]:
        lo, hi = claim["range"]
        if claim["outcome"] not in COMPARED or not lo <= hi:
            raise ValueError(f"{path}: bad claim {claim}")
    for source in card.get("sources", []):
        if set(source) != set(SOURCE_KEYS) or source["report"] not in REPORTS:
            raise ValueError(f"{path}: a source has {sorted(SOURCE_KEYS)}, report in {REPORTS}")
        if not re.fullmatch(r"\d+(-\d+)?(, \d+(-\d+)?)*", str(source["lines"])):
            raise ValueError(f"{path}: source lines {source['lines']!r} are not 'first-last'")


@cache
def load_cards() -> tuple[Card, ...]:
    """The shipped cards, in file-name order."""
    folder = resources.files("workshop") / "cards"
    cards = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".yaml"):
            continue
        data = yaml.safe_load(entry.read_text(encoding="utf-8"))
        _check(data, entry.name)
        cards.append(
            Card(
                id=data["id"],
                title=data["title"],
                question=data["question"],
                settings=data["settings"],
                watch=tuple(data["watch"]),
                shows=data["shows"],
                reports=data["reports"],
                window=(int(data["window"][0]), int(data["window"][1])),
                claims=tuple(data["claims"]),
                sources=tuple(data.get("sources", [])),
            )
        )
    return tuple(cards)


def card(card_id: str) -> Card:
    """The card with this id."""
    return next(c for c in load_cards() if c.id == card_id)


def watch_text(c: Card, lang: str) -> str:
    """What to watch: the plots, then the months the answer is about."""
    first, last = c.window
    plots = ", ".join(plot_title(p, lang) for p in c.watch)
    return f"{plots}. {_(WINDOW, lang).format(first=first, last=last)}"


def card_settings(c: Card, lang: str) -> list[tuple[str, str]]:
    """The card's settings in words (region, scenario, the levers it changes, the seed)."""
    return settings_lines(c.to_settings(), lang, levers=list(c.settings.get("governance", {})))


def render_markdown(c: Card) -> str:
    """The card to read on screen (bokmål, then English): the printable card's texts."""
    lines = [
        f"# {c.title['nb']} / {c.title['en']}",
        "",
        "<!-- Generated from workshop/cards/ by `python -m workshop.cards --write`; "
        "edit the YAML, not this file. -->",
        "",
        f"In the app: the button «{c.title['nb']}» (bokmål) / “{c.title['en']}” (English). "
        f"To print (question on the front, answer on the back): "
        f"[{html_name('nb')}]({html_name('nb')}), [{html_name('en')}]({html_name('en')}).",
        "",
    ]
    for lang in LANGUAGES:
        q, s, w, shows, reports = (_(h, lang) for h in HEADINGS)
        lines += [
            f"## {LANGUAGE_NAMES[lang].capitalize()}",
            "",
            f"**{q}.** {c.question[lang]}",
            "",
            f"**{s}.**",
            "",
            *[f"- {label}: {value}" for label, value in card_settings(c, lang)],
            "",
            f"**{w}.** {watch_text(c, lang)}",
            "",
            f"**{shows}.** {c.shows[lang]}",
            "",
            f"**{reports}.** {c.reports[lang]}",
            "",
        ]
    return "\n".join(lines)


def html_name(lang: str) -> str:
    """The file of the printable cards in ``lang``."""
    return f"cards_{lang}.html"


def _page(c: Card, n: int, total: int, side: str, body: str, lang: str) -> str:
    footer = _(FOOTERS[side], lang).format(n=n, total=total, title=c.title[lang])
    return (
        f'<section class="page {side}">'
        f"<h1>{html.escape(c.title[lang])}</h1>{body}"
        f'<p class="footer">{html.escape(footer)}</p></section>'
    )


def render_html(lang: str) -> str:
    """Every card printable in ``lang``: per card a front page and a back page.

    Front: the title, the question for the room, the settings in words and what to
    watch. Back: what the model shows and what the reports say. Each page ends in a page
    break, so a double-sided print puts each card's answer on the back of its question.
    """
    q, s, w, shows, reports = (html.escape(_(h, lang)) for h in HEADINGS)
    cards = load_cards()
    pages = []
    for n, c in enumerate(cards, start=1):
        settings = "".join(
            f"<li>{html.escape(label)}: {html.escape(value)}</li>"
            for label, value in card_settings(c, lang)
        )
        front = (
            f'<h2>{q}</h2><p class="question">{html.escape(c.question[lang])}</p>'
            f"<h2>{s}</h2><ul>{settings}</ul>"
            f"<h2>{w}</h2><p>{html.escape(watch_text(c, lang))}</p>"
        )
        back = (
            f"<h2>{shows}</h2><p>{html.escape(c.shows[lang])}</p>"
            f"<h2>{reports}</h2><p>{html.escape(c.reports[lang])}</p>"
        )
        pages += [_page(c, n, len(cards), "front", front, lang)]
        pages += [_page(c, n, len(cards), "back", back, lang)]
    title = html.escape(f"navsim: {_(CARDS_TITLE, lang)}")
    hint = html.escape(_(PRINT_HINT, lang))
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<!-- Generated from workshop/cards/ by `python -m workshop.cards --write`. -->\n"
        f"<title>{title}</title>\n<style>{PRINT_CSS}</style>\n</head>\n<body>\n"
        f'<p class="hint">{hint}</p>\n' + "\n".join(pages) + "\n</body>\n</html>\n"
    )


def generated() -> dict[Path, str]:
    """Every file ``--write`` makes: a Markdown card per card, the printable cards per language."""
    out = {DOCS_DIR / f"{c.id}.md": render_markdown(c) for c in load_cards()}
    out |= {DOCS_DIR / html_name(lang): render_html(lang) for lang in LANGUAGES}
    return out


def main(argv: list[str] | None = None) -> int:
    """Write or check ``docs/workshop/cards/`` (the Markdown cards and the printable HTML)."""
    parser = argparse.ArgumentParser(prog="python -m workshop.cards", description=__doc__)
    parser.add_argument("--write", action="store_true", help="regenerate the docs cards")
    parser.add_argument("--check", action="store_true", help="fail if a docs card is stale")
    args = parser.parse_args(argv)
    stale = []
    for path, text in generated().items():
        if args.write:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        elif not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(str(path))
    if stale:
        print("stale docs cards (run python -m workshop.cards --write):", *stale, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
