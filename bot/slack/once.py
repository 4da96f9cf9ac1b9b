"""`@once`: an event-driven listener runs once per Slack event, however often Slack sends it.

Slack re-sends an event it thinks was missed (`X-Slack-Retry-Num`); Bolt does not
de-duplicate, so `@once` records the event id in the shared database first (a
unique key, so a retry reaching another replica is caught too). It runs inside the
listener, after Bolt has acknowledged the event, so the database write never delays
Slack's 3-second deadline.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from bot.services import Services
from bot.slack.actor import Actor
from storage import repo

Listener = Callable[..., None]

_NEEDED = ("body", "services", "actor")  # what `@once` reads, injected by Bolt by name


def first_delivery(services: Services, actor: Actor, body: dict[str, Any]) -> bool:
    """True the first time an event is seen; False for a retry already handled anywhere."""
    event_id = body.get("event_id")
    if not event_id or not actor.team_id:
        return True
    with services.session() as session:
        return repo.record_event_once(
            session=session, team_id=actor.team_id, event_id=str(event_id), now=services.now()
        )


def once(listener: Listener) -> Listener:
    """Run `listener` only for the first delivery of its event.

    The listener names the arguments it wants, as any Bolt listener; `@once` adds
    `body`, `services` and `actor` to what Bolt injects, and passes on the rest.
    """
    own = inspect.signature(listener).parameters
    plain = inspect.Parameter.POSITIONAL_OR_KEYWORD
    extra = [inspect.Parameter(name, plain) for name in _NEEDED if name not in own]

    @functools.wraps(listener)
    def run_once(**kwargs: Any) -> None:
        if first_delivery(kwargs["services"], kwargs["actor"], kwargs["body"]):
            listener(**{name: kwargs[name] for name in own})

    # Bolt unwraps a listener and reads its argument names to decide what to inject: it
    # must see this wrapper's arguments (the listener's and what `@once` reads).
    del run_once.__wrapped__
    run_once.__signature__ = inspect.Signature([*own.values(), *extra])  # type: ignore[attr-defined]
    return run_once
