"""The survey layer: model states -> what each survey of the reports measured.

A survey *instrument* reads the model states of one respondent group (rådmenn,
ordførere, leaders, state or municipal staff) and returns what the survey reported:
the share giving some answers of a five-point item (``share``) or its 1-5 mean
(``mean_score``). Every instrument uses one response model, declared once in
``sim.config.survey``: a respondent's latent view is the model state plus a normal
respondent noise, and the answer is the bin of the latent between four thresholds.
No state is cut at 0.5 or anywhere else: a state near a threshold gives about half
the answers on each side, and a share is a smooth, monotone function of the states.

``TARGETS`` is the one table of the survey values the reports give (survey, year,
group, item, value, respondents, source line); ``reported`` reads it for any calendar
time (linear between survey years, clamped outside them).

*Anchored time* (DESIGN §5, ODD element 5): the states whose surveys show a trend
between survey years (perceived state dominance of rådmenn and ordførere; staff
working on both lines' tasks) are set at the start from the start month's survey
values through the inverse of their instrument (``sim.anchoring.anchor_states``), and
held there during the burn-in (``sim.anchoring.hold_trends``): the burn-in settles
flows, not the trends. ``ANCHORED`` names the anchored items.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy.special import ndtr

from sim.vocabulary import MIDPOINT, Employer

if TYPE_CHECKING:
    from sim.config import SurveyParams
    from sim.model import NavPartnershipModel

ANSWERS = np.arange(1, 6)  # a five-point item: answers 1..5
AGREE = (4, 5)  # "agree" / "to a large degree": 4 or 5
Z95 = 1.96  # tolerance = 95% sampling interval of a share: 1.96 standard errors
BISECTION_STEPS = 60  # numerical: bisection steps of the inverse (2**-60 of the range)

# Survey ids, respondent groups and items.
OWNERS, LEADERS, STAFF = "owners", "leaders", "staff"
RADMANN, ORDFORER, LEADER = "radmann", "ordforer", "leader"
STATE_STAFF, MUNICIPAL_STAFF, ALL_STAFF = "state_staff", "municipal_staff", "staff"
# Item -> the answers it counts (the share reported is the share giving one of them).
ITEMS: dict[str, tuple[int, ...]] = {
    "state_dominates": AGREE,  # "staten dominerer" veldig/noe
    "cooperation_works_well": AGREE,
    "equal_partners": AGREE,
    "team_satisfied": AGREE,
    "mainly_state": (4, 5),  # 5 = only state tasks ... 1 = only municipal tasks
    "both_equally": (3,),
    "mainly_municipal": (1, 2),
}
F003 = "003"  # domain/003_partnership_report.md


@dataclass(frozen=True)
class Target:
    """One value a survey reported.

    Attributes:
        survey: ``owners`` (O/R 2011 Aars, 2019), ``leaders`` (enhetsledere 2019) or
            ``staff`` (office survey 2015, 2019).
        year: Survey year.
        group: Respondent group.
        item: Item of ``ITEMS``.
        value: Share giving the item's answers; None where the text gives only an ordering.
        n: Respondents (for the sampling error).
        source: Domain file, section and lines.
        note: How the value was read, where it is not a number in the text.
    """

    survey: str
    year: int
    group: str
    item: str
    value: float | None
    n: int
    source: str
    note: str = ""

    @property
    def sampling_error(self) -> float:
        """Standard error of the share from the survey's n (simple random sample)."""
        v = self.value if self.value is not None else math.nan
        return math.sqrt(v * (1 - v) / self.n)

    @property
    def tolerance(self) -> float:
        """Half-width of the 95% sampling interval."""
        return Z95 * self.sampling_error


