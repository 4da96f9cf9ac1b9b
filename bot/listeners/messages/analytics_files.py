"""An analytics export dropped into the bot's DM or a reminder's thread: read it and show
what would be saved, with Save and Cancel (`bot.listeners.actions.analytics_files`)."""

from __future__ import annotations

from bot.core.analytics_files import AnalyticsFile, read_analytics_file
from bot.listeners.context import MessageContext
from bot.render.analytics_files import preview_blocks, problems_text, trouble_text
from bot.services.analytics_checkins import plan_file
from bot.services.checkin_goals import reminder_thread
from bot.slack.files import FileTrouble, fetch_shared_file, is_table_file


def analytics_file(ctx: MessageContext) -> bool:
    """A CSV file in the DM or a reminder's thread; in the DM any file gets an answer."""
    if not ctx.files or ctx.is_mention:
        return False
    thread = reminder_thread(
        ctx.services, team_id=ctx.team_id, channel_id=ctx.channel_id, thread_ts=ctx.thread_ts
    )
    tables = [f for f in ctx.files if is_table_file(f)]
    if not ctx.is_direct and (thread is None or not tables):
        return False  # a picture in a thread, or a file in some other thread: not ours
    tr = ctx.actor.tr
    if not tables:
        ctx.say(trouble_text(FileTrouble.NOT_CSV, tr))
        return True
    file_id = str(tables[0].get("id") or "")
    shared = fetch_shared_file(ctx.client, file_id)
    if isinstance(shared, FileTrouble):
        ctx.say(trouble_text(shared, tr))
        return True
    found = read_analytics_file(shared.content, shared.name)
    if not isinstance(found, AnalyticsFile):
        ctx.say(problems_text(found, tr))
        return True
    plan = plan_file(ctx.services, ctx.actor.requester(), found, thread)
    ctx.say(*preview_blocks(plan, file_id, ctx.thread_ts, tr))
    return True
