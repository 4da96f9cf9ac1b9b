"""Which language a person or a channel is answered in: naming one, guessing one, choosing one.

Pure: the stored choice, the text a person wrote and Slack's `locale` come in as values.
The order is the one the README promises: a person's own choice, else the language of
what they write, else Slack's locale, else the workspace default (`DEFAULT_LANGUAGE`).
"""

from __future__ import annotations

import re

from bot.core.kpis import LANGUAGES
from bot.core.wording import normalise

# What people call each language, in English and in the language itself.
_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("en", "english", "engleza", "ingilizce", "tieng anh", "انگلیسی"),
    "fa": ("fa", "farsi", "persian", "فارسی", "پارسی", "persana", "farsca", "tieng ba tu"),
    "ro": ("ro", "romanian", "romana", "limba romana", "romence", "tieng romania", "رومانیایی"),
    "tr": ("tr", "turkish", "turkce", "turca", "tieng tho nhi ky", "ترکی"),
    "vi": ("vi", "vietnamese", "tieng viet", "vietnameza", "vietnamca", "ویتنامی"),
}
_BY_NAME = {normalise(name): code for code, names in _NAMES.items() for name in names}

# Letters only: Persian digits and separators ("۴۱٬۲۰۰") are typed by people of any language.
_ARABIC_SCRIPT = re.compile(
    r"[\u0600-\u065f\u066e-\u06ef\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]"
)
# Letters only one of the Latin-script languages writes. Romanian is asked first: its old
# spelling "ş" is also Turkish, but a Romanian text nearly always has an ă, ș or ț too.
_VIETNAMESE = re.compile(r"[ơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)
_ROMANIAN = re.compile(r"[ășțţ]", re.IGNORECASE)
_TURKISH = re.compile(r"[ığçşöüİĞÇŞÖÜ]")  # no IGNORECASE: "İ" would match "i"


def read_language(text: str) -> str | None:
    """The language `text` names ("fa", "Persian", "فارسی", "Türkçe"), or None.

    Example:
        >>> read_language("Türkçe"), read_language("فارسی"), read_language("klingon")
        ('tr', 'fa', None)
    """
    return _BY_NAME.get(normalise(text.strip())[:40])


def language_of_text(text: str) -> str | None:
    """The language a message is written in, when its letters say so; None for plain ASCII.

    Example:
        >>> language_of_text("ریچ چطوره؟"), language_of_text("până la 1 martie")
        ('fa', 'ro')
        >>> language_of_text("gấp đôi"), language_of_text("5 bin takipçi"), language_of_text("hi")
        ('vi', 'tr', None)
    """
    if _ARABIC_SCRIPT.search(text):
        return "fa"
    if _VIETNAMESE.search(text):
        return "vi"
    if _ROMANIAN.search(text):
        return "ro"
    if _TURKISH.search(text):
        return "tr"
    return None


def language_of_locale(locale: str | None) -> str | None:
    """The bot's language for a Slack `locale` ("fa-IR" -> "fa"); None for one it lacks."""
    if not locale:
        return None
    code = locale.replace("_", "-").split("-")[0].casefold()
    return code if code in LANGUAGES else None


def language_for(
    *, chosen: str | None, written: str = "", slack_locale: str | None, default: str
) -> str:
    """The language to answer in: chosen, else written, else Slack's locale, else default.

    Example:
        >>> language_for(chosen=None, written="هدف جدید", slack_locale="ro-RO", default="en")
        'fa'
        >>> language_for(chosen="tr", written="هدف جدید", slack_locale=None, default="en")
        'tr'
        >>> language_for(chosen=None, written="new goal", slack_locale="vi-VN", default="en")
        'vi'
    """
    for candidate in (chosen, language_of_text(written), language_of_locale(slack_locale)):
        if candidate in LANGUAGES:
            return candidate
    return default
