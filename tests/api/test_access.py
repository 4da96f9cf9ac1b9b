"""Who gets in: tokens made, listed and revoked in Slack; wrong tokens, other workspaces'
goals, the rate limit; and the OpenAPI document, checked against OpenAPI 3.1's schema."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from hypothesis import given
from openapi_spec_validator import validate
from sqlmodel import select

from bot.services.api_tokens import NewToken, make_token
from bot.services.transfer import import_file
from storage.models import ApiToken
from tests.api.helpers import client, interview_goal, new_token
from tests.harness import BotHarness
from tests.scenarios.hostile import fuzz_settings, hostile_text


def test_a_token_is_shown_once_in_a_dm_and_only_its_hash_is_stored(harness: BotHarness) -> None:
    token = new_token(harness, label="zapier")

    assert harness.dm("U1")[-1].text.count(token) == 1
    assert token not in harness.last_reply("U1").text  # the answer to the command: "in a DM"
    with harness.services.session() as session:
        [row] = session.exec(select(ApiToken)).all()
    assert token not in json.dumps(row.model_dump(mode="json"))
    assert row.prefix == token[:8] and row.created_by == "U1"
    harness.driver.command("U2", "/goals", "token")
    listed = harness.last_reply("U2").text
    assert "zapier" in listed and token[:8] in listed and token not in listed


def test_a_wrong_missing_or_revoked_token_gets_401(harness: BotHarness) -> None:
    interview_goal(harness)
    token = new_token(harness)
    for wrong in (None, "cib_" + "x" * 43, token + "x", "Basic " + token):
        with client(harness, wrong) as http:
            answer = http.get("/goals")
        assert answer.status_code == 401, wrong
        assert answer.json()["error"]["code"] == "unauthorized"

    harness.driver.command("U1", "/goals", "token revoke zapier")

    assert "revoked" in harness.last_reply("U1").text
    with client(harness, token) as http:
        assert http.get("/goals").status_code == 401


def test_only_its_maker_or_an_admin_may_revoke_a_token(harness: BotHarness) -> None:
    token = new_token(harness, user="U1", label="sheets")

    harness.driver.command("U2", "/goals", "token revoke sheets")
    assert "Only the person who made a token" in harness.last_reply("U2").text
    with client(harness, token) as http:
        assert http.get("/goals").status_code == 200

    harness.driver.command("UADMIN", "/goals", "token revoke sheets")
    assert "revoked" in harness.last_reply("UADMIN").text


def test_another_workspaces_goals_are_not_found(harness: BotHarness) -> None:
    interview_goal(harness)  # #1 of the sandbox workspace
    other = make_token(harness.services, team_id="T0OTHER", user_id="U9", label="")
    assert isinstance(other, NewToken)
    import_file(harness.services, team_id="T0OTHER", text=json.dumps({"goals": [
        {"title": "Video views to 50,000 on YouTube", "metric": "video views",
         "platform": "YouTube", "baseline": "12000", "target": "50000", "deadline": "2026-12-31",
         "owner": "U9"},
    ]}))  # fmt: skip

    with client(harness, other.secret) as http:
        listed = [g["title"] for g in http.get("/goals").json()["goals"]]
        by_metric = http.post("/checkins", json={"metric": "followers", "value": 410})
        no_second = http.get("/goals/2/checkins")

    assert listed == ["Video views to 50,000 on YouTube"]
    assert (by_metric.status_code, no_second.status_code) == (404, 404)
    with client(harness, new_token(harness)) as http:
        theirs = http.post("/checkins", json={"metric": "video views", "value": 13000})
        ours = [g["title"] for g in http.get("/goals").json()["goals"]]
    assert theirs.status_code == 404 and theirs.json()["error"]["code"] == "not_found"
    assert ours == ["Followers to 480 on Instagram by 22 Dec 2026"]


def test_goals_are_listed_with_filters_read_like_people_write_them(harness: BotHarness) -> None:
    interview_goal(harness)
    with client(harness, new_token(harness)) as http:
        on_insta = http.get("/goals", params={"platform": "Insta", "status": "active"}).json()
        on_tiktok = http.get("/goals", params={"platform": "tiktok"}).json()
        unknown = http.get("/goals", params={"colour": "red"})

    [goal] = on_insta["goals"]
    assert (goal["number"], goal["metric"], goal["platform"]) == (1, "followers", "instagram")
    assert (goal["baseline"], goal["target"]) == ("400", "480")
    assert on_tiktok == {"goals": []}
    assert (unknown.status_code, unknown.json()["error"]["code"]) == (400, "invalid_request")


def test_each_token_gets_its_rate_and_then_429_with_retry_after(harness: BotHarness) -> None:
    busy, quiet = new_token(harness, label="busy"), new_token(harness, label="quiet")
    with client(harness, busy) as http:
        answers = [http.get("/goals").status_code for _ in range(60)]
        refused = http.get("/goals")
        with client(harness, quiet) as other:
            assert other.get("/goals").status_code == 200
        harness.clock.advance(timedelta(seconds=1))
        after_a_second = http.get("/goals").status_code

    assert answers == [200] * 60
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "1"
    assert refused.json()["error"]["code"] == "rate_limited"
    assert after_a_second == 200


def test_the_openapi_document_is_valid_openapi_3_1_and_needs_no_token(
    harness: BotHarness,
) -> None:
    with client(harness) as http:
        document = http.get("/openapi.json").json()
        unknown = http.get("/nothing-here")

    validate(document)
    assert document["openapi"] == "3.1.0"
    assert {"/checkins", "/goals", "/goals/{number}/checkins"} == set(document["paths"])
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "not_found"


def test_a_wrong_method_gets_405_with_the_allowed_one(harness: BotHarness) -> None:
    with client(harness) as http:
        answer = http.get("/checkins")

    assert (answer.status_code, answer.headers["Allow"]) == (405, "POST")


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("token new 123", "not only digits"),
        ("token new " + "x" * 101, "up to 100"),
        ("token new <@U2>", "letters, digits"),
        ("token revoke nope", "No token has that id or label"),
        ("token rotate", "/goals token new [label]"),
    ],
)
def test_token_commands_that_do_nothing_say_why(harness: BotHarness, typed: str, said: str) -> None:
    harness.driver.command("U1", "/goals", typed)

    assert said in harness.last_reply("U1").text
    with harness.services.session() as session:
        assert session.exec(select(ApiToken)).all() == []


def test_a_label_is_one_tokens_until_it_is_revoked(harness: BotHarness) -> None:
    new_token(harness, label="Zapier")
    harness.driver.command("U1", "/goals", "token new zapier")
    assert "Another token has that label" in harness.last_reply("U1").text

    harness.driver.command("U1", "/goals", "token revoke ZAPIER")
    new_token(harness, label="zapier")


def test_any_label_text_gets_an_answer(harness: BotHarness) -> None:
    @fuzz_settings(40)
    @given(label=hostile_text)
    def run(label: str) -> None:
        answer = harness.driver.command("U1", "/goals", f"token new {label}")

        assert answer.status < 500
        assert harness.last_reply("U1").text

    run()
