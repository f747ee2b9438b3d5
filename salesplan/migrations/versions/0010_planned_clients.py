"""Planned clients: a plan's new and active clients per manager (NULL in the plans approved
before: not planned).

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("plan_norms", sa.Column("new_clients", sa.Integer()))
    op.add_column("plan_norms", sa.Column("active_clients", sa.Integer()))


def downgrade() -> None:
    op.drop_column("plan_norms", "active_clients")
    op.drop_column("plan_norms", "new_clients")
