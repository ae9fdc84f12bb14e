"""The message catalogue (messages/): complete, in step with the code, the only place for texts.

Every test of the suite also fails when the code it runs looks up a message missing
from a catalogue (``tests/conftest.py``).
"""

import ast
import math
import string
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from babel.messages.pofile import read_po

import messages
from analysis import readings
from messages import LANGUAGES, _, format_number, format_percent, ngettext, pgettext
from workshop import labels

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "messages" / "locale"
# the modules whose texts moved into the catalogue (issue 17, point 8)
CONVERTED = [
    *sorted((ROOT / "workshop").glob("*.py")),
    ROOT / "analysis" / "report.py",
    ROOT / "analysis" / "readings.py",
    ROOT / "analysis" / "plots.py",
    ROOT / "analysis" / "tables.py",
    ROOT / "experiments" / "labels.py",
    ROOT / "experiments" / "compare.py",
    ROOT / "experiments" / "schema.py",
]


def read_catalog(path, lang=None):
    with open(path, "rb") as f:
        return read_po(f, locale=messages.LOCALES[lang] if lang else None)


def keys(catalog):
    return {(m.context, m.id) for m in catalog if m.id}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The messages of the code now: ``pybabel extract -F babel.cfg`` into a tmp file."""
    out = tmp_path_factory.mktemp("pot") / "navsim.pot"
    cmd = [sys.executable, "-m", "babel.messages.frontend", "--quiet", "extract"]
    cmd += ["-F", "babel.cfg", "-o", str(out), "."]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
    return read_catalog(out)


# ------------------------------------------------------------------ catalogues and code


def test_the_template_is_up_to_date_with_the_code(extracted):
    shipped = keys(read_catalog(LOCALE / "navsim.pot"))
    code = keys(extracted)
    assert len(code) > 200
    assert code - shipped == set(), "run: python -m messages update"
    assert shipped - code == set(), "run: python -m messages update"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_of_the_code_has_a_checked_translation(extracted, lang):
    catalog = {
        (m.context, m.id): m
        for m in read_catalog(LOCALE / lang / "LC_MESSAGES" / "navsim.po", lang)
        if m.id
    }
    for key in keys(extracted):
        m = catalog.get(key)
        assert m is not None, f"{lang}: {key!r} missing"
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        assert strings and all(s.strip() for s in strings), f"{lang}: {key!r} untranslated"
        assert not m.fuzzy, f"{lang}: {key!r} is fuzzy (to be checked)"


def fields(text):
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_the_fields_of_their_message(lang):
    """A translation has the message's {fields}; a singular may drop {n} ("det nye kontoret")."""
    for m in read_catalog(LOCALE / lang / "LC_MESSAGES" / "navsim.po", lang):
        if not m.id:
            continue
        if isinstance(m.id, tuple):
            want = fields(m.id[1])
            assert fields(m.string[1]) == want, m.id
            assert fields(m.string[0]) | {"n"} >= want - {"n"}, m.id
            assert fields(m.string[0]) <= want, m.id
        else:
            assert fields(m.string) == fields(m.id), m.id


def test_the_english_catalogue_repeats_the_english_source():
    """The ids are English; the English catalogue holds them as they are (python -m messages)."""
    for m in read_catalog(LOCALE / "en" / "LC_MESSAGES" / "navsim.po", "en"):
        if m.id:
            assert m.string == m.id, m.id


def test_bokmal_plural_forms():
    assert (
        "nplurals=2; plural=(n != 1)"
        in read_catalog(LOCALE / "nb" / "LC_MESSAGES" / "navsim.po", "nb").plural_forms
    )
    assert readings.offices_text(1, "nb") == "1 kontor"
    assert readings.offices_text(2, "nb") == "2 kontorer"
    assert readings.offices_text(1, "en") == "1 office"
    assert ngettext("{n} point", "{n} points", 0, "nb").format(n=0) == "0 punkter"


def test_the_check_command_finds_nothing_to_do():
    from messages.__main__ import problems

    assert problems() == []


def test_a_context_separates_the_same_english_in_two_meanings():
    # the workshop's scenario picker and the report name the refugee scenario differently
    assert labels.value_label("refugee_inflow", "nb") == "flyktningbølge"
    assert readings.scenario_label("refugee_inflow", "nb") == "flyktningtilstrømning"
    assert pgettext("report", "refugee inflow", "en") == "refugee inflow"


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="nb, en"):
        _("Governance levers", "sv")
    with pytest.raises(ValueError, match="nb, en"):
        format_number(1.5, "sv")


# ------------------------------------------------------------------ no texts left in code


