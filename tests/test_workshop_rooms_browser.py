"""The role-play room in headless Chromium: a facilitator and eight participants (issue 21).

Each participant is a separate browser context (its own cookies, its own Solara
session), offline (any request not to the local server is blocked and recorded). They
join with the room's code, pick different roles, play three rounds of a year; a second
room runs beside them and must stay untouched; one participant reloads and keeps the
role. Screenshots of a 390-px phone and a projector go to ``tests/artifacts/``.
"""

from __future__ import annotations

import re

import pytest
import test_workshop_browser as shared

from workshop.room_labels import role_label, room_ui

# the fixtures server and browser (conftest.py) are shared with test_workshop_browser.py
ARTIFACTS, LOCAL, TIMEOUT_MS = shared.ARTIFACTS, shared.LOCAL, shared.TIMEOUT_MS

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PROJECTOR = {"width": 1920, "height": 1080}
# role id, (kind, name) of its label, choices of every round: decision -> button value
PLAYERS = [
    (
        "radmann:4203",
        ("radmann", "Arendal"),
        {"attend": "no", "leader_agreement": "yes", "joint_plan": "yes"},
    ),
    ("radmann:4201", ("radmann", "Risør"), {"attend": "no"}),
    ("radmann:4202", ("radmann", "Grimstad"), {"detail_steer": "yes"}),
    ("ordforer:4225", ("ordforer", "Lyngdal"), {"vote": "no"}),
    ("ordforer:4227", ("ordforer", "Kvinesdal"), {"vote": "yes"}),
    (
        "fylkesdirektor:42",
        ("fylkesdirektor", "42"),
        {"detail_steer": "yes", "attention": "pick"},  # the first pick: its first office
    ),
    ("navleder:4203", ("navleder", "Arendal"), {"agenda": "high"}),
    ("navleder:4201", ("navleder", "Risør"), {"areas": "pick"}),
]


# what the first pick of a decision takes: the areas offered first, the first office
PICKED = {"areas": "12 13 17", "attention": "Risør"}


class Client:
    """One offline browser context with one page."""

    def __init__(self, browser, viewport=None):
        self.context = browser.new_context(viewport=viewport or {"width": 1200, "height": 900})
        self.blocked: list[str] = []
        self.context.route("**/*", self.route)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()

    def route(self, route):
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()


def open_room(client: Client, server: str) -> str:
    """Open a room (Agder, rounds of a year) as its facilitator; return its code."""
    from playwright.sync_api import expect

    page = client.page
    page.goto(server + "room")
    page.locator(".room-open").click()
    page.locator(".room-code b").wait_for()
    code = page.locator(".room-code b").inner_text().strip()
    expect(page).to_have_url(re.compile(rf"/room/{code}\?f=[\w-]+$"))
    return code


def join(client: Client, server: str, code: str, name: str, role_id: str, role) -> None:
    """Join with the code and take a role from the list of free roles."""
    from playwright.sync_api import expect

    page = client.page
    page.goto(server + "room")
    page.locator(".room-code-input input").fill(code)
    page.locator(".room-name-input input").fill(name)
    page.locator(".room-join:not([disabled])").click()  # enabled once the server has both
    page.locator(".room-status").wait_for()
    # the browser's address follows the server's (workshop/navigator.py): a reload finds the role
    expect(page).to_have_url(re.compile(rf"/room/{code}\?p=[\w-]+$"))
    page.locator(f".room-kind-{role[0]}").click()
    page.locator(".take-" + role_id.replace(":", "-")).click()
    page.locator(".room-role").wait_for()


def wait_status(page, round_: int, phase: str) -> None:
    page.wait_for_function(
        "([r, p]) => { const s = document.querySelector('.room-status');"
        " return s && s.dataset.round == String(r) && s.dataset.phase == p; }",
        arg=[round_, phase],
    )


def numbers(page) -> dict[str, tuple[float, float]]:
    rows = page.locator(".room-numbers tr[data-number]")
    out = {}
    for i in range(rows.count()):
        r = rows.nth(i)
        out[r.get_attribute("data-number")] = (
            float(r.get_attribute("data-you")),
            float(r.get_attribute("data-rule")),
        )
    return out


