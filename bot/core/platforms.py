"""Reading where a goal lives (a network, the website, or all channels) from free text."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources

from bot.core.wording import PhraseIndex, normalise
from bot.core.yaml_data import read_yaml


class PlatformKey(StrEnum):
    """A platform of `data/platforms.yml`, as goals store it; the loader checks the two agree."""

    INSTAGRAM = "instagram"
    YOUTUBE = "youtube"
    TIKTOK = "tiktok"
    LINKEDIN = "linkedin"
    FACEBOOK = "facebook"
    X = "x"
    PINTEREST = "pinterest"
    THREADS = "threads"
    TELEGRAM = "telegram"
    WEBSITE = "website"
    ALL = "all"


@dataclass(frozen=True, slots=True)
class Platform:
    """A place a metric is read from: `Platform(PlatformKey.INSTAGRAM, "Instagram")`."""

    key: PlatformKey
    name: str


@functools.cache
def _load() -> tuple[tuple[Platform, ...], PhraseIndex[Platform]]:
    text = resources.files("bot.core").joinpath("data/platforms.yml").read_text(encoding="utf-8")
    entries = read_yaml(text)["platforms"]
    platforms = tuple(Platform(PlatformKey(e["key"]), e["name"]) for e in entries)
    if {p.key for p in platforms} != set(PlatformKey):
        raise ValueError("platforms.yml: its keys and PlatformKey differ")
    pairs = list(zip(platforms, entries, strict=True))
    aliases = [(alias, p) for p, e in pairs for alias in e["aliases"]]
    stems = [(stem, p) for p, e in pairs for stem in e["stems"]]
    return platforms, PhraseIndex(aliases, suffix_phrases=stems)


PLATFORMS: tuple[Platform, ...] = _load()[0]
"""Every platform, in the order buttons should list them ("All channels" last)."""

_X = Platform(PlatformKey.X, "X (Twitter)")


# Spelling similarity (0-100) a platform typo needs: "instagarm" (89), "youtub" (91).
_FUZZY_THRESHOLD = 85.0


def detect_platform(text: str, *, typos: bool = False) -> Platform | None:
    """The platform `text` names, or None. The longest, then earliest, mention wins.

    A bare "x" counts only when it is the whole answer (a button-like reply) or
    sits in a phrase such as "on X"; otherwise "x" is just a letter. With `typos`,
    a misspelt name ("instagarm") counts when no name is spelt right.

    Example:
        >>> detect_platform("reach on Insta this month")
        Platform(key=<PlatformKey.INSTAGRAM: 'instagram'>, name='Instagram')
        >>> detect_platform("grow followers on X")
        Platform(key=<PlatformKey.X: 'x'>, name='X (Twitter)')
        >>> detect_platform("3 x 5") is None
        True
        >>> detect_platform("Instagarm", typos=True).name
        'Instagram'
    """
    if normalise(text) == "x":
        return _X
    index = _load()[1]
    hits = index.find(text) or (index.find_fuzzy(text, threshold=_FUZZY_THRESHOLD) if typos else [])
    return hits[0].value if hits else None
