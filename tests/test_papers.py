"""Who sees what in the monthly pack: ``team/`` holds the meeting's pages and files with no one's
pay, ``personal/<id>/`` each paid manager's own papers naming no one else.

Two real runs of the monthly pack on the demo (``params/reports.yaml`` as shipped): the demo's
last month (next month has no approved plan yet) and the month before it, which closes a
quarter (next month's plan is approved, attestation sheets are due). Amounts to pay come from
``salesplan.motivation`` directly; the files are read back as a reader's program would (HTML
text, PDF text with pypdf, XLSX cells with openpyxl, PowerPoint text with python-pptx).
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import cli_run
import mail_server
import pytest
import yaml
from openpyxl import load_workbook
from pptx import Presentation
from pydantic import ValidationError
from pypdf import PdfReader
from store_copy import copy_db

from salesplan import labels, store
from salesplan.attestation import assessment
from salesplan.config import params_dir
from salesplan.filenames import safe_name
from salesplan.money import fmt_rub
from salesplan.motivation.inputs import month_facts
from salesplan.motivation.pay import Payslip, department_payslips
from salesplan.motivation.schemes import load_schemes
from salesplan.periods import Month, Quarter
from salesplan.plan.scenarios import approved_plan
from salesplan.printing import book, render
from salesplan.registry import Registry, TeamShare
from salesplan.runner import Manifest, run_report

SPACES = re.compile(r"[\s\u00a0\u202f]+")


def test_team_pages_must_be_monthly_notebooks_and_files_not_notebooks():
    Registry(monthly=["a.ipynb"], team={"pages": ["a.ipynb"], "files": ["deck_*.pptx"]})
    with pytest.raises(ValidationError, match="b.ipynb — нет среди блокнотов monthly"):
        Registry(monthly=["a.ipynb"], team={"pages": ["b.ipynb"]})
    with pytest.raises(ValidationError, match="a.ipynb — блокноты отделу не показываются"):
        Registry(monthly=["a.ipynb"], team={"files": ["a.ipynb"]})
    with pytest.raises(ValidationError, match="team.files.0"):
        Registry(monthly=["a.ipynb"], team={"files": ["../x.pptx"]})


def test_only_a_registry_that_declares_them_gets_papers():
    assert not Registry(monthly=["a.ipynb"]).papers
    assert Registry(monthly=["a.ipynb"], personal=True).papers
    assert Registry(monthly=["a.ipynb"], team={"files": ["x.pptx"]}).papers


def test_a_book_of_pages_prints_once_and_splits_back_into_each_page(tmp_path):
    from salesplan.attestation.batch import print_split

    rows = {"один": 1, "два": 120, "три": 3}  # the second page runs over several sheets
    pages = [render("page.html.j2", title=name).replace(
        '<div class="sheet">', f'<div class="sheet"><h1>{name}</h1>' + "<p>строка</p>" * n)
        for name, n in rows.items()]
    bound = book(pages, ["a", "b", "c"])
    assert bound.count("<head>") == 1 and bound.count('href="#b"') == 1
    pdfs = [tmp_path / f"{name}.pdf" for name in rows]
    print_split([(bound, list(zip(["a", "b", "c"], pdfs, strict=True)))])
    sheets = [PdfReader(p).pages for p in pdfs]
    assert [len(s) for s in sheets] == [1, len(sheets[1]), 1] and len(sheets[1]) > 1
    for name, pages_of in zip(rows, sheets, strict=True):
        assert pages_of[0].extract_text().startswith(name)


def text_of(path: Path) -> str:
    """What a reader sees in the file, spaces made plain."""
    if path.suffix == ".pdf":
        text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    elif path.suffix == ".xlsx":
        book = load_workbook(path)
        text = "\n".join(str(c.value) for ws in book for row in ws.iter_rows() for c in row
                         if c.value is not None)
    elif path.suffix == ".pptx":
        shapes = [shape for slide in Presentation(path).slides for shape in slide.shapes]
        text = "\n".join([s.text_frame.text for s in shapes if s.has_text_frame]
                         + [c.text for s in shapes if s.has_table for r in s.table.rows for c in r.cells])
    else:
        text = html.unescape(path.read_text(encoding="utf-8"))
    return SPACES.sub(" ", text)


def amounts(slip: Payslip) -> list[str]:
    """The amount to pay as the product writes it: whole roubles and with kopecks."""
    return [SPACES.sub(" ", fmt_rub(slip.total)), SPACES.sub(" ", fmt_rub(slip.total, kopecks_shown=True))]


def occurs(amount: str, text: str) -> bool:
    """``amount`` as a whole number in ``text`` (not the tail of a larger one: 1 160 000 ₽)."""
    return re.search(rf"(?<![\d ]){re.escape(amount)}", text) is not None


def slips_of(db: str, month: str) -> list[Payslip]:
    return department_payslips(load_schemes(), month_facts(store.engine(db), month, ""))


def run_pack(db: str, month: str, out: Path):
    manifest = run_report("monthly", {"month": month}, out_dir=out, db_url=db, progress=False)
    assert manifest.ok and manifest.papers is not None and manifest.papers.error is None
    return manifest


@pytest.fixture(scope="module")
def last_pack(demo_db, demo_month, tmp_path_factory):
    out = tmp_path_factory.mktemp("papers") / demo_month
    return out, run_pack(demo_db, demo_month, out)


@pytest.fixture(scope="module")
def quarter_pack(demo_db, demo_month, tmp_path_factory):
    month = str(Month.parse(demo_month).previous())
    out = tmp_path_factory.mktemp("papers") / month
    return out, run_pack(demo_db, month, out)


@pytest.mark.notebook
@pytest.mark.browser
def test_the_team_folder_has_the_deck_and_no_one_s_pay(last_pack, demo_db, demo_month):
    pack, _ = last_pack
    team = pack / "team"
    files = {p.name for p in team.iterdir()}
    assert {f"meeting_deck_{demo_month}.pptx", f"meeting_deck_{demo_month}.html", "monthly_report.html",
            "call_review_summary.html", "meeting_deck.html", "index.html"} == files
    links = set(re.findall(r'href="([^"]+)"', (team / "index.html").read_text(encoding="utf-8")))
    assert links == files - {"index.html"}
    slips = slips_of(demo_db, demo_month)
    assert len(slips) >= 8
    for path in team.iterdir():
        text = text_of(path)
        assert "расчётн" not in text.lower() and "к выплате" not in text.lower(), path.name
        for slip in slips:
            for amount in amounts(slip):
                assert not occurs(amount, text), (path.name, slip.facts.name, amount)
    # the head's pack keeps everything and links the folders
    assert (pack / "pay_statements.html").exists() and (pack / "payouts").is_dir()
    head = (pack / "index.html").read_text(encoding="utf-8")
    assert 'href="team/index.html"' in head
    assert all(f'href="personal/{safe_name(s.facts.manager_id)}/index.html"' in head for s in slips)


def check_personal(pack: Path, db: str, month: str) -> dict[str, set[str]]:
    """Every paid manager's folder: their statement with their name and amount, no one else's
    name or id anywhere; returns each folder's file names."""
    managers = store.read_table(store.engine(db), "managers")
    slips = slips_of(db, month)
    folders = {p.name for p in (pack / "personal").iterdir()}
    assert folders == {safe_name(s.facts.manager_id) for s in slips}
    found = {}
    for slip in slips:
        me = slip.facts
        folder = pack / "personal" / safe_name(me.manager_id)
        printed = text_of(folder / f"pay_{month}.pdf")
        assert me.name in printed and amounts(slip)[1] in printed
        # money cells hold kopecks / 100, read back as floats
        cells = [c.value for row in load_workbook(folder / f"pay_{month}.xlsx").active.iter_rows()
                 for c in row]
        assert me.name in text_of(folder / f"pay_{month}.xlsx") and slip.total / 100 in cells
        for path in folder.iterdir():
            text = text_of(path)
            for other in managers.itertuples(index=False):
                if other.id != me.manager_id:
                    assert other.name not in text, (path, other.name)
                    assert not re.search(rf"\b{re.escape(other.id)}\b", text), (path, other.id)
        found[me.manager_id] = {p.name for p in folder.iterdir()}
    return found


