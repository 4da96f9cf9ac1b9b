"""The ack front: a Bolt middleware that puts queued kinds of work on the job queue.

It runs after Bolt's own request verification, so only what Slack signed is queued;
the answer Slack gets is the empty 200 a listener's `ack()` would have sent, without
waiting for any listener. When the queue is full nothing is dropped silently: a slash
command is told so at once (Slack does not resend commands), an event or a click gets
a 503, which Slack answers by sending it again later (events) or by showing the person
that it failed (clicks).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_bolt import BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware

from bot.jobs.job import FROM_QUEUE, Job, JobQueue, is_queued_kind
from bot.observability import QUEUE_REFUSED
from bot.render.errors import BUSY

logger = logging.getLogger("checkin_bot.jobs")

BUSY_STATUS = 503


class Front(Middleware):
    """Acknowledge and enqueue; requests a worker runs (marked in their context) go on."""

    def __init__(self, queue: JobQueue) -> None:
        self.queue = queue

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse:
        if req.context.get(FROM_QUEUE) or not is_queued_kind(req.body):
            return next()
        job = Job.of(req)
        if self.queue.put(job):
            return BoltResponse(status=200, body="")
        QUEUE_REFUSED.inc()
        if "command" in job.body:
            logger.warning("job queue full: told the person to send the command again")
            return BoltResponse(status=200, body={"response_type": "ephemeral", "text": BUSY})
        logger.warning("job queue full: Slack will resend %s", job.key or job.body.get("type"))
        return BoltResponse(status=BUSY_STATUS, body="busy")
