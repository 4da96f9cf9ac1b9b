"""Hostile text where people type: slash commands, DMs, mentions, reminder threads, edits.

Whatever is typed, the bot answers the person usefully (never the error handler's
apology), sends nothing that pings a channel or a user group, and an unreadable
check-in changes no data.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.listeners.commands.goals import SUBCOMMANDS
from tests.harness import BotHarness
from tests.scenarios.hostile import (
    MARKUP,
    STRANGE_CHARS,
    Watch,
    fuzz_settings,
    hostile_text,
    seed_world,
)

# Text with no digit and no word the check-in parser knows: it can never be a check-in.
unreadable = (
    st.lists(
        st.one_of(
            st.sampled_from([m for m in MARKUP if not any(c.isdigit() for c in m)]),
            st.text(alphabet=STRANGE_CHARS + "?!.,;:-()", min_size=1, max_size=6),
        ),
        min_size=1,
        max_size=6,
    )
    .map(" ".join)
    .filter(str.strip)
)


def test_slash_command_text_always_gets_a_safe_useful_answer(harness: BotHarness) -> None:
    seed_world(harness)
    names = st.sampled_from([*sorted(SUBCOMMANDS), "", "nonsense"])

    @fuzz_settings(120)
    @given(name=names, args=hostile_text)
    def run(name: str, args: str) -> None:
        watch = Watch(harness)
        answer = harness.driver.command("U1", "/goals", f"{name} {args}")
        assert answer.status == 200
        watch.check(answered="U1")

    run()


def test_unreadable_check_in_commands_change_nothing(harness: BotHarness) -> None:
    seed_world(harness)

    @fuzz_settings(40)
    @given(goal=st.sampled_from(["reach", "followers", "#1", ""]), junk=unreadable)
    def run(goal: str, junk: str) -> None:
        watch = Watch(harness)
        harness.driver.command("U1", "/goals", f"checkin {goal} {junk}")
        watch.check(answered="U1", rejected=True)

    run()


def test_direct_messages_and_mentions_always_get_a_safe_answer(harness: BotHarness) -> None:
    seed_world(harness)

    @fuzz_settings(80)
    @given(text=hostile_text.filter(str.strip), mention=st.booleans())
    def run(text: str, mention: bool) -> None:
        watch = Watch(harness)
        if mention:
            harness.driver.mention("U1", text, channel="C1")
        else:
            harness.driver.message("U1", text)
        watch.check(answered="U1")

    run()


def test_interview_answers_always_get_a_safe_answer(harness: BotHarness) -> None:
    harness.driver.message("U1", "new goal")

    @fuzz_settings(60)
    @given(text=hostile_text.filter(str.strip))
    def run(text: str) -> None:
        watch = Watch(harness)
        harness.driver.message("U1", text)
        watch.check(answered="U1")

    run()


def test_replies_in_a_reminder_thread_are_answered_safely(harness: BotHarness) -> None:
    world = seed_world(harness)
    reminder = world.reminder

    @fuzz_settings(80)
    @given(text=hostile_text.filter(str.strip), edit=hostile_text.filter(str.strip))
    def run(text: str, edit: str) -> None:
        watch = Watch(harness)
        reply = harness.driver.message("U1", text, channel=reminder.channel, thread_ts=reminder.ts)
        watch.check(answered="U1")
        watch = Watch(harness)
        assert harness.driver.edit(reply, edit).status == 200
        watch.check()
        watch = Watch(harness)
        assert harness.driver.delete(reply).status == 200
        watch.check()

    run()


def test_unreadable_replies_in_a_reminder_thread_change_nothing(harness: BotHarness) -> None:
    world = seed_world(harness)
    reminder = world.reminder

    @fuzz_settings(40)
    @given(text=unreadable)
    def run(text: str) -> None:
        watch = Watch(harness)
        harness.driver.message("U1", text, channel=reminder.channel, thread_ts=reminder.ts)
        watch.check(answered="U1", rejected=True)

    run()
