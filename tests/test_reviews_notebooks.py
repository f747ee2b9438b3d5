"""The call-review notebooks run; the summary's page shows typed text as text."""

import html

import nbformat
import pandas as pd
import pytest
from reviews_department import build
from sqlalchemy import update

from salesplan import store
from salesplan.reviews import repository as repo
from salesplan.reviews.demo import seed_demo
from salesplan.reviews.templates import load_templates
from salesplan.runner import notebooks_dir, run_report

pytestmark = pytest.mark.notebook

XSS = "<script>alert(1)</script>"
COLD = load_templates()["cold_call"]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("nb") / "reviews.db"
    url = f"sqlite:///{path}"
    eng = store.engine(url)
    build(eng)
    seed_demo(eng, "2026-10")
    answers = {c.id: c.max_points for c in COLD.criteria.values()} | {"politeness": 0.0}
    repo.save_review(
        eng,
        repo.ReviewInput(template_id="cold_call", manager_id="hun1", reviewer=XSS,
                         call_id="hun1-c0200", answers=answers, comment=XSS,
                         section_comments={"standards": XSS}),
    )
    with store.transaction(eng) as conn:
        conn.execute(update(store.departments).where(store.departments.c.id == "sales").values(name=XSS))
        conn.execute(update(store.managers).where(store.managers.c.id == "hun2").values(name=XSS))
    heads = repo.current_reviews(eng)
    assert heads.loc[heads["reviewer"] == XSS, "call_date"].dt.strftime("%Y-%m").tolist() == ["2026-10"]
    return url


def summary_only(tmp_path):
    registry = tmp_path / "reports.yaml"
    registry.write_text("monthly:\n  - call_review_summary.ipynb\n", encoding="utf-8")
    return registry


def test_summary_in_the_monthly_pack_escapes_typed_text(db, tmp_path):
    manifest = run_report("monthly", {"month": "2026-10"}, out_dir=tmp_path / "pack", jobs=1,
                          db_url=db, department="sales", registry=summary_only(tmp_path),
                          progress=False)
    assert manifest.ok, [o.error for o in manifest.outputs]
    page = (tmp_path / "pack" / manifest.outputs[0].html).read_text(encoding="utf-8")
    assert XSS not in page
    escaped = html.escape(XSS, quote=False)
    assert page.count(escaped) >= 4  # department, manager, reviewer, comments
    assert "Качество звонков" in page and "Калибровка проверяющих" in page
    assert "Кого дослушать" in page
    sheet = pd.read_excel(tmp_path / "pack" / "call_reviews_2026-10.xlsx")
    assert XSS in set(sheet["comment"])
    assert set(sheet["manager_id"]) <= {"hun1", "hun2", "far1", "far2", "kam1"}  # the department only


def test_summary_of_a_month_without_reviews(db, tmp_path):
    manifest = run_report("monthly", {"month": "2026-01"}, out_dir=tmp_path / "pack", jobs=1,
                          db_url=db, department="b2g", registry=summary_only(tmp_path),
                          progress=False)
    assert manifest.ok, [o.error for o in manifest.outputs]
    page = (tmp_path / "pack" / manifest.outputs[0].html).read_text(encoding="utf-8")
    assert "оценённых звонков нет" in page


def test_the_summary_is_in_the_monthly_registry():
    from salesplan.runner import load_registry

    assert "call_review_summary.ipynb" in load_registry().monthly


def test_notebooks_are_committed_without_outputs_and_declare_parameters():
    for name in ("call_review.ipynb", "call_review_summary.ipynb"):
        nb = nbformat.read(notebooks_dir() / name, as_version=4)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), name
        tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1 and "db_url: str" in tagged[0].source, name


def test_the_form_notebook_runs(db, tmp_path):
    import papermill

    out = tmp_path / "form.ipynb"
    papermill.execute_notebook(
        str(notebooks_dir() / "call_review.ipynb"), str(out),
        parameters={"db_url": db, "reviewer": XSS}, progress_bar=False,
    )
    nb = nbformat.read(out, as_version=4)
    widget_views = [o for c in nb.cells for o in c.get("outputs", [])
                    if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert widget_views
    models = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"].values()
    shown = [m["state"].get("value", "") for m in models if m["model_name"] == "HTMLModel"]
    assert not any("<script>" in value for value in shown)
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in value for value in shown)  # the list
