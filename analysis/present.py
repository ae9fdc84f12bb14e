"""What the report shows a reader: names of places and offices, directions, findings.

The data files keep their contract names (DESIGN §6: ``compare.csv``, ``office_id``,
``exits_to_work``); this module turns them into what a KS analyst reads: the region by
name, offices by their municipalities ("Nav Lyngdal (vertskommune) + 3"), which
direction of an outcome is better, the headline findings of a comparison in words,
and the report's tables with translated headers and trimmed columns. Plain pandas.

Map hook: offices are named from ``sim.data.load_municipalities`` and the members the
runs recorded. When ``sim.data`` ships the geography table (municipality centroids and
neighbours, Kartverket), :func:`geography` returns it and the report can draw the
region's map with municipality names (``analysis.report.map_section``); until then it
returns None and no map is drawn.
"""

from __future__ import annotations

import math
import re
from functools import cache

import pandas as pd
from babel.lists import format_list

from analysis.readings import (
    clear,
    interval,
    interval_words,
    num,
    outcome_label,
    pct,
    point_name,
)
from messages import LOCALES, N_, _, ngettext
from sim.recording import STATE_COLUMNS

# Which way an outcome is better: +1 higher, -1 lower, 0 neither (a matter of view).
DIRECTION = {
    "exits_to_work": 1,
    "exit_rate": 1,
    "exit_rate_complex": 1,
    "mean_wait_months": -1,
    "social_assistance_cost": -1,
    "trust_owners": 1,
    "trust_leader_state": 1,
    "trust_leader_municipal": 1,
    "perceived_state_dominance": -1,
    "perceived_equality": 1,
    "cooperation_quality": 1,
    "internal_cooperation": 1,
    "external_cooperation": 1,
    "team_satisfaction": 1,
    "staff_turnover": -1,
    "moves_to_state": -1,
    "leader_dev_capacity": 1,
}
# Outcomes that are indices on a 0-1 scale (defined in INDEX_DEFINITIONS): the model's
# states (DESIGN §6) except a share and a rate.
INDICES = set(STATE_COLUMNS) - {"cross_work_share", "staff_turnover"}
INDEX_DEFINITIONS = (
    N_(
        "Trust between the owners (0–1): the mean of the rådmenn's trust in the partnership "
        "and the county director's; 1 is full trust, 0.5 neither trust nor distrust."
    ),
    N_(
        "Trust in the leader (0–1): the state's (county director's) and the municipalities' "
        "(rådmenn's) trust in the Nav leader of the office."
    ),
    N_(
        "Perceived state dominance (0–1): how strongly the municipal owners find that the "
        "state sets the terms; calibrated to the share who said so in the 2019 survey "
        "(61% of rådmenn). Lower means a more equal partnership."
    ),
    N_(
        "Cooperation quality (0–1): the mean strength of the office's working ties to the "
        "services around it (health, child welfare, housing, schools, employers …). External "
        "cooperation: the share of users with complex needs whose case reached another "
        "service that month."
    ),
    N_(
        "Leader development capacity (0–1): the share of the Nav leader's time and room "
        "left for developing the office after running it."
    ),
)
# The comparison's outcomes shown in the headline, at most this many findings.
MAX_FINDINGS = 5
# Outcomes that repeat another's finding in other units (left out of the headline).
SAME_AS = {"exit_rate": "exits_to_work"}


def better_mark(outcome: str, lang: str) -> str:
    """A short mark of the better direction for a figure's label: "↑ better", "↓ better"."""
    d = DIRECTION.get(outcome, 0)
    if d == 0:
        return ""
    return _("↑ better", lang) if d > 0 else _("↓ better", lang)


def judgement(outcome: str, difference: float, lang: str) -> str:
    """The word "better" or "worse" for a difference of an outcome ("" when neither)."""
    d = DIRECTION.get(outcome, 0)
    if d == 0 or difference == 0 or math.isnan(difference):
        return ""
    return _("better", lang) if d * difference > 0 else _("worse", lang)


# ----------------------------------------------------------------------- places


@cache
def _municipalities() -> pd.DataFrame:
    from sim.data import load_municipalities

    return load_municipalities().set_index("municipality_id")


def join_names(names: list[str], lang: str) -> str:
    """A list of names the language's way: "A, B og C" (Babel, CLDR), "A, B and C"."""
    return format_list(list(names), locale=LOCALES[lang]) if names else ""


