"""What the bot can do: one table that `/goals help`, the console and the README share."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.mrkdwn import escape
from bot.render.common import Block, header, section

DID_NOT_CATCH = "I didn't catch that. Type `/goals help` to see what I can do."
"""A message spoken to the bot that no listener took."""


@dataclass(frozen=True)
class HelpEntry:
    """One thing a person can type, and what it does."""

    usage: str
    does: str


@dataclass(frozen=True)
class HelpSection:
    title: str
    entries: tuple[HelpEntry, ...]


@dataclass(frozen=True)
class HelpView:
    intro: str
    sections: tuple[HelpSection, ...]


HELP = HelpView(
    intro=(
        "I help your team set SMART goals and OKRs, check in on them, and always know "
        "where you stand."
    ),
    sections=(
        HelpSection(
            "Getting started",
            (HelpEntry("/goals help", "show this list"),),
        ),
        HelpSection(
            "Setting a goal",
            (
                HelpEntry("/goals new", "set a SMART goal with me, step by step, in a DM"),
                HelpEntry("/goals new okr", "set an objective with up to five key results"),
                HelpEntry("/goals new team", "set a team goal in a thread of this channel"),
                HelpEntry("/goals new form", "set a SMART goal by filling in one form"),
                HelpEntry("new goal", "(in a DM with me) the same as /goals new"),
                HelpEntry(
                    "new goal: grow our Instagram followers from 400 to 480 by 31 Dec",
                    "(in a DM) say it all at once; I ask only what is missing",
                ),
                HelpEntry(
                    "new okr: objective: …; KR1 …; KR2 …",
                    "(in a DM) an objective and its key results in one message",
                ),
                HelpEntry(
                    "back · skip · cancel · help",
                    "at any question; at the review, “change target to 50k” fixes one field",
                ),
            ),
        ),
        HelpSection(
            "Questions",
            (
                HelpEntry("/goals ask how are we doing on reach?", "a goal's status, in one card"),
                HelpEntry("/goals ask which goals are at risk?", "goals by status or platform"),
                HelpEntry("/goals ask who owns the followers goal?", "who owns what"),
                HelpEntry("/goals ask how did reach change this month?", "change over a span"),
                HelpEntry("/goals ask what's due before Christmas?", "goals due by a date"),
                HelpEntry("/goals ask what's the score of our Q4 objective?", "OKR scores"),
                HelpEntry("@checkin-bot <question>", "ask in a channel, or just DM me"),
            ),
        ),
        HelpSection(
            "Goals",
            (
                HelpEntry("/goals list", "every goal, numbered, with its status"),
                HelpEntry("/goals show #3", "one goal: figures, this week's change, pace"),
                HelpEntry("/goals chart #3", "a chart of check-ins against the plan"),
                HelpEntry("/goals edit #3", "change title, target, deadline, owner, channel"),
                HelpEntry("/goals archive #3", "archive a goal (asks first)"),
                HelpEntry("/goals export", "all goals and check-ins as a CSV file, sent to you"),
                HelpEntry("/goals feed #3 https://…/reach.csv", "a goal follows a CSV address"),
            ),
        ),
        HelpSection(
            "Digests",
            (
                HelpEntry(
                    "/goals digest here weekly mon 09:00", "this channel gets a weekly digest"
                ),
                HelpEntry("/goals digest here monthly 1st 9am", "a monthly digest instead"),
                HelpEntry(
                    "/goals digest weekly platform instagram owner @ana",
                    "only some goals (also: category awareness, a time zone)",
                ),
                HelpEntry("/goals digest", "what this channel gets"),
                HelpEntry("/goals digest off", "stop this channel's digest"),
            ),
        ),
        HelpSection(
            "Check-ins and reminders",
            (
                HelpEntry(
                    "41.2k, the reel did well",
                    "reply in a reminder's thread to check in (the rest is a note)",
                ),
                HelpEntry("skip · snooze 2d", "reply in the thread: not this time, or later"),
                HelpEntry("/goals checkin GOAL VALUE [note]", "check in on a goal"),
                HelpEntry("(drop a CSV export)", "in my DM or a reminder's thread: saved on Save"),
                HelpEntry("/goals undo", "take back your last check-in of the past day"),
                HelpEntry("/goals away until Jan 5", "no reminders until that day"),
                HelpEntry("/goals back", "reminders on again"),
                HelpEntry("/goals workweek sun-thu", "your working days (`workspace` first: all)"),
                HelpEntry("/goals holidays IR", "a country's public holidays are days off"),
                HelpEntry("/goals dayoff skip", "skip reminders due on a day off (or move)"),
                HelpEntry("/goals workdays #3 on", "the goal's plan counts working days only"),
                HelpEntry("/goals remind #3 mon 10:00 and thu 16:00", "several reminder times"),
                HelpEntry("/goals quiet 08:00-20:00", "when I may message you"),
                HelpEntry("/goals manager @name", "who hears when your check-ins stop"),
            ),
        ),
        HelpSection(
            "API",
            (
                HelpEntry("/goals token new [label]", "a token for the REST API, sent by DM"),
                HelpEntry("/goals token", "the workspace's API tokens"),
                HelpEntry("/goals token revoke ID", "turn a token off"),
            ),
        ),
    ),
)


def help_view() -> HelpView:
    """The help shown by `/goals help`."""
    return HELP


def help_blocks(view: HelpView) -> list[Block]:
    blocks: list[Block] = [header("checkin-bot"), section(view.intro)]
    for part in view.sections:
        lines = "\n".join(f"• `{e.usage}` – {e.does}" for e in part.entries)
        blocks.append(section(f"*{part.title}*\n{lines}"))
    return blocks


def help_text(view: HelpView) -> str:
    """The notification text Slack shows beside the blocks."""
    return view.intro


def unknown_command_text(command: str, name: str) -> str:
    """A subcommand the bot does not have: as typed (shortened, quoted safely), and the way out."""
    shown = escape(name[:40].replace("`", "'"))
    return f"I don't know `{command} {shown}`. Type `{command} help` to see what I can do."
