"""The goal interview as a pure state machine: one answer in, the next question out.

The interview follows the method in DOMAIN.md: why -> where -> which metric ->
today's value (the baseline) -> target -> deadline -> owner, check-in cadence and
digest channel -> the SMART review. In OKR mode an objective groups up to five key
results, each built by the metric/baseline/target steps.

The state is an `Interview` (frozen, JSON-serialisable with `to_json` /
`from_json`), so the service can keep it in the database between messages and a
restart loses nothing. The next question is never stored: it is worked out from
what is still missing, so "back", "change target to 50k" and a resumed interview
all land on the right step.

Every text in a `Prompt` is mrkdwn-safe: what the person typed is escaped before it
is echoed, so `<!channel>` shows as text.

Modules: `state` (the values), `answers` (one reader per step), `questions` (what is
asked at each step), `machine` (start, step, ask, the review), `words` (how amounts
and the summary read), `stored` (the JSON form).
"""

from bot.core.interview.machine import ask, start, step
from bot.core.interview.review import smart_reviews
from bot.core.interview.state import (
    DEFAULT_CADENCE,
    MAX_ANSWER_CHARS,
    MAX_KEY_RESULTS,
    SUGGESTED_KEY_RESULTS,
    Choice,
    Interview,
    Measure,
    Mode,
    Problem,
    Prompt,
    Step,
    where_of,
)
from bot.core.interview.stored import from_json, to_json
from bot.core.interview.words import amount, cadence_of, per, summarise

__all__ = [
    "DEFAULT_CADENCE",
    "MAX_ANSWER_CHARS",
    "MAX_KEY_RESULTS",
    "SUGGESTED_KEY_RESULTS",
    "Choice",
    "Interview",
    "Measure",
    "Mode",
    "Problem",
    "Prompt",
    "Step",
    "amount",
    "ask",
    "cadence_of",
    "from_json",
    "per",
    "smart_reviews",
    "start",
    "step",
    "summarise",
    "to_json",
    "where_of",
]
