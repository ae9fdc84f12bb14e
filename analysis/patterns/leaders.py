"""Nav leaders: who sets the agenda, what offices make of the owners' trust.

Not reproduced (``gating=False``): trust used unevenly, since issue 20 (its variation came
from chance detail steering, see the pattern); leaders of larger offices are not less positive in
the model; nothing in it makes large offices worse places to lead (the reports name
specialisation, distance and department layers, ch5_9 §8 facts 15, 17, 18), and the
leaders of larger offices are the more satisfied (cause not yet traced).
"""

from __future__ import annotations

from analysis.patterns.suite import CH59, F003, Pattern, per_seed

AREA = "leaders"

PATTERNS: list[Pattern] = [
    Pattern(
        id="leader_sets_agenda",
        area=AREA,
        fact="the Nav leader sets the agenda of the partnership",
        source=f"{F003} §8 facts 5, 6 (L8312-8318, L8210-8214); §3 (L11813-11817); §6.2",
        kind="emergent",
        mechanism=("know_the_office",),
        null=0.0,
        bounds=(0, 1),
        needs=(
            "agenda-setting as the leader's decision, from their information advantage over "
            "the owners"
        ),
        measured=(
            "mean share of the partnership's agenda the leader sets (offices.agenda_share), "
            "month 60"
        ),
        measure=per_seed("default", "agenda_share"),
        test="band",
        band=(0.5, None),
        why=(
            "'i stor grad' set by the leader: more than the owners, above one half (the null, "
            "0, is an agenda the leader does not set). The leader's "
            "decision (NavLeader.agenda_share): it puts on the agenda what it knows of the "
            "office, as actively as its propensity; the owners what they know of the office "
            "and attend to (owner_views.owners_grasp: the seated rådmenn's information x "
            "attention, the county director's attention). Knocked out (know_the_office), "
            "the owners know the office as its leader does, and the leader sets less than "
            "half. The propensity (partnership.leader_activity_a/b) is an input, but the "
            "share comes out of its weight against the owners' grasp."
        ),
    ),
    Pattern(
        id="trust_used_unevenly",
        area=AREA,
        fact="trust is high everywhere but used unevenly",
        source=f"{F003} §8 fact 19 (L5145-5178)",
        kind="emergent",
        needs=(
            "leaders who choose how much of the owners' trust to spend on development, by "
            "their office's needs, so that use varies where trust does not"
        ),
        mechanism=("steer_in_detail",),
        measured="coefficient of variation across offices of leader_dev_capacity − of trust_owners",
        measure=per_seed("default", "cv_dev_capacity_minus_cv_trust"),
        test="positive",
        why=(
            "An ordering: what offices make of trust (the leader's room for development) "
            "varies more than trust itself. Emergent: both follow from meetings, steering and "
            "load; no variation is set. Not reproduced since issue 20: most of the variation "
            "came from chance detail steering of small offices (29% of offices steered in "
            "this run); once owners judge results against the office's users and allow for "
            "chance (at most 10% steered), the difference is 0.002, its interval across "
            "seeds [-0.010, 0.017]."
        ),
        gating=False,
    ),
    Pattern(
        id="large_office_leaders_less_positive",
        area=AREA,
        fact="leaders of larger offices are less positive about the partnership",
        source=f"{CH59} §8 fact 18 (L7942-7944)",
        kind="emergent",
        mechanism=("carry_overhead",),
        needs=(
            "department layers and distance in large offices (ch5_9 §8 facts 15, 17, 18) that "
            "take the leader's time and view"
        ),
        measured="Spearman(office staff, Nav leader satisfaction) across Vestland's offices",
        measure=per_seed("vestland", "rho_size_leader_satisfaction"),
        test="negative",
        why=(
            "A sign across offices. Emergent: the leader's satisfaction follows development "
            "capacity and owners' trust; size enters only through hours and partnerships."
        ),
        gating=False,
    ),
]
