"""Finding the goal a person names in a command: by number, metric, platform or title.

Row ids here are 100 + the goal's number, so a test that passes finds goals by the
number people see, never by the internal id."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.goal_lookup import GoalRef, Lookup, describe_choices, find_goals
from bot.core.values import GoalKind, GoalState


def _goal(number: int, title: str, *args: str, **kwargs: object) -> GoalRef:
    return GoalRef(100 + number, title, *args, number=number, **kwargs)  # type: ignore[arg-type]


GOALS = (
    _goal(1, "Reach 60k on Instagram", "reach", "reach", "instagram"),
    _goal(2, "Reach 20k on TikTok", "reach", "reach", "tiktok"),
    _goal(3, "More sign-ups", "sign_ups", "sign-ups"),
    _goal(4, "Engagement rate 4%", "engagement_rate", "engagement rate", "instagram"),
    _goal(5, "Be the brand people love", kind=GoalKind.OBJECTIVE),
    _goal(12, "Instagram followers", "followers", "followers", "instagram"),
)

# (typed, numbers found)
CASES = [
    ("#3", (3,)),
    ("3", (3,)),
    ("# 12", (12,)),
    ("#۳", (3,)),  # Persian digit
    ("#99", ()),
    ("#103", ()),  # the internal id of #3 is no number anyone sees
    ("More sign-ups", (3,)),
    ("more SIGN UPS", (3,)),
    ("be the brand people love", (5,)),
    ("brand", (5,)),
    ("instagram reach", (1,)),
    ("reach", (1, 2)),  # two goals measure reach: asked back
    ("ریچ", (1, 2)),  # reach in Persian
    ("tiktok", (2,)),
    ("instagram", (1, 4, 12)),  # the platform outranks titles: all three are on Instagram
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

    assert tuple(g.number for g in found.matches) == ids
    assert found.ambiguous == (len(ids) > 1)
    assert found.missing == (not ids)
    assert (found.one is not None) == (len(ids) == 1)


def test_ambiguous_goals_are_listed_with_their_numbers() -> None:
    found = find_goals("reach", GOALS)

    assert describe_choices(found) == "#1 Reach 60k on Instagram, #2 Reach 20k on TikTok"


def test_a_number_wins_over_a_title_with_that_number_in_it() -> None:
    goals = (_goal(4, "Grow 3 channels"), _goal(3, "Other"))

    assert find_goals("3", goals).one == _goal(3, "Other")


def test_a_number_that_is_no_goal_never_falls_back_to_title_text() -> None:
    goals = (_goal(1, "Grow 16 channels"), _goal(2, "Launch #16"))

    assert find_goals("#16", goals).missing


def test_the_metric_outranks_a_title_that_merely_contains_the_word() -> None:
    goals = (
        _goal(1, "Reach the new audience", "followers", "followers", "instagram"),
        _goal(2, "Instagram 60k", "reach", "reach", "instagram"),
    )

    assert find_goals("reach", goals).one == goals[1]


def test_an_achieved_goal_is_found_when_nothing_running_matches() -> None:
    done = _goal(6, "Sign-ups 400", "sign_ups", "sign-ups", state=GoalState.ACHIEVED)
    running = _goal(7, "Reach 60k", "reach", "reach")

    assert find_goals("#6", (done, running)).one == done
    assert find_goals("sign-ups", (done, running)).one == done
    assert find_goals("reach", (done, running)).one == running


def test_a_running_goal_beats_an_achieved_one_of_the_same_metric() -> None:
    done = _goal(1, "Reach 30k", "reach", "reach", state=GoalState.ACHIEVED)
    running = _goal(2, "Reach 60k", "reach", "reach")

    assert find_goals("reach", (done, running)).one == running


@given(st.text(max_size=60))
def test_any_text_gives_a_lookup(typed: str) -> None:
    assert isinstance(find_goals(typed, GOALS), Lookup)
