"""The question asked at each step, with its example, buttons and help."""

from __future__ import annotations

from bot.core.dates import DEADLINE_EXAMPLE
from bot.core.interview.state import (
    MAX_KEY_RESULTS,
    SUGGESTED_KEY_RESULTS,
    Choice,
    Interview,
    Measure,
    Mode,
    Step,
)
from bot.core.interview.words import (
    CADENCE_CHOICES,
    DIRECTIONS,
    EXAMPLE_OBJECTIVE,
    EXAMPLE_WHY,
    SKIPPABLE,
    amount,
    metric_name,
    metric_words,
    place_name,
    shown_day,
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
from bot.i18n.catalogue import N_
from bot.i18n.formats import number

_Question = tuple[str, str | None, tuple[Choice, ...]]


def _categories(i: Interview) -> tuple[Choice, ...]:
    return tuple(Choice(i.tr._(label), c.value) for c, label in CATEGORY_LABELS.items())


def _ask_why(i: Interview) -> _Question:
    question = i.tr._("*Why* does the team want this goal? Tell me the business objective in "
                      "your own words, or pick one.")  # fmt: skip
    return question, i.tr._(EXAMPLE_WHY), _categories(i)


def _ask_category(i: Interview) -> _Question:
    tr = i.tr
    return tr._("Which objective is that closest to?"), tr._("awareness"), _categories(i)


def _ask_where(i: Interview) -> _Question:
    choices = tuple(Choice(place_name(p.name, i.tr), p.key) for p in PLATFORMS)
    return (i.tr._("*Where*: on which platform, or in what scope (the website, all channels, "
                   "a city)?"), "Instagram", choices)  # fmt: skip


def _ask_objective(i: Interview) -> _Question:
    tr = i.tr
    choices = (Choice(tr._("Use the why"), i.why[:2000]),) if i.why else ()
    return (tr._("Name the *objective*: qualitative and ambitious. Key results will measure it."),
            tr._(EXAMPLE_OBJECTIVE), choices)  # fmt: skip


def _ask_metric(i: Interview) -> _Question:
    tr = i.tr
    used = {m.metric_key for m in i.measures}
    pool = suggest_for_category(i.category, limit=8) if i.category else list(catalogue()[:5])
    choices = tuple(
        Choice(metric_name(Measure(metric_key=k.key, metric_name=k.name), tr.lang), k.key)
        for k in pool
        if k.key not in used
    )[:5]
    if i.mode is Mode.OKR:
        question = tr._("Key result {number}: which *metric* will show it? Pick one, name "
                        "another, or type your own.").format(number=i.current + 1)  # fmt: skip
    else:
        question = tr._("Which *metric* will show it? Pick one, name another, or type your own.")
    return question, tr._("reach, followers or engagement rate"), choices


def _ask_unit(i: Interview) -> _Question:
    tr = i.tr
    choices = tuple(Choice(tr._(u.value), u.value) for u in Unit)
    return (tr._("What kind of number is {metric}?").format(
                metric=quoted(i.measure.metric_name or "")),
            tr._("count, percent, currency, duration, score or milestone"), choices)  # fmt: skip


def _ask_direction(i: Interview) -> _Question:
    tr = i.tr
    choices = tuple(Choice(tr._(c.label), c.value) for c in DIRECTIONS)
    question = tr._("Is a higher or a lower {metric} better?")
    return question.format(metric=quoted(i.measure.metric_name or "")), None, choices


def _ask_baseline(i: Interview) -> _Question:
    tr, m = i.tr, i.measure
    question = tr._("What is {metric} *today* (the baseline)? If you don't know yet, say so: "
                    "your first check-in will become the baseline.")  # fmt: skip
    return (question.format(metric=metric_words(m, tr)), tr._(EXAMPLES[m.unit or Unit.COUNT]),
            (Choice(tr._("I don't know"), tr._("I don't know")),))  # fmt: skip


def _ask_target(i: Interview) -> _Question:
    tr, m = i.tr, i.measure
    question = tr._("What should {metric} be by the deadline (the *target*)? A number, or a "
                    "change from today.")  # fmt: skip
    return question.format(metric=metric_words(m, tr)), tr._(target_example(m)), ()


PERIOD_CHOICES = (
    Choice(N_("A week"), "a week"),
    Choice(N_("A month"), "a month"),
    Choice(N_("In total"), "in total"),
)


def _ask_period(i: Interview) -> _Question:
    tr, m = i.tr, i.measure
    question = tr._("Is {amount} {metric} *a week*, *a month*, or *in total* by the deadline?")
    choices = tuple(Choice(tr._(c.label), c.value) for c in PERIOD_CHOICES)
    shown = question.format(amount=amount(m, m.target, tr.lang), metric=metric_words(m, tr))
    return shown, tr._("a month"), choices


def _ask_more(i: Interview) -> _Question:
    tr = i.tr
    count = len(i.measures)
    if count == 1:
        has = tr._("The objective has 1 key result")
    else:
        has = tr._("The objective has {count} key results").format(count=number(count, tr.lang))
    good, most = number(SUGGESTED_KEY_RESULTS, tr.lang), number(MAX_KEY_RESULTS, tr.lang)
    advice = tr._("{good} is a good number, {most} at most").format(good=good, most=most)
    choices = (Choice(tr._("Add a key result"), "add"), Choice(tr._("That's all"), "done"))
    return tr._("{has} ({advice}). Add another?").format(has=has, advice=advice), None, choices


def _ask_deadline(i: Interview) -> _Question:
    tr = i.tr
    if i.deadline_options:
        choices = tuple(Choice(shown_day(d, tr.lang), d.isoformat()) for d in i.deadline_options)
    else:
        # In Persian the quarter and the year are the Persian calendar's.
        persian = tr.lang == "fa"
        choices = (
            Choice(tr._("In 6 weeks"), "in 6 weeks"),
            Choice(tr._("End of the quarter"), "پایان فصل" if persian else "end of the quarter"),
            Choice(tr._("End of the year"), "پایان سال شمسی" if persian else "end of the year"),
        )
    return tr._("By *when*?"), tr._(DEADLINE_EXAMPLE), choices


def _ask_owner(i: Interview) -> _Question:
    tr = i.tr
    return (tr._("Who *owns* it? Say “me” or mention someone."), tr._("me or @ana"),
            (Choice(tr._("Me"), "me"),))  # fmt: skip


def _ask_cadence(i: Interview) -> _Question:
    tr = i.tr
    choices = tuple(Choice(tr._(c.label), c.value) for c in CADENCE_CHOICES)
    return (tr._("How often should I ask the owner for a *check-in*? Weekly on Monday at 10:00 "
                 "is the default."), tr._("mon and thu at 09:30"), choices)  # fmt: skip


def _ask_channel(i: Interview) -> _Question:
    tr = i.tr
    here = Choice(tr._("This channel"), "here")
    if i.team and i.here_channel:
        question = tr._(
            "Which *channel* should get the digest with this team goal? This one, unless you "
            "mention another."
        )
        return question, tr._("#marketing"), (here,)
    choices = [Choice(tr._("No digest channel"), "skip")]
    if i.here_channel:
        choices.insert(0, here)
    return (tr._("Which *channel* should get the digest with this goal? Mention it, or skip."),
            tr._("#marketing"), tuple(choices))  # fmt: skip


def _ask_review(i: Interview) -> _Question:
    tr = i.tr
    if i.mode is Mode.OKR:
        question = tr._("Here is the objective. Save it, change a field by name, or cancel.")
    else:
        question = tr._("Here is the goal. Save it, change a field by name, or cancel.")
    return question, tr._("change target to 50k"), ()


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
    Step.WHY: N_("why"), Step.CATEGORY: N_("the objective"), Step.WHERE: N_("where"),
    Step.OBJECTIVE: N_("the objective"), Step.METRIC: N_("the metric"),
    Step.UNIT: N_("the kind of number"), Step.DIRECTION: N_("which way is better"),
    Step.BASELINE: N_("the baseline"), Step.TARGET: N_("the target"),
    Step.PERIOD: N_("the period"), Step.MORE: N_("more key results"),
    Step.DEADLINE: N_("the deadline"), Step.OWNER: N_("the owner"),
    Step.CADENCE: N_("the check-in cadence"), Step.CHANNEL: N_("the channel"),
}  # fmt: skip

