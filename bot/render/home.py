"""Block Kit for the App Home; stays under the Home tab's 100 blocks for any team."""

from __future__ import annotations

from bot.core.kpis import LANGUAGES
from bot.core.mrkdwn import escape
from bot.i18n import formats
from bot.i18n.catalogue import Translator, translator
from bot.render.common import (
    Block,
    actions,
    button,
    chunk_lines,
    context,
    divider,
    header,
    plain,
    section,
)
from bot.render.digest import rtl_blocks
from bot.render.goals import summary_with_key_results
from bot.render.interview import START_ACTION
from bot.render.languages import NAMES
from bot.services.goal_admin import GoalRow
from bot.services.home import HomeView

LANGUAGE_ACTION = "home.language"
"""The Home's language choice; its value is a language code, stored like `/goals language`."""

ENGLISH = translator("en")


def home_blocks(view: HomeView, tr: Translator = ENGLISH) -> list[Block]:
    """The App Home in `tr`'s language: buttons, what is due, my goals (with Edit), the
    team's goals in pages, and the language choice."""
    blocks = _home_blocks(view, tr)
    if tr.lang == "en":
        return blocks
    return rtl_blocks(blocks, tr.lang)


def language_choice(lang: str, tr: Translator) -> Block:
    """A select of the five languages, each by its own name, the current one chosen."""
    options = [{"text": plain(NAMES[code]), "value": code} for code in LANGUAGES]
    select: Block = {
        "type": "static_select",
        "action_id": LANGUAGE_ACTION,
        "placeholder": plain(tr._("Language")),
        "options": options,
        "initial_option": options[LANGUAGES.index(lang)],
    }
    block = section(tr._("*Language*: I answer you in {language}.").format(language=NAMES[lang]))
    block["accessory"] = select
    return block


def _home_blocks(view: HomeView, tr: Translator) -> list[Block]:
    def count(n: int) -> str:
        return formats.number(n, tr.lang)

    pause = (
        button(tr._("Resume reminders"), "home.resume_reminders")
        if view.reminders_paused
        else button(tr._("Pause reminders"), "home.pause_reminders")
    )
    blocks: list[Block] = [
        header(tr._("Your goals at a glance")),
        actions(
            button(tr._("New goal"), START_ACTION, "new", style="primary"),
            button(tr._("Check in"), "home.checkin"),
            pause,
            button(tr._("Subscribe a channel to digests"), "digest.subscribe"),
        ),
    ]
    if view.due:
        due = ", ".join(f"`#{r.number}` {escape(r.title)}" for r in view.due)
        heading = tr._("*Due for a check-in* (nothing new for a week): {goals}")
        blocks.append(section(heading.format(goals=due)))
    elif view.mine:
        nothing = tr._("Nothing due: you have checked in on all your goals this week.")
        blocks.append(section(nothing + " ✅"))

    mine = tr._("My goals ({count})").format(count=count(view.mine_total))
    blocks += [divider(), header(mine)]
    if not view.mine:
        blocks.append(section(tr._("You own no goals yet. Press *New goal* to set one.")))
    blocks += [_goal_with_edit(row, tr) for row in view.mine]
    if view.mine_total > len(view.mine):
        more = tr._("…and {count} more: `/goals list` shows them all.")
        blocks.append(context(more.format(count=count(view.mine_total - len(view.mine)))))

    team = tr._("Team goals ({count})").format(count=count(view.team_total))
    blocks += [divider(), header(team)]
    if not view.team:
        blocks.append(section(tr._("No goals of others yet.")))
    else:
        blocks += [
            section(chunk)
            for chunk in chunk_lines([summary_with_key_results(r, tr) for r in view.team])
        ]
    if view.pages > 1:
        paging = []
        if view.page > 0:
            paging.append(button(tr._("Previous"), "home.page_prev", str(view.page - 1)))
        if view.page < view.pages - 1:
            paging.append(button(tr._("Next"), "home.page_next", str(view.page + 1)))
        page = tr._("Page {page} of {pages}")
        blocks.append(context(page.format(page=count(view.page + 1), pages=count(view.pages))))
        blocks.append(actions(*paging))
    if view.digest_channels:
        channels = ", ".join(f"<#{c}>" for c in view.digest_channels[:20])
        blocks.append(context(tr._("Digests go to {channels}.").format(channels=channels)))
    blocks += [divider(), language_choice(tr.lang, tr)]
    blocks.append(context(tr._("Type `/goals help` anywhere to see everything I can do.")))
    return blocks


def _goal_with_edit(row: GoalRow, tr: Translator) -> Block:
    block = section(summary_with_key_results(row, tr))
    block["accessory"] = button(tr._("Edit"), f"goal.edit_{row.goal_id}", str(row.goal_id))
    return block
