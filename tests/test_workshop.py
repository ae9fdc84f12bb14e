"""The workshop app's Python side: settings, sessions, cards, labels, plots, export.

The browser tests (``test_workshop_browser.py``) drive the served app; these check the
parts that do not need a browser, faster and in more detail.
"""

import ast
import io
import re
import zipfile
from pathlib import Path

import numpy as np
import pytest

from sim.config import GovernanceConfig, validate
from workshop import cards as cards_module
from workshop import labels, plots
from workshop.cards import load_cards, render_markdown
from workshop.session import Session
from workshop.settings import (
    BOOL_FIELDS,
    GOVERNANCE_FIELDS,
    SCENARIOS,
    Settings,
    governance_preset,
    governance_presets,
    lever_choices,
    region_names,
)

ROOT = Path(__file__).resolve().parents[1]


# ------------------------------------------------------------------ settings and labels


def test_levers_are_the_fourteen_rules_of_design_4():
    assert len(GOVERNANCE_FIELDS) == 14
    assert set(labels.LEVERS) == set(GOVERNANCE_FIELDS)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_lever_has_a_label_a_help_line_a_source_and_labelled_values(lang):
    """The source is for the facilitator guide; the participant's help line has none."""
    for name in GOVERNANCE_FIELDS:
        assert labels.lever_label(name, lang)
        help_text = labels.lever_help(name, lang)
        assert "\n" not in help_text and len(help_text) < 140, name
        assert re.search(r"(003|ch5_9|coop) (§|C)\d", labels.lever_source(name)), name
        assert not re.search(r"(003|ch5_9|coop) (§|C)\d|§\d", help_text), help_text
        for value in lever_choices(name) or []:
            assert value in labels.VALUES, f"{name}={value} has no label"


def test_bokmal_and_english_differ_and_use_the_field_terms():
    def texts(lang):
        return " ".join(
            [labels.ui(k, lang) for k in labels.UI]
            + [
                labels.lever_label(k, lang) + " " + labels.lever_help(k, lang)
                for k in labels.LEVERS
            ]
        )

    nb, en = texts("nb"), texts("en")
    assert nb != en
    for term in ("rådmann", "ordfører", "fylkesdirektør", "Nav-leder", "vertskommune", "årshjul"):
        everything = (
            nb
            + " ".join(
                labels.value_label(v, "nb")
                for table in (labels.VALUES, labels.PRESETS, labels.SCENARIOS, labels.REGIONS)
                for v in table
            )
            + " ".join(labels.actor_label(k, "nb") for k in labels.ACTORS)
        )
        assert term.lower() in everything.lower(), term
    assert labels.ui("levers", "nb") == "Styringsgrep"
    assert labels.ui("levers", "en") == "Governance levers"


def test_series_labels_reuse_the_experiment_outcome_labels():
    from experiments.labels import label

    assert labels.series_label("trust_owners", "nb") == label("trust_owners", "nb")
    assert labels.series_label("trust_owners", "nb") == "tillit mellom eierne"
    assert labels.series_label("trust_owners", "en") == label("trust_owners", "en")


def test_every_preset_fills_all_fourteen_levers_and_validates():
    for name in governance_presets():
        levers = governance_preset(name)
        assert set(levers) == set(GOVERNANCE_FIELDS), name
        cfg = Settings().with_preset(name).model_config()
        validate(cfg)
        assert isinstance(cfg.governance, GovernanceConfig)


def test_region_and_scenario_pickers_offer_labelled_choices():
    assert region_names()[0] == "agder"
    assert "norway" not in region_names() and "custom" not in region_names()
    for name in region_names():
        assert name in labels.REGIONS
    for name in SCENARIOS:
        assert name in labels.SCENARIOS
        validate(Settings(scenario=name).model_config())


def test_reference_is_same_region_and_seed_with_2019_governance_and_no_scenario():
    s = Settings(region="telemark", seed=7, scenario="host_office").with_lever(
        "harmonised_terms", True
    )
    ref = s.reference()
    assert (ref.region, ref.seed, ref.scenario) == ("telemark", 7, "baseline")
    assert ref.governance == governance_preset("default")


# ------------------------------------------------------------------ sessions


def test_default_session_equals_its_reference_number_for_number():
    s = Session()
    s.step(4)
    data = s.series()
    assert list(data["month"]) == [0, 1, 2, 3, 4]
    for col in ("trust_owners", "exits_to_work", "n_staff_state", "contacts_health"):
        np.testing.assert_array_equal(data[col], data[f"ref_{col}"])


