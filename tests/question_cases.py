"""Questions people ask, with what they ask for and which goals of the known dataset
(`tests/data/questions_dataset.json`, clock frozen at 2026-11-22 08:00 UTC) they are about.

Shared by the pure reader's tests (intent) and the answering service's tests (goals).
"""

from __future__ import annotations

from typing import NamedTuple


class Case(NamedTuple):
    text: str
    intent: str
    goals: frozenset[str]


def _goals(*refs: str) -> frozenset[str]:
    return frozenset(refs)


REACH = _goals("reach-ig", "reach-tt")
REACH_IG = _goals("reach-ig")
FOLLOWERS = _goals("followers-ig")
VIEWS = _goals("views-yt")
ENGAGEMENT = _goals("eng-ig")
RESPONSE = _goals("resp-time")
REVENUE = _goals("revenue")
SIGNUPS = _goals("signups")
INSTAGRAM = _goals("reach-ig", "followers-ig", "eng-ig")
ALL = REACH | FOLLOWERS | VIEWS | ENGAGEMENT | RESPONSE | REVENUE | SIGNUPS
ON_TRACK = _goals("reach-ig", "views-yt", "eng-ig")
OFF_TRACK = _goals("reach-tt", "followers-ig")
NOTHING = _goals()
DUE_THIS_MONTH = _goals("reach-tt")
DUE_BEFORE_CHRISTMAS = _goals("reach-tt", "revenue")
DUE_THIS_YEAR = _goals("reach-tt", "revenue", "reach-ig", "followers-ig", "views-yt")
AWARENESS_OKR = _goals("Q4 awareness push")

