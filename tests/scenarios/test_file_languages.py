"""An analytics export and `/goals token` in each language, through the sandbox: the
person's language chosen with `/goals language xx`, the file's summary in it with its
digits and dates (Persian on the Solar Hijri calendar), Save pressed, values stored."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.i18n.bidi import without_isolates
from bot.sandbox.file_drops import drop_file
from bot.sandbox.state import Message
from tests.harness import BotHarness
from tests.i18n.pseudo import shown_texts
from tests.scenarios.test_analytics_files import META_REACH, ana_has_goals, stored

# Per language: the summary line of the Meta export (6 weeks of Instagram reach, the last
# 41,200 on 23 Nov 2025 = 2 Azar 1404) and what Save answers.
SUMMARY = {
    "fa": ("*ریچ Instagram*، ۶ هفته، آخرین مقدار ۴۱٬۲۰۰ در ۲ آذر ← `#1`",
           "۷ مقدار از فایل ذخیره شد"),
    "ro": ("*Acoperire Instagram*, 6 săptămâni, ultima valoare 41.200 pe 23 nov. → `#1`",
           "Am salvat din fișier 7 valori"),
    "tr": ("*Erişim (Instagram)*, 6 hafta, son değer 23 Kas tarihinde 41.200 → `#1`",
           "Dosyadan 7 değer kaydedildi"),
    "vi": ("*Tiếp cận Instagram*, 6 tuần, gần nhất 41.200 ngày 23 thg 11 → `#1`",
           "Đã lưu 7 giá trị từ tệp"),
}  # fmt: skip
NEW_VALUES = {
    "fa": "۷ مقدار جدید خواندم",
    "ro": "Am citit 7 valori noi",
    "tr": "7 yeni değer okudum",
    "vi": "Mình đọc được 7 giá trị mới",
}


def _shown(message: Message) -> str:
    """The text and every block's words as a person reads them (isolates removed)."""
    return without_isolates("\n".join([message.text, *shown_texts(message.blocks or [])]))


@pytest.mark.parametrize("lang", ["fa", "ro", "tr", "vi"])
def test_an_export_is_summed_up_saved_and_answered_in_the_persons_language(
    harness: BotHarness, lang: str
) -> None:
    ana_has_goals(harness)
    harness.driver.command("U1", "/goals", f"language {lang}")

    drop_file(harness.driver, "U1", META_REACH)

    preview = harness.last_reply("U1")
    shown = _shown(preview)
    line, saved = SUMMARY[lang]
    assert line in shown, shown
    assert NEW_VALUES[lang] in shown
    assert "Save" not in shown and "weeks" not in shown
    harness.driver.click("U1", preview, preview.blocks[-1]["elements"][0]["text"]["text"])

    assert saved in _shown(harness.last_reply("U1"))
    values = stored(harness)
    assert len(values) == 7 and values[-1].value == Decimal(41200)


# A table exported with its headers in the person's language: the date column and the
# metric are recognised through the KPI catalogue's words.
NATIVE_TABLES = {
    "fa": "تاریخ,ریچ اینستاگرام\n2025-11-22,40100\n2025-11-23,41200\n",
    "ro": "Data,Acoperire Instagram\n22.11.2025,40.100\n23.11.2025,41.200\n",
    "tr": "Tarih;Instagram erişimi\n22.11.2025;40.100\n23.11.2025;41.200\n",
    "vi": "Ngày,Lượt tiếp cận Instagram\n22/11/2025,40.100\n23/11/2025,41.200\n",
}
NATIVE_SUMMARY = {
    "fa": "۲ روز، آخرین مقدار ۴۱٬۲۰۰ در ۲ آذر",
    "ro": "2 zile, ultima valoare 41.200 pe 23 nov.",
    "tr": "2 gün, son değer 23 Kas tarihinde 41.200",
    "vi": "2 ngày, gần nhất 41.200 ngày 23 thg 11",
}


