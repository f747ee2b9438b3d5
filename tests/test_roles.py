"""The role → tables mapping: every table in exactly one area, and each role's grants by its rule."""

import pytest
from cli_run import run

from salesplan import config, roles, schema
from salesplan.roles import APPEND, READ, WRITE

PAY = {"pay_penalties", "salaries", "pay_approvals", "pay_statements"}
PLANS = {"plans", "plan_lines", "plan_norms", "plan_mix"}
REVIEWS = {"reviews", "review_answers", "review_drafts", "scorecard_versions"}


def test_every_table_is_in_exactly_one_area():
    """A new table (a migration's) fails here until ``schema.AREAS`` classifies it."""
    names = [t.name for tables in schema.AREAS.values() for t in tables]
    assert len(names) == len(set(names)), "a table in two areas"
    assert schema.unclassified() == set(), "tables in no area of schema.AREAS"
    assert set(names) == set(schema.metadata.tables)


def test_each_role_gets_what_its_rule_says():
    everything = set(schema.metadata.tables)
    trainer = roles.tables("trainer")
    assert {t for t, level in trainer.items() if level == WRITE} == REVIEWS
    assert {"calls", "managers"} <= {t for t, level in trainer.items() if level == READ}
    assert not (PAY | PLANS) & set(trainer)
    assert trainer["audit"] == APPEND  # an edited review leaves its entry; no role changes one
    assert roles.tables("reporter") == dict.fromkeys(everything, READ) | {
        "payment_checkpoints": WRITE, "deliveries": WRITE}
    assert roles.tables("analyst") == dict.fromkeys(everything - PAY, READ)
    assert roles.tables("head") == dict.fromkeys(everything, WRITE) | {"audit": APPEND}


def test_a_role_url_carries_the_roles_login_and_password():
    environ = {"SALESPLAN_DB_PASSWORD_TRAINER": "s3cret/@x"}
    url = roles.role_url("postgresql://owner:pw@db.local:5432/sales", "trainer", environ)
    assert url == "postgresql://salesplan_trainer_login:s3cret%2F%40x@db.local:5432/sales"
    assert roles.role_url("sqlite:///data/s.db", "trainer", {}) == "sqlite:///data/s.db"
    with pytest.raises(roles.RolesError, match="SALESPLAN_DB_PASSWORD_TRAINER"):
        roles.role_url("postgresql://owner@db/sales", "trainer", {})


def test_roles_are_refused_on_sqlite(tmp_path, monkeypatch, capsys):
    code, _out, err = run(monkeypatch, capsys, "db", "roles", "--db", f"sqlite:///{tmp_path / 's.db'}")
    assert code == 2 and "роли с правами создаются только в PostgreSQL" in err and "Traceback" not in err


def test_the_documented_grants_are_the_granted_ones():
    """docs/team_server.md's table of areas says what ``schema.AREAS`` and ``roles.ACCESS`` do."""
    doc = (config.project_root() / "docs" / "team_server.md").read_text(encoding="utf-8")
    rows = [[cell.strip() for cell in line.strip("|").split("|")]
            for line in doc.splitlines() if line.startswith("| ") and line.count("|") == 7]
    header, *body = rows
    assert header == ["area", "tables", "head", "trainer", "analyst", "reporter"]
    documented = {row[0]: (row[1].split(", "), row[2:]) for row in body}
    assert list(documented) == list(schema.AREAS)
    for area, (tables, levels) in documented.items():
        assert tables == [t.name for t in schema.AREAS[area]]
        assert levels == [roles.ACCESS[role].get(area, "—") for role in header[2:]]
