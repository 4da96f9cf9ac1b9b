"""Message catalogues: gettext .po files per language, read through Babel at runtime.

English is the source language: a message id is the English text, so `en` needs no
catalogue. The others live in `bot/locale/<lang>/LC_MESSAGES/*.po`, one file per part
of the bot (help, interview, check-ins, reports…) so each part's messages are kept
together; a language's files are merged and compiled in memory on first use (no
binaries in git). Plural rules come from each catalogue's
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

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot.core.kpis import LANGUAGES

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


def catalogue_files(lang: str) -> list[Path]:
    """The `.po` files holding `lang`'s messages, one per part of the bot."""
    return sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po"))


def merged_catalogue(lang: str) -> Catalog:
    """All of `lang`'s messages in one catalogue; the plural rule from its first file."""
    merged: Catalog | None = None
    for path in catalogue_files(lang):
        with path.open("rb") as handle:
            part = read_po(handle, locale=lang)
        if merged is None:
            merged = part
            continue
        for message in part:
            if message.id:
                merged[message.id] = message
    return merged if merged is not None else Catalog(locale=lang)


@cache
def translator(lang: str) -> Translator:
    """The translator for `lang` ("fa", "ro", "tr", "vi", "en"); English for any other."""
    if lang == SOURCE_LANGUAGE or lang not in LANGUAGES:
        return Translator(SOURCE_LANGUAGE, gettext.NullTranslations())
    buffer = BytesIO()
    write_mo(buffer, merged_catalogue(lang))
    buffer.seek(0)
    return Translator(lang, gettext.GNUTranslations(buffer))
