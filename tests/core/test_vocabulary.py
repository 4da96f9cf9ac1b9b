"""What people write for a goal's metric, platform, category and unit, and the keys stored.

Every path that writes a goal (interview, form, import) goes through these
resolvers, so one table checks all of them.
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bot.core.kpis import LANGUAGES, catalogue, match_metric
from bot.core.values import Category, Unit
from bot.core.vocabulary import (
    CATEGORY_CHOICES,
    PLATFORM_CHOICES,
    custom_metrics_named,
    resolve_category,
    resolve_metric,
    resolve_platform,
    resolve_unit,
)
from bot.core.wording import normalise

# (what was written, the metric key stored, the name stored)
METRICS = [
    # keys, names, plurals, case
    ("reach", "reach", "Reach"),
    ("Reach", "reach", "Reach"),
    ("REACH", "reach", "Reach"),
    ("video_views", "video_views", "Video views"),
    ("video views", "video_views", "Video views"),
    ("Video Views", "video_views", "Video views"),
    ("engagement rate", "engagement_rate", "Engagement rate"),
    ("engagement_rate", "engagement_rate", "Engagement rate"),
    ("followers", "followers", "Followers"),
    ("subscribers", "followers", "Followers"),
    ("response time", "response_time", "Response time"),
    ("brand mentions", "mentions", "Brand mentions"),
    ("sign ups", "sign_ups", "Sign-ups"),
    ("CTR", "ctr", "Click-through rate (CTR)"),
    ("impressions", "impressions", "Impressions"),
    # typos
    ("engagment rate", "engagement_rate", "Engagement rate"),
    ("folowers", "followers", "Followers"),
    ("impresions", "impressions", "Impressions"),
    ("video veiws", "video_views", "Video views"),
    ("response tme", "response_time", "Response time"),
    # Persian
    ("فالوور", "followers", "Followers"),
    ("نرخ تعامل", "engagement_rate", "Engagement rate"),
    ("ریچ", "reach", "Reach"),
    ("ایمپرشن", "impressions", "Impressions"),
    ("لایک", "likes", "Likes"),
    # Romanian
    ("urmăritori", "followers", "Followers"),
    ("urmaritori", "followers", "Followers"),
    ("rata de implicare", "engagement_rate", "Engagement rate"),
    ("acoperire", "reach", "Reach"),
    ("aprecieri", "likes", "Likes"),
    # Turkish
    ("takipçi", "followers", "Followers"),
    ("takipçilerimiz", "followers", "Followers"),
    ("etkileşim oranı", "engagement_rate", "Engagement rate"),
    ("ETKILESIM ORANI", "engagement_rate", "Engagement rate"),
    ("erişim", "reach", "Reach"),
    ("beğeni", "likes", "Likes"),
    # Vietnamese
    ("người theo dõi", "followers", "Followers"),
    ("tỷ lệ tương tác", "engagement_rate", "Engagement rate"),
    ("ti le tuong tac", "engagement_rate", "Engagement rate"),
    ("lượt tiếp cận", "reach", "Reach"),
    ("bình luận", "comments", "Comments"),
    # custom metrics keep the name as written (spaces tidied)
    ("Pizzas sold", "custom", "Pizzas sold"),
    ("  Newsletter   opens ", "custom", "Newsletter opens"),
    ("followers gained", "custom", "followers gained"),
    ("custom", "custom", "custom"),
    ("pizza siparişleri", "custom", "pizza siparişleri"),
    ("تعداد سفارش پیتزا", "custom", "تعداد سفارش پیتزا"),
]


@pytest.mark.parametrize(("text", "key", "name"), METRICS)
def test_a_metric_is_stored_by_its_key_or_kept_by_its_name(text: str, key: str, name: str) -> None:
    found = resolve_metric(text)

    assert found is not None
    assert (found.key.value, found.name) == (key, name)


@pytest.mark.parametrize("text", ["", "   ", "12000", "12,000", "-5", "41.2%", "?!"])
def test_a_number_or_nothing_is_no_metric_name(text: str) -> None:
    assert resolve_metric(text) is None


def test_the_interview_reads_a_metric_inside_a_sentence_an_import_cell_does_not() -> None:
    said = "we want to count followers on insta"

    found = resolve_metric(said, in_sentence=True)

    assert found is not None and found.key.value == "followers"
    assert resolve_metric(said).key.value == "custom"  # type: ignore[union-attr]


PLATFORMS = [
    ("instagram", "instagram"),
    ("Instagram", "instagram"),
    ("insta", "instagram"),
    ("IG", "instagram"),
    ("instagarm", "instagram"),
    ("اینستاگرام", "instagram"),
    ("YouTube", "youtube"),
    ("youtube", "youtube"),
    ("you tube", "youtube"),
    ("yt", "youtube"),
    ("youtub", "youtube"),
    ("یوتیوب", "youtube"),
    ("TikTok", "tiktok"),
    ("tik tok", "tiktok"),
    ("LinkedIn", "linkedin"),
    ("linkedn", "linkedin"),
    ("x", "x"),
    ("X (Twitter)", "x"),
    ("twitter", "x"),
    ("facebook", "facebook"),
    ("fb", "facebook"),
    ("فیسبوک", "facebook"),
    ("telegram", "telegram"),
    ("تلگرام", "telegram"),
    ("website", "website"),
    ("trang web", "website"),
    ("web sitesi", "website"),
    ("all", "all"),
    ("All channels", "all"),
    ("tüm kanallar", "all"),
    ("toate canalele", "all"),
    ("tất cả các kênh", "all"),
    ("همه کانالها", "all"),
]


@pytest.mark.parametrize(("text", "key"), PLATFORMS)
def test_a_platform_is_stored_by_its_key(text: str, key: str) -> None:
    found = resolve_platform(text)

    assert found is not None and found.key.value == key


@pytest.mark.parametrize("text", ["myspace", "", "3 x 5", "pizza"])
def test_an_unknown_platform_is_none(text: str) -> None:
    assert resolve_platform(text) is None


CATEGORIES = [
    ("awareness", "awareness"),
    ("Brand awareness", "awareness"),
    ("brand awarness", "awareness"),
    ("marka bilinirliği", "awareness"),
    ("آگاهی از برند", "awareness"),
    ("nhận diện thương hiệu", "awareness"),
    ("notorietate", "awareness"),
    ("customer_service", "customer_service"),
    ("customer service", "customer_service"),
    ("Customer Service", "customer_service"),
    ("custmer service", "customer_service"),
    ("خدمات مشتری", "customer_service"),
    ("müşteri hizmetleri", "customer_service"),
    ("serviciu clienți", "customer_service"),
    ("dịch vụ khách hàng", "customer_service"),
    ("Conversions / sales", "conversions"),
    ("sales", "conversions"),
    ("satış", "conversions"),
    ("doanh số", "conversions"),
    ("Engaged community", "community"),
    ("topluluk", "community"),
    ("جامعه", "community"),
    ("Brand reputation", "reputation"),
    ("itibar", "reputation"),
    ("leads", "leads"),
    ("lead generation", "leads"),
    ("khách hàng tiềm năng", "leads"),
    ("recruiting", "recruiting"),
    ("recruitng", "recruiting"),
    ("استخدام", "recruiting"),
    ("tuyển dụng", "recruiting"),
    ("crisis management", "crisis"),
    ("kriz yönetimi", "crisis"),
    ("internal_comms", "internal_comms"),
    ("Internal communication", "internal_comms"),
    ("comunicare internă", "internal_comms"),
    ("insights", "insights"),
    ("market research", "insights"),
    ("pazar araştırması", "insights"),
]


@pytest.mark.parametrize(("text", "key"), CATEGORIES)
def test_a_category_is_stored_by_its_key(text: str, key: str) -> None:
    assert resolve_category(text) == Category(key)


@pytest.mark.parametrize("text", ["pizza", "", "the weather"])
def test_an_unknown_category_is_none(text: str) -> None:
    assert resolve_category(text) is None


UNITS = [
    ("count", Unit.COUNT),
    ("a number", Unit.COUNT),
    ("تعداد", Unit.COUNT),
    ("percent", Unit.PERCENT),
    ("%", Unit.PERCENT),
    ("Percentage", Unit.PERCENT),
    ("درصد", Unit.PERCENT),
    ("procent", Unit.PERCENT),
    ("yüzde", Unit.PERCENT),
    ("phần trăm", Unit.PERCENT),
    ("money", Unit.CURRENCY),
    ("duration", Unit.DURATION),
    ("süre", Unit.DURATION),
    ("thời gian", Unit.DURATION),
    ("score", Unit.SCORE),
    ("milestone", Unit.MILESTONE),
    ("done or not done", Unit.MILESTONE),
]


@pytest.mark.parametrize(("text", "unit"), UNITS)
def test_a_unit_is_stored_by_its_key(text: str, unit: Unit) -> None:
    assert resolve_unit(text) is unit


def test_the_table_covers_the_five_languages_with_enough_rows() -> None:
    rows = len(METRICS) + len(PLATFORMS) + len(CATEGORIES) + len(UNITS)
    assert rows >= 60


def test_refusals_list_the_real_choices_without_an_empty_one() -> None:
    assert CATEGORY_CHOICES.startswith("awareness, reputation")
    assert PLATFORM_CHOICES.startswith("instagram, youtube")
    assert ", ," not in CATEGORY_CHOICES + PLATFORM_CHOICES


CUSTOM_NAMES = ["Pizza orders", "Newsletter opens", "سفارش پیتزا", "pizza sipariş",
                "comenzi de pizza", "đơn hàng pizza"]  # fmt: skip


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("how are pizza orders doing?", "Pizza orders"),
        ("PIZZA ORDERS?", "Pizza orders"),
        ("pizza ordres this week", "Pizza orders"),
        ("newsletter opnes?", "Newsletter opens"),
        ("سفارش پیتزا چطوره؟", "سفارش پیتزا"),
        ("pizza siparişlerimiz nasıl?", "pizza sipariş"),
        ("cum merg comenzile de pizza?", "comenzi de pizza"),
        ("cum merg comenzi de pizza?", "comenzi de pizza"),
        ("đơn hàng pizza thế nào?", "đơn hàng pizza"),
        ("how is reach?", None),
    ],
)
def test_a_custom_metric_is_found_by_its_name_later(question: str, named: str | None) -> None:
    assert custom_metrics_named(question, CUSTOM_NAMES)[:1] == ([named] if named else [])


# --- any catalogue word, with or without a typo ------------------------------------------

WORDS = [
    (entry.key.value, word)
    for entry in catalogue()
    for word in (
        entry.name,
        entry.key.value,
        *(w for lang in LANGUAGES for w in entry.synonyms[lang]),
    )
]

# One substitution in a word stays within the matcher's spelling threshold (88)
# from nine letters on; typos rarely hit the first letter, and the matcher relies on it.
_TYPO_FROM = 9


def _typo(word: str, position: int, kind: int) -> str:
    letters = normalise(word)
    at = 1 + position % (len(letters) - 1)
    if letters[at] == " " or letters[at - 1] == " ":
        return letters
    if kind == 0:  # a letter dropped
        return letters[:at] + letters[at + 1 :]
    if kind == 1:  # a letter doubled
        return letters[:at] + letters[at] + letters[at:]
    return letters[:at] + letters[at - 1] + letters[at + 1 :]  # a neighbour's letter typed


@given(
    st.sampled_from(WORDS),
    st.booleans(),
    st.integers(min_value=0, max_value=200),
    st.integers(0, 2),
)
def test_any_catalogue_word_in_any_language_resolves_to_its_key(
    word: tuple[str, str], misspelt: bool, position: int, kind: int
) -> None:
    key, text = word
    if misspelt and len(normalise(text)) >= _TYPO_FROM:
        text = _typo(text, position, kind)
        # A typo that spells another catalogue word is that word, not a typo.
        spelt = match_metric(text, whole=True)
        assume(not (spelt and spelt[0].how != "fuzzy" and spelt[0].kpi.key != key))

    found = resolve_metric(text)

    assert found is not None and found.key.value == key, text
