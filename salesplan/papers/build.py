"""Write the team folder and every manager's personal folder into a monthly pack's build folder
(see ``salesplan.papers``). Every PDF of every manager is printed by one browser, the pages
of one kind bound into books (``printing.book``) printed once and split."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from salesplan import labels, store
from salesplan.attestation import assessment, sheet
from salesplan.attestation.batch import BOOK_SIZE, print_split
from salesplan.attestation.template import load_template
from salesplan.filenames import inside
from salesplan.motivation.inputs import month_facts
from salesplan.motivation.pay import Payslip, department_payslips
from salesplan.motivation.schemes import load_schemes
from salesplan.motivation.statements import statement_page, write_statement
from salesplan.papers import PERSONAL, TEAM, Papers, PersonalFolder
from salesplan.papers.feedback import MonthReviews, feedback_page
from salesplan.periods import Half, Month, Quarter
from salesplan.plan.scenarios import StoredPlan, approved_plan
from salesplan.plan.sheets import sheet_html
from salesplan.printing import book, render
from salesplan.registry import Registry, TeamShare
from salesplan.reviews.templates import load_settings as review_settings
from salesplan.reviews.templates import load_templates

P = labels.PAPERS


@dataclass(frozen=True)
class SharedPage:
    """A notebook's page in the pack: its file (relative to the pack), title and error."""

    notebook: str
    html: str
    title: str
    error: str | None = None


def _index(path: Path, title: str, subtitle: str, heading: str, items: list[dict]) -> Path:
    path.write_text(render("papers_index.html.j2", title=title, subtitle=subtitle,
                           heading=heading, items=items), encoding="utf-8")
    return path


def _copy(source: Path, folder: Path) -> Path:
    target = inside(folder, source.stem, suffix=source.suffix)
    shutil.copy2(source, target)
    return target


def write_team(build: Path, pages: list[SharedPage], share: TeamShare, month: Month,
               department: str) -> list[Path]:
    """Copy the declared pages and files into ``team/`` with an index (a page whose notebook
    failed is listed as not ready, without its error); returns the files of ``team/``."""
    folder = build / TEAM
    folder.mkdir()
    items, files = [], []
    for page in pages:
        if page.notebook not in share.pages:
            continue
        if page.error:
            items.append({"title": P["team_failed"].format(title=page.title), "links": []})
            continue
        files.append(_copy(build / page.html, folder))
        items.append({"title": page.title, "links": [(P["html"], files[-1].name)]})
    for pattern in share.files:
        for source in sorted(build.glob(pattern)):
            if source.is_file() and source.parent == build:
                files.append(_copy(source, folder))
                items.append({"title": source.name, "links": [(source.suffix.lstrip("."), files[-1].name)]})
    index = _index(folder / "index.html", P["team_title"].format(month=month.label),
                   P["team_subtitle"].format(department=department), P["team_pages"], items)
    return [index, *files]


@dataclass(frozen=True)
class Print:
    """A page to print: its kind (the template it comes from), its HTML and its PDF file."""

    kind: str
    html: str
    pdf: Path


@dataclass
class Folder:
    """A manager's folder being written: its index items and the pages still to print."""

    slip: Payslip
    path: Path
    items: list[dict] = field(default_factory=list)
    prints: list[Print] = field(default_factory=list)

    def page(self, kind: str, period: object, html: str, title: str, *extra: Path) -> None:
        """Write ``<kind>_<period>.html`` and schedule its PDF; list both (and ``extra``) in the index."""
        source = inside(self.path, f"{kind}_{period}", suffix=".html")
        source.write_text(html, encoding="utf-8")
        pdf = source.with_suffix(".pdf")
        self.prints.append(Print(kind, html, pdf))
        links = [(P["pdf"], pdf.name), (P["html"], source.name)]
        links += [(P[p.suffix.lstrip(".")], p.name) for p in extra]
        self.items.append({"title": title, "links": links})

    def note(self, text: str) -> None:
        self.items.append({"title": text, "links": []})


def closed_period(month: Month) -> Quarter | Half | None:
    """The attestation period (``params/attestation.yaml``: quarter or half-year) that ``month``
    ends, or None."""
    period = load_template().period_kind.of(month.start)
    return period if period.end == month.end else None


def _plan_item(folder: Folder, plans: dict[str, StoredPlan | None], roster: pd.DataFrame,
               departments: Mapping[str, str], month: Month) -> None:
    facts = folder.slip.facts
    plan = plans[facts.department_id]
    if plan is None:
        folder.note(P["no_plan"].format(month=month.label))
    elif facts.manager_id not in plan.managers.index:
        folder.note(P["not_in_plan"].format(month=month.label))
    else:
        html = sheet_html(plan, roster, facts.manager_id, departments.get(facts.department_id, ""))
        folder.page("plan", month, html, P["plan"].format(month=month.label))


