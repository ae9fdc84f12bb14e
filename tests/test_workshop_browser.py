"""The served workshop app in headless Chromium (Playwright), offline.

Each xdist worker starts its own ``navsim-workshop`` on a free port (the ``server`` and
``browser`` fixtures, in ``conftest.py``: both browser test files share one of each). Its
environment points HTTP(S) proxies at a closed port, so the server cannot fetch anything
from the internet either; every browser request that is not to the local server is
blocked and recorded, and the tests assert that none was attempted.

Chromium: Debian's ``/usr/bin/chromium`` (``.ci/run`` installs it). Outside CI the
tests skip when it is absent; in CI (``CI`` set) they fail instead.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import pytest

from workshop.cards import load_cards
from workshop.labels import lever_label, plot_title, ui, value_label

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOTS = ROOT / "outputs" / "screenshots"  # ignored (.gitignore: outputs/)
LOCAL = ("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:", "about:")
TIMEOUT_MS = 60_000


class Offline:
    """A browser context that blocks and records every request not to the local server."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1500, "height": 1000})
        self.blocked: list[str] = []
        self.failed: list[str] = []
        self.context.route("**/*", self.route)
        self.context.set_default_timeout(TIMEOUT_MS)

    def route(self, route):
        url = route.request.url
        if url.startswith(LOCAL):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def open(self, url):
        page = self.context.new_page()
        page.on("response", lambda r: self.failed.append(r.url) if r.status >= 400 else None)
        page.on("requestfailed", lambda r: self.failed.append(r.url))
        page.goto(url)
        page.wait_for_selector("svg[data-plot=trust]")
        return page


@pytest.fixture
def offline(browser):
    ctx = Offline(browser)
    yield ctx
    ctx.context.close()


def months(page) -> int:
    return int(page.locator("svg[data-plot=trust]").get_attribute("data-months"))


def step(page, n: int = 1) -> None:
    """Click Step n times, each time waiting for the plots to show the new month."""
    for _ in range(n):
        before = months(page)
        page.locator(".nav-step").click()
        page.wait_for_function(
            "m => Number(document.querySelector('svg[data-plot=trust]')"
            ".getAttribute('data-months')) > m",
            arg=before,
        )


def last(page, plot: str) -> tuple[str, str]:
    svg = page.locator(f"svg[data-plot={plot}]")
    return svg.get_attribute("data-last"), svg.get_attribute("data-ref-last")


def switch_input(page, lever: str):
    return page.locator(f".lever-{lever} input")


# ------------------------------------------------------------------ tests


def test_app_loads_offline_and_saves_a_screenshot(server, offline):
    page = offline.open(server)
    assert page.locator(".nav-step").is_visible()
    for plot in ("trust", "exits", "waiting", "staff", "cooperation", "users"):
        assert page.locator(f"svg[data-plot={plot}]").count() == 1, plot
    for graph in ("partnership_graph", "cooperation_graph"):
        assert page.locator(f"svg[data-plot={graph}]").count() == 1, graph
    assert page.get_by_text(ui("levers", "nb"), exact=True).count() >= 1
    assert page.get_by_text(lever_label("harmonised_terms", "nb")).count() >= 1
    assert months(page) == 1  # month 0 recorded
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "workshop_loaded.png"), full_page=True)
    assert (ARTIFACTS / "workshop_loaded.png").stat().st_size > 10_000
    assert offline.blocked == [], offline.blocked
    assert offline.failed == [], offline.failed


def test_a_lever_and_steps_move_the_plot_away_from_the_same_seed_baseline(server, offline):
    page = offline.open(server)
    step(page, 2)
    mine, ref = last(page, "trust")
    assert mine == ref  # default settings: the run is its own baseline
    switch_input(page, "harmonised_terms").click()
    page.wait_for_function(
        "() => document.querySelector('svg[data-plot=trust]').getAttribute('data-months') == '1'"
    )
    assert switch_input(page, "harmonised_terms").is_checked()
    mine, ref = last(page, "trust")
    assert mine == ref  # the lever works from month 1: month 0 is the same in both arms
    step(page, 8)
    assert months(page) == 9
    mine, ref = last(page, "trust")
    assert mine != ref, (mine, ref)  # the owners' trust first moves in month 8 (seed 1)
    # the difference view: 5 seeds paired with the reference over months 1-12; fewer
    # moves to state posts on every seed (the cells are written for people, with a
    # decimal comma in bokmål; the row carries the numbers as data-*)
    page.wait_for_function(
        "() => { const r = document.querySelector("
        "'.nav-compare tr[data-outcome=moves_to_state]');"
        " return r !== null && r.querySelectorAll('td').length == 4"
        " && Number(r.dataset.median) < 0 && r.dataset.seeds == '5'; }"
    )
    row = page.locator(".nav-compare tr[data-outcome=moves_to_state]")
    assert int(row.get_attribute("data-agree")) >= 4
    assert offline.blocked == []


