"""One browser session's simulation: its own model and its same-seed reference run.

A ``Session`` is plain Python (no Solara), so tests and the benchmark drive it
directly. The app keeps one per browser page (built inside the page component, never
at module level: widgetti/solara#867), so sessions share nothing but read-only data.

Both models are built from settings, burnt in (``burn_in`` months, not recorded) and
recorded at month 0, as ``NavPartnershipModel.run`` does; then every ``step`` advances
both by one month. The reference run (``Settings.reference``) has the same region and
seed, the 2019 governance and no scenario: with the default settings both are the same
run, number for number (common random numbers).

Levers take effect at month 0, not during the burn-in: both arms burn in under the
2019 governance and switch to their own levers after month 0 is recorded
(``switch_levers``), so their month-0 rows are equal. The two levers that shape the
region when it is built (``STRUCTURAL_LEVERS``: who employs the Nav-leder, the
municipal services in the office) cannot be switched later; a session that changes
them burns in with them.
"""

from __future__ import annotations

import threading
import time

import numpy as np
import pandas as pd

from sim.config import normalise
from sim.governance import compile_governance
from sim.model import NavPartnershipModel
from sim.submodels import steering
from workshop.plots import PLOT_SERIES, Layout
from workshop.settings import Settings, governance_preset

# model.parquet columns the comparison table shows (DESIGN §6)
COMPARED = (
    "trust_owners",
    "trust_leader_state",
    "trust_leader_municipal",
    "exits_to_work",
    "mean_wait_months",
    "n_waiting",
    "n_staff_state",
    "n_staff_municipal",
    "moves_to_state",
    "cooperation_quality",
    "external_cooperation",
)
# model.parquet columns the plots and the CSV export read
SERIES = (*COMPARED, *PLOT_SERIES["cooperation"], "n_offices", "n_users")


# levers read when the region is built (sim.regions.build_region), not by the months
STRUCTURAL_LEVERS = ("leader_model", "portfolio")


def burn_in_settings(settings: Settings) -> Settings:
    """The settings a model burns in under: the 2019 levers, but the session's structural ones.

    Args:
        settings: The session's settings.

    Returns:
        A copy whose governance is the ``default`` preset except ``STRUCTURAL_LEVERS``.
    """
    out = settings.copy()
    out.governance = governance_preset("default") | {
        k: settings.governance[k] for k in STRUCTURAL_LEVERS
    }
    return out


def switch_levers(model: NavPartnershipModel, settings: Settings) -> None:
    """Put the session's levers in force from month 0 on (after month 0 is recorded).

    The compiled rules change, and the owners take their standing decisions again
    under them (leader agreements, joint plans, cost keys and budget shares), as
    ``sim.build.decide_agreements`` does at the start. None of these draws a random
    number, so two arms keep one random stream.

    Args:
        model: A model at month 0.
        settings: The settings whose levers apply.
    """
    model.cfg.governance = normalise(settings.model_config()).governance
    model.gov = compile_governance(model.cfg)
    offices = np.arange(model.n_offices)
    steering.sign_agreements(model, offices)
    steering.decide_joint_plans(model, offices)
    model.offices.joint_budget[:] = model.gov.joint_budget
    steering.set_budgets(model)


def start_model(settings: Settings) -> NavPartnershipModel:
    """Build a model, burn it in under the 2019 levers, record month 0, switch the levers.

    Args:
        settings: The session's settings.

    Returns:
        The model at month 0, its levers in force from month 1.
    """
    model = NavPartnershipModel(burn_in_settings(settings).model_config(), rng=settings.seed)
    while model.month < 0:
        model.step()
    if not model.recorder.has(0):
        model.recorder.record()
    switch_levers(model, settings)
    return model


def series(model: NavPartnershipModel, columns: tuple[str, ...] = SERIES) -> pd.DataFrame:
    """The recorded months of the model table (one row per month, ``columns``)."""
    blocks = model.recorder.blocks["model"]
    data = {"month": np.array(model.recorder.months, dtype=np.int64)}
    for c in columns:
        data[c] = np.array([b[c][0] for b in blocks], dtype=float)
    return pd.DataFrame(data)


class Session:
    """The models of one browser session.

    Args:
        settings: Initial settings (copied).
    """

    def __init__(self, settings: Settings | None = None) -> None:
        """Build both models at month 0."""
        self.lock = threading.RLock()  # the play thread and button clicks step the same models
        self.settings = (settings or Settings()).copy()
        self.model: NavPartnershipModel
        self.reference: NavPartnershipModel
        self.step_seconds: list[float] = []
        self._series: tuple[tuple, pd.DataFrame] | None = None
        self.reset()

    def reset(self, settings: Settings | None = None) -> None:
        """Rebuild from (new) settings at month 0; the reference only if it changed.

        Args:
            settings: New settings; the current ones when None.
        """
        with self.lock:
            old_reference = self.settings.reference()
            if settings is not None:
                self.settings = settings.copy()
            self.model = start_model(self.settings)
            new_reference = self.settings.reference()
            stale = getattr(self, "reference", None) is None or self.reference.month != 0
            if stale or new_reference != old_reference:  # the reference is reused at month 0
                self.reference = start_model(new_reference)
            self.layout = Layout(self.model, self.settings.seed)  # once per model
            self.step_seconds = []

    @property
    def month(self) -> int:
        """The current month (0 = the recorded start)."""
        return self.model.month

    @property
    def finished(self) -> bool:
        """Whether the session has reached its last month."""
        return self.model.month >= self.model.cfg.months

    def step(self, months: int = 1) -> None:
        """Advance both models by ``months`` (not past the last month)."""
        with self.lock:
            for _ in range(months):
                if self.finished:
                    return
                t0 = time.perf_counter()
                self.model.step()
                self.reference.step()
                self.step_seconds.append(time.perf_counter() - t0)

    def series(self) -> pd.DataFrame:
        """This run's and the reference's series side by side (``ref_`` prefix)."""
        with self.lock:
            key = (id(self.model), self.model.month, id(self.reference), self.reference.month)
            if self._series is not None and self._series[0] == key:
                return self._series[1]  # drawn several times a month: built once
            mine, ref = series(self.model), series(self.reference)
            ref = ref.add_prefix("ref_").rename(columns={"ref_month": "month"})
            data = mine.merge(ref, on="month", how="left")
            self._series = (key, data)
            return data

    def export_csv(self, lang: str = "nb") -> bytes:
        """The series as a debrief CSV: translated headers, the language's CSV format."""
        from workshop.export import series_csv

        return series_csv(self.series(), lang)

    def export_zip(self, lang: str = "nb", **kw) -> tuple[str, bytes]:
        """The debrief: a one-page summary, settings, CSVs and every plot as PNG, zipped.

        Args:
            lang: Language of every file.
            **kw: ``group``, ``when``, ``n_seeds`` and ``card`` of
                ``workshop.export.session_files``.

        Returns:
            The zip's name (``navsim_<group>_<YYYY-MM-DD_HHMM>.zip``) and its bytes.
        """
        from workshop.export import session_files, zip_folder

        stem, files = session_files(self, lang, **kw)
        return f"{stem}.zip", zip_folder(stem, files)
