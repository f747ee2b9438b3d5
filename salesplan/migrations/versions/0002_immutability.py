"""Immutability enforced by both databases: PostgreSQL trigger functions for approved plans and
finalised attestations (0001 had SQLite triggers only), and on both databases triggers that keep
saved review revisions, their answers and the scorecard versions they were scored with.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

from salesplan.migrations import baseline
from salesplan.schema import install_rules, remove_rules

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    install_rules(conn, revision)


def downgrade() -> None:
    conn = op.get_bind()
    remove_rules(conn, revision)
    if conn.dialect.name == "sqlite":
        for statement in baseline.sqlite_triggers():
            conn.exec_driver_sql(statement)
