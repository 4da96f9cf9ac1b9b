"""What `/goals feed` says: what a goal follows now, how its last fetch went, or why not,
in the person's language."""

from __future__ import annotations

from bot.core.mrkdwn import escape
from bot.i18n.bidi import rtl
from bot.i18n.catalogue import N_, Translator
from bot.i18n.formats import number
from bot.services.feeds import BadAddress, FeedState

_USAGE = N_(
    "Give a goal and a CSV address, e.g. `/goals feed #3 https://example.com/reach.csv`; "
    "`/goals feed #3` shows what it follows, `/goals feed #3 off` stops it."
)


def feed_usage_text(tr: Translator) -> str:
    return rtl(tr._(_USAGE), tr.lang)


def feed_text(state: FeedState, tr: Translator, *, every_minutes: int, changed: bool) -> str:
    """ "`#3` Reach 60k now follows <url>: fetched every 60 minutes, new rows saved."."""
    number_shown, title = f"`#{state.goal_number}`", escape(state.title)
    if state.url is None:
        if changed:
            none = tr._("{goal} {title} follows no feed now.")
        else:
            none = tr._("{goal} {title} follows no feed.")
        return rtl(none.format(goal=number_shown, title=title), tr.lang)
    if changed:
        text = tr._(
            "{goal} {title} now follows {url}: fetched every {minutes} minutes; rows for days "
            "it has no value from a file or feed yet are saved as check-ins."
        )
    else:
        text = tr._(
            "{goal} {title} follows {url}: fetched every {minutes} minutes; rows for days it "
            "has no value from a file or feed yet are saved as check-ins."
        )
    text = text.format(
        goal=number_shown,
        title=title,
        url=escape(state.url),
        minutes=number(every_minutes, tr.lang),
    )
    if state.problem:
        # The problem was written when the feed was fetched, for whoever reads it later.
        text += "\n" + tr._("The last fetch stored nothing: {problem}.").format(
            problem=escape(state.problem)
        )
    return rtl(text, tr.lang)


def bad_address_text(bad: BadAddress, tr: Translator) -> str:
    text = tr._("I can't follow that address: {reason}. Nothing was changed.")
    return rtl(text.format(reason=escape(bad.reason.worded(tr._))), tr.lang)