def region_name(config: dict, lang: str) -> str:
    """The region of a run's resolved config by name: "Agder", "Agder og Rogaland".

    Args:
        config: ``run.json``'s ``config``.
        lang: "nb" or "en".

    Returns:
        The counties' names, or a count of municipalities for a hand-picked region.
    """
    region = config.get("region", {}) or {}
    data = _municipalities()
    counties = [str(c) for c in region.get("counties") or []]
    if counties:
        names = data.drop_duplicates("county_id").set_index("county_id")["county"]
        return join_names([str(names.get(c, c)) for c in counties], lang)
    ids = [str(m) for m in region.get("municipalities") or []]
    if ids:
        return ngettext("{n} municipality", "{n} municipalities", len(ids), lang).format(n=len(ids))
    return str(region.get("name", "")).replace("_", " ").title()


def office_members(munis: pd.DataFrame) -> dict[str, list[str]]:
    """Each office's member municipalities (ids) as the runs recorded them.

    Args:
        munis: ``municipalities`` rows (any runs and months).

    Returns:
        office_id -> municipality ids, in id order.
    """
    if munis.empty:
        return {}
    pairs = munis.drop_duplicates(["office_id", "municipality_id"])
    return {
        str(o): sorted(str(m) for m in g["municipality_id"])
        for o, g in pairs.groupby("office_id", sort=False)
    }


def office_name(office_id: str, members: list[str] | None, lang: str) -> str:
    """An office by the municipalities it serves, as a reader would name it.

    "Nav Lyngdal, Hægebostad og Åseral" up to three members (the main municipality
    first: the host of a host office, the municipality whose number the id carries);
    "Nav Lyngdal (vertskommune) + 3" beyond; "Nav Kristiansand, kontor 1" for one of a
    city's district offices.

    Args:
        office_id: The id (``4225``, ``host-4225``, ``region-4202``, ``4204-01``).
        members: Its municipality ids (:func:`office_members`), or None.
        lang: "nb" or "en".

    Returns:
        The name; the id itself when no municipality can be found.
    """
    data = _municipalities()
    found = re.search(r"(\d{4})(?:-(\d+))?$", str(office_id))
    main = found.group(1) if found else None
    members = list(members or ([main] if main else []))
    if main not in members and members:
        main = max(members, key=lambda m: data["population"].get(m, 0))
    if not members or main not in data.index:
        return str(office_id)
    names = {m: str(data["name"].get(m, m)) for m in members}
    rest = sorted((m for m in members if m != main), key=lambda m: -data["population"].get(m, 0))
    host = str(office_id).startswith("host-")
    if found and found.group(2) and len(members) == 1:
        return _("Nav {name}, office {k}", lang).format(name=names[main], k=int(found.group(2)))
    if len(members) <= 3:
        return "Nav " + join_names([names[main], *(names[m] for m in rest)], lang)
    text = _("Nav {host} (host) + {n}", lang) if host else _("Nav {name} + {n}", lang)
    return text.format(host=names[main], name=names[main], n=len(rest))


def office_names(munis: pd.DataFrame, lang: str) -> dict[str, str]:
    """office_id -> :func:`office_name` for every office in ``munis``."""
    return {o: office_name(o, m, lang) for o, m in office_members(munis).items()}


def geography() -> pd.DataFrame | None:
    """The region map's data (centroids, neighbours) once ``sim.data`` ships it, else None.

    The hook for the region map: ``sim.data.load_geography`` is expected from the
    geography work (Kartverket). Until it exists the report draws no map.
    """
    import sim.data

    load = getattr(sim.data, "load_geography", None)
    return load() if load is not None else None


# ----------------------------------------------------------------------- findings


def _ranked(block: pd.DataFrame) -> list[pd.Series]:
    rows = [r for _i, r in block.iterrows() if r["outcome"] not in SAME_AS and clear(r)]
    return sorted(
        rows, key=lambda r: -abs(r["difference_pct"]) if pd.notna(r["difference_pct"]) else 0
    )


