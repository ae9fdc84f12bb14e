"""Scenario cards as data: ``workshop/cards/*.yaml``, read by the app and the tests.

Each card has a bilingual title, a question for the room, the settings it loads (the
fields of ``workshop.settings.Settings``), the plots to watch, the months its claims are
about (``window``) and the claims themselves (an outcome and the range of its mean
difference from the reference over the window, checked on ten seeds by
``tests/test_workshop_cards.py``), what the model shows and how that maps to the
reports (file and section). A card's own texts stay in its YAML
file, both languages side by side, because a card is written and checked as a whole
with its settings and sources; the headings around them come from the message
catalogue (``messages``). The printable cards in
``docs/workshop/cards/<id>.md`` are written from the same files::

    python -m workshop.cards --write    # regenerate docs/workshop/cards/*.md
    python -m workshop.cards --check    # exit 1 if a docs card differs from its data
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from messages import LANGUAGE_NAMES, LANGUAGES, N_, _
from workshop.labels import plot_title, value_label
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
DOCS_DIR = Path(__file__).resolve().parents[1] / "docs" / "workshop" / "cards"
# the headings of a printable card, in each language
HEADINGS = (
    N_("Question for the room"),
    N_("Settings"),
    N_("Watch"),
    N_("What the model shows"),
    N_("What the reports say"),
)


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
            )
        )
    return tuple(cards)


def card(card_id: str) -> Card:
    """The card with this id."""
    return next(c for c in load_cards() if c.id == card_id)


def settings_block(c: Card) -> str:
    """The card's settings as the YAML block the docs card shows (and the test compares)."""
    return yaml.safe_dump(
        {"settings": c.settings},
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=None,
        width=100,
    ).strip()


def render_markdown(c: Card) -> str:
    """The printable card (bokmål, then English)."""
    lines = [
        f"# {c.title['nb']} / {c.title['en']}",
        "",
        "<!-- Generated from workshop/cards/ by `python -m workshop.cards --write`; "
        "edit the YAML, not this file. -->",
        "",
        f"In the app: the button «{c.title['nb']}» (bokmål) / “{c.title['en']}” (English).",
        "",
        "```yaml",
        settings_block(c),
        "```",
        "",
    ]
    for lang in LANGUAGES:
        name = LANGUAGE_NAMES[lang].capitalize()
        q, s, w, shows, reports = (_(h, lang) for h in HEADINGS)
        watch = ", ".join(plot_title(p, lang) for p in c.watch)
        region = c.settings["region"]
        lines += [
            f"## {name}",
            "",
            f"**{q}.** {c.question[lang]}",
            "",
            f"**{s}.** {value_label(region, lang)}"
            + (f" ({', '.join(c.settings['municipalities'])})" if region == "custom" else "")
            + f"; {value_label(c.settings['scenario'], lang)}"
            + f"; {value_label(c.settings['preset'], lang)}"
            + "".join(f"; {k} = {v}" for k, v in c.settings.get("governance", {}).items())
            + f"; seed {c.settings['seed']}.",
            "",
            f"**{w}.** {watch}.",
            "",
            f"**{shows}.** {c.shows[lang]}",
            "",
            f"**{reports}.** {c.reports[lang]}",
            "",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Write or check ``docs/workshop/cards/*.md``."""
    parser = argparse.ArgumentParser(prog="python -m workshop.cards", description=__doc__)
    parser.add_argument("--write", action="store_true", help="regenerate the docs cards")
    parser.add_argument("--check", action="store_true", help="fail if a docs card is stale")
    args = parser.parse_args(argv)
    stale = []
    for c in load_cards():
        path = DOCS_DIR / f"{c.id}.md"
        text = render_markdown(c)
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
