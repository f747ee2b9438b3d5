"""The review store: one transaction per save, revisions kept, drafts, the read API."""

from datetime import date, datetime

import pytest
import yaml
from reviews_department import build
from sqlalchemy import select, update

from salesplan import store
from salesplan.config import params_dir
from salesplan.errors import ParamsError
from salesplan.reviews import repository as repo
from salesplan.reviews.templates import load_template, load_templates

TEMPLATES = load_templates()
COLD = TEMPLATES["cold_call"]


@pytest.fixture()
def eng(tmp_path):
    eng = store.engine(f"sqlite:///{tmp_path / 'r.db'}")
    build(eng)
    return eng


def best(template=COLD, **changes):
    answers = {c.id: c.max_points for c in template.criteria.values()}
    answers.update(changes)
    return answers


def review(**fields):
    base = {
        "template_id": "cold_call",
        "manager_id": "hun1",
        "reviewer": "Орлова Анна",
        "call_id": "hun1-c0002",
        "answers": best(),
    }
    return repo.ReviewInput(**(base | fields))


def test_save_and_read_back(eng):
    saved = repo.save_review(eng, review(answers=best(case=None, politeness=1.0), comment="ок"))
    assert saved.revision == 1 and saved.score == pytest.approx(100) and saved.passed
    heads = repo.current_reviews(eng)
    assert len(heads) == 1
    head = heads.iloc[0]
    assert head["manager_name"] == "Глеб Холодов" and head["department_id"] == "sales"
    assert head["call_date"] == datetime(2026, 6, 1)  # the call's own date
    items = repo.reviews_frame(eng, "2026-06-01", "2026-06-30")
    assert len(items) == len(COLD.criteria)
    assert list(items["criterion_id"]) == list(COLD.criteria)  # form order
    case = items.set_index("criterion_id").loc["case"]
    assert case["na"] and not case["met"]
    assert items["score"].eq(100).all() and items["template_version"].eq(1).all()
    assert set(repo.ITEM_COLUMNS) == set(items.columns)
    assert repo.reviews_frame(eng, "2026-07-01", "2026-07-31").empty
    assert repo.reviews_frame(eng, department="b2g").empty


def test_editing_makes_a_new_revision_and_keeps_the_old(eng):
    first = repo.save_review(eng, review(comment="первый"))
    opened = repo.load_review(eng, first.id)
    edited = opened.model_copy(update={"answers": best(next_step=0.0), "comment": "второй"})
    second = repo.save_review(eng, edited)
    assert (second.uid, second.revision) == (first.uid, 2)
    assert second.score == pytest.approx(88.0)  # next_step weighs 12

    history = repo.revisions(eng, first.uid)
    assert list(history["revision"]) == [1, 2]
    assert list(history["comment"]) == ["первый", "второй"]
    assert history["parent_id"].iloc[1] == history["id"].iloc[0]
    assert repo.load_review(eng, first.id).answers["next_step"] == 2.0  # untouched
    heads = repo.current_reviews(eng)
    assert len(heads) == 1 and heads.iloc[0]["revision"] == 2
    assert heads.iloc[0]["first_created_at"] < heads.iloc[0]["created_at"]
    assert len(repo.reviews_frame(eng)) == len(COLD.criteria)  # only the current revision


def test_a_stale_edit_is_refused(eng):
    first = repo.save_review(eng, review())
    opened = repo.load_review(eng, first.id)
    repo.save_review(eng, opened)  # someone else saved revision 2 meanwhile
    with pytest.raises(repo.ReviewConflict, match=r"сейчас ревизия 2\), а правка сделана к ревизии 1"):
        repo.save_review(eng, opened)
    with pytest.raises(repo.ReviewConflict, match="уже сохранена \\(ревизия 2\\): откройте её для правки"):
        repo.save_review(eng, review(uid=first.uid))


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"answers": {k: v for k, v in best().items() if k != "hook"}}, "критерий «hook» не оценён"),
        ({"answers": best(hook=1.5)}, "критерий «hook»: 1,5 нет на шкале 0-1-2 \\(допустимо: 0, 1, 2\\)"),
        ({"answers": best(hook=None)}, "критерий «hook»: ответ «не применимо» для него не допускается"),
        ({"answers": best(bogus=1.0)}, "«bogus» — не критерий чек-листа «cold_call»"),
        ({"reviewer": "  "}, "не указан проверяющий"),
        ({"call_id": None}, "нет ни ID звонка, ни ссылки на запись"),
        ({"section_comments": {"finale": "x"}}, "комментарий к этапу «finale»: такого этапа"),
        ({"manager_id": "nobody"}, "менеджера «nobody» нет в базе"),
        ({"manager_id": "hun2"}, "звонок hun1-c0002 сделал hun1, а не hun2"),
        ({"template_id": "survey"}, "чек-лист «survey» не найден; есть: "),
        ({"template_version": 7}, "чек-лист «cold_call» версии 7 не найден"),
    ],
)
def test_invalid_reviews_are_refused_with_the_reason(eng, fields, message):
    with pytest.raises(repo.ReviewError, match=message):
        repo.save_review(eng, review(**fields))
    assert repo.current_reviews(eng).empty


