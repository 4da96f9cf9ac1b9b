"""Right-to-left text that stays readable: left-to-right runs inside Persian are isolated.

In a Persian sentence, "<@U123> هدف #3 را به 41.2k رساند" is laid out right to left, and
Unicode's bidi algorithm lets the neutral characters around a Latin or numeric run
("#", "/", ".", "%") drift to the wrong side: "#3" shows as "3#", "/goals help" as
"goals help/". Wrapping each left-to-right run (mentions and channel links, `#N`,
numbers, code, commands) in a left-to-right isolate (U+2066 … U+2069) keeps it in one
piece and in its own order, and isolates do not count when Slack picks the paragraph's
direction, so a line that starts with a mention is still read right to left.
"""

from __future__ import annotations

import re

LRI = "\u2066"  # left-to-right isolate
PDI = "\u2069"  # pop directional isolate
_ISOLATES = re.compile("[\u2066-\u2069]")
RTL_LANGUAGES = frozenset({"fa"})

# Latin letters of every language the bot speaks (ç, ı, ș, ă, ư, ế…) and combining marks
# belong to a run: "takipçilerimizi" is one left-to-right word, not three.
_LATIN = "A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0300-\u036f\u1e00-\u1eff"
_WORD = rf"[#@/$€£]?[{_LATIN}](?:[{_LATIN}#@/_.,:%'’+\-]*[{_LATIN}%])?"
_TOKEN = r"(?:`[^`\n]+`|<[^<>\n]+>|" + _WORD + ")"
_LTR_RUN = re.compile(_TOKEN + r"(?:[ \t]+" + _TOKEN + ")*")


def isolate_ltr(text: str) -> str:
    """Wrap every left-to-right run of `text` in an isolate; applying it twice changes nothing.

    Example:
        >>> isolate_ltr("هدف #3 از <@U1> به 41.2k").replace(LRI, "[").replace(PDI, "]")
        'هدف [#3] از [<@U1>] به [41.2k]'
    """
    plain = _ISOLATES.sub("", text)
    return _LTR_RUN.sub(lambda match: LRI + match.group() + PDI, plain)


def rtl(text: str, lang: str) -> str:
    """`text` ready for Slack in `lang`: isolated runs for a right-to-left language, else as is.

    Persian's zero (۰) is a dot: "۱ طبق برنامه · ۰ در خطر" reads as a run of zeros, so
    Persian text separates its parts with a bullet instead of the middle dot.
    """
    return isolate_ltr(persian_separators(text)) if lang in RTL_LANGUAGES else text


def persian_separators(text: str) -> str:
    """ " · " as " • ", which no Persian digit looks like.

    Example:
        >>> persian_separators("۱ طبق برنامه · ۰ در خطر")
        '۱ طبق برنامه • ۰ در خطر'
    """
    return text.replace(" · ", " • ")


def without_isolates(text: str) -> str:
    """The text as typed, isolates removed (what a test or a search compares)."""
    return _ISOLATES.sub("", text)
