"""What the API tests share: a token made in Slack as a person makes one, a goal made
through the interview, and an HTTP client pointed at the running bot."""

from __future__ import annotations

import re

import httpx

from tests.harness import BotHarness

# The interview of tests/scenarios/test_interview_flow.py: followers on Instagram, 400 -> 480.
FOLLOWERS = ["we want more people to see our Instagram", "followers", "400", "+20%",
             "in 30 days", "me", "skip", "skip"]  # fmt: skip


def interview_goal(harness: BotHarness, user: str = "U1") -> None:
    """#1, 'Followers to 480 on Instagram', made by `user` in a DM interview."""
    harness.driver.message(user, "new goal")
    for answer in FOLLOWERS:
        harness.driver.message(user, answer)
    harness.driver.click(user, harness.dm(user)[-1], "Save")


def new_token(harness: BotHarness, user: str = "U1", label: str = "zapier") -> str:
    """`/goals token new <label>`, and the token read from the DM it comes in."""
    harness.driver.command(user, "/goals", f"token new {label}".strip())
    found = re.search(r"cib_[\w-]{43}", harness.dm(user)[-1].text)
    assert found, harness.dm(user)[-1].text
    return found.group(0)


def client(harness: BotHarness, token: str | None = None) -> httpx.Client:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.Client(base_url=f"{harness.url}/api/v1", headers=headers, timeout=10)
