"""Labels of the outcomes the commands print, as messages of the catalogue (``messages``).

``OUTCOME_LABELS`` covers every outcome of the summary table (``sim.recording.OUTCOMES``
plus ``exit_rate``): outcome -> English message id, translated by :func:`label`.
``SUMMARY_OUTCOMES`` is the shorter set ``navsim`` prints after a run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from messages import N_, _, format_number, ngettext

if TYPE_CHECKING:
    from sim.scenarios.base import Note

OUTCOME_LABELS = {
    "exit_rate": N_("exits to work per user/month"),
    "n_users": N_("users"),
    "exits_to_work": N_("exits to work per month"),
    "mean_wait_months": N_("waiting time, months"),
    "social_assistance_cost": N_("social assistance, NOK/month"),
    "trust_owners": N_("trust between the owners"),
    "trust_leader_state": N_("state's trust in the leader"),
    "trust_leader_municipal": N_("municipality's trust in leader"),
    "perceived_state_dominance": N_("perceived state dominance"),
    "perceived_equality": N_("perceived equality"),
    "cooperation_quality": N_("cooperation quality"),
    "internal_cooperation": N_("internal cooperation"),
    "external_cooperation": N_("external cooperation"),
    "cross_work_share": N_("share working on both lines"),
    "team_satisfaction": N_("team satisfaction"),
    "staff_turnover": N_("staff turnover per month"),
    "leader_dev_capacity": N_("leader development capacity"),
    "moves_to_state": N_("moves to state posts per month"),
    "meetings_held": N_("partnership meetings per month"),
}

# The outcomes ``navsim`` prints after a run, in this order.
SUMMARY_OUTCOMES = (
    "exit_rate",
    "exits_to_work",
    "mean_wait_months",
    "social_assistance_cost",
    "trust_owners",
    "perceived_state_dominance",
    "cooperation_quality",
    "external_cooperation",
    "cross_work_share",
    "staff_turnover",
    "leader_dev_capacity",
)


def label(outcome: str, lang: str = "nb") -> str:
    """The printed label of an outcome; the column name itself when none is declared.

    Args:
        outcome: A summary column name.
        lang: "nb" (bokmål) or "en".

    Returns:
        The label in the chosen language.
    """
    msgid = OUTCOME_LABELS.get(outcome)
    return outcome if msgid is None else _(msgid, lang)


def scenario_note(note: Note, lang: str = "nb") -> str:
    """A note of ``sim.scenarios`` (what a scenario chose in the region) in ``lang``.

    The note's message is looked up in the catalogue (its plural form by
    ``fields["n"]`` when it has one) and its numbers written the language's way.

    Args:
        note: The note.
        lang: "nb" or "en".

    Returns:
        The text.
    """
    if note.plural is None:
        text = _(note.msgid, lang)
    else:
        text = ngettext(note.msgid, note.plural, note.fields["n"], lang)
    fields = {
        k: format_number(v, lang, digits=15) if isinstance(v, int | float) else v
        for k, v in note.fields.items()
    }
    return text.format(**fields)
