"""The express self-assessment: the score and the priorities by hand, the evidence from a small
store, the head's answers kept (the latest counts), a bad checklist refused, the page on the demo."""

from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from payplan_store import base_store
from sqlalchemy import insert, select

from salesplan import runner, store, users
from salesplan.checklist import scoring
from salesplan.checklist.answers import Answer, AnswerError, latest_answers, save_answers
from salesplan.checklist.demo import ANSWERS as DEMO_ANSWERS
from salesplan.checklist.page import assess, checklist_params, form
from salesplan.checklist.params import Checklist
from salesplan.paramfile import SettingsError, load_yaml_model
from salesplan.periods import Quarter
from salesplan.plan_of_record import save_plan
from salesplan.settings import load_settings
from salesplan.team import NoAccess

NOTEBOOKS = Path(__file__).parents[1] / "notebooks"
Q3 = Quarter.parse("2026-Q3")


def book(*areas: tuple[str, list[tuple[str, float]]], priorities: int = 5) -> Checklist:
    return Checklist.model_validate({"priorities": priorities, "areas": [
        {"id": area, "title": area.upper(), "points": [
            {"id": pid, "text": f"Пункт {pid}", "weight": w, "advice": f"Сделать {pid}"}
            for pid, w in points]}
        for area, points in areas]})


def test_the_score_by_area_is_the_weighted_share_worked_by_hand():
    b = book(("a", [("p1", 3), ("p2", 1), ("p3", 2)]), ("b", [("q1", 2), ("q2", 2)]))
    frame = scoring.with_answers(b, {"p1": "yes", "p2": "partly", "p3": "no", "q2": "partly"})
    scores = scoring.area_scores(frame).set_index("area")["score"]
    # a: (3·1 + 1·0.5 + 2·0) / 6; b: q1 unanswered counts 0, (2·0 + 2·0.5) / 4
    assert scores["a"] == pytest.approx(3.5 / 6)
    assert scores["b"] == pytest.approx(0.25)
    assert scoring.overall(frame) == pytest.approx((3.5 + 1) / 10)
    assert scoring.area_scores(frame)["weight"].tolist() == [6, 4]


def test_what_to_do_first_is_the_heaviest_no_or_unanswered_point():
    b = book(("a", [("p1", 3), ("p2", 1), ("p3", 2)]), ("b", [("q1", 2), ("q2", 4), ("q3", 5)]))
    frame = scoring.with_answers(b, {"p1": "no", "p2": "no", "p3": "partly", "q1": None, "q3": "yes"})
    # q3 yes and p3 partly are not listed; 4 > 3 > 2 (q1 unanswered) > 1
    assert scoring.priorities(frame, 10)["point_id"].tolist() == ["q2", "p1", "q1", "p2"]
    assert scoring.priorities(frame, 2)["advice"].tolist() == ["Сделать q2", "Сделать p1"]
    tie = scoring.with_answers(book(("a", [("x", 2), ("y", 2)])), {})
    assert scoring.priorities(tie, 5)["point_id"].tolist() == ["x", "y"]  # ties: the checklist's order


def approve(eng, month: str, mix: bool = True) -> None:
    day = pd.Timestamp(f"{month}-01").date()
    lines = pd.DataFrame({"manager_id": ["a", "b"], "date": [day, day], "amount": [100_000_00, 50_000_00]})
    mixed = pd.DataFrame({"manager_id": ["a", "b"], "dimension": ["product", "product"],
                          "key": ["Станки", "Станки"], "amount": [100_000_00, 50_000_00]}) if mix else None
    save_plan(eng, month, "sales", lines, "РОП", "План", {}, status="approved", mix=mixed)


def points(eng, period=Q3, department="sales") -> pd.DataFrame:
    return assess(eng, period, department).points.set_index("point_id")


