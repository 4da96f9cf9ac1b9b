"""What a team types in the goal interview or a question, and what the bot should read."""

from __future__ import annotations

import time
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.kpis import (
    LANGUAGES,
    PLATFORMS,
    catalogue,
    classify_why,
    detect_platform,
    kpi,
    match_metric,
    normalise,
    suggest_for_category,
)
from bot.core.values import Category, Direction, Unit
from bot.core.wording import MAX_INPUT_CHARS

# --- which metric? ---------------------------------------------------------------

METRIC_CASES = [
    # English names, keys and abbreviations
    ("reach", "reach"),
    ("Impressions", "impressions"),
    ("followers", "followers"),
    ("audience growth rate", "audience_growth_rate"),
    ("Engagement rate", "engagement_rate"),
    ("likes", "likes"),
    ("comments", "comments"),
    ("shares", "shares"),
    ("brand mentions", "mentions"),
    ("story views", "story_views"),
    ("video views", "video_views"),
    ("watch time", "watch_time"),
    ("virality rate", "virality_rate"),
    ("amplification rate", "amplification_rate"),
    ("applause rate", "applause_rate"),
    ("share of voice", "share_of_voice"),
    ("SOV", "share_of_voice"),
    ("social sentiment", "sentiment"),
    ("CSAT", "csat"),
    ("NPS", "nps"),
    ("net promoter score", "nps"),
    ("CTR", "ctr"),
    ("click-through rate", "ctr"),
    ("link in bio clicks", "link_clicks"),
    ("bounce rate", "bounce_rate"),
    ("conversion rate", "conversion_rate"),
    ("revenue", "sales_revenue"),
    ("CPC", "cpc"),
    ("cost per mille", "cpm"),
    ("website sessions", "sessions"),
    ("newsletter sign-ups", "sign_ups"),
    ("signups", "sign_ups"),
    ("leads generated", "leads"),
    ("lead conversion rate", "lead_conversion_rate"),
    ("DMs handled", "dms_handled"),
    ("response rate", "response_rate"),
    ("response_time", "response_time"),
    ("tickets per agent", "requests_per_agent"),
    ("job applications", "applications"),
    ("milestone", "milestone"),
    ("subscribers", "followers"),
    ("retweets", "shares"),
    # phrases inside questions and sentences: the longest phrase wins
    ("how are we doing on reach?", "reach"),
    ("engagement rate on instagram", "engagement_rate"),
    ("what's our engagement like this week", "engagement_rate"),
    ("share of voice vs competitors", "share_of_voice"),
    ("cost per thousand impressions on the spring ads", "cpm"),
    ("lead conversion rate last quarter", "lead_conversion_rate"),
    ("How many YouTube views did we get?", "video_views"),
    ("avg response time in the inbox", "response_time"),
    # typos
    ("folowers", "followers"),
    ("engagment rate", "engagement_rate"),
    ("impresions", "impressions"),
    ("convrsion rate", "conversion_rate"),
    ("bounse rate", "bounce_rate"),
    ("how is our engagment rate?", "engagement_rate"),
    # Persian (with and without ZWNJ, Arabic letter variants, loanwords)
    ("ریچ", "reach"),
    ("ریچ اینستاگرام چطوره؟", "reach"),
    ("دسترسی", "reach"),
    ("فالوور", "followers"),
    ("دنبال‌کننده", "followers"),
    ("دنبالکننده", "followers"),
    ("نرخ تعامل", "engagement_rate"),
    ("نرخ‌ تعامل پیج", "engagement_rate"),
    ("بازدیدهای یوتیوب", "video_views"),
    ("بازدیدها", "video_views"),
    ("جلسات", "sessions"),
    ("ثبت‌نام‌ها", "sign_ups"),
    ("رشد مخاطبان", "audience_growth_rate"),
    ("نرخ تبدیل", "conversion_rate"),
    ("درآمد فروش", "sales_revenue"),
    ("زمان پاسخگويي", "response_time"),  # Arabic yeh
    ("لايك", "likes"),  # Arabic yeh and kaf
    # Romanian (with and without diacritics)
    ("urmăritori", "followers"),
    ("urmaritori", "followers"),
    ("câți urmăritori avem?", "followers"),
    ("rata de implicare", "engagement_rate"),
    ("impresii", "impressions"),
    ("a ajunge", "reach"),
    ("vizualizări de poveste", "story_views"),
    ("rata de raspuns", "response_rate"),
    ("timp de răspuns", "response_time"),
    ("veniturile din vânzări", "sales_revenue"),
    ("rata de conversie a clienților potențiali", "lead_conversion_rate"),
    ("clicuri pe link", "link_clicks"),
    # Turkish (dotted/dotless i, suffixes)
    ("erişim nasıl?", "reach"),
    ("erisim", "reach"),
    ("takipçi", "followers"),
    ("takipçilerimiz ne durumda", "followers"),
    ("etkileşim oranı", "engagement_rate"),
    ("ETKİLEŞİM ORANI", "engagement_rate"),
    ("etkilesim orani", "engagement_rate"),
    ("etkileşim oranımız nasıl", "engagement_rate"),
    ("beğeni oranı", "applause_rate"),
    ("beğeniler", "likes"),
    ("tıklama başına maliyet", "cpc"),
    ("hemen çıkma oranı", "bounce_rate"),
    ("müşteri memnuniyeti puanı", "csat"),
    ("izlenme süresi", "watch_time"),
    # Vietnamese (with and without diacritics, both spellings of "tỷ lệ")
    ("tiếp cận", "reach"),
    ("tiep can", "reach"),
    ("người theo dõi", "followers"),
    ("tỷ lệ tương tác", "engagement_rate"),
    ("tỉ lệ tương tác", "engagement_rate"),
    ("ty le tuong tac", "engagement_rate"),
    ("số lần hiển thị", "impressions"),
    ("tỷ lệ thoát", "bounce_rate"),
    ("chi phí cho mỗi lần nhấp chuột", "cpc"),
    ("điểm hài lòng của khách hàng", "csat"),
    ("thời gian phản hồi", "response_time"),
    ("lượt xem video tháng này", "video_views"),
    # mixed languages
    ("reach اینستاگرام", "reach"),
    ("takipçi on LinkedIn", "followers"),
    # words that are not metrics
    ("pizza", None),
    ("hello", None),
    ("weather today", None),
    ("budget", None),
    ("the team", None),
    ("flowers", None),
    ("moments", None),
    ("", None),
    ("   ", None),
    ("?!", None),
    ("12345", None),
    ("سلام", None),
    ("bună ziua", None),
    ("merhaba", None),
    ("xin chào", None),
]