HELP_TEXT = {
    Step.WHY: N_("Every goal serves a business objective: awareness, reputation, community, "
                 "sales, insights, leads, customer service, recruiting, crisis or internal "
                 "communication."),
    Step.WHERE: N_("The platform the metric is read from, or a scope such as “all channels” "
                   "or a city. Say skip if it doesn't apply."),
    Step.METRIC: N_("A metric you can read off an analytics tool (Meta Business Suite, YouTube "
                    "Studio...). A custom one is fine too."),
    Step.BASELINE: N_("Today's value, so the target means something. Numbers like 12k, "
                      "۱۲٬۴۰۰, 3.2%, 2h 30m or $1.5k all work."),
    Step.TARGET: N_("An absolute value (60k) or a change from today (+20%, double it, cut to "
                    "under 1h)."),
    Step.PERIOD: N_("Reach, views, sign-ups, revenue and the like are counted over a span: "
                    "“a month” judges each month's figure against the target, “in total” "
                    "the sum by the deadline."),
    Step.DEADLINE: N_("A date (31 Dec), a period (in 6 weeks) or a phrase (end of Q1). It is "
                      "read in your time zone."),
    Step.REVIEW: N_("Say save to keep the goal, “change target to 50k” (or baseline, period, "
                    "deadline, metric, owner, cadence, channel, why, where) to fix one field, "
                    "or okr for an objective with key results."),
}  # fmt: skip
GENERAL_HELP = N_(
    "Say back to change the previous answer, skip for optional questions, cancel to stop."
)


def help_text(i: Interview) -> str:
    """The help for the current step, then the words that work at any step."""
    tr = i.tr
    own = HELP_TEXT.get(i.step)
    return f"{tr._(own)} {tr._(GENERAL_HELP)}" if own else tr._(GENERAL_HELP)


def controls(i: Interview) -> tuple[Choice, ...]:
    tr = i.tr
    controls = []
    if i.history:
        controls.append(Choice(tr._("Back"), "back"))
    if i.step in SKIPPABLE:
        controls.append(Choice(tr._("Skip"), "skip"))
    controls.append(Choice(tr._("Cancel"), "cancel"))
    return tuple(controls)
