"""Making text safe to show in Slack's mrkdwn.

Anything a person typed is escaped before the bot echoes it, so `<!channel>` or
`<@U123>` typed by someone shows as text instead of pinging a whole channel.
"""

from __future__ import annotations


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
