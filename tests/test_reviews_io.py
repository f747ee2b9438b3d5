"""Reviews to and from spreadsheets, and the ``salesplan reviews`` commands."""

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from reviews_department import build

from salesplan import store
from salesplan.errors import SalesplanError
from salesplan.reviews import repository as repo
from salesplan.reviews.io import ReviewImportError, export_reviews, import_reviews
from salesplan.reviews.templates import load_templates

COLD = load_templates()["cold_call"]
FARM = load_templates()["current_client"]


@pytest.fixture()
def eng(tmp_path):
    eng = store.engine(f"sqlite:///{tmp_path / 'io.db'}")
    build(eng)
    return eng


def best(template, **changes):
    return {c.id: c.max_points for c in template.criteria.values()} | changes


def seed(eng):
    repo.save_reviews(
        eng,
        [
            repo.ReviewInput(template_id="cold_call", manager_id="hun1", reviewer="Орлова Анна",
                             call_id="hun1-c0002", answers=best(COLD, case=None, hook=1.0),
                             comment="<script>alert(1)</script>",
                             section_comments={"needs": "мало вопросов"}),
            repo.ReviewInput(template_id="current_client", manager_id="far1", reviewer="Крылов Денис",
                             call_id="far1-c0044", answers=best(FARM, upsell=0.5, payment=None)),
        ],
    )


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_into_an_empty_store(eng, tmp_path, suffix):
    seed(eng)
    path = tmp_path / f"reviews{suffix}"
    assert export_reviews(eng, path) == 2
    other = store.engine(f"sqlite:///{tmp_path / 'other.db'}")
    build(other)
    summary = import_reviews(other, path)
    assert (summary.read, summary.added, summary.revised, summary.unchanged) == (2, 2, 0, 0)
    before = repo.reviews_frame(eng)
    after = repo.reviews_frame(other)
    keys = ["uid", "criterion_id"]
    cols = ["points", "score", "reviewer", "call_id", "call_date", "manager_id", "template_version"]
    pd.testing.assert_frame_equal(
        before.sort_values(keys)[keys + cols].reset_index(drop=True),
        after.sort_values(keys)[keys + cols].reset_index(drop=True),
    )
    heads = repo.current_reviews(other).set_index("call_id")
    assert heads.loc["hun1-c0002", "comment"] == "<script>alert(1)</script>"
    assert heads.loc["hun1-c0002", "section_comments"] == {"needs": "мало вопросов"}


