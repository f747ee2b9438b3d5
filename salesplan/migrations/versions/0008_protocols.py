"""Meeting protocols: meetings, their items (decisions, tasks, promises, deviations), each item's
status events, and the protocol form's drafts; protocols are append-only on both databases.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

from salesplan.schema import install_rules, remove_rules

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("held_on", sa.Date, nullable=False, index=True),
        sa.Column("department_id", sa.String, nullable=False),
        sa.Column("recorded_by", sa.String, nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.UniqueConstraint("kind", "held_on", "department_id"),
    )
    op.create_table(
        "protocol_items",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("meeting_id", sa.Integer, sa.ForeignKey("meetings.id"), nullable=False, index=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("owner_id", sa.String),
        sa.Column("amount", sa.BigInteger),
        sa.Column("metric", sa.String),
        sa.Column("plan_value", sa.Float),
        sa.Column("fact_value", sa.Float),
    )
    op.create_table(
        "protocol_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("item_id", sa.Integer, sa.ForeignKey("protocol_items.id"), nullable=False,
                  index=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("login", sa.String, nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("deadline", sa.Date),
        sa.Column("note", sa.Text, nullable=False),
    )
    op.create_table(
        "protocol_drafts",
        sa.Column("login", sa.String, primary_key=True),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("state", sa.JSON, nullable=False),
    )
    install_rules(conn, revision)


def downgrade() -> None:
    conn = op.get_bind()
    remove_rules(conn, revision)
    for table in ("protocol_drafts", "protocol_events", "protocol_items", "meetings"):
        op.drop_table(table)
