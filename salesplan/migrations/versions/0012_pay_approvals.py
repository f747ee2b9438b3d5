"""Approved payrolls: the approval of a month's pay (who, when) and each manager's statement as
approved; both unchangeable on both databases (a later change is a correction in an open month).

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

from salesplan.schema import install_rules, remove_rules

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    op.create_table(
        "pay_approvals",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("month", sa.String(7), nullable=False, index=True),
        sa.Column("department_id", sa.String, nullable=False),
        sa.Column("approved_by", sa.String, nullable=False),
        sa.Column("approved_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("month", "department_id"),
    )
    op.create_table(
        "pay_statements",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("approval_id", sa.Integer, sa.ForeignKey("pay_approvals.id"), nullable=False,
                  index=True),
        sa.Column("manager_id", sa.String, nullable=False),
        sa.Column("department_id", sa.String, nullable=False),
        sa.Column("scheme", sa.Text, nullable=False),
        sa.Column("total", sa.BigInteger, nullable=False),
        sa.Column("facts", sa.JSON, nullable=False),
        sa.Column("lines", sa.JSON, nullable=False),
        sa.UniqueConstraint("approval_id", "manager_id"),
    )
    install_rules(conn, revision)


def downgrade() -> None:
    conn = op.get_bind()
    remove_rules(conn, revision)
    for table in ("pay_statements", "pay_approvals"):
        op.drop_table(table)