@pytest.mark.parametrize("lang", ["fa", "ro", "tr", "vi"])
def test_an_export_with_headers_in_the_persons_language_is_read(
    harness: BotHarness, lang: str
) -> None:
    ana_has_goals(harness)
    harness.driver.command("U1", "/goals", f"language {lang}")

    drop_file(harness.driver, "U1", ("export.csv", NATIVE_TABLES[lang].encode()))

    preview = harness.last_reply("U1")
    assert NATIVE_SUMMARY[lang] in _shown(preview), _shown(preview)
    harness.driver.click("U1", preview, preview.blocks[-1]["elements"][0]["text"]["text"])
    assert [c.value for c in stored(harness)] == [Decimal(40100), Decimal(41200)]


# What `token new` answers, what its DM says, the list's heading and the day it was made
# (the harness's clock: 22 Nov 2026, 1 Azar 1405).
TOKEN_WORDS = {
    "fa": ("را در پیام خصوصی برایتان فرستادم", "آن را محرمانه نگه دارید", "*توکن‌های API*",
           "ساختهٔ <@U1> در ۱ آذر ۱۴۰۵"),
    "ro": ("Ți-am trimis în privat tokenul API", "Păstrează-l secret", "*Tokenuri API*",
           "creat de <@U1> pe 22 nov. 2026"),
    "tr": ("sana özel mesajla gönderildi", "Gizli tut", "*API anahtarları*",
           "<@U1> tarafından 22 Kas 2026 tarihinde"),
    "vi": ("Mình đã gửi token API", "Hãy giữ bí mật", "*Token API*",
           "do <@U1> tạo ngày 22 thg 11, 2026"),
}  # fmt: skip


@pytest.mark.parametrize("lang", ["fa", "ro", "tr", "vi"])
def test_goals_token_answers_in_the_persons_language(harness: BotHarness, lang: str) -> None:
    harness.driver.command("U1", "/goals", f"language {lang}")
    sent, secret, heading, made = TOKEN_WORDS[lang]

    harness.driver.command("U1", "/goals", "token new zapier")
    reply = _shown(harness.last_reply("U1"))
    assert sent in reply, reply
    assert any(secret in _shown(m) and "cib_" in m.text for m in harness.dm("U1"))

    harness.driver.command("U1", "/goals", "token")
    listed = _shown(harness.last_reply("U1"))
    assert heading in listed and "“zapier”" in listed and made in listed
    assert "made by" not in listed and "never used" not in listed


FEED_WORDS = {
    "fa": ("`#1` Instagram reach 60k هیچ فیدی را دنبال نمی‌کند.",
           "نمی‌توانم این نشانی را دنبال کنم: فقط نشانی‌های http:// و https://"),
    "ro": ("`#1` Instagram reach 60k nu urmărește niciun feed.",
           "Nu pot urmări adresa asta: pot urmări doar adrese http:// și https://"),
    "tr": ("`#1` Instagram reach 60k hiçbir akışı takip etmiyor.",
           "Bu adresi takip edemiyorum: yalnızca http:// ve https:// adresleri"),
    "vi": ("`#1` Instagram reach 60k không theo dõi nguồn dữ liệu nào.",
           "Mình không theo dõi được địa chỉ này: chỉ theo dõi được địa chỉ http://"),
}  # fmt: skip


@pytest.mark.parametrize("lang", ["fa", "ro", "tr", "vi"])
def test_goals_feed_answers_in_the_persons_language(harness: BotHarness, lang: str) -> None:
    ana_has_goals(harness)
    harness.driver.command("U1", "/goals", f"language {lang}")
    follows_none, refused = FEED_WORDS[lang]

    harness.driver.command("U1", "/goals", "feed #1")
    assert follows_none in _shown(harness.last_reply("U1"))

    harness.driver.command("U1", "/goals", "feed #1 ftp://example.com/reach.csv")
    assert refused in _shown(harness.last_reply("U1"))