_OR = f"{F003} §6.2"
_N11 = "n 2011 from the items of L9294-9311 (R 208, O 150)"
_N19 = "n 2019 = respondents, Appendix D L11246-11252 (R 158, O 106)"
_SPLIT = (
    "assumption: the pooled 2011 ≈75% split by 2019's R−O gap (17 pp) around it, "
    "weighted by respondents"
)
_STAFF_N = "n = 1,525 other staff (Appendix D L11338-11368)"
_HALF = "assumption: state and municipal staff each about half of the 1,525"
TARGETS: tuple[Target, ...] = (
    Target(OWNERS, 2011, RADMANN, "state_dominates", 0.821, 208, f"{_OR} L8573-8599", _SPLIT),
    Target(OWNERS, 2011, ORDFORER, "state_dominates", 0.651, 150, f"{_OR} L8573-8599", _SPLIT),
    Target(OWNERS, 2019, RADMANN, "state_dominates", 0.61, 158, f"{_OR} L8573-8599", _N19),
    Target(OWNERS, 2019, ORDFORER, "state_dominates", 0.44, 106, f"{_OR} L8573-8599", _N19),
    Target(
        OWNERS,
        2011,
        RADMANN,
        "cooperation_works_well",
        0.75,
        208,
        f"{_OR} L8542-8560",
        f"'>75%', '≈ as in 2011': the bound taken; {_N11}",
    ),
    Target(
        OWNERS,
        2011,
        ORDFORER,
        "cooperation_works_well",
        0.60,
        150,
        f"{_OR} L8542-8560",
        f"'≈60%', '≈ as in 2011'; {_N11}",
    ),
    Target(
        OWNERS,
        2019,
        RADMANN,
        "cooperation_works_well",
        0.75,
        158,
        f"{_OR} L8542-8560",
        f"'>75%': the bound taken; {_N19}",
    ),
    Target(OWNERS, 2019, ORDFORER, "cooperation_works_well", 0.60, 106, f"{_OR} L8542-8560", _N19),
    Target(
        LEADERS,
        2019,
        LEADER,
        "equal_partners",
        None,
        220,
        f"{_OR} L8604-8610",
        "an ordering only: leaders agree significantly more often than O/R; "
        "n = 220 leaders (Appendix D L11326-11332)",
    ),
    Target(
        STAFF,
        2015,
        ALL_STAFF,
        "both_equally",
        0.11,
        1525,
        f"{F003} §6.3 L8824-8838",
        f"'≈11%'; assumption: 2019's {_STAFF_N}",
    ),
    Target(STAFF, 2019, ALL_STAFF, "both_equally", 0.24, 1525, f"{F003} §6.3 L8824-8838", _STAFF_N),
    Target(
        STAFF,
        2015,
        STATE_STAFF,
        "mainly_state",
        0.90,
        760,
        f"{F003} §6.3 L8824-8838",
        f"'≈90%'; {_HALF}",
    ),
    Target(
        STAFF,
        2019,
        STATE_STAFF,
        "mainly_state",
        0.70,
        760,
        f"{F003} §6.3 L8810-8838",
        f"'>70%', '≈70%'; {_HALF}",
    ),
    Target(
        STAFF,
        2015,
        MUNICIPAL_STAFF,
        "mainly_municipal",
        0.80,
        760,
        f"{F003} §6.3 L8824-8838",
        f"'>80%': the bound taken; {_HALF}",
    ),
    Target(
        STAFF,
        2019,
        MUNICIPAL_STAFF,
        "mainly_municipal",
        0.55,
        760,
        f"{F003} §6.3 L8810-8838",
        f"'≈55%'; {_HALF}",
    ),
    Target(
        STAFF, 2019, MUNICIPAL_STAFF, "mainly_state", 0.18, 760, f"{F003} §6.3 L8810-8820", _HALF
    ),
    Target(
        STAFF, 2019, STATE_STAFF, "mainly_municipal", 0.05, 760, f"{F003} §6.3 L8810-8820", _HALF
    ),
    Target(
        STAFF,
        2019,
        ALL_STAFF,
        "team_satisfied",
        0.80,
        1700,
        f"{F003} §6.3 L8902-8906",
        "'≈80%'; n ≈ 1,700 (teamwork items, L8859-8869)",
    ),
)
# The anchored items (survey, group, item): their states start at the survey value
# (the staff items from the year each was first asked: ``anchored_items``).
OWNER_ANCHORED = (
    (OWNERS, RADMANN, "state_dominates"),
    (OWNERS, ORDFORER, "state_dominates"),
)
STAFF_ANCHORED = (
    (STAFF, ALL_STAFF, "both_equally"),
    (STAFF, STATE_STAFF, "mainly_state"),
    (STAFF, STATE_STAFF, "mainly_municipal"),
    (STAFF, MUNICIPAL_STAFF, "mainly_municipal"),
    (STAFF, MUNICIPAL_STAFF, "mainly_state"),
)
ANCHORED = OWNER_ANCHORED + STAFF_ANCHORED
STAFF_GROUPS = (STATE_STAFF, MUNICIPAL_STAFF)


# --------------------------------------------------------------------- response model


def answer_probabilities(states: np.ndarray, params: SurveyParams) -> np.ndarray:
    """Each respondent's chance of each answer 1..5 (the response model).

    Args:
        states: One model state per respondent, [0, 1].
        params: The response model (``cfg.survey``).

    Returns:
        Array of shape ``states.shape + (5,)``; each row sums to 1.
    """
    s = np.asarray(states, float)[..., None]
    cuts = np.asarray(params.thresholds)
    above = ndtr((s - cuts) / params.respondent_noise)  # P(latent > threshold k)
    ones = np.ones(s.shape)
    zeros = np.zeros(s.shape)
    return np.concatenate([ones, above], axis=-1) - np.concatenate([above, zeros], axis=-1)


def share(states: np.ndarray, answers: tuple[int, ...], params: SurveyParams) -> float:
    """Expected share of respondents giving one of ``answers``.

    Args:
        states: One model state per respondent.
        answers: Answers counted (e.g. ``AGREE``).
        params: The response model.

    Returns:
        The share in [0, 1] (nan with no respondent).
    """
    p = answer_probabilities(states, params)[..., np.asarray(answers) - 1].sum(axis=-1)
    return float(p.mean()) if p.size else math.nan


