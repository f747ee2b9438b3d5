"""Payment plans: the weekly plans and the plans for tomorrow managers submit, every version
kept as submitted (no UPDATE or DELETE, on both databases).

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

from salesplan.schema import install_rules, remove_rules

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    op.create_table(
        "payment_plans",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(4), nullable=False),
        sa.Column("period", sa.String(10), nullable=False, index=True),
        sa.Column("manager_id", sa.String, nullable=False, index=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("submitted_by", sa.String, nullable=False),
        sa.Column("submitted_at", sa.DateTime, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.UniqueConstraint("kind", "period", "manager_id", "version"),
    )
    op.create_table(
        "payment_plan_rows",
        sa.Column("payment_plan_id", sa.Integer, sa.ForeignKey("payment_plans.id"), primary_key=True),
        sa.Column("line", sa.Integer, primary_key=True),
        sa.Column("client_id", sa.String),
        sa.Column("client", sa.String, nullable=False),
        sa.Column("contact", sa.String, nullable=False),
        sa.Column("business", sa.String, nullable=False),
        sa.Column("annual_turnover", sa.BigInteger),
        sa.Column("deal_id", sa.String),
        sa.Column("deal", sa.String, nullable=False),
        sa.Column("expected_date", sa.Date, nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("stage", sa.String, nullable=False),
        sa.Column("probability", sa.Float, nullable=False),
    )
    install_rules(conn, revision)


def downgrade() -> None:
    conn = op.get_bind()
    remove_rules(conn, revision)
    op.drop_table("payment_plan_rows")
    op.drop_table("payment_plans")
