"""Checking a configuration: types, bounds, allowed values; and its normal form."""

from __future__ import annotations

import copy
import dataclasses
import datetime
import functools
import math
import typing
from enum import Enum
from typing import Any

from sim.config.declare import ConfigError
from sim.config.model import (
    GOVERNANCE_ENUMS,
    PORTFOLIO_KEYWORDS,
    GovernanceConfig,
    ModelConfig,
    iter_parameters,
)
from sim.config.scenario import scenario_names
from sim.vocabulary import SERVICE_EXTRAS, STRUCTURES


def field_type(owner: type, name: str) -> Any:
    """The resolved type annotation of a dataclass field.

    Args:
        owner: A dataclass type.
        name: One of its field names.

    Returns:
        The annotation (a class such as ``int`` or an Enum, or a typing form).
    """
    return _type_hints(owner)[name]


@functools.cache
def _type_hints(owner: type) -> dict[str, Any]:
    """``typing.get_type_hints`` of a dataclass, resolved once per process.

    Uncached it cost about 0.1 s per model built (once for every parameter).
    """
    return typing.get_type_hints(owner)


def allowed_values(owner: type, name: str) -> str:
    """What a dataclass field accepts, in words, for error messages and the docs.

    Args:
        owner: A dataclass type, e.g. GovernanceConfig.
        name: One of its field names.

    Returns:
        E.g. "state, municipal", "true, false", "an integer in [0, 12]".
    """
    f = next(x for x in dataclasses.fields(owner) if x.name == name)
    hint = field_type(owner, name)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return ", ".join(str(e.value) for e in hint)
    if hint is bool:
        return "true, false"
    if dataclasses.is_dataclass(hint):
        return "the keys " + ", ".join(x.name for x in dataclasses.fields(hint))
    if hint in (int, float):
        lo, hi = f.metadata.get("lo"), f.metadata.get("hi")
        kind = "an integer" if hint is int else "a number"
        if lo is None and hi is None:
            return kind
        return f"{kind} in [{'-inf' if lo is None else lo}, {'inf' if hi is None else hi}]"
    if owner is GovernanceConfig and name == "portfolio":
        keywords = ", ".join(PORTFOLIO_KEYWORDS)
        return f"{keywords}, or a list of services from {sorted(SERVICE_EXTRAS)}"
    return getattr(hint, "__name__", str(hint))


def _check_number(key: str, value: Any, meta: dict[str, Any], hint: Any) -> None:
    """Raise ConfigError unless ``value`` is a number of the declared type within bounds."""
    lo, hi = meta.get("lo"), meta.get("hi")
    kind = "an integer" if hint is int else "a number"
    span = f"[{'-inf' if lo is None else lo}, {'inf' if hi is None else hi}]"
    wrong = isinstance(value, bool) or not isinstance(value, int | float)
    if wrong or (hint is int and not isinstance(value, int)):
        raise ConfigError(f"{key}={value!r} is not {kind}; allowed: {kind} in {span}")
    if not math.isfinite(value):  # NaN passes every comparison: refuse it by name
        raise ConfigError(f"{key}={value} is not a finite number; allowed: {kind} in {span}")
    if lo is not None and value < lo:
        what = "a negative rate" if lo == 0 else f"below its minimum {lo}"
        raise ConfigError(f"{key}={value} is {what}; allowed: {kind} in {span}")
    if hi is not None and value > hi:
        raise ConfigError(f"{key}={value} is above its maximum {hi}; allowed: {kind} in {span}")


START_YEARS = (2000, 2100)  # calendars navsim can place a run in


def check_start(start: Any) -> tuple[int, int]:
    """``start`` as (year, month): the text "YYYY-MM", a real calendar month.

    Args:
        start: The configured value.

    Returns:
        The year and the month (1-12).

    Raises:
        ConfigError: Unless it is a month written as YYYY-MM within ``START_YEARS``.
    """
    allowed = f'a month written "YYYY-MM", {START_YEARS[0]}-01 to {START_YEARS[1]}-12'
    text = str(start)
    try:
        if len(text) != 7 or text[4] != "-":
            raise ValueError(text)
        date = datetime.datetime.strptime(text, "%Y-%m")
    except ValueError:
        raise ConfigError(f"start={start!r} is not a month; allowed: {allowed}") from None
    if not START_YEARS[0] <= date.year <= START_YEARS[1]:
        raise ConfigError(f"start={start!r} is out of range; allowed: {allowed}")
    return date.year, date.month


