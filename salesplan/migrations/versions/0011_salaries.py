"""Each manager's salary from a month on (a scheme with ``fixed: salary`` pays it).

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "salaries",
        sa.Column("manager_id", sa.String, primary_key=True),
        sa.Column("from_month", sa.String(7), primary_key=True),
        sa.Column("salary", sa.BigInteger, nullable=False),
        sa.Column("set_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("salaries")
