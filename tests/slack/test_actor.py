"""Which workspace a payload belongs to, also where `team` is null (Enterprise Grid)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.slack.actor import team_of


@pytest.mark.parametrize(
    ("body", "from_bolt", "team"),
    [
        ({"team": {"id": "T1"}}, "T1", "T1"),
        ({"team": None, "user": {"id": "U1", "team_id": "T2"}}, None, "T2"),
        ({"team_id": "T0", "authorizations": [{"team_id": "T3"}]}, None, "T3"),
        ({"team_id": "T4"}, None, "T4"),
        ({"authorizations": []}, None, ""),
    ],
    ids=["bolt", "user.team_id", "authorizations", "team_id", "nothing"],
)
def test_team_of(body: dict[str, Any], from_bolt: str | None, team: str) -> None:
    assert team_of(body, from_bolt) == team
