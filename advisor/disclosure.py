"""Disclosure control: no figure shown to a leader or the secretariat, and
nothing exported, can point at a citizen, directly or with a pencil.

One implementation for every page and export. Each rule names the attack it
stops (README, "Små tal"; Begreber):
- a count from 1 to k-1 is hidden (k = 5 unless set, never below 3);
- one label for every hidden cell, "·" (HIDDEN), so the label does not tell
  which hidden cell is the small one;
- secondary suppression: within every group whose total can be read (a table
  column, the units of one department, a year of months), a hidden cell never
  stands alone and the hidden cells add up to at least k, so no total minus
  the shown cells gives a small count away; and the zeros of such a group are
  hidden with them, so "I alt 7" over seven hidden months and five zeros does
  not say that each hidden month is 1;
- counts of one row that bound each other ("1. gang" is at most "alle
  henvendelser") are hidden together (`together`);
- a share, median or percentile over fewer than k citizens is hidden, and so
  is a share whose numerator or rest (denominator minus numerator) is small:
  "44 citizens, 7 % came again" gives 3 (`rests`);
- a figure for a filter choice is hidden when its complement within the
  figure without the filters is small (all units minus the rest, for instance:
  `parent`).
"""

from dataclasses import dataclass

import pandas as pd

DEFAULT_K = 5
MINIMUM_K = 3
SMALL, SECONDARY = "small", "secondary"


def threshold(k: int | None) -> int:
    return max(MINIMUM_K, k or DEFAULT_K)


HIDDEN = "·"
FOOTNOTE = "· = skjult af hensyn til borgernes anonymitet"


def label(reason: str, k: int) -> str:
    """What stands in place of a hidden figure: the same for every reason."""
    return HIDDEN


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
            keys: list[str] | None = None, together: list[list[str]] | None = None,
            rests: dict[str, tuple[str, str]] | None = None) -> Protected:
    """Hide small counts and whatever would give them away.

    `counts`: count columns. `groups`: columns whose values form groups with a
    readable total (e.g. ["department"] for a units table); the whole column
    is always a group too. `depends`: column -> the count it is computed from
    (a share, median, percentile): hidden where that count is small, and with
    its count when the count is hidden. `together`: lists of count columns
    that bound each other in a row: one hidden hides the others. `rests`:
    share -> (numerator, denominator): the rest, denominator minus numerator,
    is a count too; when it is small, the numerator and the share are hidden.
    """
    k = threshold(k)
    depends = depends or {}
    frame = frame.copy()
    rest_columns = {}
    for share, (numerator, denominator) in (rests or {}).items():
        rest = f"_rest_{share}"
        frame[rest] = frame[denominator] - frame[numerator]
        rest_columns[rest] = (share, numerator)
    hidden = pd.DataFrame("", index=frame.index, columns=frame.columns)
    for rest, (share, numerator) in rest_columns.items():
        small_rest = frame[rest].map(lambda v: is_small(v, k))
        hidden.loc[small_rest, numerator] = SECONDARY
        depends = depends | {share: list(dict.fromkeys([*depends.get(share, []), numerator]))}
    if parent is not None:
        matched = frame[keys].merge(parent[keys + counts], on=keys, how="left", suffixes=("", "_whole"))
        matched.index = frame.index
    for column in counts:
        values = frame[column]
        if parent is not None:
            whole = matched[column if column not in keys else column + "_whole"]
            hidden.loc[(whole - values).map(lambda v: is_small(v, k)), column] = SECONDARY
        hidden.loc[values.map(lambda v: is_small(v, k)), column] = SMALL
    # Finer groups first: hiding within a department often settles the total
    # too; counts that bound each other in a row follow each other, until
    # nothing changes.
    group_keys = [frame[g] for g in (groups or [])] + [pd.Series(0, index=frame.index)]
    changed = True
    while changed:
        changed = False
        for column in counts:
            for keys in group_keys:
                for _, members in frame[column].groupby(keys, sort=False):
                    changed |= _complete(members, hidden, column, k)
        for columns in together or []:
            row_hidden = (hidden[columns] != "").any(axis=1)
            for column in columns:
                follow = row_hidden & (hidden[column] == "")
                if follow.any():
                    hidden.loc[follow, column] = SECONDARY
                    changed = True
    # Zeros beside hidden cells are hidden too: a hidden cell is then no
    # longer known to be at least 1.
    # (The whole column is a group, and holds every finer group's hidden cells.)
    for column in counts:
        if (hidden[column] != "").any():
            hidden.loc[(frame[column] == 0) & (hidden[column] == ""), column] = SECONDARY
    for column, bases in depends.items():
        small = pd.concat([(hidden[b] == SMALL) | frame[b].map(lambda v: is_small(v, k)) for b in bases], axis=1).any(axis=1)
        secondary = pd.concat([hidden[b] == SECONDARY for b in bases], axis=1).any(axis=1)
        hidden.loc[secondary, column] = SECONDARY
        hidden.loc[small, column] = SMALL
    frame, hidden = frame.drop(columns=list(rest_columns)), hidden.drop(columns=list(rest_columns))
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


def protect_value(value, k: int, *, parent=None, basis=None, part=None, of=None) -> str | None:
    """Why a single figure must be hidden, or None.

    `value`: a count (or None when the figure is not a count). `parent`: the
    same count without the optional filters; the difference is a count too.
    `basis`: the number of citizens a share or median is computed over.
    `part`: for a share, its numerator; the share is hidden when the
    numerator or the rest (basis minus numerator) is small. `of`: a shown
    count this one is part of (citizens, of whom some came again); the rest
    is a count too.
    """
    k = threshold(k)
    if value is not None and is_small(value, k):
        return SMALL
    for whole in (parent, of):
        if whole is not None and value is not None and is_small(whole - value, k):
            return SECONDARY
    if basis is not None and (pd.isna(basis) or basis < k):
        return SMALL
    if part is not None and basis is not None and (is_small(part, k) or is_small(basis - part, k)):
        return SMALL
    return None
