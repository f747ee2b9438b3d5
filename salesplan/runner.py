"""The notebook runner: a scheduled run executes its report notebooks into one pack.

``params/reports.yaml`` lists, for each run (``monthly``, ``daily``, ``weekly``,
``attestation``), the notebooks of ``notebooks/`` it executes. Every notebook gets the run's
own parameter (``month``, ``date``, ``week`` or ``period``) plus ``db_url``, ``department``
("" = all) and ``out_dir`` (the pack folder, for extra files such as xlsx or pptx).

A pack holds, for each notebook, the executed ``.ipynb`` and a self-contained HTML page without
code (no scripts, images embedded: it opens offline), then ``index.html`` (the pages with
their status) and ``manifest.json``. It is built in a
hidden folder beside the target and renamed into place when complete, so a reader finds the
old pack or the new one, never half of one. A failing notebook does not stop the others: its
executed notebook and page are kept with the error shown, and the manifest marks it failed.
The monthly pack also gets, when ``params/reports.yaml`` declares them, ``team/`` (what the
department is shown) and ``personal/<manager>/`` (each manager's own papers), written beside
the notebooks (``salesplan.papers``).

Speed: notebooks run in kernels started from this process (the papermill import is paid
once), ``jobs`` at a time in threads. Each kernel is a process of its own forked from the run's
fork server (``salesplan.kernels``), which imports what the notebooks import while the run is
checked: the imports are paid once per run, and no notebook sees what another left. Kernels
talk over Unix sockets with paths of their own, so parallel starts cannot race for TCP ports.
"""

from __future__ import annotations

import ast
import html
import math
import os
import shutil
import sys
import tempfile
import traceback
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from time import perf_counter
from typing import Literal

from pydantic import BaseModel
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from salesplan import __version__, clock, errors, labels, store
from salesplan.config import default_db_url, params_dir, project_root, reports_dir
from salesplan.errors import ParamsError, PeriodError
from salesplan.kernels import ForkProvisioner, ForkServer
from salesplan.money import fmt_number
from salesplan.papers import PERSONAL, TEAM, Papers
from salesplan.paramfile import load_yaml_model
from salesplan.periods import Day, Half, Month, Period, Quarter, Week, expected, parse
from salesplan.printing import render
from salesplan.registry import Registry
from salesplan.settings import check_settings, settings

# jsonschema (imported by nbformat) builds an RFC 3987 grammar at import time when the optional
# ``rfc3987_syntax`` package is installed: about 1.4 s, for IRI format checks that notebook
# validation never makes. Marking the package absent (the import system's documented ``None``
# entry) keeps the papermill import under half a second.
sys.modules.setdefault("rfc3987_syntax", None)

import nbformat  # noqa: E402
import papermill  # noqa: E402
from jinja2 import DictLoader  # noqa: E402
from jupyter_client.manager import AsyncKernelManager  # noqa: E402
from nbconvert import HTMLExporter  # noqa: E402
from papermill.exceptions import PapermillExecutionError  # noqa: E402
from papermill.execute import ERROR_MARKER_TAG  # noqa: E402
from tqdm import tqdm  # noqa: E402
from traitlets import default  # noqa: E402

COMMON_PARAMETERS = ("db_url", "department", "out_dir")


def record_checkpoint(eng: Engine, day: Period, department: str) -> None:
    """The daily run for today records the payment checkpoint just passed (of ``department``'s
    managers), so that the brief it runs reads it (``Control.record_checkpoint``)."""
    if day == Day.of(clock.today()):
        from salesplan.control.report import Control  # pandas and the reports load for this run only

        Control.load(eng, department).record_checkpoint()


