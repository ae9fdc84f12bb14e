"""Role-play rooms: a facilitator and participants play the partnership together.

A ``Room`` holds one shared model (and its twin, the same region and seed decided by the
model's own rules) for a facilitator and participants in roles: rådmann or ordfører of a
municipality, fylkesdirektør of a county, Nav-leder of an office. Plain Python (no
Solara): the app, the tests and the benchmark drive it directly.

Decisions reach the model only through ``sim.decisions``: each actor that a participant
plays gets a ``RoomDecider``, which returns the participant's choice for the decisions of
that role and the model rule's proposal for the rest ("rule" choices included); actors
nobody plays keep ``MODEL_RULE``. A choice stands until changed, so a round of a year
applies it to every meeting, review, budget and plan of that year.

Rounds: the facilitator opens a round (participants may change their choices), then
closes it: under the room's lock both models advance by the round's months, the round's
decisions and outcomes are logged, and every page waiting on the room is woken
(``Room.wait``). Rooms never share state; they live in a ``RoomRegistry`` (one per server
process, ``ROOMS``): the one deliberate piece of module-level state of the app.
"""

from __future__ import annotations

import copy
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from sim.config import normalise
from sim.decisions import MODEL_RULE, Decision
from sim.model import NavPartnershipModel
from sim.scenarios import SCENARIOS, plan_scenarios
from sim.submodels.steering import director_attention, sign_agreements
from sim.vocabulary import AREAS, LEADER_AREAS, ScenarioKind
from workshop.session import series, start_model
from workshop.settings import Settings

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I, O, 0, 1: read aloud in a room
CODE_LENGTH = 4
ROUND_MONTHS = {"year": 12, "quarter": 3}
RULE = "rule"  # a choice that leaves the decision to the model's rule
YES, NO = "yes", "no"
AGENDA_LEVELS = {"low": 0.2, "medium": 0.6, "high": 1.0}  # the Nav-leder's agenda choices
BAND_SEEDS = 5  # model-rule runs of the debrief band
EVENTS = (ScenarioKind.plant_closure, ScenarioKind.refugee_inflow, ScenarioKind.host_office)

# the decisions of each role (sim.decisions.DECIDERS: who decides what)
ROLE_DECISIONS: dict[str, tuple[Decision, ...]] = {
    "radmann": (
        Decision.ATTEND,
        Decision.DETAIL_STEER,
        Decision.TARGET_GROUP,
        Decision.LEADER_AGREEMENT,
        Decision.JOINT_PLAN,
        Decision.COST_KEY,
    ),
    "ordforer": (Decision.VOTE,),
    "fylkesdirektor": (Decision.DETAIL_STEER, Decision.ATTENTION),
    "navleder": (Decision.AGENDA, Decision.AREAS),
}
ROLE_KINDS = tuple(ROLE_DECISIONS)
LEADER_AREA_IDS = tuple(int(i) for i in np.flatnonzero(LEADER_AREAS))
# outcomes logged per round and drawn in the debrief (model.parquet columns, DESIGN §6)
ROUND_OUTCOMES = ("trust_owners", "exits_to_work", "mean_wait_months", "cooperation_quality")


class RoomError(ValueError):
    """A room action that is not allowed now (the message is a key of the room labels)."""


@dataclass(frozen=True)
class Role:
    """A role in the room: who plays which actor.

    Attributes:
        kind: ``radmann``, ``ordforer``, ``fylkesdirektor`` or ``navleder``.
        key: Municipality id, county id or office id.
        name: The municipality's, county's or office's name.
    """

    kind: str
    key: str
    name: str

    @property
    def id(self) -> str:
        """The role's id, ``kind:key``."""
        return f"{self.kind}:{self.key}"


def municipality_names(model: NavPartnershipModel) -> dict[str, str]:
    """The model's municipalities: id -> name (for ``office_name``)."""
    return {m.municipality_id: m.name for m in model.municipalities}


def roles_of(model: NavPartnershipModel) -> list[Role]:
    """Every role a room on this model offers, in a stable order."""
    out = []
    for m in model.municipalities:
        out.append(Role("radmann", m.municipality_id, m.name))
        out.append(Role("ordforer", m.municipality_id, m.name))
    names = municipality_names(model)
    for cid in model.county_directors:
        out.append(Role("fylkesdirektor", cid, cid))
    for oid in model.offices.ids:
        out.append(Role("navleder", oid, office_name(oid, names)))
    return out


