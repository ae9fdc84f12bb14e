"""Headless Chromium as the workshop's browser tests and session benchmark launch it.

Debian's ``chromium`` package (``.ci/run`` installs it), driven by Playwright with
``executable_path`` (no ``playwright install``). Without the background-networking
flags Chromium keeps trying to reach Google's hosts, which a closed network refuses.
"""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