@pytest.mark.notebook
@pytest.mark.browser
def test_every_paid_manager_gets_their_own_papers_and_no_one_else_s(last_pack, demo_db, demo_month):
    pack, manifest = last_pack
    files = check_personal(pack, demo_db, demo_month)
    following = Month.parse(demo_month).next()
    assert approved_plan(store.engine(demo_db), str(following), "sales") is None
    for manager_id, names in files.items():
        assert names == {"index.html", f"pay_{demo_month}.html", f"pay_{demo_month}.pdf",
                         f"pay_{demo_month}.xlsx", f"calls_{demo_month}.html", f"calls_{demo_month}.pdf"}
        index = text_of(pack / "personal" / safe_name(manager_id) / "index.html")
        assert labels.PAPERS["no_plan"].format(month=following.label) in index
    assert not list(pack.glob("personal/*/*payroll*")) and not list(pack.glob("team/*.ipynb"))
    listed = {f.manager_id: set(f.files) for f in manifest.papers.personal}
    assert listed == {m: {f"personal/{safe_name(m)}/{n}" for n in names} for m, names in files.items()}


@pytest.mark.notebook
@pytest.mark.browser
def test_the_reviews_of_the_month_are_in_the_manager_s_feedback(last_pack, demo_db, demo_month):
    pack, _ = last_pack
    first, last = Month.parse(demo_month).bounds
    reviews = store.read_table(store.engine(demo_db), "reviews")
    days = reviews["call_date"].astype(str)
    month = reviews[(days >= str(first)) & (days <= str(last))]
    latest = month.sort_values("revision").drop_duplicates("uid", keep="last")
    for manager_id, own in latest.groupby("manager_id"):
        text = text_of(pack / "personal" / safe_name(manager_id) / f"calls_{demo_month}.pdf")
        assert f"Оценено звонков: {len(own)};" in text
        for call in own["call_id"].dropna():
            assert call in text