def test_import_is_idempotent_and_a_change_is_a_new_revision(eng, tmp_path):
    seed(eng)
    path = tmp_path / "r.csv"
    export_reviews(eng, path)
    again = import_reviews(eng, path)
    assert (again.added, again.revised, again.unchanged) == (0, 0, 2)
    sheet = pd.read_csv(path, sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    row = sheet.index[sheet["call_id"] == "hun1-c0002"][0]
    sheet.loc[row, "hook"] = "0"
    sheet.to_csv(path, sep=";", index=False, encoding="utf-8-sig")
    changed = import_reviews(eng, path)
    assert (changed.added, changed.revised, changed.unchanged) == (0, 1, 1)
    uid = sheet.loc[row, "uid"]
    assert list(repo.revisions(eng, uid)["revision"]) == [1, 2]
    assert repo.current_reviews(eng).set_index("uid").loc[uid, "score"] == pytest.approx(
        100 - 6 / 96 * 100  # hook (weight 6) lost; case (weight 4) N/A
    )


def test_a_spreadsheet_kept_by_hand(eng, tmp_path):
    """cp1251, commas, criterion wordings as headers, «да»/«нет», decimal commas, dd.mm.yyyy."""
    header = ["template_id", "manager_name", "call_id", "reviewer", "reviewed_at"]
    header += [c.text for c in FARM.criteria.values()]
    values = {c.id: str(c.max_points).replace(".", ",").replace(",0", "") for c in FARM.criteria.values()}
    values |= {"greeting": "да", "time_check": "Нет", "upsell": "0,5", "payment": "н/п", "complaint": ""}
    row = ["current_client", "Борис Фермеров", "far1-c0044", "Савина Мария", "05.06.2026 14:30"]
    row += [values[c] for c in FARM.criteria]
    path = tmp_path / "by_hand.csv"
    text = "\n".join(",".join(f'"{v}"' for v in line) for line in (header, row))
    path.write_bytes(text.encode("cp1251"))
    summary = import_reviews(eng, path)
    assert summary.added == 1
    item = repo.reviews_frame(eng).set_index("criterion_id")
    assert item.loc["greeting", "points"] == 1 and item.loc["time_check", "points"] == 0
    assert item.loc["upsell", "points"] == 0.5 and item.loc["payment", "na"] and item.loc["complaint", "na"]
    head = repo.current_reviews(eng).iloc[0]
    assert head["created_at"] == pd.Timestamp("2026-06-05 14:30")
    assert import_reviews(eng, path).unchanged == 1  # no uid: the row's own key finds it again


def test_bad_rows_stop_the_import_naming_row_and_column(eng, tmp_path):
    seed(eng)
    path = tmp_path / "r.csv"
    export_reviews(eng, path)
    sheet = pd.read_csv(path, sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    sheet["uid"] = ""
    sheet.loc[0, "hook"] = "3"
    sheet.loc[0, "greeting"] = ""
    sheet.loc[1, "manager_id"] = "nobody"
    sheet.to_csv(path, sep=";", index=False, encoding="utf-8-sig")
    other = store.engine(f"sqlite:///{tmp_path / 'empty.db'}")
    build(other)
    with pytest.raises(ReviewImportError) as err:
        import_reviews(other, path)
    message = str(err.value)
    assert message.startswith("3 ошибки — ничего не загружено:\n")
    assert "строка 2, столбец «hook»: «3» нет на шкале 0-1-2 (допустимо: 0, 1, 2)" in message
    assert "строка 2, столбец «greeting»: пусто или «Н/П», а «не применимо»" in message
    assert "строка 3, столбец «manager_id»: менеджера «nobody» нет в базе" in message
    assert repo.current_reviews(other).empty


def test_file_level_errors(eng, tmp_path):
    with pytest.raises(SalesplanError, match="файл не найден"):
        import_reviews(eng, tmp_path / "none.csv")
    odd = tmp_path / "r.json"
    odd.write_text("{}")
    with pytest.raises(ReviewImportError, match="r.json: ожидается таблица .xlsx или .csv, а не «.json»"):
        import_reviews(eng, odd)
    thin = tmp_path / "thin.csv"
    thin.write_text("template_id;comment\ncold_call;x\n", encoding="utf-8")
    with pytest.raises(ReviewImportError, match="нет обязательных столбцов: reviewer, manager_id.manager"):
        import_reviews(eng, thin)


def test_export_of_one_month(eng, tmp_path):
    seed(eng)
    path = tmp_path / "june.xlsx"
    assert export_reviews(eng, path, "2026-06") == 1  # far1-c0044 is a July call
    sheet = pd.read_excel(path)
    assert sheet.loc[0, "call_id"] == "hun1-c0002" and sheet.loc[0, "case"] == "Н/П"
    assert sheet.loc[0, "comment_needs"] == "мало вопросов"


def run_cli(*args, db):
    return subprocess.run(
        [str(Path(sys.executable).with_name("salesplan")), *args, "--db", db],
        capture_output=True, text=True, check=False,
    )


def test_cli_export_and_import(eng, tmp_path):
    seed(eng)
    url = str(eng.url)
    out = tmp_path / "out.xlsx"
    done = run_cli("reviews", "export", str(out), "--month", "2026-07", db=url)
    assert done.returncode == 0, done.stderr
    assert "оценок 1" in done.stdout and len(pd.read_excel(out)) == 1
    done = run_cli("reviews", "import", str(out), db=url)
    assert done.returncode == 0 and "без изменений 1" in done.stdout
    bad = run_cli("reviews", "export", str(out), "--month", "2026-7", db=url)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert "период «2026-7» не распознан: ожидается месяц ГГГГ-ММ" in bad.stderr
    missing = run_cli("reviews", "import", str(tmp_path / "nope.csv"), db=url)
    assert missing.returncode == 2 and "файл не найден" in missing.stderr


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_texts_like_formulas_are_exported_as_text_and_come_back_exactly(eng, tmp_path, suffix):
    texts = {"comment": "=1+2", "reviewer": '=HYPERLINK("http://example.invalid/x")',
             "needs": "@SUM(1,2)", "more": "-1+2"}
    repo.save_reviews(eng, [repo.ReviewInput(
        template_id="cold_call", manager_id="hun1", reviewer=texts["reviewer"], call_id="hun1-c0002",
        answers=best(COLD), comment=texts["comment"],
        section_comments={"needs": texts["needs"], "contact": texts["more"]})])
    path = tmp_path / f"reviews{suffix}"
    export_reviews(eng, path)
    if suffix == ".csv":
        sheet = pd.read_csv(path, sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False)
        assert sheet.loc[0, ["comment", "reviewer", "comment_needs", "comment_contact"]].tolist() == [
            "'" + texts[k] for k in ("comment", "reviewer", "needs", "more")]
        assert sheet.loc[0, "score"][0].isdigit()  # numbers as they are
    else:
        sheet = load_workbook(path)["reviews"]
        cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
        assert {c.value for c in cells} >= set(texts.values())
        assert all(c.data_type == "s" for c in cells)
    other = store.engine(f"sqlite:///{tmp_path / 'other.db'}")
    build(other)
    assert import_reviews(other, path).added == 1
    head = repo.current_reviews(other).iloc[0]
    assert (head["comment"], head["reviewer"]) == (texts["comment"], texts["reviewer"])
    assert head["section_comments"] == {"needs": texts["needs"], "contact": texts["more"]}