def test_an_approved_plan_for_each_month_answers_the_planning_points_yes(tmp_path):
    eng = base_store(tmp_path / "s.db")
    before = points(eng)
    assert before.at["planning_method", "answer"] == "no"
    assert before.at["planning_method", "found"] == ["Утверждённого плана за месяцы периода нет"]
    approve(eng, "2026-07", mix=False)
    one = points(eng)
    assert one.at["planning_method", "answer"] == "partly"
    assert one.at["planning_method", "found"] == ["Утверждённый план есть за 1 из 3 мес.: 2026-07"]
    assert one.at["plan_detail", "answer"] == "partly"  # two managers, no mix
    for month in ("2026-08", "2026-09"):
        approve(eng, month)
    every = points(eng)
    assert every.at["planning_method", "answer"] == "yes"
    assert every.at["planning_method", "source"] == "data"
    assert every.at["plan_detail", "answer"] == "partly"  # July's plan has no mix
    assert every.at["plan_detail", "found"][0] == "План по продуктам/сегментам (plan_mix) за 2 из 3 мес."
    # the store's deals are all created in October, each with an amount and a stage
    assert every.at["crm_configured", "found"] == ["Сделок в CRM нет"]
    assert every.at["crm_configured", "answer"] == "no"
    october = points(eng, Quarter.parse("2026-Q4")).at["crm_configured", "found"]
    assert october[0] == f"Сделок с суммой и этапом: 100% из {len(store.read_table(eng, 'deals'))}"
    assert every.at["plan_factors", "source"] == "none" and pd.isna(every.at["plan_factors", "answer"])
    shipped = load_settings()
    assert every.at["evaluation_criteria", "answer"] == "yes"  # the shipped template and schemes
    assert every.at["evaluation_criteria", "found"] == [
        f"Шаблон аттестации: компонентов оценки — {len(shipped.attestation.components)}",
        f"Схем мотивации: {len(shipped.motivation.schemes)} (farmer, head, hunter, key_account)"]


def test_the_management_tools_count_the_period_s_protocols_reviews_and_payment_plans(tmp_path):
    eng = base_store(tmp_path / "s.db")
    at = datetime(2026, 8, 3, 10, 0)
    with store.transaction(eng) as conn:
        conn.execute(insert(store.metadata.tables["meetings"]), [
            {"kind": kind, "held_on": day, "department_id": dept, "recorded_by": "rop", "recorded_at": at,
             "source": "form"}
            for kind, day, dept in (("weekly", date(2026, 8, 3), "sales"), ("monthly", date(2026, 8, 31), ""),
                                    ("weekly", date(2026, 10, 5), "sales"),  # after the quarter
                                    ("weekly", date(2026, 8, 10), "key"))])  # another department
        conn.execute(insert(store.metadata.tables["payment_plans"]), [
            {"kind": "week", "period": week, "manager_id": "a", "version": version, "submitted_by": "a",
             "submitted_at": at, "source": "form"} for week, version in (("2026-W32", 1), ("2026-W32", 2))])
    tools = points(eng).loc["management_tools"]
    # two meetings of the quarter for sales (its own and the company's), no review, one plan in two versions
    assert tools["found"] == ["Протоколов собраний за период: 2", "Разборов звонков за период: 0",
                              "Планов оплат менеджеров за период: 1"]
    assert tools["answer"] == "partly"
    assert points(eng, Quarter.parse("2026-Q2")).at["management_tools", "answer"] == "no"


def test_the_head_s_latest_answer_counts_and_overrides_the_data(tmp_path):
    eng = base_store(tmp_path / "s.db")
    b = checklist_params()
    first, later = datetime(2026, 10, 1, 9, 0), datetime(2026, 10, 2, 9, 0)
    save_answers(eng, b, "2026-Q3", "sales", [Answer("planning_method", "yes", "по модели")], "rop", later)
    save_answers(eng, b, "2026-Q3", "sales", [Answer("planning_method", "no", "раньше")], "rop", first)
    save_answers(eng, b, "2026-Q3", "sales", [Answer("goals_known", "partly")], "rop", first)
    save_answers(eng, b, "2026-Q3", "", [Answer("goals_known", "no")], "rop", later)  # another department
    latest = latest_answers(eng, "2026-Q3", "sales").set_index("point_id")
    assert latest["answer"].to_dict() == {"goals_known": "partly", "planning_method": "yes"}
    assert latest.at["planning_method", "note"] == "по модели"
    with eng.connect() as conn:  # every answer is a row of its own
        assert len(conn.execute(select(store.metadata.tables["checklist_answers"])).all()) == 4
    frame = points(eng)
    assert frame.at["planning_method", "answer"] == "yes"  # the data would say no: no plan
    assert frame.at["planning_method", "source"] == "head"
    with pytest.raises(AnswerError, match="ответ «maybe» к пункту goals_known: ожидалось yes, partly или no"):
        save_answers(eng, b, "2026-Q3", "sales", [Answer("goals_known", "maybe")])
    with pytest.raises(AnswerError, match="пункта nope нет в params/checklist.yaml"):
        save_answers(eng, b, "2026-Q3", "sales", [Answer("nope", "yes")])