def start_papers(eng: Engine, month: Period, department: str, build: Path,
                 registry: Registry) -> Callable[[list[Output]], Papers | None]:
    """Begin the monthly pack's ``team/`` and ``personal/`` folders (``salesplan.papers``) when
    the registry declares them (``Registry.papers``): the personal ones are written beside the
    notebooks; the call returned finishes them from the notebooks' outputs. A failure does not
    stop the pack: it is recorded (``Papers.error``) and neither folder is left."""
    if not registry.papers:
        return lambda outputs: None
    from salesplan.papers.build import SharedPage, start  # the reports load for this run only

    finish = start(eng, month, department, build, registry)

    def done(outputs: list[Output]) -> Papers:
        try:
            return finish([SharedPage(o.notebook, o.html, o.title, o.error) for o in outputs])
        except Exception as exc:  # anything a store, a parameter file or the browser raises
            for folder in (TEAM, PERSONAL):
                shutil.rmtree(build / folder, ignore_errors=True)
            return Papers(error=f"{type(exc).__name__}: {exc}")

    return done


@dataclass(frozen=True)
class RunKind:
    """A scheduled run: its own notebook parameter, the periods it takes, its pack folder, the
    period it runs for when none is given, a step before its notebooks and one beside them."""

    parameter: str
    kinds: tuple[type[Period], ...]  # ``salesplan.periods`` kinds the parameter may name
    folder: str  # pack folder under reports/, formatted with the parameter's value
    default: Callable[[date], Period]  # today → the period a run without the parameter covers
    prepare: Callable[[Engine, Period, str], None] | None = None  # (store, period, department)
    # (store, period, department, build folder, registry), started beside the notebooks →
    # (their outputs) → the papers written beside the pages
    beside: Callable[[Engine, Period, str, Path, Registry],
                     Callable[[list[Output]], Papers | None]] | None = None

    def period(self, value: str) -> Period:
        """The period ``value`` names (``PeriodError`` when it names none of ``kinds``)."""
        return parse(value, *self.kinds)


RUNS: dict[str, RunKind] = {
    "monthly": RunKind("month", (Month,), "{}", lambda today: Month.of(today).previous(),
                       beside=start_papers),
    "daily": RunKind("date", (Day,), "daily/{}", Day.of, record_checkpoint),
    "weekly": RunKind("week", (Week,), "weekly/{}", lambda today: Week.of(today).previous()),
    "attestation": RunKind("period", (Quarter, Half), "attestation/{}",
                           lambda today: Quarter.of(today).previous()),
}


class Output(BaseModel):
    """One executed notebook of a pack; paths are relative to the pack."""

    notebook: str
    title: str
    ipynb: str
    html: str
    parameters: dict[str, str]
    status: Literal["ok", "failed"]
    seconds: float
    error: str | None = None


class Manifest(BaseModel):
    """``manifest.json`` of a pack."""

    report: str
    parameters: dict[str, str]
    pack: str
    started: datetime
    finished: datetime
    version: str
    db: str
    jobs: int
    counts: dict[str, int]
    outputs: list[Output]
    papers: Papers | None = None  # the monthly run's team and personal folders

    @property
    def failed(self) -> list[Output]:
        return [o for o in self.outputs if o.status == "failed"]

    @property
    def ok(self) -> bool:
        return not self.failed


def registry_path() -> Path:
    return params_dir() / "reports.yaml"


def notebooks_dir() -> Path:
    return project_root() / "notebooks"


def load_registry(path: Path | None = None) -> Registry:
    """``params/reports.yaml`` from the validated settings, or the registry file ``path``."""
    return settings().reports if path is None else load_yaml_model(path, Registry)


def _error(key: str, **details) -> ParamsError:
    return ParamsError(labels.RUNNER_ERRORS[key].format(**details))