def office_name(office_id: str, names: dict[str, str]) -> str:
    """An office's name: its host municipality's, with the part number of a split city."""
    base, _, part = office_id.partition("-")
    name = names.get(base, office_id)
    return f"{name} {int(part)}" if part.isdigit() else name


def convert(
    decision: Decision, choice: Any, proposal: Any, office_ids: list[str] | None = None
) -> Any:
    """The model's value of a participant's choice (``RULE``: the proposal).

    ``office_ids``: the model's office ids now, for ``ATTENTION`` (a choice names the
    offices to focus on by id; an office merged away since is dropped).
    """
    if choice is None or choice == RULE:
        return proposal
    if decision == Decision.ATTENTION:
        ids = office_ids or []
        return tuple(ids.index(i) for i in choice if i in ids)
    if decision == Decision.AGENDA:
        return AGENDA_LEVELS[choice]
    if decision == Decision.AREAS:
        return np.array(sorted(choice), dtype=np.int64)
    return choice == YES


class RoomDecider:
    """The decider of one actor in a room: the choices of the roles that play it.

    Args:
        room: The room.
        roles: Decision -> the role id that takes it for this actor.
    """

    def __init__(self, room: Room, roles: dict[Decision, str]) -> None:
        """Store the room and the actor's roles."""
        self.room = room
        self.roles = roles

    def decide(self, actor: Any, decision: Decision, proposal: Any, context: dict) -> Any:
        """The choice of the role that takes ``decision``, else the proposal."""
        role = self.roles.get(decision)
        if role is None:
            return proposal
        choice = self.room.choices.get(role, {}).get(decision)
        return convert(decision, choice, proposal, actor.model.offices.ids)


@dataclass
class Participant:
    """Someone in the room (the facilitator is not one)."""

    name: str
    role: str | None = None
    last_seen: float = field(default_factory=time.monotonic)


