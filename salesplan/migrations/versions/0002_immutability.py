"""Immutability enforced by both databases: PostgreSQL trigger functions for approved plans and
finalised attestations (0001 had SQLite triggers only), and on both databases triggers that keep
saved review revisions, their answers and the scorecard versions they were scored with.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

from salesplan.migrations import baseline
from salesplan.schema import drop_immutability_ddl, immutability_ddl, installed_by

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    for statement in immutability_ddl(conn.dialect.name, installed_by(revision)):
        conn.exec_driver_sql(statement)


def downgrade() -> None:
    conn = op.get_bind()
    for statement in drop_immutability_ddl(conn.dialect.name, installed_by(revision)):
        conn.exec_driver_sql(statement)
    if conn.dialect.name == "sqlite":
        for statement in baseline.sqlite_triggers():
            conn.exec_driver_sql(statement)
