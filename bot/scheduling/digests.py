"""The digest as a scheduled delivery: due subscriptions, posted with chart and thread.

`DigestSource` plugs into the shared `DeliveryRunner` (claims, lateness, permanent
errors); `post_digest` is also what `checkin-bot digest --post` uses, so the
preview and the scheduled post are the same message.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from bot.charts import chart_panels, chart_words, draw_chart
from bot.core.cadence.occurrences import next_occurrence
from bot.i18n.catalogue import translator
from bot.render.digest import DigestMessage, digest_message
from bot.render.digest_subscriptions import digest_stopped_text
from bot.scheduling.deliveries import Due, Sent, post_scheduled
from bot.scheduling.pacing import ChannelPacer
from bot.services import Services
from bot.services.digests import DigestView, adopt_goal_channels, build_digest
from bot.slack.people import user_language
from storage.cadences import cadence_of
from storage.digests import due_subscriptions, get_subscription_by_id
from storage.models import DeliveryKind

log = logging.getLogger("checkin_bot.digests")

CHART_FILENAME = "digest-chart.png"


def post_digest(
    client: WebClient, view: DigestView, channel: str, *, pacer: ChannelPacer, late: bool = False
) -> Sent:
    """Post the digest to `channel`: the message, its chart and its details in the thread."""
    message = digest_message(view, late=late)
    pacer.wait(channel)
    posted = client.chat_postMessage(channel=channel, text=message.text, blocks=message.blocks)
    sent = Sent(str(posted["channel"]), str(posted["ts"]))
    _post_thread(client, view, message, sent, pacer)
    return sent


def _post_thread(
    client: WebClient, view: DigestView, message: DigestMessage, sent: Sent, pacer: ChannelPacer
) -> None:
    """The digest's chart and details, in the thread of its message."""
    if view.goals:
        tr = translator(message.lang)
        panels = chart_panels(view.goals, view.digest.now, tr)
        png = draw_chart(panels, title=message.chart_title, words=chart_words(tr))
        pacer.wait(sent.channel_id)
        client.files_upload_v2(
            channel=sent.channel_id,
            thread_ts=sent.ts,
            content=png,
            filename=CHART_FILENAME,
            title=message.chart_title,
            alt_txt=message.chart_alt_text,
        )
    for reply in message.replies:
        pacer.wait(sent.channel_id)
        client.chat_postMessage(
            channel=sent.channel_id, thread_ts=sent.ts, text=message.details_text, blocks=reply
        )


class DigestSource:
    """Subscribed channels whose digest has fallen due (kind DIGEST, row the subscription)."""

    kind = DeliveryKind.DIGEST

    def __init__(self, services: Services, pacer: ChannelPacer | None = None) -> None:
        self.services = services
        self.pacer = pacer or ChannelPacer()

    def due(self, session: Session, now: datetime, limit: int) -> Sequence[Due]:
        adopt_goal_channels(
            session, now=now, timezone=self.services.settings.DEFAULT_TIMEZONE, limit=limit
        )
        rows = due_subscriptions(session=session, now=now, limit=limit)
        return [
            Due(row.team_id, self.kind, row.id or 0, row.next_run_at)
            for row in rows
            if row.next_run_at is not None
        ]

    def send(self, due: Due, *, late: bool, client: WebClient, now: datetime) -> Sent | None:
        with self.services.session() as session:
            row = get_subscription_by_id(
                session=session, team_id=due.team_id, subscription_id=due.row_id
            )
            if row is None or not row.active:
                return None
            channel = row.channel_id
        view = build_digest(self.services, team_id=due.team_id, channel_id=channel, now=now)
        message = digest_message(view, late=late)
        self.pacer.wait(channel)
        sent = post_scheduled(
            client, due, channel=channel, text=message.text, blocks=message.blocks
        )
        # Found posted by an earlier try: its thread stays as that try left it, rather
        # than risk a second chart and second details.
        if not sent.found:
            _post_thread(client, view, message, sent, self.pacer)
        return sent

    def reschedule(self, session: Session, due: Due, now: datetime) -> None:
        row = get_subscription_by_id(
            session=session, team_id=due.team_id, subscription_id=due.row_id
        )
        if row is not None and row.active:
            row.next_run_at = next_occurrence(cadence_of(row), max(now, due.due_at))
            row.updated_at = now

    def on_permanent_failure(
        self, session: Session, due: Due, error: str, client: WebClient, now: datetime
    ) -> None:
        row = get_subscription_by_id(
            session=session, team_id=due.team_id, subscription_id=due.row_id
        )
        if row is None:
            return
        row.active, row.next_run_at, row.updated_at = False, None, now
        log.warning("stopped the digest of %s: %s", row.channel_id, error)
        if row.created_by:
            try:
                lang = user_language(self.services, client, due.team_id, row.created_by)
                client.chat_postMessage(
                    channel=row.created_by,
                    text=digest_stopped_text(row.channel_id, error, translator(lang)),
                )
            except SlackApiError as exc:
                log.warning("could not tell %s: %s", row.created_by, exc.response.get("error"))
