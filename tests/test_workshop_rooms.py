"""Role-play rooms without a browser: roles, rounds, the decision interface, isolation."""

from __future__ import annotations

import io
import threading
import zipfile
from pathlib import Path

import numpy as np
import pytest

from messages import LANGUAGES
from sim.decisions import MODEL_RULE, Decision
from workshop import limits
from workshop.room import ROLE_DECISIONS, RoomDecider, RoomError, RoomRegistry
from workshop.room_labels import (
    DECISIONS,
    NUMBERS,
    ROOM_UI,
    decision_label,
    number_label,
    role_label,
    room_ui,
)
from workshop.settings import Settings


@pytest.fixture(scope="module")
def played():
    """A room of four roles, three rounds of a year, a host-office proposal in round 2."""
    reg = RoomRegistry()
    room = reg.open(Settings())
    tokens = {
        "radmann:4203": room.join("A", "radmann:4203"),
        "navleder:4203": room.join("B", "navleder:4203"),
        "fylkesdirektor:42": room.join("C", "fylkesdirektor:42"),
        "ordforer:4225": room.join("D", "ordforer:4225"),
    }
    choices = {
        "radmann:4203": {"attend": "no", "leader_agreement": "yes", "joint_plan": "yes"},
        "navleder:4203": {"agenda": "high", "areas": [11, 12, 16]},
        "fylkesdirektor:42": {"detail_steer": "yes", "attention": ["4203"]},
        "ordforer:4225": {"vote": "no"},
    }
    for r in range(3):
        if r == 1:
            room.inject("host_office")
        room.open_round()
        if r == 0:
            for role, c in choices.items():
                for d, v in c.items():
                    room.choose(tokens[role], d, v)
        room.close_round()
    return reg, room, tokens


def start_numbers(role: str) -> dict[str, float]:
    """A role's numbers at month 0 in a fresh room of the same settings."""
    return {k: a for k, a, _ in RoomRegistry().open(Settings()).role_state(role)}


def test_a_played_actor_gets_a_room_decider_and_the_others_keep_the_rule(played):
    _, room, _ = played
    arendal = next(m for m in room.model.municipalities if m.municipality_id == "4203")
    assert isinstance(arendal.decider, RoomDecider)
    assert all(
        m.decider is MODEL_RULE
        for m in room.model.municipalities
        if m.municipality_id not in ("4203", "4225")
    )
    assert all(m.decider is MODEL_RULE for m in room.twin.municipalities)


def test_each_choice_reaches_the_model_and_changes_the_actor(played):
    _, room, tokens = played
    state = {role: {k: (a, b) for k, a, b in room.view(t)["numbers"]} for role, t in tokens.items()}
    assert state["radmann:4203"]["leader_agreement"] == (1.0, 0.0)
    assert state["radmann:4203"]["joint_plan"] == (1.0, 0.0)
    assert state["radmann:4203"]["rad_attended"][0] < state["radmann:4203"]["rad_attended"][1]
    assert state["navleder:4203"]["agenda"][0] == 1.0 > state["navleder:4203"]["agenda"][1]
    share = state["fylkesdirektor:42"]["detail_steered_share"]
    assert share[0] == 1.0 > share[1]
    # the fylkesdirektør focuses on Arendal: more attention there, less elsewhere; the
    # model's rule divides it equally
    high, low = (
        state["fylkesdirektor:42"]["attention_max"],
        state["fylkesdirektor:42"]["attention_min"],
    )
    assert high[0] > high[1] == low[1] > low[0] > 0
    cd = room.model.county_directors["42"]
    assert cd.focus == {room.model.offices.ids.index("4203")}
    assert room.twin.county_directors["42"].focus == frozenset()
    # the council said no: Lyngdal's office stays as at month 0; by the rule the host
    # office formed and took in a neighbour
    lyngdal = state["ordforer:4225"]["n_munis"]
    assert lyngdal[0] == start_numbers("ordforer:4225")["n_munis"] < lyngdal[1]
    log = room.decisions_table()
    assert set(log["role"]) == set(tokens)
    assert (log[log["decision"] == "agenda"]["value"] == 1.0).all()
    assert set(log[log["decision"] == "areas"]["value"]) == {"12 13 17"}
    assert list(log[log["decision"] == "vote"]["value"]) == [False]
    focus = log[log["decision"] == "attention"]
    assert len(focus) == 36 and set(focus["value"]) == {"Arendal"}  # asked monthly
    assert set(focus["choice"]) == {"Arendal"}
    rounds = room.rounds_table()
    assert list(rounds["round"]) == [1, 2, 3] and list(rounds["month"]) == [12, 24, 36]
    assert (rounds["radmann:4203|attend"] == "no").all()
    assert (rounds["fylkesdirektor:42|attention"] == "Arendal").all()


