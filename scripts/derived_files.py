"""Write derived data files, or check that the shipped ones are what a script derives."""

from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(files: dict[Path, str], check: bool) -> int:
    """Write each file's text, or with ``check`` compare it with the file on disk.

    Args:
        files: Path -> the text the script derived.
        check: Compare only (write nothing).

    Returns:
        The exit code: 1 if a checked file differs or is missing, else 0.
    """
    stale = []
    for path, text in files.items():
        if check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path} ({len(text.encode()):,} bytes)")
    if stale:
        print(f"error: {', '.join(stale)} differ from what the script derives", file=sys.stderr)
        return 1
    return 0
