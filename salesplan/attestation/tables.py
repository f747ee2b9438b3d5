"""The attestation tables on ``salesplan.store.metadata``.

``attestation_ratings``, ``attestation_tests`` and ``attestation_plan_edits`` hold what the
head enters (one row per manager, period and item, replaced until finalised);
``attestations`` holds finalised sheets, which the store refuses to update or delete (SQLite
triggers).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Engine,
    Float,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from salesplan import store

ratings = Table(
    "attestation_ratings",
    store.metadata,
    Column("manager_id", String, primary_key=True),
    Column("period", String(7), primary_key=True),  # YYYY-Qn | YYYY-Hn
    Column("competency", String, primary_key=True),
    Column("rating", Integer, nullable=False),  # 1…5
    Column("comment", Text, nullable=False, default=""),
    Column("rated_by", String, nullable=False),
    Column("rated_at", DateTime, nullable=False),
)

test_scores = Table(
    "attestation_tests",
    store.metadata,
    Column("manager_id", String, primary_key=True),
    Column("period", String(7), primary_key=True),
    Column("topic", String, primary_key=True),
    Column("score", Float, nullable=False),
    Column("max_score", Float, nullable=False),
    Column("taken_on", Date, nullable=False),
    Column("source", Text, nullable=False),  # "form" or the imported file's name
)

plan_edits = Table(
    "attestation_plan_edits",
    store.metadata,
    Column("manager_id", String, primary_key=True),
    Column("period", String(7), primary_key=True),
    Column("goals", JSON, nullable=False),  # list of Goal.as_dict()
    Column("edited_by", String, nullable=False),
    Column("edited_at", DateTime, nullable=False),
)

attestations = Table(
    "attestations",
    store.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("manager_id", String, nullable=False, index=True),
    Column("period", String(7), nullable=False),
    Column("department_id", String, nullable=False),
    Column("status", String, nullable=False),  # eligible | probation | insufficient_data
    Column("total", Float),
    Column("decision", String, nullable=False),  # fits | conditional | unfit | the status
    Column("reattest_by", Date),
    Column("finalised_by", String, nullable=False),
    Column("finalised_at", DateTime, nullable=False),
    Column("payload", JSON, nullable=False),  # the whole sheet as data
    UniqueConstraint("manager_id", "period"),
)

store.immutable(attestations, "a finalised attestation cannot be changed")

TABLES = [ratings, test_scores, plan_edits, attestations]


def ensure_schema(eng: Engine) -> Engine:
    """Create the attestation tables if this database lacks them (once per engine)."""
    return store.ensure_tables(eng, TABLES)
