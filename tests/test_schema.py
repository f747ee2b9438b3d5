"""The schema on SQLite and PostgreSQL: what the migrations make is what ``salesplan.schema``
declares, and each immutability rule is enforced by the database itself, the same on both."""

from datetime import date, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import insert, inspect, text
from sqlalchemy.exc import IntegrityError

from salesplan import migrations, schema, store

NOW = datetime(2026, 10, 30, 12, 0)
LOCKED, OPEN = 1, 2  # an approved plan, a scenario


def rows() -> dict:
    """Rows for every table a rule covers: plan 1 approved, plan 2 a scenario."""
    plan = {"month": "2026-10", "department_id": "sales", "name": "План", "version": 1,
            "author": "РОП", "created_at": NOW, "inputs": {}}
    norms = {"deals": 1, "leads": 2, "proposals": 3, "meetings": 4, "calls": 5, "calls_per_day": 1.5,
             "minutes_per_day": 30.0, "meetings_per_week": 2.0, "proposals_per_week": 1.0}
    review = {"uid": "r1", "revision": 1, "template_id": "cold_call", "template_version": 1,
              "manager_id": "m1", "call_date": date(2026, 10, 1), "reviewer": "РОП", "comment": "",
              "section_comments": {}, "score": 80.0, "raw_score": 80.0, "critical_failed": False,
              "passed": True, "item_count": 1, "created_at": NOW}
    return {
        schema.plans: [{"id": LOCKED, "status": "approved", **plan},
                       {"id": OPEN, "status": "scenario", **plan}],
        schema.plan_lines: [{"plan_id": p, "manager_id": "m1", "date": date(2026, 10, 1), "amount": 100}
                            for p in (LOCKED, OPEN)],
        schema.plan_norms: [{"plan_id": p, "manager_id": "m1", **norms} for p in (LOCKED, OPEN)],
        schema.plan_mix: [{"plan_id": p, "manager_id": "m1", "dimension": "product", "key": "A",
                           "amount": 100} for p in (LOCKED, OPEN)],
        schema.attestations: [{"manager_id": "m1", "period": "2026-Q3", "department_id": "sales",
                               "status": "eligible", "total": 81.5, "decision": "fits",
                               "finalised_by": "РОП", "finalised_at": NOW, "payload": {"total": 81.5}}],
        schema.scorecard_versions: [{"template_id": "cold_call", "version": 1, "title": "Холодный звонок",
                                     "definition": {"id": "cold_call"}, "first_used_at": NOW}],
        schema.reviews: [{"id": 1, **review}],
        schema.review_answers: [{"review_id": 1, "criterion_id": "hook", "section_id": "opening",
                                 "points": 2.0, "max_points": 2.0, "weight": 1.0, "critical": False,
                                 "critical_failed": False}],
        schema.audit: [{"at": NOW, "login": "РОП", "action": "plan_approved", "subject": "2026-10 sales",
                        "details": {}}],
        schema.payment_plans: [{"id": 1, "kind": "week", "period": "2026-W44", "manager_id": "m1",
                                "version": 1, "submitted_by": "m1", "submitted_at": NOW, "source": "form"}],
        schema.payment_plan_rows: [{"payment_plan_id": 1, "line": 1, "client": "Альфа", "contact": "",
                                    "business": "", "deal": "", "expected_date": date(2026, 10, 30),
                                    "amount": 100, "stage": "", "probability": 0.5}],
        schema.meetings: [{"id": 1, "kind": "weekly", "held_on": date(2026, 10, 19), "department_id": "",
                           "recorded_by": "rop", "recorded_at": NOW, "source": "form"}],
        schema.protocol_items: [{"id": 1, "meeting_id": 1, "kind": "task", "text": "Позвонить",
                                 "owner_id": "m1"}],
        schema.protocol_events: [{"item_id": 1, "at": NOW, "login": "rop", "status": "open",
                                  "deadline": date(2026, 10, 23), "note": ""}],
        schema.pay_approvals: [{"id": 1, "month": "2026-09", "department_id": "sales",
                                "approved_by": "rop", "approved_at": NOW}],
        schema.pay_statements: [{"approval_id": 1, "manager_id": "m1", "department_id": "sales",
                                 "scheme": "hunter.yaml", "total": 5_000_000, "facts": {"turnover": 1},
                                 "lines": [{"part": "fixed", "amount": 5_000_000}]}],
    }


