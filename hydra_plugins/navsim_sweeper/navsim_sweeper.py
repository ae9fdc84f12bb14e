"""``hydra/sweeper=navsim``: Hydra's basic sweeper without composing every job twice.

Before launching a batch, Hydra's basic sweeper composes every job's config once to
catch composition errors early ("validate_batch_is_legal"), because a launcher may run
the jobs in other processes or on other machines. Hydra's basic launcher then composes
each job again, in this process, just before running it. For a navsim sweep the first
composition is redundant: ``navsim``'s pre-check has already converted every override
value on the schema before Hydra started (``experiments.cli.precheck``), and each job is
composed and validated again at its start. Each composition costs about 0.1–0.2 s of
CPU, taken from the workers of a pipelined sweep (``experiments.jobs.start_job``).

So this sweeper skips the early composition under the basic launcher and keeps it under
every other launcher (joblib, submitit), where the jobs are composed elsewhere. A job
that cannot be composed then fails when its turn comes; the jobs before it keep their
finished replications, and re-running the same command resumes (DESIGN §7).
"""

# No ``from __future__ import annotations``: Hydra executes plugin modules while scanning
# without registering them in sys.modules, and dataclasses then cannot resolve string
# annotations.
from collections.abc import Sequence
from dataclasses import dataclass

from hydra._internal.core_plugins.basic_sweeper import BasicSweeper, BasicSweeperConf
from hydra.core.config_store import ConfigStore

# Hydra's basic launcher, by name: Hydra's plugin scan executes plugin modules afresh, so
# its classes are compared by name, not identity.
BASIC_LAUNCHER = "hydra._internal.core_plugins.basic_launcher.BasicLauncher"


@dataclass
class NavsimSweeperConf(BasicSweeperConf):
    """The basic sweeper's settings (``max_batch_size``, ``params``), another target."""

    _target_: str = "hydra_plugins.navsim_sweeper.navsim_sweeper.NavsimSweeper"


ConfigStore.instance().store(
    group="hydra/sweeper", name="navsim", node=NavsimSweeperConf, provider="navsim"
)


class NavsimSweeper(BasicSweeper):
    """The basic sweeper (cartesian products, ``range``, batches), composing each job once."""

    def composes_in_this_process(self) -> bool:
        """Whether the launcher composes and runs each job here (Hydra's basic launcher)."""
        cls = type(self.launcher)
        return f"{cls.__module__}.{cls.__qualname__}" == BASIC_LAUNCHER

    def validate_batch_is_legal(self, batch: Sequence[Sequence[str]]) -> None:
        """Compose the batch's jobs early only when the launcher runs them elsewhere."""
        if not self.composes_in_this_process():
            super().validate_batch_is_legal(batch)