def test_language_switch_changes_labels(server, offline):
    from playwright.sync_api import expect  # waits until the page shows the state

    page = offline.open(server)
    assert page.get_by_text(ui("levers", "nb"), exact=True).count() >= 1
    trust = page.locator("svg[data-plot=trust]")
    assert trust.get_attribute("aria-label") == plot_title("trust", "nb")
    page.locator(".nav-lang button").nth(1).click()
    page.get_by_text(ui("levers", "en"), exact=True).first.wait_for()
    # the widgets re-render one after another: wait for each
    expect(page.get_by_text(ui("levers", "nb"), exact=True)).to_have_count(0)
    expect(page.get_by_text(lever_label("harmonised_terms", "en"))).not_to_have_count(0)
    expect(trust).to_have_attribute("aria-label", plot_title("trust", "en"))
    expect(page.locator(".nav-step")).to_have_text(
        ui("step", "en"), ignore_case=True, use_inner_text=True
    )
    page.locator(".nav-lang button").nth(0).click()
    page.get_by_text(ui("levers", "nb"), exact=True).first.wait_for()
    assert offline.blocked == []


def test_scenario_cards_load_their_settings(server, offline):
    from playwright.sync_api import expect  # waits until the page shows the state

    page = offline.open(server)
    expect(switch_input(page, "harmonised_terms")).not_to_be_checked()
    page.locator(".card-pay_harmonisation").click()
    page.locator(".nav-card-info").wait_for()
    expect(switch_input(page, "harmonised_terms")).to_be_checked()
    page.locator(".card-plant_closure").click()
    page.get_by_text(value_label("plant_closure", "nb"), exact=True).first.wait_for()
    expect(page.locator(".nav-card-info")).to_contain_text("Høyanger")
    expect(page.locator(".nav-scenario")).to_contain_text(value_label("plant_closure", "nb"))
    expect(page.locator(".nav-region")).to_contain_text(value_label("custom", "nb"))
    expect(switch_input(page, "harmonised_terms")).not_to_be_checked()  # the 2019 preset
    assert page.locator(".nav-scenario-notes").count() == 0  # the card names every id
    step(page, 1)
    assert months(page) == 2
    assert offline.blocked == []


def test_two_concurrent_sessions_stay_isolated(server, browser):
    a, b = Offline(browser), Offline(browser)
    try:
        page_a, page_b = a.open(server), b.open(server)
        start_b = last(page_b, "trust")
        switch_input(page_a, "harmonised_terms").click()
        page_a.wait_for_function(
            "() => document.querySelector('svg[data-plot=trust]')"
            ".getAttribute('data-months') == '1'"
        )
        step(page_a, 4)
        assert months(page_a) == 5
        time.sleep(0.5)  # give a leak the chance to show
        assert months(page_b) == 1
        assert last(page_b, "trust") == start_b
        assert not switch_input(page_b, "harmonised_terms").is_checked()
        step(page_b, 1)
        assert months(page_b) == 2 and months(page_a) == 5
        assert last(page_a, "trust")[0] != last(page_b, "trust")[0]
        assert a.blocked == [] and b.blocked == []
    finally:
        a.context.close()
        b.context.close()


def test_export_gives_the_series_as_csv_and_the_plots_as_png(server, offline):
    page = offline.open(server)
    step(page, 2)
    page.locator(".nav-export").click()
    page.locator(".nav-export-csv").wait_for()
    with page.expect_download() as download:
        page.locator(".nav-export-csv").click()
    assert re.fullmatch(
        r"navsim_gruppe_\d{4}-\d\d-\d\d_\d{4}_tidsserier\.csv", download.value.suggested_filename
    )
    lines = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Måned;Tillit mellom eierne") and len(lines) == 4  # months 0-2
    with page.expect_download() as download:
        page.locator(".nav-export-zip").click()
    name = download.value.suggested_filename
    assert re.fullmatch(r"navsim_gruppe_\d{4}-\d\d-\d\d_\d{4}\.zip", name)
    names = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes())).namelist()
    stem = name.removesuffix(".zip")
    assert f"{stem}/tidsserier.csv" in names and f"{stem}/oppsummering.pdf" in names
    assert sum(n.endswith(".png") for n in names) == 8
    step(page, 1)  # the run moved on: the prepared links are gone (not stale)
    page.locator(".nav-export-zip").wait_for(state="detached")
    assert offline.blocked == []


def test_a_scenario_picked_without_a_card_says_what_the_model_chose(server, offline):
    page = offline.open(server)
    page.locator(".nav-scenario").click()
    menu = page.locator(".v-overlay-container .v-list-item")
    menu.filter(has_text=value_label("host_office", "nb")).click()
    page.locator(".nav-scenario-notes").wait_for()
    assert "vertskommune" in page.locator(".nav-scenario-notes").inner_text()
    assert offline.blocked == []


# ------------------------------------------------------------------ screens and visible text

