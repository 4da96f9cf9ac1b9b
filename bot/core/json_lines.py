"""Which line of a JSON text each element of a top-level array starts on.

`json.loads` forgets where things were, but a person fixing an import file needs
"line 12", not "the third check-in". Each element is decoded only to find where
it ends, so nested braces, brackets and strings holding them are stepped over
the way the parser sees them.
"""

from __future__ import annotations

import json

_BLANKS = " \t\r\n"


def element_lines(text: str, section: str) -> list[int]:
    """The line each element of the top-level array `section` starts on; [] without one.

    `text` must be valid JSON holding an object.

    Example:
        >>> element_lines('{"goals": [\\n  {"id": "a"},\\n  {"id": "b"}\\n]}', "goals")
        [2, 3]
        >>> element_lines('{"checkins": [{"goal": "[a]"}]}', "goals")
        []
    """
    decoder = json.JSONDecoder()
    position = text.index("{") + 1
    while True:
        position = _skip(text, position, _BLANKS + ",")
        if text[position] == "}":
            return []
        key, position = decoder.raw_decode(text, position)
        position = _skip(text, position, _BLANKS + ":")
        if key != section:
            _, position = decoder.raw_decode(text, position)
            continue
        lines: list[int] = []
        position += 1  # the "["
        while True:
            position = _skip(text, position, _BLANKS + ",")
            if text[position] == "]":
                return lines
            lines.append(text.count("\n", 0, position) + 1)
            _, position = decoder.raw_decode(text, position)


def _skip(text: str, position: int, chars: str) -> int:
    while position < len(text) and text[position] in chars:
        position += 1
    return position
