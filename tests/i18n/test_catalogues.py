"""The message catalogues: every marked message in every language, and nothing left in English."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.core.kpis import LANGUAGES
from bot.i18n.catalogue import (
    SOURCE_LANGUAGE,
    Translator,
    catalogue_files,
    merged_catalogue,
    translator,
)
from bot.render.help import DID_NOT_CATCH, help_blocks, help_text, help_view, unknown_command_text
from bot.render.languages import (
    digest_language_text,
    language_cleared_text,
    language_shown_text,
    no_digest_for_language_text,
    unknown_language_text,
)
from tests.i18n.pseudo import PSEUDO, english_left, shown_texts

ROOT = Path(__file__).parent.parent.parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
TRANSLATED = [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|`[^`]*`|<#\{channel\}>")


def marked_messages() -> list[str]:
    """Every message id the code marks; a plural message by its singular, as catalogues key it."""
    found: list[str] = []
    for _file, _line, message, _comments, _context in extract_from_dir(
        ROOT / "bot", method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        one = message[0] if isinstance(message, tuple) else message
        if one not in found:
            found.append(one)
    return found


def test_the_scan_finds_the_help_and_the_language_replies() -> None:
    marked = marked_messages()
    assert "Getting started" in marked
    assert "From now on I answer you in {language}." in marked


def test_a_plural_message_is_found_by_its_singular_in_every_form() -> None:
    catalogue = Catalog(locale="ro")
    catalogue.add(("{n} goal", "{n} goals"), ("{n} obiectiv", "{n} obiective", "{n} de obiective"))
    assert catalogue["{n} goal"].string == ("{n} obiectiv", "{n} obiective", "{n} de obiective")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_marked_message_is_translated_in_every_language(lang: str) -> None:
    catalogue = merged_catalogue(lang)
    missing = [
        msgid
        for msgid in marked_messages()
        if msgid not in catalogue or not catalogue[msgid].string or catalogue[msgid].fuzzy
    ]
    assert missing == [], f"{lang} lacks {len(missing)}: {missing[:5]}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_placeholders_and_code_as_typed(lang: str) -> None:
    catalogue = merged_catalogue(lang)
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        # Each plural form keeps the placeholders of the English plural (the singular may
        # spell out its "1" where a language's one form covers every count).
        expected = sorted(PLACEHOLDER.findall(ids[-1]))
        for form in forms:
            assert sorted(PLACEHOLDER.findall(form)) == expected, (message.id, form)


def test_each_part_of_the_bot_has_its_file_in_every_language() -> None:
    parts = {lang: [path.name for path in catalogue_files(lang)] for lang in TRANSLATED}
    assert all(names == parts["fa"] for names in parts.values()), parts
    assert "help.po" in parts["fa"]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_no_message_is_in_two_files(lang: str) -> None:
    seen: dict[str, str] = {}
    for path in catalogue_files(lang):
        with path.open("rb") as handle:
            for message in read_po(handle):
                if message.id:
                    key = str(message.id)
                    assert key not in seen, f"{key!r} in {seen[key]} and {path.name}"
                    seen[key] = path.name


def test_plural_rules_come_from_each_language() -> None:
    romanian = translator("ro").translations
    assert isinstance(romanian, gettext.GNUTranslations)
    # Romanian: 1 obiectiv, 5 obiective, 20 de obiective.
    assert [romanian.plural(n) for n in (1, 5, 20)] == [0, 1, 2]
    vietnamese = translator("vi").translations
    assert isinstance(vietnamese, gettext.GNUTranslations)
    assert {vietnamese.plural(n) for n in (1, 5, 20)} == {0}


def test_an_unknown_language_falls_back_to_english() -> None:
    assert translator("xx")._("Getting started") == "Getting started"
    assert translator("fa")._("Getting started") == "شروع کار"


def converted_views(tr: Translator) -> list[str]:
    """Everything the converted views show, rendered with `tr`."""
    view = help_view()
    return [
        *shown_texts(help_blocks(view, tr)),
        help_text(view, tr),
        tr._(DID_NOT_CATCH),
        unknown_command_text("/goals", "frobnicate", tr),
        language_cleared_text(tr),
        language_shown_text(tr, None),
        language_shown_text(tr, "en"),
        unknown_language_text(tr, "123"),
        digest_language_text(tr, "C1", "tr"),
        digest_language_text(tr, "C1", None),
        no_digest_for_language_text(tr, "C1"),
    ]


def test_the_pseudo_locale_leaves_no_english_word_in_the_converted_views() -> None:
    leftovers = {word for shown in converted_views(PSEUDO) for word in english_left(shown)}
    assert leftovers == set()


def test_the_check_sees_english_when_a_view_is_not_translated() -> None:
    """The pseudo-locale test can fail: English rendering is full of English words."""
    english = converted_views(translator("en"))
    assert {"list", "goal", "digest"} <= {w for shown in english for w in english_left(shown)}