def run_value(name: str, run_params: dict[str, str]) -> str:
    """The checked value of run ``name``'s own parameter, written as ``salesplan.periods`` writes
    it (``2026-q3`` → ``2026-Q3``); without one, the run's default period as of the clock's today
    (the last complete month, week or quarter; today for the daily run). A ParamsError says what
    is wrong."""
    if name not in RUNS:
        raise _error("unknown_report", name=name, available=", ".join(RUNS))
    run = RUNS[name]
    forms = expected(*run.kinds)
    extra = sorted(set(run_params) - {run.parameter})
    if extra:
        raise _error("extra_parameter", name=name, parameter=run.parameter,
                     extra=", ".join(f"--{e}" for e in extra))
    value = run_params.get(run.parameter)
    if not value:
        return str(run.default(clock.today()))
    try:
        return str(run.period(str(value)))
    except PeriodError:
        raise _error("bad_parameter", name=name, parameter=run.parameter, value=value,
                     expected=forms) from None


def default_out_dir(name: str, value: str) -> Path:
    """``reports/<month>/``, ``reports/daily/<date>/``, ``reports/weekly/<week>/``, …"""
    return reports_dir() / RUNS[name].folder.format(value)


def declared_parameters(path: Path) -> set[str]:
    """Names assigned in the notebook's cell tagged ``parameters`` (ParamsError if it has none)."""
    try:
        nb = nbformat.read(path, as_version=4)
    except FileNotFoundError as exc:
        raise _error("notebook_missing", file=path) from exc
    except Exception as exc:  # nbformat raises several types for unreadable files
        raise _error("notebook_unreadable", file=path, detail=exc) from exc
    cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    if not cells:
        raise _error("no_parameters_cell", file=path)
    try:
        tree = ast.parse(cells[0].source)
    except SyntaxError as exc:
        raise _error("parameters_syntax", file=path, detail=exc) from exc
    names = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def check_notebooks(name: str, notebooks: list[Path], registry_file: Path) -> None:
    """Every notebook of the run exists and declares the parameters the run gives it."""
    if not notebooks:
        raise _error("no_notebooks", file=registry_file, name=name)
    wanted = {RUNS[name].parameter, *COMMON_PARAMETERS}
    for path in notebooks:
        missing = wanted - declared_parameters(path)
        if missing:
            raise _error("undeclared", file=path, name=name, missing=", ".join(sorted(missing)),
                         wanted=", ".join(sorted(wanted)))


def default_jobs() -> int:
    """Notebooks at once when not told: one per CPU core (each keeps a kernel busy)."""
    return os.cpu_count() or 1


def absolute_db_url(url: str | None) -> str:
    """The URL with a relative SQLite path made absolute (kernels run in another folder)."""
    url = url or default_db_url()
    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite") and parsed.database not in (None, "", ":memory:"):
        parsed = parsed.set(database=str(Path(parsed.database).resolve()))
    return parsed.render_as_string(hide_password=False)


def check_department(eng: Engine, department: str) -> None:
    """A department given to a run must be in the store's departments table."""
    if department:
        errors.check_department(department, store.read_table(eng, "departments", ["id"])["id"])


class IPCKernelManager(AsyncKernelManager):
    """A kernel on Unix sockets under a fresh path: parallel starts cannot collide on ports.
    On a run's subclass (``forked_manager``) its python kernels are children of the run's fork
    server (``salesplan.kernels``)."""

    forks: ForkServer | None = None

    async def _async_pre_start_kernel(self, **kw):
        if self.provisioner is None and self.forks is not None:
            self.kernel_id = self.kernel_id or str(uuid.uuid4())
            self.provisioner = ForkProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec,
                                               parent=self)
            self.provisioner.forks = self.forks
        return await super()._async_pre_start_kernel(**kw)

    @default("transport")
    def _transport_default(self) -> str:
        return "ipc"

    @default("ip")
    def _ip_default(self) -> str:
        return os.path.join(tempfile.gettempdir(), f"salesplan-kernel-{uuid.uuid4().hex}")


def forked_manager(forks: ForkServer) -> type[IPCKernelManager]:
    """``IPCKernelManager`` whose kernels come from ``forks``."""
    return type("ForkedKernelManager", (IPCKernelManager,), {"forks": forks})


