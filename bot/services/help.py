"""What the bot can do, as one table that `/goals help`, the console and the README share."""

from __future__ import annotations

from dataclasses import dataclass


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
            "Check-ins and reminders",
            (
                HelpEntry(
                    "41.2k, the reel did well",
                    "reply in a reminder's thread to check in (the rest is a note)",
                ),
                HelpEntry("skip · snooze 2d", "reply in the thread: not this time, or later"),
                HelpEntry("/goals checkin GOAL VALUE [note]", "check in on a goal"),
                HelpEntry("/goals away until Jan 5", "no reminders until that day"),
                HelpEntry("/goals back", "reminders on again"),
            ),
        ),
    ),
)


def help_view() -> HelpView:
    """The help shown by `/goals help`."""
    return HELP
