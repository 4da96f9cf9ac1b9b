"""What a person is told when they may not do something (shown to them alone)."""

from __future__ import annotations

from bot.core.mrkdwn import escape
from bot.i18n.bidi import rtl
from bot.i18n.catalogue import N_, Translator
from bot.render.figures import ENGLISH
from bot.services.permissions import Refusal, Refused

GOAL_GONE = N_("That goal no longer exists.")
"""A button, form or command named a goal that was deleted meanwhile (English)."""


def gone_text(tr: Translator = ENGLISH) -> str:
    """`GOAL_GONE` in the person's language."""
    return rtl(tr._(GOAL_GONE), tr.lang)


def refused_text(refused: Refused, tr: Translator = ENGLISH) -> str:
    """Why the person may not do it, and who can.

    Example:
        >>> refused_text(Refused(Refusal.GOAL_GONE))
        'That goal no longer exists.'
    """
    match refused.why:
        case Refusal.NOT_ALLOWED:
            if refused.owner_id:
                text = tr._(
                    "Only <@{user}>, the goal's contributors or a workspace admin can check in "
                    "on or change “{title}”."
                )
            else:
                text = tr._(
                    "Only its creator, the goal's contributors or a workspace admin can check in "
                    "on or change “{title}”."
                )
            said = text.format(user=refused.owner_id, title=escape(refused.title))
        case Refusal.GOAL_GONE:
            said = tr._(GOAL_GONE)
        case Refusal.REMINDER_GOAL_GONE:
            said = tr._("This reminder's goal is gone.")
        case Refusal.GOAL_NOT_ACTIVE:
            said = tr._("That goal is no longer active, so there is nothing to check in on.")
    return rtl(said, tr.lang)