def test_a_lever_changes_the_run_but_not_the_reference():
    base = Session()
    base.step(8)
    s = Session(Settings().with_lever("harmonised_terms", True))
    s.step(8)  # in force from month 1; the owners' trust first moves in month 8 (seed 1)
    a, b = base.series(), s.series()
    np.testing.assert_array_equal(a["ref_trust_owners"], b["ref_trust_owners"])
    assert not np.array_equal(b["trust_owners"], b["ref_trust_owners"])


def _other_value(name):
    default = governance_preset("default")[name]
    if name in BOOL_FIELDS:
        return not default
    if name == "meetings_per_year":
        return default + 4
    return next(v for v in lever_choices(name) if v != default)


def test_levers_take_effect_at_month_0_not_in_the_burn_in():
    """Every lever but the two structural ones: month 0 equals the reference's, row for row."""
    from workshop.session import SERIES, STRUCTURAL_LEVERS, series, start_model

    reference = start_model(Settings())
    ref_row = series(reference).iloc[0]
    for name in GOVERNANCE_FIELDS:
        if name in STRUCTURAL_LEVERS:
            continue
        model = start_model(Settings().with_lever(name, _other_value(name)))
        row = series(model).iloc[0]
        for col in SERIES:
            assert row[col] == ref_row[col], (name, col)
        assert model.gov != reference.gov, name
        assert model.cfg.governance != reference.cfg.governance, name


def test_a_lever_switched_at_month_0_moves_the_run_later():
    s = Session(Settings().with_lever("harmonised_terms", True))
    s.step(6)
    data = s.series()
    assert (data["moves_to_state"] != data["ref_moves_to_state"]).any()


def test_reset_returns_to_month_zero_and_the_same_numbers():
    s = Session(Settings(seed=3))
    s.step(2)
    first = s.series()
    s.reset()
    assert s.month == 0
    s.step(2)
    np.testing.assert_array_equal(first["trust_owners"], s.series()["trust_owners"])


def test_two_sessions_share_no_state():
    a, b = Session(), Session()
    a.reset(a.settings.with_lever("meetings_per_year", 6))
    a.step(5)
    assert b.month == 0 and b.settings.governance["meetings_per_year"] == 2
    assert a.model is not b.model and a.reference is not b.reference
    assert a.settings.governance is not b.settings.governance
    assert a.model.rng is not b.model.rng


def test_an_agder_step_takes_well_under_a_second():
    s = Session()
    s.step(6)
    assert float(np.median(s.step_seconds)) < 0.5, s.step_seconds


def test_session_stops_at_the_last_month():
    s = Session()
    s.model.cfg.months = 2
    s.step(5)
    assert s.month == 2 and s.finished


# ------------------------------------------------------------------ the difference view


def test_the_difference_view_pairs_seed_k_with_seed_k_over_a_window():
    from workshop.differences import default_window, paired_differences, summarise

    same = paired_differences(Settings(), (1, 3), [1, 2])
    assert list(same["seed"]) == [1, 2]
    assert (same.drop(columns="seed").to_numpy() == 0).all()  # default = its reference
    assert all(a.agree == 2 and a.median == 0 for a in summarise(same))
    lever = Settings().with_lever("harmonised_terms", True)
    diffs = paired_differences(lever, (1, 3), [1, 2])
    moves = next(a for a in summarise(diffs) if a.outcome == "moves_to_state")
    assert moves.low <= moves.median <= moves.high and moves.seeds == 2
    assert default_window(Settings()) == (1, 12)
    assert default_window(Settings(scenario="plant_closure", scenario_month=12)) == (13, 24)


# ------------------------------------------------------------------ cards


REQUIRED_CARDS = {
    "host_office_lister": "host_office",
    "municipal_merger": "municipal_merger",
    "minimum_office_size": "regionalisation",
    "pay_harmonisation": "baseline",
    "plant_closure": "plant_closure",
}


def test_the_five_required_cards_exist_with_their_scenarios():
    found = {c.id: c.settings["scenario"] for c in load_cards()}
    for card_id, scenario in REQUIRED_CARDS.items():
        assert found.get(card_id) == scenario, card_id
    pay = cards_module.card("pay_harmonisation").to_settings()
    assert pay.governance["harmonised_terms"] is True
    size = cards_module.card("minimum_office_size").to_settings()
    assert size.scenario_settings["min_population"] == 20000


@pytest.mark.parametrize("card", load_cards(), ids=lambda c: c.id)
def test_card_settings_build_a_valid_model_config(card):
    cfg = card.to_settings().model_config()
    validate(cfg)
    assert [str(k) for k in cfg.scenario.name] == [card.settings["scenario"]]


