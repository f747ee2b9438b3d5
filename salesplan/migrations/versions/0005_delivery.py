"""Delivery by e-mail: the managers' addresses, and the log of every message sent.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("managers", sa.Column("email", sa.Text()))
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("month", sa.String(7), nullable=False, index=True),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("recipient", sa.String, nullable=False),
        sa.Column("address", sa.Text, nullable=False),
        sa.Column("files", sa.JSON, nullable=False),
        sa.Column("sent_at", sa.DateTime, nullable=False),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("reply", sa.Text, nullable=False),
        sa.Column("login", sa.String, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("deliveries")
    op.drop_column("managers", "email")
