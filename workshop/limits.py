"""Limits of one workshop server: sessions, culling and the access code (issue 19, part 4).

``navsim-workshop`` sets these as environment variables before Solara starts (the app
reads them when a page opens):

- ``SOLARA_KERNEL_CULL_TIMEOUT`` (``--cull``, default ``2m``): a session whose browser
  dropped without closing is closed after this long (Solara's own default is 24 h), its
  threads (the play loop, a room page's wait loop) stopped with it;
- ``NAVSIM_WORKSHOP_MAX_SESSIONS`` (``--max-sessions``, default 80): beyond this many
  open sessions a new page shows only a short "the workshop is full" message;
- ``NAVSIM_WORKSHOP_CODE`` (``--code``; generated when ``--host`` is not a loopback
  address): the facilitator code a page asks for before the sandbox or a new room; a
  participant needs only the room code.

Memory: a closed session leaves no object behind (a census of the server after 9
sessions opened, 3 dropped and culled, 6 closed: no session, model, kernel or render
context alive), but glibc's allocator kept what they freed (107 MB free inside the
process, RSS 459 MB against 230 MB idle); ``malloc_trim`` gave 89 MB of it back.
``trim_memory_every`` returns freed memory to the system once a minute. ``cap_arenas``
(``--arenas``, default 2) limits glibc's malloc arenas: by default glibc gives the
server's 40-odd threads up to 8 arenas a core, and what is freed in a page of one arena
that still holds a live block stays resident (the culling benchmark's few MB a round).

``census`` (written on SIGUSR1 by ``write_census_on_signal``, for the culling benchmark)
tells a leak from memory the allocator keeps: live Python objects by type, kernels,
threads, the C heap in use and free (glibc ``mallinfo2``), RSS before and after a trim.
"""

from __future__ import annotations

import collections
import ctypes
import ctypes.util
import gc
import ipaddress
import json
import os
import re
import secrets
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

MAX_SESSIONS_ENV = "NAVSIM_WORKSHOP_MAX_SESSIONS"
CODE_ENV = "NAVSIM_WORKSHOP_CODE"
DEFAULT_MAX_SESSIONS = 80  # 30 + 10 + 10 role-play participants, facilitators, spare
DEFAULT_CULL = "2m"
DEFAULT_ARENAS = 2
_M_ARENA_MAX = -8  # glibc malloc.h


def max_sessions() -> int:
    """The session cap in force."""
    return int(os.environ.get(MAX_SESSIONS_ENV, DEFAULT_MAX_SESSIONS))


def session_count() -> int:
    """Open Solara sessions (virtual kernels) in this process."""
    from solara.server import kernel_context

    return sum(1 for c in list(kernel_context.contexts.values()) if not c.closed_event.is_set())


def is_full() -> bool:
    """Whether this page is one session too many."""
    return session_count() > max_sessions()


def access_code() -> str | None:
    """The facilitator code pages ask for (None: bound to localhost, no code)."""
    return os.environ.get(CODE_ENV) or None


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable only from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def new_code() -> str:
    """A facilitator code: six digits, easy to type on a phone."""
    return f"{secrets.randbelow(10**6):06d}"


def code_matches(given: str) -> bool:
    """Whether ``given`` is the facilitator code (always true without one)."""
    code = access_code()
    return code is None or secrets.compare_digest(given.strip(), code)


def _glibc(name: str):
    """The C library's function ``name``, or None where there is none (not glibc)."""
    try:
        return getattr(ctypes.CDLL(ctypes.util.find_library("c")), name)
    except (OSError, AttributeError, TypeError):
        return None


def trim_memory() -> bool:
    """Give memory the allocator holds free back to the system (glibc; False elsewhere)."""
    trim = _glibc("malloc_trim")
    if trim is None:
        return False
    trim(0)
    return True


