"""Whose language: chosen, written, Slack's locale, default; and naming a language."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.languages import language_for, language_of_locale, language_of_text, read_language


@pytest.mark.parametrize(
    ("chosen", "written", "locale", "expected"),
    [
        ("tr", "هدف جدید", "ro-RO", "tr"),  # a choice beats everything
        (None, "هدف جدید", "ro-RO", "fa"),  # then what they write
        (None, "obiectiv nou până în martie", "en-US", "ro"),
        (None, "yeni hedef: takipçi sayısı", None, "tr"),
        (None, "mục tiêu mới", None, "vi"),
        (None, "new goal", "vi-VN", "vi"),  # then Slack's locale
        (None, "", "fa-IR", "fa"),
        (None, "new goal", "de-DE", "en"),  # a locale we do not speak: the default
        (None, "", None, "en"),
    ],
)
def test_the_language_to_answer_in(
    chosen: str | None, written: str, locale: str | None, expected: str
) -> None:
    assert (
        language_for(chosen=chosen, written=written, slack_locale=locale, default="en") == expected
    )


def test_the_default_is_the_workspace_setting() -> None:
    assert language_for(chosen=None, written="ok", slack_locale=None, default="ro") == "ro"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("fa", "fa"),
        ("FA", "fa"),
        ("Persian", "fa"),
        ("فارسی", "fa"),
        ("română", "ro"),
        ("Türkçe", "tr"),
        ("tiếng Việt", "vi"),
        ("english", "en"),
        ("klingon", None),
        ("", None),
    ],
)
def test_naming_a_language(typed: str, expected: str | None) -> None:
    assert read_language(typed) == expected


def test_locales() -> None:
    assert [language_of_locale(x) for x in ("fa-IR", "tr_TR", "vi", "de-DE", None)] == [
        "fa",
        "tr",
        "vi",
        None,
        None,
    ]


@given(st.text(max_size=300))
def test_any_text_gets_a_language_or_none(text: str) -> None:
    assert language_of_text(text) in (None, "fa", "ro", "tr", "vi")
    assert read_language(text) in (None, "en", "fa", "ro", "tr", "vi")
