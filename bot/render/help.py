"""What the bot can do: one table that `/goals help`, the console and the README share."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.mrkdwn import escape
from bot.i18n.bidi import rtl
from bot.i18n.catalogue import N_, Translator
from bot.render.common import Block, header, section

DID_NOT_CATCH = N_("I didn't catch that. Type `/goals help` to see what I can do.")
"""A message spoken to the bot that no listener took (translate it when saying it)."""


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
    intro=N_(
        "I help your team set SMART goals and OKRs, check in on them, and always know "
        "where you stand."
    ),
    sections=(
        HelpSection(
            N_("Getting started"),
            (
                HelpEntry("/goals help", N_("show this list")),
                HelpEntry("/goals language fa", N_("I answer you in Persian (or ro, tr, vi, en)")),
            ),
        ),
        HelpSection(
            N_("Setting a goal"),
            (
                HelpEntry("/goals new", N_("set a SMART goal with me, step by step, in a DM")),
                HelpEntry("/goals new okr", N_("set an objective with up to five key results")),
                HelpEntry("/goals new team", N_("set a team goal in a thread of this channel")),
                HelpEntry("/goals new form", N_("set a SMART goal by filling in one form")),
                HelpEntry("new goal", N_("(in a DM with me) the same as /goals new")),
                HelpEntry(
                    "new goal: grow our Instagram followers from 400 to 480 by 31 Dec",
                    N_("(in a DM) say it all at once; I ask only what is missing"),
                ),
                HelpEntry(
                    "new okr: objective: …; KR1 …; KR2 …",
                    N_("(in a DM) an objective and its key results in one message"),
                ),
                HelpEntry(
                    "back · skip · cancel · help",
                    N_("at any question; at the review, “change target to 50k” fixes one field"),
                ),
            ),
        ),
        HelpSection(
            N_("Questions"),
            (
                HelpEntry(
                    "/goals ask how are we doing on reach?", N_("a goal's status, in one card")
                ),
                HelpEntry("/goals ask which goals are at risk?", N_("goals by status or platform")),
                HelpEntry("/goals ask who owns the followers goal?", N_("who owns what")),
                HelpEntry("/goals ask how did reach change this month?", N_("change over a span")),
                HelpEntry("/goals ask what's due before Christmas?", N_("goals due by a date")),
                HelpEntry("/goals ask what's the score of our Q4 objective?", N_("OKR scores")),
                HelpEntry("@checkin-bot <question>", N_("ask in a channel, or just DM me")),
            ),
        ),
        HelpSection(
            N_("Goals"),
            (
                HelpEntry("/goals list", N_("every goal, numbered, with its status")),
                HelpEntry("/goals show #3", N_("one goal: figures, this week's change, pace")),
                HelpEntry("/goals chart #3", N_("a chart of check-ins against the plan")),
                HelpEntry("/goals edit #3", N_("change title, target, deadline, owner, channel")),
                HelpEntry("/goals archive #3", N_("archive a goal (asks first)")),
                HelpEntry(
                    "/goals export", N_("all goals and check-ins as a CSV file, sent to you")
                ),
                HelpEntry("/goals feed #3 https://…/reach.csv", N_("a goal follows a CSV address")),
            ),
        ),
        HelpSection(
            N_("Digests"),
            (
                HelpEntry(
                    "/goals digest here weekly mon 09:00", N_("this channel gets a weekly digest")
                ),
                HelpEntry("/goals digest here monthly 1st 9am", N_("a monthly digest instead")),
                HelpEntry(
                    "/goals digest weekly platform instagram owner @ana",
                    N_("only some goals (also: category awareness, a time zone)"),
                ),
                HelpEntry("/goals digest", N_("what this channel gets")),
                HelpEntry("/goals digest here language tr", N_("this channel's digest in Turkish")),
                HelpEntry("/goals digest off", N_("stop this channel's digest")),
            ),
        ),
        HelpSection(
            N_("Check-ins and reminders"),
            (
                HelpEntry(
                    "41.2k, the reel did well",
                    N_("reply in a reminder's thread to check in (the rest is a note)"),
                ),
                HelpEntry("skip · snooze 2d", N_("reply in the thread: not this time, or later")),
                HelpEntry("/goals checkin GOAL VALUE [note]", N_("check in on a goal")),
                HelpEntry(
                    "reach.csv", N_("drop an analytics export in my DM or a reminder's thread")
                ),
                HelpEntry("/goals undo", N_("take back your last check-in of the past day")),
                HelpEntry("/goals away until Jan 5", N_("no reminders until that day")),
                HelpEntry("/goals back", N_("reminders on again")),
                HelpEntry(
                    "/goals workweek sun-thu", N_("your working days (`workspace` first: all)")
                ),
                HelpEntry("/goals holidays IR", N_("a country's public holidays are days off")),
                HelpEntry("/goals dayoff skip", N_("skip reminders due on a day off (or move)")),
                HelpEntry("/goals workdays #3 on", N_("the goal's plan counts working days only")),
                HelpEntry("/goals remind #3 mon 10:00 and thu 16:00", N_("several reminder times")),
                HelpEntry("/goals quiet 08:00-20:00", N_("when I may message you")),
                HelpEntry("/goals manager @name", N_("who hears when your check-ins stop")),
            ),
        ),
        HelpSection(
            N_("API"),
            (
                HelpEntry("/goals token new [label]", N_("a token for the REST API, sent by DM")),
                HelpEntry("/goals token", N_("the workspace's API tokens")),
                HelpEntry("/goals token revoke ID", N_("turn a token off")),
            ),
        ),
    ),
)


def help_view() -> HelpView:
    """The help shown by `/goals help`."""
    return HELP


def help_blocks(view: HelpView, tr: Translator) -> list[Block]:
    """The help in `tr`'s language; what a person types stays as typed, in code."""
    blocks: list[Block] = [header("checkin-bot"), section(rtl(tr._(view.intro), tr.lang))]
    for part in view.sections:
        lines = "\n".join(f"• `{e.usage}` – {tr._(e.does)}" for e in part.entries)
        blocks.append(section(rtl(f"*{tr._(part.title)}*\n{lines}", tr.lang)))
    return blocks


def help_text(view: HelpView, tr: Translator) -> str:
    """The notification text Slack shows beside the blocks."""
    return rtl(tr._(view.intro), tr.lang)


def unknown_command_text(command: str, name: str, tr: Translator) -> str:
    """A subcommand the bot does not have: as typed (shortened, quoted safely), and the way out."""
    shown = escape(name[:40].replace("`", "'"))
    text = tr._("I don't know `{typed}`. Type `{command} help` to see what I can do.")
    return rtl(text.format(typed=f"{command} {shown}", command=command), tr.lang)
