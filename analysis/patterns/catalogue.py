"""The catalogue: every pattern of every area, in the order the table lists them.

Areas are listed in ``AREAS`` order, each area's patterns in its file's order.
``PATTERNS`` gate the exit status of ``navsim-validate``; ``NOT_REPRODUCED`` are the
facts the pilot run of the first draft showed the model does not reproduce
(``gating=False``): run and reported (docs/validation.md, "Not reproduced") but not
gating, findings about the model kept visible rather than dropped. Their reasons are
in their area files.
"""

from __future__ import annotations

from analysis.patterns import (
    cooperation,
    leaders,
    owners,
    reorganisation,
    staff,
    structure,
    totals,
    users,
)
from analysis.patterns.suite import Pattern

AREA_MODULES = (owners, leaders, staff, cooperation, users, reorganisation, structure, totals)
AREAS = tuple(m.AREA for m in AREA_MODULES)
CATALOGUE: list[Pattern] = [p for m in AREA_MODULES for p in m.PATTERNS]
PATTERNS: list[Pattern] = [p for p in CATALOGUE if p.gating]
NOT_REPRODUCED: list[Pattern] = [p for p in CATALOGUE if not p.gating]