def _parameter_type(key: str) -> Any:
    """The annotation of a dotted parameter key of ModelConfig."""
    owner: type = ModelConfig
    *path, name = key.split(".")
    for part in path:
        owner = field_type(owner, part)
    return field_type(owner, name)


def validate(cfg: ModelConfig) -> None:
    """Check types, bounds and enumerated values; raise ConfigError naming the key.

    Every message names the key, the value and what is allowed. Pure: it changes
    nothing and loads no data (a scenario's ids are checked by
    ``sim.scenarios.check_config``, which needs the municipalities).

    Args:
        cfg: The configuration to check.

    Raises:
        ConfigError: On the first value of a wrong type, outside its declared bounds or
            not among the allowed values.
    """
    for key, value, meta in iter_parameters(cfg):
        _check_number(key, value, meta, _parameter_type(key))
    check_start(cfg.start)
    if str(cfg.structure) not in STRUCTURES:
        raise ConfigError(
            f"structure={cfg.structure!r} is not an office map; allowed: {list(STRUCTURES)} "
            "(present: today's offices; 2019: the surveys' year; municipal: one per municipality)"
        )
    gov = cfg.governance
    for name, enum in GOVERNANCE_ENUMS.items():
        value = getattr(gov, name)
        try:
            as_enum(enum, value)
        except ValueError:
            raise ConfigError(
                f"governance.{name}={value!r} is not one of the allowed values; "
                f"allowed: {allowed_values(GovernanceConfig, name)}"
            ) from None
    for name in ("leader_agreement", "harmonised_terms", "delegated_state_decisions"):
        if not isinstance(getattr(gov, name), bool):
            raise ConfigError(
                f"governance.{name}={getattr(gov, name)!r} is not a boolean; allowed: true, false"
            )
    portfolio = gov.portfolio
    allowed = allowed_values(GovernanceConfig, "portfolio")
    if isinstance(portfolio, str):
        if portfolio not in PORTFOLIO_KEYWORDS:
            raise ConfigError(
                f"governance.portfolio={portfolio!r} is not one of the allowed values; "
                f"allowed: {allowed}"
            )
    elif isinstance(portfolio, list | tuple) and all(isinstance(s, str) for s in portfolio):
        unknown = [s for s in portfolio if s not in SERVICE_EXTRAS]
        if unknown:
            raise ConfigError(
                f"governance.portfolio lists unknown services {unknown}; allowed: {allowed}"
            )
    else:
        raise ConfigError(f"governance.portfolio={portfolio!r} is not valid; allowed: {allowed}")
    cuts = cfg.survey.thresholds
    if any(a >= b for a, b in zip(cuts[:-1], cuts[1:], strict=True)):
        raise ConfigError(
            f"survey.threshold_1..4={list(cuts)} are not increasing; allowed: "
            "threshold_1 < threshold_2 < threshold_3 < threshold_4"
        )
    scenario_names(cfg)


def as_enum(enum: type[Enum], value: Any) -> Enum:
    """``value`` (an enum member or its value, as Hydra gives it) as a member of ``enum``."""
    return enum(value.value if isinstance(value, Enum) else value)


def normalise(cfg: ModelConfig) -> ModelConfig:
    """The configuration in normal form, as a new object (``cfg`` is not changed).

    Governance values become their enums, ``scenario.name`` the list of scenarios in
    force (``scenario_names``), and ``summary_window`` at most ``months``. Normalising
    a normal form changes nothing.

    Args:
        cfg: A configuration that ``validate`` accepts.

    Returns:
        A deep copy in normal form.
    """
    out = copy.deepcopy(cfg)
    gov = out.governance
    for name, enum in GOVERNANCE_ENUMS.items():
        setattr(gov, name, as_enum(enum, getattr(gov, name)))
    out.scenario.name = scenario_names(out)
    out.summary_window = min(out.summary_window, max(out.months, 1))
    out.structure = str(out.structure)
    return out
