"""Turn the digits and separators people type in other scripts into ASCII ones.

Persian and Arabic keyboards produce their own digits (۱۲۳, ١٢٣) and separators
(٬ for thousands, ٫ for decimals, ٪ for percent). Every mapping here is one
character to one character, so a position in the normalized text is the same
position in what the user typed; parsers rely on that to report the span they read.
"""

from __future__ import annotations

_NATIVE_TO_ASCII = str.maketrans(
    {
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian (Extended Arabic-Indic)
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic
        "\u066c": ",",  # Arabic thousands separator
        "\u066b": ".",  # Arabic decimal separator
        "\u066a": "%",  # Arabic percent sign
        "\u060c": ",",  # Arabic comma
        "\u2212": "-",  # minus sign
        "\u2013": "-",  # en dash, often typed for a minus
        "\u00a0": " ",  # no-break space (French/Romanian thousands groups)
        "\u202f": " ",  # narrow no-break space
        "\u2009": " ",  # thin space
        "\u2019": "'",  # right single quote (Swiss thousands, Turkish suffixes)
        "\uff05": "%",  # fullwidth percent
    }
)


def to_ascii_digits(text: str) -> str:
    """Replace native digits and separators with ASCII, keeping every position.

    Example:
        >>> to_ascii_digits("۱۲٬۴۰۰")
        '12,400'
    """
    return text.translate(_NATIVE_TO_ASCII)
