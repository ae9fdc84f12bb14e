"""Bilingual labels (bokmål, English) for the outcomes the commands print.

``OUTCOME_LABELS`` covers every outcome of the summary table (``sim.recording.OUTCOMES``
plus ``exit_rate``); ``SUMMARY_LABELS`` is the shorter set ``navsim`` prints after a run.
"""

from __future__ import annotations

# outcome -> (bokmål, English)
OUTCOME_LABELS = {
    "exit_rate": ("overgang til arbeid per bruker/mnd", "exits to work per user/month"),
    "n_users": ("brukere", "users"),
    "exits_to_work": ("overganger til arbeid per mnd", "exits to work per month"),
    "mean_wait_months": ("ventetid, måneder", "waiting time, months"),
    "social_assistance_cost": ("sosialhjelp, NOK per mnd", "social assistance, NOK/month"),
    "trust_owners": ("tillit mellom eierne", "trust between the owners"),
    "trust_leader_state": ("statens tillit til lederen", "state's trust in the leader"),
    "trust_leader_municipal": ("kommunens tillit til lederen", "municipality's trust in leader"),
    "perceived_state_dominance": ("opplevd statlig dominans", "perceived state dominance"),
    "perceived_equality": ("opplevd likeverd", "perceived equality"),
    "cooperation_quality": ("samarbeidskvalitet", "cooperation quality"),
    "internal_cooperation": ("internt samarbeid", "internal cooperation"),
    "external_cooperation": ("eksternt samarbeid", "external cooperation"),
    "cross_work_share": ("andel som jobber likt stat/kommune", "share working on both lines"),
    "team_satisfaction": ("trivsel i teamene", "team satisfaction"),
    "staff_turnover": ("turnover per mnd", "staff turnover per month"),
    "leader_dev_capacity": ("Nav-lederens utviklingskapasitet", "leader development capacity"),
    "moves_to_state": ("overganger til statlig stilling per mnd", "moves to state posts per month"),
    "meetings_held": ("partnerskapsmøter per mnd", "partnership meetings per month"),
}

# The outcomes ``navsim`` prints after a run, in this order.
SUMMARY_LABELS = {
    key: OUTCOME_LABELS[key]
    for key in (
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
}


def label(outcome: str, lang: str = "nb") -> str:
    """The printed label of an outcome; the column name itself when none is declared.

    Args:
        outcome: A summary column name.
        lang: "nb" (bokmål) or "en".

    Returns:
        The label in the chosen language.
    """
    labels = OUTCOME_LABELS.get(outcome)
    if labels is None:
        return outcome
    return labels[0 if lang == "nb" else 1]
