"""Managers' aliases: the other spellings exports use for a manager (``|`` between them).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("managers", sa.Column("aliases", sa.Text()))


def downgrade() -> None:
    op.drop_column("managers", "aliases")