@pytest.mark.notebook
@pytest.mark.browser
def test_a_quarter_closing_month_puts_the_attestation_and_next_month_s_plan_in(quarter_pack, demo_db):
    pack, _ = quarter_pack
    month = Month.parse(pack.name)
    quarter = Quarter.of(month.start)
    assert quarter.end == month.end
    files = check_personal(pack, demo_db, str(month))
    slip_names = {s.facts.manager_id: s.facts.name for s in slips_of(demo_db, str(month))}
    eng = store.engine(demo_db)
    attested = {p["manager"]["id"]: p["manager"]["name"] for p in assessment.build(eng, quarter)}
    planned = set(approved_plan(eng, str(month.next()), "sales").managers.index) | set(
        approved_plan(eng, str(month.next()), "regions").managers.index)
    assert attested and planned
    for manager_id, names in files.items():
        folder = pack / "personal" / safe_name(manager_id)
        assert (f"attestation_{quarter}.pdf" in names) == (manager_id in attested)
        assert (f"plan_{month.next()}.pdf" in names) == (manager_id in planned)
        if manager_id in attested:
            assert attested[manager_id] in text_of(folder / f"attestation_{quarter}.pdf")
        if manager_id in planned:
            plan = text_of(folder / f"plan_{month.next()}.pdf")
            assert labels.PLAN_SHEET["title"].format(month=month.next().label) in plan
            assert slip_names[manager_id] in plan


@pytest.mark.notebook
def test_papers_that_cannot_be_made_leave_the_pack_whole_and_say_why(demo_db, demo_month, tmp_path,
                                                                    monkeypatch, capsys):
    home = tmp_path / "home"
    shutil.copytree(Path(__file__).parent / "notebooks", home / "notebooks")
    shutil.copytree(params_dir(), home / "params")
    (home / "params" / "reports.yaml").write_text(
        "monthly: [ok.ipynb]\nteam: {pages: [ok.ipynb]}\npersonal: true\n", encoding="utf-8")
    monkeypatch.setenv("SALESPLAN_HOME", str(home))
    monkeypatch.setenv("SALESPLAN_CHROMIUM", str(tmp_path / "no-browser"))
    pack = tmp_path / "pack"
    code, out, _ = cli_run.run(monkeypatch, capsys, "run", "monthly", "--month", demo_month,
                               "--db", demo_db, "--out", str(pack))
    manifest = Manifest.model_validate_json((pack / "manifest.json").read_text(encoding="utf-8"))
    assert code == 1 and manifest.ok and (pack / "ok.html").exists()  # the notebooks' part is whole
    assert manifest.papers.error and "no-browser" in manifest.papers.error
    assert not (pack / "team").exists() and not (pack / "personal").exists()
    said = SPACES.sub(" ", labels.PAPERS["papers_failed"].format(error=manifest.papers.error))
    assert said in text_of(pack / "index.html") and said in SPACES.sub(" ", out)


