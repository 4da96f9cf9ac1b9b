"""Block Kit for answers to questions; the console and `checkin-bot ask` print the same blocks.

Everything is said in the asker's language (`tr`); English is the default, so callers
that do not know the asker's language read as before.
"""

from __future__ import annotations

from bot.core.kpis import PLATFORMS, kpi
from bot.core.mrkdwn import escape, quoted
from bot.core.period import Period
from bot.core.questions import Question
from bot.i18n import formats
from bot.i18n.bidi import RTL_LANGUAGES, rtl
from bot.i18n.catalogue import N_, Translator
from bot.render.answer_card import card, card_headline, change_text, goal_line
from bot.render.common import Block, actions, button, context, section
from bot.render.figures import (
    ENGLISH,
    by_count,
    day_text,
    score_number,
    status_label,
    verdict_label,
)
from bot.render.text import blocks_to_text
from bot.services.questions.answer import EXAMPLES, MAX_LISTED, Answer, ObjectiveScore, Said
from bot.services.questions.assess import GoalChange

STATUS_ACTION = "question.status"
"""Prefix of the buttons that answer the status of one goal from a list of matches."""


def answer_blocks(answer: Answer, tr: Translator = ENGLISH) -> list[Block]:
    """The blocks of an answer: a card for one goal, lines for several.

    Example:
        >>> answer_blocks(Answer(Intent.HELP, Said.HELP))[0]["type"]
        'section'
    """
    return [_rtl_block(block, tr.lang) for block in _blocks(answer, tr)]


def _rtl_block(node: Block, lang: str) -> Block:
    """A block whose shown texts read right to left in Persian (values and ids untouched)."""
    if lang not in RTL_LANGUAGES:
        return node
    text = node.get("text")
    if isinstance(text, str) and node.get("type") in ("mrkdwn", "plain_text"):
        node = {**node, "text": rtl(text, lang)}
    elif isinstance(text, dict):
        node = {**node, "text": _rtl_block(text, lang)}
    if "elements" in node:
        node = {**node, "elements": [_rtl_block(e, lang) for e in node["elements"]]}
    return node


def _blocks(answer: Answer, tr: Translator) -> list[Block]:
    if answer.said is Said.CARD:
        return card(answer.goals[0], tr)
    # One objective's section already says what the headline says.
    one_score = len(answer.objectives) == 1 and answer.objectives[0].score is not None
    headline = _headline(answer, tr)
    blocks: list[Block] = (
        [] if one_score else [section(f"*{headline}*" if answer.goals else headline)]
    )
    if answer.goals:
        blocks.append(section("\n".join(goal_line(goal, tr) for goal in answer.goals)))
    lines = _lines(answer, tr)
    if lines:
        blocks.append(section("\n".join(f"• {line}" for line in lines)))
    blocks.extend(section(_objective(o, tr)) for o in answer.objectives)
    if answer.more:
        blocks.append(
            context(tr._("…and {count} more.").format(count=formats.number(answer.more, tr.lang)))
        )
    if answer.said is Said.CHOOSE:
        blocks.append(
            actions(
                *(
                    button(goal.title, f"{STATUS_ACTION}.{index}", str(goal.goal_id))
                    for index, goal in enumerate(answer.goals)
                ),
                block_id="question.choices",
            )
        )
    return blocks


def answer_text(answer: Answer, tr: Translator = ENGLISH) -> str:
    """The answer as plain text: what the console and `checkin-bot ask` print."""
    text, _ = blocks_to_text(answer_blocks(answer, tr), fallback=answer_headline(answer, tr))
    return text


def answer_headline(answer: Answer, tr: Translator = ENGLISH) -> str:
    """One line that stands alone: Slack's notification text, and the answer's first line."""
    return rtl(_headline(answer, tr), tr.lang)