def headline_rows(comp: pd.DataFrame, limit: int = MAX_FINDINGS) -> list[pd.Series]:
    """The findings of the headline: intervals that exclude zero, largest change first.

    Each design point in turn gives its largest remaining change (in % of the baseline),
    so every point that has a finding is represented; at most ``limit`` in all.

    Args:
        comp: ``analysis.tables.comparison``'s table.
        limit: At most this many findings.

    Returns:
        Rows of ``comp``.
    """
    queues = [_ranked(b) for _p, b in comp.groupby("point", sort=False)]
    out: list[pd.Series] = []
    while len(out) < limit and any(queues):
        for q in queues:
            if q and len(out) < limit:
                out.append(q.pop(0))
    return out


def finding_text(row: pd.Series, lang: str) -> str:
    """One finding in words: outcome, direction, size, % change, interval, agreement.

    E.g. "Regionalisation: cooperation quality 0.034 lower than in the baseline (−6.2%,
    worse); 90% interval: between 0.028 and 0.040 lower; 10 of 10 paired replications
    in the same direction." The words follow the sign of the paired difference, so a
    finding cannot disagree with the comparison.

    Args:
        row: A row of ``analysis.tables.comparison``.
        lang: "nb" or "en".

    Returns:
        One sentence.
    """
    outcome, diff = row["outcome"], float(row["difference"])
    up = diff > 0
    size = num(abs(diff), lang)
    if outcome in INDICES:
        size = _("{size} on the 0–1 scale", lang).format(size=size)
    judged = judgement(outcome, diff, lang)
    change = pct(row["difference_pct"], lang) + (f", {judged}" if judged else "")
    text = (
        _("{point}: {outcome} {size} higher than in the baseline ({change})", lang)
        if up
        else _("{point}: {outcome} {size} lower than in the baseline ({change})", lang)
    ).format(
        point=point_name(row["point"], lang),
        outcome=outcome_label(outcome, lang),
        size=size,
        change=change,
    )
    level = num(100 * float(row["level"]), lang)
    text += "; " + _("{level}% interval: {interval}", lang).format(
        level=level, interval=interval_words(row["ci_low"], row["ci_high"], lang)
    )
    n = int(row["n"])
    if pd.notna(row.get("same_sign_share")):
        k = int(round(float(row["same_sign_share"]) * n))
        text += "; " + ngettext(
            "{k} of {n} paired replication in the same direction",
            "{k} of {n} paired replications in the same direction",
            n,
            lang,
        ).format(k=k, n=n)
    return text + "."


# ----------------------------------------------------------------------- tables

# (column, header) of each table the report shows; the rest is in its CSV.
HEADERS = {
    "scenario": N_("scenario"),
    "outcome": N_("outcome"),
    "difference": N_("difference"),
    "interval": N_("90% interval"),
    "difference_pct": N_("change, %"),
    "baseline_mean": N_("baseline"),
    "same_sign": N_("same direction"),
    "better": N_("better is"),
    "municipality": N_("municipality"),
    "office": N_("office"),
    "population_share": N_("share of the office's population, %"),
    "host_cost_share_after": N_("share of the joint costs, %"),
    "radmann_influence_change": N_("rådmann's influence, change"),
    "ordforer_influence_change": N_("ordfører's influence, change"),
    "radmann_satisfaction_change": N_("rådmann's satisfaction, change"),
    "ordforer_satisfaction_change": N_("ordfører's satisfaction, change"),
    "offices": N_("office-replications"),
    "median": N_("median, months"),
    "q05": N_("5%"),
    "q95": N_("95%"),
    "still_open": N_("still in transition, %"),
    "setting": N_("setting"),
    "default": N_("default"),
    "kind": N_("source"),
    "seed_band": N_("run-to-run, 5–95% (seeds, parameters fixed)"),
    "parameter_band": N_("parameters, 5–95% (posterior draws)"),
    "total_band": N_("both, 5–95%"),
    "parameter_share": N_("share of the variance from the parameters, %"),
    "mean": N_("mean"),
}
KIND_LABELS = {
    "assumption": N_("assumption"),
    "partly_assumption": N_("partly assumed"),
    "calibrated": N_("calibrated"),
    "report": N_("the reports"),
}


def header(column: str, lang: str) -> str:
    """A shown table's column header in ``lang``."""
    return _(HEADERS[column], lang) if column in HEADERS else column


