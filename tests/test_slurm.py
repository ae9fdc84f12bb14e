"""A sweep through Hydra's submitit launcher on a real (one-node) SLURM cluster.

The cluster is started by ``scripts/slurm-cluster.sh start`` (``.ci/run`` does so before
``make test`` and stops it after). The sweep is submitted with the shipped
``configs/hydra/launcher/slurm.yaml``, only the partition and the resources set for the
test cluster: one SLURM array task per Hydra job, seen through ``sacct`` (the cluster
keeps job accounting) and through each job's ``hydra.job.id``. Its results are compared
byte for byte with the same sweep run locally. Then one array task of the same sweep,
submitted again elsewhere, is killed with ``scancel --signal=KILL <task>.0`` once it has
finished a replication: the launcher stops with an error naming the task, and the same
command, submitted again, completes the sweep without running a finished replication
again. (A plain ``scancel`` would let the task run on for the cluster's KillWait and a
few seconds more, since submitit ignores SIGTERM, finishing replications meanwhile;
SIGKILL to its step stops it at once, so the test does not depend on the machine's
speed.)

Outside CI the test skips when no SLURM controller answers; with ``CI`` set it fails.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import assert_same_results, in_ci

pytestmark = pytest.mark.cluster

NAVSIM = str(Path(sys.executable).with_name("navsim"))
REPLICATIONS = 6
SWEEP = [
    "governance.meetings_per_year=2,4",
    "region=agder",
    "months=120",
    "burn_in=6",
    f"replications={REPLICATIONS}",
    "progress=false",
]
N_RUNS = 2 * REPLICATIONS
TIMEOUT = 600


def slurm_answers() -> bool:
    if shutil.which("sinfo") is None:
        return False
    res = subprocess.run(["scontrol", "ping"], capture_output=True, text=True, check=False)
    return res.returncode == 0 and "is UP" in res.stdout


@pytest.fixture(scope="module")
def partition() -> str:
    """The cluster's default partition (``sinfo`` marks it with ``*``)."""
    if not slurm_answers():
        msg = "no SLURM controller answers (start one with scripts/slurm-cluster.sh start)"
        if in_ci():
            pytest.fail(f"{msg}: .ci/run must start the test cluster")
        pytest.skip(msg)
    rows = subprocess.run(
        ["sinfo", "-h", "-o", "%P %T"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    default = [row.split() for row in rows if row.split()[0].endswith("*")]
    assert default, f"no default partition in {rows}"
    states = {state for _, state in default}
    assert states & {"idle", "mixed", "allocated"}, f"no node up in the default partition: {rows}"
    return default[0][0].rstrip("*")


def slurm_command(sweep_dir: Path, partition: str) -> list[str]:
    """The sweep through the shipped launcher config, with the test cluster's resources."""
    return [
        NAVSIM,
        "-m",
        "hydra/launcher=slurm",
        f"hydra.launcher.partition={partition}",
        "hydra.launcher.mem_gb=1",
        "hydra.launcher.timeout_min=10",
        *SWEEP,
        f"hydra.sweep.dir={sweep_dir}",
    ]


def run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT)


def last_line(res: subprocess.CompletedProcess) -> str:
    assert res.returncode == 0, (res.stdout[-2000:], res.stderr[-4000:])
    return res.stdout.strip().splitlines()[-1]


def array_ids(sweep_dir: Path) -> list[str]:
    """The ids of the SLURM arrays submitted for a sweep, oldest first (from submitit's folders)."""
    names = [p.name for p in (sweep_dir / ".submitit").iterdir()]
    return sorted((n[:-2] for n in names if re.fullmatch(r"\d+_0", n)), key=int)


def task_states(array: str) -> dict[str, str]:
    """``sacct``'s state of each task of an array, by task id (``<array>_<k>``)."""
    out = subprocess.run(
        ["sacct", "-j", array, "-X", "-n", "-P", "-o", "JobID,State"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return dict(line.split("|", 1) for line in out.splitlines() if line)


def wait_for_states(array: str, expected: dict[str, str], seconds: float = 60) -> dict[str, str]:
    """``task_states`` once it has every task's final state (slurmdbd records them shortly)."""
    deadline = time.monotonic() + seconds
    while True:
        states = task_states(array)
        if all(states.get(k, "").startswith(v) for k, v in expected.items()):
            return states
        if time.monotonic() > deadline:
            return states
        time.sleep(0.5)


def job_id_of(job_dir: Path) -> str:
    """The ``hydra.job.id`` a job ran with: its SLURM array task under the submitit launcher."""
    text = (job_dir / ".hydra" / "hydra.yaml").read_text()
    return re.search(r"^    id: '?([^'\n]+)'?$", text, re.M)[1]


def complete(job_dir: Path) -> dict[Path, int]:
    """The complete replications of a job: their run.json and its mtime (ns)."""
    return {p: p.stat().st_mtime_ns for p in sorted(job_dir.glob("rep_*/run.json"))}


def test_slurm_sweep_equals_local_and_resumes_after_scancel(partition, tmp_path):
    t0 = time.monotonic()
    local = tmp_path / "local"
    res = run([NAVSIM, "-m", *SWEEP, "workers=2", f"hydra.sweep.dir={local}"], tmp_path)
    assert last_line(res) == f"navsim: all jobs: {N_RUNS} succeeded, 0 failed, 0 skipped"
    t_local = time.monotonic()

    # 1. the whole sweep on SLURM: one array of two tasks, one per Hydra job
    slurm = tmp_path / "slurm"
    res = run(slurm_command(slurm, partition), tmp_path)
    assert last_line(res) == f"navsim: all jobs: {N_RUNS} succeeded, 0 failed, 0 skipped"
    [array] = array_ids(slurm)
    tasks = {f"{array}_0": "COMPLETED", f"{array}_1": "COMPLETED"}
    assert wait_for_states(array, tasks) == tasks
    assert [job_id_of(slurm / str(k)) for k in (0, 1)] == list(tasks)
    assert assert_same_results(local, slurm) == N_RUNS * 7 + 2
    t_slurm = time.monotonic()

    # 2. the same sweep elsewhere; kill the first task once it has finished a replication
    cut = tmp_path / "cut"
    proc = subprocess.Popen(
        slurm_command(cut, partition),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + TIMEOUT
        while not list(cut.glob("0/rep_*/run.json")):
            assert proc.poll() is None and time.monotonic() < deadline, "no replication finished"
            time.sleep(0.02)
        [array] = array_ids(cut)
        subprocess.run(["scancel", "--signal=KILL", f"{array}_0.0"], check=True)
        out, _ = proc.communicate(timeout=TIMEOUT)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode != 0, out[-2000:]
    assert f"Job {array}_0 (task: 0)" in out and "(state: FAILED)" in out, out[-3000:]
    tasks = {f"{array}_0": "FAILED", f"{array}_1": "COMPLETED"}
    assert wait_for_states(array, tasks) == tasks
    finished = {**complete(cut / "0"), **complete(cut / "1")}
    done = len(finished) - REPLICATIONS  # job 1 ran to its end
    assert len(complete(cut / "1")) == REPLICATIONS
    assert 1 <= done < REPLICATIONS, f"the kill came too late: {done} replications complete"
    t_cut = time.monotonic()

    # 3. the same command again: only the unfinished replications run
    res = run(slurm_command(cut, partition), tmp_path)
    assert last_line(res) == (
        f"navsim: all jobs: {REPLICATIONS - done} succeeded, 0 failed, "
        f"{REPLICATIONS + done} skipped"
    )
    _, again = array_ids(cut)
    tasks = {f"{again}_0": "COMPLETED", f"{again}_1": "COMPLETED"}
    assert wait_for_states(again, tasks) == tasks
    for path, mtime in finished.items():
        assert path.stat().st_mtime_ns == mtime, f"{path} was written again"
    assert not list(cut.rglob("*.tmp")), "a temporary file survived"
    assert assert_same_results(local, cut) == N_RUNS * 7 + 2
    t_end = time.monotonic()
    print(
        f"\nslurm test: local {t_local - t0:.1f} s, slurm {t_slurm - t_local:.1f} s, "
        f"killed {t_cut - t_slurm:.1f} s ({done} of {REPLICATIONS} done), "
        f"resubmitted {t_end - t_cut:.1f} s"
    )