def _headline(answer: Answer, tr: Translator) -> str:
    question, count = answer.question, answer.count
    match answer.said:
        case Said.NO_GOALS_YET:
            return tr._(
                "No goal tracks {what}: this workspace has no goals yet. "
                "Set one up with `/goals new` (or send me “new goal”), "
                "or import a file with `checkin-bot import`."
            ).format(what=_asked_about(question, tr))
        case Said.UNTRACKED:
            return _untracked_headline(answer, tr)
        case Said.CHOOSE:
            return tr._("{count} goals match {what}; which one?").format(
                count=formats.number(count, tr.lang), what=_asked_about(question, tr)
            )
        case Said.CARD:
            return card_headline(answer.goals[0], tr)
        case Said.LISTED:
            return _listed_headline(question, count, tr)
        case Said.OWNERS:
            return _owners_headline(answer, tr)
        case Said.CHANGES:
            assert question is not None
            return _changes_headline(question, tr)
        case Said.DUE:
            return _due_headline(answer, tr)
        case Said.NO_OBJECTIVE_MATCHES:
            titles = ", ".join(escape(title) for title in answer.objective_titles)
            return tr._("No objective matches {words}. Objectives: {titles}.").format(
                words=quoted(answer.unmatched), titles=titles
            )
        case Said.SCORES:
            return _scores_headline(answer.objectives, tr)
        case _:
            return tr._(_FIXED_HEADLINES[answer.said])


_FIXED_HEADLINES = {
    Said.GONE: N_("That goal is gone: it was archived or deleted."),
    Said.NO_OBJECTIVES: N_("There are no OKR objectives here yet, so there is no score."),
    Said.HELP: N_(
        "Ask me about your goals in plain words, in English, Persian, Romanian, "
        "Turkish or Vietnamese. For example:"
    ),
    Said.UNKNOWN: N_("I didn't understand that question. Questions I can answer look like these:"),
}
"""Headlines that say the same whatever was asked."""


def _changes_headline(question: Question, tr: Translator) -> str:
    if question.metrics:
        what = _asked_about(question, tr)
        spans = {
            None: tr._("How {what} changed since the previous check-in"),
            Period.WEEKLY: tr._("How {what} changed over the last 7 days"),
            Period.MONTHLY: tr._("How {what} changed over the last 30 days"),
        }
        return spans[question.period].format(what=what)
    mine = {
        None: tr._("How your goals changed since the previous check-in"),
        Period.WEEKLY: tr._("How your goals changed over the last 7 days"),
        Period.MONTHLY: tr._("How your goals changed over the last 30 days"),
    }
    return mine[question.period]


def _untracked_headline(answer: Answer, tr: Translator) -> str:
    tracked = sorted({_with_platform(escape(name), where, tr) for name, where in answer.tracked})
    shown = ", ".join(tracked[:MAX_LISTED])
    left = len(tracked) - MAX_LISTED
    if left > 0:
        shown = tr._("{names} and {count} more").format(
            names=shown, count=formats.number(left, tr.lang)
        )
    return tr._("No goal tracks {what}. Goals here track: {names}.").format(
        what=_asked_about(answer.question, tr), names=shown
    )


def _listed_headline(question: Question | None, count: int, tr: Translator) -> str:
    assert question is not None
    scope = _list_scope(question, tr)
    status = status_label(question.status, tr) if question.status is not None else ""
    if not count:
        if status:
            none = tr._("No {scope}goals {status} right now.")
        else:
            none = tr._("No {scope}goals right now.")
        return none.format(scope=scope, status=status).strip()
    if status:
        one, many = N_("{count} {scope}goal {status}"), N_("{count} {scope}goals {status}")
    else:
        one, many = N_("{count} {scope}goal"), N_("{count} {scope}goals")
    return by_count(tr, one, many, count, scope=scope, status=status).strip()


def _list_scope(question: Question, tr: Translator) -> str:
    """What goes before "goals" in a list's headline: "of your Instagram reach "."""
    mine = tr._("of your") + " " if question.mine else ""
    platform = _platform_name(question.platform) + " " if question.platform else ""
    metrics = " / ".join(_metric_name(key, tr).lower() for key in question.metrics)
    # Each language puts the owner, platform and metric in its own order.
    return tr._("{mine}{platform}{metric}").format(
        mine=mine, platform=platform, metric=metrics + " " if metrics else ""
    )