# jupyter_client interrupts a kernel before shutting it down, and ipykernel logs that as an
# error on the terminal at every run; errors in the notebook's code reach its outputs anyway.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]

OFFLINE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""


def html_exporter() -> HTMLExporter:
    """JupyterLab's page without code, scripts (require.js, MathJax, widgets) or linked images."""
    return HTMLExporter(
        template_name="lab",
        extra_loaders=[DictLoader({"offline.html.j2": OFFLINE_TEMPLATE})],
        template_file="offline.html.j2",
        exclude_input=True,
        exclude_output_prompt=True,
        embed_images=True,
        language_code="ru",
    )


def notebook_title(nb, fallback: str) -> str:
    """The first Markdown heading of the notebook, else ``fallback``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and ERROR_MARKER_TAG not in cell.metadata.get("tags", []):
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return fallback


def mark_error(nb, error: str) -> None:
    """Replace papermill's English error banners with Russian ones (or add one at the top)."""
    banners = [c for c in nb.cells if ERROR_MARKER_TAG in c.metadata.get("tags", [])]
    if banners:
        banners[0].source = labels.RUNNER["error_banner"].format(error=html.escape(error))
        for cell in banners[1:]:
            cell.source = labels.RUNNER["error_here"]
        return
    cell = nbformat.v4.new_markdown_cell(labels.RUNNER["not_run"].format(error=html.escape(error)))
    cell.metadata["tags"] = [ERROR_MARKER_TAG]
    nb.cells.insert(0, cell)


@dataclass
class _Executed:
    notebook: str
    nb: object
    error: str | None
    seconds: float


# A kernel that dies before its first cell (a start-up failure of the machine, not of the
# notebook) is started again: nothing has run, so nothing is done twice.
KERNEL_STARTS = 3


def failed_to_start(exc: Exception) -> bool:
    """The error came out of nbclient starting the kernel and waiting for its first reply."""
    return any(frame.name == "async_start_new_kernel_client"
               for frame in traceback.extract_tb(exc.__traceback__))


def _execute(source: Path, target: Path, parameters: dict[str, str], cwd: Path,
             manager: type[IPCKernelManager]) -> _Executed:
    """Execute one notebook in a kernel of its own (of ``manager``); a failure is returned,
    not raised."""
    started = perf_counter()
    for _ in range(KERNEL_STARTS):
        error = None
        try:
            nb = papermill.execute_notebook(
                str(source),
                str(target),
                parameters=parameters,
                progress_bar=False,
                request_save_on_cell_execute=False,
                kernel_manager_class=manager,
                resources={"metadata": {"path": str(cwd)}},  # the kernel's working directory
                extra_arguments=KERNEL_ARGUMENTS,
            )
            break
        except PapermillExecutionError as exc:
            error = f"{exc.ename}: {exc.evalue}"
            nb = nbformat.read(target, as_version=4)
            break
        except Exception as exc:  # the kernel died, did not start or timed out
            error = f"{type(exc).__name__}: {exc}"
            nb = nbformat.read(target if target.exists() else source, as_version=4)
            if not failed_to_start(exc):
                break
    return _Executed(source.name, nb, error, perf_counter() - started)


def _public(parameters: dict[str, str], pack: Path) -> dict[str, str]:
    """Parameters as the manifest shows them: no password, the pack's final folder."""
    shown = dict(parameters, out_dir=str(pack))
    shown["db_url"] = make_url(parameters["db_url"]).render_as_string(hide_password=True)
    return shown


def shown_value(parameters: dict[str, str], name: str) -> str:
    """The run's parameter for a reader (``periods`` labels): «октябрь 2026», «30 октября 2026»,
    «неделя 44, 26 октября – 1 ноября 2026», «III квартал 2026», «2-е полугодие 2026»."""
    return RUNS[name].period(parameters[RUNS[name].parameter]).label


