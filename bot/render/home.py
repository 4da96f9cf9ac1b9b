"""Block Kit for the App Home; stays under the Home tab's 100 blocks for any team."""

from __future__ import annotations

from bot.core.mrkdwn import escape
from bot.render.common import (
    Block,
    actions,
    button,
    chunk_lines,
    context,
    divider,
    header,
    section,
)
from bot.render.goals import summary_with_key_results
from bot.render.interview import START_ACTION
from bot.services.goal_admin import GoalRow
from bot.services.home import HomeView


def home_blocks(view: HomeView) -> list[Block]:
    """The App Home: buttons, what is due, my goals (with Edit), the team's goals in pages."""
    pause = (
        button("Resume reminders", "home.resume_reminders")
        if view.reminders_paused
        else button("Pause reminders", "home.pause_reminders")
    )
    blocks: list[Block] = [
        header("Your goals at a glance"),
        actions(
            button("New goal", START_ACTION, "new", style="primary"),
            button("Check in", "home.checkin"),
            pause,
            button("Subscribe a channel to digests", "digest.subscribe"),
        ),
    ]
    if view.due:
        due = ", ".join(f"`#{r.number}` {escape(r.title)}" for r in view.due)
        blocks.append(section(f"*Due for a check-in* (nothing new for a week): {due}"))
    elif view.mine:
        blocks.append(section("Nothing due: you have checked in on all your goals this week. ✅"))

    blocks += [divider(), header(f"My goals ({view.mine_total})")]
    if not view.mine:
        blocks.append(section("You own no goals yet. Press *New goal* to set one."))
    blocks += [_goal_with_edit(row) for row in view.mine]
    if view.mine_total > len(view.mine):
        more = view.mine_total - len(view.mine)
        blocks.append(context(f"…and {more} more: `/goals list` shows them all."))

    blocks += [divider(), header(f"Team goals ({view.team_total})")]
    if not view.team:
        blocks.append(section("No goals of others yet."))
    else:
        blocks += [
            section(chunk)
            for chunk in chunk_lines([summary_with_key_results(r) for r in view.team])
        ]
    if view.pages > 1:
        paging = []
        if view.page > 0:
            paging.append(button("Previous", "home.page_prev", str(view.page - 1)))
        if view.page < view.pages - 1:
            paging.append(button("Next", "home.page_next", str(view.page + 1)))
        blocks.append(context(f"Page {view.page + 1} of {view.pages}"))
        blocks.append(actions(*paging))
    if view.digest_channels:
        channels = ", ".join(f"<#{c}>" for c in view.digest_channels[:20])
        blocks.append(context(f"Digests go to {channels}."))
    blocks.append(context("Type `/goals help` anywhere to see everything I can do."))
    return blocks


def _goal_with_edit(row: GoalRow) -> Block:
    block = section(summary_with_key_results(row))
    block["accessory"] = button("Edit", f"goal.edit_{row.goal_id}", str(row.goal_id))
    return block
