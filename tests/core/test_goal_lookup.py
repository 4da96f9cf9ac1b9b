"""Finding the goal a person names in a command: by number, title, metric or platform."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.goal_lookup import GoalRef, Lookup, describe_choices, find_goals
from bot.core.values import GoalKind

GOALS = (
    GoalRef(1, "Reach 60k on Instagram", "reach", "reach", "instagram"),
    GoalRef(2, "Reach 20k on TikTok", "reach", "reach", "tiktok"),
    GoalRef(3, "More sign-ups", "sign_ups", "sign-ups"),
    GoalRef(4, "Engagement rate 4%", "engagement_rate", "engagement rate", "instagram"),
    GoalRef(5, "Be the brand people love", kind=GoalKind.OBJECTIVE),
    GoalRef(12, "Instagram followers", "followers", "followers", "instagram"),
)

# (typed, ids found)
CASES = [
    ("#3", (3,)),
    ("3", (3,)),
    ("# 12", (12,)),
    ("#۳", (3,)),  # Persian digit
    ("#99", ()),
    ("More sign-ups", (3,)),
    ("more SIGN UPS", (3,)),
    ("be the brand people love", (5,)),
    ("brand", (5,)),
    ("instagram reach", (1,)),
    ("reach", (1, 2)),  # two goals measure reach: asked back
    ("ریچ", (1, 2)),  # reach in Persian
    ("tiktok", (2,)),
    ("instagram", (1, 12)),  # titles first: goal 4 is on Instagram but not named so
    ("instagram engagement", (4,)),
    ("engagement", (4,)),
    ("etkileşim oranı", (4,)),  # engagement rate in Turkish
    ("sign-ups", (3,)),
    ("urmăritori", (12,)),  # followers in Romanian
    ("pizza", ()),
    ("", ()),
    ("   ", ()),
]


@pytest.mark.parametrize(("typed", "ids"), CASES)
def test_a_goal_is_found_by_what_people_call_it(typed: str, ids: tuple[int, ...]) -> None:
    found = find_goals(typed, GOALS)

    assert tuple(g.id for g in found.matches) == ids
    assert found.ambiguous == (len(ids) > 1)
    assert found.missing == (not ids)
    assert (found.one is not None) == (len(ids) == 1)


def test_ambiguous_goals_are_listed_with_their_numbers() -> None:
    found = find_goals("reach", GOALS)

    assert describe_choices(found) == "#1 Reach 60k on Instagram, #2 Reach 20k on TikTok"


def test_a_number_wins_over_a_title_with_that_number_in_it() -> None:
    goals = (GoalRef(4, "Grow 3 channels"), GoalRef(3, "Other"))

    assert find_goals("3", goals).one == GoalRef(3, "Other")


@given(st.text(max_size=60))
def test_any_text_gives_a_lookup(typed: str) -> None:
    assert isinstance(find_goals(typed, GOALS), Lookup)
