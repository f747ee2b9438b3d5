"""Immutability enforced by both databases: PostgreSQL trigger functions for approved plans and
finalised attestations (0001 had SQLite triggers only), and on both databases triggers that keep
saved review revisions, their answers and the scorecard versions they were scored with.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

from salesplan.migrations import baseline
from salesplan.schema import IMMUTABLE, immutability_ddl, trigger_name

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    for statement in immutability_ddl(conn.dialect.name):
        conn.exec_driver_sql(statement)


def downgrade() -> None:
    conn = op.get_bind()
    for rule in IMMUTABLE:
        table = rule.table.name
        if conn.dialect.name == "sqlite":
            for action in ("UPDATE", "DELETE"):
                conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger_name(table, action)}")
        else:
            for action in ("UPDATE", "DELETE", "TRUNCATE"):
                conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger_name(table, action)} ON {table}")
            conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS {table}_immutable()")
    if conn.dialect.name == "sqlite":
        for statement in baseline.sqlite_triggers():
            conn.exec_driver_sql(statement)