def cap_arenas(n: int) -> bool:
    """Let glibc's allocator use at most ``n`` arenas (0: glibc's default; False elsewhere).

    Called before the server starts its threads; an arena already made stays. A
    ``MALLOC_ARENA_MAX`` in the environment (read by glibc at start) wins.
    """
    mallopt = _glibc("mallopt")
    if n <= 0 or "MALLOC_ARENA_MAX" in os.environ or mallopt is None:
        return False
    return bool(mallopt(_M_ARENA_MAX, n))


def trim_memory_every(seconds: float = 60.0) -> threading.Thread:
    """Start a daemon thread that calls ``trim_memory`` every ``seconds``."""

    def loop() -> None:
        while trim_memory():
            threading.Event().wait(seconds)

    thread = threading.Thread(target=loop, name="navsim-trim-memory", daemon=True)
    thread.start()
    return thread


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena",
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",
            "usmblks",
            "fsmblks",
            "uordblks",
            "fordblks",
            "keepcost",
        )
    ]


def heap_mb() -> dict[str, float]:
    """The C heap (glibc ``mallinfo2``): MB in use (with mmapped blocks) and free in it."""
    fn = _glibc("mallinfo2")
    if fn is None:
        return {}
    fn.restype = _MallInfo2
    info = fn()
    return {
        "in_use": (info.uordblks + info.hblkhd) / 2**20,
        "free": info.fordblks / 2**20,
    }


def arena_count() -> int | None:
    """How many malloc arenas glibc has made in this process (``malloc_info``; None elsewhere)."""
    fopen, fclose, info = (_glibc(f) for f in ("fopen", "fclose", "malloc_info"))
    if info is None:
        return None
    fopen.restype = ctypes.c_void_p
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "malloc_info.xml"
        stream = fopen(str(path).encode(), b"w")
        if not stream:
            return None
        info(0, ctypes.c_void_p(stream))
        fclose(ctypes.c_void_p(stream))
        return len(re.findall(r"<heap nr=", path.read_text()))


def rss_mb() -> float:
    """This process's resident memory in MB (Linux; NaN elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def census(top: int = 25) -> dict:
    """What lives in this server process now, after a full garbage collection.

    Args:
        top: How many object types to list, most numerous first.

    Returns:
        RSS before and after a trim (MB), the C heap in use and free (MB), Python's
        allocated blocks, threads by name, Solara kernels (all and open), and live
        objects by type (all; the ``top`` most numerous; every navsim, Solara kernel and
        matplotlib figure type).
    """
    from solara.server import kernel_context

    rss = rss_mb()
    gc.collect()
    counts = collections.Counter(
        f"{type(o).__module__}.{type(o).__qualname__}" for o in gc.get_objects()
    )
    trim_memory()
    watched = ("sim.", "workshop.", "matplotlib.figure", "solara.server.kernel")
    names = collections.Counter(re.sub(r"\d+", "N", t.name) for t in threading.enumerate())
    contexts = list(kernel_context.contexts.values())
    return {
        "time": time.time(),
        "rss_mb": rss,
        "rss_after_trim_mb": rss_mb(),
        "heap_mb": heap_mb(),
        "arenas": arena_count(),
        "allocated_blocks": sys.getallocatedblocks(),
        "gc_objects": sum(counts.values()),
        "threads": dict(names),
        "kernels": len(contexts),
        "kernels_open": sum(1 for c in contexts if not c.closed_event.is_set()),
        "top_types": dict(counts.most_common(top)),
        "watched_types": {k: v for k, v in counts.items() if k.startswith(watched)},
        "types": dict(counts),
    }


def write_census_on_signal(path: Path, signum: int = signal.SIGUSR1) -> None:
    """On ``signum``, write ``census()`` as JSON to ``path`` (atomically; main thread)."""

    def handler(_signum, _frame) -> None:
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(census()), encoding="utf-8")
        tmp.replace(path)

    signal.signal(signum, handler)
