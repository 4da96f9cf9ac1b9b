"""The question asked at each step, with its example, buttons and help."""

from __future__ import annotations

from bot.core.dates import DEADLINE_EXAMPLE, format_date
from bot.core.interview.state import (
    DEFAULT_CADENCE,
    MAX_KEY_RESULTS,
    SUGGESTED_KEY_RESULTS,
    Choice,
    Interview,
    Mode,
    Step,
)
from bot.core.interview.words import (
    EXAMPLE_OBJECTIVE,
    EXAMPLE_WHY,
    SKIPPABLE,
    amount,
    metric_words,
    target_example,
)
from bot.core.kpis import (
    PLATFORMS,
    catalogue,
    suggest_for_category,
)
from bot.core.mrkdwn import quoted
from bot.core.numbers.read import EXAMPLES
from bot.core.values import CATEGORY_LABELS, Unit

_Question = tuple[str, str | None, tuple[Choice, ...]]
_CATEGORY_CHOICES = tuple(Choice(label, c.value) for c, label in CATEGORY_LABELS.items())


def _ask_why(i: Interview) -> _Question:
    return ("*Why* does the team want this goal? Tell me the business objective in your "
            "own words, or pick one.", EXAMPLE_WHY, _CATEGORY_CHOICES)  # fmt: skip


def _ask_category(i: Interview) -> _Question:
    return "Which objective is that closest to?", "awareness", _CATEGORY_CHOICES


def _ask_where(i: Interview) -> _Question:
    choices = tuple(Choice(p.name, p.key) for p in PLATFORMS)
    return ("*Where*: on which platform, or in what scope (the website, all channels, "
            "a city)?", "Instagram", choices)  # fmt: skip


def _ask_objective(i: Interview) -> _Question:
    choices = (Choice("Use the why", i.why[:2000]),) if i.why else ()
    return ("Name the *objective*: qualitative and ambitious. Key results will measure it.",
            EXAMPLE_OBJECTIVE, choices)  # fmt: skip


def _ask_metric(i: Interview) -> _Question:
    used = {m.metric_key for m in i.measures}
    pool = suggest_for_category(i.category, limit=8) if i.category else list(catalogue()[:5])
    choices = tuple(Choice(k.name, k.key) for k in pool if k.key not in used)[:5]
    lead = f"Key result {i.current + 1}: which" if i.mode is Mode.OKR else "Which"
    return (f"{lead} *metric* will show it? Pick one, name another, or type your own.",
            "reach, followers or engagement rate", choices)  # fmt: skip


def _ask_unit(i: Interview) -> _Question:
    choices = tuple(Choice(u.value, u.value) for u in Unit)
    return (f"What kind of number is {quoted(i.measure.metric_name or '')}?",
            "count, percent, currency, duration, score or milestone", choices)  # fmt: skip


def _ask_direction(i: Interview) -> _Question:
    choices = (Choice("Higher is better", "higher"), Choice("Lower is better", "lower"))
    return f"Is a higher or a lower {quoted(i.measure.metric_name or '')} better?", None, choices


def _ask_baseline(i: Interview) -> _Question:
    m = i.measure
    return (f"What is {metric_words(m)} *today* (the baseline)? If you don't know yet, "
            "say so: your first check-in will become the baseline.",
            EXAMPLES[m.unit or Unit.COUNT], (Choice("I don't know", "I don't know"),))  # fmt: skip


def _ask_target(i: Interview) -> _Question:
    m = i.measure
    return (f"What should {metric_words(m)} be by the deadline (the *target*)? "
            "A number, or a change from today.", target_example(m), ())  # fmt: skip


PERIOD_CHOICES = (
    Choice("A week", "a week"),
    Choice("A month", "a month"),
    Choice("In total", "in total"),
)


def _ask_period(i: Interview) -> _Question:
    m = i.measure
    return (f"Is {amount(m, m.target)} {metric_words(m)} *a week*, *a month*, or *in total* "
            "by the deadline?", "a month", PERIOD_CHOICES)  # fmt: skip


def _ask_more(i: Interview) -> _Question:
    count = len(i.measures)
    advice = f"{SUGGESTED_KEY_RESULTS} is a good number, {MAX_KEY_RESULTS} at most"
    choices = (Choice("Add a key result", "add"), Choice("That's all", "done"))
    return (f"The objective has {count} key result{'s' if count > 1 else ''} ({advice}). "
            "Add another?", None, choices)  # fmt: skip


def _ask_deadline(i: Interview) -> _Question:
    if i.deadline_options:
        choices = tuple(Choice(format_date(d), d.isoformat()) for d in i.deadline_options)
    else:
        choices = (
            Choice("In 6 weeks", "in 6 weeks"),
            Choice("End of the quarter", "end of the quarter"),
            Choice("End of the year", "end of the year"),
        )
    return "By *when*?", DEADLINE_EXAMPLE, choices


