"""A channel's digest subscription: the modal that starts one, and the answers about it."""

from __future__ import annotations

from typing import Any

from bot.core.parse_error import ParseError
from bot.render.common import CHANNEL_FILTER, input_block, modal
from bot.services.digests import SubscriptionView

SUBSCRIBE_CALLBACK = "digest.subscribe"
START_HINT = "`/goals digest here weekly mon 09:00` starts one."
PICK_CHANNEL = "Pick the channel for the digest."
SAY_WHEN = "Say when, e.g. weekly mon 09:00."


def subscribe_modal() -> dict[str, Any]:
    """Pick a channel and a schedule (the same words as `/goals digest`)."""
    when = {"type": "plain_text_input", "action_id": "value", "initial_value": "weekly mon 09:00"}
    return modal(
        SUBSCRIBE_CALLBACK,
        "Digest for a channel",
        "Subscribe",
        [
            input_block(
                "channel",
                "Channel",
                {"type": "conversations_select", "action_id": "value", "filter": CHANNEL_FILTER},
            ),
            input_block(
                "schedule",
                "When, and for which goals",
                when,
                hint="e.g. weekly mon 09:00 · monthly 1st 9am · weekly platform instagram",
            ),
        ],
    )


def describe_subscription(view: SubscriptionView) -> str:
    """E.g. "<#C1> gets the digest every Monday at 09:00 (Europe/Bucharest), all goals."""
    if not view.active:
        return f"<#{view.channel_id}> gets no digest. {START_HINT}"
    text = f"<#{view.channel_id}> gets the digest {view.schedule}, {view.filters}."
    if view.next_run_at is not None:
        epoch = int(view.next_run_at.timestamp())
        fallback = view.next_run_at.strftime("%Y-%m-%d %H:%M UTC")
        text += f" Next one: <!date^{epoch}^{{date_short_pretty}} at {{time}}|{fallback}>."
    return text


def subscribed_text(view: SubscriptionView) -> str:
    return "Subscribed. " + describe_subscription(view)


def no_subscription_text(channel_id: str) -> str:
    """`/goals digest` in a channel that has none."""
    return f"<#{channel_id}> gets no digest yet. {START_HINT}"


def unsubscribed_text(channel_id: str, *, stopped: bool) -> str:
    """`/goals digest off`: stopped, or there was nothing to stop."""
    if stopped:
        return f"Done: <#{channel_id}> gets no more digests."
    return f"<#{channel_id}> had no digest; nothing changed."


def request_problem(problem: ParseError) -> str:
    """`/goals digest` words that could not be read, and what works."""
    return f"{problem.message} For example: `/goals digest {problem.example}`."


def digest_stopped_text(channel_id: str, error: str) -> str:
    """Told to whoever subscribed a channel when Slack refused its digest for good."""
    return (
        f"I stopped the digest for <#{channel_id}>: Slack said `{error}`. "
        "Invite me to the channel and type `/goals digest here weekly` there "
        "to start it again."
    )