def comparison_table(comp: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The comparison as the report shows it: translated, one row per point and outcome."""
    rows = []
    for _i, r in comp.iterrows():
        n = int(r["n"])
        share = r.get("same_sign_share")
        rows.append(
            {
                "scenario": point_name(r["point"], lang),
                "outcome": outcome_label(r["outcome"], lang),
                "better": better_mark(r["outcome"], lang),
                "baseline_mean": num(r["baseline_mean"], lang),
                "difference": num(r["difference"], lang, True),
                "interval": _("{low} to {high}", lang).format(
                    low=num(r["ci_low"], lang, True), high=num(r["ci_high"], lang, True)
                ),
                "difference_pct": pct(r["difference_pct"], lang),
                "same_sign": (
                    _("{k} of {n}", lang).format(k=int(round(float(share) * n)), n=n)
                    if pd.notna(share)
                    else "–"
                ),
            }
        )
    return pd.DataFrame(rows)


def municipality_table(view: pd.DataFrame, names: dict[str, str], lang: str) -> pd.DataFrame:
    """The municipality view as shown: names, shares in %, the owners' changes."""
    out = pd.DataFrame(
        {
            "municipality": view["name"],
            "office": view["office_id"].map(lambda o: names.get(o, o)),
            "population_share": (100 * view["population_share"]).map(lambda x: num(x, lang)),
        }
    )
    if "host_cost_share_after" in view:
        out["host_cost_share_after"] = (100 * view["host_cost_share_after"]).map(
            lambda x: num(x, lang)
        )
    for col in (
        "radmann_influence_change",
        "ordforer_influence_change",
        "radmann_satisfaction_change",
        "ordforer_satisfaction_change",
    ):
        if col in view:
            out[col] = view[col].map(lambda x: num(x, lang, True))
    return out


def transition_table(summary: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The transition summary as shown: scenario names, months, % still open."""
    return pd.DataFrame(
        {
            "scenario": summary["label"].map(lambda p: point_name(p, lang)),
            "offices": summary["offices"].astype(int).astype(str),
            "median": summary["median"].map(lambda x: num(x, lang)),
            "q05": summary["q05"].map(lambda x: num(x, lang)),
            "q95": summary["q95"].map(lambda x: num(x, lang)),
            "still_open": (100 * summary["still_open"]).map(lambda x: num(x, lang)),
        }
    )


def uncertainty_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The two kinds of uncertainty as shown: each outcome's mean and its labelled bands."""
    return pd.DataFrame(
        {
            "scenario": table["label"].map(lambda p: point_name(p, lang)),
            "outcome": table["outcome"].map(lambda o: outcome_label(o, lang)),
            "mean": table["mean"].map(lambda x: num(x, lang)),
            "seed_band": [
                interval(a, b, lang)
                for a, b in zip(table["seed_lo"], table["seed_hi"], strict=True)
            ],
            "parameter_band": [
                interval(a, b, lang)
                for a, b in zip(table["parameter_lo"], table["parameter_hi"], strict=True)
            ],
            "total_band": [
                interval(a, b, lang)
                for a, b in zip(table["total_lo"], table["total_hi"], strict=True)
            ],
            "parameter_share": (100 * table["parameter_share"]).map(lambda x: num(x, lang)),
        }
    )


def _flat(config: dict, key: str):
    obj = config
    for part in key.split("."):
        if not isinstance(obj, dict) or part not in obj:
            return None
        obj = obj[part]
    return obj


def _same(a, b) -> bool:
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=0)
    except (TypeError, ValueError):
        return str(a) == str(b)


def differing_parameters(params: pd.DataFrame, configs: dict[str, dict], lang: str) -> pd.DataFrame:
    """The parameters and rules that differ from their defaults in at least one point.

    Args:
        params: ``analysis.tables.parameter_provenance``.
        configs: Design point label -> its first run's resolved config.
        lang: "nb" or "en".

    Returns:
        setting (the config key, shown as code), default, one column per point, source
        (translated provenance class); empty when every point runs the defaults.
    """
    rows = []
    for r in params.itertuples(index=False):
        values = {lab: _flat(cfg, r.key) for lab, cfg in configs.items()}
        if all(v is None or _same(v, r.default) for v in values.values()):
            continue
        row = {"setting": r.key, "default": r.default}
        for lab, v in values.items():
            row[point_name(lab, lang)] = "" if v is None else str(v)
        row["kind"] = _(KIND_LABELS.get(r.kind, r.kind), lang)
        rows.append(row)
    return pd.DataFrame(rows)