@pytest.mark.parametrize(("text", "expected"), METRIC_CASES)
def test_match_metric_reads_the_metric_people_mean(text: str, expected: str | None) -> None:
    matches = match_metric(text)
    if expected is None:
        assert matches == []
    else:
        assert matches, f"nothing matched {text!r}"
        assert matches[0].kpi.key == expected


@pytest.mark.parametrize(
    ("text", "how", "language"),
    [
        ("Reach", "name", "en"),
        ("erişim", "synonym", "tr"),
        ("نرخ تعامل", "synonym", "fa"),
        ("urmăritori", "synonym", "ro"),
        ("tỷ lệ thoát", "synonym", "vi"),
        ("folowers", "fuzzy", "en"),
    ],
)
def test_match_metric_says_how_and_in_which_language(text: str, how: str, language: str) -> None:
    match = match_metric(text)[0]
    assert (match.how, match.language) == (how, language)


def test_a_whole_answer_scores_higher_than_a_word_in_a_sentence() -> None:
    alone = match_metric("reach")[0].score
    in_question = match_metric("how is reach doing")[0].score
    typo = match_metric("folowers")[0].score
    assert alone == 1.0
    assert typo < alone
    assert in_question < alone


def test_several_metrics_in_one_sentence_are_all_reported_up_to_the_limit() -> None:
    keys = [m.kpi.key for m in match_metric("reach, followers and bounce rate", limit=5)]
    assert set(keys) == {"reach", "followers", "bounce_rate"}
    assert len(match_metric("reach, followers and bounce rate", limit=2)) == 2
    assert match_metric("reach", limit=0) == []


# --- why? --------------------------------------------------------------------------