def test_a_free_call_takes_the_given_date(eng):
    saved = repo.save_review(
        eng, review(call_id=None, recording_url="https://pbx/rec/1.mp3", call_date=date(2026, 9, 3))
    )
    head = repo.current_reviews(eng).iloc[0]
    assert head["call_date"] == datetime(2026, 9, 3) and head["uid"] == saved.uid


def test_a_batch_is_all_or_nothing(eng):
    good = [review(call_id=f"hun1-c{n:04d}") for n in (2, 4, 6)]
    with pytest.raises(repo.ReviewError):
        repo.save_reviews(eng, [*good, review(answers=best(hook=9.0))])
    assert repo.current_reviews(eng).empty
    assert store.counts(eng)["review_answers"] == 0
    assert len(repo.save_reviews(eng, good)) == 3


def test_template_versions_are_kept_and_a_silent_change_is_refused(eng, tmp_path):
    repo.save_review(eng, review())
    raw = yaml.safe_load((params_dir() / "scorecards" / "cold_call.yaml").read_text(encoding="utf-8"))
    raw["sections"][0]["criteria"][0]["text"] = "Представился"
    path = tmp_path / "cold_call.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    changed = {"cold_call": load_template(path)}
    with pytest.raises(ParamsError, match="увеличьте version в params/scorecards/cold_call.yaml"):
        repo.save_review(eng, review(call_id="hun1-c0004"), changed)

    raw["version"] = 2
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    v2 = {"cold_call": load_template(path)}
    repo.save_review(eng, review(call_id="hun1-c0004"), v2)
    # an old-version review can still be saved (an import) and reads with its own wording
    repo.save_review(eng, review(call_id="hun1-c0006", template_version=1), v2)
    items = repo.reviews_frame(eng).set_index(["call_id", "criterion_id"])
    assert items.loc[("hun1-c0002", "greeting"), "criterion_text"].startswith("Поздоровался")
    assert items.loc[("hun1-c0004", "greeting"), "criterion_text"] == "Представился"
    assert items.loc[("hun1-c0006", "greeting"), "template_version"] == 1


def test_stored_answers_are_never_updated_by_the_api(eng):
    """The revision chain is append-only: a save inserts, it never rewrites an old row."""
    first = repo.save_review(eng, review())
    with eng.connect() as conn:
        before = conn.execute(select(repo.reviews).where(repo.reviews.c.id == first.id)).one()
    repo.save_review(eng, repo.load_review(eng, first.id).model_copy(update={"comment": "правка"}))
    with eng.connect() as conn:
        after = conn.execute(select(repo.reviews).where(repo.reviews.c.id == first.id)).one()
    assert before == after


def test_drafts(eng):
    assert repo.load_draft(eng, "Орлова Анна") is None
    repo.save_draft(eng, "Орлова Анна", {"answers": {"hook": 2.0}, "comment": "<b>"})
    repo.save_draft(eng, "Орлова Анна", {"answers": {"hook": 1.0}})
    state, at = repo.load_draft(eng, "Орлова Анна")
    assert state == {"answers": {"hook": 1.0}} and isinstance(at, datetime)
    assert repo.load_draft(eng, "Крылов Денис") is None
    repo.delete_draft(eng, "Орлова Анна")
    assert repo.load_draft(eng, "Орлова Анна") is None


def test_critical_flag_is_stored_per_answer(eng):
    repo.save_review(eng, review(answers=best(truthful=0.0)))
    items = repo.reviews_frame(eng).set_index("criterion_id")
    assert items.loc["truthful", "critical_failed"] and not items.loc["politeness", "critical_failed"]
    assert items["call_critical_failed"].all() and items["score"].eq(0).all()
    head = repo.current_reviews(eng).iloc[0]
    assert head["raw_score"] == pytest.approx(96.0) and not head["passed"]


def test_the_manager_name_comes_from_the_roster(eng):
    repo.save_review(eng, review())
    with store.transaction(eng) as conn:
        conn.execute(update(store.managers).where(store.managers.c.id == "hun1").values(name="Г. Холодов"))
    assert repo.current_reviews(eng).iloc[0]["manager_name"] == "Г. Холодов"
