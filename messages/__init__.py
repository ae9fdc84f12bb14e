"""Every text a person reads, in bokmål (``nb``) and English (``en``): one gettext catalogue.

The texts of the workshop app, the report and the commands' printed tables are gettext
messages whose ids are the English source strings. Their translations live in
``messages/locale/<lang>/LC_MESSAGES/navsim.po`` (edited by translators with any PO
editor) and the template ``messages/locale/navsim.pot`` is extracted from the code with
``pybabel extract -F babel.cfg`` (``python -m messages update`` extracts and merges; see
the README, "Translating"). The ``.po`` files are read at run time with Babel and
compiled in memory, once per language and process: no ``.mo`` file is built or shipped.

Usage::

    from messages import N_, _, format_number, ngettext

    _("Governance levers", lang)                        # "Styringsgrep" in bokmål
    ngettext("{n} office", "{n} offices", n, lang).format(n=n)
    LABELS = {"exit_rate": N_("exits to work per user/month")}  # marked, translated later
    format_number(-1234.5, "nb", 5)                     # "−1\u00a0234,5"

Numbers are rounded by Python's format (so the English text is what ``f"{x:.4g}"``
gives) and written with the locale's symbols from Babel (CLDR): in bokmål the decimal
comma, a no-break space between thousands and the minus sign U+2212.

``sim`` never imports this package; the layers above it (``experiments``, ``analysis``,
``workshop``) do.
"""

from __future__ import annotations

import gettext
import io
import math
from functools import cache
from importlib import resources

LANGUAGES = ("nb", "en")  # bokmål first: the default of every command and of the app
# each language's name in itself (the language switch; not translated)
LANGUAGE_NAMES = {"nb": "bokmål", "en": "English"}
DOMAIN = "navsim"
# the Babel (CLDR) locale of each language, for plural rules and number symbols
LOCALES = {"nb": "nb_NO", "en": "en_GB"}
MISSING = "–"  # a number that is None or NaN


def N_(msgid: str) -> str:  # noqa: N802 (gettext's conventional marker name)
    """Mark a message for extraction without translating it (a table of msgids).

    Args:
        msgid: The English source string.

    Returns:
        ``msgid`` unchanged; translate it later with :func:`_`.
    """
    return msgid


def NP_(context: str, msgid: str) -> str:  # noqa: N802 (as N_, with a context)
    """Mark a message with a context for extraction; translate it later with :func:`pgettext`.

    Args:
        context: The message context (``msgctxt``), the same string :func:`pgettext` gets.
        msgid: The English source string.

    Returns:
        ``msgid`` unchanged.
    """
    return msgid


def check_language(lang: str) -> str:
    """``lang`` if it is one of :data:`LANGUAGES`.

    Raises:
        ValueError: Naming the languages there are.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: one of {', '.join(LANGUAGES)}")
    return lang


@cache
def translations(lang: str) -> gettext.GNUTranslations:
    """The catalogue of ``lang``, read from its ``.po`` file and compiled in memory.

    Fuzzy entries (a translation not yet checked after its message changed) are left
    out, so their English source is shown until a translator confirms them.

    Args:
        lang: "nb" or "en".

    Returns:
        A standard-library ``gettext`` catalogue.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    path = resources.files(__name__) / "locale" / check_language(lang) / "LC_MESSAGES"
    with (path / f"{DOMAIN}.po").open("rb") as f:
        catalog = read_po(f, locale=LOCALES[lang], domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


def _(msgid: str, lang: str) -> str:
    """The translation of ``msgid`` (an English source string) in ``lang``.

    Args:
        msgid: The message, as written in the code (``str.format`` fields allowed).
        lang: "nb" or "en".

    Returns:
        The translated text (``msgid`` itself if the catalogue lacks it).
    """
    return translations(lang).gettext(msgid)


def ngettext(singular: str, plural: str, n: int, lang: str) -> str:
    """The form of a message for the count ``n`` in ``lang`` (bokmål: 1 kontor, 2 kontorer).

    Args:
        singular: The English singular.
        plural: The English plural.
        n: The count that chooses the form (by the catalogue's ``Plural-Forms``).
        lang: "nb" or "en".

    Returns:
        The translated form; format ``{n}`` in it yourself.
    """
    return translations(lang).ngettext(singular, plural, int(n))


def pgettext(context: str, msgid: str, lang: str) -> str:
    """The translation of ``msgid`` in a context (the same English in two meanings).

    Args:
        context: The message context (``msgctxt``).
        msgid: The English source string.
        lang: "nb" or "en".

    Returns:
        The translated text.
    """
    return translations(lang).pgettext(context, msgid)


@cache
def _symbols(lang: str) -> dict[int, str]:
    """Python's number symbols (``,`` ``.`` ``-``) -> the locale's (Babel, CLDR)."""
    from babel import numbers

    locale = LOCALES[check_language(lang)]
    return str.maketrans(
        {
            ",": numbers.get_group_symbol(locale),
            ".": numbers.get_decimal_symbol(locale),
            "-": numbers.get_minus_sign_symbol(locale),
        }
    )


def format_number(
    x: float | None,
    lang: str,
    digits: int = 4,
    *,
    fraction: int | None = None,
    scientific: bool = False,
    signed: bool = False,
    group: bool = True,
) -> str:
    """A number as a person reads it in ``lang``: used wherever a number is shown.

    Python's format rounds (``digits`` significant digits as ``"g"``, ``fraction``
    decimals as ``"f"``, or ``digits`` significant digits with an exponent as ``"e"``);
    Babel gives the locale's symbols: bokmål "−1 234,5" (decimal comma, no-break
    space, U+2212), English "-1,234.5".

    Args:
        x: The number; None or NaN gives "–".
        lang: "nb" or "en".
        digits: Significant digits (an exponent below 1e-4 and from ``10**digits`` on,
            trailing zeros dropped, as Python's ``"g"``).
        fraction: Exactly this many digits after the decimal sign instead (``"f"``).
        scientific: Always an exponent, ``digits`` significant digits (``"e"``).
        signed: Write "+" before a positive number (and zero).
        group: Separate the thousands.

    Returns:
        The text.
    """
    if x is None or math.isnan(x):
        return MISSING
    spec = ("+" if signed else "") + ("," if group else "")
    if fraction is not None:
        spec += f".{fraction}f"
    else:
        spec += f".{digits - 1}e" if scientific else f".{digits}g"
    return localise_number(format(x, spec), lang)


def localise_number(text: str, lang: str) -> str:
    """A number written by Python (``,`` ``.`` ``-``) with the locale's symbols (Babel).

    For numbers that another library wrote (matplotlib's tick labels); otherwise use
    :func:`format_number`.

    Args:
        text: The number as Python or matplotlib writes it.
        lang: "nb" or "en".

    Returns:
        The text with the locale's group separator, decimal sign and minus sign.
    """
    return text.translate(_symbols(lang))


@cache
def _percent_suffix(lang: str) -> str:
    from babel import Locale

    return Locale.parse(LOCALES[check_language(lang)]).percent_formats[None].suffix[0]


def format_percent(x: float | None, lang: str, digits: int = 4, **kw) -> str:
    """A number of percent with the locale's sign: bokmål "12,5 %" (no-break space), "12.5%".

    Args:
        x: The percentage (12.5 for 12.5 %); None or NaN gives "–".
        lang: "nb" or "en".
        digits: As :func:`format_number`.
        **kw: As :func:`format_number` (``fraction``, ``scientific``, ``signed``, ``group``).

    Returns:
        The text.
    """
    text = format_number(x, lang, digits, **kw)
    return text if text == MISSING else text + _percent_suffix(lang)
