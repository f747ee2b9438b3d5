"""The audit trail: each action that others rely on leaves who, when and what changed, in the
same transaction; the database refuses to change or remove an entry; ``salesplan audit``."""

import json
from datetime import datetime

import pay_store
import pytest
from attestation_demo import seeded, writable
from cli_run import run as salesplan
from plan_history import TARGET, history_db, history_on_postgres
from reviews_department import build as reviews_department
from sqlalchemy import delete, text, update
from sqlalchemy.exc import DatabaseError

from salesplan import audit, labels, store, users
from salesplan.attestation import assessment
from salesplan.errors import SalesplanError
from salesplan.motivation.penalties import record_penalty
from salesplan.periods import Quarter
from salesplan.plan import Planner, approve_result
from salesplan.reviews import repository as repo
from salesplan.reviews.templates import load_templates
from salesplan.schema import audit as audit_table

COLD = load_templates()["cold_call"]


@pytest.fixture(autouse=True)
def head_login(monkeypatch):
    monkeypatch.delenv(users.HUB_ENV, raising=False)
    monkeypatch.setenv(users.ENV, "rop-ivanova")


@pytest.fixture()
def plan_store(database, tmp_path, request):
    if database == "sqlite":
        return store.engine(history_db(tmp_path))
    return store.engine(history_on_postgres(request.getfixturevalue("postgres_server")))


def test_plan_approvals_record_the_total_and_what_changed(plan_store, monkeypatch):
    eng = plan_store
    planner = Planner.from_store(eng)
    first = planner.propose(planner.inputs(TARGET))
    approve_result(eng, first, "Базовый", "РОП")
    second = planner.propose(planner.inputs(TARGET, overrides={"hun1": 1_500_000}))
    monkeypatch.setenv(users.ENV, "rop-petrov")
    approve_result(eng, second, "Базовый", "РОП")
    entries = audit.trail(eng)
    assert entries["action"].tolist() == [audit.PLAN_APPROVED] * 2
    assert entries["login"].tolist() == ["rop-ivanova", "rop-petrov"]
    assert entries["subject"].tolist() == [f"{TARGET} sales"] * 2
    one, two = entries["details"].tolist()
    # totals from the stored plan lines (kopecks), independently of the audit
    with eng.connect() as conn:
        totals = conn.execute(text(
            "SELECT p.version, SUM(l.amount) FROM plans p JOIN plan_lines l ON l.plan_id = p.id "
            "WHERE p.status = 'approved' GROUP BY p.version ORDER BY p.version")).all()
    assert [one["version"], two["version"]] == [1, 2]
    assert one["total"] == pytest.approx(totals[0][1] / 100)
    assert two["total"] == pytest.approx(totals[1][1] / 100)
    assert two["previous_total"] == pytest.approx(totals[0][1] / 100) and one["previous_total"] is None
    # the second version moved hun1 to 1.5 M (overrides keep the total: others move too)
    assert two["managers"]["hun1"][1] == pytest.approx(1_500_000)
    assert two["managers"]["hun1"][0] == pytest.approx(one["managers"]["hun1"][1])
    assert set(one["managers"]) == set(first.context.manager_ids) - {
        m for m, v in zip(first.context.manager_ids, first.plan, strict=True) if v == 0}


def test_a_scenario_alone_is_not_audited(plan_store):
    from salesplan.plan import save_scenario

    planner = Planner.from_store(plan_store)
    save_scenario(plan_store, planner.propose(planner.inputs(TARGET)), "Черновик", "РОП")
    assert audit.trail(plan_store).empty


def test_the_trail_cannot_be_changed_or_removed(plan_store):
    planner = Planner.from_store(plan_store)
    approve_result(plan_store, planner.propose(planner.inputs(TARGET)), "Базовый", "РОП")
    for statement in (update(audit_table).values(login="someone"), delete(audit_table)):
        with pytest.raises(DatabaseError, match="append-only"), store.transaction(plan_store) as conn:
            conn.execute(statement)
    assert audit.trail(plan_store)["login"].tolist() == ["rop-ivanova"]


