"""The head's answers to the express self-assessment checklist, one row per answer given.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "checklist_answers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("period", sa.String(7), nullable=False, index=True),
        sa.Column("department_id", sa.String, nullable=False),
        sa.Column("point_id", sa.String, nullable=False),
        sa.Column("answer", sa.String(7), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("login", sa.String, nullable=False),
        sa.Column("answered_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("checklist_answers")
