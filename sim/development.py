"""The 20 development areas of the Agder pilot (003 §7) and the levels they belong to.

Each partnership holds a state in [0, 1] per area (``model.dev_areas``); leaders work
on office- and service-level areas, owners on owner-level areas (003 §2.1: eier,
kontor, tjeneste). Some areas feed mechanisms; their indices are named below.
"""

from __future__ import annotations

import numpy as np

# (name in the report, levels: O = owner, F = office, S = service), in 003 §7 order
AREAS: list[tuple[str, str]] = [
    ("Samfunnsoppdrag og strategi", "OFS"),
    ("God og synlig ledelse", "O"),
    ("Rammer for partnerskapsmøter", "O"),
    ("Felles forståelse av oppdrag", "O"),
    ("Politisk dagsorden", "O"),
    ("Felles plan- og målstruktur", "O"),
    ("Plassering av oppgaver / portefølje", "O"),
    ("Sammenslåing / samarbeid", "O"),
    ("Vilkår ansatte", "F"),
    ("Plassering i kommuneorganisasjon", "F"),
    ("Dobbeltarbeid", "F"),
    ("Høy tjenestekvalitet og -volum", "S"),
    ("Godt forhold til andre enheter", "S"),
    ("Kommunal interesse / statlig forståelse", "S"),
    ("Tillit til Nav-leder", "OF"),
    ("Økonomisk handlingsrom", "OF"),
    ("Strategisk utvikling av tjenester", "OS"),
    ("Lokal tilpasning av tjenestetilbud", "OS"),
    ("Mange systemer", "FS"),
    ("Navs rolle for innbyggere", "FS"),
]
N_AREAS = len(AREAS)
OWNER_AREAS = np.array(["O" in levels for _, levels in AREAS])
LEADER_AREAS = np.array([("F" in levels or "S" in levels) for _, levels in AREAS])

# areas that feed mechanisms (0-based index = area number - 1)
AREA_MEETINGS = 2  # 3: meeting frames -> consensus
AREA_UNDERSTANDING = 3  # 4: shared understanding -> consensus
AREA_POLITICS = 4  # 5: political agenda -> ordfører attention
AREA_PLANS = 5  # 6: joint plan structure (advanced by a joint plan)
AREA_MERGER = 7  # 8: merger / cooperation (takes reorganisation capacity)
AREA_TERMS = 8  # 9: staff terms -> part of the pay gap
AREA_DOUBLE_WORK = 10  # 11: double work -> double reporting
AREA_QUALITY = 11  # 12: service quality -> exit hazard
AREA_RELATIONS = 12  # 13: relations to other units -> arenas, gate
AREA_STRATEGY = 16  # 17: strategic service development -> shared target group
