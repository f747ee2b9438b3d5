"""Finalised attestations are kept as they were: history per manager, no change afterwards."""

from __future__ import annotations

import pandas as pd
import pytest
from attestation_demo import seeded, writable
from sqlalchemy import delete, insert, update
from sqlalchemy.exc import DatabaseError

from salesplan import store
from salesplan.attestation import assessment, inputs, records, sheet
from salesplan.attestation.development import Goal
from salesplan.attestation.tables import attestations
from salesplan.attestation.template import load_template
from salesplan.errors import SalesplanError
from salesplan.periods import Quarter

Q2, Q3 = Quarter(2026, 2), Quarter(2026, 3)


@pytest.fixture
def eng(demo_db, demo_month, tmp_path_factory, tmp_path):
    base = seeded(demo_db, tmp_path_factory.mktemp("attestation"), demo_month)
    return store.engine(writable(base, tmp_path))


def test_demo_history_is_on_record(eng):
    # the demo finalised the earlier quarter; its sheets show it as history
    done = records.history(eng)
    assert set(done["period"]) == {str(Q2)}
    assert set(done["manager_id"]) == {"m02", "m03", "m04", "m05", "m06", "m10", "m11"}
    sheets = {p["manager"]["id"]: p for p in assessment.build(eng, Q3)}
    past = done.set_index("manager_id").loc["m04"]
    assert sheets["m04"]["history"] == [{
        "period": str(Q2), "decision": past["decision"], "total": past["total"],
        "decision_text": sheets["m04"]["history"][0]["decision_text"],
    }]


def test_finalised_record_is_immutable(eng):
    before = assessment.build(eng, Q3)
    [stored] = assessment.finalise(eng, Q3, ["m04"], "Смирнова Е. В.")
    draft = next(p for p in before if p["manager"]["id"] == "m04")
    assert stored["finalised"]["by"] == "Смирнова Е. В."
    assert {**stored, "finalised": None} == draft  # exactly the sheet that was shown

    # finalising again is refused, and so is any change in the table itself
    with pytest.raises(records.AlreadyFinalised, match="m04"):
        assessment.finalise(eng, Q3, ["m04"], "someone else")
    with pytest.raises(DatabaseError, match="cannot be changed"), store.transaction(eng) as conn:
        conn.execute(update(attestations).where(attestations.c.manager_id == "m04").values(total=100))
    with pytest.raises(DatabaseError, match="cannot be changed"), store.transaction(eng) as conn:
        conn.execute(delete(attestations).where(attestations.c.manager_id == "m04"))

    # its inputs are locked, and later data does not change the finalised sheet
    t = load_template()
    with pytest.raises(SalesplanError, match="аттестация m04 за III квартал 2026 утверждена"):
        inputs.save_ratings(eng, Q3, "m04", {"teamwork": 1}, "head", t)
    with store.transaction(eng) as conn:
        conn.execute(insert(store.payments).values(
            id="late", date=pd.Timestamp("2026-09-15").date(), amount=10**12, manager_id="m04"))
    after = {p["manager"]["id"]: p for p in assessment.build(eng, Q3)}
    assert after["m04"] == stored
    assert after["m05"]["finalised"] is None  # the others are still drafts
    assert records.history(eng, "m04")["period"].tolist() == [str(Q2), str(Q3)]


def test_finalising_is_all_or_nothing(eng):
    with pytest.raises(records.NotAttested, match="за III квартал 2026 не аттестуются: m01"):  # the head
        assessment.finalise(eng, Q3, ["m05", "m01"], "head")
    assert str(Q3) not in set(records.history(eng)["period"])


def test_head_edits_replace_the_draft_plan(eng):
    draft = next(p for p in assessment.build(eng, Q3) if p["manager"]["id"] == "m05")["plan"]
    assert draft["source"] == "draft" and 3 <= len(draft["goals"]) <= 5
    goals = [Goal.from_dict(g) for g in draft["goals"][:2]]
    goals.append(Goal(goal="<script>alert(1)</script> Освоить новый CRM-модуль",
                      measure="сдать зачёт", means="курс", deadline=pd.Timestamp("2026-12-15").date(),
                      owner="Тренер"))
    inputs.save_plan_edit(eng, Q3, "m05", goals, "Орлов Д. А.")
    plan = next(p for p in assessment.build(eng, Q3) if p["manager"]["id"] == "m05")["plan"]
    assert plan["source"] == "edited" and plan["edited_by"] == "Орлов Д. А."
    assert [g["goal"] for g in plan["goals"]] == [g.goal for g in goals]
    html = sheet.render_sheet(next(p for p in assessment.build(eng, Q3) if p["manager"]["id"] == "m05"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Освоить" in html
    assert "<script>alert(1)" not in html
