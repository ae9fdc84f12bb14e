"""The decision interface: who decides what, and how a decision can be taken over.

Every decision of a deciding actor (``Municipality``: rådmann and ordfører;
``CountyDirector``; ``NavLeader``) goes through ``Actor.decide(decision, proposal,
**context)``. The model's own rule computes the ``proposal`` (vectorised over all
actors where that pays) and the actor's ``decider`` returns the decision. The default
decider, ``MODEL_RULE``, returns the proposal unchanged; a ``Scripted`` decider (a
scripted strategy, a test, or a human player in the workshop) returns its own
answer for the decisions it covers and the proposal for the others. Sub-models ask
only the actors whose decider is not the model's rule (``overridden``), so the
vectorised default path and the per-actor path give the same result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from typing import Any, Protocol

import numpy as np


class Decision(StrEnum):
    """The decisions actors take, with who takes them."""

    ATTEND = "attend"  # rådmann: attend an office's partnership meeting this month
    AGENDA = "agenda"  # Nav leader: how strongly to set the partnership's agenda
    AREAS = "areas"  # Nav leader: the development areas to work on
    DETAIL_STEER = "detail_steer"  # rådmann of the host, county director: steer in detail
    TARGET_GROUP = "target_group"  # rådmann of the host: agree a shared target group
    LEADER_AGREEMENT = "leader_agreement"  # rådmann of the host: sign a lederavtale
    JOINT_PLAN = "joint_plan"  # rådmann of the host: sign a joint plan this year
    COST_KEY = "cost_key"  # rådmann of the host: joint pool (True) or krone for krone
    VOTE = "vote"  # the council (ordfører): join a host office or merger
    ATTENTION = "attention"  # county director: the partnerships to focus its attention on


# who decides what, for the docs and the workshop's role views
DECIDERS: dict[Decision, str] = {
    Decision.ATTEND: "Municipality",
    Decision.AGENDA: "NavLeader",
    Decision.AREAS: "NavLeader",
    Decision.DETAIL_STEER: "Municipality, CountyDirector",
    Decision.TARGET_GROUP: "Municipality",
    Decision.LEADER_AGREEMENT: "Municipality",
    Decision.JOINT_PLAN: "Municipality",
    Decision.COST_KEY: "Municipality",
    Decision.VOTE: "Municipality",
    Decision.ATTENTION: "CountyDirector",
}


class Decider(Protocol):
    """Something that takes an actor's decisions."""

    def decide(self, actor: Any, decision: Decision, proposal: Any, context: Mapping) -> Any:
        """Return the decision, given the model rule's proposal and the context."""
        ...


class ModelRule:
    """The model's own rule: the proposal is the decision."""

    def decide(self, actor: Any, decision: Decision, proposal: Any, context: Mapping) -> Any:
        """Return ``proposal``."""
        return proposal

    def __repr__(self) -> str:
        """Name the rule."""
        return "MODEL_RULE"


MODEL_RULE = ModelRule()


class Scripted:
    """A scripted decider: fixed answers or functions for some decisions.

    Args:
        answers: Decision name -> a value, or a callable ``(actor, proposal, context)``
            returning the value. Decisions not named follow the model's rule.

    Example:
        ``Scripted(attend=False)``: a rådmann who never attends.
    """

    def __init__(self, **answers: Any) -> None:
        """Store the answers, checking the decision names."""
        self.answers = {Decision(k): v for k, v in answers.items()}
        self.log: list[tuple[Decision, Any]] = []

    def decide(self, actor: Any, decision: Decision, proposal: Any, context: Mapping) -> Any:
        """The scripted answer for ``decision``, else the proposal."""
        if decision not in self.answers:
            return proposal
        answer = self.answers[decision]
        value = answer(actor, proposal, context) if callable(answer) else answer
        self.log.append((decision, value))
        return value


DECISION_STREAM = 0x6E6176  # spawn-key tag of the actors' decision streams ("nav")
ACTOR_KINDS = {"Municipality": 0, "CountyDirector": 1, "NavLeader": 2}


def decision_stream(seed: np.random.SeedSequence, kind: str, key: int) -> np.random.Generator:
    """An actor's own random stream, spawned from the run's seed by the actor's identity.

    The stream depends only on the run's seed and who the actor is (its kind and a
    stable key), never on the model's stream or on other actors' draws: a scripted or
    human decider for one actor leaves every other actor's draws untouched.

    Args:
        seed: The run's seed sequence.
        kind: The actor's class name.
        key: A stable key of the actor within its kind (municipality row, county id,
            leader id).

    Returns:
        A generator for the actor's decisions.
    """
    child = np.random.SeedSequence(
        entropy=seed.entropy,
        spawn_key=(*seed.spawn_key, DECISION_STREAM, ACTOR_KINDS[kind], key),
        pool_size=seed.pool_size,
    )
    return np.random.default_rng(child)


class Actor:
    """Mixin of the deciding agents: one ``decide`` through a replaceable decider."""

    decider: Decider = MODEL_RULE
    _decision_rng: np.random.Generator | None = None

    @property
    def decision_key(self) -> int:
        """A stable key of the actor within its kind (for its decision stream)."""
        return int(self.unique_id)

    @property
    def decision_rng(self) -> np.random.Generator:
        """The actor's own random stream for the chance part of its decisions."""
        if self._decision_rng is None:
            seed = self.model.rng.bit_generator.seed_seq
            self._decision_rng = decision_stream(seed, type(self).__name__, self.decision_key)
        return self._decision_rng

    def decide(self, decision: Decision, proposal: Any, **context: Any) -> Any:
        """Take ``decision``: the decider's answer to the model rule's ``proposal``.

        Args:
            decision: What is decided.
            proposal: The model rule's decision for this actor.
            **context: What the decider may look at (office, ...); ``month`` (the
                model month) is added when not given.

        Returns:
            The decision.
        """
        context.setdefault("month", self.model.month)
        value = self.decider.decide(self, decision, proposal, context)
        observer = getattr(self.model, "decision_observer", None)
        if observer is not None:
            observer(self, decision, value, context)
        return value

    @property
    def overridden(self) -> bool:
        """Whether someone other than the model's rule decides for this actor."""
        return self.decider is not MODEL_RULE


def overridden(actors: Iterable[Actor]) -> list[Actor]:
    """The actors whose decisions someone other than the model's rule takes."""
    return [a for a in actors if a.decider is not MODEL_RULE]


Observer = Callable[[Actor, Decision, Any, Mapping], None]
