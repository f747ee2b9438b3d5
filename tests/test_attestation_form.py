"""The head's form, driven without a browser: ratings and tests saved, ИПР edited, finalised."""

from __future__ import annotations

from datetime import date

import pytest
from attestation_demo import seeded, writable

from salesplan import store
from salesplan.attestation import form, inputs, records
from salesplan.periods import Quarter

Q3 = Quarter(2026, 3)


@pytest.fixture
def eng(demo_db, demo_month, tmp_path_factory, tmp_path):
    base = seeded(demo_db, tmp_path_factory.mktemp("attestation"), demo_month)
    return store.engine(writable(base, tmp_path))


def test_form_round_trip(eng):
    f = form.SheetForm(eng, Q3, "m05")
    # the stored demo inputs are in the controls, the draft ИПР in the goal rows
    stored = inputs.ratings_frame(eng, Q3).query("manager_id == 'm05'").set_index("competency")["rating"]
    assert {k: c.value for k, c in f.ratings.items()} == stored.to_dict()
    drafted = [r["goal"].value for r in f.goals if r["goal"].value]
    assert drafted == [g["goal"] for g in f.payload["plan"]["goals"]]

    # saving without saying who is refused, with a message and nothing stored
    f.ratings["teamwork"].value = 1
    f.save_inputs.click()
    assert "укажите, кто вносит" in f.status.value
    assert inputs.ratings_frame(eng, Q3).query("manager_id == 'm05' and competency == 'teamwork'")[
        "rating"].item() == stored["teamwork"]

    f.by.value = "Орлов Д. А."
    f.tests["crm"][0].value, f.tests["crm"][1].value = 9, 20
    f.save_inputs.click()
    assert "Сохранено" in f.status.value
    tests = inputs.tests_frame(eng, Q3).query("manager_id == 'm05'").set_index("topic")
    assert (tests.loc["crm", "score"], tests.loc["crm", "max_score"]) == (9, 20)
    assert tests.loc["crm", "source"] == "form"
    indicators = {(i["component"], i["indicator"]): i for i in f.payload["indicators"]}
    assert indicators[("competencies", "teamwork")]["value"] == 1  # the sheet was recomputed
    assert indicators[("knowledge_test", "crm")]["value"] == 45.0

    # edit the ИПР: change the first goal, drop the rest but one
    rows = f.goals
    rows[0]["goal"].value = "Выйти на план продаж"
    rows[0]["deadline"].value = date(2026, 12, 20)
    for row in rows[2:]:
        row["goal"].value = ""
    f.save_plan.click()
    plan = f.payload["plan"]
    assert plan["source"] == "edited" and plan["edited_by"] == "Орлов Д. А."
    assert [g["goal"] for g in plan["goals"]][0] == "Выйти на план продаж"
    assert len(plan["goals"]) == 2 and plan["goals"][0]["deadline"] == "2026-12-20"
    assert "Выйти на план продаж" in f.sheet.data

    f.finalise.click()
    assert f.payload["finalised"]["by"] == "Орлов Д. А."
    assert records.history(eng, "m05")["period"].tolist() == ["2026-Q2", "2026-Q3"]
    assert all(c.disabled for c in f.ratings.values()) and f.save_plan.disabled
    assert "утверждена" in f.status.value
