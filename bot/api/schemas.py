"""What the API reads and writes, as pydantic models: they check request bodies and are
the schemas of the OpenAPI document (`bot.api.openapi`), so the two cannot disagree.

Amounts are written as decimal strings ("41200", "3.25"), exact whatever the client's
floating point does; a check-in's value may be sent as a number or as the text people
type in Slack ("41.2k", "3,5 %", "1h 30m").
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    model_validator,
)

Amount = Annotated[str, Field(pattern=r"^-?\d+(\.\d+)?$", examples=["41200"])]


class CheckInRequest(BaseModel):
    """`POST /api/v1/checkins`. Name the goal one way: `goal`, `external_id`, or `metric`
    and/or `platform` (names in any of the bot's languages, as in Slack)."""

    model_config = ConfigDict(extra="forbid")

    goal: StrictInt | Annotated[StrictStr, Field(pattern=r"^\s*#?\s*\d{1,9}\s*$")] | None = Field(
        default=None, description='The goal\'s number in the workspace: 3 or "#3".'
    )
    external_id: str | None = Field(default=None, min_length=1, max_length=200)
    metric: str | None = Field(
        default=None, min_length=1, max_length=200, examples=["reach", "video views"]
    )
    platform: str | None = Field(
        default=None, min_length=1, max_length=100, examples=["instagram", "insta"]
    )
    value: StrictInt | Decimal | Annotated[StrictStr, Field(min_length=1, max_length=100)] = Field(
        description='A number, or the text a person would type: "41.2k", "3.5%", "1h 30m".',
        examples=[41200, "41.2k"],
    )
    at: AwareDatetime | None = Field(
        default=None,
        description="When the value was true (ISO 8601 with an offset); now if left out.",
    )
    note: str = Field(default="", max_length=3000)
    confirm: bool = Field(
        default=False,
        description="Store a value far from the goal's last one, which is otherwise refused (422).",
    )

    @model_validator(mode="after")
    def _one_way_to_name_the_goal(self) -> CheckInRequest:
        ways = [
            self.goal is not None,
            self.external_id is not None,
            self.metric is not None or self.platform is not None,
        ]
        if sum(ways) != 1:
            raise ValueError("name the goal one way: goal, external_id, or metric and platform")
        return self


class Goal(BaseModel):
    """A goal, OKR objective or key result, as `/goals show` describes it."""

    number: int = Field(description='What people type as "#3".')
    title: str
    kind: str = Field(examples=["goal", "objective", "key_result"])
    state: str = Field(examples=["active", "achieved", "archived"])
    metric: str | None = Field(description="The catalogue key, or custom.", examples=["reach"])
    metric_name: str
    platform: str | None = Field(examples=["instagram"])
    unit: str = Field(examples=["count", "percent", "currency", "duration"])
    currency: str | None
    direction: str = Field(examples=["increase", "decrease"])
    baseline: Amount | None
    target: Amount | None
    start_at: datetime
    deadline: datetime | None
    owner_id: str | None
    external_id: str | None
    objective: int | None = Field(description="The objective's number, for a key result.")


class CheckIn(BaseModel):
    """One value of a goal at a moment."""

    id: int
    goal: int = Field(description="The goal's number.")
    value: Amount
    at: datetime
    note: str
    author_id: str | None
    source: str = Field(examples=["reply", "command", "modal", "import"])


class Standing(BaseModel):
    """Where the goal stands after the check-in, as the bot answers in Slack."""

    number: int
    title: str
    status: str | None = Field(examples=["on_track", "at_risk", "achieved"])
    progress: Amount | None = Field(description="The share of the way to the target (0.5 = half).")
    became_baseline: bool


class CheckInCreated(BaseModel):
    checkin: CheckIn
    goal: Standing


class GoalList(BaseModel):
    goals: list[Goal]


class CheckInList(BaseModel):
    goal: int
    checkins: list[CheckIn]


class Problem(BaseModel):
    code: str = Field(examples=["unauthorized", "not_found", "implausible_value"])
    message: str


class Error(BaseModel):
    """Every error: a code to branch on and a sentence to show."""

    error: Problem


def amount(value: Decimal | None) -> str | None:
    """A stored amount as the API writes it: exact, without exponent or trailing zeros.

    Example:
        >>> amount(Decimal("41200.0")), amount(Decimal("1E+3")), amount(None)
        ('41200', '1000', None)
    """
    if value is None:
        return None
    return format(value.normalize(), "f")


def dumped(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json")
