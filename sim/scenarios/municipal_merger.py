"""A municipal merger (kommunesammenslåing): one municipality, one office (003 §5.1).

003 §5.1 (L5691-5979); §8 fact 16; C13. The most populous member continues; the old
partnerships fade into the new one over a reorganisation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.config import ConfigError, ModelConfig
from sim.restructure import form_offices, merge_municipalities, new_office_id
from sim.scenarios.base import N_, Note, ScenarioPlan, StructuralScenario
from sim.scenarios.planning import MAX_PER_OFFICE, PlanningRegion
from sim.submodels.reorganisation import begin_reorganisation
from sim.vocabulary import ScenarioKind

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel


def merge_into_one_municipality(
    model: NavPartnershipModel, municipalities: list[int], label: str
) -> list[int]:
    """A municipal merger: one municipality and one office (003 §5.1).

    The most populous member continues; the old partnerships fade into the new
    one over a reorganisation (``begin_reorganisation``: the "temporary
    partnership" whose load falls linearly, 003 §5.1 L5785-5787).

    Args:
        model: The model.
        municipalities: Municipality indices, the successor first.
        label: Id base of the new office.

    Returns:
        The new office's index (a one-element list).
    """
    successor = municipalities[0]
    merge_municipalities(model, municipalities, successor)
    office_id = new_office_id(model, label)
    new = form_offices(model, [([successor], successor, office_id)], "municipal_merger")
    begin_reorganisation(model, new)
    return new


class MunicipalMerger(StructuralScenario):
    """``municipal_merger``: ``scenario.members`` merge (chosen in the region when unset)."""

    kind = ScenarioKind.municipal_merger

    @staticmethod
    def resolve(cfg: ModelConfig, region: PlanningRegion, plan: ScenarioPlan):
        """The merging municipalities: [(label, [successor, members...])]."""
        sc = cfg.scenario
        if not sc.members:
            eligible = region.eligible()
            if len(eligible) < 2:
                raise ConfigError(
                    "scenario.members: the region has no two municipalities that could merge"
                )
            group = region.smallest_group(cfg.scenario.min_population)
            if len(group) < 2:
                raise ConfigError("scenario.members: no neighbour found for a merger")
            names = ", ".join(f"{region.name(m)} ({m})" for m in group)
            plan.notes.append(
                Note(
                    N_(
                        "municipal_merger: {names} merge into {successor} (chosen in the "
                        "region; the reports' cases, new Kristiansand and new Lindesnes 2020, "
                        "are already merged in the 2025 data and are left out)"
                    ),
                    {"names": names, "successor": region.name(group[0])},
                )
            )
            return [(f"merged-{group[0]}", group)]
        if len(set(map(str, sc.members))) < 2:
            raise ConfigError(
                "scenario.members: a merger needs at least two different municipalities, got "
                f"{list(sc.members)}"
            )
        members = region.members(sc.members)
        outside = [m for m in region.expand(members) if m not in members]
        if outside:
            raise ConfigError(
                f"scenario.members: {sorted(outside)} share an office with a member at the "
                f"start (structure={cfg.structure}); list them too, or merge other municipalities"
            )
        if len(members) > MAX_PER_OFFICE:
            raise ConfigError(
                f"scenario.members: {len(members)} municipalities; at most {MAX_PER_OFFICE} merge"
            )
        group = sorted(members, key=lambda m: (-region.pop(m), m))
        return [(f"merged-{group[0]}", group)]

    @classmethod
    def form(cls, model: NavPartnershipModel, offices: list[tuple[str, list[int]]]) -> None:
        """Each group merges into its successor, one municipality and one office."""
        for label, members in offices:
            merge_into_one_municipality(model, members, label)
