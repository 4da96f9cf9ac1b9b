"""The one way a parser says it could not read some text.

Parsers of user text (numbers, dates, cadences, digest requests) never raise on what a
person typed: they return their result or a `ParseError`, which the caller shows back.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ParseError:
    """Why some text could not be read, with an example the user can copy."""

    message: str
    example: str
