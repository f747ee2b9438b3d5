"""The legs of a call folded into one call: invariants over any mix of legs, and the rules a
profile's telephony key is refused by."""

from datetime import datetime, timedelta

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from salesplan.importing.load import on_every_row
from salesplan.importing.profiles import Mapped
from salesplan.importing.telephony import Legs, Telephony, group_legs, one_row_per_call

LEGS = Legs(answered=["Отвечен"])  # compared ignoring case
START = datetime(2026, 11, 2, 9, 0)

leg = st.tuples(
    st.sampled_from(["A", "B", "C", "D"]),  # the call it belongs to
    st.booleans(),  # answered
    st.integers(0, 900),  # talk, seconds (0 when not answered)
    st.integers(0, 120),  # start, minutes after 9:00
)


def frames(legs: list[tuple]) -> tuple[pd.DataFrame, Mapped]:
    rows = pd.Index(range(2, 2 + len(legs)), dtype="int64")  # row 1 is the header
    typed = pd.DataFrame(
        {
            "id": pd.array([c for c, *_ in legs], dtype="str"),
            "started_at": pd.Series([START + timedelta(minutes=m) for *_, m in legs]).astype("datetime64[s]"),
            "duration_s": pd.array([t if a else 0 for _, a, t, _ in legs], dtype="Int64"),
            "result": pd.array(["отвечен" if a else "не отвечен" for _, a, _, _ in legs], dtype="str"),
            "manager": pd.array([f"m{r}" for r in rows], dtype="str"),
        }
    ).set_axis(rows)
    mapped = Mapped(typed[["id", "manager"]].copy(), {}, {}, [], heads=rows.to_series())
    return typed, mapped


@given(st.lists(leg, min_size=1, max_size=12))
def test_each_call_is_its_legs_added_up(legs):
    typed, mapped = frames(legs)
    calls = group_legs(typed, LEGS)
    folded, folded_mapped = one_row_per_call(typed, mapped, calls, LEGS)
    assert len(folded) == typed["id"].nunique()
    for call_id, group in typed.groupby("id"):
        row = folded.loc[group.index.min()]  # a call is filed under its first leg's row
        answered = group["result"].eq("отвечен")
        assert row["id"] == call_id
        assert row["started_at"] == group["started_at"].min()
        assert row["duration_s"] == group["duration_s"][answered].sum()
        assert (row["result"] == "отвечен") == answered.any()
        if answered.any():  # the answered leg with the longest talk, the first of equals
            talks = group["duration_s"][answered]
            main = talks[talks == talks.max()].index.min()
        else:
            main = group.index.min()
        assert row["manager"] == f"m{main}" == folded_mapped.frame.loc[group.index.min(), "manager"]


@given(st.lists(leg, min_size=1, max_size=12), st.data())
def test_a_problem_on_one_leg_rejects_every_leg_of_its_call(legs, data):
    typed, mapped = frames(legs)
    calls = group_legs(typed, LEGS)
    _, folded_mapped = one_row_per_call(typed, mapped, calls, LEGS)
    bad = data.draw(st.sampled_from(list(typed.index)))
    found = pd.DataFrame({"row": [bad], "column": ["start"], "reason": ["bad_date"]})
    spread = on_every_row(found, folded_mapped.heads)
    same_call = typed.index[typed["id"] == typed.loc[bad, "id"]]
    assert sorted(spread["row"]) == sorted(same_call)
    assert set(spread["reason"]) == {"bad_date"}


def test_a_leg_without_an_id_is_a_call_of_its_own():
    typed, mapped = frames([("A", True, 60, 0), ("A", True, 30, 5), ("B", False, 0, 9)])
    typed.loc[3, "id"] = pd.NA
    folded, _ = one_row_per_call(typed, mapped, group_legs(typed, LEGS), LEGS)
    assert folded.index.tolist() == [2, 3, 4]
    assert folded["duration_s"].tolist() == [60, 30, 0]


def test_a_leg_whose_talk_is_unknown_leaves_the_calls_unknown():
    typed, mapped = frames([("A", True, 60, 0), ("A", True, 30, 5)])
    typed.loc[3, "duration_s"] = pd.NA
    folded, _ = one_row_per_call(typed, mapped, group_legs(typed, LEGS), LEGS)
    assert folded["duration_s"].isna().tolist() == [True]


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        ({"outgoing": {"deal": "Сделка"}}, "не канонические столбцы: deal"),
        ({"outgoing": {"direction": "Тип"}}, "не канонические столбцы: direction"),
        ({"incoming": {"manager": {"source": "dstchannel", "pattern": "PJSIP/.*"}}}, "группой в скобках"),
        ({"incoming": {"manager": {"source": "dstchannel", "pattern": "(["}}}, "группой в скобках"),
        ({"unix_times": {"columns": ["start"], "time_zone": "Europe/Mosсow"}}, "часовой пояс"),
    ],
)
def test_a_wrong_telephony_key_is_refused(spec, words):
    with pytest.raises(ValidationError, match=words.replace("(", r"\(")):
        Telephony.model_validate(spec)
