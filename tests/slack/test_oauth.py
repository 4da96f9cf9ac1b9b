"""Installing through OAuth: the install flow, per-workspace tokens, rotation, uninstall."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from bot.slack.workspaces import ClientsByWorkspace, WorkspaceNotInstalled
from storage.models import Workspace
from tests.harness import TEAM, BotHarness


@pytest.fixture
def distributed(db: Engine) -> Iterator[BotHarness]:
    with BotHarness(db, oauth=True) as running:
        yield running
        assert running.sandbox.problems == []


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str, dict[str, str]]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(), dict(exc.headers)


def install(harness: BotHarness) -> str:
    """Walk the install flow as a workspace admin's browser would; returns the success page."""
    status, page, headers = get(harness.url + "/slack/install")
    assert status == 200
    link = re.search(r'href="([^"]+oauth/v2/authorize[^"]+)"', page)
    assert link is not None and harness.sandbox.base_url in link.group(1)
    state = re.search(r"state=([^&\"]+)", link.group(1)).group(1)  # type: ignore[union-attr]
    cookie = headers["Set-Cookie"].split(";")[0]
    code = harness.sandbox.authorization_code()
    status, page, _ = get(
        f"{harness.url}/slack/oauth_redirect?code={code}&state={state}", {"Cookie": cookie}
    )
    assert status == 200, page
    return page


def test_a_workspace_installs_and_then_uses_the_bot(distributed: BotHarness) -> None:
    install(distributed)

    distributed.driver.command("U1", "/goals", "help")

    assert "/goals help" in str(distributed.last_reply("U1").blocks)
    token = distributed.sandbox.calls_to("auth.test")[-1]
    assert token is not None


def test_background_work_gets_the_installed_workspace_token(distributed: BotHarness) -> None:
    install(distributed)

    client = ClientsByWorkspace(distributed.services)(TEAM)

    assert client.token != distributed.sandbox.bot_token  # a token issued by the install
    assert client.auth_test()["team_id"] == TEAM


def test_a_workspace_that_never_installed_has_no_client(distributed: BotHarness) -> None:
    with pytest.raises(WorkspaceNotInstalled):
        ClientsByWorkspace(distributed.services)("T0NEVER")


def test_a_forged_install_state_is_refused(distributed: BotHarness) -> None:
    code = distributed.sandbox.authorization_code()

    status, _, _ = get(f"{distributed.url}/slack/oauth_redirect?code={code}&state=forged")

    assert status >= 400
    with pytest.raises(WorkspaceNotInstalled):
        ClientsByWorkspace(distributed.services)(TEAM)


def test_a_rotating_token_is_refreshed_before_it_expires(distributed: BotHarness) -> None:
    distributed.sandbox.token_lifetime = 3600  # an hour: inside the two-hour refresh window
    install(distributed)
    clients = ClientsByWorkspace(distributed.services)

    first = clients(TEAM).token
    second = clients(TEAM).token

    assert first != second  # refreshed, and the new token saved
    assert clients(TEAM).auth_test()["ok"]
    refreshes = [
        c for c in distributed.sandbox.calls_to("oauth.v2.access") if c.args.get("grant_type")
    ]
    assert refreshes


def test_uninstall_forgets_the_tokens_and_a_reinstall_serves_again(distributed: BotHarness) -> None:
    install(distributed)
    distributed.driver.event({"type": "app_uninstalled", "event_ts": distributed.sandbox.next_ts()})

    with pytest.raises(WorkspaceNotInstalled):
        ClientsByWorkspace(distributed.services)(TEAM)
    distributed.clock.advance(timedelta(days=1))
    install(distributed)
    with distributed.services.session() as session:
        workspace = session.exec(select(Workspace)).one()
    assert workspace.uninstalled_at is None
