"""A channel's digest subscription: the modal that starts one, and the answers about it,
in the language of whoever asked (English when no translator is given)."""

from __future__ import annotations

from typing import Any

from bot.core.parse_error import ParseError
from bot.i18n.bidi import rtl
from bot.i18n.catalogue import N_, Translator, translator
from bot.render.common import CHANNEL_FILTER, input_block, modal, plain
from bot.render.digest import as_source, filters_text
from bot.services.digests import SubscriptionView

SUBSCRIBE_CALLBACK = "digest.subscribe"
START_HINT = N_("`/goals digest here weekly mon 09:00` starts one.")
PICK_CHANNEL = N_("Pick the channel for the digest.")
SAY_WHEN = N_("Say when, e.g. weekly mon 09:00.")
ENGLISH = translator("en")


def subscribe_modal(tr: Translator = ENGLISH) -> dict[str, Any]:
    """Pick a channel and a schedule (the same words as `/goals digest`)."""
    when = {"type": "plain_text_input", "action_id": "value", "initial_value": "weekly mon 09:00"}
    view = modal(
        SUBSCRIBE_CALLBACK,
        tr._("Digest for a channel"),
        tr._("Subscribe"),
        [
            input_block(
                "channel",
                tr._("Channel"),
                {"type": "conversations_select", "action_id": "value", "filter": CHANNEL_FILTER},
            ),
            input_block(
                "schedule",
                tr._("When, and for which goals"),
                when,
                hint=tr._("e.g. weekly mon 09:00 · monthly 1st 9am · weekly platform instagram"),
            ),
        ],
    )
    view["close"] = plain(tr._("Cancel"))  # modal() writes its Cancel in English
    return view


def describe_subscription(view: SubscriptionView, tr: Translator = ENGLISH) -> str:
    """E.g. "<#C1> gets the digest every Monday at 09:00 (Europe/Bucharest), all goals."""
    if not view.active:
        text = tr._("<#{channel}> gets no digest.").format(channel=view.channel_id)
        return rtl(f"{text} {tr._(START_HINT)}", tr.lang)
    text = tr._("<#{channel}> gets the digest {schedule}, {goals}.").format(
        channel=view.channel_id, schedule=view.schedule, goals=filters_text(view.filters, tr)
    )
    if view.next_run_at is not None:
        epoch = int(view.next_run_at.timestamp())
        fallback = view.next_run_at.strftime("%Y-%m-%d %H:%M UTC")
        # Slack writes the date and time in the reader's own locale; only "at" is ours.
        shape = "{date_short_pretty} at {time}" if as_source(tr) else "{date_short_pretty} {time}"
        when = f"<!date^{epoch}^{shape}|{fallback}>"
        text += " " + tr._("Next one: {when}.").format(when=when)
    return rtl(text, tr.lang)


def subscribed_text(view: SubscriptionView, tr: Translator = ENGLISH) -> str:
    return rtl(tr._("Subscribed.") + " " + describe_subscription(view, tr), tr.lang)


def no_subscription_text(channel_id: str, tr: Translator = ENGLISH) -> str:
    """`/goals digest` in a channel that has none."""
    text = tr._("<#{channel}> gets no digest yet.").format(channel=channel_id)
    return rtl(f"{text} {tr._(START_HINT)}", tr.lang)


def unsubscribed_text(channel_id: str, *, stopped: bool, tr: Translator = ENGLISH) -> str:
    """`/goals digest off`: stopped, or there was nothing to stop."""
    if stopped:
        text = tr._("Done: <#{channel}> gets no more digests.")
    else:
        text = tr._("<#{channel}> had no digest; nothing changed.")
    return rtl(text.format(channel=channel_id), tr.lang)


def request_problem(problem: ParseError, tr: Translator = ENGLISH) -> str:
    """`/goals digest` words that could not be read, and what works (the reason itself is
    written by the parser, in English for now)."""
    example = tr._("For example: {example}").format(example=f"`/goals digest {problem.example}`")
    return rtl(f"{problem.message} {example}.", tr.lang)


def digest_stopped_text(channel_id: str, error: str, tr: Translator = ENGLISH) -> str:
    """Told to whoever subscribed a channel when Slack refused its digest for good."""
    text = tr._(
        "I stopped the digest for <#{channel}>: Slack said `{error}`. "
        "Invite me to the channel and type `/goals digest here weekly` there "
        "to start it again."
    )
    return rtl(text.format(channel=channel_id, error=error), tr.lang)