CASES: list[Case] = [
    # --- status, English -------------------------------------------------------------
    Case("how are we doing on reach?", "status", REACH),
    Case("How are we doing on reach", "status", REACH),
    Case("reach?", "status", REACH),
    Case("reach on instagram?", "status", REACH_IG),
    Case("how's our Instagram reach", "status", REACH_IG),
    Case("what's the reach on insta", "status", REACH_IG),
    Case("status of reach on IG", "status", REACH_IG),
    Case("are we on track for YouTube views?", "status", VIEWS),
    Case("youtube views?", "status", VIEWS),
    Case("how many video views do we have", "status", VIEWS),
    Case("what's our engagement rate?", "status", ENGAGEMENT),
    Case("engagement rate", "status", ENGAGEMENT),
    Case("how is engagment rate doing", "status", ENGAGEMENT),
    Case("update on followers", "status", FOLLOWERS),
    Case("how many followers do we have on instagram?", "status", FOLLOWERS),
    Case("folowers?", "status", FOLLOWERS),
    Case("where are we on response time", "status", RESPONSE),
    Case("is response time on track?", "status", RESPONSE),
    Case("how's revenue", "status", REVENUE),
    Case("sales revenue status", "status", REVENUE),
    Case("sign-ups progress", "status", SIGNUPS),
    Case("newsletter sign ups?", "status", SIGNUPS),
    Case("how are we doing on tiktok reach", "status", _goals("reach-tt")),
    Case("reach on tiktok", "status", _goals("reach-tt")),
    Case("how are we doing on podcast downloads?", "status", NOTHING),
    Case("how is the pizzeria launch going", "status", NOTHING),
    Case("what's our reach on LinkedIn?", "status", NOTHING),
    Case("how are we doing on impressions?", "status", NOTHING),
    Case("what's our NPS score", "status", NOTHING),
    Case("how is the newsletter going", "status", SIGNUPS),
    Case("status of the youtube views goal", "status", VIEWS),
    Case("how's my reach", "status", REACH_IG),
    # --- status, Persian ------------------------------------------------------------------
    Case("ریچ اینستاگرام چطوره؟", "status", REACH_IG),
    Case("دسترسی چطوره؟", "status", REACH),
    Case("وضعیت فالوورها چطوره", "status", FOLLOWERS),
    Case("نرخ تعامل چقدره؟", "status", ENGAGEMENT),
    Case("بازدید یوتیوب چطوره", "status", VIEWS),
    Case("وضعیت دسترسی تیک تاک", "status", _goals("reach-tt")),
    Case("پیشرفت فالوور اینستاگرام", "status", FOLLOWERS),
    Case("ریچ؟", "status", REACH),
    # --- status, Romanian -----------------------------------------------------------------
    Case("cum stăm cu urmăritorii?", "status", FOLLOWERS),
    Case("cum stam cu acoperirea pe instagram?", "status", REACH_IG),
    Case("care e rata de implicare?", "status", ENGAGEMENT),
    Case("cât este rata de implicare", "status", ENGAGEMENT),
    Case("stadiul vizualizărilor pe youtube", "status", VIEWS),
    Case("cum merge acoperirea?", "status", REACH),
    Case("progresul la urmăritori", "status", FOLLOWERS),
    # --- status, Turkish ------------------------------------------------------------------
    Case("erişimimiz nasıl?", "status", REACH),
    Case("instagram erişimi ne durumda?", "status", REACH_IG),
    Case("takipçi sayısı kaç?", "status", FOLLOWERS),
    Case("etkileşim oranı nasıl gidiyor", "status", ENGAGEMENT),
    Case("youtube izlenme durumu", "status", VIEWS),
    Case("takipçilerimiz ne kadar?", "status", FOLLOWERS),
    Case("tiktok erişim durumu nedir", "status", _goals("reach-tt")),
    # --- status, Vietnamese ---------------------------------------------------------------
    Case("tỷ lệ tương tác thế nào?", "status", ENGAGEMENT),
    Case("lượt tiếp cận trên instagram ra sao?", "status", REACH_IG),
    Case("người theo dõi bao nhiêu rồi?", "status", FOLLOWERS),
    Case("tình hình lượt xem youtube", "status", VIEWS),
    Case("tiến độ tiếp cận", "status", REACH),
    Case("ti le tuong tac the nao", "status", ENGAGEMENT),
    # --- lists, English -------------------------------------------------------------------
    Case("which goals are at risk?", "list", NOTHING),
    Case("what's off track?", "list", OFF_TRACK),
    Case("which goals are off track", "list", OFF_TRACK),
    Case("what is behind?", "list", OFF_TRACK),
    Case("show Instagram goals", "list", INSTAGRAM),
    Case("instagram goals", "list", INSTAGRAM),
    Case("list all goals", "list", ALL),
    Case("how are we doing?", "list", ALL),
    Case("which goals are on track?", "list", ON_TRACK),
    Case("what have we achieved?", "list", RESPONSE),
    Case("which goals did we miss?", "list", SIGNUPS),
    Case("what did we miss", "list", SIGNUPS),
    Case("goals with no data", "list", REVENUE),
    Case("show my goals", "list", _goals("reach-ig", "views-yt", "resp-time")),
    Case("goals of <@U1>", "list", _goals("reach-ig", "views-yt", "resp-time")),
    Case("show <@U2>'s goals", "list", _goals("followers-ig", "eng-ig")),
    Case("which instagram goals are off track?", "list", FOLLOWERS),
    Case("show youtube goals", "list", VIEWS),
    Case("which reach goals are off track?", "list", _goals("reach-tt")),
    Case("list tiktok goals", "list", _goals("reach-tt")),
    Case("overview", "list", ALL),
    Case("what's lagging?", "list", OFF_TRACK),
    Case("what's at risk on tiktok?", "list", NOTHING),
    # --- lists, other languages -----------------------------------------------------------
    Case("کدام اهداف در خطر هستند؟", "list", NOTHING),
    Case("کدوم هدفها عقب هستند؟", "list", OFF_TRACK),
    Case("اهداف اینستاگرام رو نشون بده", "list", INSTAGRAM),
    Case("لیست اهداف", "list", ALL),
    Case("care obiective sunt în urmă?", "list", OFF_TRACK),
    Case("arată obiectivele de pe instagram", "list", INSTAGRAM),
    Case("ce obiective sunt la risc?", "list", NOTHING),
    Case("care obiective sunt pe drumul cel bun?", "list", ON_TRACK),
    Case("hangi hedefler risk altında?", "list", NOTHING),
    Case("hangi hedefler geride?", "list", OFF_TRACK),
    Case("instagram hedeflerini göster", "list", INSTAGRAM),
    Case("yolunda değil olan hedefler hangileri", "list", OFF_TRACK),
    Case("hangi hedefler yolunda?", "list", ON_TRACK),
    Case("mục tiêu nào có nguy cơ?", "list", NOTHING),
    Case("mục tiêu nào chậm tiến độ?", "list", OFF_TRACK),
    Case("liệt kê mục tiêu instagram", "list", INSTAGRAM),
    Case("những mục tiêu đúng tiến độ", "list", ON_TRACK),
    # --- owner ----------------------------------------------------------------------------
    Case("who owns the followers goal?", "owner", FOLLOWERS),
    Case("who is responsible for reach on instagram", "owner", REACH_IG),
    Case("whose goal is youtube views?", "owner", VIEWS),
    Case("who owns reach?", "owner", REACH),
    Case("who's in charge of engagement rate?", "owner", ENGAGEMENT),
    Case("owner of the sign-ups goal", "owner", SIGNUPS),
    Case("who owns what?", "owner", ALL),
    Case("who owns impressions?", "owner", NOTHING),
    Case("مسئول هدف فالوور کیه؟", "owner", FOLLOWERS),
    Case("صاحب هدف ریچ اینستاگرام کیه", "owner", REACH_IG),
    Case("cine se ocupă de urmăritori?", "owner", FOLLOWERS),
    Case("cine e responsabil de rata de implicare", "owner", ENGAGEMENT),
    Case("takipçi hedefinin sahibi kim?", "owner", FOLLOWERS),
    Case("erişim hedefi kimin?", "owner", REACH),
    Case("ai phụ trách lượt xem?", "owner", VIEWS),
    Case("ai phụ trách người theo dõi", "owner", FOLLOWERS),
    # --- change ---------------------------------------------------------------------------
    Case("how did reach change since last week?", "change", REACH),
    Case("how did reach change this month?", "change", REACH),
    Case("how did instagram reach change since last week?", "change", REACH_IG),
    Case("followers week over week", "change", FOLLOWERS),
    Case("how much did engagement rate change", "change", ENGAGEMENT),
    Case("what changed this week?", "change", ALL),
    Case("youtube views vs last month", "change", VIEWS),
    Case("how has response time changed", "change", RESPONSE),
    Case("reach compared to last week", "change", REACH),
    Case("how did podcast downloads change", "change", NOTHING),
    Case("ریچ نسبت به هفته پیش چه تغییری کرده؟", "change", REACH),
    Case("تغییر فالوورها در این ماه", "change", FOLLOWERS),
    Case("cum s-a schimbat acoperirea față de săptămâna trecută?", "change", REACH),
    Case("cum au evoluat urmăritorii luna asta", "change", FOLLOWERS),
    Case("erişim geçen haftaya göre nasıl değişti?", "change", REACH),
    Case("takipçi sayısı bu ay nasıl değişti", "change", FOLLOWERS),
    Case("lượt tiếp cận thay đổi thế nào so với tuần trước?", "change", REACH),
    Case("người theo dõi tháng này thay đổi ra sao", "change", FOLLOWERS),
    # --- due ------------------------------------------------------------------------------
    Case("what's due this month?", "due", DUE_THIS_MONTH),
    Case("what ends before Christmas?", "due", DUE_BEFORE_CHRISTMAS),
    Case("what's due before xmas", "due", DUE_BEFORE_CHRISTMAS),
    Case("which goals end this year?", "due", DUE_THIS_YEAR),
    Case("deadlines this month", "due", DUE_THIS_MONTH),
    Case("what's due?", "due", DUE_BEFORE_CHRISTMAS),  # the next 30 days
    Case("which instagram goals end this year", "due", _goals("reach-ig", "followers-ig")),
    Case("what expires next week", "due", DUE_THIS_MONTH),  # up to Fri 4 Dec
    Case("what's due by the end of Q1", "due", DUE_THIS_YEAR | ENGAGEMENT),  # resp-time achieved
    Case("این ماه مهلت کدام اهداف تمام میشود؟", "due", DUE_THIS_MONTH),
    Case("ce obiective expiră înainte de Crăciun?", "due", DUE_BEFORE_CHRISTMAS),
    Case("ce termene avem luna asta", "due", DUE_THIS_MONTH),
    Case("bu ay hangi hedefler bitiyor?", "due", DUE_THIS_MONTH),
    Case("yılbaşından önce biten hedefler", "due", DUE_THIS_YEAR),  # before 1 Jan
    Case("mục tiêu nào hết hạn trước Giáng sinh?", "due", DUE_BEFORE_CHRISTMAS),
    Case("tháng này có gì đến hạn", "due", DUE_THIS_MONTH),
    # --- OKR score ------------------------------------------------------------------------
    Case("what's the score of our Q4 objective?", "score", AWARENESS_OKR),
    Case("OKR scores", "score", AWARENESS_OKR | _goals("Holiday sales")),
    Case("score of the awareness objective", "score", AWARENESS_OKR),
    Case("how did we score on holiday sales?", "score", _goals("Holiday sales")),
    Case("what's our okr score", "score", AWARENESS_OKR | _goals("Holiday sales")),
    Case("score for the Q3 objective", "score", NOTHING),
    Case("امتیاز هدف کلان Q4 چنده؟", "score", AWARENESS_OKR),
    Case("care e scorul obiectivului Q4?", "score", AWARENESS_OKR),
    Case("Q4 okr puanı nedir?", "score", AWARENESS_OKR),
    Case("điểm okr Q4 là bao nhiêu?", "score", AWARENESS_OKR),
    # --- typos and glued words, English --------------------------------------------------
    Case("how r we doing on reech", "status", REACH),
    Case("hows our instagram reech", "status", REACH_IG),
    Case("wich goals are of track?", "list", OFF_TRACK),
    Case("which goals are offtrack?", "list", OFF_TRACK),
    Case("which goals are offtrack on instagram", "list", FOLLOWERS),
    Case("wich instagram goals are behnd?", "list", FOLLOWERS),
    Case("whats due this wek", "due", NOTHING),  # the week ends today, Sunday 22 Nov
    Case("whats due this month", "due", DUE_THIS_MONTH),
    Case("dedlines this month", "due", DUE_THIS_MONTH),
    Case("wat is due before xmas", "due", DUE_BEFORE_CHRISTMAS),
    Case("folowers on instagram?", "status", FOLLOWERS),
    Case("engagment rate on insta", "status", ENGAGEMENT),
    Case("how is revnue", "status", REVENUE),
    Case("sign ups progres", "status", SIGNUPS),
    Case("whats at rsk?", "list", NOTHING),
    Case("which goals are on trak", "list", ON_TRACK),
    Case("which goals are ontrack", "list", ON_TRACK),
    Case("shw instagram goals", "list", INSTAGRAM),
    Case("what did we mis", "list", SIGNUPS),
    Case("goals with no dta", "list", REVENUE),
    Case("who ownes reach?", "owner", REACH),
    Case("how did folowers change this month", "change", FOLLOWERS),
    Case("wich youtube goals end this year", "due", VIEWS),
    Case("what's overdue?", "list", SIGNUPS),
    Case("whats behind on tiktok", "list", _goals("reach-tt")),
    Case("how are we doing on tiktok reech", "status", _goals("reach-tt")),
    Case("how r we doing?", "list", ALL),
    Case("how r we doing on instagram", "list", INSTAGRAM),
    Case("status of folowers", "status", FOLLOWERS),
    Case("wich goals did we achieve?", "list", RESPONSE),
    # --- typos and missing diacritics, other languages --------------------------------------
    Case("کدوم هدفها عقبن؟", "list", OFF_TRACK),
    Case("هدفهای عقب افتاده کدومن", "list", OFF_TRACK),
    Case("ریچ اینستاگرام چطوره", "status", REACH_IG),
    Case("وضعیت نرخ تعامل", "status", ENGAGEMENT),
    Case("لیست اهداف اینستاگرام", "list", INSTAGRAM),
    Case("کدام اهداف در مسیر هستند", "list", ON_TRACK),
    Case("care obiective sunt in urma?", "list", OFF_TRACK),
    Case("care obiective sunt la risk?", "list", NOTHING),
    Case("cum stam cu urmaritorii", "status", FOLLOWERS),
    Case("cum sta acoperirea pe instagram", "status", REACH_IG),
    Case("arata obiectivele de pe instagram", "list", INSTAGRAM),
    Case("ce obiective expira luna asta", "due", DUE_THIS_MONTH),
    Case("cine se ocupa de urmaritori", "owner", FOLLOWERS),
    Case("hangi hedefler gerde?", "list", OFF_TRACK),
    Case("erisim nasil", "status", REACH),
    Case("takipci sayisi kac", "status", FOLLOWERS),
    Case("instagram hedeflerini goster", "list", INSTAGRAM),
    Case("hangi hedefler yolunda degil", "list", OFF_TRACK),
    Case("youtube izlenme nasil", "status", VIEWS),
    Case("bu ay hangi hedefler bitiyor", "due", DUE_THIS_MONTH),
    Case("muc tieu nao cham tien do", "list", OFF_TRACK),
    Case("muc tieu nao tut lai", "list", OFF_TRACK),
    Case("ty le tuong tac the nao", "status", ENGAGEMENT),
    Case("luot xem youtube ra sao", "status", VIEWS),
    Case("liet ke muc tieu instagram", "list", INSTAGRAM),
    Case("nguoi theo doi bao nhieu", "status", FOLLOWERS),
    # --- more ways to ask -------------------------------------------------------------------
    Case("instagram reach status", "status", REACH_IG),
    Case("what's our tiktok reach", "status", _goals("reach-tt")),
    Case("how many sign-ups so far?", "status", SIGNUPS),
    Case("where do we stand on revenue", "status", REVENUE),
    Case("engagement on instagram?", "status", ENGAGEMENT),
    Case("list youtube goals", "list", VIEWS),
    Case("show tiktok goals", "list", _goals("reach-tt")),
    Case("which goals are slipping?", "list", NOTHING),
    Case("which goals are in trouble", "list", NOTHING),
    Case("which goals are falling behind?", "list", OFF_TRACK),
    Case("which goals have no check-ins?", "list", REVENUE),
    Case("what's on schedule", "list", ON_TRACK),
    Case("what have we completed", "list", RESPONSE),
    Case("which goals failed", "list", SIGNUPS),
    Case("who handles youtube views", "owner", VIEWS),
    Case("who is in charge of revenue?", "owner", REVENUE),
    Case("how did tiktok reach change this week", "change", _goals("reach-tt")),
    Case("revenue compared to last week", "change", REVENUE),
    Case("what's ending this month?", "due", DUE_THIS_MONTH),
    Case("what finishes before christmas", "due", DUE_BEFORE_CHRISTMAS),
    Case("which instagram goals are due this year", "due", _goals("reach-ig", "followers-ig")),
    Case("what's coming up this month", "due", DUE_THIS_MONTH),
    # --- help -----------------------------------------------------------------------------
    Case("what can you answer?", "help", NOTHING),
    Case("help", "help", NOTHING),
    Case("what can I ask?", "help", NOTHING),
    Case("", "help", NOTHING),
    Case("راهنما", "help", NOTHING),
    Case("ajutor", "help", NOTHING),
    Case("ce pot întreba?", "help", NOTHING),
    Case("yardım", "help", NOTHING),
    Case("neler sorabilirim?", "help", NOTHING),
    Case("trợ giúp", "help", NOTHING),
    Case("bạn trả lời được gì?", "help", NOTHING),
    # --- not questions ---------------------------------------------------------------------
    Case("hello there", "unknown", NOTHING),
    Case("🤷‍♀️", "unknown", NOTHING),
    Case("pizza", "unknown", NOTHING),
    Case("thanks!", "unknown", NOTHING),
    Case("merhaba", "unknown", NOTHING),
]
