"""Command-line overrides as Hydra will read them: navsim's one use of a private Hydra API.

``navsim`` checks its overrides before Hydra composes anything
(``experiments.cli.precheck``). To see them as Hydra will, it uses Hydra's own
command-line parser, ``hydra._internal.utils.get_args_parser`` (private: it may change
in any Hydra release), which separates the overrides from Hydra's flags (``-m``,
``--cfg job``, ...), and Hydra's override grammar (``hydra.core.override_parser``).
Every use of either sits in this module; ``tests/test_overrides.py`` pins what it
relies on against the installed Hydra version.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hydra._internal.utils import get_args_parser
from hydra.core.override_parser.overrides_parser import OverridesParser
from hydra.core.override_parser.types import Override, OverrideType


def parse_command_line(args: list[str]) -> list[Override] | None:
    """The overrides of a command line, parsed as Hydra parses them.

    Args:
        args: The command line without the program name.

    Returns:
        The parsed overrides, or None if Hydra would reject the command line (Hydra
        then reports its own syntax error).
    """
    try:
        overrides = get_args_parser().parse_args(args).overrides
        return OverridesParser.create().parse_overrides(overrides)
    except (SystemExit, Exception):  # noqa: BLE001 - Hydra reports its own syntax errors
        return None


def override_values(override: Override) -> list[Any]:
    """The value(s) of a parsed override: one, or each of a choice/range sweep."""
    if override.is_sweep_override():
        return list(override.sweep_iterator())
    return [override.value()]


def plain_changes(args: list[str]) -> Iterator[tuple[str, list[Any]]]:
    """The plain ``key=value`` overrides of a command line, each with its value(s).

    Overrides with a ``+``, ``++`` or ``~`` prefix or a package (``key@pkg=``),
    ``hydra.*`` keys, interval and glob sweeps and a command line Hydra cannot parse
    yield nothing: they are left to Hydra.

    Args:
        args: The command line without the program name.

    Yields:
        (key or config group, values), in command-line order.
    """
    for o in parse_command_line(args) or []:
        key = o.key_or_group
        if o.type != OverrideType.CHANGE or o.package is not None or key.startswith("hydra"):
            continue
        try:
            values = override_values(o)
        except Exception:  # noqa: BLE001 - interval and glob sweeps: left to Hydra
            continue
        yield key, values


def unparsable(args: list[str]) -> str | None:
    """The first override of a command line that Hydra's grammar rejects, if any.

    Args:
        args: The command line without the program name.

    Returns:
        The override as given, or None if every override parses (or the command line
        fails for another reason, left to Hydra).
    """
    if parse_command_line(args) is not None:
        return None
    try:
        overrides = get_args_parser().parse_args(args).overrides
    except (SystemExit, Exception):  # noqa: BLE001 - not an override: Hydra's own message
        return None
    return next((o for o in overrides if parse_command_line([o]) is None), None)


def search_path(args: list[str]) -> list[str] | None:
    """The entries of a ``hydra.searchpath=[...]`` override, or None without one."""
    for o in parse_command_line(args) or []:
        if o.key_or_group == "hydra.searchpath" and o.type != OverrideType.DEL:
            value = o.value()
            return [str(v) for v in value] if isinstance(value, list) else [str(value)]
    return None


def force_keys(args: list[str], keys: tuple[str, ...]) -> list[str]:
    """The command line with plain overrides of ``keys`` (or keys below them) made ``++``.

    Hydra refuses a plain override that adds a key to a mapping of the config
    (``region.offices={lister: [...]}``: "Key 'lister' is not in struct"); with ``++``
    it merges the value in. Sweeps (``-m``) and Hydra's flags are kept as they are.

    Args:
        args: The command line without the program name.
        keys: Dotted keys whose values are open mappings.

    Returns:
        The command line to give Hydra.
    """
    out = []
    for arg in args:
        key = arg.partition("=")[0]
        if "=" in arg and any(key == k or key.startswith(k + ".") for k in keys):
            arg = "++" + arg
        out.append(arg)
    return out
