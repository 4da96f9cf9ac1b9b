"""CSV cells that are safe to open in a spreadsheet and still read back exactly.

A spreadsheet runs a cell starting with = + - @ as a formula, so an exported
title like "=HYPERLINK(...)" could act when someone opens the file. Export puts
a protective apostrophe in front of such a cell (spreadsheets show it as text);
import takes it off again. Plain numbers ("-5", "+3.5") are left alone: they are
numbers to a spreadsheet, not formulas.

So that import can tell a protective apostrophe from one a person typed, a value
that itself starts with an apostrophe followed by = + - @ or another apostrophe
gets one more, and import removes exactly one:

| value     | in the file | read back |
| --------- | ----------- | --------- |
| `=1+1`    | `'=1+1`     | `=1+1`    |
| `-5`      | `-5`        | `-5`      |
| `-5 days` | `'-5 days`  | `-5 days` |
| `'=x`     | `''=x`      | `'=x`     |
| `'hello`  | `'hello`    | `'hello`  |
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@")
_QUOTE = "'"
_PLAIN_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")


def protect_cell(value: str) -> str:
    """The cell as written to a CSV file: never a formula, and undone by `unprotect_cell`.

    Example:
        >>> protect_cell("=SUM(A1:A9)")
        "'=SUM(A1:A9)"
        >>> protect_cell("-5")
        '-5'
    """
    if value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value):
        return _QUOTE + value
    if _looks_protected(value):
        return _QUOTE + value
    return value


def unprotect_cell(cell: str) -> str:
    """The value a CSV cell holds, without the apostrophe `protect_cell` added.

    Example:
        >>> unprotect_cell("'=SUM(A1:A9)")
        '=SUM(A1:A9)'
        >>> unprotect_cell("'hello")
        "'hello"
    """
    return cell[1:] if _looks_protected(cell) else cell


def _looks_protected(cell: str) -> bool:
    return cell.startswith(_QUOTE) and cell[1:2] in (*FORMULA_STARTS, _QUOTE)
