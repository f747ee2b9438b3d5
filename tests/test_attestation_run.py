"""``salesplan run attestation``: a sheet per active manager of the demo, as HTML and PDF; a
half-year on a small store."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pay_store
import pytest
from attestation_demo import seeded
from pypdf import PdfReader

from salesplan import store
from salesplan.attestation import attestation_summary
from salesplan.money import fmt_rub
from salesplan.runner import run_report

pytestmark = [pytest.mark.browser, pytest.mark.notebook]

ACTIVE = {"m02", "m03", "m04", "m05", "m06", "m07", "m10", "m11"}  # employed on 30.09.2026, not heads


@pytest.fixture(scope="module")
def pack(demo_db, demo_month, tmp_path_factory) -> tuple[Path, str]:
    url = seeded(demo_db, tmp_path_factory.mktemp("attestation"), demo_month)
    out = tmp_path_factory.mktemp("run") / "pack"
    done = subprocess.run(
        [Path(sys.executable).parent / "salesplan", "run", "attestation", "--period", "2026-Q3",
         "--db", url, "--out", str(out)],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out, url


def test_one_html_and_one_pdf_per_active_manager(pack):
    out, _ = pack
    folder = out / "attestation"
    assert {p.stem.removesuffix("_2026-Q3") for p in folder.glob("m*.html")} == ACTIVE
    assert {p.stem.removesuffix("_2026-Q3") for p in folder.glob("m*.pdf")} == ACTIVE
    assert (folder / "summary_2026-Q3.html").exists() and (folder / "summary_2026-Q3.pdf").exists()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [(o["notebook"], o["status"]) for o in manifest["outputs"]] == [
        ("attestation_pack.ipynb", "ok"), ("checklist.ipynb", "ok")]


def test_the_pdf_is_the_managers_sheet(pack):
    out, url = pack
    decisions = attestation_summary(store.engine(url), "2026-Q3").set_index("manager_id")
    for manager in ("m04", "m07"):
        reader = PdfReader(out / "attestation" / f"{manager}_2026-Q3.pdf")
        text = " ".join(page.extract_text() for page in reader.pages)
        flat = " ".join(text.split())
        assert "Аттестационный лист" in flat
        assert decisions.loc[manager, "name"] in flat
        assert "III квартал 2026" in flat
        assert decisions.loc[manager, "decision_text"] in flat
        assert "С результатами аттестации ознакомлен(а)" in flat
        # exactly one sheet: its title once, no other manager's name
        assert flat.count("Аттестационный лист") == 1
        others = decisions.drop(manager)["name"]
        assert not any(name in flat for name in others)
    probation = " ".join(p.extract_text() for p in PdfReader(out / "attestation" / "m07_2026-Q3.pdf").pages)
    assert "испытательный срок" in " ".join(probation.split())


def test_the_summary_lists_every_decision(pack):
    out, url = pack
    decisions = attestation_summary(store.engine(url), "2026-Q3")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(
        out / "attestation" / "summary_2026-Q3.pdf").pages).split())
    assert "Итоги аттестации отдела" in text
    for name in decisions["name"]:
        assert name in text
    page = (out / "attestation_pack.html").read_text(encoding="utf-8")
    assert "m04_2026-Q3.html" in page  # the pack's page links to the sheets


def test_a_half_year_runs_through_the_runner_on_a_small_store(tmp_path):
    """A half-year end to end on ``pay_store`` (March 2026): the runner's checks, the notebook,
    a sheet with the six months and the pack's index page, which names the half-year."""
    eng = pay_store.fill(store.engine(f"sqlite:///{tmp_path / 'small.db'}"))
    out = tmp_path / "pack"
    manifest = run_report("attestation", {"period": "2026-h1"}, out_dir=out, db_url=str(eng.url),
                          jobs=1, progress=False)
    assert manifest.ok, [o.error for o in manifest.outputs]
    assert manifest.parameters["period"] == "2026-H1"
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<h1>Аттестация</h1>" in index
    assert '<p class="muted">1-е полугодие 2026 · все отделы</p>' in index
    assert 'href="attestation_pack.html"' in index
    folder = out / "attestation"
    assert sorted(p.name for p in folder.glob("*.html")) == ["a_2026-H1.html", "b_2026-H1.html",
                                                             "summary_2026-H1.html"]
    sheet = (folder / "a_2026-H1.html").read_text(encoding="utf-8")
    assert "Анна" in sheet and "1-е полугодие 2026 (с 01.01.2026 по 30.06.2026)" in sheet
    rows = re.findall(r"<tr><td>(\w+)</td><td class=\"num\">([^<]*)</td>", sheet)
    assert [m for m, _ in rows] == ["январь", "февраль", "март", "апрель", "май", "июнь"]
    assert dict(rows)["март"] == fmt_rub(1_000_000 * pay_store.RUB)  # the plan of record
    assert (folder / "summary_2026-H1.pdf").exists()