class Room:
    """One shared model, its participants, rounds, events and decision log.

    Args:
        code: The room code.
        settings: Region, governance, scenario and seed of the room.
        round_length: ``year`` or ``quarter``.
        band_seeds: Number of model-rule runs in the debrief band.
    """

    def __init__(
        self,
        code: str,
        settings: Settings,
        round_length: str = "year",
        band_seeds: int = BAND_SEEDS,
    ) -> None:
        """Build the room's model and its model-rule twin at month 0."""
        if round_length not in ROUND_MONTHS:
            raise RoomError("round_length")
        self.code = code
        self.settings = settings.copy()
        self.round_length = round_length
        self.band_seeds = band_seeds
        self.facilitator = secrets.token_urlsafe(9)
        self.lock = threading.RLock()
        self.changed = threading.Condition(self.lock)
        self.version = 0
        self.model = start_model(self.settings)
        self.twin = start_model(self.settings)  # the same seed, decided by the model's rules
        self.model.decision_observer = self.observe
        self.roles = {r.id: r for r in roles_of(self.model)}
        self.participants: dict[str, Participant] = {}
        self.choices: dict[str, dict[Decision, Any]] = {}
        self.phase = "waiting"  # waiting -> open -> waiting after the round ran; paused
        self.round = 0  # rounds played
        self.events: list[tuple[int, str]] = []  # (month, scenario kind) injected
        self.log: list[dict[str, Any]] = []  # every decision a played actor took
        self.rounds: list[dict[str, Any]] = []  # per round: choices and outcomes
        self.round_seconds: list[float] = []
        self._band: tuple[tuple, pd.DataFrame] | None = None

    # ------------------------------------------------------------------ people

    def notify(self) -> None:
        """Wake every page waiting on the room (call with the lock held)."""
        self.version += 1
        self.changed.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        """Block until the room's version is past ``seen`` (or ``timeout`` s); return it."""
        with self.changed:
            self.changed.wait_for(lambda: self.version > seen, timeout=timeout)
            return self.version

    def join(self, name: str, role: str | None = None) -> str:
        """Add a participant; return their token (their key back into the room)."""
        with self.lock:
            token = secrets.token_urlsafe(9)
            self.participants[token] = Participant(name=name.strip()[:40] or "?")
            if role is not None:
                self.assign(token, role)
            self.notify()
            return token

    def free_roles(self) -> list[Role]:
        """Roles nobody plays."""
        taken = {p.role for p in self.participants.values()}
        return [r for r in self.roles.values() if r.id not in taken]

    def assign(self, token: str, role: str | None) -> None:
        """Give a participant a role (the facilitator may move a role to someone else).

        Whoever held the role before loses it; the role's choices stay with the role.
        """
        with self.lock:
            if token not in self.participants:
                raise RoomError("unknown_participant")
            if role is not None and role not in self.roles:
                raise RoomError("unknown_role")
            for p in self.participants.values():
                if role is not None and p.role == role:
                    p.role = None
            self.participants[token].role = role
            if role is not None:
                self.choices.setdefault(role, {})
            self.install_deciders()
            self.notify()

    def participant(self, token: str) -> Participant | None:
        """The participant with this token (None if unknown)."""
        p = self.participants.get(token)
        if p is not None:
            p.last_seen = time.monotonic()
        return p

    def played(self) -> set[str]:
        """The role ids someone plays."""
        return {p.role for p in self.participants.values() if p.role is not None}

    def choose(self, token: str, decision: Decision, value: Any) -> None:
        """A participant's choice for one of their role's decisions (while a round is open)."""
        decision = Decision(decision)
        with self.lock:
            p = self.participants.get(token)
            if p is None or p.role is None:
                raise RoomError("no_role")
            if self.phase != "open":
                raise RoomError("round_closed")
            kind = self.roles[p.role].kind
            if decision not in ROLE_DECISIONS[kind]:
                raise RoomError("not_your_decision")
            offices = (
                [o for o, _ in self.director_offices(p.role)] if kind == "fylkesdirektor" else []
            )
            check_choice(decision, value, self.model.cfg.development.areas_per_period, offices)
            self.choices.setdefault(p.role, {})[decision] = value
            self.notify()

    # ------------------------------------------------------------------ the model

    def install_deciders(self) -> None:
        """Give every played actor a ``RoomDecider``; the others keep the model's rule."""
        played = self.played()
        model = self.model
        for m in model.municipalities:
            roles = {}
            for kind in ("radmann", "ordforer"):
                rid = f"{kind}:{m.municipality_id}"
                if rid in played:
                    roles.update(dict.fromkeys(ROLE_DECISIONS[kind], rid))
            m.decider = RoomDecider(self, roles) if roles else MODEL_RULE
        for cid, cd in model.county_directors.items():
            rid = f"fylkesdirektor:{cid}"
            roles = dict.fromkeys(ROLE_DECISIONS["fylkesdirektor"], rid)
            cd.decider = RoomDecider(self, roles) if rid in played else MODEL_RULE
        for leader in model.leaders:
            rid = f"navleder:{model.offices.ids[leader.office]}"
            roles = dict.fromkeys(ROLE_DECISIONS["navleder"], rid)
            leader.decider = RoomDecider(self, roles) if rid in played else MODEL_RULE

    def observe(self, actor: Any, decision: Decision, value: Any, context: dict) -> None:
        """The model's decision observer: log every decision a played actor takes."""
        decider = actor.decider
        role = decider.roles.get(decision) if isinstance(decider, RoomDecider) else None
        if role is None:
            return
        office = context.get("office")
        if decision == Decision.ATTENTION:
            value = self.office_names([self.model.offices.ids[o] for o in value]) or RULE
        elif isinstance(value, np.ndarray):
            value = " ".join(str(int(a) + 1) for a in value)  # area numbers of 003 §7
        elif isinstance(value, float):
            value = round(value, 4)
        self.log.append(
            {
                "round": self.round + 1,
                "month": int(context["month"]),
                "role": role,
                "decision": decision.value,
                "choice": self.plain_choice(decision, self.choices.get(role, {}).get(decision)),
                "value": value,
                "office": self.model.offices.ids[office] if office is not None else "",
            }
        )

    def open_round(self) -> None:
        """Let the participants decide for the next round."""
        with self.lock:
            if self.phase == "paused":
                raise RoomError("paused")
            if self.finished:
                raise RoomError("finished")
            self.phase = "open"
            self.notify()

    def close_round(self) -> None:
        """Run the round's months on the shared model and its twin; wake every page."""
        with self.lock:
            if self.phase != "open":
                raise RoomError("round_not_open")
            t0 = time.perf_counter()
            self.phase = "running"
            self.install_deciders()
            # a standing decision the model takes only for new offices: asked again each round
            hosts = [
                o
                for o in range(self.model.n_offices)
                if self.model.municipalities[self.model.offices.host[o]].decider is not MODEL_RULE
            ]
            if hosts:
                sign_agreements(self.model, np.array(hosts, dtype=np.int64))
            for _ in range(self.months_per_round):
                if self.model.month >= self.model.cfg.months:
                    break
                self.model.step()
                self.twin.step()
                self.install_deciders()  # an event may have formed new offices
            self.round += 1
            self.rounds.append(self.round_record())
            self.phase = "waiting"
            self.round_seconds.append(time.perf_counter() - t0)
            self.notify()

    def pause(self, paused: bool) -> None:
        """Pause the room (no choices, no rounds) or go on."""
        with self.lock:
            if paused and self.phase != "running":
                self.phase = "paused"
            elif not paused and self.phase == "paused":
                self.phase = "waiting"
            self.notify()

    def inject(self, kind: str) -> int:
        """Schedule an event (plant closure, refugee inflow, a host-office proposal).

        The event is planned in the region as a scenario of that kind (what it chose is
        in the model's notes) and fires in the first month of the next round, on the
        shared model and its twin alike.

        Returns:
            The month it fires.
        """
        kind = ScenarioKind(kind)
        if kind not in EVENTS:
            raise RoomError("unknown_event")
        with self.lock:
            month = self.model.month + 1
            if month > self.model.cfg.months:
                raise RoomError("finished")
            for model in (self.model, self.twin):
                schedule_event(model, kind, month)
            self.events.append((month, kind.value))
            self.notify()
            return month

    @property
    def months_per_round(self) -> int:
        """Months a round advances."""
        return ROUND_MONTHS[self.round_length]

    @property
    def finished(self) -> bool:
        """Whether the model has reached its last month."""
        return self.model.month >= self.model.cfg.months

    # ------------------------------------------------------------------ views

    def round_record(self) -> dict[str, Any]:
        """The round just played: every played role's choices and the outcomes."""
        rec: dict[str, Any] = {"round": self.round, "month": self.model.month}
        for role in sorted(self.played()):
            for d, v in self.choices.get(role, {}).items():
                rec[f"{role}|{d.value}"] = self.plain_choice(d, v)
        row, twin = last_row(self.model), last_row(self.twin)
        for c in ROUND_OUTCOMES:
            rec[c] = row[c]
            rec[f"rule_{c}"] = twin[c]
        return rec

    def plain_choice(self, decision: Decision, value: Any) -> Any:
        """A choice as logged: offices by name, areas by their 003 §7 numbers."""
        if decision == Decision.ATTENTION and isinstance(value, list | tuple):
            return self.office_names(value)
        return _plain_choice(value)

    def office_names(self, office_ids: list[str]) -> str:
        """Offices' names, comma-separated (a focus of the fylkesdirektør)."""
        names = municipality_names(self.model)
        return ", ".join(office_name(o, names) for o in office_ids)

    def director_offices(self, role_id: str) -> list[tuple[str, str]]:
        """The offices a fylkesdirektør's role owns now: (office id, name)."""
        role = self.roles[role_id]
        cd = self.model.county_directors[role.key]
        names = municipality_names(self.model)
        ids = self.model.offices.ids
        return [(ids[o], office_name(ids[o], names)) for o in cd.offices]

    def role_state(self, role_id: str) -> list[tuple[str, float, float]]:
        """The role's own numbers now: (key, room model, model-rule twin)."""
        role = self.roles[role_id]
        with self.lock:
            return [(k, a, b) for k, a, b in actor_numbers(self.model, self.twin, role)]

    def view(self, token: str) -> dict[str, Any]:
        """What a participant's page shows (plain values): role, phase, choices, numbers."""
        with self.lock:
            p = self.participant(token)
            if p is None:
                raise RoomError("unknown_participant")
            out: dict[str, Any] = {
                "version": self.version,
                "name": p.name,
                "role": p.role,
                "phase": self.phase,
                "round": self.round,
                "month": self.model.month,
            }
            if p.role is not None:
                role = self.roles[p.role]
                out["decisions"] = [d.value for d in ROLE_DECISIONS[role.kind]]
                out["choices"] = {d.value: v for d, v in self.choices.get(p.role, {}).items()}
                out["numbers"] = actor_numbers(self.model, self.twin, role)
                if role.kind == "fylkesdirektor":
                    out["offices"] = self.director_offices(p.role)
            return out

    def decisions_table(self) -> pd.DataFrame:
        """The decision log (one row per decision a played actor took)."""
        cols = ["round", "month", "role", "decision", "choice", "value", "office"]
        with self.lock:
            return pd.DataFrame(self.log, columns=cols)

    def rounds_table(self) -> pd.DataFrame:
        """One row per round: each played role's choices and the outcomes (room, rule)."""
        with self.lock:
            return pd.DataFrame(self.rounds)

    def band(self) -> pd.DataFrame:
        """The same region played by the model's own rules over several seeds, as a band.

        Seeds ``seed`` .. ``seed + band_seeds - 1``, each with the room's events at the
        same months, up to the room's month; per month the min, median and max of each
        outcome of ``ROUND_OUTCOMES``, beside the room's own series.
        """
        with self.lock:
            key = (self.model.month, tuple(self.events))
            if self._band is not None and self._band[0] == key:
                return self._band[1]
            months, events, room = self.model.month, list(self.events), series_of(self.model)
        runs = []
        for k in range(self.band_seeds):
            s = self.settings.copy()
            s.seed = self.settings.seed + k
            m = start_model(s)
            for month, kind in events:
                schedule_event(m, ScenarioKind(kind), month)
            while m.month < months:
                m.step()
            runs.append(series_of(m))
        stack = np.stack([r[list(ROUND_OUTCOMES)].to_numpy() for r in runs])
        data = {"month": room["month"].to_numpy()}
        for j, c in enumerate(ROUND_OUTCOMES):
            data[c] = room[c].to_numpy()
            data[f"{c}_min"] = stack[:, :, j].min(axis=0)
            data[f"{c}_median"] = np.median(stack[:, :, j], axis=0)
            data[f"{c}_max"] = stack[:, :, j].max(axis=0)
        out = pd.DataFrame(data)
        with self.lock:
            self._band = (key, out)
        return out

    def export_zip(self, lang: str = "nb", **kw: Any) -> tuple[str, bytes]:
        """The debrief in ``lang``: a summary page, settings, CSVs and the band picture.

        Args:
            lang: Language of every file.
            **kw: ``group`` and ``when`` of ``workshop.room_export.room_files``.

        Returns:
            The zip's name (``navsim_<group>_<YYYY-MM-DD_HHMM>.zip``) and its bytes.
        """
        from workshop.export import zip_folder  # matplotlib only when exporting
        from workshop.room_export import room_files

        stem, files = room_files(self, lang, **kw)
        return f"{stem}.zip", zip_folder(stem, files)


