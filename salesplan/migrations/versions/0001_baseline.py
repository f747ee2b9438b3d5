"""The schema of the first release: its tables, indexes, constraints and SQLite triggers.

Revision ID: 0001
Revises:
"""

from alembic import op

from salesplan.migrations import baseline

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    baseline.create(op.get_bind())


def downgrade() -> None:
    baseline.metadata.drop_all(op.get_bind())
