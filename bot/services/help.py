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
            "Setting a goal",
            (
                HelpEntry("/goals new", "set a SMART goal with me, step by step, in a DM"),
                HelpEntry("/goals new okr", "set an objective with up to five key results"),
                HelpEntry("/goals new team", "set a team goal in a thread of this channel"),
                HelpEntry("/goals new form", "set a SMART goal by filling in one form"),
                HelpEntry("new goal", "(in a DM with me) the same as /goals new"),
                HelpEntry(
                    "back · skip · cancel · help",
                    "at any question; at the review, “change target to 50k” fixes one field",
                ),
            ),
        ),
    ),
)


def help_view() -> HelpView:
    """The help shown by `/goals help`."""
    return HELP
