"""The pseudo-locale: every letter of every translated message comes out accented, so a
view rendered with it that still shows a plain English word has text left untranslated."""

from __future__ import annotations

import gettext
import re

from bot.i18n.bidi import without_isolates
from bot.i18n.catalogue import Translator

_PSEUDO_LETTERS = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "ȧƀƈḓḗƒɠħīĵķŀḿƞǿƥɋřşŧŭṽẇẋẏẑȦƁƇḒḖƑƓĦĪĴĶĿḾȠǾƤɊŘŞŦŬṼẆẊẎẐ",
)
_KEPT = re.compile(r"(\{[a-z_]+\}|`[^`]*`|<[^>]*>)")


def _pseudo(text: str) -> str:
    """Accented look-alikes for every letter, placeholders and code left as they are."""
    return "".join(
        part if _KEPT.fullmatch(part) else part.translate(_PSEUDO_LETTERS)
        for part in _KEPT.split(text)
    )


class _Pseudo(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return _pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return _pseudo(msgid1 if n == 1 else msgid2)


PSEUDO = Translator("en", _Pseudo())
# Names that are the same in every language, and what a person types (in code).
NOT_WORDS = {"checkin", "bot", "SMART", "OKR", "OKRs", "CSV", "API", "REST", "Slack"}
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")


def english_left(shown: str) -> list[str]:
    plain = re.sub(r"`[^`]*`|<[^>]*>", " ", without_isolates(shown))
    plain = re.sub(r"(English|Română|Türkçe|Tiếng Việt)", " ", plain)  # the languages' own names
    return [w for w in ENGLISH_WORD.findall(plain) if w not in NOT_WORDS]


def shown_texts(node: object) -> list[str]:
    """The text a person sees in Block Kit (not its keys and types)."""
    if isinstance(node, dict):
        text = node.get("text")
        own = [text] if isinstance(text, str) else []
        return own + [t for value in node.values() for t in shown_texts(value)]
    if isinstance(node, list):
        return [t for item in node for t in shown_texts(item)]
    return []


def english_left_in(texts: list[str]) -> set[str]:
    """The English words still shown in `texts` (rendered with PSEUDO, this should be none)."""
    return {word for shown in texts for word in english_left(shown)}
