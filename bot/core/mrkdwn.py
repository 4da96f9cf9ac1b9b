"""Slack's markup both ways: making text safe to show, and reading what Slack sent.

Anything a person typed is escaped before the bot echoes it, so `<!channel>` or
`<@U123>` typed by someone shows as text instead of pinging a whole channel. Text Slack
sends (a slash command's) arrives escaped the same way, with links wrapped in `<…>`;
`typed` turns it back into the person's words, keeping mentions for the readers of owners
and channels.
"""

from __future__ import annotations

import re

# A link as Slack wraps it: <https://x.io/a.csv> or <https://x.io/a.csv|a.csv>; mentions
# (<@U…>, <#C…>, <!here>) start with @ # ! and are kept.
_LINK = re.compile(r"<(?P<url>[a-z][a-z0-9+.-]*:[^\s<>|]+)(?:\|[^<>]*)?>", re.IGNORECASE)


def escape(text: str) -> str:
    """Escape the three characters Slack treats as markup.

    Example:
        >>> escape("<!channel> & more")
        '&lt;!channel&gt; &amp; more'
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quoted(text: str, limit: int = 80) -> str:
    """A person's words, escaped, clipped and in quotation marks, for echoing back.

    Example:
        >>> quoted("we want <more>")
        '“we want &lt;more&gt;”'
    """
    clipped = " ".join(text.split())
    if len(clipped) > limit:
        clipped = clipped[: limit - 1] + "…"
    return f"“{escape(clipped)}”"


def typed(text: str) -> str:
    """Slack's escaped text as the person typed it: links bare, `&amp;` `&lt;` `&gt;` as
    `&` `<` `>`; mentions stay Slack's `<@U…|name>` and `<#C…|name>`.

    Example:
        >>> typed("feed #1 <https://x.io/r.csv?a=1&amp;b=2|r.csv> R&amp;D <@U2|ana>")
        'feed #1 https://x.io/r.csv?a=1&b=2 R&D <@U2|ana>'
    """
    unwrapped = _LINK.sub(lambda match: match["url"], text)
    return unwrapped.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