WHY_CASES = [
    ("we want more people to see our Instagram", Category.AWARENESS),
    ("brand awareness", Category.AWARENESS),
    ("get known in our city", Category.AWARENESS),
    ("sell more pizzas", Category.CONVERSIONS),
    ("more online orders", Category.CONVERSIONS),
    ("answer customers faster", Category.CUSTOMER_SERVICE),
    ("better customer support", Category.CUSTOMER_SERVICE),
    ("hire designers", Category.RECRUITING),
    ("we are hiring developers", Category.RECRUITING),
    ("build a community", Category.COMMUNITY),
    ("more newsletter sign-ups", Category.LEADS),
    ("leads", Category.LEADS),
    ("improve our image", Category.REPUTATION),
    ("improve our reputation", Category.REPUTATION),
    ("crisis plan", Category.CRISIS),
    ("employees engage with internal posts", Category.INTERNAL_COMMS),
    ("understand our audience", Category.INSIGHTS),
    ("build buyer personas", Category.INSIGHTS),
    # Persian
    ("می‌خواهیم بیشتر دیده شویم", Category.AWARENESS),
    ("افزایش فروش", Category.CONVERSIONS),
    ("پشتیبانی بهتر از مشتریان", Category.CUSTOMER_SERVICE),
    ("استخدام طراح", Category.RECRUITING),
    ("مدیریت بحران", Category.CRISIS),
    ("اعتبار برند", Category.REPUTATION),
    ("ارتباطات داخلی", Category.INTERNAL_COMMS),
    # Romanian
    ("vrem să vindem mai multe pizza", Category.CONVERSIONS),
    ("creșterea gradului de cunoaștere a mărcii", Category.AWARENESS),
    ("recrutăm designeri", Category.RECRUITING),
    ("reputația mărcii", Category.REPUTATION),
    ("o comunitate implicată", Category.COMMUNITY),
    ("mai mulți clienți potențiali", Category.LEADS),
    # Turkish
    ("satışları artırmak", Category.CONVERSIONS),
    ("marka itibarımızı iyileştirmek", Category.REPUTATION),
    ("marka bilinirliği", Category.AWARENESS),
    ("müşteri adaylarını artırmak", Category.LEADS),
    ("kriz planı", Category.CRISIS),
    ("müşteri hizmetlerini hızlandırmak", Category.CUSTOMER_SERVICE),
    ("pazar araştırması", Category.INSIGHTS),
    # Vietnamese
    ("tăng doanh số", Category.CONVERSIONS),
    ("xây dựng cộng đồng", Category.COMMUNITY),
    ("tuyển dụng nhà thiết kế", Category.RECRUITING),
    ("chăm sóc khách hàng tốt hơn", Category.CUSTOMER_SERVICE),
    ("nhận diện thương hiệu", Category.AWARENESS),
    ("truyền thông nội bộ", Category.INTERNAL_COMMS),
    ("kế hoạch khủng hoảng", Category.CRISIS),
    # mixed
    ("افزایش brand awareness", Category.AWARENESS),
]


@pytest.mark.parametrize(("text", "expected"), WHY_CASES)
def test_classify_why_reads_the_business_objective(text: str, expected: Category) -> None:
    matches = classify_why(text)
    assert matches, f"no objective read from {text!r}"
    assert matches[0].category == expected
    assert matches[0].matched
    assert 0 < matches[0].score <= 1


@pytest.mark.parametrize("text", ["pizza", "hello there", "", "???", "سلام", "12 34"])
def test_classify_why_is_empty_when_no_objective_is_named(text: str) -> None:
    assert classify_why(text) == []


def test_more_words_pointing_at_an_objective_score_higher() -> None:
    assert classify_why("sell")[0].score < classify_why("sell more, grow revenue")[0].score


# --- where? ------------------------------------------------------------------------

PLATFORM_CASES = [
    ("instagram", "instagram"),
    ("reach on Insta this month", "instagram"),
    ("IG followers", "instagram"),
    ("اینستاگرام", "instagram"),
    ("ریچ اینستا", "instagram"),
    ("instagramda etkileşim", "instagram"),
    ("Instagram'da takipçi", "instagram"),
    ("YouTube", "youtube"),
    ("یوتیوب", "youtube"),
    ("youtube kanalımız", "youtube"),
    ("tiktok", "tiktok"),
    ("Tik Tok views", "tiktok"),
    ("LinkedIn followers", "linkedin"),
    ("linked in", "linkedin"),
    ("facebook page", "facebook"),
    ("FB", "facebook"),
    ("فیسبوک", "facebook"),
    ("twitter", "x"),
    ("grow followers on X", "x"),
    ("X", "x"),
    ("X'te etkileşim", "x"),
    ("pinterest", "pinterest"),
    ("Threads", "threads"),
    ("telegram channel", "telegram"),
    ("تلگرام", "telegram"),
    ("website", "website"),
    ("our site", "website"),
    ("وب‌سایت", "website"),
    ("وبسایت", "website"),
    ("trang web", "website"),
    ("web sitesi", "website"),
    ("all channels", "all"),
    ("across all platforms", "all"),
    ("everywhere", "all"),
    ("tüm kanallarda", "all"),
    ("toate canalele", "all"),
    ("tất cả các kênh", "all"),
    ("همه کانال‌ها", "all"),
    # not a platform
    ("3 x 5", None),
    ("x marks the spot", None),
    ("instant results", None),
    ("reach", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), PLATFORM_CASES)
def test_detect_platform_reads_where_the_goal_lives(text: str, expected: str | None) -> None:
    platform = detect_platform(text)
    assert (platform.key if platform else None) == expected


def test_platform_buttons_list_every_platform_once_with_all_channels_last() -> None:
    keys = [p.key for p in PLATFORMS]
    assert len(keys) == len(set(keys))
    assert {"instagram", "youtube", "tiktok", "linkedin", "facebook", "x", "website"} <= set(keys)
    assert keys[-1] == "all"