def write_personal(eng: Engine, month: Month, department: str, build: Path) -> list[Folder]:
    """A folder per manager on the month's payroll, with the papers above (PDFs not yet printed)."""
    slips = department_payslips(load_schemes(), month_facts(eng, str(month), department))
    roster = store.read_table(eng, "managers")
    departments = store.department_names(eng)
    following = month.next()
    plans = {d: approved_plan(eng, str(following), d) for d in {s.facts.department_id for s in slips}}
    reviews = MonthReviews.load(eng, month, department)
    templates, bands = load_templates(), review_settings().bands
    period = closed_period(month)
    sheets = ({p["manager"]["id"]: p for p in assessment.build(eng, period, department)}
              if period else {})
    folders = []
    for slip in slips:
        facts = slip.facts
        folder = Folder(slip, inside(build / PERSONAL, facts.manager_id))
        folder.path.mkdir(parents=True)
        _plan_item(folder, plans, roster, departments, following)
        xlsx = write_statement(slip, inside(folder.path, f"pay_{month}", suffix=".xlsx"), departments)
        folder.page("pay", month, statement_page(slip, departments),
                    P["statement"].format(month=month.label), xlsx)
        feedback = feedback_page(reviews, facts.manager_id, facts.name, templates, bands)
        folder.page("calls", month, feedback, P["feedback"].format(month=month.label))
        if facts.manager_id in sheets:
            folder.page("attestation", period, sheet.render_sheet(sheets[facts.manager_id]),
                        P["attestation"].format(period=period.label))
        folders.append(folder)
    return folders


def print_all(prints: list[Print]) -> None:
    """Print every page with one browser: the pages of a kind as books of ``BOOK_SIZE``, each
    printed once and split into a PDF per page."""
    kinds: dict[str, list[Print]] = {}
    for p in prints:
        kinds.setdefault(p.kind, []).append(p)
    books = []
    for pages in kinds.values():
        for start in range(0, len(pages), BOOK_SIZE):
            chunk = pages[start : start + BOOK_SIZE]
            anchors = [f"page-{n}" for n in range(len(chunk))]
            books.append((book([p.html for p in chunk], anchors),
                          [(a, p.pdf) for a, p in zip(anchors, chunk, strict=True)]))
    if books:
        print_split(books)


def _personal_index(folder: Folder, month: Month, departments: Mapping[str, str]) -> Path:
    facts = folder.slip.facts
    subtitle = P["personal_subtitle"].format(
        name=facts.name, role=labels.ROLES.get(facts.role, facts.role),
        department=departments.get(facts.department_id, facts.department_id))
    return _index(folder.path / "index.html", P["personal_title"].format(month=month.label),
                  subtitle, P["papers"], folder.items)


def personal_papers(eng: Engine, month: Month, department: str, build: Path) -> list[PersonalFolder]:
    """``personal/<id>/`` of every manager on the month's payroll: papers, PDFs and index."""
    names = store.department_names(eng)
    folders = write_personal(eng, month, department, build)
    print_all([p for f in folders for p in f.prints])
    for folder in folders:
        _personal_index(folder, month, names)
    return [
        PersonalFolder(manager_id=f.slip.facts.manager_id, name=f.slip.facts.name,
                       folder=str(f.path.relative_to(build)),
                       files=sorted(str(p.relative_to(build)) for p in f.path.iterdir()))
        for f in folders
    ]


def team_papers(eng: Engine, month: Month, department: str, build: Path, pages: list[SharedPage],
                share: TeamShare) -> list[str]:
    """``team/`` when ``share`` names anything: its files, relative to ``build``."""
    if not (share.pages or share.files):
        return []
    names = store.department_names(eng)
    shown = names.get(department, department) if department else labels.RUNNER_INDEX["all_departments"]
    return [str(p.relative_to(build)) for p in write_team(build, pages, share, month, shown)]


def start(eng: Engine, month: Month, department: str, build: Path,
          registry: Registry) -> Callable[[list[SharedPage]], Papers]:
    """Begin the personal folders in a thread of their own, beside the notebooks (they need
    none of their pages). The call returned, given the notebooks' pages, writes ``team/``, waits
    for the personal folders and returns what was written; it raises what went wrong in either."""
    pool = ThreadPoolExecutor(max_workers=1)
    personal = pool.submit(personal_papers, eng, month, department, build) if registry.personal else None

    def finish(pages: list[SharedPage]) -> Papers:
        try:
            team = team_papers(eng, month, department, build, pages, registry.team)
            return Papers(team=team, personal=personal.result() if personal else [])
        finally:
            pool.shutdown()

    return finish