# a number in e-notation (1e-05, 2,5E+03) and a code name (trust_owners, scenario.host)
E_NOTATION = re.compile(r"\d(?:[.,]\d+)?[eE][+\-−]?\d")
CODE_NAME = re.compile(r"\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b|\b[a-z]+\.[a-z_]+\b")
CITATION = re.compile(r"\b(?:003|ch5_9|coop) ?(?:§|C)\d|\bL\d{3,}|\d+ ms\b")
VISIBLE_TEXT = """() => {
  const out = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const e = n.parentElement;
    if (!e || e.closest('code, script, style, template, noscript')) continue;
    if (e.checkVisibility && !e.checkVisibility({visibilityProperty: true})) continue;
    const t = n.textContent.trim();
    if (t) out.push(t);
  }
  return out;
}"""


def developer_text(texts: list[str]) -> list[str]:
    """The visible texts with e-notation, a code name, a source citation or a timing."""
    return [t for t in texts if E_NOTATION.search(t) or CODE_NAME.search(t) or CITATION.search(t)]


def test_the_visible_text_check_can_fail():
    bad = ["0,6772", "1e-05", "−2,5E+03", "trust_owners", "scenario.host: no", "(003 §3)", "7 ms"]
    assert developer_text(bad) == bad[1:]
    assert developer_text(["Måned 13–24, 5 kjøringer", "−0,011", "3 av 5", "Vennesla"]) == []


def open_sized(browser, server, width: int, height: int):
    ctx = Offline(browser)
    ctx.context.close()
    ctx.context = browser.new_context(viewport={"width": width, "height": height})
    ctx.context.route("**/*", ctx.route)
    ctx.context.set_default_timeout(TIMEOUT_MS)
    return ctx, ctx.open(server)


def boxes(page) -> dict[str, dict]:
    return page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('svg[data-plot]')]"
        ".map(e => { const r = e.getBoundingClientRect();"
        " return [e.dataset.plot,"
        " {top: r.top, bottom: r.bottom, left: r.left, right: r.right}]; }))"
    )


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_visible_text_has_no_e_notation_code_names_citations_or_timings(server, offline, lang):
    page = offline.open(server)
    if lang == "en":
        page.locator(".nav-lang button").nth(1).click()
        page.get_by_text(ui("levers", "en"), exact=True).first.wait_for()
    page.locator(".card-host_office_lister").click()
    page.locator(".nav-card-info").wait_for()
    step(page, 2)
    page.locator("table.nav-compare").wait_for(timeout=180_000)  # 5 pairs of runs
    texts = page.evaluate(VISIBLE_TEXT)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for plot in ("partnership_graph", "cooperation_graph"):
        svg = page.locator(f"svg[data-plot={plot}]")
        svg.screenshot(path=str(SCREENSHOTS / f"workshop_{plot}_{lang}.png"))
    page.locator("table.nav-compare").screenshot(
        path=str(SCREENSHOTS / f"workshop_difference_{lang}.png")
    )
    assert any(ui("intro_title", lang) in t for t in texts)
    claims = page.locator(".nav-card-claim")  # the card's claims, checked on these runs
    assert claims.count() == len(
        next(c for c in load_cards() if c.id == "host_office_lister").claims
    )
    assert int(claims.first.get_attribute("data-held")) >= 4
    assert any("Kvinesdal" in t for t in texts)  # the map's names
    assert developer_text(texts) == [], developer_text(texts)
    assert offline.blocked == []


def test_screens_at_1440_1280x720_and_390(server, browser):
    """Screenshots for inspection (outputs/screenshots/) and the layout they must show."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    series = ("trust", "exits", "users", "waiting", "staff", "cooperation")
    for name, (w, h) in {"1440": (1440, 900), "1280x720": (1280, 720), "390": (390, 844)}.items():
        ctx, page = open_sized(browser, server, w, h)
        try:
            page.locator("table.nav-compare").wait_for(timeout=180_000)
            page.evaluate("() => document.querySelector('.nav-view').scrollIntoView()")
            page.screenshot(path=str(SCREENSHOTS / f"workshop_{name}.png"))
            box = boxes(page)
            in_view = [
                p
                for p in series
                if box[p]["top"] >= 0
                and box[p]["bottom"] <= h
                and box[p]["left"] >= 0
                and box[p]["right"] <= w
            ]
            if w == 390:  # a phone: the plots shown, one under the other, full width
                assert box["trust"]["right"] - box["trust"]["left"] > 300, box["trust"]
                assert box["exits"]["top"] >= box["trust"]["bottom"], box
                assert in_view, box
            else:  # a projector and a laptop: two charts at least, beside the levers
                assert len(in_view) >= 2, (name, box)
                sidebar = page.locator(".nav-sidebar")
                assert sidebar.evaluate("e => e.scrollHeight > e.clientHeight")
                before = boxes(page)["trust"]
                sidebar.evaluate("e => { e.scrollTop = 1500; }")
                assert sidebar.evaluate("e => e.scrollTop") > 0
                assert boxes(page)["trust"] == before  # the plots stay where they are
            meetings = lever_label("meetings_per_year", "nb")
            assert page.get_by_text(f"{meetings}: 2").count() == 1  # the slider's value
            assert ctx.blocked == []
        finally:
            ctx.context.close()