def check_choice(
    decision: Decision, value: Any, n_areas: int, offices: list[str] | None = None
) -> None:
    """Refuse a choice the decision cannot take.

    Args:
        decision: The decision.
        value: The participant's choice.
        n_areas: Areas a leader picks.
        offices: The fylkesdirektør's office ids (``ATTENTION``: a focus is one or more
            of them, each once).
    """
    if value == RULE:
        return
    if decision == Decision.ATTENTION:
        ok = (
            isinstance(value, list | tuple)
            and 0 < len(set(value)) == len(value)
            and all(o in (offices or []) for o in value)
        )
    elif decision == Decision.AGENDA:
        ok = value in AGENDA_LEVELS
    elif decision == Decision.AREAS:
        ok = (
            isinstance(value, list | tuple)
            and len(set(value)) == len(value) == n_areas
            and all(a in LEADER_AREA_IDS for a in value)
        )
    else:
        ok = value in (YES, NO)
    if not ok:
        raise RoomError("bad_choice")


def _plain_choice(value: Any) -> Any:
    if value is None:
        return RULE
    if isinstance(value, list | tuple):
        return " ".join(str(int(a) + 1) for a in sorted(value))
    return value


def schedule_event(model: NavPartnershipModel, kind: ScenarioKind, month: int) -> None:
    """Plan a scenario of ``kind`` in the model's region and schedule it for ``month``."""
    cfg = copy.deepcopy(model.cfg)
    cfg.scenario.name = [kind.value]
    cfg.scenario.selected = {kind.value: True}
    cfg.scenario.month = month
    plan = plan_scenarios(normalise(cfg))
    SCENARIOS[kind].schedule(model, plan)
    model.scenario_plan.notes.extend(plan.notes)


