r"""Role-play rooms under load: one room of 30 participants and two of 10 (issue 21).

Server side, in one process, as the app runs them: three rooms (Agder, rounds of a
year), every participant a *server-side session*: a thread that waits on its room
(``Room.wait``, what each page's watching thread does) and, when woken, builds its
page's state (``Room.view``: role, phase, choices and the role's numbers). Each round
every participant makes a choice, then the three facilitators close their rounds at the
same moment; the latency of a session is the time from its room's close until it has
its new state. Browsers are left out on purpose (50 headless browsers would starve the
two cores the server needs; ``workshop_results.md`` measures the browser side).

Usage::

    .venv/bin/python benchmarks/workshop_rooms.py --rooms 30 10 10 --rounds 3 \\
        --write benchmarks/workshop_rooms_results.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import threading
import time
from pathlib import Path

import numpy as np
import psutil

from workshop.room import ROLE_DECISIONS, RoomRegistry
from workshop.settings import Settings

CHOICE = {
    "radmann": ("attend", "no"),
    "ordforer": ("vote", "no"),
    "fylkesdirektor": ("detail_steer", "yes"),
    "navleder": ("agenda", "high"),
}


def rss_mb() -> float:
    """This process's resident memory, MB."""
    return psutil.Process().memory_info().rss / 2**20


def main() -> None:
    """Run the rounds and print (or write) the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rooms", type=int, nargs="+", default=[30, 10, 10])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--write", type=Path, default=None)
    args = ap.parse_args()
    idle = rss_mb()
    reg = RoomRegistry(max_rooms=len(args.rooms), max_participants=max(args.rooms))
    rooms, sessions = [], []
    t0 = time.perf_counter()
    for n in args.rooms:
        room = reg.open(Settings())
        roles = [r for r in room.roles.values() if r.kind in ROLE_DECISIONS][:n]
        tokens = [room.join(f"p{i}", r.id) for i, r in enumerate(roles)]
        rooms.append(room)
        sessions.append(list(zip(tokens, roles, strict=True)))
    opened_s = time.perf_counter() - t0
    opened = rss_mb()
    latencies: dict[int, list[float]] = {i: [] for i in range(len(rooms))}
    closed_at: dict[int, float] = {}
    lock = threading.Lock()
    stop = threading.Event()

    def session(i: int, token: str) -> None:
        room = rooms[i]
        seen = room.version
        rounds_seen = room.round
        while not stop.is_set():
            seen = room.wait(seen, 1.0)
            view = room.view(token)  # the page's new state
            if view["round"] > rounds_seen:
                rounds_seen = view["round"]
                with lock:
                    latencies[i].append(time.perf_counter() - closed_at[i])

    threads = [
        threading.Thread(target=session, args=(i, tok), daemon=True)
        for i, ss in enumerate(sessions)
        for tok, _ in ss
    ]
    for t in threads:
        t.start()
    per_round, mem = [], []
    for _ in range(args.rounds):
        for room, ss in zip(rooms, sessions, strict=True):
            room.open_round()
            for tok, role in ss:
                room.choose(tok, *CHOICE[role.kind])
        time.sleep(1.0)  # the pages settle after the choices

        def close(i: int) -> None:
            closed_at[i] = time.perf_counter()
            rooms[i].close_round()

        closers = [threading.Thread(target=close, args=(i,)) for i in range(len(rooms))]
        for c in closers:
            c.start()
        for c in closers:
            c.join()
        deadline = time.monotonic() + 60
        want = sum(len(ss) for ss in sessions) * (len(per_round) + 1)
        while sum(len(v) for v in latencies.values()) < want and time.monotonic() < deadline:
            time.sleep(0.05)
        per_round.append([r.round_seconds[-1] for r in rooms])
        mem.append(rss_mb())
    stop.set()
    text = report(args, idle, opened, opened_s, latencies, per_round, mem)
    print(text)
    if args.write:
        args.write.write_text(text, encoding="utf-8")


def report(args, idle, opened, opened_s, latencies, per_round, mem) -> str:
    """The results as Markdown."""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    everyone = np.array([x for v in latencies.values() for x in v]) * 1000
    lines = [
        f"# Workshop rooms: {' + '.join(map(str, args.rooms))} participants, {args.rounds} rounds",
        "",
        f"Measured {now} on {platform.node()} ({os.cpu_count()} cores), with",
        "",
        "```",
        f".venv/bin/python benchmarks/workshop_rooms.py --rooms "
        f"{' '.join(map(str, args.rooms))} --rounds {args.rounds}",
        "```",
        "",
        "Server-side sessions (threads waiting on their room and building their page's "
        "state), no browsers; the three rooms close each round at the same moment. "
        "Latency: from the room's close until the session has its new state (the round's "
        "12 months on the room's model and its twin included).",
        "",
        "| room | participants | median | p95 | max |",
        "|---|---|---|---|---|",
    ]
    for i, n in enumerate(args.rooms):
        v = np.array(latencies[i]) * 1000
        lines.append(
            f"| {i + 1} | {n} | {np.median(v):.0f} ms | {np.percentile(v, 95):.0f} ms | "
            f"{v.max():.0f} ms |"
        )
    lines += [
        f"| all | {sum(args.rooms)} | {np.median(everyone):.0f} ms | "
        f"{np.percentile(everyone, 95):.0f} ms | {everyone.max():.0f} ms |",
        "",
        f"- Sessions that got every round: {len(everyone)} of "
        f"{sum(args.rooms) * args.rounds} (session x round).",
        "- A round's run (12 months, room model and twin, under the room's lock), per room: "
        + "; ".join(
            f"round {k + 1}: " + ", ".join(f"{1000 * s:.0f} ms" for s in r)
            for k, r in enumerate(per_round)
        )
        + ".",
        f"- Memory (RSS): idle {idle:.0f} MB, three rooms open {opened:.0f} MB (opened in "
        f"{opened_s:.1f} s), after each round " + ", ".join(f"{m:.0f} MB" for m in mem) + ".",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
