"""How a parameter or a rule is declared: default, bounds, unit, provenance, sweep."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import field
from typing import Any


class ConfigError(ValueError):
    """A configuration value that cannot be run; the message names the key."""


def with_values[C](cfg: C, values: Mapping[str, Any]) -> C:
    """A copy of a configuration with values set by dotted key (``staff.satisfaction_base``).

    Each value is set as given (the caller converts it); the original is not changed.
    """
    out = copy.deepcopy(cfg)
    for key, value in values.items():
        *path, name = key.split(".")
        obj = out
        for part in path:
            obj = getattr(obj, part)
        setattr(obj, name, value)
    return out


def param(
    default: Any,
    *,
    lo: float | None = None,
    hi: float | None = None,
    unit: str = "",
    source: str = "assumption",
    sweep: tuple[float, float] | None = None,
) -> Any:
    """Declare a parameter with its bounds, unit, provenance and sweep range.

    Args:
        default: The default value.
        lo: Smallest valid value (validation), or None.
        hi: Largest valid value (validation), or None.
        unit: Unit of the value, e.g. "per month" or "NOK".
        source: Report section the default rests on, "calibrated" or "assumption".
        sweep: Range for sensitivity designs; defaults to a band around the default.

    Returns:
        A dataclass field carrying the metadata.
    """
    if sweep is None and isinstance(default, float) and not isinstance(default, bool):
        a, b = sorted((default * 0.5, default * 1.5))
        sweep = (a if lo is None else max(lo, a), b if hi is None else min(hi, b))
    meta = {"lo": lo, "hi": hi, "unit": unit, "source": source, "sweep": sweep}
    return field(default=default, metadata=meta)


def rule(default: Any, source: str) -> Any:
    """Declare a governance rule with the source of its default (the 2019 situation).

    Args:
        default: The default value.
        source: Report section the default rests on.

    Returns:
        A dataclass field carrying the metadata.
    """
    return field(default=default, metadata={"unit": "rule", "source": source})


# --------------------------------------------------------------------------- groups
