"""navsim-report: files, numbers, readings, offline rendering and the eight questions.

A tiny demo-like sweep (baseline, a host office and regionalisation; 3 paired
replications, 30 months) is made once through the real CLI; the report is built from it
in English and in bokmål. What people read is checked as they read it: the visible text
(no e-notation, no snake_case names, no office ids), every figure's text, and every
reading's sign against the paired comparison. The
comparison is recomputed here with plain pandas from the replications' own
``summary.parquet`` files, and every reading is checked against the table it reads.
"""

from __future__ import annotations

import io
import math
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import in_ci
from scipy import stats

from analysis import plots, present, readings
from analysis.report import TEXT as REPORT_TEXT
from analysis.report import build_sections, write_report
from analysis.report import main as report_main
from analysis.results import ReportError, load_results
from workshop.browser import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
TINY = ["months=30", "burn_in=6", "scenario.month=8", "workers=1", "progress=false"]


def run_sweep(args: list[str], out: Path, timeout: float = 300) -> None:
    cmd = [sys.executable, "-m", "experiments.cli", "-m", *args, f"hydra.sweep.dir={out}"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stderr[-3000:]


def run_report(path: Path, *extra: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "analysis.report", str(path), "--no-progress", *extra]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def sweep(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "sweep"
    run_sweep(["scenario=baseline,host_office,regionalisation", "replications=3", *TINY], out)
    return out


@pytest.fixture(scope="module")
def report_en(sweep) -> Path:
    return write_report(sweep, lang="en", out=sweep / "report_en")


@pytest.fixture(scope="module")
def report_nb(sweep) -> Path:
    proc = run_report(sweep)
    assert proc.returncode == 0, proc.stderr
    page = sweep / "report" / "report.html"
    assert str(page) in proc.stdout
    return page


def reading_texts(page: Path) -> list[str]:
    import html

    text = page.read_text(encoding="utf-8")
    return [html.unescape(m) for m in re.findall(r"<p class='reading'>(.*?)</p>", text)]


# --------------------------------------------------------------------------- files

EXPECTED_FIGURES = ("comparison", "series", "municipalities_1", "graph_1", "transition")
EXPECTED_TABLES = (
    "comparison",
    "series",
    "municipalities_1",
    "graph_1",
    "transition",
    "transition_runs",
    "parameters",
    "assumptions",
    "runs",
)


@pytest.mark.parametrize("page_fixture", ["report_en", "report_nb"])
def test_every_figure_and_table_is_present_and_non_empty(request, page_fixture):
    page = request.getfixturevalue(page_fixture)
    d = page.parent
    html_text = page.read_text(encoding="utf-8")
    for stem in EXPECTED_FIGURES:
        png = (d / f"{stem}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000, stem
        img = plt_image(png)
        assert img.std() > 0.02, f"{stem}.png is blank"
    assert html_text.count("src='data:image/png;base64,") == len(list(d.glob("*.png")))
    for stem in EXPECTED_TABLES:
        df = pd.read_csv(d / f"{stem}.csv")
        assert len(df) > 0 and len(df.columns) > 1, stem
    # every section applies to this sweep except the sensitivity (not a design) and the
    # parameter uncertainty (no posterior draws)
    omitted = re.findall(r"<p class='omitted'>(.*?)</p>", html_text)
    assert len(omitted) == 2, omitted
    assert "posterior" in omitted[0] or "posteriori" in omitted[0], omitted
    assert "design" in omitted[1] or "forsøksdesign" in omitted[1], omitted
    for key in ("comparison", "series", "municipalities", "graph", "limitations", "provenance"):
        assert f"id='{key}'" in html_text


def plt_image(png: bytes) -> np.ndarray:
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=float) / 255


# --------------------------------------------------------------------------- numbers


def direct_comparison(sweep: Path) -> pd.DataFrame:
    """Paired differences host_office - baseline with a 90% t interval, in plain pandas."""
    rows = [pd.read_parquet(f) for f in sweep.glob("*/rep_*/summary.parquet")]
    df = pd.concat(rows, ignore_index=True)
    out = []
    for outcome in ("exits_to_work", "mean_wait_months", "trust_owners", "staff_turnover"):
        wide = df.pivot(index="replicate", columns="scenario", values=outcome)
        diff = wide["host_office"] - wide["baseline"]
        n = len(diff)
        half = stats.t.ppf(0.95, n - 1) * diff.std(ddof=1) / math.sqrt(n)
        out.append(
            {
                "outcome": outcome,
                "difference": diff.mean(),
                "ci_low": diff.mean() - half,
                "ci_high": diff.mean() + half,
                "baseline_mean": wide["baseline"].mean(),
            }
        )
    return pd.DataFrame(out).set_index("outcome")


def test_comparison_matches_a_direct_pandas_computation(sweep, report_en):
    table = pd.read_csv(report_en.parent / "comparison.csv")
    table = table[table["point"].str.endswith("host_office")].set_index("outcome")
    direct = direct_comparison(sweep)
    for outcome, row in direct.iterrows():
        for col in ("difference", "ci_low", "ci_high", "baseline_mean"):
            assert table.loc[outcome, col] == pytest.approx(row[col], rel=1e-9, abs=1e-12)
    assert (table["n"] == 3).all()


def test_series_bands_match_the_model_tables(sweep, report_en):
    bands = pd.read_csv(report_en.parent / "series.csv")
    model = pd.concat(
        [
            pd.read_parquet(f).assign(job=f.parent.parent.name)
            for f in sweep.glob("*/rep_*/model.parquet")
        ]
    )
    scen = {
        f.parent.name: pd.read_parquet(f)["scenario"].iloc[0]
        for f in sweep.glob("*/summary.parquet")
    }
    model["label"] = model["job"].map(scen)
    last = model["month"].max()
    for label, g in model[model["month"] == last].groupby("label"):
        row = bands[(bands.label == label) & (bands.outcome == "trust_owners")]
        row = row[row.month == last].iloc[0]
        assert row["median"] == pytest.approx(g["trust_owners"].median())
        assert row["q05"] == pytest.approx(g["trust_owners"].quantile(0.05))


# --------------------------------------------------------------------------- readings


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_each_comparison_reading_states_the_sign_and_size_of_the_table(request, lang):
    page = request.getfixturevalue(f"report_{lang}")
    table = pd.read_csv(page.parent / "comparison.csv")
    text = " ".join(reading_texts(page))
    for _, r in table.iterrows():
        label = readings.outcome_label(r["outcome"], lang)
        size = readings.num(r["difference"], lang, signed=True)
        assert f"{label} " in text, label
        if readings.clear(r):
            size = readings.num(abs(r["difference"]), lang)
            word = (
                ("higher" if r["difference"] > 0 else "lower")
                if lang == "en"
                else ("høyere" if r["difference"] > 0 else "lavere")
            )
            expected = f"{label} {word} {'by' if lang == 'en' else 'med'} {size}"
            assert expected in text, expected
            assert readings.pct(r["difference_pct"], lang) in text
        else:
            assert f"{label} ({size})" in text, (label, size)


def test_municipality_and_transition_readings_follow_their_tables(report_en):
    d = report_en.parent
    view = pd.read_csv(d / "municipalities_1.csv")
    text = " ".join(reading_texts(report_en))
    for office, block in view.groupby("office_id"):
        ch = block["radmann_influence_change"].dropna()
        down = int((ch < 0).sum())
        members = [str(m).zfill(4) for m in block["municipality_id"]]
        name = present.office_name(office, members, "en")
        assert name.startswith("Nav ") and office not in text
        assert f"{name} ({len(block)} municipalities)" in text
        assert f"rådmann's influence fell in {down} of {len(ch)} municipalities" in text
        assert f"(mean {readings.num(ch.mean(), 'en', True)};" in text
    trans = pd.read_csv(d / "transition.csv")
    runs = pd.read_csv(d / "transition_runs.csv")
    for r in trans.itertuples():
        assert r.median == runs.loc[runs.label == r.label, "months"].median()
        assert f"median {readings.num(r.median, 'en')} months in transition" in text


def test_number_format_per_language():
    assert readings.num(-1234.5, "nb", signed=True) == "−1\u00a0234"
    assert readings.num(-1234.5, "en", signed=True) == "−1,234"
    assert readings.num(0.01234, "nb") == "0,0123"
    assert readings.num(2.5, "en", signed=True) == "+2.5"
    assert readings.pct(1.25, "en") == "+1.2%" or readings.pct(1.25, "en") == "+1.3%"


def test_no_number_is_written_with_an_exponent():
    for x in (0.000312, -7.48e-4, 3.5e-7, 36_805_622.0, 1e12):
        for lang in ("nb", "en"):
            assert not E_NOTATION.search(readings.num(x, lang)), (x, lang)
            assert not E_NOTATION.search(readings.pct(x, lang)), (x, lang)
            assert not E_NOTATION.search(readings.pct(-x * 1e-9, lang)), (x, lang)
    assert readings.num(-0.000748, "nb") == "\u22120,000748"


# --------------------------------------------------------------------------- what people read

E_NOTATION = re.compile(r"\d[eE][+\-\u2212]?\d")
SNAKE = re.compile(r"\b[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+\b")
# words of the bokmål text that must never appear: raw names and broken grammar
NB_NEVER = (
    re.compile(r"\bbaseline\b"),
    re.compile(r"\bpoint\b"),
    re.compile(r"\bpunkt\(er\)"),
    re.compile(r"(?:høyere|lavere) med [\u2212+]"),
    re.compile(r"\bde 1 nye\b"),
    re.compile(r"\b0 antatte\b"),
    re.compile(r"\d\.\d"),  # a decimal point
)


def visible_text(page: Path) -> str:
    """The page's text as a reader sees it: tags, styles and <code>/<pre> left out."""
    from html.parser import HTMLParser

    class Text(HTMLParser):
        hidden = ("code", "pre", "style", "script", "title")

        def __init__(self):
            super().__init__()
            self.depth, self.parts = 0, []

        def handle_starttag(self, tag, attrs):
            self.depth += tag in self.hidden

        def handle_endtag(self, tag):
            self.depth -= tag in self.hidden

        def handle_data(self, data):
            if not self.depth:
                self.parts.append(data)

    parser = Text()
    parser.feed(page.read_text(encoding="utf-8"))
    return " ".join(parser.parts)


def check_text(text: str, lang: str, where: str) -> None:
    assert not E_NOTATION.search(text), (where, E_NOTATION.findall(text)[:5])
    assert not SNAKE.findall(text), (where, sorted(set(SNAKE.findall(text)))[:10])
    assert not re.search(r"\b(?:host|region|merged)-\d{4}", text), where
    if lang == "nb":
        for pattern in NB_NEVER:
            assert not pattern.search(text), (where, pattern.pattern, pattern.findall(text)[:3])


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_visible_text_has_no_exponent_no_internal_name_and_good_bokmal(request, lang):
    page = request.getfixturevalue(f"report_{lang}")
    text = visible_text(page)
    check_text(text, lang, "page")
    # the first screen: the region, the offices by name, the findings
    head = text.split(readings._("How to read the numbers", lang))[0]
    assert "Agder" in head and "Nav " in head
    assert readings.point_name("regionalisation", lang) in head
    assert len(re.findall(r"\d+ (?:of|av) 3 ", head)) >= 3  # findings with their agreement


@pytest.fixture(scope="module")
def sections_nb(sweep):
    return build_sections(load_results(sweep), "nb")


def test_figures_read_in_bokmal_at_print_resolution(sections_nb):
    from PIL import Image

    assert plots.DPI >= 200
    figures = [(stem, fig) for s in sections_nb for stem, fig in s.figures]
    assert {"comparison", "series", "graph_1"} <= {stem for stem, _ in figures}
    for stem, fig in figures:
        png = plots.to_png(fig)
        dpi = Image.open(io.BytesIO(png)).info.get("dpi", (0, 0))
        assert min(dpi) >= 199, (stem, dpi)
        texts = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
        texts += [
            lab.get_text()
            for ax in fig.axes
            for axis in (ax.xaxis, ax.yaxis)
            for lab in axis.get_ticklabels()
        ]
        texts += [ax.xaxis.get_offset_text().get_text() for ax in fig.axes]
        texts += [ax.yaxis.get_offset_text().get_text() for ax in fig.axes]
        check_text(" ".join(t for t in texts if t), "nb", stem)
        for ax in fig.axes:  # no legend drawn over an axes' data
            assert ax.get_legend() is None, stem
    comparison = dict(figures)["comparison"]
    labels = [t.get_text() for t in comparison.axes[0].get_yticklabels()]
    assert all(("↑ bedre" in t) or ("↓ bedre" in t) for t in labels)


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_no_reading_disagrees_in_sign_with_the_comparison(request, lang):
    """Every reading of an outcome's difference has the sign of the paired comparison.

    The headline's findings, the comparison's readings (clear and unclear outcomes) and
    the time series' readings are all parsed; each comparison row must be read at least
    once and never with the other sign.
    """
    import html

    page = request.getfixturevalue(f"report_{lang}")
    comp = pd.read_csv(page.parent / "comparison.csv")
    text = page.read_text(encoding="utf-8")
    paras = reading_texts(page) + [html.unescape(t) for t in re.findall(r"<li>(.*?)</li>", text)]
    up, down = ("higher", "lower") if lang == "en" else ("høyere", "lavere")
    vs = "vs" if lang == "en" else "mot"
    number = r"([+\u2212][\d\u00a0.,]+)"
    checked = {}
    for i, r in comp.iterrows():
        name = readings.outcome_label(r["outcome"], lang)
        label = re.escape(name)
        point = readings.point_name(r["point"], lang)
        head = re.escape(point[:1].upper() + point[1:])
        sign = np.sign(r["difference"])
        for para in paras:
            found = []
            if re.match(rf"{head} {vs} ", para):  # the comparison's reading of the point
                found += [m.group(1) == up for m in re.finditer(rf"{label} ({up}|{down}) ", para)]
                found += [
                    signed(m.group(1), lang) > 0
                    for m in re.finditer(rf"{label} \({number}\)", para)
                ]
            elif re.match(rf"{head}: {label} ", para):  # a finding of the headline
                found += [re.search(rf" ({up}|{down}) ", para).group(1) == up]
            elif para.startswith(name[:1].upper() + name[1:] + ", "):  # a time series' reading
                found += [
                    signed(m.group(1), lang) > 0
                    for m in re.finditer(rf"{re.escape(point)} {number} \(", para)
                ]
            for higher in found:
                assert higher == (sign > 0), (para, r["outcome"], r["difference"])
                checked[i] = checked.get(i, 0) + 1
    assert set(checked) == set(comp.index), "a comparison row that no reading states"
    assert sum(checked.values()) > len(comp)  # the series and the headline read some again
    # the region graph's reading cites the comparison's trust difference
    trust = comp[(comp["outcome"] == "trust_owners") & comp["point"].str.endswith("host_office")]
    assert readings.num(trust["difference"].iloc[0], lang, True) in " ".join(paras)


def signed(text: str, lang: str) -> float:
    """A signed number as the report writes it: "+1,463,157" (en), "−0,5" (nb)."""
    text = text.replace("\u2212", "-").replace("\u00a0", "").replace("\u202f", "")
    return float(text.replace(",", "") if lang == "en" else text.replace(",", "."))


def test_only_the_differing_parameters_are_shown(report_en):
    html_text = report_en.read_text(encoding="utf-8")
    assert len(pd.read_csv(report_en.parent / "parameters.csv")) > 100
    limitations = html_text.split("id='limitations'")[1].split("id='provenance'")[0]
    assert limitations.count("<tr>") < 20


# --------------------------------------------------------------------------- offline


def test_html_references_nothing_on_the_network(report_nb):
    text = report_nb.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", text, re.I)
    assert "@import" not in text and "url(" not in text


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_report_renders_offline_in_headless_chromium(request, lang):
    page_path = request.getfixturevalue(f"report_{lang}")
    if not Path(CHROMIUM).exists():
        if in_ci():
            pytest.fail(f"{CHROMIUM} is missing in CI")
        pytest.skip(f"{CHROMIUM} not installed (browser tests run in CI)")
    from playwright.sync_api import sync_playwright

    attempted: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(("file://", "data:", "about:")):
            route.continue_()
        else:
            attempted.append(url)
            route.abort()

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"report_{lang}.png"

    def render() -> list[bool]:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1100, "height": 1400})
                page.route("**/*", guard)
                page.goto(page_path.as_uri(), wait_until="load")
                images = page.eval_on_selector_all(
                    "img", "els => els.map(e => e.complete && e.naturalWidth > 0)"
                )
                page.screenshot(path=str(shot), full_page=False)
                page.screenshot(path=str(ARTIFACTS / f"report_{lang}_full.png"), full_page=True)
            finally:
                browser.close()
        return images

    # in a thread of its own: the workshop's browser tests keep a session-wide sync
    # Playwright (an event loop) in this thread when xdist puts them on this worker
    with ThreadPoolExecutor(max_workers=1) as pool:
        images = pool.submit(render).result()
    assert attempted == []
    assert len(images) >= len(EXPECTED_FIGURES) and all(images)
    pixels = plt_image(shot.read_bytes())
    assert pixels.std() > 0.05 and (pixels < 0.5).mean() > 0.005, "blank screenshot"


