"""The vectorised user population: one record per user, held in numpy arrays.

Users are not Python objects (DESIGN §2): a national run holds a few hundred
thousand of them. Each record has an office and a municipality index, a need group,
a benefit, a follow-up group (innsatsgruppe), the service unit a complex case needs,
months in the system, months waited and a status. Exits are removed by compaction
once a month; inflow is appended.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np


class NeedGroup(IntEnum):
    """Need groups with their own flows (ch1_4 §2.3-2.8)."""

    JOBSEEKER = 0  # self-reliant jobseekers, standard innsats (§2.3)
    SITUATIONAL = 1  # "i arbeid med litt hjelp", situasjonsbestemt innsats (§2.4)
    REDUCED_CAPACITY = 2  # nedsatt arbeidsevne / AAP, spesielt tilpasset innsats (§2.7)
    SOCIAL_ASSISTANCE = 3  # økonomisk sosialhjelp and KVP (§2.8)


STATE_GROUPS = (NeedGroup.JOBSEEKER, NeedGroup.SITUATIONAL, NeedGroup.REDUCED_CAPACITY)


class Benefit(IntEnum):
    """The benefit a user lives on while in the system."""

    NONE = 0
    DAGPENGER = 1
    AAP = 2
    SOCIAL_ASSISTANCE = 3


class FollowUpGroup(IntEnum):
    """Innsatsgruppe set at assessment (ch1_4 §3)."""

    STANDARD = 0
    SITUATIONAL = 1
    SPECIAL = 2


class UserStatus(IntEnum):
    """Where a user is in the office's pipeline."""

    WAITING = 0  # registered, waiting for assessment and a first measure (ch5_9 §5)
    ACTIVE = 1  # in follow-up
    EXIT_WORK = 2
    EXIT_EDUCATION = 3
    EXIT_OTHER = 4


NO_UNIT = -1  # need_unit of a user without complex needs

_FIELDS = {
    "office": np.int32,
    "muni": np.int32,
    "group": np.int8,
    "benefit": np.int8,
    "followup": np.int8,
    "need_unit": np.int8,
    "months": np.int16,
    "waited": np.int16,
    "status": np.int8,
    "coop_recent": np.int8,
}


class UserPopulation:
    """Struct-of-arrays user records.

    Attributes:
        office: Office index of each user.
        muni: Municipality index of each user.
        group: NeedGroup of each user.
        benefit: Benefit of each user.
        followup: FollowUpGroup of each user.
        need_unit: ServiceKind a complex case needs, or NO_UNIT.
        months: Months in the system.
        waited: Months spent waiting before follow-up started.
        status: UserStatus of each user.
        coop_recent: Months since the last cooperation contact was made, capped at
            99 (99 = none yet).
    """

    def __init__(self) -> None:
        """Create an empty population."""
        for name, dtype in _FIELDS.items():
            setattr(self, name, np.zeros(0, dtype=dtype))

    def __len__(self) -> int:
        """Number of users in the system."""
        return len(self.office)

    def append(self, **columns: np.ndarray) -> None:
        """Append new users; columns not given start at their default.

        Args:
            **columns: Arrays of equal length, keyed by field name.
        """
        n = len(next(iter(columns.values())))
        defaults = {"need_unit": NO_UNIT, "coop_recent": 99}
        for name, dtype in _FIELDS.items():
            new = columns.get(name)
            if new is None:
                new = np.full(n, defaults.get(name, 0), dtype=dtype)
            setattr(self, name, np.concatenate([getattr(self, name), new.astype(dtype)]))

    def keep(self, mask: np.ndarray) -> None:
        """Keep only the users where ``mask`` is True (removes exits).

        Args:
            mask: Boolean array over the current users.
        """
        for name in _FIELDS:
            setattr(self, name, getattr(self, name)[mask])

    def remap_offices(self, mapping: np.ndarray) -> None:
        """Move users to new office indices (a structural event).

        Args:
            mapping: New office index for each old office index.
        """
        self.office = mapping[self.office].astype(np.int32)