def test_a_failed_team_page_is_listed_as_not_ready_and_not_copied(tmp_path):
    from salesplan.papers.build import SharedPage, write_team

    for name in ("a.html", "b.html", "deck.pptx", "a.ipynb"):
        (tmp_path / name).write_text(name, encoding="utf-8")
    pages = [SharedPage("a.ipynb", "a.html", "Отчёт А"),
             SharedPage("b.ipynb", "b.html", "Отчёт Б", "ValueError: Иванов 100 000 ₽")]
    share = TeamShare(pages=["a.ipynb", "b.ipynb"], files=["*.pptx"])
    files = write_team(tmp_path, pages, share, Month.parse("2026-10"), "Отдел продаж")
    assert sorted(p.name for p in files) == ["a.html", "deck.pptx", "index.html"]
    index = text_of(tmp_path / "team" / "index.html")
    assert labels.PAPERS["team_failed"].format(title="Отчёт Б") in index and "Иванов" not in index


@pytest.mark.notebook
def test_the_real_pack_goes_by_mail_once(last_pack, demo_db, demo_month, tmp_path, monkeypatch, capsys):
    """``salesplan send`` on the demo's monthly pack, against a real local SMTP server: each
    manager with an address gets exactly their personal folder, the department its team folder;
    a second run sends nothing."""
    pack, _ = last_pack
    box = mail_server.Mailbox(refuse=set())
    server = mail_server.start(box)
    try:
        home = tmp_path / "home"
        shutil.copytree(params_dir(), home / "params")
        delivery = home / "params" / "delivery.yaml"
        raw = yaml.safe_load(delivery.read_text(encoding="utf-8"))
        raw["smtp"] = {"host": mail_server.HOST, "port": server.port, "security": "none"}
        delivery.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
        monkeypatch.setenv("SALESPLAN_HOME", str(home))
        monkeypatch.setenv("SALESPLAN_USER", "head.of.sales")
        db = copy_db(demo_db, tmp_path / "sent.db")
        code, out, err = cli_run.run(monkeypatch, capsys, "send", "--month", demo_month, "--pack",
                                     str(pack), "--db", db)
        managers = store.read_table(store.engine(db), "managers").set_index("id")
        folders = {mid: pack / "personal" / safe_name(mid) for mid in managers.index
                   if (pack / "personal" / safe_name(mid)).is_dir()}
        with_address = {mid for mid in folders if isinstance(managers.loc[mid, "email"], str)}
        assert code == (0 if with_address == set(folders) else 1), out + err
        received = box.messages()
        personal = labels.DELIVERY_MESSAGE["personal_subject"].format(month=Month.parse(demo_month).label)
        for mid in with_address:
            [message] = [m for m in received[managers.loc[mid, "email"]] if m["Subject"] == personal]
            own = {p.name: p.read_bytes() for p in folders[mid].iterdir() if p.is_file()}
            got = {part.get_filename(): part.get_payload(decode=True) for part in message.iter_attachments()}
            assert got == own, mid
        team = {p.name: p.read_bytes() for p in (pack / "team").iterdir() if p.is_file()}
        [to_sales] = received[raw["teams"]["sales"]]
        assert {part.get_filename(): part.get_payload(decode=True)
                for part in to_sales.iter_attachments()} == team
        count = sum(len(v) for v in received.values())
        cli_run.run(monkeypatch, capsys, "send", "--month", demo_month, "--pack", str(pack), "--db", db)
        assert count > len(with_address) and sum(len(v) for v in box.messages().values()) == count
    finally:
        server.stop()