def index_page(manifest: Manifest, eng: Engine) -> str:
    """``index.html`` of a pack: each page with its status and time, and the data's row counts."""
    text = labels.RUNNER_INDEX
    department = manifest.parameters["department"]
    if department:
        department = store.department_names(eng).get(department, department)
    rows = [
        {"href": o.html, "title": o.title, "failed": o.status == "failed",
         "status": text["failed"].format(error=o.error) if o.error else text["ok"],
         "seconds": fmt_number(o.seconds, 1)}
        for o in manifest.outputs
    ]
    counts = [(labels.TABLES[t], fmt_number(manifest.counts.get(t, 0))) for t in store.DATA_TABLES]
    return render(
        "pack_index.html.j2",
        title=text["runs"][manifest.report],
        subtitle=text["subtitle"].format(value=shown_value(manifest.parameters, manifest.report),
                                         department=department or text["all_departments"]),
        text=text, rows=rows, counts=counts, papers=papers_links(manifest.papers),
        footer=text["footer"].format(finished=manifest.finished, version=manifest.version),
    )


def papers_links(papers: Papers | None) -> list[tuple[str, str | None]]:
    """The head's index entries for the team and personal folders: ``(text, href or None)``."""
    if papers is None:
        return []
    if papers.error:
        return [(labels.PAPERS["papers_failed"].format(error=papers.error), None)]
    team = [(labels.PAPERS["team_link"], f"{TEAM}/index.html")] if papers.team else []
    return team + [(labels.PAPERS["personal_link"].format(name=f.name), f"{f.folder}/index.html")
                   for f in papers.personal]