def test_the_form_saves_the_changed_answers_with_the_login(tmp_path, monkeypatch):
    monkeypatch.setenv("SALESPLAN_USER", "ivanova")
    eng = base_store(tmp_path / "s.db")
    a = assess(eng, Q3, "sales")
    box = form(eng, a)
    rows = box.children[1:-1]
    ids = a.points["point_id"].tolist()
    choice, note = rows[ids.index("goals_known")].children[1].children
    choice.value, note.value = "partly", "спросили двоих"
    button, said = box.children[-1].children
    button.click()
    assert said.value == "Сохранено ответов: 1."
    saved = latest_answers(eng, "2026-Q3", "sales")
    assert saved[["point_id", "answer", "note", "login"]].values.tolist() == [
        ["goals_known", "partly", "спросили двоих", "ivanova"]]


def test_the_form_is_refused_to_a_role_that_does_not_see_the_checklist(tmp_path, monkeypatch):
    eng = base_store(tmp_path / "s.db")
    monkeypatch.setenv(users.HUB_ENV, "petrov")  # an analyst in the shipped params/team.yaml
    assert isinstance(form(eng, assess(eng, Q3, "sales")), NoAccess)


def test_a_bad_checklist_is_refused_in_russian_naming_the_key(tmp_path):
    path = tmp_path / "checklist.yaml"
    path.write_text("areas:\n  - id: planning\n    title: План\n    points:\n"
                    "      - {id: p1, text: Пункт, weight: 0, advice: Сделать}\n"
                    "      - {id: p2, text: Пункт, weight: 1, advice: Сделать, evidence: guess}\n",
                    encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_yaml_model(path, Checklist)
    message = str(caught.value)
    assert "areas.0.points.0.weight = 0" in message and "больше 0" in message
    assert "areas.0.points.1.evidence" in message and "plan_of_record" in message
    path.write_text("areas:\n  - id: a\n    title: А\n    points:\n"
                    "      - {id: p1, text: Пункт, weight: 1, advice: Сделать}\n"
                    "  - id: b\n    title: Б\n    points:\n"
                    "      - {id: p1, text: Пункт, weight: 1, advice: Сделать}\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="id пунктов чек-листа повторяются: p1"):
        load_yaml_model(path, Checklist)


@pytest.mark.notebook
def test_the_page_runs_in_the_attestation_run_on_the_demo(tmp_path, demo_db, demo_month):
    quarter = str(Quarter.of(date.fromisoformat(f"{demo_month}-01")))
    reg = tmp_path / "reports.yaml"
    reg.write_text("attestation: [checklist.ipynb]\n", encoding="utf-8")
    manifest = runner.run_report("attestation", {"period": quarter}, out_dir=tmp_path / "pack",
                                 db_url=demo_db, registry=reg, notebooks=NOTEBOOKS, progress=False)
    assert [(o.status, o.error) for o in manifest.outputs] == [("ok", None)]
    page = (tmp_path / "pack" / "checklist.html").read_text(encoding="utf-8")
    assert "<title>Экспресс-оценка системы управления продажами</title>" in page
    assert "Оценка по разделам" in page and "Что сделать в первую очередь" in page
    assert "Почта не подключена к CRM" in page  # the demo head's note
    # the months of the quarter with an approved plan, read straight from the store
    plans = store.read_table(store.engine(demo_db), "plans")
    months = [m for m in Quarter.parse(quarter).months
              if ((plans["month"] == str(m)) & (plans["status"] == "approved")).any()]
    assert f"Утверждённый план есть за {len(months)} из 3 мес." in page
    assert f"ответов руководителя {len(DEMO_ANSWERS)} из {len(scoring.points(checklist_params()))})" in page
    assert "ToggleButtons" not in page  # no form in a scheduled run
