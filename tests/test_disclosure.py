"""Disclosure control, including the back-calculation attacks."""

import pandas as pd
import pytest

from advisor import disclosure
from advisor.disclosure import SECONDARY, SMALL


def hidden(protected) -> dict:
    return {(i, c): r for i, row in protected.hidden.iterrows() for c, r in row.items() if r}


def test_small_counts_are_hidden_and_one_more_so_the_total_does_not_give_them_away():
    # Column total 3 + 12 + 20 + 40 = 75 is readable: 3 alone hidden would be 75 - 72.
    table = pd.DataFrame({"unit": ["a", "b", "c", "d"], "n": [3, 12, 20, 40]})
    p = disclosure.protect(table, ["n"], k=5)
    assert hidden(p) == {(0, "n"): SMALL, (1, "n"): SECONDARY}
    assert p.data["n"].tolist()[2:] == [20, 40] and p.data["n"].isna().tolist()[:2] == [True, True]


def test_two_small_cells_that_add_up_below_k_take_a_third():
    # 1 and 2 hidden: the reader knows they add up to 3, so both are pinned down
    # (1 + 2, or 2 + 1 with at least one below 5): hide the next smallest too.
    table = pd.DataFrame({"n": [1, 2, 30, 50]})
    assert hidden(disclosure.protect(table, ["n"], k=5)) == {(0, "n"): SMALL, (1, "n"): SMALL, (2, "n"): SECONDARY}


def test_zero_is_not_small_and_never_hides_anything():
    table = pd.DataFrame({"n": [0, 7, 9]})
    assert hidden(disclosure.protect(table, ["n"], k=5)) == {}


def test_within_every_department_as_well_as_overall():
    # Department totals are shown on the department table: a unit table must
    # not let "B&A total minus the other B&A units" reveal the small unit.
    table = pd.DataFrame({"department": ["A", "A", "A", "B", "B"], "unit": ["a1", "a2", "a3", "b1", "b2"],
                          "n": [2, 30, 40, 6, 8]})
    p = disclosure.protect(table, ["n"], k=5, groups=["department"])
    assert hidden(p) == {(0, "n"): SMALL, (1, "n"): SECONDARY}


def test_hiding_spreads_until_no_total_gives_anything_away():
    # A has only its small cell. Overall, 2 needs company: the smallest other
    # cell, 10. Then B (total 30) has one hidden cell, 30 - 20 = 10: 20 goes too.
    table = pd.DataFrame({"department": ["A", "B", "B"], "n": [2, 10, 20]})
    p = disclosure.protect(table, ["n"], k=5, groups=["department"])
    assert hidden(p) == {(0, "n"): SMALL, (1, "n"): SECONDARY, (2, "n"): SECONDARY}


def test_every_group_ends_with_no_single_hidden_cell_and_hidden_sums_of_at_least_k():
    table = pd.DataFrame({"department": ["A", "B", "B", "C", "C", "C"], "n": [2, 10, 20, 1, 9, 30]})
    p = disclosure.protect(table, ["n"], k=5, groups=["department"])
    h = p.hidden["n"] != ""
    for keys in [pd.Series(0, index=table.index), table["department"]]:
        for _, members in table["n"].groupby(keys):
            hid = h[members.index]
            if hid.any() and (~hid & (members > 0)).any():
                assert hid.sum() >= 2 and members[hid].sum() >= 5


def test_shares_and_medians_follow_their_counts():
    table = pd.DataFrame({"citizens": [3, 20, 30], "repeat": [0, 4, 9], "share": [0.0, 0.2, 0.3], "median": [5.0, 6.0, 7.0]})
    p = disclosure.protect(table, ["citizens", "repeat"], k=5,
                           depends={"share": ["citizens", "repeat"], "median": ["citizens"]})
    # citizens: 3 is small, 20 keeps it company; repeat: 4 is small, 9 keeps it
    # company (0 is no help), and the 0 beside them is hidden too (else each
    # hidden cell is known to be at least 1). A share follows both counts, a
    # median its citizens. Every hidden cell has the same label.
    assert p.hidden["citizens"].tolist() == [SMALL, SECONDARY, ""]
    assert p.hidden["repeat"].tolist() == [SECONDARY, SMALL, SECONDARY]
    assert p.hidden["share"].tolist() == [SMALL, SMALL, SECONDARY]
    assert p.hidden["median"].tolist() == [SMALL, SECONDARY, ""]
    assert p.label(SMALL) == p.label(SECONDARY) == "·"