# --------------------------------------------------------------------------- inputs


def test_a_single_run_omits_the_comparison_with_a_note(tmp_path):
    out = tmp_path / "one"
    cmd = [sys.executable, "-m", "experiments.cli", *TINY[:2], "progress=false"]
    proc = subprocess.run(
        [*cmd, f"hydra.run.dir={out}"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    page = write_report(out, lang="en")
    text = page.read_text(encoding="utf-8")
    omitted = re.findall(r"<p class='omitted'>(.*?)</p>", text)
    assert any("no baseline" in o for o in omitted)
    assert any("not a design" in o for o in omitted)
    assert (page.parent / "series.png").stat().st_size > 5000
    assert (page.parent / "runs.csv").exists()


def test_a_collected_dataset_gives_the_same_comparison(sweep, report_en):
    proc = subprocess.run(
        [sys.executable, "-m", "experiments.collect", str(sweep)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    page = write_report(sweep / "collected", lang="en")
    a = pd.read_csv(page.parent / "comparison.csv")
    b = pd.read_csv(report_en.parent / "comparison.csv")
    pd.testing.assert_series_equal(a["difference"], b["difference"])


def test_a_path_without_results_is_one_clear_line(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        report_main([str(tmp_path), "--no-progress"])
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "no results" in err and str(tmp_path) in err
    with pytest.raises(ReportError, match="no such directory"):
        write_report(tmp_path / "missing")


# --------------------------------------------------------------------------- questions

# DESIGN §1's eight questions: the README command (experiment or design) and the report
# file that holds the answer. CI runs each at a reduced size through the real CLI.
QUESTIONS = {
    1: (["experiment=agder_regionalisation"], ("comparison", "municipalities_1", "graph_1")),
    2: (["experiment=agder_min_office_size"], ("comparison", "municipalities_1")),
    3: (None, ("sensitivity",)),
    4: (["experiment=agder_harmonised_terms"], ("comparison",)),
    5: (["experiment=agder_partnership_arenas"], ("comparison",)),
    6: (["experiment=agder_closure_host_office"], ("comparison", "municipalities_1")),
    7: (["experiment=agder_channel_strategy"], ("comparison",)),
    8: (["experiment=agder_transition"], ("transition",)),
}
DESIGN_Q3 = [
    "--method",
    "morris",
    "--outcomes",
    "cooperation_quality,trust_owners,exit_rate",
    "--params",
    "partnership.trust_gain,partnership.leader_agreement_bonus,partnership.joint_plan_bonus,"
    "partnership.consensus_agenda,partnership.dominance_dialogue,staff.pay_gap,"
    "staff.documentation_share,staff.cooperation_share",
]
REDUCED = ["months=24", "burn_in=6", "scenario.month=6", "replications=2", "workers=1"]


def test_readme_gives_each_question_its_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Questions", 1)[1].split("\n## ", 1)[0]
    for q, (args, _) in QUESTIONS.items():
        assert f"| {q} |" in section, q
        if args:
            name = args[0].split("=", 1)[1]
            assert f"navsim -m experiment={name}" in section
            assert f"navsim-report outputs/{name}" in section
            assert (ROOT / "configs" / "experiment" / f"{name}.yaml").is_file()
    assert "navsim-design --method morris" in section
    for part in DESIGN_Q3[-1].split(","):
        assert part in section


@pytest.mark.parametrize("question", sorted(QUESTIONS))
def test_each_question_runs_and_reports_at_reduced_size(tmp_path, question):
    args, answers = QUESTIONS[question]
    out = tmp_path / f"q{question}"
    if args is None:
        cmd = [
            sys.executable,
            "-m",
            "experiments.design",
            *DESIGN_Q3,
            "--n",
            "2",
            "--replications",
            "1",
            "--resamples",
            "100",
            "--out",
            str(out),
            "governance=agder_arshjul",
            *[a for a in REDUCED if not a.startswith(("scenario.", "replications"))],
            "progress=false",
        ]
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr[-3000:]
    else:
        run_sweep([*args, *REDUCED, "progress=false"], out)
    proc = run_report(out, "--lang", "en")
    assert proc.returncode == 0, proc.stderr[-3000:]
    d = out / "report"
    for stem in answers:
        assert (d / f"{stem}.png").stat().st_size > 5000, stem
        assert len(pd.read_csv(d / f"{stem}.csv")) > 0
    if question in (4, 7):
        outcome = "moves_to_state" if question == 4 else "exit_rate_complex"
        assert outcome in set(pd.read_csv(d / "comparison.csv")["outcome"])


# ------------------------------------------------------------ posterior draws as replications

POSTERIOR = pd.DataFrame(
    {
        "draw": [0, 1, 2],
        "staff.satisfaction_base": [0.45, 0.53, 0.62],
        "staff.satisfaction_noise": [0.10, 0.27, 0.35],
    }
)
DRAWN = ["staff.satisfaction_base", "staff.satisfaction_noise"]


@pytest.fixture(scope="module")
def posterior_run(tmp_path_factory) -> Path:
    """6 replications: 3 posterior draws x 2 seeds (navsim posterior=... posterior_seeds=2)."""
    root = tmp_path_factory.mktemp("posterior")
    POSTERIOR.to_csv(root / "posterior.csv", index=False)
    out = root / "run"
    args = ["replications=6", "posterior_seeds=2", f"posterior={root / 'posterior.csv'}"]
    run_sweep([*args, "months=12", "burn_in=6", "workers=1", "progress=false"], out)
    return out


def test_replicate_k_runs_posterior_draw_k_over_seeds_per_draw(posterior_run):
    import json

    for k in range(6):
        row = pd.read_parquet(posterior_run / "0" / f"rep_{k}" / "summary.parquet").iloc[0]
        assert row["posterior_draw"] == k // 2
        for name in DRAWN:
            assert row[name] == POSTERIOR.loc[k // 2, name]
        info = json.loads((posterior_run / "0" / f"rep_{k}" / "run.json").read_text())
        assert info["posterior"]["draw"] == k // 2
        assert info["config"]["staff"]["satisfaction_base"] == POSTERIOR.loc[k // 2, DRAWN[0]]
    # the drawn parameters are not design factors: one design point
    assert len(load_results(posterior_run).labels) == 1


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_report_shows_seed_and_parameter_bands_apart_and_labelled(posterior_run, lang):
    page = write_report(posterior_run, lang=lang, out=posterior_run / f"report_{lang}")
    # the section's text (the page's "no baseline" note is English in bokmål: CompareError's)
    full = visible_text(page)
    start = full.index(present._(REPORT_TEXT["uncertainty_note"], lang)[:20])
    text = full[start : full.index(present._("Limitations", lang), start)]
    check_text(text, lang, "uncertainty section")
    assert present._("Parameter uncertainty", lang) in full
    # the limitations say the drawn parameters vary, and show no one replication's draw
    assert present._(REPORT_TEXT["parameters_drawn"], lang).format(n=len(DRAWN)) in full
    html_text = page.read_text(encoding="utf-8")
    limitations = html_text.split("id='limitations'")[1].split("id='provenance'")[0]
    assert "staff.satisfaction_base" not in limitations
    for label in (
        "run-to-run, 5–95% (seeds, parameters fixed)",
        "parameters, 5–95% (posterior draws)",
    ):
        assert present._(label, lang) in text, label
    if lang == "nb":
        assert "kjøring" in text and "posteriori" in text
    assert (page.parent / "uncertainty.png").stat().st_size > 0
    # the decomposition, recomputed with plain pandas from the replications' summaries
    table = pd.read_csv(page.parent / "uncertainty.csv")
    reps = pd.concat(
        pd.read_parquet(posterior_run / "0" / f"rep_{k}" / "summary.parquet") for k in range(6)
    )
    assert set(table["outcome"]) >= {"trust_owners", "exits_to_work"}
    z = stats.norm.ppf(0.95)
    checked = 0
    for r in table.itertuples(index=False):
        if r.outcome not in reps:  # derived in the report (exit_rate_complex)
            continue
        checked += 1
        by = reps.groupby("posterior_draw")[r.outcome]
        within = by.var(ddof=1).mean()
        between = max(0.0, by.mean().var(ddof=1) - within / 2)
        mean = reps[r.outcome].mean()
        assert r.mean == pytest.approx(mean)
        assert r.seed_hi - r.mean == pytest.approx(z * np.sqrt(within), rel=1e-9)
        assert r.parameter_hi - r.mean == pytest.approx(z * np.sqrt(between), rel=1e-9)
        assert r.total_hi - r.mean == pytest.approx(z * np.sqrt(within + between), rel=1e-9)
    assert checked >= 10
    # the draws differ much in staff satisfaction: some outcome's spread comes mostly from them
    assert (table["parameter_share"] > 0.5).any()


def test_uncertainty_recovers_known_variance_components_and_needs_two_seeds():
    from analysis.tables import Z90, uncertainty

    rng = np.random.default_rng(0)
    draws, seeds = 400, 4
    effect = rng.normal(0, 2.0, draws)  # parameter sd 2
    rows = [
        {"label": "p", "posterior_draw": d, "x": 10 + effect[d] + rng.normal(0, 0.5)}
        for d in range(draws)
        for _s in range(seeds)
    ]
    t = uncertainty(pd.DataFrame(rows), outcomes=("x",)).iloc[0]
    assert (t.seed_hi - t["mean"]) / Z90 == pytest.approx(0.5, rel=0.05)
    assert (t.parameter_hi - t["mean"]) / Z90 == pytest.approx(2.0, rel=0.1)
    assert t.parameter_share == pytest.approx(4 / 4.25, abs=0.02)
    one = uncertainty(pd.DataFrame(rows[::seeds]), outcomes=("x",)).iloc[0]
    assert np.isnan(one.seed_lo) and np.isnan(one.parameter_lo) and not np.isnan(one.total_lo)
    assert uncertainty(pd.DataFrame(rows).drop(columns="posterior_draw"), ("x",)).empty
