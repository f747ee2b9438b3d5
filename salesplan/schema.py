"""The database schema, declared once: every table, and the rows the database keeps unchangeable.

Money columns hold integer kopecks; dates are ``DATE``, times ``DATETIME`` (local, naive). The
tables are made by the migrations (``salesplan.migrations``), never on import: a change here
goes with a new migration that makes it in existing databases.

``IMMUTABLE`` lists the rows no UPDATE or DELETE may touch — approved plans with their lines,
norms and mix, finalised attestation sheets, saved review revisions with their answers and the
scorecard versions they were scored with, the audit trail, submitted payment plans with their
rows, meeting protocols with their items and status events, approved payrolls with their
statements. ``immutability_ddl`` turns the list
into SQLite triggers (``RAISE(ABORT, …)``) or PostgreSQL trigger functions (``RAISE EXCEPTION``
with SQLSTATE 23000); either way the statement fails as an integrity error naming the rule, and
the transaction it ran in is rolled back.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)

metadata = MetaData()

# --- the department's data, imported from CRM, telephony and accounting exports ---------------

departments = Table(
    "departments",
    metadata,
    Column("id", String, primary_key=True),
    Column("name", String, nullable=False),
)

managers = Table(
    "managers",
    metadata,
    Column("id", String, primary_key=True),
    Column("name", String, nullable=False, index=True),
    Column("department_id", String, ForeignKey("departments.id"), nullable=False),
    Column("role", String, nullable=False),  # hunter | farmer | key_account | head
    Column("hire_date", Date),
    Column("leave_date", Date),
    # other spellings of the manager in exports (CRM user names and ids, telephony extensions,
    # 1C names), ``|`` between them; an import finds the manager by any of them
    Column("aliases", Text),
    Column("email", Text),  # where ``salesplan send`` mails the manager's papers
)

clients = Table(
    "clients",
    metadata,
    Column("id", String, primary_key=True),
    Column("name", String, nullable=False, index=True),
    Column("segment", String),
    Column("inn", String),
    Column("manager_id", String),
)

deals = Table(
    "deals",
    metadata,
    Column("id", String, primary_key=True),
    Column("title", String),
    Column("client_id", String, index=True),
    Column("manager_id", String, nullable=False, index=True),
    Column("pipeline", String),
    Column("stage", String),
    Column("amount", BigInteger),  # kopecks; NULL when the card has no amount
    Column("margin", BigInteger),  # kopecks, when known
    Column("created", Date, nullable=False),
    Column("closed", Date),
    Column("outcome", String, nullable=False),  # won | lost | open
    Column("expected_date", Date),  # expected payment / closing date of an open deal
    Column("stage_changed", Date),  # last stage change
    Column("product", String),  # product line, when the export has it
    Column("source", String),  # lead source
)

payments = Table(
    "payments",
    metadata,
    Column("id", String, primary_key=True),
    Column("date", Date),  # paid on; NULL while the invoice is outstanding
    Column("amount", BigInteger, nullable=False),  # kopecks
    Column("client_id", String, index=True),
    Column("deal_id", String, index=True),
    Column("manager_id", String, index=True),
    Column("due_date", Date),  # when it is due (receivables)
)

calls = Table(
    "calls",
    metadata,
    Column("id", String, primary_key=True),
    Column("started_at", DateTime, nullable=False, index=True),  # a period's calls: by this index
    Column("manager_id", String, nullable=False, index=True),
    Column("direction", String, nullable=False),  # in | out
    Column("duration_s", Integer, nullable=False),
    Column("result", String),
    Column("client_id", String),
    Column("phone", String),
    Column("deal_id", String),
    Column("recording_url", String),
)

leads = Table(
    "leads",
    metadata,
    Column("id", String, primary_key=True),
    Column("created", Date, nullable=False),
    Column("source", String),
    Column("manager_id", String, index=True),
    Column("deal_id", String),
    Column("client_id", String),
)

# Customer survey answers: the score of «would you recommend us» (0–10), for NPS.
nps_answers = Table(
    "nps_answers",
    metadata,
    Column("id", String, primary_key=True),
    Column("date", Date, nullable=False),
    Column("client_id", String, index=True),
    Column("manager_id", String, index=True),  # when the survey names one; else the client's
    Column("score", SmallInteger, nullable=False),  # 0…10
    Column("comment", Text),
)

# One row per import. ``imported_at`` is written from salesplan's clock; the server default only
# fills it for rows written by hand.
imports = Table(
    "imports",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("table_name", String, nullable=False),
    Column("file", Text, nullable=False),
    Column("format", String, nullable=False),
    Column("imported_at", DateTime, nullable=False, server_default=func.current_timestamp()),
    Column("rows_read", Integer, nullable=False),
    Column("rows_accepted", Integer, nullable=False),
    Column("rows_rejected", Integer, nullable=False),
)

# --- plans ------------------------------------------------------------------------------------

# A plan version for a month: a scenario while being modelled, the plan of record once
# approved. Approved plans are immutable: a change makes a new version.
plans = Table(
    "plans",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("month", String(7), nullable=False, index=True),  # YYYY-MM
    Column("department_id", String, nullable=False),
    Column("name", String, nullable=False),
    Column("status", String, nullable=False),  # scenario | approved
    Column("version", Integer, nullable=False),
    Column("author", String, nullable=False),
    Column("created_at", DateTime, nullable=False, server_default=func.current_timestamp()),
    Column("inputs", JSON, nullable=False),
    UniqueConstraint("month", "department_id", "status", "version", "name"),
)

plan_lines = Table(
    "plan_lines",
    metadata,
    Column("plan_id", Integer, ForeignKey("plans.id"), primary_key=True),
    Column("manager_id", String, primary_key=True),
    Column("date", Date, primary_key=True),  # a working day
    Column("amount", BigInteger, nullable=False),  # kopecks, whole roubles
)

# A plan's activity norms per manager (the reverse funnel): counts for the month and the
# norms plan/fact checks (calls and minutes per working day, meetings and proposals per week),
# and the new and active clients planned for the month.
plan_norms = Table(
    "plan_norms",
    metadata,
    Column("plan_id", Integer, ForeignKey("plans.id"), primary_key=True),
    Column("manager_id", String, primary_key=True),
    Column("deals", Integer, nullable=False),
    Column("leads", Integer, nullable=False),
    Column("proposals", Integer, nullable=False),
    Column("meetings", Integer, nullable=False),
    Column("calls", Integer, nullable=False),
    Column("calls_per_day", Float, nullable=False),
    Column("minutes_per_day", Float, nullable=False),
    Column("meetings_per_week", Float, nullable=False),
    Column("proposals_per_week", Float, nullable=False),
    # planned clients (0010): NULL in plans approved before they were planned — no plan, not 0
    Column("new_clients", Integer),
    Column("active_clients", Integer),
)

# A plan's monthly amount per manager by product line or client segment, where the data have them.
plan_mix = Table(
    "plan_mix",
    metadata,
    Column("plan_id", Integer, ForeignKey("plans.id"), primary_key=True),
    Column("manager_id", String, primary_key=True),
    Column("dimension", String, primary_key=True),  # product | segment
    Column("key", String, primary_key=True),  # "" when the source row had none
    Column("amount", BigInteger, nullable=False),  # kopecks
)

# --- call reviews -----------------------------------------------------------------------------

# Every scorecard version reviews were saved with, so old reviews read the same after a change.
scorecard_versions = Table(
    "scorecard_versions",
    metadata,
    Column("template_id", String, primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("title", String, nullable=False),
    Column("definition", JSON, nullable=False),  # the template as it was, for reading old reviews
    Column("first_used_at", DateTime, nullable=False),
)

# A review revision: editing a review adds revision N+1 pointing at N (``parent_id``).
reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("uid", String(64), nullable=False, index=True),  # the review across its revisions
    Column("revision", Integer, nullable=False),
    Column("parent_id", Integer, ForeignKey("reviews.id")),  # the revision this one edits
    Column("template_id", String, nullable=False),
    Column("template_version", Integer, nullable=False),
    Column("manager_id", String, nullable=False, index=True),
    Column("call_id", String, index=True),
    Column("recording_url", Text),
    Column("call_date", Date, nullable=False, index=True),
    Column("reviewer", String, nullable=False, index=True),
    Column("comment", Text, nullable=False),
    Column("section_comments", JSON, nullable=False),  # section id → comment
    Column("score", Float),  # NULL when every criterion was N/A
    Column("raw_score", Float),  # the score before a critical failure zeroed it
    Column("critical_failed", Boolean, nullable=False),
    Column("passed", Boolean, nullable=False),
    Column("item_count", Integer, nullable=False),  # rows in review_answers
    Column("created_at", DateTime, nullable=False),  # when this revision was saved
    UniqueConstraint("uid", "revision"),
    ForeignKeyConstraint(
        ["template_id", "template_version"],
        ["scorecard_versions.template_id", "scorecard_versions.version"],
    ),
)

review_answers = Table(
    "review_answers",
    metadata,
    Column("review_id", Integer, ForeignKey("reviews.id"), primary_key=True),
    Column("criterion_id", String, primary_key=True),
    Column("section_id", String, nullable=False),
    Column("points", Float),  # NULL for N/A
    Column("max_points", Float, nullable=False),
    Column("weight", Float, nullable=False),
    Column("critical", Boolean, nullable=False),
    Column("critical_failed", Boolean, nullable=False),
)

# The review form's autosaved state, one per reviewer.
review_drafts = Table(
    "review_drafts",
    metadata,
    Column("reviewer", String, primary_key=True),
    Column("updated_at", DateTime, nullable=False),
    Column("state", JSON, nullable=False),
)

# --- attestation ------------------------------------------------------------------------------

# What the head enters: one row per manager, period and item, replaced until finalised.
attestation_ratings = Table(
    "attestation_ratings",
    metadata,
    Column("manager_id", String, primary_key=True),
    Column("period", String(7), primary_key=True),  # YYYY-Qn | YYYY-Hn
    Column("competency", String, primary_key=True),
    Column("rating", Integer, nullable=False),  # 1…5
    Column("comment", Text, nullable=False, default=""),
    Column("rated_by", String, nullable=False),
    Column("rated_at", DateTime, nullable=False),
)

attestation_tests = Table(
    "attestation_tests",
    metadata,
    Column("manager_id", String, primary_key=True),
    Column("period", String(7), primary_key=True),
    Column("topic", String, primary_key=True),
    Column("score", Float, nullable=False),
    Column("max_score", Float, nullable=False),
    Column("taken_on", Date, nullable=False),
    Column("source", Text, nullable=False),  # "form" or the imported file's name
)

attestation_plan_edits = Table(
    "attestation_plan_edits",
    metadata,
    Column("manager_id", String, primary_key=True),
    Column("period", String(7), primary_key=True),
    Column("goals", JSON, nullable=False),  # list of Goal.as_dict()
    Column("edited_by", String, nullable=False),
    Column("edited_at", DateTime, nullable=False),
)

# Finalised sheets, one per manager and period.
attestations = Table(
    "attestations",
    metadata,
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

# --- control and pay --------------------------------------------------------------------------

# Each manager's payment fact of the day as recorded when a checkpoint (HH:MM) passed.
payment_checkpoints = Table(
    "payment_checkpoints",
    metadata,
    Column("day", Date, primary_key=True),
    Column("checkpoint", String(5), primary_key=True),  # HH:MM
    Column("manager_id", String, primary_key=True),
    Column("fact", BigInteger, nullable=False),  # kopecks received that day so far
    Column("recorded_at", DateTime, nullable=False),
)

# Disciplinary cuts the head sets for a month; several cuts of a month add up.
pay_penalties = Table(
    "pay_penalties",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("month", String(7), nullable=False, index=True),  # YYYY-MM
    Column("manager_id", String, nullable=False),
    Column("amount", BigInteger, nullable=False),  # kopecks
    Column("reason", Text, nullable=False),
    Column("set_by", String, nullable=False),
    Column("set_at", DateTime, nullable=False),
)

# Each manager's salary (оклад) from a month on, until the next row of the same manager.
salaries = Table(
    "salaries",
    metadata,
    Column("manager_id", String, primary_key=True),
    Column("from_month", String(7), primary_key=True),  # YYYY-MM
    Column("salary", BigInteger, nullable=False),  # kopecks a month
    Column("set_at", DateTime, nullable=False),
)

# An approved month's payroll: who approved it and when (``department_id`` "" for every
# department). From then on the month is locked: its statements are those below, never recomputed.
pay_approvals = Table(
    "pay_approvals",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("month", String(7), nullable=False, index=True),  # YYYY-MM
    Column("department_id", String, nullable=False),  # "" for every department
    Column("approved_by", String, nullable=False),  # the login
    Column("approved_at", DateTime, nullable=False),
    UniqueConstraint("month", "department_id"),
)

# Each manager's statement as approved: the facts it was computed from and every line.
pay_statements = Table(
    "pay_statements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("approval_id", Integer, ForeignKey("pay_approvals.id"), nullable=False, index=True),
    Column("manager_id", String, nullable=False),
    Column("department_id", String, nullable=False),
    Column("scheme", Text, nullable=False),  # the scheme file it was paid by
    Column("total", BigInteger, nullable=False),  # kopecks to pay
    Column("facts", JSON, nullable=False),  # the manager's facts of the month
    Column("lines", JSON, nullable=False),  # every line: part, label, base, …, amount, note, corrects
    UniqueConstraint("approval_id", "manager_id"),
)

# Who did what: approvals, finalised sheets, disciplinary cuts, edited reviews (append-only).
audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False, index=True),
    Column("login", String, nullable=False),
    Column("action", String(40), nullable=False),  # salesplan.audit.ACTIONS
    Column("subject", String, nullable=False),  # what it was done to: a plan, a manager, a review
    Column("details", JSON, nullable=False),  # what changed
)

# --- delivery ---------------------------------------------------------------------------------

# Every message ``salesplan send`` handed to the mail server, whatever the server answered.
deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("month", String(7), nullable=False, index=True),  # YYYY-MM
    Column("kind", String, nullable=False),  # personal | team
    Column("recipient", String, nullable=False),  # the manager's id (personal) or the department's (team)
    Column("address", Text, nullable=False),
    Column("files", JSON, nullable=False),  # [{"name": …, "sha256": …}, …] as attached
    Column("sent_at", DateTime, nullable=False),
    Column("status", String, nullable=False),  # sent | refused | failed
    Column("reply", Text, nullable=False),  # the server's answer
    Column("login", String, nullable=False),  # who ran the command
)

# --- payment plans ----------------------------------------------------------------------------

# A manager's submitted payment plan: for a week (``kind`` = week, ``period`` = YYYY-Www) or an
# update for one day (``kind`` = day, ``period`` = YYYY-MM-DD, the plan for tomorrow). A new
# submission of the same plan is version N+1; every version is kept as submitted.
payment_plans = Table(
    "payment_plans",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(4), nullable=False),  # week | day
    Column("period", String(10), nullable=False, index=True),  # YYYY-Www | YYYY-MM-DD
    Column("manager_id", String, nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("submitted_by", String, nullable=False),
    Column("submitted_at", DateTime, nullable=False),
    Column("source", Text, nullable=False),  # "form" or the imported file's name
    UniqueConstraint("kind", "period", "manager_id", "version"),
)

# The rows of a submitted payment plan, as the manager wrote them.
payment_plan_rows = Table(
    "payment_plan_rows",
    metadata,
    Column("payment_plan_id", Integer, ForeignKey("payment_plans.id"), primary_key=True),
    Column("line", Integer, primary_key=True),  # 1, 2, … in the manager's order
    Column("client_id", String),  # NULL for a client not in the store
    Column("client", String, nullable=False),
    Column("contact", String, nullable=False),
    Column("business", String, nullable=False),  # the client's line of business
    Column("annual_turnover", BigInteger),  # kopecks; NULL when not given
    Column("deal_id", String),  # NULL for a deal not in the store
    Column("deal", String, nullable=False),
    Column("expected_date", Date, nullable=False),
    Column("amount", BigInteger, nullable=False),  # kopecks
    Column("stage", String, nullable=False),
    Column("probability", Float, nullable=False),  # 0…1; weighted = amount × probability
)

# --- meeting protocols -------------------------------------------------------------------------

# A protocol of a daily, weekly or monthly meeting: written once, items added by later saves.
meetings = Table(
    "meetings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(10), nullable=False),  # daily | weekly | monthly
    Column("held_on", Date, nullable=False, index=True),
    Column("department_id", String, nullable=False),  # "" for the whole company
    Column("recorded_by", String, nullable=False),  # the login
    Column("recorded_at", DateTime, nullable=False),
    Column("source", Text, nullable=False),  # "form" or the imported file's name
    UniqueConstraint("kind", "held_on", "department_id"),
)

# What a meeting decided, assigned, was promised or found off plan (one row each, never changed).
protocol_items = Table(
    "protocol_items",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("meeting_id", Integer, ForeignKey("meetings.id"), nullable=False, index=True),
    Column("kind", String(10), nullable=False),  # decision | task | promise | deviation
    Column("text", Text, nullable=False),  # the decision, the task, the promise, the measures
    Column("owner_id", String),  # a manager (the head too); NULL for a decision without one
    Column("amount", BigInteger),  # kopecks: the money a promise is about
    Column("metric", String),  # a deviation's metric, its plan and fact as said at the meeting
    Column("plan_value", Float),
    Column("fact_value", Float),
)

# Each item's status over time: its first row when recorded (open, the deadline), then one per
# change — done, cancelled, a new deadline. The latest row is the item's state.
protocol_events = Table(
    "protocol_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("item_id", Integer, ForeignKey("protocol_items.id"), nullable=False, index=True),
    Column("at", DateTime, nullable=False),
    Column("login", String, nullable=False),
    Column("status", String(10), nullable=False),  # open | done | cancelled
    Column("deadline", Date),  # the deadline from this change on
    Column("note", Text, nullable=False),
)

# The protocol form's autosaved state, one per login.
protocol_drafts = Table(
    "protocol_drafts",
    metadata,
    Column("login", String, primary_key=True),
    Column("updated_at", DateTime, nullable=False),
    Column("state", JSON, nullable=False),
)

# --- the express self-assessment --------------------------------------------------------------

# The head's answers to the self-assessment checklist (``params/checklist.yaml``): a new answer
# is a new row; the latest row of a period, department and point is the answer that counts.
checklist_answers = Table(
    "checklist_answers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("period", String(7), nullable=False, index=True),  # YYYY-Qn
    Column("department_id", String, nullable=False),  # "" for the whole company
    Column("point_id", String, nullable=False),
    Column("answer", String(7), nullable=False),  # yes | partly | no
    Column("note", Text, nullable=False),
    Column("login", String, nullable=False),
    Column("answered_at", DateTime, nullable=False),
)

# --- immutability -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Immutable:
    """Rows of ``table`` no UPDATE or DELETE may touch: those where ``when`` holds (an SQL
    condition on the old row ``OLD``, written so that SQLite and PostgreSQL read it alike),
    every row when it is None. ``message`` is the error the database raises."""

    table: Table
    message: str
    when: str | None = None
    since: str = "0002"  # the migration that installs the rule


APPROVED_PLAN = "approved plans are immutable"
REVIEW_REVISION = "a saved review revision cannot be changed"
PAYMENT_PLAN = "a submitted payment plan cannot be changed"
PROTOCOL_KEPT = "a meeting protocol is append-only: a change is a new event"
PAYROLL_APPROVED = "an approved payroll cannot be changed: a change is a correction in an open month"
_OF_APPROVED_PLAN = "(SELECT status FROM plans WHERE id = OLD.plan_id) = 'approved'"

IMMUTABLE: tuple[Immutable, ...] = (
    Immutable(plans, APPROVED_PLAN, "OLD.status = 'approved'"),
    Immutable(plan_lines, APPROVED_PLAN, _OF_APPROVED_PLAN),
    Immutable(plan_norms, APPROVED_PLAN, _OF_APPROVED_PLAN),
    Immutable(plan_mix, APPROVED_PLAN, _OF_APPROVED_PLAN),
    Immutable(attestations, "a finalised attestation cannot be changed"),
    Immutable(reviews, REVIEW_REVISION),
    Immutable(review_answers, REVIEW_REVISION),
    Immutable(scorecard_versions, "a scorecard version reviews were saved with cannot be changed"),
    Immutable(audit, "the audit trail is append-only", since="0004"),
    Immutable(payment_plans, PAYMENT_PLAN, since="0007"),
    Immutable(payment_plan_rows, PAYMENT_PLAN, since="0007"),
    Immutable(meetings, PROTOCOL_KEPT, since="0008"),
    Immutable(protocol_items, PROTOCOL_KEPT, since="0008"),
    Immutable(protocol_events, PROTOCOL_KEPT, since="0008"),
    Immutable(pay_approvals, PAYROLL_APPROVED, since="0012"),
    Immutable(pay_statements, PAYROLL_APPROVED, since="0012"),
)


def installed_by(revision: str) -> tuple[Immutable, ...]:
    """The rules migration ``revision`` installs (a later table cannot get its rule earlier)."""
    return tuple(rule for rule in IMMUTABLE if rule.since == revision)

ACTIONS = ("UPDATE", "DELETE")


def trigger_name(table: str, action: str) -> str:
    """``plans_no_update``, ``plans_no_delete``, … (the names on both databases)."""
    return f"{table}_no_{action.lower()}"


def _sqlite_ddl(rule: Immutable) -> list[str]:
    condition = f"WHEN {rule.when} " if rule.when else ""
    out = []
    for action in ACTIONS:
        name = trigger_name(rule.table.name, action)
        out += [
            f"DROP TRIGGER IF EXISTS {name}",
            f"CREATE TRIGGER {name} BEFORE {action} ON {rule.table.name} "
            f"{condition}BEGIN SELECT RAISE(ABORT, '{rule.message}'); END",
        ]
    return out


def _postgresql_ddl(rule: Immutable) -> list[str]:
    table, function = rule.table.name, f"{rule.table.name}_immutable"
    refuse = f"RAISE EXCEPTION '{rule.message}' USING ERRCODE = 'integrity_constraint_violation';"
    # TRUNCATE skips row triggers: refused outright (OLD is not set in a statement trigger).
    body = (
        f"BEGIN IF TG_OP = 'TRUNCATE' THEN {refuse} END IF; "
        f"IF {rule.when or 'TRUE'} THEN {refuse} END IF; "
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END"
    )
    out = [f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ {body} $$"]
    for action, level in (("UPDATE", "ROW"), ("DELETE", "ROW"), ("TRUNCATE", "STATEMENT")):
        name = trigger_name(table, action)
        out += [
            f"DROP TRIGGER IF EXISTS {name} ON {table}",
            f"CREATE TRIGGER {name} BEFORE {action} ON {table} "
            f"FOR EACH {level} EXECUTE FUNCTION {function}()",
        ]
    return out


def drop_immutability_ddl(dialect: str, rules: tuple[Immutable, ...]) -> list[str]:
    """The statements that remove the triggers (and PostgreSQL functions) of ``rules``."""
    out = []
    for rule in rules:
        table = rule.table.name
        if dialect == "sqlite":
            out += [f"DROP TRIGGER IF EXISTS {trigger_name(table, a)}" for a in ACTIONS]
        else:
            out += [f"DROP TRIGGER IF EXISTS {trigger_name(table, a)} ON {table}"
                    for a in (*ACTIONS, "TRUNCATE")]
            out.append(f"DROP FUNCTION IF EXISTS {table}_immutable()")
    return out


def install_rules(conn, revision: str) -> None:
    """Make on ``conn`` the triggers of the rules migration ``revision`` installs."""
    for statement in immutability_ddl(conn.dialect.name, installed_by(revision)):
        conn.exec_driver_sql(statement)


def remove_rules(conn, revision: str) -> None:
    """Remove from ``conn`` the triggers of the rules migration ``revision`` installed."""
    for statement in drop_immutability_ddl(conn.dialect.name, installed_by(revision)):
        conn.exec_driver_sql(statement)


def immutability_ddl(dialect: str, rules: tuple[Immutable, ...] = IMMUTABLE) -> list[str]:
    """The statements that (re)make the triggers enforcing ``rules`` on a ``dialect`` database
    (``sqlite`` or ``postgresql``); each drops what it replaces, so they can run again."""
    make = {"sqlite": _sqlite_ddl, "postgresql": _postgresql_ddl}[dialect]
    return [statement for rule in rules for statement in make(rule)]

# --- who may use which table ------------------------------------------------------------------

# Every table in one area; the database roles (``salesplan.roles``) are granted areas, never
# tables, so a new table is usable by nobody until it is classified here (a test checks that
# every table of ``metadata`` is in exactly one area).
AREAS: dict[str, tuple[Table, ...]] = {
    "reference": (departments, managers, clients),
    "pipeline": (deals, leads),
    "calls": (calls,),
    "payments": (payments,),
    "checkpoints": (payment_checkpoints,),  # written by the scheduled daily run
    "payment_plans": (payment_plans, payment_plan_rows),  # the managers' promises, as submitted
    "imports": (imports,),
    "plans": (plans, plan_lines, plan_norms, plan_mix),
    "reviews": (scorecard_versions, reviews, review_answers, review_drafts),
    "attestation": (attestation_ratings, attestation_tests, attestation_plan_edits, attestations),
    "pay": (pay_penalties, salaries, pay_approvals, pay_statements),  # pay and payroll: the head's alone
    "protocols": (meetings, protocol_items, protocol_events, protocol_drafts),  # the head's meetings
    "surveys": (nps_answers,),
    "checklist": (checklist_answers,),  # the head's self-assessment answers
    "deliveries": (deliveries,),  # written by whoever sends the packs (the head, the scheduled run)
    "audit": (audit,),  # every role that changes something adds its entries; none changes them
}


def unclassified() -> set[str]:
    """The tables of ``metadata`` in no area of ``AREAS`` (none, when every table is granted)."""
    return set(metadata.tables) - {t.name for tables in AREAS.values() for t in tables}
