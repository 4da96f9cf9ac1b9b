"""The answers to `/goals language` and `/goals digest here language`, in the catalogue."""

from __future__ import annotations

from bot.core.kpis import LANGUAGES
from bot.core.mrkdwn import escape
from bot.i18n.bidi import rtl
from bot.i18n.catalogue import Translator, translator

# Each language by its own name: a person finds theirs whatever the bot speaks now.
NAMES = {"en": "English", "fa": "فارسی", "ro": "Română", "tr": "Türkçe", "vi": "Tiếng Việt"}
CHOICES = " · ".join(f"`{code}` {NAMES[code]}" for code in LANGUAGES)


def language_set_text(lang: str) -> str:
    """Said in the language just chosen, so the person sees it work."""
    tr = translator(lang)
    return rtl(tr._("From now on I answer you in {language}.").format(language=NAMES[lang]), lang)


def language_cleared_text(tr: Translator) -> str:
    text = tr._(
        "I'll answer in the language you write in, else the one Slack has for you. "
        "Choose one with `/goals language fa`."
    )
    return rtl(text, tr.lang)


def language_shown_text(tr: Translator, chosen: str | None) -> str:
    if chosen is None:
        head = tr._("You haven't chosen a language; I answer you in {language}.")
    else:
        head = tr._("I answer you in {language}, as you chose.")
    tail = tr._("To change it: `/goals language CODE`, one of:")
    return rtl(f"{head.format(language=NAMES[tr.lang])} {tail} {CHOICES}", tr.lang)


def unknown_language_text(tr: Translator, typed: str) -> str:
    shown = escape(typed[:40].replace("`", "'"))
    text = tr._("I don't speak “{typed}” yet. I can answer in:").format(typed=shown)
    return rtl(f"{text} {CHOICES}", tr.lang)


def digest_language_text(tr: Translator, channel_id: str, lang: str | None) -> str:
    if lang is None:
        text = tr._("The digest in <#{channel}> is written in the workspace's default language.")
        return rtl(text.format(channel=channel_id), tr.lang)
    text = tr._("The digest in <#{channel}> is now written in {language}.")
    return rtl(text.format(channel=channel_id, language=NAMES[lang]), tr.lang)


def no_digest_for_language_text(tr: Translator, channel_id: str) -> str:
    text = tr._(
        "<#{channel}> has no digest yet: start one with `/goals digest here weekly mon 09:00`, "
        "then choose its language."
    )
    return rtl(text.format(channel=channel_id), tr.lang)
