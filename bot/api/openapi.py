"""The OpenAPI 3.1 document served at /api/v1/openapi.json, its schemas taken from the
pydantic models that check and write the API's bodies (`bot.api.schemas`)."""

from __future__ import annotations

import functools
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from bot.api import schemas

_REF = "#/components/schemas/{model}"
_MODELS: tuple[type[BaseModel], ...] = (
    schemas.CheckInRequest,
    schemas.CheckInCreated,
    schemas.GoalList,
    schemas.CheckInList,
    schemas.Error,
)


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": _REF.format(model=model.__name__)}


def _json(model: type[BaseModel]) -> dict[str, Any]:
    return {"application/json": {"schema": _ref(model)}}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": _json(schemas.Error)}


_ERRORS = {
    "400": _error("Malformed JSON, unknown fields or query parameters"),
    "401": _error("No token, or a token unknown or revoked"),
    "429": {
        **_error("Too many requests with this token"),
        "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "seconds"}},
    },
}


def _parameter(name: str, where: str, description: str, **schema: Any) -> dict[str, Any]:
    return {
        "name": name,
        "in": where,
        "required": where == "path",
        "description": description,
        "schema": schema or {"type": "string"},
    }


_GOAL_FILTERS = [
    _parameter("platform", "query", "A platform by key or name: instagram, insta, YouTube"),
    _parameter("metric", "query", "A metric by key or name, in any of the bot's languages"),
    _parameter(
        "status",
        "query",
        "Goal state; active and achieved by default",
        enum=["active", "achieved", "archived", "all"],
    ),
    _parameter(
        "kind", "query", "goal, objective or key_result", enum=["goal", "objective", "key_result"]
    ),
    _parameter("owner", "query", "The owner's Slack user id"),
]


@functools.cache
def openapi_document() -> dict[str, Any]:
    """The whole document (built once)."""
    _, defs = models_json_schema([(model, "serialization") for model in _MODELS], ref_template=_REF)
    body_in = models_json_schema([(schemas.CheckInRequest, "validation")], ref_template=_REF)[1]
    components = {**defs["$defs"], **body_in["$defs"]}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "checkin-bot API",
            "version": "1",
            "description": (
                "Check in on goals and read them from scripts and other tools. Make a token "
                "in Slack with `/goals token new`; send it as `Authorization: Bearer <token>`."
            ),
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}],
        "paths": {
            "/checkins": {
                "post": {
                    "summary": "Check in on a goal",
                    "operationId": "createCheckin",
                    "parameters": [
                        _parameter(
                            "Idempotency-Key",
                            "header",
                            "A retry with the same key and body gets the first answer and "
                            "stores nothing; another body with the same key gets 422",
                            type="string",
                            maxLength=255,
                        )
                    ],
                    "requestBody": {"required": True, "content": _json(schemas.CheckInRequest)},
                    "responses": {
                        "201": {"description": "Stored", "content": _json(schemas.CheckInCreated)},
                        **_ERRORS,
                        "403": _error("The token's maker may not check in on this goal"),
                        "404": _error("No goal of this workspace matches"),
                        "413": _error("The body is over 64 KiB"),
                        "422": _error(
                            "Unreadable or implausible value, several goals match, the goal "
                            "is archived or an objective, or the idempotency key was used "
                            "for another request"
                        ),
                    },
                }
            },
            "/goals": {
                "get": {
                    "summary": "The workspace's goals",
                    "operationId": "listGoals",
                    "parameters": _GOAL_FILTERS,
                    "responses": {
                        "200": {
                            "description": "Goals by number",
                            "content": _json(schemas.GoalList),
                        },
                        **_ERRORS,
                    },
                }
            },
            "/goals/{number}/checkins": {
                "get": {
                    "summary": "A goal's check-ins, oldest first",
                    "operationId": "listCheckins",
                    "parameters": [
                        _parameter("number", "path", "The goal's number (#3 is 3)", type="integer")
                    ],
                    "responses": {
                        "200": {"description": "Check-ins", "content": _json(schemas.CheckInList)},
                        **_ERRORS,
                        "404": _error("No goal with that number in this workspace"),
                    },
                }
            },
        },
        "components": {
            "schemas": components,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
