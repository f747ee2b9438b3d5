"""The audit trail: who approved a plan, finalised a sheet, set a cut or edited a review, when,
and what changed; append-only (no UPDATE or DELETE, on both databases).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from salesplan.schema import install_rules, remove_rules

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime, nullable=False, index=True),
        sa.Column("login", sa.String, nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("subject", sa.String, nullable=False),
        sa.Column("details", sa.JSON, nullable=False),
    )
    install_rules(conn, revision)


def downgrade() -> None:
    conn = op.get_bind()
    remove_rules(conn, revision)
    op.drop_table("audit")