def last_row(model: NavPartnershipModel) -> dict[str, float]:
    """The last recorded month of the model table."""
    block = model.recorder.blocks["model"][-1]
    return {c: float(block[c][0]) for c in ROUND_OUTCOMES}


def series_of(model: NavPartnershipModel) -> pd.DataFrame:
    """The recorded months of ``ROUND_OUTCOMES``."""
    return series(model, ROUND_OUTCOMES)


# the numbers of each role's view: key -> (which state, how to read it)
def actor_numbers(
    model: NavPartnershipModel, twin: NavPartnershipModel, role: Role
) -> list[tuple[str, float, float]]:
    """A role's own numbers in the room's model and its model-rule twin.

    Args:
        model: The room's model.
        twin: The model-rule run.
        role: The role.

    Returns:
        (key of the number's label, value in the room, value under the model's rules);
        NaN where the actor no longer exists (an office merged into a host office).
    """
    return [(k, _number(model, role, k), _number(twin, role, k)) for k in NUMBERS[role.kind]]


NUMBERS = {
    "radmann": (
        "rad_trust",
        "rad_trust_leader",
        "rad_satisfaction",
        "rad_attended",
        "rad_influence",
        "leader_agreement",
        "joint_plan",
        "detail_steered",
        "n_users",
        "n_waiting",
    ),
    "ordforer": (
        "ord_trust",
        "ord_satisfaction",
        "ord_attention",
        "ord_influence",
        "ord_dominance",
        "n_munis",
        "n_users",
    ),
    "fylkesdirektor": (
        "attention_max",
        "attention_min",
        "trust_cd",
        "trust_leader_state",
        "detail_steered_share",
        "results_ratio_min",
        "n_offices",
    ),
    "navleder": (
        "agenda",
        "leader_dev_capacity",
        "areas_mean",
        "gate",
        "results_ratio",
        "n_users",
        "n_waiting",
    ),
}


