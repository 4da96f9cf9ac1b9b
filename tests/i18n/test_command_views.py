"""The replies about analytics files, API tokens and feeds, rendered in the pseudo-locale:
not one English word is left, so every word goes through the catalogue."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.clock import FrozenClock
from bot.console import Console, Seat, open_console
from bot.core.analytics_files import AnalyticsFile, read_analytics_file
from bot.core.kpis import MetricKey
from bot.core.values import Quantity
from bot.i18n.bidi import without_isolates
from bot.i18n.catalogue import Translator, translator
from bot.render.analytics_files import (
    cancelled_text,
    preview_blocks,
    problems_text,
    saved_text,
    series_label,
    trouble_text,
)
from bot.render.api_tokens import (
    new_token_dm,
    new_token_reply,
    revoked_text,
    token_list_text,
    token_problem_text,
    token_usage_text,
)
from bot.render.feeds import bad_address_text, feed_text, feed_usage_text
from bot.services.analytics_checkins import FilePlan, FileSaved, SeriesPlan, Unmatched
from bot.services.api_tokens import NewToken, TokenProblem
from bot.services.feed_fetch import check_url
from bot.services.feeds import BadAddress, FeedState
from bot.slack.files import FileTrouble
from storage.models import ApiToken
from tests.harness import make_services
from tests.i18n.pseudo import PSEUDO, english_left_in, shown_texts

TABLE = b"Date,Instagram reach,Pizza orders\n2025-10-13,39900,3\n2025-11-23,41200,5\n"
BROKEN = (
    b"Date,Reach\n03/04/2025,5\n2025-11-31,5\n,5\n2025-11-23,lots\n2025-11-24,1\n2025-11-24,2\n"
)
MADE = datetime(2026, 11, 22, 9, tzinfo=UTC)
URL = "https://example.com/reach.csv"


def _file_views(tr: Translator) -> list[str]:
    found = read_analytics_file(TABLE, "export.csv")
    assert isinstance(found, AnalyticsFile)
    reach, pizza = found.series
    plans = (SeriesPlan(reach, 1, "Reach 60k", Quantity(Decimal(41200)), 2),)
    some = FilePlan(plans, (Unmatched(pizza), Unmatched(reach, (1, 2))))
    nothing_new = FilePlan((SeriesPlan(reach, 1, "Reach 60k", Quantity(Decimal(41200)), 0),), ())
    broken = read_analytics_file(BROKEN)
    assert not isinstance(broken, AnalyticsFile)
    views = [
        *(trouble_text(trouble, tr) for trouble in FileTrouble),
        cancelled_text(tr),
        problems_text(broken, tr),
        problems_text(read_analytics_file(b"\xff\xfe\x00"), tr),  # type: ignore[arg-type]
        problems_text(read_analytics_file(b"Reach,Followers\n1,2\n"), tr),  # type: ignore[arg-type]
        saved_text(FileSaved(((1, "Reach 60k", 7),), 2), tr),
        saved_text(FileSaved((), 1), tr),
    ]
    for plan in (some, nothing_new, FilePlan((), (Unmatched(pizza),))):
        head, blocks = preview_blocks(plan, "F1", None, tr)
        views += [head, *shown_texts(blocks)]
    return views


def _token_views(tr: Translator) -> list[str]:
    used = ApiToken(id=1, team_id="T1", label="zapier", prefix="cib_ab", token_hash="x",
                    created_by="U1", created_at=MADE, last_used_at=MADE)  # fmt: skip
    unlabelled = ApiToken(id=2, team_id="T1", prefix="cib_cd", token_hash="y",
                          created_by="U1", created_at=MADE)  # fmt: skip
    return [
        token_usage_text(tr),
        *(token_problem_text(problem, tr) for problem in TokenProblem),
        new_token_dm(NewToken(used, "cib_secret"), tr),
        new_token_reply(NewToken(unlabelled, "cib_secret"), tr),
        token_list_text([used, unlabelled], tr),
        token_list_text([], tr),
        revoked_text(used, tr),
    ]


def _feed_views(tr: Translator) -> list[str]:
    following = FeedState(3, "Reach 60k", URL, "")
    failing = FeedState(3, "Reach 60k", URL, "é")
    views = [feed_usage_text(tr)]
    for state in (following, failing, FeedState(3, "Reach 60k", None)):
        for changed in (True, False):
            views.append(feed_text(state, tr, every_minutes=60, changed=changed))
    for url in ("ftp://example.com/a.csv", "http:///a.csv", "http://127.0.0.1/a.csv"):
        problem = check_url(url, allow_private=False)
        assert problem is not None
        views.append(bad_address_text(BadAddress(problem), tr))
    return views


def views(tr: Translator) -> list[str]:
    return [*_file_views(tr), *_token_views(tr), *_feed_views(tr)]


# What people wrote (goal titles, a file's columns and cells, a token's label, an
# address) and what the KPI catalogue and CLDR give for English, the pseudo-locale's
# language (the scenarios check them in fa, ro, tr and vi): not the catalogue's words.
NOT_OURS = ("Reach 60k", "Pizza orders", "Instagram reach", "lots", "zapier", URL, "6 weeks",
            "23 Nov", "Reach:")  # fmt: skip


def test_the_pseudo_locale_leaves_no_english_word_in_files_tokens_and_feeds() -> None:
    shown = []
    for text in views(PSEUDO):
        for theirs in NOT_OURS:
            text = text.replace(theirs, "")
        shown.append(text)
    assert english_left_in(shown) == set()


def test_the_check_sees_english_when_nothing_is_translated() -> None:
    left = english_left_in(views(translator("en")))
    assert {"saved", "token", "follows", "date"} <= left


@pytest.mark.parametrize(
    ("lang", "label"),
    [("en", "Instagram reach"), ("fa", "ریچ Instagram"), ("ro", "Acoperire Instagram"),
     ("tr", "Erişim (Instagram)"), ("vi", "Tiếp cận Instagram")],
)  # fmt: skip
def test_a_series_is_named_with_the_kpi_catalogues_word(lang: str, label: str) -> None:
    found = read_analytics_file(TABLE, "export.csv")
    assert isinstance(found, AnalyticsFile)
    assert series_label(found.series[0], translator(lang)) == label


def test_the_problems_of_a_file_are_listed_in_the_persons_language() -> None:
    broken = read_analytics_file(BROKEN)
    assert not isinstance(broken, AnalyticsFile)
    text = problems_text(broken, translator("tr"))
    assert "Bu dosyayı okuyamadım" in text
    assert "satır 3: '2025-11-31' bir tarih değil (2025-11-23 biçiminde yaz)" in text
    assert "satır 5: Reach: 'lots' bir sayı değil" in text


@pytest.fixture
def console(db: Engine, tmp_path: Path) -> Iterator[Console]:
    services = make_services(db, FrozenClock(MADE), DEFAULT_TIMEZONE="Asia/Tehran")
    with open_console(services, Seat("U0CONSOLE", "T0CONSOLE", files_dir=tmp_path)) as running:
        yield running


def test_the_console_speaks_the_language_the_person_chose(console: Console) -> None:
    assert "The console plays Slack for you" in console.handle_line("!help")

    console.handle_line("/goals language fa")

    assert "کنسول برایتان نقش اسلک را بازی می‌کند" in console.handle_line("!help")
    waited = without_isolates(console.handle_line("!wait 1d"))
    assert waited.startswith("(اکنون ۲ آذر ۱۴۰۵ ۱۲:۳۰ است)"), waited  # 23 Nov 2026, Tehran
    assert without_isolates(console.handle_line("!9")) == "(دکمهٔ ۹ وجود ندارد)"
    console.handle_line("/goals language tr")
    assert console.handle_line("!nonsense").startswith("(konsolda !nonsense yok")


# An export's columns as each language's tools and people write them: the date column,
# the metric (through the KPI catalogue's words) and its platform, a duration's unit.
@pytest.mark.parametrize(
    ("header", "metric", "platform"),
    [
        ("Date,Reach on Instagram", MetricKey.REACH, "Instagram"),
        ("تاریخ,دسترسی در اینستاگرام", MetricKey.REACH, "Instagram"),
        ("تاریخ,ریچ", MetricKey.REACH, None),
        ("تاریخ,فالوورهای اینستاگرام", MetricKey.FOLLOWERS, "Instagram"),
        ("Data,Acoperire pe Instagram", MetricKey.REACH, "Instagram"),
        ("Dată,Urmăritori pe Facebook", MetricKey.FOLLOWERS, "Facebook"),
        ("Ziua,Afișări", MetricKey.IMPRESSIONS, None),
        ("Tarih,Instagram erişimi", MetricKey.REACH, "Instagram"),
        ("Gün,Facebook takipçileri", MetricKey.FOLLOWERS, "Facebook"),
        ("Ngày,Lượt tiếp cận trên Instagram", MetricKey.REACH, "Instagram"),
        ("Ngày,Người theo dõi trên Facebook", MetricKey.FOLLOWERS, "Facebook"),
        ("Tuần,Lượt hiển thị", MetricKey.IMPRESSIONS, None),
    ],
)
def test_columns_are_recognised_in_every_language(
    header: str, metric: MetricKey, platform: str | None
) -> None:
    found = read_analytics_file(f"{header}\n2025-11-23,41200\n".encode())
    assert isinstance(found, AnalyticsFile), found
    [series] = found.series
    assert series.metric.key is metric
    assert (series.platform.name if series.platform else None) == platform


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("Watch time (hours)", 7200),
        ("Timp de vizionare (ore)", 7200),
        ("İzlenme süresi (saat)", 7200),
        ("زمان تماشا (ساعت)", 7200),
        ("Thời gian xem (giờ)", 7200),
        ("Thời gian xem (phút)", 120),
        ("Score (score)", 2),  # "ore" inside a word is no hours
    ],
)
def test_a_durations_unit_is_read_in_every_language(header: str, seconds: int) -> None:
    found = read_analytics_file(f"Date,{header}\n2025-11-23,2\n".encode())
    assert isinstance(found, AnalyticsFile), found
    assert found.series[0].points[0][1] == seconds


def test_a_files_problems_in_persian_name_their_lines_in_persian_digits() -> None:
    broken = read_analytics_file(BROKEN)
    assert not isinstance(broken, AnalyticsFile)
    text = without_isolates(problems_text(broken, translator("fa")))
    assert "نتوانستم این فایل را بخوانم" in text
    assert "سطر ۳: '2025-11-31' تاریخ نیست" in text
