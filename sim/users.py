"""The vectorised user population: one record per user, held in numpy arrays.

Users are not Python objects (DESIGN §2): a national run holds a few hundred
thousand of them. Each record has an office and a municipality index, a need group,
a benefit, a follow-up group (innsatsgruppe), the service unit a complex case needs,
months in the system, months waited and a status. Exits are removed by compaction
once a month; inflow is appended.
"""

from __future__ import annotations

import numpy as np

from sim.vocabulary import NEVER, NO_UNIT, NeedGroup, UserStatus

# Stored fields. Months are stored as the model month of an event (entry, start of the
# wait, last contact), so nothing has to be counted up for every user every month.
_FIELDS = {
    "office": np.intp,  # index types that np.bincount and fancy indexing take without a copy
    "muni": np.intp,
    "group": np.int8,
    "benefit": np.int8,
    "followup": np.int8,
    "need_unit": np.int8,
    "entry": np.intp,
    "since": np.int16,
    "waited": np.int16,
    "status": np.int8,
    "last_contact": np.int16,
    "key": np.intp,
}
_DEFAULTS = {"need_unit": NO_UNIT, "last_contact": NEVER}


class UserPopulation:
    """Struct-of-arrays user records in growable buffers.

    Each field is a view of the first ``len(self)`` entries of a buffer with spare
    capacity, so inflow is written in place and exits are removed by moving the last
    records into their slots (O(exits) work, not O(users); the order of records is
    therefore not stable, and nothing may depend on it).

    Attributes:
        office: Office index of each user.
        muni: Municipality index of each user.
        group: NeedGroup of each user.
        benefit: Benefit of each user.
        followup: FollowUpGroup of each user.
        need_unit: ServiceKind a complex case needs, or NO_UNIT.
        entry: Model month the user entered (``months`` = ``clock - entry``).
        since: Model month the user began waiting.
        waited: Months waited before follow-up started (set at the start).
        status: UserStatus of each user.
        last_contact: Model month of the last cooperation contact (NEVER if none).
        key: Index of the user's (office, need group, waiting, complex case) cell,
            ``((office * 4 + group) * 2 + waiting) * 2 + complex``; kept up to date by
            ``append``, ``start`` and ``remap_offices``, so per-office counts are one
            ``np.bincount``.
        clock: The current model month, set by the model each month.
    """

    def __init__(self, capacity: int = 1024) -> None:
        """Create an empty population."""
        self.n = 0
        self.clock = 0
        self._buf = {name: np.zeros(capacity, dtype=dtype) for name, dtype in _FIELDS.items()}

    def __len__(self) -> int:
        """Number of users in the system."""
        return self.n

    def __getattr__(self, name: str) -> np.ndarray:
        """A field as a view of its buffer's live records."""
        buf = self.__dict__.get("_buf")
        if buf is not None and name in buf:
            return buf[name][: self.n]
        raise AttributeError(name)

    def __setattr__(self, name: str, value) -> None:
        """Assigning a field writes into its buffer (same length as the population)."""
        buf = self.__dict__.get("_buf")
        if buf is not None and name in buf:
            buf[name][: self.n] = value
        else:
            super().__setattr__(name, value)

    @property
    def months(self) -> np.ndarray:
        """Months in the system."""
        return (self.clock - self.entry).astype(np.int16)

    @property
    def coop_recent(self) -> np.ndarray:
        """Months since the last cooperation contact, capped at 99 (99 = none yet)."""
        return np.minimum(self.clock - self.last_contact.astype(np.int32), 99).astype(np.int8)

    def months_waiting(self) -> np.ndarray:
        """Months waited so far: for waiting users up to now, else until their start."""
        return np.where(self.status == UserStatus.WAITING, self.clock - self.since, self.waited)

    def _reserve(self, extra: int) -> None:
        """Grow the buffers (doubling) to hold ``extra`` more records."""
        need = self.n + extra
        cap = len(self._buf["office"])
        if need <= cap:
            return
        cap = max(need, 2 * cap)
        for name, old in self._buf.items():
            new = np.zeros(cap, dtype=old.dtype)
            new[: self.n] = old[: self.n]
            self._buf[name] = new

    def append(self, **columns: np.ndarray) -> None:
        """Append new users; fields not given start at their default.

        ``months`` may be given instead of ``entry`` (months already in the system).

        Args:
            **columns: Arrays of equal length, keyed by field name.
        """
        k = len(next(iter(columns.values())))
        if "months" in columns:
            columns = dict(columns)
            columns["entry"] = self.clock - np.asarray(columns.pop("months"))
        self._reserve(k)
        lo, hi = self.n, self.n + k
        for name, buf in self._buf.items():
            value = columns.get(name)
            if value is None:
                value = self.clock if name in ("entry", "since") else _DEFAULTS.get(name, 0)
            buf[lo:hi] = value
        self.n = hi
        self._buf["key"][lo:hi] = self.cell_keys(slice(lo, hi))

    def cell_keys(self, rows: slice | np.ndarray) -> np.ndarray:
        """The ``key`` of the given records, computed from their fields."""
        b = self._buf
        key = b["office"][rows] * len(NeedGroup) + b["group"][rows]
        key = key * 2 + (b["status"][rows] == UserStatus.WAITING)
        return key * 2 + (b["need_unit"][rows] >= 0)

    def start(self, rows: np.ndarray, month: int) -> np.ndarray:
        """Waiting users at ``rows`` start follow-up this month.

        Args:
            rows: Indices of waiting users.
            month: The model month.

        Returns:
            The months each of them waited.
        """
        waits = (month - self.since[rows]).astype(np.int16)
        self.waited[rows] = waits
        self.status[rows] = UserStatus.ACTIVE
        self.key[rows] -= 2  # the waiting bit
        return waits

    def keep(self, mask: np.ndarray) -> None:
        """Keep only the users where ``mask`` is True (removes exits).

        Args:
            mask: Boolean array over the current users.
        """
        self.remove(np.flatnonzero(~mask))

    def remove(self, gone: np.ndarray) -> None:
        """Remove the users at the sorted indices ``gone``.

        Their slots are filled with the last records that stay (O(len(gone)) work).

        Args:
            gone: Sorted, unique indices of the users that leave.
        """
        k = len(gone)
        if k == 0:
            return
        n_new = self.n - k
        holes = gone[gone < n_new]
        tail_gone = np.zeros(k, dtype=bool)
        tail_gone[gone[gone >= n_new] - n_new] = True
        movers = n_new + np.flatnonzero(~tail_gone)
        for buf in self._buf.values():
            buf[holes] = buf[movers]
        self.n = n_new

    def remap_offices(self, mapping: np.ndarray) -> None:
        """Move users to new office indices (a structural event).

        Args:
            mapping: New office index for each old office index.
        """
        self.office = mapping[self.office]
        self.key = self.cell_keys(slice(0, self.n))