@pytest.mark.parametrize("card", load_cards(), ids=lambda c: c.id)
def test_card_texts_are_bilingual_and_cite_the_reports(card):
    """By report and section in words; the domain notes' lines are the card's sources."""
    for field in ("title", "question", "shows", "reports"):
        assert card.text(field, "nb") and card.text(field, "en")
        assert card.text(field, "nb") != card.text(field, "en")
    assert re.search(r"Partnerskapsrapporten \(2019\), §\d", card.reports["nb"])
    assert re.search(r"partnership report \(2019\), §\d", card.reports["en"])
    assert any(s["report"] == "003" for s in card.sources)
    for plot in card.watch:
        assert plot in labels.PLOTS


@pytest.mark.parametrize("card", load_cards(), ids=lambda c: c.id)
def test_docs_card_matches_the_app_card(card):
    path = ROOT / "docs" / "workshop" / "cards" / f"{card.id}.md"
    text = path.read_text(encoding="utf-8")
    assert text == render_markdown(card), "run: python -m workshop.cards --write"


def test_cards_check_command_passes():
    assert cards_module.main(["--check"]) == 0


# ------------------------------------------------------------------ plots and export


def test_live_svgs_carry_the_last_values_of_run_and_reference():
    s = Session(Settings().with_lever("harmonised_terms", True))
    s.step(2)
    svgs = plots.series_svgs(s, "en")
    assert set(svgs) == set(plots.PLOT_SERIES)
    trust = svgs["trust"]
    last = re.search(r'data-last="([^"]*)"', trust).group(1).split(",")
    data = s.series().iloc[-1]
    assert float(last[0]) == pytest.approx(data["trust_owners"], rel=1e-3)
    assert 'data-months="3"' in trust
    assert labels.plot_title("trust", "en") in trust
    graphs = plots.graph_svgs(s, "nb")
    assert set(graphs) == {"partnership_graph", "cooperation_graph"}
    n_nodes = s.model.partnership_graph.number_of_nodes()
    assert f'data-nodes="{n_nodes}"' in graphs["partnership_graph"]


def test_graph_layout_is_computed_once_and_new_offices_get_a_fixed_place():
    card = cards_module.card("host_office_lister").to_settings()
    card.scenario_month = 1
    s = Session(card)
    layout = s.layout
    before = {k: v.copy() for k, v in layout.pos.items()}
    s.step(2)
    plots.graph_svgs(s, "nb")
    assert s.layout is layout
    for key, pos in before.items():
        np.testing.assert_array_equal(layout.pos[key], pos)
    new = [k for k in layout.pos if k not in before]
    assert new and all(k[0] == "office" for k in new)


def test_layout_is_the_map():
    """Municipalities where they are on the map (north up, east right), whatever the seed."""
    a, c = Session(Settings(seed=5)), Session(Settings(seed=6))
    pos = {m.name: a.layout.pos[("municipality", m.index)] for m in a.model.municipalities}
    assert pos["Bykle"][1] > pos["Kristiansand"][1]  # Setesdal lies north of the coast
    assert pos["Risør"][0] > pos["Farsund"][0]  # and Østre Agder east of Lister
    assert all(np.abs(p).max() <= 1 + 1e-9 for p in pos.values())
    key = ("municipality", 0)
    np.testing.assert_array_equal(a.layout.pos[key], c.layout.pos[key])


def test_export_has_the_series_csv_and_every_plot_as_png():
    """The names, resolution and headers in detail: ``test_workshop_export.py``."""
    s = Session()
    s.step(2)
    csv = s.export_csv("en").decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("Month,Trust between the owners (this run)")
    assert len(csv.splitlines()) == 4
    name, data = s.export_zip("nb", n_seeds=1)
    z = zipfile.ZipFile(io.BytesIO(data))
    stem = name.removesuffix(".zip")
    assert f"{stem}/tidsserier.csv" in z.namelist()
    pngs = [n for n in z.namelist() if n.endswith(".png")]
    assert len(pngs) == len(plots.PLOT_SERIES) + len(plots.GRAPHS)
    for n in pngs:
        assert z.read(n)[:8] == b"\x89PNG\r\n\x1a\n", n


# ------------------------------------------------------------------ layering


def test_sim_imports_nothing_from_workshop():
    for path in (ROOT / "sim").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(n.split(".")[0] == "workshop" for n in names), path


def test_no_model_at_module_level_in_the_app():
    tree = ast.parse((ROOT / "workshop" / "app.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            src = ast.unparse(node)
            assert "Session(" not in src and "reactive(" not in src, src


def test_bool_levers_are_switches():
    for name in BOOL_FIELDS:
        assert lever_choices(name) is None
        assert isinstance(governance_preset("default")[name], bool)


def test_the_app_module_imports():
    """The Solara page imports (its names are otherwise only met in the browser tests)."""
    import importlib

    app = importlib.import_module("workshop.app")
    assert callable(app.Page)
