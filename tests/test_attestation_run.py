"""``salesplan run attestation`` on the demo: a sheet per active manager, as HTML and PDF."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from attestation_demo import seeded
from pypdf import PdfReader

from salesplan import store
from salesplan.attestation import attestation_summary

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
    assert [o["status"] for o in manifest["outputs"]] == ["ok"]


def test_the_pdf_is_the_managers_sheet(pack):
    out, url = pack
    decisions = attestation_summary(store.engine(url), "2026-Q3").set_index("manager_id")
    for manager in ("m04", "m07"):
        reader = PdfReader(out / "attestation" / f"{manager}_2026-Q3.pdf")
        text = " ".join(page.extract_text() for page in reader.pages)
        flat = " ".join(text.split())
        assert "Аттестационный лист" in flat
        assert decisions.loc[manager, "name"] in flat
        assert "III квартал 2026 г." in flat
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
