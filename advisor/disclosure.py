"""Disclosure control: no figure shown to a leader or the secretariat, and
nothing exported, can point at a citizen.

One implementation for every page and export:
- a count from 1 to k-1 is hidden and shown as "< k" (k = 5 unless set, never below 3);
- secondary suppression: within every group whose total can be read (a table
  column, or the units of one department), a hidden cell never stands alone and
  the hidden cells add up to at least k, so no total minus the shown cells
  gives a small count away;
- a share, median or percentile over fewer than k citizens is hidden;
- a figure for a filter choice is hidden when its complement within the
  unfiltered figure is small (all units minus the rest, for instance).
"""

from dataclasses import dataclass

import pandas as pd

DEFAULT_K = 5
MINIMUM_K = 3
SMALL, SECONDARY = "small", "secondary"


def threshold(k: int | None) -> int:
    return max(MINIMUM_K, k or DEFAULT_K)


def label(reason: str, k: int) -> str:
    """What stands in place of a hidden figure."""
    return f"< {k}" if reason == SMALL else "skjult"


def is_small(value, k: int) -> bool:
    return value is not None and not pd.isna(value) and 0 < value < k


@dataclass
class Protected:
    """A table with its hidden cells: `hidden` has the same shape, "" where a
    cell is shown, SMALL or SECONDARY where it is not."""

    data: pd.DataFrame
    hidden: pd.DataFrame
    k: int

    def label(self, reason: str) -> str:
        return label(reason, self.k)


def protect(frame: pd.DataFrame, counts: list[str], *, k: int, groups: list[str] | None = None,
            depends: dict[str, list[str]] | None = None, parent: pd.DataFrame | None = None,
            keys: list[str] | None = None) -> Protected:
    """Hide small counts and whatever would give them away.

    `counts`: count columns. `groups`: columns whose values form groups with a
    readable total (e.g. ["department"] for a units table); the whole column
    is always a group too. `depends`: column -> the count it is computed from
    (a share, median, percentile): hidden where that count is small, and with
    its count when the count is hidden.
    """
    k = threshold(k)
    depends = depends or {}
    hidden = pd.DataFrame("", index=frame.index, columns=frame.columns)
    if parent is not None:
        matched = frame[keys].merge(parent[keys + counts], on=keys, how="left", suffixes=("", "_whole"))
        matched.index = frame.index
    for column in counts:
        values = frame[column]
        if parent is not None:
            whole = matched[column if column not in keys else column + "_whole"]
            hidden.loc[(whole - values).map(lambda v: is_small(v, k)), column] = SECONDARY
        hidden.loc[values.map(lambda v: is_small(v, k)), column] = SMALL
        # Finer groups first: hiding within a department often settles the total too.
        group_keys = [frame[g] for g in (groups or [])] + [pd.Series(0, index=frame.index)]
        changed = True
        while changed:
            changed = False
            for keys in group_keys:
                for _, members in values.groupby(keys, sort=False):
                    changed |= _complete(members, hidden, column, k)
    for column, bases in depends.items():
        small = pd.concat([(hidden[b] == SMALL) | frame[b].map(lambda v: is_small(v, k)) for b in bases], axis=1).any(axis=1)
        secondary = pd.concat([hidden[b] == SECONDARY for b in bases], axis=1).any(axis=1)
        hidden.loc[secondary, column] = SECONDARY
        hidden.loc[small, column] = SMALL
    return Protected(frame.mask(hidden != ""), hidden, k)


def _complete(members: pd.Series, hidden: pd.DataFrame, column: str, k: int) -> bool:
    """Hide more cells of one group until its hidden cells cannot be worked out."""
    is_hidden = hidden.loc[members.index, column] != ""
    if not is_hidden.any():
        return False
    hidden_sum = members[is_hidden].sum()
    if is_hidden.sum() >= 2 and hidden_sum >= k:
        return False
    candidates = members[~is_hidden & (members > 0)].sort_values()
    if candidates.empty:
        return False
    hidden.loc[candidates.index[0], column] = SECONDARY
    return True


def protect_value(value, k: int, *, parent=None, basis=None) -> str | None:
    """Why a single figure must be hidden, or None.

    `value`: a count (or None when the figure is not a count). `parent`: the
    same count without the optional filters; the difference is a count too.
    `basis`: the number of citizens a share or median is computed over.
    """
    k = threshold(k)
    if value is not None and is_small(value, k):
        return SMALL
    if parent is not None and value is not None and is_small(parent - value, k):
        return SECONDARY
    if basis is not None and (pd.isna(basis) or basis < k):
        return SMALL
    return None
