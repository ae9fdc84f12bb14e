"""``navsim-workshop [--host H] [--port P] [--max-sessions N] [--cull T] [--code C] [--arenas N]``.

Serves the workshop app offline: the sandbox at ``/``, the role-play rooms at ``/room``.
The limits (``workshop.limits``): sessions whose browser dropped are closed after
``--cull``; beyond ``--max-sessions`` a page says the workshop is full; bound beyond
localhost, pages ask for a facilitator code (``--code``, else a generated one, printed)
before the sandbox or a new room; ``--arenas`` caps glibc's malloc arenas (default 2)
so that memory freed by closed sessions does not stay resident.

Solara serves its scripts, styles and fonts from the ``solara-assets`` package (installed
with ``solara[assets]``, a dependency of navsim) through its local asset proxy, so a
browser never asks the internet for anything. The settings below are environment
variables read by Solara when it is imported; they are set before that happens:

- ``SOLARA_ASSETS_PROXY=true``: assets from the local cache (the proxy's default);
- ``SOLARA_TELEMETRY_MIXPANEL_ENABLE=false``: no usage statistics sent anywhere;
- ``--production``: no dev-mode check against solara.dev; ``--no-check-version``: no
  request to PyPI for a newer Solara.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import warnings

from workshop import limits

OFFLINE_ENV = {
    "SOLARA_ASSETS_PROXY": "true",
    "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "false",
    "SOLARA_THEME_SHOW_BANNER": "false",
}


def offline_environment() -> dict[str, str]:
    """The environment variables that keep Solara from reaching the internet."""
    return dict(OFFLINE_ENV)


def main(argv: list[str] | None = None) -> None:
    """Start the app (blocks until interrupted)."""
    parser = argparse.ArgumentParser(
        prog="navsim-workshop",
        description="The navsim workshop app in a browser (bokmål / English), offline.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8765, help="port to listen on")
    parser.add_argument(
        "--max-sessions",
        type=int,
        default=limits.DEFAULT_MAX_SESSIONS,
        help="open sessions at most (default %(default)s)",
    )
    parser.add_argument(
        "--cull",
        default=limits.DEFAULT_CULL,
        help="close a dropped session after this long (default %(default)s; e.g. 90s, 5m)",
    )
    parser.add_argument(
        "--code", default=None, help="facilitator code (default: generated off localhost)"
    )
    parser.add_argument(
        "--arenas",
        type=int,
        default=limits.DEFAULT_ARENAS,
        help="glibc malloc arenas at most (default %(default)s; 0: glibc's default)",
    )
    args = parser.parse_args(argv)
    if not 1 <= args.port <= 65535:
        print(f"navsim-workshop: --port {args.port}: allowed: 1 to 65535", file=sys.stderr)
        sys.exit(2)
    if args.max_sessions < 1:
        print(
            f"navsim-workshop: --max-sessions {args.max_sessions}: allowed: 1 or more",
            file=sys.stderr,
        )
        sys.exit(2)
    if not re.fullmatch(r"\d+(\.\d+)?[smh]", args.cull):
        print(
            f"navsim-workshop: --cull {args.cull}: allowed: a number and s, m or h (e.g. 2m)",
            file=sys.stderr,
        )
        sys.exit(2)
    if args.arenas < 0:
        print(f"navsim-workshop: --arenas {args.arenas}: allowed: 0 or more", file=sys.stderr)
        sys.exit(2)
    limits.cap_arenas(args.arenas)  # before Solara starts its threads
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)
    os.environ["SOLARA_KERNEL_CULL_TIMEOUT"] = args.cull
    os.environ[limits.MAX_SESSIONS_ENV] = str(args.max_sessions)
    code = args.code
    if code is None and not limits.is_loopback(args.host):
        code = limits.new_code()
    if code:
        os.environ[limits.CODE_ENV] = code
        print(f"navsim-workshop: facilitator code {code}", flush=True)
    # plain http on a laptop: Solara falls back to samesite=lax cookies, which is fine here
    warnings.filterwarnings("ignore", message="Cookies with samesite=none require https")
    limits.trim_memory_every(60.0)  # closed sessions' memory back to the system
    from solara.__main__ import main as solara_main  # after the environment is set

    sys.argv = [
        "solara",
        "run",
        "workshop.app",
        "--host",
        args.host,
        "--port",
        str(args.port),
        "--production",
        "--no-open",
        "--no-check-version",
        "--theme-variant",
        "light",
    ]
    print(f"navsim-workshop: http://{args.host}:{args.port}/", flush=True)
    solara_main()


if __name__ == "__main__":
    main()
