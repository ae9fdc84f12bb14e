r"""Dropped workshop sessions are culled and their play loops stop (issue 19, part 4).

Starts ``navsim-workshop --cull <cull>`` on a free port, then per round: opens
``--sessions`` sandbox pages (one headless Chromium for the ones that stay, a second
Chromium process for the ``--drop`` ones), presses Play on every page, kills the second
Chromium with SIGKILL (its pages drop without closing), and polls the server's
``/resourcez`` (live kernels, threads) and its RSS and CPU until the live sessions are
back to the ones still open; then closes the rest and waits for zero. Three rounds show
whether memory keeps growing.

Usage::

    .venv/bin/python benchmarks/workshop_culling.py --sessions 30 --drop 10 --rounds 3 \\
        --cull 1m --write benchmarks/workshop_culling_results.md
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil

from workshop.browser import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]
DROP_TAG = "--class=navsim-dropped"  # marks the Chromium that is killed


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


def open_pages(browser, url: str, n: int) -> list:
    """``n`` sandbox pages, each its own context, each playing."""
    pages = []
    for _ in range(n):
        ctx = browser.new_context(viewport={"width": 1400, "height": 900})
        ctx.set_default_timeout(120_000)
        page = ctx.new_page()
        page.goto(url)
        page.wait_for_selector("svg[data-plot=trust]")
        page.locator(".nav-play").click()
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
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cull", default="1m")
    ap.add_argument("--write", type=Path, default=None)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    dead = "http://127.0.0.1:9"
    env = {**os.environ, "HTTP_PROXY": dead, "HTTPS_PROXY": dead, "NO_PROXY": ""}
    cmd = [sys.executable, "-m", "workshop.cli", "--port", str(port), "--cull", args.cull]
    server = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    proc = psutil.Process(server.pid)
    for _ in range(120):
        try:
            resourcez(url)
            break
        except OSError:
            time.sleep(0.5)
    rows, idle = [], state(url, proc)
    try:
        with sync_playwright() as p:
            for r in range(1, args.rounds + 1):
                stay = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                drop = p.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, DROP_TAG])
                kept = open_pages(stay, url, args.sessions - args.drop)
                open_pages(drop, url, args.drop)
                time.sleep(5)
                opened = state(url, proc)
                for q in psutil.process_iter(["cmdline"]):
                    if DROP_TAG in (q.info["cmdline"] or []):
                        q.send_signal(signal.SIGKILL)
                t0, trace = time.monotonic(), []
                culled = wait_for(url, proc, len(kept), 300, t0, trace)
                after_cull = state(url, proc)
                time.sleep(10)
                cpu_rate = (state(url, proc)["cpu"] - after_cull["cpu"]) / 10
                stay.close()  # the rest close their pages
                t1 = time.monotonic()
                closed = wait_for(url, proc, 0, 300, t1, trace)
                time.sleep(10)
                end = state(url, proc)
                rows.append(
                    {
                        "round": r,
                        "opened": opened,
                        "culled_s": culled,
                        "after_cull": after_cull,
                        "cpu_rate": cpu_rate,
                        "closed_s": closed,
                        "end": end,
                    }
                )
                print(rows[-1], flush=True)
                with contextlib.suppress(Exception):  # the killed browser's driver side
                    drop.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    text = report(args, idle, rows)
    print(text)
    if args.write:
        args.write.write_text(text, encoding="utf-8")


def report(args, idle: dict, rows: list) -> str:
    """The results as Markdown."""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"# Workshop: {args.sessions} sessions, {args.drop} dropped, {args.rounds} rounds",
        "",
        f"Measured {now} on {platform.node()} ({os.cpu_count()} cores), with",
        "",
        "```",
        f".venv/bin/python benchmarks/workshop_culling.py --sessions {args.sessions} "
        f"--drop {args.drop} --rounds {args.rounds} --cull {args.cull}",
        "```",
        "",
        "Each round opens the sandbox in every session and presses Play (4 months a "
        "second), kills the Chromium of the dropped ones with SIGKILL (no page close), "
        "waits until the server has culled them, then closes the rest. Live sessions: "
        "`/resourcez` kernels not closed; threads and RSS: the server process.",
        "",
        f"Idle server: {idle['threads']} threads, {idle['rss']:.0f} MB.",
        "",
        "| round | live after opening | threads | RSS MB | culled after | live then | "
        "threads | CPU while the rest play (cores) | all closed after | live | threads | "
        "RSS MB at the end |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        o, a, e = r["opened"], r["after_cull"], r["end"]
        culled = f"{r['culled_s']:.0f} s" if r["culled_s"] is not None else "not in 300 s"
        closed = f"{r['closed_s']:.0f} s" if r["closed_s"] is not None else "not in 300 s"
        lines.append(
            f"| {r['round']} | {o['kernels']} | {o['threads']} | {o['rss']:.0f} | {culled} | "
            f"{a['kernels']} | {a['threads']} | {r['cpu_rate']:.2f} | {closed} | "
            f"{e['kernels']} | {e['threads']} | {e['rss']:.0f} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