# --- the catalogue -----------------------------------------------------------------


def test_catalogue_keys_are_unique_snake_case_and_numerous() -> None:
    keys = [k.key for k in catalogue()]
    assert len(keys) >= 35
    assert len(keys) == len(set(keys))
    assert all(key == key.lower() and " " not in key for key in keys)


def test_every_kpi_is_complete_in_every_language() -> None:
    for entry in catalogue():
        assert entry.name and entry.description and entry.categories
        assert set(entry.synonyms) == set(LANGUAGES)
        assert all(entry.synonyms[lang] for lang in LANGUAGES), entry.key


@pytest.mark.parametrize(
    ("key", "unit", "direction"),
    [
        ("reach", Unit.COUNT, Direction.INCREASE),
        ("engagement_rate", Unit.PERCENT, Direction.INCREASE),
        ("sales_revenue", Unit.CURRENCY, Direction.INCREASE),
        ("response_time", Unit.DURATION, Direction.DECREASE),
        ("bounce_rate", Unit.PERCENT, Direction.DECREASE),
        ("cpc", Unit.CURRENCY, Direction.DECREASE),
        ("cpm", Unit.CURRENCY, Direction.DECREASE),
        ("nps", Unit.SCORE, Direction.INCREASE),
        ("milestone", Unit.MILESTONE, Direction.INCREASE),
    ],
)
def test_kpi_units_and_directions(key: str, unit: Unit, direction: Direction) -> None:
    assert (kpi(key).unit, kpi(key).direction) == (unit, direction)


def test_unknown_kpi_key_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        kpi("no_such_metric")


@pytest.mark.parametrize("category", list(Category))
def test_every_category_has_suggestions(category: Category) -> None:
    suggestions = suggest_for_category(category, limit=20)
    if category in (Category.INSIGHTS, Category.CRISIS):
        assert [k.key for k in suggestions] == ["milestone"]
    else:
        assert len(suggestions) >= 3
    assert all(category in k.categories for k in suggestions)


@pytest.mark.parametrize(
    ("category", "first"),
    [
        (Category.AWARENESS, "reach"),
        (Category.CONVERSIONS, "conversion_rate"),
        (Category.CUSTOMER_SERVICE, "response_time"),
        (Category.RECRUITING, "applications"),
        (Category.LEADS, "leads"),
        (Category.COMMUNITY, "engagement_rate"),
    ],
)
def test_suggestions_start_with_the_most_useful_metric(category: Category, first: str) -> None:
    assert suggest_for_category(category)[0].key == first
    assert len(suggest_for_category(category, limit=2)) <= 2


def test_every_phrase_names_exactly_one_kpi() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in catalogue():
        phrases = [entry.name, entry.key.replace("_", " ")]
        phrases += [p for lang in LANGUAGES for p in entry.synonyms[lang]]
        for phrase in phrases:
            owners[normalise(phrase)].add(entry.key)
    ambiguous = {phrase: keys for phrase, keys in owners.items() if len(keys) > 1}
    assert ambiguous == {}


def test_every_synonym_reads_back_as_its_own_kpi() -> None:
    for entry in catalogue():
        for lang in LANGUAGES:
            for phrase in entry.synonyms[lang]:
                assert match_metric(phrase)[0].kpi.key == entry.key, (lang, phrase)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Tỷ lệ TƯƠNG TÁC!", "ty le tuong tac"),
        ("tỉ lệ", "ty le"),
        ("ETKİLEŞİM oranı", "etkilesim orani"),
        ("Urmăriți", "urmariti"),
        ("نرخ‌تعامل ۲۰٪", "نرخ تعامل 20"),
        ("كيك يوتيوب", "کیک یوتیوب"),
        ("sign-ups", "sign ups"),
    ],
)
def test_normalise_makes_spelling_variants_equal(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


# --- free text never breaks the readers ---------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_readers_never_raise_on_any_text(text: str) -> None:
    assert isinstance(match_metric(text), list)
    assert isinstance(classify_why(text), list)
    platform = detect_platform(text)
    assert platform is None or platform in PLATFORMS
    assert isinstance(normalise(text), str)


@settings(max_examples=20, deadline=None)
@given(st.text(min_size=1, max_size=60).map(lambda s: (s * (10_000 // len(s) + 1))[:10_000]))
def test_readers_stay_fast_on_very_long_text(text: str) -> None:
    started = time.perf_counter()
    match_metric(text)
    classify_why(text)
    detect_platform(text)
    assert time.perf_counter() - started < 0.5


def test_only_the_start_of_a_long_text_is_read() -> None:
    padding = "lorem ipsum " * (MAX_INPUT_CHARS // 12 + 10)
    assert match_metric("reach " + padding)[0].kpi.key == "reach"
    assert match_metric(padding + "reach") == []
