"""`@once`: an event-driven listener runs once per Slack event, however often Slack sends it.

Slack re-sends an event it thinks was missed (`X-Slack-Retry-Num`); Bolt does not
de-duplicate, so `@once` records the event id in the shared database (a unique key,
so a retry reaching another replica is caught too). It runs inside the listener,
after Bolt has acknowledged the event, so the database write never delays Slack's
3-second deadline.

The id is written by the listener's first unit of work, just before it commits: the
event is marked handled in the same transaction as what handling it changed, with
no transaction of its own. A retry's first unit of work finds the id taken and is
rolled back, and the listener stops there, before it posts anything: every event
listener reads the database before it answers. On PostgreSQL a retry reaching
another replica meanwhile waits on the unique key until the first commits.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from sqlmodel import Session

from bot.errors import CheckinBotError
from bot.services import Services
from bot.slack.actor import Actor
from storage import repo

Listener = Callable[..., None]

_NEEDED = ("body", "services", "actor")  # what `@once` reads, injected by Bolt by name


class AlreadyHandled(CheckinBotError):
    """The event id was recorded before: this delivery is a retry, and changes nothing."""


@dataclass(eq=False)
class EventServices(Services):
    """The services one event's listener sees: its first unit of work records the event."""

    team_id: str = ""
    event_id: str = ""
    unrecorded: bool = True

    @contextmanager
    def session(self) -> Iterator[Session]:
        carries, self.unrecorded = self.unrecorded, False
        try:
            with super().session() as session:
                yield session
                if carries and not self._record(session):
                    raise AlreadyHandled(self.event_id)
        except AlreadyHandled:
            raise
        except BaseException:
            self.unrecorded = self.unrecorded or carries  # rolled back: the next one carries it
            raise

    def record_alone(self) -> bool:
        """Record the event in a transaction of its own (no unit of work carried it); False
        when it was recorded before."""
        with super().session() as session:
            recorded = self._record(session)
        self.unrecorded = False
        return recorded

    def _record(self, session: Session) -> bool:
        return repo.record_event_once(
            session=session, team_id=self.team_id, event_id=self.event_id, now=self.now()
        )


def delivery_id(body: dict[str, Any]) -> str | None:
    """What names one delivery: an event's id, or a slash command's trigger id.

    Slack does not retry slash commands, but a replayed request (within the signature's
    five minutes) or a proxy's retry carries the same `trigger_id`: it is stored hashed,
    so any length fits the column.
    """
    if body.get("event_id"):
        return str(body["event_id"])
    trigger = body.get("trigger_id")
    if body.get("command") and isinstance(trigger, str) and trigger:
        return "command:" + hashlib.sha256(trigger.encode()).hexdigest()[:48]
    return None


def for_event(services: Services, actor: Actor, body: dict[str, Any]) -> Services:
    """The services for one event's listener; as they are when there is nothing to record."""
    event_id = delivery_id(body)
    if not event_id or not actor.team_id:
        return services
    return EventServices(
        engine=services.engine,
        clock=services.clock,
        settings=services.settings,
        team_id=actor.team_id,
        event_id=str(event_id),
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
        services = for_event(kwargs["services"], kwargs["actor"], kwargs["body"])
        given = {name: kwargs[name] for name in own}
        if "services" in own:
            given["services"] = services
        if "actor" in own and services is not kwargs["services"]:
            # Work the listener hands the actor (publishing the Home) is the event's too.
            given["actor"] = replace(kwargs["actor"], services=services)
        if not isinstance(services, EventServices):
            listener(**given)
            return
        try:
            listener(**given)
        except AlreadyHandled:
            return
        except Exception:
            # Failed before any unit of work committed: the event still counts as handled, as
            # a retry would not fare better; a retry failing so was reported the first time.
            if services.unrecorded and not services.record_alone():
                return
            raise
        if services.unrecorded:  # a listener that never reached the database
            services.record_alone()

    # Bolt unwraps a listener and reads its argument names to decide what to inject: it
    # must see this wrapper's arguments (the listener's and what `@once` reads).
    del run_once.__wrapped__
    run_once.__signature__ = inspect.Signature([*own.values(), *extra])  # type: ignore[attr-defined]
    return run_once
