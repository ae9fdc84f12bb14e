r"""Dropped workshop sessions are culled and their play loops stop (issue 19, part 4).

Starts ``navsim-workshop --cull <cull>`` on a free port (with a census on SIGUSR1,
``workshop.limits.write_census_on_signal``), then per round: opens ``--sessions``
sandbox pages (one headless Chromium for the ones that stay, a second Chromium process
for the ``--drop`` ones); the ones that stay press Play as they open; the dropped ones
set the speed to 1 month a second and press Play together once all are open, so that
their play loops are still running (120 months take at least 120 s) when their Chromium
is killed with SIGKILL (its pages drop without closing) and when the server culls them.
The server's CPU (cores) and its busy threads (threads that used more than 0.1 s of CPU
in the window) are measured over 10 s while the dropped pages play, right after the
kill, and right after the cull. Then the rest close, the live sessions go to zero, and a
census of the server (objects by type, C heap in use and free, RSS before and after a
trim) is taken: rounds after rounds show whether memory keeps growing, and what grows.

Usage::

    .venv/bin/python benchmarks/workshop_culling.py --sessions 30 --drop 10 --rounds 12 \\
        --cull 1m --arenas 2 --write benchmarks/workshop_culling_results.md
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil

from workshop.browser import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]
DROP_TAG = "--class=navsim-dropped"  # marks the Chromium that is killed
WINDOW = 10.0  # seconds over which CPU and busy threads are measured
BUSY_CPU = 0.1  # CPU seconds in a window that make a thread busy
SERVER = (
    "import sys; from pathlib import Path; from workshop import limits; "
    "limits.write_census_on_signal(Path(sys.argv[1])); "
    "from workshop.cli import main; main(sys.argv[2:])"
)


def free_port() -> int:
    """A free local TCP port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def resourcez(url: str) -> dict:
    """The server's /resourcez (kernels and threads)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    return json.loads(opener.open(url + "resourcez", timeout=10).read())


def state(url: str, proc: psutil.Process) -> dict:
    """Live kernels, threads, RSS (MB) and CPU seconds of the server."""
    r = resourcez(url)
    cpu = proc.cpu_times()
    return {
        "kernels": r["kernels"]["total"] - r["kernels"]["has_closed"],
        "threads": proc.num_threads(),
        "rss": proc.memory_info().rss / 2**20,
        "cpu": cpu.user + cpu.system,
    }


def window(proc: psutil.Process, seconds: float = WINDOW) -> dict:
    """CPU (cores) and busy threads of the server over ``seconds``, then its threads."""
    before = {t.id: t.user_time + t.system_time for t in proc.threads()}
    c0, t0 = proc.cpu_times(), time.monotonic()
    time.sleep(seconds)
    after = {t.id: t.user_time + t.system_time for t in proc.threads()}
    c1, dt_ = proc.cpu_times(), time.monotonic() - t0
    busy = sum(1 for k, v in after.items() if v - before.get(k, 0.0) > BUSY_CPU)
    cores = (c1.user + c1.system - c0.user - c0.system) / dt_
    return {"cores": cores, "busy": busy, "threads": proc.num_threads()}


def take_census(proc: psutil.Process, path: Path) -> dict:
    """Ask the server for its census (SIGUSR1) and read it."""
    old = path.stat().st_mtime_ns if path.exists() else 0
    proc.send_signal(signal.SIGUSR1)
    for _ in range(600):
        if path.exists() and path.stat().st_mtime_ns != old:
            return json.loads(path.read_text(encoding="utf-8"))
        time.sleep(0.1)
    raise TimeoutError("no census from the server")


def open_pages(browser, url: str, n: int, play: bool = True) -> list:
    """``n`` sandbox pages, each its own context, each playing (or at speed 1, paused)."""
    pages = []
    for _ in range(n):
        ctx = browser.new_context(viewport={"width": 1400, "height": 900})
        ctx.set_default_timeout(120_000)
        page = ctx.new_page()
        page.goto(url)
        page.wait_for_selector("svg[data-plot=trust]")
        if play:
            page.locator(".nav-play").click()
        else:
            slider = page.get_by_role("slider").first  # the speed: 1 month a second
            slider.focus()
            slider.press("Home")
            page.get_by_text(re.compile(r": 1$")).first.wait_for()
        pages.append(page)
    return pages


def wait_for(url, proc, want: int, limit: float, t0: float, trace: list) -> float | None:
    """Poll until the live kernels are ``want``; return the seconds it took (None: not)."""
    while time.monotonic() - t0 < limit:
        s = state(url, proc)
        trace.append((round(time.monotonic() - t0), s))
        if s["kernels"] == want:
            return time.monotonic() - t0
        time.sleep(5)
    return None


def main() -> None:
    """Run the rounds and print (or write) the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=30)
    ap.add_argument("--drop", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--cull", default="1m")
    ap.add_argument("--arenas", default="2", help="the server's --arenas (0: glibc default)")
    ap.add_argument("--write", type=Path, default=None)
    ap.add_argument("--json", type=Path, default=None, help="also the raw rows, as JSON")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    dead = "http://127.0.0.1:9"
    env = {**os.environ, "HTTP_PROXY": dead, "HTTPS_PROXY": dead, "NO_PROXY": ""}
    census_path = Path(tempfile.mkdtemp(prefix="navsim_census_")) / "census.json"
    cmd = [sys.executable, "-c", SERVER, str(census_path), "--port", str(port)]
    cmd += ["--cull", args.cull, "--arenas", args.arenas]
    server = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    proc = psutil.Process(server.pid)
    for _ in range(120):
        try:
            resourcez(url)
            break
        except OSError:
            time.sleep(0.5)
    rows, idle = [], state(url, proc)
    idle["census"] = take_census(proc, census_path)
    load = os.getloadavg()
    try:
        with sync_playwright() as p:
            for r in range(1, args.rounds + 1):
                stay = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                drop = p.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, DROP_TAG])
                kept = open_pages(stay, url, args.sessions - args.drop)
                dropped = open_pages(drop, url, args.drop, play=False)
                time.sleep(5)
                opened = state(url, proc)
                for page in dropped:  # play together, at 1 month a second
                    page.locator(".nav-play").click()
                time.sleep(5)
                playing = window(proc)
                for q in psutil.process_iter(["cmdline"]):
                    if DROP_TAG in (q.info["cmdline"] or []):
                        q.send_signal(signal.SIGKILL)
                t0, trace = time.monotonic(), []
                killed = window(proc)  # the browser is gone, the session not yet culled
                culled = wait_for(url, proc, len(kept), 300, t0, trace)
                after_cull = state(url, proc)
                after = window(proc)
                stay.close()  # the rest close their pages
                t1 = time.monotonic()
                closed = wait_for(url, proc, 0, 300, t1, trace)
                time.sleep(10)
                end = state(url, proc)
                rows.append(
                    {
                        "round": r,
                        "opened": opened,
                        "playing": playing,
                        "killed": killed,
                        "culled_s": culled,
                        "after_cull": after_cull,
                        "after": after,
                        "closed_s": closed,
                        "end": end,
                        "census": take_census(proc, census_path),
                        "load": os.getloadavg(),
                    }
                )
                print({k: v for k, v in rows[-1].items() if k != "census"}, flush=True)
                with contextlib.suppress(Exception):  # the killed browser's driver side
                    drop.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    text = report(args, idle, rows, load)
    print(text)
    if args.write:
        args.write.write_text(text, encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps({"idle": idle, "rows": rows}), encoding="utf-8")