def test_a_disciplinary_cut_is_audited_and_a_refused_one_is_not(tmp_path):
    eng = pay_store.fill(store.engine(f"sqlite:///{tmp_path / 'pay.db'}"))
    before = len(audit.trail(eng))  # the store's own approved plans
    with pytest.raises(SalesplanError, match="нет в базе"):
        record_penalty(eng, "2026-03", "zz", 100, "x", "РОП")
    record_penalty(eng, "2026-03", "b", 3_000 * pay_store.RUB, "опоздания", "РОП")
    [entry] = audit.trail(eng).iloc[before:].to_dict("records")
    assert (entry["action"], entry["subject"], entry["login"]) == (audit.PENALTY_RECORDED, "b", "rop-ivanova")
    assert entry["details"] == {"month": "2026-03", "amount": 3_000, "reason": "опоздания", "set_by": "РОП"}


def test_an_edited_review_records_the_answers_and_score_that_changed(tmp_path):
    eng = store.engine(f"sqlite:///{tmp_path / 'r.db'}")
    reviews_department(eng)
    best = {c.id: c.max_points for c in COLD.criteria.values()}
    first = repo.save_review(eng, repo.ReviewInput(
        template_id="cold_call", manager_id="hun1", reviewer="Орлова Анна", call_id="hun1-c0002",
        answers=best))
    assert audit.trail(eng).empty  # a new review is no edit
    criterion = next(iter(best))
    changed = best | {criterion: 0.0}
    second = repo.save_review(eng, repo.ReviewInput(
        template_id="cold_call", manager_id="hun1", reviewer="Орлова Анна", call_id="hun1-c0002",
        answers=changed, uid=first.uid, base_revision=first.revision, comment="пересмотрено"))
    [entry] = audit.trail(eng).to_dict("records")
    assert (entry["action"], entry["subject"]) == (audit.REVIEW_EDITED, first.uid)
    details = entry["details"]
    assert details["revision"] == 2 and details["manager"] == "hun1"
    assert details["answers"] == {criterion: [best[criterion], 0.0]}
    assert details["score"] == [pytest.approx(first.score), pytest.approx(second.score)]
    assert details["comment"] == ["", "пересмотрено"]


def test_finalised_sheets_are_audited(demo_db, demo_month, tmp_path_factory, tmp_path):
    eng = store.engine(writable(seeded(demo_db, tmp_path_factory.mktemp("audit"), demo_month), tmp_path))
    before = len(audit.trail(eng))  # the demo's own approvals and finalised sheets
    [stored] = assessment.finalise(eng, Quarter(2026, 3), ["m04"], "Смирнова Е. В.")
    [entry] = audit.trail(eng).iloc[before:].to_dict("records")
    assert (entry["action"], entry["subject"]) == (audit.ATTESTATION_FINALISED, "m04")
    assert entry["details"]["period"] == "2026-Q3"
    assert entry["details"]["decision"] == stored["decision"]
    assert entry["details"]["finalised_by"] == "Смирнова Е. В."


def test_the_command_prints_and_filters(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'pay.db'}"
    eng = pay_store.fill(store.engine(url))
    before = len(audit.trail(eng))
    record_penalty(eng, "2026-03", "b", 500 * pay_store.RUB, "отчёт не сдан", "РОП")
    code, out, _ = salesplan(monkeypatch, capsys, "audit", "--db", url)
    assert code == 0
    assert f"Журнал действий: {labels.count(before + 1, 'entry')}" in out
    assert "rop-ivanova  назначено депремирование  b" in out and "отчёт не сдан" in out
    code, out, _ = salesplan(monkeypatch, capsys, "audit", "--db", url, "--json")
    entries = json.loads(out)["entries"]
    assert len(entries) == before + 1 and entries[-1]["details"]["amount"] == 500
    tomorrow = datetime.fromisoformat(entries[-1]["at"]).date().toordinal() + 1
    since = datetime.fromordinal(tomorrow).date().isoformat()
    code, out, _ = salesplan(monkeypatch, capsys, "audit", "--db", url, "--since", since)
    assert "Журнал действий пуст с " + since in out
    code, _, err = salesplan(monkeypatch, capsys, "audit", "--db", url, "--since", "вчера")
    assert code == 2 and "--since «вчера»" in err