def _ask_owner(i: Interview) -> _Question:
    return "Who *owns* it? Say “me” or mention someone.", "me or @ana", (Choice("Me", "me"),)


CADENCE_CHOICES = (
    Choice("Weekly, Monday 10:00", DEFAULT_CADENCE),
    Choice("Daily, 10:00", "daily at 10:00"),
    Choice("Every 2 weeks", "every 2 weeks on monday at 10:00"),
    Choice("Monthly, on the 1st", "monthly on the 1st at 10:00"),
)
"""The usual check-in cadences, offered as buttons and in the form; the first is the default."""


def _ask_cadence(i: Interview) -> _Question:
    choices = CADENCE_CHOICES
    return ("How often should I ask the owner for a *check-in*? Weekly on Monday at 10:00 "
            "is the default.", "mon and thu at 09:30", choices)  # fmt: skip


def _ask_channel(i: Interview) -> _Question:
    if i.team and i.here_channel:
        question = (
            "Which *channel* should get the digest with this team goal? This one, unless you "
            "mention another."
        )
        return question, "#marketing", (Choice("This channel", "here"),)
    choices = [Choice("No digest channel", "skip")]
    if i.here_channel:
        choices.insert(0, Choice("This channel", "here"))
    return ("Which *channel* should get the digest with this goal? Mention it, or skip.",
            "#marketing", tuple(choices))  # fmt: skip


def _ask_review(i: Interview) -> _Question:
    kind = "objective" if i.mode is Mode.OKR else "goal"
    return (f"Here is the {kind}. Save it, change a field by name, or cancel.",
            "change target to 50k", ())  # fmt: skip


QUESTIONS = {
    Step.WHY: _ask_why,
    Step.CATEGORY: _ask_category,
    Step.WHERE: _ask_where,
    Step.OBJECTIVE: _ask_objective,
    Step.METRIC: _ask_metric,
    Step.UNIT: _ask_unit,
    Step.DIRECTION: _ask_direction,
    Step.BASELINE: _ask_baseline,
    Step.TARGET: _ask_target,
    Step.PERIOD: _ask_period,
    Step.MORE: _ask_more,
    Step.DEADLINE: _ask_deadline,
    Step.OWNER: _ask_owner,
    Step.CADENCE: _ask_cadence,
    Step.CHANNEL: _ask_channel,
    Step.REVIEW: _ask_review,
}

STEP_NAMES = {
    Step.WHY: "why", Step.CATEGORY: "the objective", Step.WHERE: "where",
    Step.OBJECTIVE: "the objective", Step.METRIC: "the metric", Step.UNIT: "the kind of number",
    Step.DIRECTION: "which way is better", Step.BASELINE: "the baseline",
    Step.TARGET: "the target", Step.PERIOD: "the period", Step.MORE: "more key results",
    Step.DEADLINE: "the deadline",
    Step.OWNER: "the owner", Step.CADENCE: "the check-in cadence", Step.CHANNEL: "the channel",
}  # fmt: skip

HELP_TEXT = {
    Step.WHY: "Every goal serves a business objective: awareness, reputation, community, "
    "sales, insights, leads, customer service, recruiting, crisis or internal communication.",
    Step.WHERE: "The platform the metric is read from, or a scope such as “all channels” "
    "or a city. Say skip if it doesn't apply.",
    Step.METRIC: "A metric you can read off an analytics tool (Meta Business Suite, YouTube "
    "Studio...). A custom one is fine too.",
    Step.BASELINE: "Today's value, so the target means something. Numbers like 12k, ۱۲٬۴۰۰, "
    "3.2%, 2h 30m or $1.5k all work.",
    Step.TARGET: "An absolute value (60k) or a change from today (+20%, double it, cut to "
    "under 1h).",
    Step.PERIOD: "Reach, views, sign-ups, revenue and the like are counted over a span: "
    "“a month” judges each month's figure against the target, “in total” the sum by the "
    "deadline.",
    Step.DEADLINE: "A date (31 Dec), a period (in 6 weeks) or a phrase (end of Q1). It is "
    "read in your time zone.",
    Step.REVIEW: "Say save to keep the goal, “change target to 50k” (or baseline, period, "
    "deadline, metric, owner, cadence, channel, why, where) to fix one field, or okr for an "
    "objective with key results.",
}
_GENERAL_HELP = (
    "Say back to change the previous answer, skip for optional questions, cancel to stop."
)

for _step in Step:
    HELP_TEXT.setdefault(_step, "")
    HELP_TEXT[_step] = (HELP_TEXT[_step] + " " + _GENERAL_HELP).strip()


def controls(i: Interview) -> tuple[Choice, ...]:
    controls = []
    if i.history:
        controls.append(Choice("Back", "back"))
    if i.step in SKIPPABLE:
        controls.append(Choice("Skip", "skip"))
    controls.append(Choice("Cancel", "cancel"))
    return tuple(controls)
