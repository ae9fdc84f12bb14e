"""A region: its municipalities, its offices at the start and their initial staffing.

The office map comes from ``structure`` (``sim.office_maps``: today's offices, the
2019 map, or one office per municipality) and ``region.offices`` (declared offices,
label -> municipality ids, the first one the host). An office's staff are the sum of
what its municipalities' own offices would have (ch5_9 table 5.1, calibrated).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import brentq

from sim.config import ConfigError, GovernanceConfig, PartnershipParams, RegionConfig, StaffParams
from sim.data import COUNTY_SLUGS, load_municipalities
from sim.office_maps import (
    DISTRICT_OFFICES,
    StartOffice,
    claim_members,
    split_ids,
    start_offices,
)
from sim.vocabulary import MAX_PER_OFFICE, SERVICE_EXTRAS, LeaderModel

# 003 §3 (L8395-8409): about a third minimum only, a third +1-2, a third +3-4, 14% 5+.
PORTFOLIO_BANDS = ((0.33, 0, 0), (0.33, 1, 2), (0.20, 3, 4), (0.14, 5, 7))

MUNICIPAL_LEADER_SHARE = 113 / 426  # ch5_9 §3.4 (L7797): single leaders, municipal


@dataclass
class Region:
    """Municipalities and offices of one model instance.

    Attributes:
        name: The region's name.
        munis: One row per municipality (id, name, county, population, area,
            ``density_z``, ``extras``: the extra services placed in the office).
        office_ids: Office id per office.
        office_names: Each office's name as people know it ("Nav Lister").
        office_host: Index (into ``munis``) of each office's host municipality.
        pair_office: Office index of each (office, municipality) catchment pair.
        pair_muni: Municipality index of each pair.
        pair_pop: Inhabitants of each pair (a district's share of its city).
        staff_state: Initial state-employed staff per office.
        staff_municipal: Initial municipal staff per office.
        leader_models: Leader model per office ("state", "municipal", "two_leaders").
        county_ids: County id per office (of its host).
    """

    name: str
    munis: pd.DataFrame
    office_ids: list[str]
    office_names: list[str]
    office_host: np.ndarray
    pair_office: np.ndarray
    pair_muni: np.ndarray
    pair_pop: np.ndarray
    staff_state: np.ndarray
    staff_municipal: np.ndarray
    leader_models: list[str]
    county_ids: list[str]

    @property
    def n_offices(self) -> int:
        """Number of offices."""
        return len(self.office_ids)


def _known_id(value: object, where: str, known: set[str]) -> str:
    """A configured municipality id as its four-character text, or one clear error.

    YAML reads an unquoted 0301 as the octal number 193 (and Hydra passes it on as the
    integer or the text "193"); the message then names the id that was meant.

    Args:
        value: The configured value.
        where: The config key, for the message.
        known: The ids in the data.

    Returns:
        The id.

    Raises:
        ConfigError: On a value that is not a known id.
    """
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ConfigError(f"{where}: {value!r} is not a municipality id")
    meant = [m for m in sorted(known) if m.startswith("0") and str(int(m, 8)) == str(value)]
    hint = f" (an unquoted {meant[0]} in YAML is read as the number {value})" if meant else ""
    if isinstance(value, int):
        raise ConfigError(
            f"{where}: municipality id {value} is a number{hint}; ids are "
            f"four-character strings: quote them, e.g. '0301'"
        )
    if value not in known:
        quote = f"; quote it ('{meant[0]}')" if meant else ""
        raise ConfigError(
            f"{where}: unknown municipality id '{value}'{hint}{quote}; ids are the "
            "four-digit kommunenummer, e.g. '0301' or '4204'"
        )
    return value


def resolve_municipalities(cfg: RegionConfig) -> pd.DataFrame:
    """Select the region's municipalities from the shipped data.

    Args:
        cfg: The region configuration.

    Returns:
        The selected rows, in data order, with a fresh index.

    Raises:
        ConfigError: On an unknown or unquoted id or county, or an empty region.
    """
    data = load_municipalities()
    known = set(data.municipality_id)
    ids = [_known_id(v, "region.municipalities", known) for v in cfg.municipalities]
    ids += [_known_id(v, "region.offices", known) for m in cfg.offices.values() for v in m]
    slug_to_id = {slug: c for c, slug in COUNTY_SLUGS.items()}
    counties = []
    for value in cfg.counties:
        cid = str(value).zfill(2) if isinstance(value, int) else str(value)
        cid = slug_to_id.get(cid, cid)
        if cid != "all" and cid not in COUNTY_SLUGS:
            raise ConfigError(
                f"region.counties: unknown county {value!r}; allowed: 'all' or "
                f"{sorted(COUNTY_SLUGS)} or {sorted(COUNTY_SLUGS.values())}"
            )
        counties.append(cid)
    in_counties = True if "all" in counties else data.county_id.isin(counties)
    mask = data.municipality_id.isin(ids) | in_counties
    munis = data[mask].reset_index(drop=True)
    if munis.empty:
        raise ConfigError(
            f"region '{cfg.name}' selects no municipality: set region.counties "
            "or region.municipalities"
        )
    return munis


def density_z(munis: pd.DataFrame) -> np.ndarray:
    """Log population density, standardised over all of Norway's municipalities.

    Args:
        munis: Rows of the municipality table.

    Returns:
        One z-score per row.
    """

    def log_density(df: pd.DataFrame) -> pd.Series:
        return np.log(df.population / np.maximum(df.area_km2, 1.0))

    national = log_density(load_municipalities())
    return ((log_density(munis) - national.mean()) / national.std()).to_numpy(float)


def office_staff(pop: np.ndarray, staff: StaffParams, national_pop: float) -> np.ndarray:
    """Årsverk of an office serving ``pop`` inhabitants (ch5_9 table 5.1, calibrated).

    Staff grow less than proportionally with population (``size_exponent`` < 1), so
    small offices are relatively well staffed (ch5_9 §8 fact 16); the national total
    is ``staff_per_1000`` per 1,000 inhabitants.
    """
    data = load_municipalities().population.to_numpy(float)
    scale = staff.staff_per_1000 * national_pop / 1000 / np.sum(data**staff.size_exponent)
    return np.maximum(staff.min_office_staff, scale * pop**staff.size_exponent)


def _draw_extras(
    munis: pd.DataFrame, gov: GovernanceConfig, rng: np.random.Generator, noise: float
) -> list[tuple[str, ...]]:
    """Extra services placed in each municipality's office (003 §3; ch5_9 §8 fact 2)."""
    n = len(munis)
    if gov.portfolio == "minimum":
        return [()] * n
    if not isinstance(gov.portfolio, str):
        return [tuple(gov.portfolio)] * n
    # Small municipalities load more services into the office (ch5_9 §2.3, L6997-6999):
    # rank by a size-tilted score, then cut into the observed bands of 003 §3.
    logpop = np.log(munis.population.to_numpy(float))
    score = -(logpop - logpop.mean()) / max(logpop.std(), 1e-9) + rng.normal(0, noise, n)
    order = np.argsort(-score, kind="stable")
    counts = np.zeros(n, dtype=int)
    bands = sorted(PORTFOLIO_BANDS, key=lambda b: -b[1])
    cut = 0
    for share, lo, hi in bands:
        k = int(round(share * n))
        idx = order[cut : cut + k]
        counts[idx] = rng.integers(lo, hi + 1, size=len(idx))
        cut += k
    names = list(SERVICE_EXTRAS)
    weights = np.array([SERVICE_EXTRAS[s][0] for s in names], float)
    extras = []
    for c in counts:
        pick = (
            rng.choice(
                len(names), size=min(c, len(names)), replace=False, p=weights / weights.sum()
            )
            if c
            else []
        )
        extras.append(tuple(sorted(names[i] for i in pick)))
    return extras


def _municipal_share(pop: np.ndarray, n_extras: np.ndarray, staff: StaffParams) -> np.ndarray:
    """Share of municipal staff by office size and portfolio (ch5_9 §2.2, L10980-10988)."""
    x = (np.log10(np.maximum(pop, 1)) - 4.0) * 2.0  # 0 at 10,000 inhabitants
    s = staff.municipal_share_small + (
        staff.municipal_share_large - staff.municipal_share_small
    ) / (1 + np.exp(-x))
    return np.clip(s + staff.municipal_share_per_extra * (n_extras - 1.5), 0.05, 0.95)


def municipal_staff(munis: pd.DataFrame, staff: StaffParams) -> np.ndarray:
    """Årsverk of each municipality's office, undivided (``office_staff`` of its population)."""
    national_pop = float(load_municipalities().population.sum())
    return office_staff(munis.population.to_numpy(float), staff, national_pop)


def region_offices(
    region: RegionConfig, structure: str, staff: StaffParams, munis: pd.DataFrame | None = None
) -> list[StartOffice]:
    """The region's offices at the start (``sim.office_maps.start_offices``).

    Args:
        region: The region configuration (``region.offices`` declares offices).
        structure: ``2019``, ``present`` or ``municipal``.
        staff: Staffing parameters.
        munis: The region's municipalities, if already resolved.

    Returns:
        The offices, declared ones first.
    """
    munis = resolve_municipalities(region) if munis is None else munis
    declared = {str(k): [str(m) for m in v] for k, v in region.offices.items()}
    return start_offices(structure, munis, municipal_staff(munis, staff), staff, declared)


def split_municipalities(munis: pd.DataFrame, staff: StaffParams, structure: str) -> set[str]:
    """Ids of the region's municipalities served by several offices in the start map.

    Args:
        munis: The region's municipalities (``resolve_municipalities``).
        staff: Staffing parameters.
        structure: The office map at the start.

    Returns:
        The ids of the split cities (and, in 2019, of municipalities merged since).
    """
    declared: dict = {}
    return split_ids(
        start_offices(structure, munis, municipal_staff(munis, staff), staff, declared)
    )


def check_office_map(cfg: RegionConfig, staff: StaffParams, structure: str) -> None:
    """Check ``region.offices`` against the data before anything runs.

    Each office lists known ids (host first), at most ``MAX_PER_OFFICE``, none in two
    offices, none a city split into district offices, and, when ``region.counties``
    or ``region.municipalities`` select the region, all inside it (an office map
    never adds a municipality silently).

    Args:
        cfg: The region configuration.
        staff: Staffing parameters (which cities are split).
        structure: The office map at the start.

    Raises:
        ConfigError: Naming the office and what is allowed.
    """
    if not cfg.offices:
        return
    known = set(load_municipalities().municipality_id)
    selected = None
    if cfg.counties or cfg.municipalities:
        base = RegionConfig(cfg.name, list(cfg.counties), list(cfg.municipalities), {})
        selected = resolve_municipalities(base)
    claimed: dict[str, str] = {}
    for label, members in cfg.offices.items():
        key = f"region.offices.{label}"
        if isinstance(members, str) or not isinstance(members, list | tuple) or not members:
            raise ConfigError(f"{key}={members!r}: give a non-empty list of ids, host first")
        ids = [_known_id(m, key, known) for m in members]
        if len(ids) > MAX_PER_OFFICE:
            raise ConfigError(
                f"{key}: {len(ids)} municipalities; an office serves at most {MAX_PER_OFFICE} "
                "(003 §5.2)"
            )
        claim_members("region.offices", str(label), ids, claimed)
        if selected is not None:
            outside = [m for m in ids if m not in set(selected.municipality_id)]
            if outside:
                raise ConfigError(
                    f"{key}: {outside} outside the region '{cfg.name}' (region.counties, "
                    "region.municipalities); an office map cannot add a municipality"
                )
    munis = resolve_municipalities(cfg)
    split = split_municipalities(munis, staff, structure) & set(claimed)
    if split:
        raise ConfigError(
            f"region.offices: {sorted(split)} served by several offices in structure="
            f"{structure} (city districts, or parts merged since); such a municipality "
            "cannot share an office"
        )


def build_region(
    cfg: RegionConfig,
    gov: GovernanceConfig,
    staff: StaffParams,
    rng: np.random.Generator,
    partnership: PartnershipParams | None = None,
    structure: str = "municipal",
) -> Region:
    """Build the offices, catchments and initial staffing of a region.

    Args:
        cfg: The region configuration.
        gov: Governance rules (portfolio and leader model).
        staff: Staffing parameters.
        rng: The model's generator.
        partnership: Parameters of portfolio and leader-model draws (defaults if None).
        structure: The office map at the start (``2019``, ``present``, ``municipal``).

    Returns:
        The built region.

    Raises:
        ConfigError: On a municipality listed in two offices.
    """
    munis = resolve_municipalities(cfg)
    index = {m: i for i, m in enumerate(munis.municipality_id)}
    pop = munis.population.to_numpy(float)
    munis = munis.assign(density_z=density_z(munis))
    partnership = partnership if partnership is not None else PartnershipParams()
    munis = munis.assign(extras=_draw_extras(munis, gov, rng, partnership.portfolio_noise))
    muni_staff = municipal_staff(munis, staff)
    assigned: dict[str, str] = {}
    for label, members in cfg.offices.items():
        claim_members("region.offices", str(label), [str(m) for m in members], assigned)
    offices = region_offices(cfg, structure, staff, munis)

    pairs = [
        (o, index[m], pop[index[m]] * share)
        for o, office in enumerate(offices)
        for m, share in office.members
    ]
    office_staff_ = [
        float(sum(muni_staff[index[m]] * share for m, share in office.members))
        for office in offices
    ]
    pair_office = np.array([p[0] for p in pairs], dtype=np.int64)
    pair_muni = np.array([p[1] for p in pairs], dtype=np.int64)
    pair_pop = np.array([p[2] for p in pairs], dtype=float)
    office_pop = np.bincount(pair_office, weights=pair_pop, minlength=len(offices))
    hosts_arr = np.array([index[o.host] for o in offices], dtype=np.int64)
    n_extras = np.array([len(munis.extras[h]) for h in hosts_arr], dtype=float)
    total = np.maximum(2, np.rint(np.array(office_staff_))).astype(np.int64)
    share = _municipal_share(office_pop, n_extras, staff)
    municipal = np.clip(np.rint(total * share), 1, total - 1).astype(np.int64)
    state = total - municipal

    leader_models = _leader_models(
        gov,
        [o.host in DISTRICT_OFFICES and not o.whole for o in offices],
        n_extras,
        rng,
        partnership.municipal_leader_slope,
    )
    county_ids = [munis.county_id[h] for h in hosts_arr]
    return Region(
        name=cfg.name,
        munis=munis,
        office_ids=[o.office_id for o in offices],
        office_names=[o.name for o in offices],
        office_host=hosts_arr,
        pair_office=pair_office,
        pair_muni=pair_muni,
        pair_pop=pair_pop,
        staff_state=state,
        staff_municipal=municipal,
        leader_models=leader_models,
        county_ids=county_ids,
    )


def _leader_models(
    gov: GovernanceConfig,
    district: list[bool],
    n_extras: np.ndarray,
    rng: np.random.Generator,
    slope: float,
) -> list[str]:
    """Leader model per office: the governance rule, or the observed 2015 mix.

    Observed (ch5_9 §3.4, L7768-7815): two leaders in Oslo's and Bergen's district
    offices; single leaders 73.5% state-employed, likelier municipal where the office
    holds many municipal services (ch5_9 §2.3, L6991-7001).
    """
    if gov.leader_model != LeaderModel.observed:
        return [LeaderModel(gov.leader_model).value] * len(district)
    tilt = slope * (n_extras - n_extras.mean())
    # intercept such that the expected municipal share is the observed 113/426
    base = brentq(
        lambda b: np.mean(1 / (1 + np.exp(-(b + tilt)))) - MUNICIPAL_LEADER_SHARE, -20.0, 20.0
    )
    p_mun = 1 / (1 + np.exp(-(base + tilt)))
    u = rng.random(len(district))
    out = []
    for is_district, p, draw in zip(district, p_mun, u, strict=True):
        if is_district:
            out.append("two_leaders")
        else:
            out.append("municipal" if draw < p else "state")
    return out
