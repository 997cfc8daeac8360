"""Respondent-driven (snowball) samples: recruitment waves and RDS-II (Volz–Heckathorn) weights.

References
----------
- Heckathorn, D. D. (1997). Respondent-driven sampling. Social Problems 44, 174-199.
- Volz, E. & Heckathorn, D. D. (2008). Probability based estimation theory for respondent driven
  sampling. Journal of Official Statistics 24, 79-97.  (RDS-II: inclusion probability ∝ degree)
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np


class RdsError(ValueError):
    """Recruitment data that cannot be used (duplicate ids, mismatched lengths)."""


@dataclass(frozen=True)
class RdsResult:
    """Waves and RDS-II weights, one per respondent in input order, with what could not be used."""

    waves: tuple[int | None, ...]  # 0 for seeds; None when not reachable from a seed
    weights: np.ndarray  # float, NaN where the degree is invalid; valid weights sum to their count
    seeds: tuple[Hashable, ...]
    unknown_recruiters: tuple[Hashable, ...]  # respondents whose recruiter id is not in the data
    in_cycles: tuple[Hashable, ...]  # respondents on a recruitment cycle (a recruits b ... recruits a)
    unreached: tuple[Hashable, ...]  # respondents with no chain of recruiters back to a seed
    invalid_degrees: tuple[Hashable, ...]  # network size missing, not a number or ≤ 0

    @property
    def max_wave(self) -> int | None:
        known = [w for w in self.waves if w is not None]
        return max(known) if known else None

    def report(self) -> dict[str, Any]:
        return {
            "respondents": len(self.waves),
            "seeds": len(self.seeds),
            "max_wave": self.max_wave,
            "unknown_recruiters": [str(x) for x in self.unknown_recruiters],
            "in_cycles": [str(x) for x in self.in_cycles],
            "unreached": [str(x) for x in self.unreached],
            "invalid_degrees": [str(x) for x in self.invalid_degrees],
        }


def _is_seed(recruiter: Any) -> bool:
    if recruiter is None:
        return True
    if isinstance(recruiter, float) and math.isnan(recruiter):
        return True
    return isinstance(recruiter, str) and recruiter.strip() == ""


def recruitment_waves(
    ids: Sequence[Hashable], recruiters: Sequence[Hashable | None]
) -> tuple[tuple[int | None, ...], dict[str, tuple[Hashable, ...]]]:
    """Wave of each respondent (seeds = 0, their recruits = 1, ...) and the problems found.

    Problems: "unknown_recruiters" (recruiter id absent from the data), "in_cycles" (a chain of
    recruiters that loops back), "unreached" (no chain back to a seed, including descendants of
    the first two kinds).
    """
    if len(ids) != len(recruiters):
        raise RdsError("ids and recruiters must have the same length")
    position: dict[Hashable, int] = {}
    for i, rid in enumerate(ids):
        if rid in position:
            raise RdsError(f"respondent id {rid!r} appears more than once")
        position[rid] = i
    children: dict[int, list[int]] = {}
    seeds: list[int] = []
    unknown: list[Hashable] = []
    for i, rec in enumerate(recruiters):
        if _is_seed(rec):
            seeds.append(i)
        elif rec in position:
            children.setdefault(position[rec], []).append(i)
        else:
            unknown.append(ids[i])
    waves: list[int | None] = [None] * len(ids)
    frontier = seeds
    for i in seeds:
        waves[i] = 0
    depth = 0
    while frontier:
        depth += 1
        nxt = []
        for parent in frontier:
            for child in children.get(parent, []):
                if waves[child] is None:
                    waves[child] = depth
                    nxt.append(child)
        frontier = nxt
    # Cycles: follow recruiter links from unreached respondents until a repeat.
    in_cycle: set[int] = set()
    state = [0] * len(ids)  # 0 unvisited, 1 on current path, 2 done
    for start in range(len(ids)):
        if waves[start] is not None or state[start]:
            continue
        path: list[int] = []
        node: int | None = start
        while node is not None and state[node] == 0 and waves[node] is None:
            state[node] = 1
            path.append(node)
            rec = recruiters[node]
            node = position.get(rec) if not _is_seed(rec) else None
        if node is not None and state[node] == 1:
            in_cycle.update(path[path.index(node):])
        for p in path:
            state[p] = 2
    unreached = tuple(ids[i] for i in range(len(ids)) if waves[i] is None)
    problems = {
        "seeds": tuple(ids[i] for i in seeds),
        "unknown_recruiters": tuple(unknown),
        "in_cycles": tuple(ids[i] for i in sorted(in_cycle)),
        "unreached": unreached,
    }
    return tuple(waves), problems


def _valid_degree(value: Any) -> float | None:
    try:
        d = float(value)
    except (TypeError, ValueError):
        # A network size typed with a decimal comma or grouped digits ("2,5", "1 200").
        from .readers import parse_number

        parsed = parse_number(value)
        if parsed is None:
            return None
        d = parsed
    return d if math.isfinite(d) and d > 0 else None


def rds_weights(
    ids: Sequence[Hashable], recruiters: Sequence[Hashable | None], degrees: Sequence[Any]
) -> RdsResult:
    """RDS-II weights w_i = (1/d_i) / mean_j(1/d_j), so valid weights sum to their number.

    Volz & Heckathorn (2008): in equilibrium a respondent's inclusion probability is proportional to
    their degree d_i (reported network size), so 1/d_i is the inverse-probability weight.
    Respondents with an invalid degree get NaN and are listed in `invalid_degrees`.
    """
    if len(degrees) != len(ids):
        raise RdsError("ids and degrees must have the same length")
    waves, problems = recruitment_waves(ids, recruiters)
    inverse = np.full(len(ids), np.nan)
    invalid = []
    for i, value in enumerate(degrees):
        d = _valid_degree(value)
        if d is None:
            invalid.append(ids[i])
        else:
            inverse[i] = 1.0 / d
    valid = ~np.isnan(inverse)
    weights = np.full(len(ids), np.nan)
    if valid.any():
        weights[valid] = inverse[valid] * valid.sum() / inverse[valid].sum()
    return RdsResult(
        waves=waves,
        weights=weights,
        seeds=problems["seeds"],
        unknown_recruiters=problems["unknown_recruiters"],
        in_cycles=problems["in_cycles"],
        unreached=problems["unreached"],
        invalid_degrees=tuple(invalid),
    )


def rds_proportion(indicator: Sequence[Any], degrees: Sequence[Any]) -> float | None:
    """RDS-II estimate of a proportion: P̂ = Σ_{i∈A} 1/d_i / Σ_i 1/d_i (Volz & Heckathorn 2008).

    `indicator` is 1/True for respondents in the group; respondents with an invalid degree or a
    missing indicator (None/NaN) are left out.
    """
    num = den = 0.0
    for flag, degree in zip(indicator, degrees, strict=True):
        d = _valid_degree(degree)
        if d is None or flag is None or (isinstance(flag, float) and math.isnan(flag)):
            continue
        den += 1.0 / d
        if flag:
            num += 1.0 / d
    return num / den if den > 0 else None
