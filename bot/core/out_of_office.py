"""Whether a Slack status says its person is out of office: away, on leave, ill, travelling.

Read from the status emoji (Slack's own presets ":palm_tree: Vacationing" and
":face_with_thermometer: Out sick", and their kin) or from words of the status text
in English, Persian, Romanian, Turkish and Vietnamese. A status that only says where
someone works (":house_with_garden: Working remotely") or that they are busy
(":spiral_calendar_pad: In a meeting") is not out of office.
"""

from __future__ import annotations

import re
import unicodedata

AWAY_EMOJI = frozenset(
    {
        "palm_tree",
        "desert_island",
        "beach_with_umbrella",
        "airplane",
        "airplane_departure",
        "face_with_thermometer",
        "thermometer",
        "sneezing_face",
        "nauseated_face",
        "face_with_head_bandage",
        "hospital",
    }
)

# Whole words, or word starts where a language adds endings ("izinde", "vacanța").
_AWAY_WORDS = (
    # English
    r"out of (the )?office",
    r"ooo",
    r"pto",
    r"vacation\w*",
    r"holiday\w*",
    r"(on|sick|annual|parental|maternity|paternity) leave",
    r"out sick",
    r"sick( day)?",
    r"day off",
    r"off (today|this week|until)",
    # Persian: leave, holidays, ill, travelling, out of office
    r"مرخصی",
    r"تعطیلات",
    r"بیمار\w*",
    r"در سفر",
    r"خارج از (دفتر|محل کار)",
    # Romanian: leave, holiday, ill, on medical leave
    r"concedi\w*",
    r"vacan\w*",
    r"bolnav\w*",
    r"(în|in) afara biroului",
    # Turkish: on leave, on holiday, ill, on sick report, out of office
    r"izin\w*",
    r"tatil\w*",
    r"hasta\w*",
    r"raporlu\w*",
    r"ofis dışında",
    # Vietnamese: on leave, off sick, holiday leave, absent, travelling
    r"nghỉ phép",
    r"nghỉ ốm",
    r"nghỉ lễ",
    r"vắng mặt",
    r"đi du lịch",
)
_AWAY_TEXT = re.compile(r"(?<!\w)(" + "|".join(_AWAY_WORDS) + r")(?!\w)")


def says_out_of_office(emoji: str, text: str) -> bool:
    """True when a status (its emoji, with or without colons, and its text) says so.

    Example:
        >>> says_out_of_office(":palm_tree:", ""), says_out_of_office("", "İzindeyim")
        (True, True)
        >>> says_out_of_office(":house_with_garden:", "Working remotely")
        False
    """
    if emoji.strip().strip(":").casefold() in AWAY_EMOJI:
        return True
    # Turkish capital İ casefolds to "i" plus a combining dot; the words are written with "i".
    normal = unicodedata.normalize("NFC", text.replace("İ", "i")).casefold()
    return _AWAY_TEXT.search(normal) is not None
