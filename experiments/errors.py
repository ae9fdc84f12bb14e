"""One line, not a traceback, for what a user can fix: every command's error guard.

Every command (``navsim``, ``navsim-report``, ``-compare``, ``-collect``, ``-design``,
``-validate``, ``-bench``) runs its work inside :func:`guard`. Bad input (a
``ConfigError``, ``CompareError`` or ``ReportError``), an OS error (a directory that
cannot be written, a missing file) and a file that cannot be parsed (YAML, parquet)
become one line on stderr naming the file or key, and exit status 2. Anything else is
a bug in navsim and keeps its traceback. ``--debug`` on the command line shows the
traceback of every error instead (:func:`split_debug`).

The lines are in English, as every command's error lines are (the printed tables and
the report are in bokmål and English).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from sim.config import ConfigError

DEBUG_FLAG = "--debug"
# the exit status of every error a user can fix (as argparse's)
BAD_INPUT = 2


class UserError(ValueError):
    """Input a command cannot use (a path without results, a bad option); the message says why."""


class OneLineParser(argparse.ArgumentParser):
    """``argparse``, saying a bad argument in one line (argparse prints the usage too)."""

    def error(self, message: str) -> NoReturn:
        """Print ``<prog>: <message> (see --help)`` and exit 2."""
        self.exit(BAD_INPUT, f"{self.prog}: {message} (see --help)\n")


def split_debug(argv: list[str]) -> tuple[list[str], bool]:
    """The command line without ``--debug``, and whether it was there.

    Args:
        argv: The command line without the program name.

    Returns:
        The other arguments in order, and True if ``--debug`` was given.
    """
    rest = [a for a in argv if a != DEBUG_FLAG]
    return rest, len(rest) != len(argv)


def one_line(text: str) -> str:
    """A message on one line: its non-empty lines, stripped, joined by "; "."""
    return "; ".join(ln.strip() for ln in str(text).splitlines() if ln.strip())


def os_error_line(err: OSError) -> str:
    """An OS error as "<file>: <reason>" (both files of a failed rename)."""
    reason = err.strerror or type(err).__name__
    files = [f for f in (err.filename, err.filename2) if f is not None]
    if not files:
        return one_line(str(err)) or reason
    return f"{' -> '.join(str(f) for f in files)}: {reason}"


def user_error_line(err: BaseException) -> str | None:
    """One line for an error a user can fix, None for anything else (a bug).

    Args:
        err: The exception.

    Returns:
        The line (without the program name), or None.
    """
    import yaml
    from omegaconf.errors import OmegaConfBaseException

    if isinstance(err, OSError):
        return os_error_line(err)
    if isinstance(err, ConfigError):
        return f"bad configuration: {one_line(str(err))}"
    if isinstance(err, UserError):
        return one_line(str(err))
    if isinstance(err, yaml.YAMLError | OmegaConfBaseException):
        return one_line(str(err))
    if type(err).__module__.startswith("hydra"):  # composition, override and config errors
        return one_line(str(err))
    return None


def check_output(path: Path, option: str, is_dir: bool = False) -> None:
    """An output path a command can create, checked before any work is done.

    Its nearest existing ancestor must be a writable directory, and the path itself, if
    it exists, a directory (``is_dir``) or a file.

    Args:
        path: The file or directory the command will write.
        option: The option or argument that gave it (named in the message).
        is_dir: Whether ``path`` is a directory.

    Raises:
        UserError: Naming the option, the path and what is in the way.
    """
    path = Path(path)
    if path.exists():
        if path.is_dir() != is_dir:
            kind = "a directory" if is_dir else "a file"
            raise UserError(f"{option} {path}: exists and is not {kind}")
        return
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise UserError(f"{option} {path}: {parent} is a file, not a directory")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UserError(f"{option} {path}: {parent} is not writable")


def say_left_out(prog: str, damaged: list[str]) -> None:
    """One line on stderr per damaged file left out ("<path>: <why>"), once each.

    The command goes on with the other runs and says so.
    """
    for entry in dict.fromkeys(damaged):
        print(f"{prog}: left out {entry}; going on with the other runs", file=sys.stderr)


@contextmanager
def guard(prog: str, debug: bool = False) -> Iterator[None]:
    """Turn an error a user can fix into one line on stderr and exit 2.

    Args:
        prog: The command's name, printed first.
        debug: Re-raise instead (the full traceback), as ``--debug`` asks.

    Yields:
        Nothing: the guarded block runs.
    """
    try:
        yield
    except Exception as err:
        line = None if debug else user_error_line(err)
        if line is None:
            raise
        print(f"{prog}: {line}", file=sys.stderr, flush=True)
        sys.exit(BAD_INPUT)