def test_nobody_playing_gives_the_model_rules_number_for_number():
    room = RoomRegistry().open(Settings())
    room.join("Z", "radmann:4203")  # a role taken but left to the rule: still the same run
    for _ in range(2):
        room.open_round()
        room.close_round()
    a = room.model.recorder.blocks["model"]
    b = room.twin.recorder.blocks["model"]
    for x, y in zip(a, b, strict=True):
        for col in ("trust_owners", "exits_to_work", "n_waiting"):
            assert x[col][0] == y[col][0], col


def test_rooms_share_nothing(played):
    reg, room, _ = played
    other = reg.open(Settings())
    assert other.code != room.code and other.model is not room.model
    assert other.model.month == 0 and other.round == 0
    assert all(m.decider is MODEL_RULE for m in other.model.municipalities)


def test_choices_only_for_your_role_and_in_an_open_round(played):
    _, room, tokens = played
    with pytest.raises(RoomError, match="round_closed"):
        room.choose(tokens["ordforer:4225"], "vote", "yes")
    room.open_round()
    try:
        with pytest.raises(RoomError, match="not_your_decision"):
            room.choose(tokens["ordforer:4225"], "attend", "yes")
        with pytest.raises(RoomError, match="bad_choice"):
            room.choose(tokens["navleder:4203"], "areas", [0, 1])  # 2 areas, not 3
        with pytest.raises(RoomError, match="bad_choice"):
            room.choose(tokens["navleder:4203"], "areas", [1, 2, 3])  # owner-level areas
        for focus in ([], ["0301"], ["4203", "4203"]):  # none, not the director's, twice
            with pytest.raises(RoomError, match="bad_choice"):
                room.choose(tokens["fylkesdirektor:42"], "attention", focus)
        offices = [o for o, _ in room.view(tokens["fylkesdirektor:42"])["offices"]]
        assert "4203" in offices and len(offices) == len(room.model.county_directors["42"].offices)
    finally:
        room.phase = "waiting"


def test_reassigning_moves_the_role_and_a_token_keeps_it():
    room = RoomRegistry().open(Settings())
    a = room.join("A", "radmann:4201")
    b = room.join("B")
    assert room.view(a)["role"] == "radmann:4201"  # what a reload asks for
    room.assign(b, "radmann:4201")
    assert room.view(a)["role"] is None and room.view(b)["role"] == "radmann:4201"
    with pytest.raises(RoomError):
        room.assign(a, "radmann:9999")


def test_a_closed_round_wakes_every_waiting_page():
    room = RoomRegistry().open(Settings(), "quarter")
    seen = room.version
    woke = []
    threads = [threading.Thread(target=lambda: woke.append(room.wait(seen, 20))) for _ in range(5)]
    for t in threads:
        t.start()
    room.open_round()
    for t in threads:
        t.join(25)
    assert len(woke) == 5 and all(v > seen for v in woke)
    room.close_round()
    assert room.model.month == 3