def test_a_room_plays_three_rounds_and_a_second_room_is_untouched(server, browser):
    from playwright.sync_api import expect

    host = Client(browser, PROJECTOR)
    other = Client(browser)
    stranger = Client(browser)
    players = [Client(browser, PHONE if i == 0 else None) for i in range(len(PLAYERS))]
    clients = [host, other, stranger, *players]
    try:
        code = open_room(host, server)
        other_code = open_room(other, server)
        assert re.fullmatch(r"[A-Z2-9]{4}", code) and code != other_code
        join(stranger, server, other_code, "Sam", "radmann:4203", ("radmann", "Arendal"))
        before_other = numbers(stranger.page)
        for client, (role_id, role, _) in zip(players, PLAYERS, strict=True):
            join(client, server, code, role_id, role_id, role)
            expect(client.page.locator(".room-role")).to_have_attribute("data-role", role_id)
        at_start = {
            role_id: numbers(c.page) for c, (role_id, _, _) in zip(players, PLAYERS, strict=True)
        }
        expect(host.page.locator(".room-person")).to_have_count(len(PLAYERS))

        for round_ in (1, 2, 3):
            if round_ == 2:  # Nav fylke proposes a host office (Lyngdal with its neighbours)
                host.page.locator(".room-event-host_office").first.click()
                host.page.locator(".room-events").wait_for()
            host.page.locator(".room-open-round").click()
            for client, (_, _, choices) in zip(players, PLAYERS, strict=True):
                wait_status(client.page, round_ - 1, "open")
                if round_ > 1:
                    continue  # a choice stands until changed
                for decision, value in choices.items():
                    box = client.page.locator(f".room-decision-{decision}")
                    box.locator(f".choice-{value}").click()
                    expect(box.locator(f".choice-{value}")).to_have_class(re.compile("choice-on"))
            host.page.locator(".room-close-round").click()
            for client in (host, *players):
                wait_status(client.page, round_, "waiting")

        # the facilitator's view shows every role's choices for each round, and the log
        rows = host.page.locator(".room-rounds tr[data-round]")
        expect(rows).to_have_count(3)
        for role_id, _, choices in PLAYERS:
            for decision, value in choices.items():
                cell = rows.nth(2).locator(f"td[data-key='{role_id}|{decision}']")
                want = PICKED[decision] if value == "pick" else value
                expect(cell).to_have_attribute("data-choice", want)
        assert int(host.page.locator(".room-log-count").get_attribute("data-count")) > 100

        # each decision changed its actor's state against the same seed by the model's rules
        state = {
            role_id: numbers(c.page) for c, (role_id, _, _) in zip(players, PLAYERS, strict=True)
        }
        arendal = state["radmann:4203"]
        assert arendal["leader_agreement"] == (1.0, 0.0)
        assert arendal["joint_plan"] == (1.0, 0.0)
        assert arendal["rad_attended"][0] < arendal["rad_attended"][1]
        assert state["radmann:4201"]["rad_attended"][0] < state["radmann:4201"]["rad_attended"][1]
        assert state["radmann:4202"]["detail_steered"][0] == 1.0
        fd = state["fylkesdirektor:42"]["detail_steered_share"]
        assert fd[0] == 1.0 and fd[1] < 1.0
        high, low = (
            state["fylkesdirektor:42"]["attention_max"],
            state["fylkesdirektor:42"]["attention_min"],
        )
        assert high[0] > high[1] == low[1] > low[0]  # focused on Risør; the rule: equal
        agenda = state["navleder:4203"]["agenda"]
        assert agenda[0] == 1.0 and agenda[1] < 1.0
        areas = state["navleder:4201"]["areas_mean"]
        assert areas[0] != areas[1]
        # Lyngdal's council said no: its office stays as it was; by the rule the host office
        # formed and took in a neighbour (Kvinesdal's yes alone cannot form it)
        for role_id in ("ordforer:4225", "ordforer:4227"):
            n_munis = state[role_id]["n_munis"]
            assert n_munis[0] == at_start[role_id]["n_munis"][0] < n_munis[1], role_id

        # the second room: nobody played a round, its numbers are the rule's and unchanged
        wait_status(stranger.page, 0, "waiting")
        assert numbers(stranger.page) == before_other
        assert all(a == b for a, b in before_other.values())

        # a reload keeps the role
        page = players[3].page
        page.reload()
        expect(page.locator(".room-role")).to_have_attribute("data-role", "ordforer:4225")
        wait_status(page, 3, "waiting")

        # English on request; bokmål stays the default elsewhere
        page.locator(".nav-lang button").nth(1).click()
        expect(page.locator(".room-role")).to_contain_text(role_label("ordforer", "Lyngdal", "en"))
        expect(players[4].page.locator(".room-role")).to_contain_text(room_ui("your_role", "nb"))

        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        players[0].page.screenshot(path=str(ARTIFACTS / "room_phone_390.png"), full_page=True)
        host.page.screenshot(path=str(ARTIFACTS / "room_projector.png"), full_page=True)
        assert (ARTIFACTS / "room_phone_390.png").stat().st_size > 10_000
        for c in clients:
            assert c.blocked == [], c.blocked
    finally:
        for c in clients:
            c.context.close()
