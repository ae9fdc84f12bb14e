r"""Workshop app under load: N concurrent browser sessions stepping one server.

Starts ``navsim-workshop`` on a free port, opens N Playwright browser contexts (one
headless Chromium, N isolated sessions, each its own Solara kernel and model), then:

1. ``in process``: one Agder step of a session (model and its reference) plus the
   redraw of every live plot and both network pictures, timed in this process;
2. ``1 session``: click Step in one browser session, time until the plots show it;
3. ``N sessions``: all N sessions click Step at once, ``--steps`` times; every click's
   latency (click -> the trust plot shows the new month) is recorded;
4. ``N playing``: all N sessions press Play (4 months a second) for ``--play`` seconds;
   the months each reached tell whether the server keeps up.

The server's resident memory (RSS, with its child processes) is read after each phase.
The browser runs on the same 2-core machine, so the figures include its cost.

Usage::

    .venv/bin/python benchmarks/workshop_sessions.py --sessions 20 --steps 5 \\
        --write benchmarks/workshop_results.md
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import numpy as np
import psutil

from workshop.browser import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]
PAUSE = "Pause"  # the Play button's label while playing (workshop.labels.ui("pause", "nb"))
MONTHS_JS = (
    "() => Number(document.querySelector('svg[data-plot=trust]').getAttribute('data-months'))"
)


def free_port() -> int:
    """A free local TCP port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    """navsim-workshop on ``port``, with no way out to the internet; waits until it answers."""
    dead = "http://127.0.0.1:9"
    env = {**os.environ, "HTTP_PROXY": dead, "HTTPS_PROXY": dead, "NO_PROXY": ""}
    proc = subprocess.Popen(
        [sys.executable, "-m", "workshop.cli", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            opener.open(f"http://127.0.0.1:{port}/", timeout=2).read()
            return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("navsim-workshop did not start")


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, MB."""
    p = psutil.Process(pid)
    return sum(x.memory_info().rss for x in [p, *p.children(recursive=True)]) / 1e6


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of processes and their children so far, seconds (each once)."""
    procs = {}
    for pid in pids:
        p = psutil.Process(pid)
        for x in [p, *p.children(recursive=True)]:
            procs[x.pid] = x
    total = 0.0
    for x in procs.values():
        try:
            t = x.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def browser_pids() -> list[int]:
    """The Chromium processes (started by this benchmark's Playwright)."""
    me = psutil.Process()
    return [c.pid for c in me.children(recursive=True) if "chrom" in c.name().lower()]


def in_process(steps: int) -> dict[str, float]:
    """Median and p95 of one step plus the full redraw, in this process (Agder)."""
    from workshop import plots
    from workshop.session import Session

    s = Session()
    step, draw = [], []
    for _ in range(steps):
        t0 = time.perf_counter()
        s.step(1)
        t1 = time.perf_counter()
        plots.series_svgs(s, "nb")
        plots.graph_svgs(s, "nb")
        t2 = time.perf_counter()
        step.append(t1 - t0)
        draw.append(t2 - t1)
    total = np.array(step) + np.array(draw)
    return {
        "step_median_ms": 1000 * float(np.median(step)),
        "redraw_median_ms": 1000 * float(np.median(draw)),
        "total_median_ms": 1000 * float(np.median(total)),
        "total_p95_ms": 1000 * float(np.percentile(total, 95)),
    }


async def click_step(page) -> float:
    """Click Step once; seconds until the trust plot shows the new month."""
    before = await page.evaluate(MONTHS_JS)
    t0 = time.perf_counter()
    await page.locator(".nav-step").click()
    # polled every 20 ms (not every animation frame: 20 pages polling at 60 Hz would
    # cost the browser more than the app)
    await page.wait_for_function(
        f"m => ({MONTHS_JS})() > m", arg=before, timeout=120_000, polling=20
    )
    return time.perf_counter() - t0


async def run(args) -> dict:
    """All browser phases; returns the measurements."""
    from playwright.async_api import async_playwright

    port = free_port()
    server = start_server(port)
    url = f"http://127.0.0.1:{port}/"
    out: dict = {"rss_idle_mb": rss_mb(server.pid)}
    try:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            contexts = [
                await browser.new_context(viewport={"width": 1400, "height": 900})
                for _ in range(args.sessions)
            ]
            pages = [await c.new_page() for c in contexts]
            t0 = time.perf_counter()
            for page in pages:  # one after another, as people arrive in a room
                await page.goto(url)
                await page.wait_for_selector("svg[data-plot=trust]", timeout=120_000)
            out["open_all_s"] = time.perf_counter() - t0
            if args.card:  # a scenario in force, so the run and its reference differ
                for page in pages:
                    await page.locator(f".card-{args.card}").click()
                    await page.locator(".nav-card-info").wait_for(timeout=120_000)
            out["rss_open_mb"] = rss_mb(server.pid)
            single = [await click_step(pages[0]) for _ in range(args.steps)]
            out["one_session_ms"] = [1000 * x for x in single]
            latencies: list[float] = []
            chrome = browser_pids()
            cpu0 = cpu_seconds([server.pid]), cpu_seconds(chrome)
            t0 = time.perf_counter()
            for _ in range(args.steps):
                latencies += await asyncio.gather(*(click_step(pg) for pg in pages))
            wall = time.perf_counter() - t0
            cpu1 = cpu_seconds([server.pid]), cpu_seconds(chrome)
            out["step_phase"] = {
                "wall_s": wall,
                "server_cpu_s": cpu1[0] - cpu0[0],
                "browser_cpu_s": cpu1[1] - cpu0[1],
                "frames": len(latencies),
            }
            out["all_sessions_ms"] = [1000 * x for x in latencies]
            out["rss_stepped_mb"] = rss_mb(server.pid)
            # a room: each participant clicks Step now and then (exponential pauses with
            # mean --pause seconds, seeded), for --room seconds
            rng = np.random.default_rng(1)
            room: list[float] = []

            async def participant(page, delays):
                for d in delays:
                    await asyncio.sleep(d)
                    room.append(await click_step(page))

            n_clicks = max(1, int(args.room / args.pause))
            await asyncio.gather(
                *(participant(pg, rng.exponential(args.pause, n_clicks)) for pg in pages)
            )
            out["room_ms"] = [1000 * x for x in room]
            start = [await pg.evaluate(MONTHS_JS) for pg in pages]
            await asyncio.gather(*(pg.locator(".nav-play").click() for pg in pages))
            for pg in pages:  # every session really plays (its button now says Pause)
                await pg.locator(".nav-play", has_text=PAUSE).wait_for(timeout=120_000)
                start[pages.index(pg)] = await pg.evaluate(MONTHS_JS)
            await asyncio.sleep(args.play)
            end = [await pg.evaluate(MONTHS_JS) for pg in pages]
            await asyncio.gather(*(pg.locator(".nav-play").click() for pg in pages))
            out["play_months_per_s"] = [
                (e - s) / args.play for s, e in zip(start, end, strict=True)
            ]
            out["rss_played_mb"] = rss_mb(server.pid)
            await browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    return out


def _stats(ms: np.ndarray) -> str:
    return f"{np.median(ms):.0f} ms | {np.percentile(ms, 95):.0f} ms | {ms.max():.0f} ms"


def report(args, proc: dict[str, float], res: dict) -> str:
    """The results as Markdown."""
    one = np.array(res["one_session_ms"])
    many = np.array(res["all_sessions_ms"])
    room = np.array(res["room_ms"])
    play = np.array(res["play_months_per_s"])
    sp = res["step_phase"]
    room_note = f"mean pause {args.pause:g} s, {len(room)} clicks"
    server_ms = 1000 * sp["server_cpu_s"] / sp["frames"]
    browser_ms = 1000 * sp["browser_cpu_s"] / sp["frames"]
    cpu = (
        f"server {sp['server_cpu_s']:.1f} s ({server_ms:.0f} ms a frame), "
        f"browsers {sp['browser_cpu_s']:.1f} s ({browser_ms:.0f} ms a frame)"
    )
    played = (
        f"{np.median(play):.2f} months a second (median; min {play.min():.2f}, "
        f"max {play.max():.2f})"
    )
    per_session = (res["rss_played_mb"] - res["rss_idle_mb"]) / args.sessions
    memory = (
        f"idle {res['rss_idle_mb']:.0f} MB, {args.sessions} sessions open "
        f"{res['rss_open_mb']:.0f} MB, after stepping {res['rss_stepped_mb']:.0f} MB, after "
        f"playing {res['rss_played_mb']:.0f} MB (about {per_session:.0f} MB a session)"
    )
    cmd = (
        f".venv/bin/python benchmarks/workshop_sessions.py --sessions {args.sessions} "
        f"--steps {args.steps} --room {args.room:g} --pause {args.pause:g} "
        f"--play {args.play:g} --card {args.card or "''"} "
        "--write benchmarks/workshop_results.md"
    )
    n = args.sessions
    return f"""# Workshop app: {n} concurrent sessions

Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {platform.node() or "this machine"}
({os.cpu_count()} cores, {platform.python_version()}), with

```
{cmd}
```

Clients: {n} Playwright browser contexts in one headless Chromium (Debian's
`/usr/bin/chromium`) on the same machine as the server, so the browser's rendering
competes with the server for the two cores. Each context is its own Solara session with
its own model and same-seed reference run (Agder, 25 municipalities, 26 offices; each
session loaded the card `{args.card or "none"}` first). A step
is one month of both models plus the redraw of six live plots and two network pictures;
its latency is the time from the click on Step to the moment the trust plot shows the
new month in that browser.

| phase | median | p95 | max |
|---|---|---|---|
| in process: model step (both models) | {proc["step_median_ms"]:.0f} ms | | |
| in process: redraw (6 plots, 2 networks, SVG) | {proc["redraw_median_ms"]:.0f} ms | | |
| in process: step + redraw | {proc["total_median_ms"]:.0f} ms | {proc["total_p95_ms"]:.0f} ms | |
| 1 session clicks Step ({len(one)} clicks) | {_stats(one)} |
| {n} sessions click Step at once ({len(many)} clicks) | {_stats(many)} |
| {n} sessions click Step now and then ({room_note}) | {_stats(room)} |

- CPU while the {n} sessions stepped ({sp["frames"]} frames in {sp["wall_s"]:.1f} s): {cpu}.
- Opening the {n} sessions one after another: {res["open_all_s"]:.1f} s in all.
- All {n} playing at 4 months a second for {args.play:g} s: each session advanced {played}.
- Server memory (RSS, with children): {memory}.

## Reading

The server needs about {server_ms:.0f} ms of CPU per frame (one month of both models, the
redraw and Solara's rendering and messages); Python runs it on one core, so a round in
which all {n} sessions click at the same moment takes about {n} x {server_ms:.0f} ms =
{n * server_ms / 1000:.1f} s of server time before the last session sees its month. In
this measurement the {n} headless browsers on the same two cores cost about
{browser_ms:.0f} ms of CPU per frame ({browser_ms / server_ms:.0f} times the server), which
is why the all-at-once and playing figures are slower than that; in a room every
participant's own laptop renders its own page. A room whose participants click now and
then waits {np.median(room):.0f} ms for a month (median; p95 {np.percentile(room, 95):.0f} ms,
slowest {room.max():.0f} ms), with the browsers still on the same machine.
"""


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print (or write) the Markdown report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--steps", type=int, default=5, help="steps per session")
    parser.add_argument("--room", type=float, default=30.0, help="seconds of random clicks")
    parser.add_argument("--pause", type=float, default=5.0, help="mean pause between clicks")
    parser.add_argument("--play", type=float, default=15.0, help="seconds of play")
    parser.add_argument(
        "--card", default="host_office_lister", help="scenario card each session loads ('' none)"
    )
    parser.add_argument("--write", type=Path, default=None, help="write the report here")
    args = parser.parse_args(argv)
    proc = in_process(60)
    res = asyncio.run(run(args))
    text = report(args, proc, res)
    print(text)
    if args.write:
        args.write.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