def _number(model: NavPartnershipModel, role: Role, key: str) -> float:
    of, mu = model.offices, model.munis
    if role.kind == "fylkesdirektor":
        cd = model.county_directors[role.key]
        idx = np.array([o for o in range(model.n_offices) if of.director[o] is cd], dtype=int)
        values = {
            "trust_cd": lambda: of.trust_cd[idx].mean(),
            "trust_leader_state": lambda: of.trust_leader_state[idx].mean(),
            "detail_steered_share": lambda: of.detail_steered[idx].mean(),
            "results_ratio_min": lambda: of.results_ratio[idx].min(),
            "n_offices": lambda: len(idx),
            "attention_max": lambda: director_attention(model)[idx].max(),
            "attention_min": lambda: director_attention(model)[idx].min(),
        }
        return float(values[key]())
    if role.kind == "navleder":
        if role.key not in of.ids:
            return float("nan")
        o = of.ids.index(role.key)
    else:
        m = next(x for x in model.municipalities if x.municipality_id == role.key)
        if key.startswith(("rad_", "ord_")):
            return float(getattr(mu, key)[m.index])
        o = int(model.muni_main_office()[m.index])
    if key == "areas_mean":
        return float(of.dev_areas[o, list(LEADER_AREA_IDS)].mean())
    value = getattr(of, key)[o]
    return float(value)


def area_name(area: int) -> str:
    """The name of a development area in 003 §7 (Norwegian, as in the report)."""
    return f"{area + 1}. {AREAS[area][0]}"


class RoomRegistry:
    """The rooms of one server process, by code (thread-safe).

    Args:
        max_rooms: Rooms open at once.
        max_participants: Participants per room.
    """

    def __init__(self, max_rooms: int = 20, max_participants: int = 60) -> None:
        """An empty registry."""
        self.max_rooms = max_rooms
        self.max_participants = max_participants
        self.lock = threading.Lock()
        self.rooms: dict[str, Room] = {}

    def open(self, settings: Settings, round_length: str = "year", **kw: Any) -> Room:
        """Open a room with a new code."""
        with self.lock:
            if len(self.rooms) >= self.max_rooms:
                raise RoomError("too_many_rooms")
            while True:
                code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
                if code not in self.rooms:
                    break
            self.rooms[code] = None  # type: ignore[assignment]  # reserved while building
        try:
            room = Room(code, settings, round_length, **kw)
        except Exception:
            with self.lock:
                del self.rooms[code]
            raise
        with self.lock:
            self.rooms[code] = room
        return room

    def get(self, code: str) -> Room | None:
        """The room with this code (case and spaces ignored), or None."""
        code = "".join(code.split()).upper()
        with self.lock:
            return self.rooms.get(code)

    def close(self, code: str) -> None:
        """Forget a room."""
        with self.lock:
            self.rooms.pop(code, None)

    def join(self, code: str, name: str) -> tuple[Room, str]:
        """Join the room with ``code``; return it and the new participant's token."""
        room = self.get(code)
        if room is None:
            raise RoomError("unknown_room")
        if len(room.participants) >= self.max_participants:
            raise RoomError("room_full")
        return room, room.join(name)


ROOMS = RoomRegistry()