def code_strings(path):
    """String constants of a module outside docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docs.add(id(body[0].value))
    return tree, [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
    ]


def bokmal_only_texts():
    """Every bokmål translation that differs from its English message (at least 4 letters)."""
    out = set()
    for m in read_catalog(LOCALE / "nb" / "LC_MESSAGES" / "navsim.po", "nb"):
        if not m.id:
            continue
        pairs = zip(m.string, m.id, strict=True) if isinstance(m.id, tuple) else [(m.string, m.id)]
        for nb, en in pairs:
            for piece in (p.strip(" .,:;()") for p in nb.split("{")):
                if len(piece) >= 4 and piece not in en:
                    out.add(piece.split("}")[-1].strip(" .,:;()"))
    return {t for t in out if len(t) >= 4}


@pytest.mark.parametrize("path", CONVERTED, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_bokmal_text_and_no_language_branch_left_in_code(path):
    tree, strings = code_strings(path)
    nb_texts = bokmal_only_texts()
    assert "Styringsgrep" in nb_texts and "høyere med" in nb_texts  # the check can fail
    for node in strings:
        for text in nb_texts:
            # a phrase anywhere in a string; a single word as the whole string (not inside
            # identifiers such as the lever value "kommunalsjef")
            found = text in node.value if " " in text else text == node.value.strip()
            assert not found, f"{path.name}:{node.lineno}: bokmål {text!r} in code"
    for node in ast.walk(tree):
        # no (bokmål, English) pairs: tuples of exactly two texts (with a space or a letter
        # outside ASCII, so not identifiers such as ("nb", "en"))
        if isinstance(node, ast.Tuple) and len(node.elts) == 2:
            texts = [e.value for e in node.elts if isinstance(e, ast.Constant)]
            if len(texts) == 2 and all(isinstance(t, str) for t in texts):
                wordy = [t for t in texts if " " in t or not t.isascii()]
                assert len(wordy) < 2, f"{path.name}:{node.lineno}: a pair of texts {texts}"
        # no branch on the language: every text comes from the catalogue
        if isinstance(node, ast.Compare):
            consts = [
                c.value for c in (node.left, *node.comparators) if isinstance(c, ast.Constant)
            ]
            assert not set(consts) & set(LANGUAGES), f"{path.name}:{node.lineno}: language branch"


def test_sim_imports_nothing_from_messages():
    for path in (ROOT / "sim").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] == "messages" for n in names), path


# ------------------------------------------------------------------ numbers


def test_format_number_uses_the_locale_symbols():
    assert format_number(-1234.5, "nb", 5) == "\u22121\u00a0234,5"
    assert format_number(-1234.5, "en", 5) == "-1,234.5"
    assert format_number(1234.5, "nb", 4, group=False) == "1234"  # 4 digits: "g" rounds
    assert format_number(0.5, "nb", fraction=2, signed=True) == "+0,50"
    assert format_number(16770.0, "nb", 4) == "1,677e+04"
    assert format_number(0.000432, "nb", 3, scientific=True) == "4,32e\u221204"
    assert format_number(float("nan"), "nb") == format_number(None, "en") == "–"
    assert format_percent(12.5, "nb", fraction=1) == "12,5\u00a0%"
    assert format_percent(12.5, "en", fraction=1) == "12.5%"


@pytest.mark.parametrize("x", [0, 1, -0.5, 99.99, 123456.789, 2.5e-5, 0.0015, -7.25])
def test_english_numbers_are_pythons_format(x):
    """English text is unchanged from f-strings: only bokmål gets other symbols."""
    assert format_number(x, "en", 4, group=False) == f"{x:.4g}"
    assert format_number(x, "en", fraction=2) == f"{x:,.2f}"
    nb = format_number(x, "nb", fraction=2)
    assert nb == f"{x:,.2f}".replace(",", "\u00a0").replace(".", ",").replace("-", "\u2212")


def reference_num(x, lang, signed=False):
    """The report's number (the same rules, written out; no exponent since issue 23)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    a, sign = abs(x), "+" if signed else ""
    if a >= 100:
        text = f"{x:{sign},.0f}"
    elif a >= 1 or a == 0:
        text = f"{x:{sign}.3g}"
    elif a < 1e-9:
        text = f"{0.0:{sign}.3g}"
    else:
        text = f"{x:{sign}.{max(0, 2 - int(math.floor(math.log10(a))))}f}"
    text = text.replace("-", "−")
    return text.replace(",", "\u00a0").replace(".", ",") if lang == "nb" else text


def test_the_report_numbers_are_unchanged():
    rng = np.random.default_rng(0)
    xs = np.concatenate(
        [rng.normal(0, 10.0 ** rng.integers(-6, 8, 400)), [0.0, 1.0, -100.0, 99.95, 0.001]]
    )
    for lang in LANGUAGES:
        for x in xs:
            for signed in (False, True):
                assert readings.num(float(x), lang, signed) == reference_num(float(x), lang, signed)


def test_the_report_reads_one_new_office_in_the_singular():
    before = {(0, "a"): 0.5, (0, "b"): 0.7}
    after = {(0, "a"): 0.6, (0, "new"): 0.8}
    nb = readings.graph_reading(before, after, 12, None, "nb")
    en = readings.graph_reading(before, after, 12, None, "en")
    assert nb.endswith(", det nye kontoret 0,800, de øvrige 0,600.") and "2 kontorer" in nb
    assert en.endswith(", the new office 0.800, the others 0.600.")
    after[(0, "newer")] = 0.9
    assert ", de 2 nye kontorene 0,850, " in readings.graph_reading(before, after, 12, None, "nb")


def test_the_limitations_reading_counts_in_the_singular():
    params = pd.DataFrame(
        {"kind": ["assumption", "calibrated", "report"], "varied": [True, False, False]}
    )
    assert readings.limitations_reading(params, "nb").endswith(
        " 1 antatt parameter varierer i disse resultatene."
    )
    assert readings.limitations_reading(params, "en").endswith(
        " 1 assumed parameter varies in these results."
    )


def test_figures_number_their_axes_in_the_language():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from analysis import plots

    months = np.arange(13)
    bands = pd.DataFrame(
        {
            "label": "baseline",
            "outcome": "trust_owners",
            "month": months,
            "q05": 0.60 + 0.001 * months,
            "median": 0.62 + 0.001 * months,
            "q95": 0.64 + 0.001 * months,
            "n": 3,
        }
    )
    ticks = {}
    for lang in LANGUAGES:
        fig = plots.series_figure(bands, {}, lang)
        FigureCanvasAgg(fig).draw()
        ticks[lang] = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert any("," in t for t in ticks["nb"]) and not any("." in t for t in ticks["nb"])
    assert ticks["en"] == [t.replace(",", ".") for t in ticks["nb"]]