def fill(url: str):
    eng = store.engine(url)
    with store.transaction(eng) as conn:
        for table, table_rows in rows().items():
            conn.execute(insert(table), table_rows)
    return eng


@pytest.fixture()
def filled(db_url):
    return fill(db_url)


def where(rule: schema.Immutable, protected: bool) -> str:
    """The rows of ``rule``'s table the statements aim at: those it protects, or the others."""
    if rule.table is schema.plans:
        return f"id = {LOCKED if protected else OPEN}"
    if "plan_id" in rule.table.c:
        return f"plan_id = {LOCKED if protected else OPEN}"
    return "1 = 1" if protected else "1 = 0"


def some_column(rule: schema.Immutable) -> str:
    return next(c.name for c in rule.table.c if not c.primary_key)


def test_the_migrations_make_the_declared_schema(db_url):
    eng = store.engine(db_url)
    with eng.connect() as conn:
        assert migrations.version(conn).revision == migrations.HEAD
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, schema.metadata) == []
        names = set(inspect(conn).get_table_names())
        if conn.dialect.name == "sqlite":
            triggers = set(conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'").scalars())
        else:
            triggers = set(conn.exec_driver_sql(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal").scalars())
    assert names == set(schema.metadata.tables) | {"alembic_version"}
    actions = ["UPDATE", "DELETE"] + (["TRUNCATE"] if eng.dialect.name == "postgresql" else [])
    assert triggers == {schema.trigger_name(r.table.name, a) for r in schema.IMMUTABLE for a in actions}


@pytest.mark.parametrize("rule", schema.IMMUTABLE, ids=lambda r: r.table.name)
def test_protected_rows_cannot_be_updated_or_deleted(filled, rule):
    column = some_column(rule)
    for statement in (f"UPDATE {rule.table.name} SET {column} = {column} WHERE {where(rule, True)}",
                      f"DELETE FROM {rule.table.name} WHERE {where(rule, True)}"):
        with pytest.raises(IntegrityError, match=rule.message), store.transaction(filled) as conn:
            conn.execute(text(statement))
    with filled.connect() as conn:
        held = conn.execute(text(f"SELECT count(*) FROM {rule.table.name} WHERE {where(rule, True)}"))
        assert held.scalar_one() == 1


def test_rows_no_rule_protects_stay_editable(filled):
    """A scenario, its lines, norms and mix can change and go; so can drafts and attestation inputs."""
    with store.transaction(filled) as conn:
        conn.execute(text(f"UPDATE plans SET author = 'Директор' WHERE id = {OPEN}"))
        for table in ("plan_lines", "plan_norms", "plan_mix"):
            conn.execute(text(f"UPDATE {table} SET manager_id = 'm2' WHERE plan_id = {OPEN}"))
            conn.execute(text(f"DELETE FROM {table} WHERE plan_id = {OPEN}"))
        conn.execute(text(f"DELETE FROM plans WHERE id = {OPEN}"))
    with filled.connect() as conn:
        assert conn.execute(text("SELECT id, status FROM plans")).all() == [(LOCKED, "approved")]


@pytest.mark.postgres
def test_postgresql_refuses_truncate_too(postgres_server):
    """(SQLite has no TRUNCATE: a DELETE without WHERE fires the row triggers.)"""
    filled = fill(postgres_server.create_database())
    messages = {rule.message for rule in schema.IMMUTABLE}
    for rule in schema.IMMUTABLE:
        with pytest.raises(IntegrityError) as error, store.transaction(filled) as conn:
            conn.execute(text(f"TRUNCATE {rule.table.name} CASCADE"))
        assert any(message in str(error.value) for message in messages)