@pytest.mark.parametrize("k, expected", [(None, 5), (2, 3), (7, 7)])
def test_k_is_five_by_default_and_never_below_three(k, expected):
    assert disclosure.threshold(k) == expected


def test_single_figures():
    assert disclosure.protect_value(3, 5) == SMALL
    assert disclosure.protect_value(0, 5) is None
    assert disclosure.protect_value(40, 5) is None
    # All units minus the rest: 40 shown for "all but one unit" while 42 is
    # the figure without the filter gives the one unit away: 2.
    assert disclosure.protect_value(40, 5, parent=42) == SECONDARY
    assert disclosure.protect_value(40, 5, parent=40) is None
    assert disclosure.protect_value(None, 5, basis=4) == SMALL  # a median over 4 citizens
    assert disclosure.protect_value(None, 5, basis=5) is None


def test_two_filter_choices_cannot_be_subtracted():
    # Complaints per unit, and all inquiries per unit: unit b has 12 complaints
    # of 14 inquiries, so 2 are not complaints: its complaints are hidden, and
    # so is one more cell, so the column total does not give it back.
    complaints = pd.DataFrame({"unit": ["a", "b", "c"], "n": [20, 12, 30]})
    everything = pd.DataFrame({"unit": ["a", "b", "c", "d"], "n": [40, 14, 30, 9]})
    p = disclosure.protect(complaints, ["n"], k=5, parent=everything, keys=["unit"])
    # b: 14 - 12 = 2 is small; c: 30 - 30 = 0 is fine; then b needs company: a (20).
    assert hidden(p) == {(1, "n"): SECONDARY, (0, "n"): SECONDARY}


# -- the attacks of issue 13, on the module ------------------------------------------

def test_a_share_whose_rest_is_small_is_hidden_with_its_numerator():
    # 44 citizens, 41 came again: the 3 who came once would be 44 - 41.
    table = pd.DataFrame({"citizens": [44, 60], "repeat": [41, 20], "share": [41 / 44, 20 / 60]})
    p = disclosure.protect(table, ["citizens", "repeat"], k=5, rests={"share": ("repeat", "citizens")})
    assert p.hidden["share"].tolist()[0] != "" and p.hidden["repeat"].tolist()[0] != ""
    assert disclosure.protect_value(None, 5, basis=44, part=3) == SMALL      # 7 % of 44 is 3
    assert disclosure.protect_value(None, 5, basis=13, part=1) == SMALL      # 8 % of 13 is 1
    assert disclosure.protect_value(None, 5, basis=44, part=41) == SMALL     # the rest is 3
    assert disclosure.protect_value(None, 5, basis=44, part=20) is None


def test_counts_that_bound_each_other_are_hidden_together():
    # Team Kontrol 3/3: "1. gang" is at most "alle henvendelser", so a shown
    # 3 in one column pins a hidden cell in the other.
    table = pd.DataFrame({"unit": ["A", "B", "Team Kontrol"], "first": [30, 20, 3], "all": [40, 25, 6]})
    p = disclosure.protect(table, ["first", "all"], k=5, together=[["first", "all"]])
    assert (p.hidden.loc[2, ["first", "all"]] != "").all()
    for column in ("first", "all"):
        hidden = p.hidden[column] != ""
        assert hidden.sum() >= 2 and table.loc[hidden, column].sum() >= 5


def test_zeros_beside_hidden_months_are_hidden_so_a_total_gives_nothing_back():
    # One channel, one year: seven months of 1 and five of 0; "I alt 7".
    months = pd.DataFrame({"2019": [1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0]})
    p = disclosure.protect(months, ["2019"], k=5)
    hidden = p.hidden["2019"] != ""
    assert hidden.all()  # with the zeros hidden, 7 over twelve cells is no longer "each is 1"
    assert set(p.hidden["2019"].map(p.label)) == {"·"}
