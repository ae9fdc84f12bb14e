"""Benefits and costs of office size (``sim.submodels.office_size``; issue 20).

The expert group argues for fewer, larger offices (ch5_9 §2.2, §9): specialisation
and division of labour, robustness to absence, shared specialists across offices
(tjenesteområder), less administration of many small offices. The same reports give
the cost of distance: small offices know their local market and users (ch1_4 M28);
weak groups must be served locally (003 §5.2). The reports give directions, not sizes
(ch5_9 §9, "[Inference] For merger sweeps"): every size here is an assumption whose
sweep range includes no effect.

Size factors are normalised to 1 at ``reference_staff`` (an office of the reference
size keeps the calibrated levels); the distance factor is 1 at no distance, so
exactly 1 in an office serving one municipality.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.config.declare import param


@dataclass
class SizeParams:
    """Specialisation, absence cover, shared specialists, overhead and distance."""

    reference_staff: float = param(
        55.0,
        lo=1,
        hi=500,
        unit="staff (effective)",
        source="ch5_9 table 5.1 (L6663-6687): the staff-weighted median office of 2015 has "
        "about 55 årsverk (the model's national maps: 53 in 2019, 65 today); the size "
        "factors are 1 here",
        sweep=(30.0, 80.0),
    )
    specialisation_threshold: float = param(
        10.0,
        lo=0,
        hi=200,
        unit="staff (effective)",
        source="ch5_9 §4 item 8 (L8578-8611): roles re-specialise in large offices "
        "(direction); the size is an assumption",
        sweep=(3.0, 40.0),
    )
    specialisation_scale: float = param(
        40.0,
        lo=1,
        hi=500,
        unit="staff above the threshold per e-fold of the unspecialised share",
        source="assumption",
        sweep=(10.0, 150.0),
    )
    specialisation_gain: float = param(
        0.1,
        lo=0,
        hi=2,
        unit="exit-to-work hazard gain of active follow-up at full specialisation",
        source="ch5_9 §2.2 (L6749-6812: Ørsta/Volda merged for specialisation; pure "
        "generalism lost staff), §9 (L925-927, L18849-18857) (direction); size assumption",
        sweep=(0.0, 0.3),
    )
    shared_specialist_share: float = param(
        0.1,
        lo=0,
        hi=1,
        unit="share of nearby offices' staff counted for specialisation",
        source="ch5_9 §2.2 (L6840-6864): tjenesteområder share staff and competence; "
        "§9 (L18820-18828) (direction); size assumption",
        sweep=(0.0, 0.5),
    )
    shared_specialist_radius_km: float = param(
        30.0,
        lo=0,
        hi=1000,
        unit="km between office seats (centroids), same county",
        source="assumption",
        sweep=(10.0, 100.0),
    )
    absence_rate: float = param(
        0.065,
        lo=0,
        hi=0.5,
        unit="share of hours absent",
        source="003 §6.1 (Grimstad VP, L10955-10961): sick-leave target 8%, Nav's cap 6.3%",
        sweep=(0.03, 0.12),
    )
    absence_cover: float = param(
        0.3,
        lo=0,
        hi=10,
        unit="cover per colleague in the same employer pool",
        source="ch5_9 §4 item 9, §9 (L18840-18848): small offices 'mer sårbar ved sykdom "
        "og fravær' (direction); size assumption (0: no size effect)",
        sweep=(0.0, 1.0),
    )
    overhead_hours: float = param(
        16.0,
        lo=0,
        hi=500,
        unit="hours per office per month",
        source="ch5_9 §9 (L18812-18814): resources freed from 'administrering av mange "
        "småkontor' (direction); size assumption",
        sweep=(0.0, 40.0),
    )
    distance_scale_km: float = param(
        30.0,
        lo=1,
        hi=500,
        unit="km from a municipality's centroid to its office's seat",
        source="assumption",
        sweep=(10.0, 80.0),
    )
    distance_reach_effect: float = param(
        0.15,
        lo=0,
        hi=1,
        unit="largest cut in waiting complex cases' start rate with distance",
        source="003 §5.2 (L3775-3776): 'Svake grupper må håndteres lokalt'; §5.1 "
        "(L4097-4103): reisetider (direction); size assumption",
        sweep=(0.0, 0.4),
    )
    distance_knowledge_effect: float = param(
        0.1,
        lo=0,
        hi=1,
        unit="largest cut in the exit-to-work hazard with distance",
        source="ch1_4 M28 (L2115-2132): small offices know their local market (direction); "
        "size assumption",
        sweep=(0.0, 0.3),
    )
