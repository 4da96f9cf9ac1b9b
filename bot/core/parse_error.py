"""The one way a parser says it could not read some text.

Parsers of user text (numbers, dates, cadences, digest requests) never raise on what a
person typed: they return their result or a `ParseError`, which the caller shows back.
A problem that quotes something (a date, a number, what was typed) keeps its `template`
and `values` apart, so each language writes the values its own way
(bot/i18n/problems.py); `message` is the English text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Month(int):
    """A month's number (1-12) quoted in a problem: each language writes its own name."""


class Year(int):
    """A year quoted in a problem: written in the language's digits, never grouped."""


@dataclass(frozen=True, slots=True)
class ParseError:
    """Why some text could not be read, with an example the user can copy."""

    message: str
    example: str
    template: str = ""
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def quoting(cls, template: str, example: str, **values: object) -> ParseError:
        """A problem naming what it found: "{day} has already passed." with day=date(…).

        Example:
            >>> ParseError.quoting("{day} has already passed.", "31 Dec", day=date(2026, 1, 5))
            ... # doctest: +ELLIPSIS
            ParseError(message='5 Jan 2026 has already passed.', example='31 Dec', ...)
        """
        english = {name: in_english(value) for name, value in values.items()}
        return cls(template.format(**english), example, template, tuple(values.items()))


def in_english(value: object) -> str:
    """A quoted value as the English message writes it ("5 Jan 2026", "Feb", "12")."""
    if isinstance(value, ParseError):
        return value.message
    if isinstance(value, Month):
        return _MONTHS[value - 1] if 1 <= value <= len(_MONTHS) else f"month {int(value)}"
    if isinstance(value, date):
        return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
    return str(value)
