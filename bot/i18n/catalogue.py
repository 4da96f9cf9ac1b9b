"""Message catalogues: gettext .po files per language, read through Babel at runtime.

English is the source language: a message id is the English text, so `en` needs no
catalogue. The others live in `bot/locale/<lang>/LC_MESSAGES/checkin_bot.po`; a
compiled `.mo` beside one is used when present, else the `.po` is compiled in memory
on first use (no binaries in git). Plural rules come from each catalogue's
`Plural-Forms` header (Babel writes them from CLDR: Persian, Turkish and Vietnamese
have one form for the numbers we show, Romanian three).

Code marks text a person sees with `tr._("...")` / `tr.ngettext(...)`, or `N_("...")`
where the text sits in a table and is translated when rendered; tests/test_catalogues.py
finds every marked id and fails on one a catalogue lacks.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot.core.kpis import LANGUAGES

DOMAIN = "checkin_bot"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
SOURCE_LANGUAGE = "en"


def N_(message: str) -> str:
    """Mark `message` for the catalogues without translating it yet."""
    return message


@dataclass(frozen=True, eq=False)
class Translator:
    """One language's messages: `_` for a sentence, `ngettext` for one with a count."""

    lang: str
    translations: gettext.NullTranslations

    def _(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)


def catalogue_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translator(lang: str) -> Translator:
    """The translator for `lang` ("fa", "ro", "tr", "vi", "en"); English for any other."""
    if lang == SOURCE_LANGUAGE or lang not in LANGUAGES:
        return Translator(SOURCE_LANGUAGE, gettext.NullTranslations())
    return Translator(lang, _load(catalogue_path(lang)))


def _load(po_path: Path) -> gettext.GNUTranslations:
    compiled = po_path.with_suffix(".mo")
    if compiled.exists():
        with compiled.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
