"""typed columns and delivery targets

Closed sets of words become StrEnum columns, so the rows written before them are
normalised here: a platform named as people write it ("Instagram") becomes its key
("instagram"), a metric named by its catalogue name ("Followers") its key, any other
metric "custom" with its name kept in `metric_name`. A delivery's string target
("schedule:12", "digest:3") becomes a foreign key to the row it was sent for.

The words and keys below are frozen as they were when this revision was written,
not imported from `bot.core`: the catalogue will change, and a migration must give
the same result whenever it runs. Every path that wrote a platform before this
revision wrote its key or its name (free text was kept only when no platform was
recognised in it), so keys and names are all this needs to recognise.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 06:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_goal = sa.table(
    "goal",
    sa.column("id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("category", sa.String),
    sa.column("metric", sa.String),
    sa.column("metric_name", sa.String),
    sa.column("platform", sa.String),
    sa.column("unit", sa.String),
    sa.column("direction", sa.String),
    sa.column("state", sa.String),
)
_subscription = sa.table(
    "digestsubscription",
    sa.column("id", sa.Integer),
    sa.column("filter_category", sa.String),
    sa.column("filter_platform", sa.String),
)
_checkin = sa.table(
    "checkin",
    sa.column("id", sa.Integer),
    sa.column("confidence", sa.String),
    sa.column("source", sa.String),
)
_delivery = sa.table(
    "delivery",
    sa.column("id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("target", sa.String),
    sa.column("status", sa.String),
    sa.column("schedule_id", sa.Integer),
    sa.column("subscription_id", sa.Integer),
)

# Platform and metric keys with their display names, as `bot/core/data` had them.
_PLATFORMS = {
    "instagram": "Instagram",
    "youtube": "YouTube",
    "tiktok": "TikTok",
    "linkedin": "LinkedIn",
    "facebook": "Facebook",
    "x": "X (Twitter)",
    "pinterest": "Pinterest",
    "threads": "Threads",
    "telegram": "Telegram",
    "website": "Website",
    "all": "All channels",
}
_METRICS = {
    "reach": "Reach",
    "impressions": "Impressions",
    "followers": "Followers",
    "audience_growth_rate": "Audience growth rate",
    "engagement_rate": "Engagement rate",
    "likes": "Likes",
    "comments": "Comments",
    "shares": "Shares",
    "mentions": "Brand mentions",
    "story_views": "Story views",
    "story_retention": "Story retention",
    "video_views": "Video views",
    "watch_time": "Watch time",
    "virality_rate": "Virality rate",
    "amplification_rate": "Amplification rate",
    "applause_rate": "Applause rate",
    "conversation_rate": "Conversation rate",
    "share_of_voice": "Share of voice",
    "sentiment": "Social sentiment",
    "csat": "Customer satisfaction (CSAT)",
    "nps": "Net Promoter Score (NPS)",
    "ctr": "Click-through rate (CTR)",
    "link_clicks": "Link clicks",
    "shopping_post_clicks": "Shopping post clicks",
    "bounce_rate": "Bounce rate",
    "conversion_rate": "Conversion rate",
    "sales_revenue": "Sales revenue",
    "cpc": "Cost per click (CPC)",
    "cpm": "Cost per mille (CPM)",
    "sessions": "Website sessions",
    "sign_ups": "Sign-ups",
    "leads": "Leads generated",
    "lead_conversion_rate": "Lead conversion rate",
    "dms_handled": "Direct messages handled",
    "response_rate": "Response rate",
    "response_time": "Response time",
    "requests_per_agent": "Requests resolved per agent",
    "applications": "Job applications",
    "saves": "Saves",
    "profile_visits": "Profile visits",
    "milestone": "Internal milestone",
}
# A key, or a name in any case, to its key.
_PLATFORM_KEYS = {word.casefold(): key for key, name in _PLATFORMS.items() for word in (key, name)}
_METRIC_KEYS = {word.casefold(): key for key, name in _METRICS.items() for word in (key, name)}

# The values each closed column accepts from this revision on.
_CATEGORIES = {
    "awareness",
    "reputation",
    "community",
    "conversions",
    "insights",
    "leads",
    "customer_service",
    "recruiting",
    "crisis",
    "internal_comms",
}
_KINDS = {"goal", "objective", "key_result"}
_UNITS = {"count", "percent", "currency", "duration", "score", "milestone"}
_DIRECTIONS = {"increase", "decrease"}
_STATES = {"active", "achieved", "archived"}
_CONFIDENCES = {"on_track", "at_risk", "off_track"}
_SOURCES = {"reply", "command", "modal", "import"}
_DELIVERY_STATUSES = {"claimed", "sent", "skipped", "failed"}


def platform_key(stored: str | None) -> str | None:
    """The key of a stored platform ("Instagram", "instagram"); None when unknown."""
    return _PLATFORM_KEYS.get((stored or "").strip().casefold())


def metric_key_and_name(metric: str, name: str, kind: str) -> tuple[str | None, str]:
    """(key, name) of a stored metric: a catalogue key, "custom" with its name, or None."""
    stored = metric.strip()
    if not stored:
        return (None, name) if kind == "objective" else ("custom", name)
    key = _METRIC_KEYS.get(stored.casefold())
    if key is not None:
        return key, name or _METRICS[key]
    if stored.casefold() == "custom":
        return "custom", name
    return "custom", name or stored[:200]


def _closed(value: str | None, allowed: set[str], fallback: str | None) -> str | None:
    word = (value or "").strip().casefold()
    return word if word in allowed else fallback


def _normalise_goals(connection: sa.Connection) -> None:
    for row in connection.execute(sa.select(_goal)).mappings().all():
        kind = _closed(row["kind"], _KINDS, "goal") or "goal"
        metric, metric_name = metric_key_and_name(row["metric"] or "", row["metric_name"], kind)
        values = {
            "kind": kind,
            "category": _closed(row["category"], _CATEGORIES, None),
            "metric": metric,
            "metric_name": metric_name,
            "platform": platform_key(row["platform"]),
            "unit": _closed(row["unit"], _UNITS, "count"),
            "direction": _closed(row["direction"], _DIRECTIONS, "increase"),
            "state": _closed(row["state"], _STATES, "active"),
        }
        if any(values[name] != row[name] for name in values):
            connection.execute(sa.update(_goal).where(_goal.c.id == row["id"]).values(**values))


def _normalise_subscriptions(connection: sa.Connection) -> None:
    for row in connection.execute(sa.select(_subscription)).mappings().all():
        values = {
            "filter_category": _closed(row["filter_category"], _CATEGORIES, None),
            "filter_platform": platform_key(row["filter_platform"]),
        }
        if any(values[name] != row[name] for name in values):
            connection.execute(
                sa.update(_subscription).where(_subscription.c.id == row["id"]).values(**values)
            )


def _normalise_checkins(connection: sa.Connection) -> None:
    for row in connection.execute(sa.select(_checkin)).mappings().all():
        values = {
            "confidence": _closed(row["confidence"], _CONFIDENCES, None),
            "source": _closed(row["source"], _SOURCES, "command"),
        }
        if any(values[name] != row[name] for name in values):
            connection.execute(
                sa.update(_checkin).where(_checkin.c.id == row["id"]).values(**values)
            )


def _point_deliveries_at_rows(connection: sa.Connection) -> None:
    """Fill the new references from the old targets; a target whose row is gone, or that
    was never a row, leaves only history behind, and that history is dropped."""
    schedules = set(connection.execute(sa.text("SELECT id FROM reminderschedule")).scalars())
    subscriptions = set(connection.execute(sa.text("SELECT id FROM digestsubscription")).scalars())
    prefixes = {"reminder": ("schedule:", schedules), "digest": ("digest:", subscriptions)}
    for row in connection.execute(sa.select(_delivery)).mappings().all():
        prefix, existing = prefixes.get(row["kind"], ("", set()))
        number = (row["target"] or "").removeprefix(prefix) if prefix else ""
        row_id = int(number) if prefix and number.isdigit() else None
        if row_id is None or row_id not in existing:
            connection.execute(sa.delete(_delivery).where(_delivery.c.id == row["id"]))
            continue
        column = "schedule_id" if row["kind"] == "reminder" else "subscription_id"
        status = _closed(row["status"], _DELIVERY_STATUSES, "failed")
        connection.execute(
            sa.update(_delivery)
            .where(_delivery.c.id == row["id"])
            .values({column: row_id, "status": status})
        )


def upgrade() -> None:
    connection = op.get_bind()
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.alter_column("metric", existing_type=sa.String(length=100), nullable=True)
    _normalise_goals(connection)
    _normalise_subscriptions(connection)
    _normalise_checkins(connection)

    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.add_column(sa.Column("schedule_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("subscription_id", sa.Integer(), nullable=True))
    _point_deliveries_at_rows(connection)
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.drop_constraint("uq_delivery_team_id_kind_target_period", type_="unique")
        batch_op.drop_column("target")
        batch_op.create_foreign_key(
            batch_op.f("fk_delivery_schedule_id_reminderschedule"),
            "reminderschedule",
            ["schedule_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_delivery_subscription_id_digestsubscription"),
            "digestsubscription",
            ["subscription_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_delivery_one_target"),
            "(kind = 'reminder' AND schedule_id IS NOT NULL AND subscription_id IS NULL)"
            " OR (kind = 'digest' AND subscription_id IS NOT NULL AND schedule_id IS NULL)",
        )
    for column in ("schedule_id", "subscription_id"):
        op.create_index(
            f"uq_delivery_team_id_{column}_period",
            "delivery",
            ["team_id", column, "period"],
            unique=True,
            sqlite_where=sa.text(f"{column} IS NOT NULL"),
            postgresql_where=sa.text(f"{column} IS NOT NULL"),
        )


def downgrade() -> None:
    for column in ("schedule_id", "subscription_id"):
        op.drop_index(f"uq_delivery_team_id_{column}_period", table_name="delivery")
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.add_column(sa.Column("target", sa.String(length=64), nullable=True))
    op.execute(
        "UPDATE delivery SET target = CASE WHEN schedule_id IS NOT NULL"
        " THEN 'schedule:' || schedule_id ELSE 'digest:' || subscription_id END"
    )
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.drop_constraint("ck_delivery_one_target", type_="check")
        batch_op.drop_constraint(
            batch_op.f("fk_delivery_subscription_id_digestsubscription"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_delivery_schedule_id_reminderschedule"), type_="foreignkey"
        )
        batch_op.drop_column("subscription_id")
        batch_op.drop_column("schedule_id")
        batch_op.alter_column("target", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(
            batch_op.f("uq_delivery_team_id_kind_target_period"),
            ["team_id", "kind", "target", "period"],
        )
    op.execute("UPDATE goal SET metric = '' WHERE metric IS NULL")
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.alter_column("metric", existing_type=sa.String(length=100), nullable=False)