def report(args, idle: dict, rows: list, load: tuple) -> str:
    """The results as Markdown."""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    loads = ", ".join(f"{r['load'][0]:.1f}" for r in rows)
    lines = [
        f"# Workshop: {args.sessions} sessions, {args.drop} dropped, {args.rounds} rounds",
        "",
        f"Measured {now} on {platform.node()} ({os.cpu_count()} cores; load average at the "
        f"start {load[0]:.1f}, at the end of each round {loads}: other sessions share the "
        "machine), with",
        "",
        "```",
        f".venv/bin/python benchmarks/workshop_culling.py --sessions {args.sessions} "
        f"--drop {args.drop} --rounds {args.rounds} --cull {args.cull} --arenas {args.arenas}",
        "```",
        "",
        "Each round opens the sandbox in every session; the ones that stay press Play (4 "
        "months a second) as they open; the dropped ones set 1 month a second and press Play "
        "together once all are open, and 5 s later their Chromium is killed with SIGKILL "
        "(no page close) while they play (120 months take at least 120 s). Live sessions: "
        "`/resourcez` kernels not closed; threads, RSS and CPU: the server process; busy "
        f"threads: threads that used more than {BUSY_CPU} s of CPU in a {WINDOW:.0f} s "
        "window; CPU in cores over that window.",
        "",
        f"Idle server: {idle['threads']} threads, {idle['rss']:.0f} MB.",
        "",
        "## Play loops and culling",
        "",
        "| round | live after opening | threads | RSS MB | dropped playing: CPU, busy threads "
        "| after the kill: CPU, busy | culled after | live then | threads | after the cull: "
        "CPU, busy | all closed after | live | threads |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        o, a, e = r["opened"], r["after_cull"], r["end"]
        p, k, f = r["playing"], r["killed"], r["after"]
        culled = f"{r['culled_s']:.0f} s" if r["culled_s"] is not None else "not in 300 s"
        closed = f"{r['closed_s']:.0f} s" if r["closed_s"] is not None else "not in 300 s"
        lines.append(
            f"| {r['round']} | {o['kernels']} | {o['threads']} | {o['rss']:.0f} | "
            f"{p['cores']:.2f}, {p['busy']} | {k['cores']:.2f}, {k['busy']} | {culled} | "
            f"{a['kernels']} | {a['threads']} | {f['cores']:.2f}, {f['busy']} | {closed} | "
            f"{e['kernels']} | {e['threads']} |"
        )
    lines += [
        "",
        "## Memory at the end of each round (no session open)",
        "",
        "Census of the server (`workshop.limits.census`, on SIGUSR1) after a full garbage "
        "collection: RSS before and after a `malloc_trim`, the C heap in use and free "
        "inside the process (glibc `mallinfo2`), malloc arenas (glibc `malloc_info`), "
        "Python's allocated blocks, objects "
        "tracked by the garbage collector, Solara kernels held.",
        "",
        "| round | RSS MB | after trim | heap in use MB | heap free MB | arenas | "
        "Python blocks | gc objects | kernels held |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, c in [("idle", idle["census"]), *[(r["round"], r["census"]) for r in rows]]:
        lines.append(
            f"| {name} | {c['rss_mb']:.0f} | {c['rss_after_trim_mb']:.0f} | "
            f"{c['heap_mb'].get('in_use', float('nan')):.0f} | "
            f"{c['heap_mb'].get('free', float('nan')):.0f} | {c.get('arenas')} | "
            f"{c['allocated_blocks']} | "
            f"{c['gc_objects']} | {c['kernels']} |"
        )
    first, last = rows[0]["census"], rows[-1]["census"]
    grown = {
        t: (first["types"].get(t, 0), last["types"].get(t, 0))
        for t in set(first["types"]) | set(last["types"])
    }
    grown = {t: v for t, v in grown.items() if v[1] != v[0]}
    lines += [
        "",
        f"Object types whose count changed from the end of round 1 to the end of round "
        f"{rows[-1]['round']}, the 20 largest changes:",
        "",
        "| type | round 1 | last round |",
        "|---|---|---|",
        *[
            f"| `{t}` | {a} | {b} |"
            for t, (a, b) in sorted(grown.items(), key=lambda kv: -abs(kv[1][1] - kv[1][0]))[:20]
        ],
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
