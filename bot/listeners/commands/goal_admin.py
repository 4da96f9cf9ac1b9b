"""`/goals list | show | edit | archive | export`: looking after goals once they exist."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.listeners.context import CommandContext
from bot.render.goals import (
    ambiguous_blocks,
    archive_confirm_blocks,
    edit_modal,
    export_words,
    list_blocks,
    not_found_text,
    show_blocks,
)
from bot.render.refusals import GOAL_GONE, refused_text
from bot.services.goal_admin import (
    Ambiguous,
    GoalRow,
    NotFound,
    get_goal,
    latest_checkins,
    list_goals,
    lookup,
    may_change,
)
from bot.slack.actor import Actor


def one_goal(ctx: CommandContext, verb: str, query: str | None = None) -> GoalRow | None:
    """The goal the command names (its words, or `query`), or None after telling the
    person why not."""
    found = lookup(ctx.services, team_id=ctx.team_id, query=ctx.args if query is None else query)
    if isinstance(found, NotFound):
        ctx.reply(not_found_text(found, ctx.actor.tr))
        return None
    if isinstance(found, Ambiguous):
        ctx.reply(*ambiguous_blocks(found.candidates, verb, ctx.actor.tr))
        return None
    return found.goal


def list_command(ctx: CommandContext) -> None:
    rows = list_goals(ctx.services, team_id=ctx.team_id)
    ctx.reply(*list_blocks(rows, ctx.actor.tr))


def show_command(ctx: CommandContext) -> None:
    row = one_goal(ctx, "show")
    goal = get_goal(ctx.services, team_id=ctx.team_id, goal_id=row.goal_id) if row else None
    if row is not None and goal is not None:
        latest = latest_checkins(ctx.services, team_id=ctx.team_id, goal_id=row.goal_id)
        ctx.reply(*show_blocks(row, goal, latest, ZoneInfo(ctx.actor.timezone), ctx.actor.tr))


def open_edit(actor: Actor, *, goal_id: int, trigger_id: str) -> str | None:
    """Open the edit modal; returns a refusal to show instead when the person may not edit."""
    services, team_id = actor.services, actor.team_id
    by = actor.requester()
    refused = may_change(services, by, goal_id=goal_id)
    if refused:
        return refused_text(refused, actor.tr)
    goal = get_goal(services, team_id=team_id, goal_id=goal_id)
    if goal is None:
        return GOAL_GONE
    actor.client.views_open(trigger_id=trigger_id, view=edit_modal(goal))
    return None


def edit_command(ctx: CommandContext) -> None:
    row = one_goal(ctx, "edit")
    if row is None:
        return
    refusal = open_edit(ctx.actor, goal_id=row.goal_id, trigger_id=ctx.trigger_id)
    if refusal:
        ctx.reply(refusal)


def archive_command(ctx: CommandContext) -> None:
    """Ask before archiving: the confirmation button does it (see the goal actions)."""
    row = one_goal(ctx, "archive")
    if row is None:
        return
    by = ctx.actor.requester()
    refused = may_change(ctx.services, by, goal_id=row.goal_id)
    if refused:
        ctx.reply(refused_text(refused, ctx.actor.tr))
    else:
        ctx.reply(*archive_confirm_blocks(row, ctx.actor.tr))


def export_command(ctx: CommandContext) -> None:
    """The workspace's goals and check-ins as CSV (as `checkin-bot export` writes), by DM."""
    # Imported here: its bulk-insert neighbour loads psycopg, which a SQLite bot never needs.
    from bot.services.export import export_csv

    export = export_csv(ctx.services, team_id=ctx.team_id)
    today = ctx.services.now().date()
    words = export_words(goals=export.goals, checkins=export.checkins, day=today)
    dm = ctx.client.conversations_open(users=ctx.user_id)["channel"]["id"]
    stamp = today.isoformat()
    ctx.client.files_upload_v2(
        channel=dm,
        content=export.text.encode("utf-8"),
        filename=f"goals-{stamp}.csv",
        title=words.title,
        initial_comment=words.comment,
    )
    ctx.reply(words.reply)
