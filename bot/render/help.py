"""Block Kit for `/goals help`."""

from __future__ import annotations

from bot.render.common import Block, header, section
from bot.services.help import HelpView


def help_blocks(view: HelpView) -> list[Block]:
    blocks: list[Block] = [header("checkin-bot"), section(view.intro)]
    for part in view.sections:
        lines = "\n".join(f"• `{e.usage}` – {e.does}" for e in part.entries)
        blocks.append(section(f"*{part.title}*\n{lines}"))
    return blocks


def help_text(view: HelpView) -> str:
    """The notification text Slack shows beside the blocks."""
    return view.intro