def _owners_headline(answer: Answer, tr: Translator) -> str:
    if answer.count == 1:
        return _owner_line(*answer.owners[0], tr).replace("*", "")
    return tr._("Owners of {count} goals").format(count=formats.number(answer.count, tr.lang))


def _due_headline(answer: Answer, tr: Translator) -> str:
    assert answer.until is not None
    until, count = day_text(answer.until, tr), answer.count
    if not count:
        return tr._("Nothing is due between today and {day}.").format(day=until)
    one, many = N_("{count} goal due by {day}"), N_("{count} goals due by {day}")
    return by_count(tr, one, many, count, day=until)


def _lines(answer: Answer, tr: Translator) -> tuple[str, ...]:
    """The extra lines under the headline: owners, changes or example questions."""
    if answer.said is Said.OWNERS and answer.count != 1:
        return tuple(_owner_line(title, owner, tr) for title, owner in answer.owners)
    if answer.said is Said.CHANGES:
        return tuple(_change_line(change, tr) for change in answer.changes)
    if answer.said in (Said.HELP, Said.UNKNOWN):
        return tuple(f"“{tr._(example)}”" for _, example in EXAMPLES)
    return ()


def _metric_name(key: str, tr: Translator) -> str:
    """A metric by the KPI catalogue's own word in the asker's language ("ریچ", "erişim")."""
    return kpi(key).name_in(tr.lang)


def _platform_name(key: str) -> str:
    return next((p.name for p in PLATFORMS if p.key == key), key)


def _asked_about(question: Question | None, tr: Translator) -> str:
    assert question is not None
    if question.metrics:
        what = tr._(" or ").join(_metric_name(key, tr) for key in question.metrics)
    else:
        what = quoted(question.subject) if question.subject else tr._("that")
    return _with_platform(what, question.platform, tr)


def _with_platform(what: str, platform: str | None, tr: Translator) -> str:
    if not platform:
        return what
    return tr._("{what} on {platform}").format(what=what, platform=_platform_name(platform))


def _owner_line(title: str, owner_id: str | None, tr: Translator) -> str:
    if owner_id:
        owner = tr._("owned by <@{user}>").format(user=owner_id)
    else:
        owner = tr._("nobody owns it yet")
    return f"*{escape(title)}*: {owner}"


def _change_line(moved: GoalChange, tr: Translator) -> str:
    return f"*{escape(moved.title)}*: " + (
        change_text(moved, tr)
        or tr._("no check-ins to compare in that span, so no change to report")
    )


def _scores_headline(scores: tuple[ObjectiveScore, ...], tr: Translator) -> str:
    first = scores[0]
    if len(scores) == 1 and first.score is not None and first.verdict is not None:
        return tr._("{title}: score {score} ({verdict})").format(
            title=escape(first.title),
            score=score_number(first.score, tr.lang),
            verdict=verdict_label(first.verdict, tr),
        )
    if len(scores) > 1:
        return tr._("Scores of {count} objectives").format(
            count=formats.number(len(scores), tr.lang)
        )
    return tr._("{title} has no key results yet, so no score").format(title=escape(first.title))


def _objective(score: ObjectiveScore, tr: Translator) -> str:
    title = escape(score.title)
    if score.score is None or score.verdict is None:
        return tr._("*{title}*: no key results yet, so no score").format(title=title)
    results = "\n".join(
        f"• {escape(kr)}: {score_number(value, tr.lang)}" for kr, value in score.key_results
    )
    head = tr._("*{title}*: score *{score}* ({verdict})").format(
        title=title,
        score=score_number(score.score, tr.lang),
        verdict=verdict_label(score.verdict, tr),
    )
    return f"{head}\n{results}"
