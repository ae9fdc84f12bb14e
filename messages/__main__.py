"""Keep the catalogues in step with the code: ``python -m messages update|check``.

``update`` runs Babel's standard commands (each on one line) and then fills the English
catalogue::

    pybabel extract -F babel.cfg --project navsim --add-location file
        -o messages/locale/navsim.pot .
    pybabel update -i messages/locale/navsim.pot -d messages/locale -D navsim
        --ignore-obsolete --previous

New messages arrive in ``nb/LC_MESSAGES/navsim.po`` with an empty translation, changed
ones as ``fuzzy`` (with the previous English as ``#|``): a translator fills them in (any
PO editor, e.g. Poedit, or a text editor) and removes the ``fuzzy`` flag. The English
catalogue repeats the English source (its ids), which ``update`` writes itself.

``check`` exits 1, listing what is wrong, if the template differs from a fresh
extraction or a language lacks a translation (empty or fuzzy). Both need a checkout
(``babel.cfg`` is not installed).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

from messages import DOMAIN, LANGUAGES, LOCALES

ROOT = Path(__file__).resolve().parents[1]
LOCALE_DIR = ROOT / "messages" / "locale"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
SOURCE_LANGUAGE = "en"  # the message ids are English
WIDTH = 76  # pybabel's line width, so that update and a hand-run pybabel agree


def po_path(lang: str) -> Path:
    """The catalogue file of a language."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def pybabel(*args: str) -> None:
    """Run a ``pybabel`` command in the repository root (quietly)."""
    CommandLineInterface().run(["pybabel", "--quiet", *args])


def extract(out: Path) -> None:
    """Extract every message of the code into the template ``out`` (``babel.cfg``)."""
    with contextlib.chdir(ROOT):  # locations relative to the repository
        pybabel(
            "extract",
            "-F",
            "babel.cfg",
            "--project",
            "navsim",
            "--add-location",
            "file",
            "-o",
            str(out),
            ".",
        )


def read(path: Path, lang: str | None = None):
    """A catalogue (``babel.messages.catalog.Catalog``) read from a .po or .pot file."""
    with path.open("rb") as f:
        return read_po(f, locale=LOCALES[lang] if lang else None, domain=DOMAIN)


def message_keys(catalog) -> set[tuple[str | None, str | tuple[str, ...]]]:
    """(context, id) of every message (the id a tuple for a plural message)."""
    return {(m.context, m.id) for m in catalog if m.id}


def fill_source_language(lang: str = SOURCE_LANGUAGE) -> None:
    """Write each new or changed English message's id as its translation."""
    path = po_path(lang)
    catalog = read(path, lang)
    for m in catalog:
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if not m.id or (all(strings) and not m.fuzzy):
            continue
        if isinstance(m.id, tuple):
            m.string = (m.id[0], m.id[1])
        else:
            m.string = m.id
        m.flags.discard("fuzzy")
        m.previous_id = []
    with path.open("wb") as f:
        write_po(f, catalog, width=WIDTH)


def update() -> None:
    """Extract the template and merge it into every language's catalogue."""
    extract(TEMPLATE)
    for lang in LANGUAGES:
        if not po_path(lang).exists():
            pybabel("init", "-i", str(TEMPLATE), "-d", str(LOCALE_DIR), "-D", DOMAIN, "-l", lang)
    pybabel(
        "update",
        "-i",
        str(TEMPLATE),
        "-d",
        str(LOCALE_DIR),
        "-D",
        DOMAIN,
        "--ignore-obsolete",
        "--previous",
    )
    fill_source_language()


def problems() -> list[str]:
    """What keeps the catalogues from matching the code (empty when all is well)."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / f"{DOMAIN}.pot"
        extract(fresh)
        code = message_keys(read(fresh))
    shipped = message_keys(read(TEMPLATE))
    out += [f"{TEMPLATE.name}: missing {k!r}" for k in sorted(code - shipped, key=str)]
    out += [
        f"{TEMPLATE.name}: no longer in the code {k!r}" for k in sorted(shipped - code, key=str)
    ]
    for lang in LANGUAGES:
        catalog = read(po_path(lang), lang)
        have = {(m.context, m.id): m for m in catalog if m.id}
        for key in sorted(code, key=str):
            m = have.get(key)
            strings = (m.string if isinstance(m.string, tuple) else (m.string,)) if m else ()
            if m is None or not all(strings):
                out.append(f"{lang}: no translation of {key!r}")
            elif m.fuzzy:
                out.append(f"{lang}: fuzzy (to be checked) {key!r}")
    return out


def main(argv: list[str] | None = None) -> int:
    """``python -m messages update`` or ``check``."""
    parser = argparse.ArgumentParser(prog="python -m messages", description=__doc__)
    parser.add_argument("command", choices=("update", "check"))
    args = parser.parse_args(argv)
    if args.command == "update":
        update()
    found = problems()
    print("\n".join(found) or "messages: the catalogues match the code")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
