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
``trim_memory_every`` returns freed memory to the system once a minute.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import ipaddress
import os
import secrets
import threading

MAX_SESSIONS_ENV = "NAVSIM_WORKSHOP_MAX_SESSIONS"
CODE_ENV = "NAVSIM_WORKSHOP_CODE"
DEFAULT_MAX_SESSIONS = 80  # 30 + 10 + 10 role-play participants, facilitators, spare
DEFAULT_CULL = "2m"


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


def trim_memory() -> bool:
    """Give memory the allocator holds free back to the system (glibc; False elsewhere)."""
    name = ctypes.util.find_library("c")
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError, TypeError):
        return False
    trim(0)
    return True


def trim_memory_every(seconds: float = 60.0) -> threading.Thread:
    """Start a daemon thread that calls ``trim_memory`` every ``seconds``."""

    def loop() -> None:
        while trim_memory():
            threading.Event().wait(seconds)

    thread = threading.Thread(target=loop, name="navsim-trim-memory", daemon=True)
    thread.start()
    return thread