def test_registry_codes_and_limits():
    reg = RoomRegistry(max_rooms=2, max_participants=1)
    r = reg.open(Settings(), "quarter")
    assert reg.get(r.code.lower()) is r and reg.get(" " + r.code) is r
    reg.join(r.code, "one")
    with pytest.raises(RoomError, match="room_full"):
        reg.join(r.code, "two")
    with pytest.raises(RoomError, match="unknown_room"):
        reg.join("ZZZZ" if r.code != "ZZZZ" else "YYYY", "x")
    reg.open(Settings(), "quarter")
    with pytest.raises(RoomError, match="too_many_rooms"):
        reg.open(Settings(), "quarter")


def test_band_and_export(played):
    _, room, _ = played
    band = room.band()
    assert len(band) == 37
    assert (band["trust_owners_min"] <= band["trust_owners_max"]).all()
    assert not np.allclose(band["trust_owners_min"], band["trust_owners_max"])  # seeds differ
    name, data = room.export_zip("en")
    stem = name.removesuffix(".zip")
    assert stem.startswith(f"navsim_room-{room.code.lower()}_")
    names = [n.removeprefix(f"{stem}/") for n in zipfile.ZipFile(io.BytesIO(data)).namelist()]
    assert sorted(names) == sorted(
        [
            "summary.pdf",
            "settings.txt",
            "decisions.csv",
            "rounds.csv",
            "band.csv",
            "the-room-against-the-model-s-rules.png",
            "read-me.txt",
        ]
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_room_texts_exist_in_both_languages(lang):
    for key in ROOM_UI:
        assert room_ui(key, lang, n=3)
    for d in DECISIONS:
        assert decision_label(d, lang)
    for k in NUMBERS:
        assert number_label(k, lang)
    assert role_label("radmann", "Arendal", lang).endswith("Arendal")


def test_role_decisions_cover_the_decision_interface():
    covered = {d for ds in ROLE_DECISIONS.values() for d in ds}
    assert covered == set(Decision)
    assert set(DECISIONS) == {d.value for d in Decision}


def test_access_code_only_off_localhost(monkeypatch):
    assert limits.is_loopback("127.0.0.1") and limits.is_loopback("localhost")
    assert not limits.is_loopback("0.0.0.0") and not limits.is_loopback("192.168.1.5")
    monkeypatch.delenv(limits.CODE_ENV, raising=False)
    assert limits.code_matches("anything")
    monkeypatch.setenv(limits.CODE_ENV, "123456")
    assert limits.code_matches(" 123456 ") and not limits.code_matches("654321")
    assert len(limits.new_code()) == 6


def test_the_navigator_template_is_solaras_but_follows_a_server_navigation():
    """workshop/navigator.vue = the installed Solara's template, two lines of ``created()`` changed.

    If Solara's template changes (an upgrade), this fails: compare the new one, re-apply the
    change (or drop it if Solara fixed the race, widgetti/solara#852).
    """
    import solara.widgets

    import workshop.app  # noqa: F401  # installs the template
    from workshop.navigator import TEMPLATE

    assert solara.widgets.Navigator.template_file == str(TEMPLATE)
    theirs = (Path(solara.widgets.__file__).parent / "vue" / "navigator.vue").read_text()
    ours = TEMPLATE.read_text()
    replaced = (
        "    this.location = location + window.location.search;\n"
        "    this.hash = window.location.hash;\n"
    )
    assert theirs.count(replaced) == 1
    start = ours.index("    this.hash = window.location.hash;\n")
    end = ours.index('    window.addEventListener("popstate"')
    block = ours[start:end]
    assert ours == theirs.replace(replaced, block)
    # the server's location wins when it already differs from the loaded page's address
    assert "if (this.location && this.location != location + window.location.search) {" in block
    assert "window.history.pushState" in block
    assert "} else {\n      this.location = location + window.location.search;" in block


def test_a_closed_round_does_not_rebuild_the_facilitators_buttons():
    """The event buttons are the same widgets after round 1 (its time line appears above).

    A rebuilt button ignores a click that reached its predecessor: such lost clicks made
    the room browser test fail under load.
    """
    import ipyvuetify as v
    import solara

    from workshop.room_app import Facilitator

    room = RoomRegistry().open(Settings())
    version = solara.reactive(room.version)

    @solara.component
    def Page():  # noqa: N802  # a component
        Facilitator(room, "nb", version.value)

    _, rc = solara.render(Page(), handle_error=False)

    def button() -> str:
        return rc.find(v.Btn, class_="room-event-host_office").widget.model_id

    before = button()
    room.open_round()
    room.close_round()
    version.value = room.version
    assert room.round_seconds  # the round's time line is now on the page
    assert button() == before


def test_trim_memory_gives_freed_memory_back():
    """What closed sessions freed stays in the process until malloc_trim (glibc)."""
    import psutil

    proc = psutil.Process()
    blocks = [np.ones(1000) for _ in range(20_000)]  # 160 MB in small (non-mmap) blocks
    # a block above them pins the heap's top, as a live session's objects do: without
    # it, free() may give the top back by itself when earlier tests left the heap so
    # (the test then failed after the card-claims tests in one process)
    pin = [np.ones(1000) for _ in range(100)]
    del blocks
    held = proc.memory_info().rss
    assert limits.trim_memory()  # Linux (glibc), as the workshop server runs
    assert held - proc.memory_info().rss > 50 * 2**20
    del pin


ARENA_PROBE = """
import sys, threading
from workshop import limits
if sys.argv[1] == "cap":
    assert limits.cap_arenas(2)
barrier = threading.Barrier(8)
def allocate():
    barrier.wait()
    for _ in range(200):
        blocks = [bytearray(200) for _ in range(500)]
threads = [threading.Thread(target=allocate) for _ in range(8)]
[t.start() for t in threads]
[t.join() for t in threads]
print(limits.arena_count())
"""


def test_the_arena_cap_holds_eight_allocating_threads_to_two_arenas():
    """``--arenas 2``: 8 threads allocating at once made 9 arenas without it, 2 with it."""
    import os
    import subprocess
    import sys

    def arenas(mode: str) -> int:
        env = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
        out = subprocess.run(
            [sys.executable, "-c", ARENA_PROBE, mode], env=env, capture_output=True, text=True
        )
        assert out.returncode == 0, out.stderr
        return int(out.stdout)

    assert arenas("cap") <= 2
    assert arenas("default") > 2  # the probe would tell a cap that does nothing


class Marker:
    """A type of its own, for the census to count."""


def test_the_census_counts_live_objects_by_type_and_is_written_on_a_signal(tmp_path):
    """The memory census the culling benchmark asks the server for (SIGUSR1)."""
    import json
    import signal

    markers = [Marker() for _ in range(7)]
    c = limits.census()
    assert c["types"][f"{__name__}.Marker"] == 7
    assert c["heap_mb"]["in_use"] > 1 and c["rss_after_trim_mb"] > 0
    assert c["kernels"] == c["kernels_open"] == 0  # no Solara session in this process
    assert c["threads"]["MainThread"] == 1
    path = tmp_path / "census.json"
    old = signal.getsignal(signal.SIGUSR1)
    try:
        limits.write_census_on_signal(path)
        del markers[3:]
        signal.raise_signal(signal.SIGUSR1)
    finally:
        signal.signal(signal.SIGUSR1, old)
    assert json.loads(path.read_text())["types"][f"{__name__}.Marker"] == 3


def test_every_room_error_reads_as_a_sentence_in_both_languages():
    """A participant never sees a RoomError's key (``round_closed``), only its message."""
    import re

    from workshop.room import RoomError
    from workshop.room_labels import ROOM_ERRORS, room_error, room_ui

    source = (Path(__file__).resolve().parents[1] / "workshop" / "room.py").read_text()
    keys = set(re.findall(r'RoomError\("([a-z_]+)"\)', source))
    assert keys and keys <= set(ROOM_ERRORS), sorted(keys - set(ROOM_ERRORS))
    for lang in ("nb", "en"):
        for key in keys:
            text = room_error(RoomError(key), lang)
            assert text.startswith(room_ui("error", lang) + ": ") and "_" not in text, text
