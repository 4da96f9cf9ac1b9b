"""What `/goals feed` says: what a goal follows now, how its last fetch went, or why not."""

from __future__ import annotations

from bot.core.mrkdwn import escape
from bot.services.feeds import BadAddress, FeedState

FEED_USAGE = (
    "Give a goal and a CSV address, e.g. `/goals feed #3 https://example.com/reach.csv`; "
    "`/goals feed #3` shows what it follows, `/goals feed #3 off` stops it."
)


def feed_text(state: FeedState, *, every_minutes: int, changed: bool) -> str:
    """ "`#3` Reach 60k now follows <url>: fetched every 60 minutes, new rows saved."."""
    goal = f"`#{state.goal_number}` {escape(state.title)}"
    if state.url is None:
        return f"{goal} follows no feed now." if changed else f"{goal} follows no feed."
    verb = "now follows" if changed else "follows"
    text = (
        f"{goal} {verb} {escape(state.url)}: fetched every {every_minutes} minutes; "
        "rows for days it has no value from a file or feed yet are saved as check-ins."
    )
    if state.problem:
        text += f"\nThe last fetch stored nothing: {escape(state.problem)}."
    return text


def bad_address_text(bad: BadAddress) -> str:
    return f"I can't follow that address: {escape(bad.reason)}. Nothing was changed."