def mean_score(states: np.ndarray, params: SurveyParams) -> float:
    """Expected mean answer on the 1-5 scale."""
    return float((answer_probabilities(states, params) @ ANSWERS).mean())


def invert(fn: Callable[[float], float], value: float, lo: float = 0.0, hi: float = 1.0) -> float:
    """The x in [lo, hi] with ``fn(x) == value`` for a monotone ``fn`` (bisection).

    Clamped: a value beyond ``fn``'s range at the ends gives the nearer end.
    """
    rising = fn(hi) >= fn(lo)
    for _ in range(BISECTION_STEPS):
        mid = 0.5 * (lo + hi)
        if (fn(mid) < value) == rising:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


# --------------------------------------------------------------------- targets and time


def reported(survey: str, group: str, item: str, when: float) -> tuple[float, float]:
    """The survey value and its tolerance at a calendar time (year + month fraction).

    Each survey counts at January of its year. Between survey years the value is
    interpolated linearly; before the first and after the last it is clamped
    (assumption: no trend is extrapolated). The tolerance is the nearer survey's.

    Returns:
        (value, tolerance).

    Raises:
        KeyError: If the table has no value for the item.
    """
    rows = sorted(
        (
            t
            for t in TARGETS
            if (t.survey, t.group, t.item) == (survey, group, item) and t.value is not None
        ),
        key=lambda t: t.year,
    )
    if not rows:
        raise KeyError(f"no survey value for {survey}/{group}/{item}")
    years = [t.year for t in rows]
    value = float(np.interp(when, years, [t.value for t in rows]))
    nearest = min(rows, key=lambda t: abs(t.year - when))
    return value, nearest.tolerance


def calendar_time(model: NavPartnershipModel, month: int | None = None) -> float:
    """Calendar time of a model month (the current one when None): year + month / 12.

    January is ``.0``; month 0 is ``start``.
    """
    month = model.month if month is None else month
    return model.start_year + (model.start_month - 1 + month) / 12


# --------------------------------------------------------------------- instruments


def respondents(model: NavPartnershipModel, group: str, item: str) -> np.ndarray:
    """The model states a group answers an item from: one per respondent.

    Rådmenn and ordførere: one per living municipality; staff: one per post;
    leaders: one per office (the office's perceived equality of the owners' views).
    """
    mu, st = model.munis, model.staff
    alive = mu.alive
    if item == "state_dominates":
        return (mu.rad_dominance if group == RADMANN else mu.ord_dominance)[alive]
    if item == "cooperation_works_well":
        return (mu.rad_satisfaction if group == RADMANN else mu.ord_satisfaction)[alive]
    if item == "equal_partners" and group in (RADMANN, ORDFORER):
        return 1 - respondents(model, group, "state_dominates")
    if item == "equal_partners":
        return equality_view(model)
    if item == "team_satisfied" and group == ALL_STAFF:
        return st.satisfaction
    if item == "team_satisfied":
        return st.satisfaction[st.post == staff_employer(group)]
    if group == ALL_STAFF:
        return st.task_state
    return st.task_state[st.post == staff_employer(group)]


def staff_employer(group: str) -> Employer:
    """The employer of a staff group (``state_staff`` or ``municipal_staff``)."""
    return Employer.STATE if group == STATE_STAFF else Employer.MUNICIPAL


def equality_view(model: NavPartnershipModel) -> np.ndarray:
    """Each office's perceived equality of the partnership (DESIGN §6 ``perceived_equality``).

    One minus the owners' mean perceived dominance, raised by the rådmenn's trust
    above its midpoint (half weight); the leaders' view of the partnership.
    """
    mu = model.munis
    dominance = model.office_mean(MIDPOINT * (mu.rad_dominance + mu.ord_dominance))
    trust = model.office_mean(mu.rad_trust)
    return np.clip(1 - dominance + MIDPOINT * (trust - MIDPOINT), 0, 1)


def instruments() -> list[tuple[str, str, str]]:
    """Every (survey, group, item) of the table, once, in its order."""
    return list(dict.fromkeys((t.survey, t.group, t.item) for t in TARGETS)) + [
        (OWNERS, RADMANN, "equal_partners"),
        (OWNERS, ORDFORER, "equal_partners"),
        (STAFF, STATE_STAFF, "team_satisfied"),
        (STAFF, MUNICIPAL_STAFF, "team_satisfied"),
    ]


def measure(model: NavPartnershipModel) -> dict[tuple[str, str, str], float]:
    """What each survey would measure now: (survey, group, item) -> share."""
    p = model.cfg.survey
    return {
        key: share(respondents(model, key[1], key[2]), ITEMS[key[2]], p) for key in instruments()
    }