def earlier_seconds(name: str, pack: Path) -> dict[str, float]:
    """Seconds each notebook took in the latest earlier pack of run ``name``: the one ``pack``
    replaces, else the newest pack beside it (``{}`` when there is none)."""
    beside = [p for p in pack.parent.iterdir() if p.is_dir() and p != pack and not p.name.startswith(".")]
    for folder in [pack, *sorted(beside, key=lambda p: p.stat().st_mtime, reverse=True)]:
        try:
            manifest = Manifest.model_validate_json((folder / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):  # no pack there, or not one this version reads
            continue
        if manifest.report == name:
            return {o.notebook: o.seconds for o in manifest.outputs}
    return {}


def longest_first(sources: list[Path], seconds: dict[str, float]) -> list[Path]:
    """The order to start notebooks in: by the seconds they took before, longest first, those
    never timed before them (in their given order), so that no long one is left to run alone
    at the end."""
    return sorted(sources, key=lambda src: -seconds.get(src.name, math.inf))


def replace_dir(new: Path, target: Path) -> None:
    """Put ``new`` at ``target`` by renames on one file system; the old folder is removed."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old)


def run_report(
    name: str,
    run_params: dict[str, str],
    out_dir: Path | str | None = None,
    jobs: int | None = None,
    db_url: str | None = None,
    department: str = "",
    registry: Path | None = None,
    notebooks: Path | None = None,
    progress: bool = True,
) -> Manifest:
    """Execute the notebooks of run ``name`` into a pack and return its manifest.

    Everything is checked before a kernel starts (every parameter file, the registry, the run's
    parameter, that each notebook exists and declares its parameters, the department); the
    kernels read the same files through the same loader. The pack goes to ``out_dir``
    (default: ``default_out_dir``) and replaces what was there; a failed notebook does not
    stop the others and is kept with its error (see ``Manifest.ok``). ``registry`` and
    ``notebooks`` default to ``params/reports.yaml`` and ``notebooks/``.
    """
    check_settings()
    notebooks = notebooks or notebooks_dir()
    value = run_value(name, run_params)
    reports = load_registry(registry)
    sources = [notebooks / nb for nb in getattr(reports, name)]
    # kernels start in the notebooks' folder, as in JupyterLab; the fork server imports what
    # they need while the run is checked
    with ForkServer(notebooks, sources) as forks:
        return _run_checked(name, value, reports, sources, forked_manager(forks), out_dir, jobs,
                            db_url, department, registry, progress)


def _run_checked(name: str, value: str, reports: Registry, sources: list[Path],
                 manager: type[IPCKernelManager], out_dir: Path | str | None, jobs: int | None,
                 db_url: str | None, department: str, registry: Path | None,
                 progress: bool) -> Manifest:
    """``run_report`` once its settings and registry are read."""
    check_notebooks(name, sources, registry or registry_path())
    jobs = jobs if jobs is not None else default_jobs()
    if jobs < 1:
        raise _error("jobs", jobs=jobs)
    db_url = absolute_db_url(db_url)
    eng = store.engine(db_url)
    check_department(eng, department)
    if RUNS[name].prepare:
        RUNS[name].prepare(eng, RUNS[name].period(value), department)
    counts = store.counts(eng)

    pack = Path(out_dir) if out_dir else default_out_dir(name, value)
    pack = pack.resolve()
    pack.parent.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix=f".{pack.name}.", dir=pack.parent))
    started = clock.now_aware()
    try:
        parameters = {
            RUNS[name].parameter: value,
            "db_url": db_url,
            "department": department,
            "out_dir": str(build),
        }
        shown = _public(parameters, pack)
        beside = RUNS[name].beside
        finish = beside(eng, RUNS[name].period(value), department, build, reports) if beside else None
        outputs = _run_all(sources, build, parameters, shown, jobs, progress, f"{name} {value}",
                           manager, earlier_seconds(name, pack))
        papers = finish(outputs) if finish else None
        manifest = Manifest(
            report=name,
            parameters=shown,
            pack=str(pack),
            started=started,
            finished=clock.now_aware(),
            version=__version__,
            db=shown["db_url"],
            jobs=jobs,
            counts=counts,
            outputs=outputs,
            papers=papers,
        )
        (build / "manifest.json").write_text(manifest.model_dump_json(indent=2), encoding="utf-8")
        (build / "index.html").write_text(index_page(manifest, eng), encoding="utf-8")
        build.chmod(0o755)  # mkdtemp makes it private; a pack is for readers
        replace_dir(build, pack)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    return manifest


def _run_all(
    sources: list[Path],
    build: Path,
    parameters: dict[str, str],
    shown: dict[str, str],
    jobs: int,
    progress: bool,
    desc: str,
    manager: type[IPCKernelManager],
    seconds: dict[str, float],
) -> list[Output]:
    """Execute in ``jobs`` threads, longest first by the ``seconds`` they took before; each page
    is exported here as its notebook completes. The outputs are in the order of ``sources``."""
    exporter = html_exporter()
    cwd = sources[0].parent  # kernels start in the notebooks' folder, as in JupyterLab
    outputs: dict[str, Output] = {}
    with (
        ThreadPoolExecutor(max_workers=min(jobs, len(sources))) as pool,
        tqdm(total=len(sources), desc=desc, unit="nb", disable=not progress) as bar,
    ):
        futures = [
            pool.submit(_execute, src, build / src.name, parameters, cwd, manager)
            for src in longest_first(sources, seconds)
        ]
        for future in as_completed(futures):
            done = future.result()
            stem = Path(done.notebook).stem
            if done.error:
                mark_error(done.nb, done.error)
                nbformat.write(done.nb, build / done.notebook)
            title = notebook_title(done.nb, stem)
            page, _ = exporter.from_notebook_node(done.nb, resources={"metadata": {"name": title}})
            (build / f"{stem}.html").write_text(page, encoding="utf-8")
            outputs[done.notebook] = Output(
                notebook=done.notebook,
                title=title,
                ipynb=done.notebook,
                html=f"{stem}.html",
                parameters=shown,
                status="failed" if done.error else "ok",
                seconds=round(done.seconds, 3),
                error=done.error,
            )
            bar.set_postfix_str(stem)
            bar.update()
    return [outputs[src.name] for src in sources]
