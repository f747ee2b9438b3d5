"""The notebook runner: checks before any kernel, the failure path, atomic packs, offline pages."""

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

import salesplan
from salesplan import clock, labels, runner, store
from salesplan.cli import main
from salesplan.config import params_dir
from salesplan.errors import ParamsError
from salesplan.money import fmt_number

FIXTURES = Path(__file__).parent / "notebooks"
NOTEBOOKS = Path(__file__).parents[1] / "notebooks"


def registry(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "reports.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def project(tmp_path: Path, monkeypatch, monthly: list[str]) -> Path:
    """A project folder (``$SALESPLAN_HOME``) with the fixture notebooks, a copy of the shipped
    parameters and a registry of its own."""
    home = tmp_path / "home"
    shutil.copytree(FIXTURES, home / "notebooks")
    shutil.copytree(params_dir(), home / "params")
    registry(home / "params", f"monthly: [{', '.join(monthly)}]\n")
    monkeypatch.setenv("SALESPLAN_HOME", str(home))
    monkeypatch.delenv("SALESPLAN_DB", raising=False)
    return home


def cli(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """Run ``salesplan ARGS`` in this process; its exit code, stdout and stderr."""
    monkeypatch.setattr("sys.argv", ["salesplan", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    out = capsys.readouterr()
    return exit_.value.code, out.out, out.err


class Loads(HTMLParser):
    """Every URL a page would fetch: ``src`` of any tag, ``href`` of ``<link>``, CSS ``url()``."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and (name == "src" or (tag == "link" and name == "href")):
                self.urls.append(value)

    def handle_data(self, data):
        self.urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", data)


def fetched(page: Path) -> list[str]:
    loads = Loads()
    loads.feed(page.read_text(encoding="utf-8"))
    return [u for u in loads.urls if not u.startswith("data:")]


# --- checks made before any kernel starts ---------------------------------------------------


@pytest.mark.parametrize(
    ("name", "params", "fragment"),
    [
        ("monthly", {"month": "2026-13"}, "«2026-13»"),
        ("monthly", {"month": "2026-10", "date": "2026-10-01"}, "а не --date"),
        ("daily", {"date": "2026-02-30"}, "«2026-02-30»"),
        ("daily", {"date": "20261001"}, "«20261001»"),
        ("weekly", {"week": "2025-W53"}, "«2025-W53»"),  # 2025 has 52 ISO weeks
        ("attestation", {"period": "2026-Q5"}, "«2026-Q5»"),
        ("attestation", {"period": "2026-H3"}, "«2026-H3»"),
        ("yearly", {"year": "2026"}, "неизвестный отчёт «yearly»"),
    ],
)
def test_bad_run_parameters_are_refused(name, params, fragment):
    with pytest.raises(ParamsError, match=re.escape(fragment)):
        runner.run_value(name, params)


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("monthly", {"month": "2026-10"}),
        ("daily", {"date": "2028-02-29"}),
        ("weekly", {"week": "2026-W53"}),  # 2026 has 53 ISO weeks
        ("attestation", {"period": "2026-Q4"}),
        ("attestation", {"period": "2026-H2"}),
    ],
)
def test_good_run_parameters_pass(name, params):
    assert runner.run_value(name, params) == next(iter(params.values()))


@pytest.mark.parametrize(
    ("today", "month", "week", "quarter"),
    [
        # 1 January 2027 is a Friday of ISO week 2026-W53 (2026 has 53 weeks): the week before is W52.
        ("2027-01-01", "2026-12", "2026-W52", "2026-Q4"),
        # 2 March 2026 is the Monday of 2026-W10 (ISO week 1 began on Monday 29 December 2025).
        ("2026-03-02", "2026-02", "2026-W09", "2025-Q4"),
        ("2028-02-29", "2028-01", "2028-W08", "2027-Q4"),
    ],
)
def test_a_run_without_its_parameter_covers_the_last_complete_period(monkeypatch, today, month, week,
                                                                    quarter):
    monkeypatch.setenv(clock.ENV, today)
    assert runner.run_value("monthly", {}) == month
    assert runner.run_value("weekly", {}) == week
    assert runner.run_value("attestation", {}) == quarter
    assert runner.run_value("daily", {}) == today


def test_default_packs_follow_the_run(monkeypatch, tmp_path):
    monkeypatch.setenv("SALESPLAN_HOME", str(tmp_path))
    reports = tmp_path / "reports"
    assert runner.default_out_dir("monthly", "2026-10") == reports / "2026-10"
    assert runner.default_out_dir("daily", "2026-10-30") == reports / "daily" / "2026-10-30"
    assert runner.default_out_dir("weekly", "2026-W44") == reports / "weekly" / "2026-W44"
    assert runner.default_out_dir("attestation", "2026-Q3") == reports / "attestation" / "2026-Q3"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("monthly: [ok.ipynb]\nyearly: [ok.ipynb]\n", "yearly"),
        ("monthly: [ok.ipynb, ok.ipynb]\n", "ok.ipynb"),
        ("monthly: [../ok.ipynb]\n", "monthly.0"),
        ("monthly: [ok.ipynb\n", "YAML"),
    ],
)
def test_a_bad_registry_names_file_and_key(tmp_path, text, fragment):
    path = registry(tmp_path, text)
    with pytest.raises(ParamsError) as err:
        runner.run_report("monthly", {"month": "2026-10"}, registry=path, notebooks=FIXTURES,
                          out_dir=tmp_path / "pack", db_url=f"sqlite:///{tmp_path / 'db.sqlite'}")
    assert str(path) in str(err.value) and fragment in str(err.value)
    assert not (tmp_path / "pack").exists()


def test_a_notebook_missing_or_without_its_parameters_is_refused_before_running(tmp_path):
    lacking = nbformat.read(FIXTURES / "ok.ipynb", as_version=4)
    params = next(c for c in lacking.cells if "parameters" in c.metadata.get("tags", []))
    params.source = 'month: str = "2026-10"\ndb_url: str = ""\n'
    nbformat.write(lacking, tmp_path / "lacking.ipynb")
    shutil.copy(FIXTURES / "ok.ipynb", tmp_path / "ok.ipynb")
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"

    reg = registry(tmp_path, "monthly: [ok.ipynb, lacking.ipynb]\n")
    with pytest.raises(ParamsError) as err:
        runner.run_report("monthly", {"month": "2026-10"}, registry=reg, notebooks=tmp_path,
                          out_dir=tmp_path / "pack", db_url=db)
    assert "lacking.ipynb" in str(err.value) and "department, out_dir" in str(err.value)

    reg = registry(tmp_path, "monthly: [ok.ipynb, gone.ipynb]\n")
    with pytest.raises(ParamsError, match="gone.ipynb: блокнот не найден"):
        runner.run_report("monthly", {"month": "2026-10"}, registry=reg, notebooks=tmp_path,
                          out_dir=tmp_path / "pack", db_url=db)
    assert not (tmp_path / "pack").exists()  # nothing ran, ok.ipynb included


def test_an_unknown_department_is_refused(tmp_path):
    reg = registry(tmp_path, "monthly: [ok.ipynb]\n")
    with pytest.raises(ParamsError, match="отдел «north» не найден; отделы в базе: —"):
        runner.run_report("monthly", {"month": "2026-10"}, registry=reg, notebooks=FIXTURES,
                          out_dir=tmp_path / "pack", db_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
                          department="north")


@pytest.mark.parametrize(
    ("name", "parameter", "value", "shown"),
    [
        ("monthly", "month", "2026-01", "январь 2026"),
        ("daily", "date", "2026-10-30", "30 октября 2026"),
        ("weekly", "week", "2026-W05", "неделя 5, 26 января – 1 февраля 2026"),
        ("attestation", "period", "2026-Q3", "III квартал 2026"),
        ("attestation", "period", "2026-H2", "2-е полугодие 2026"),
    ],
)
def test_run_values_for_a_reader(name, parameter, value, shown):
    assert runner.shown_value({parameter: value}, name) == shown


def test_run_values_are_written_one_way():
    assert runner.run_value("attestation", {"period": " 2026-h2 "}) == "2026-H2"
    assert runner.run_value("weekly", {"week": "2026-w05"}) == "2026-W05"
    with pytest.raises(ParamsError, match="ожидается квартал ГГГГ-Qн .* или полугодие ГГГГ-Hн"):
        runner.run_value("attestation", {"period": "2026-11"})


def test_relative_sqlite_paths_become_absolute_and_passwords_stay_out_of_manifests(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert runner.absolute_db_url("sqlite:///data/x.db") == f"sqlite:///{tmp_path / 'data' / 'x.db'}"
    shown = runner._public({"db_url": "postgresql://sales:secret@db/sales", "out_dir": "/tmp/x"},
                           Path("/reports/2026-10"))
    assert "secret" not in shown["db_url"] and shown["out_dir"] == "/reports/2026-10"


# --- runs (each starts kernels) ---------------------------------------------------------------


def test_cli_validation_fails_with_a_message_and_code_2(tmp_path, monkeypatch, capsys):
    project(tmp_path, monkeypatch, ["ok.ipynb"])
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    code, _, err = cli(monkeypatch, capsys, "run", "monthly", "--month", "2026-13", "--db", db)
    assert code == 2 and "--month «2026-13»" in err and "Traceback" not in err
    code, _, err = cli(monkeypatch, capsys, "run", "weekly", "--month", "2026-10", "--db", db)
    assert code == 2 and "принимает только --week" in err
    code, _, err = cli(monkeypatch, capsys, "run", "monthly", "--month", "2026-10", "--jobs", "0",
                       "--db", db)
    assert code == 2 and "--jobs 0" in err
    assert not (tmp_path / "home" / "reports").exists()


def test_a_failing_notebook_does_not_stop_the_others(tmp_path, monkeypatch, capsys):
    home = project(tmp_path, monkeypatch, ["broken.ipynb", "dies.ipynb", "ok.ipynb"])
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    code, out, _ = cli(monkeypatch, capsys, "run", "monthly", "--month", "2026-10", "--jobs", "1",
                       "--db", db)
    pack = home / "reports" / "2026-10"
    assert code == 1
    assert "broken.html" in out and "ValueError: сломано нарочно" in out
    assert labels.RUNNER["summary"].format(ok=1, total=3, manifest=pack / "manifest.json") in out

    # The notebook after the broken one ran, in the pack, with the run's month.
    assert json.loads((pack / "run.json").read_text(encoding="utf-8"))["month"] == "2026-10"
    manifest = json.loads((pack / "manifest.json").read_text(encoding="utf-8"))
    assert [(o["notebook"], o["status"], o["error"]) for o in manifest["outputs"]] == [
        ("broken.ipynb", "failed", "ValueError: сломано нарочно"),
        ("dies.ipynb", "failed", "DeadKernelError: Kernel died"),
        ("ok.ipynb", "ok", None)]
    assert all(o["seconds"] > 0 for o in manifest["outputs"])
    assert manifest["version"] == salesplan.__version__
    assert manifest["counts"] == store.counts(store.engine(db))
    assert manifest["parameters"] == {"month": "2026-10", "db_url": db, "department": "",
                                      "out_dir": str(pack)}
    assert manifest["started"] <= manifest["finished"]

    # The failed notebook is kept with its error; nothing after the error ran.
    executed = nbformat.read(pack / "broken.ipynb", as_version=4)
    errors = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert [(e.ename, e.evalue) for e in errors] == [("ValueError", "сломано нарочно")]
    assert not any(c.outputs for c in executed.cells
                   if c.cell_type == "code" and "не выполняется" in c.source)
    page = (pack / "broken.html").read_text(encoding="utf-8")
    assert "<title>Сломанный отчёт</title>" in page and "Отчёт выполнен с ошибкой" in page
    assert '<a href="#papermill-error-cell">ValueError: сломано нарочно</a>' in page
    assert 'id="papermill-error-cell"' in page
    assert "Traceback (most recent call last)" in page  # the traceback is shown, the code is not
    assert "print(&quot;не выполняется&quot;)" not in page and 'print("не выполняется")' not in page
    # A notebook whose kernel died is kept too, saying so.
    died = (pack / "dies.html").read_text(encoding="utf-8")
    assert "Отчёт не выполнен: DeadKernelError: Kernel died" in died
    assert nbformat.read(pack / "dies.ipynb", as_version=4).cells[0].source == labels.RUNNER[
        "not_run"].format(error="DeadKernelError: Kernel died")
    for name in ("ok.html", "broken.html", "dies.html", "index.html"):
        assert fetched(pack / name) == []

    # The pack's index links every page with its status.
    index = (pack / "index.html").read_text(encoding="utf-8")
    assert "<h1>Ежемесячные отчёты</h1>" in index and "октябрь 2026 · все отделы" in index
    for name, title in [("broken", "Сломанный отчёт"), ("dies", "Отчёт, чьё ядро падает"),
                        ("ok", "Проверочный отчёт")]:
        assert f'<a href="{name}.html">{title}</a>' in index
    assert index.count("ошибка: ") == 2 and "ошибка: ValueError: сломано нарочно" in index


class KernelKilledAtStart(runner.IPCKernelManager):
    """A real kernel killed right after its process starts, before it answers ``kernel_info``,
    for the first ``deaths`` starts of the run."""

    deaths = 0
    starts: list[int] = []

    async def _async_post_start_kernel(self, **kw) -> None:
        await super()._async_post_start_kernel(**kw)
        type(self).starts.append(self.provisioner.process.pid)
        if len(type(self).starts) <= type(self).deaths:
            self.provisioner.process.kill()


def run_killing(tmp_path, monkeypatch, notebook: str, deaths: int):
    """A monthly run of ``notebook`` whose first ``deaths`` kernels are killed at start."""
    monkeypatch.setattr(KernelKilledAtStart, "deaths", deaths)
    monkeypatch.setattr(KernelKilledAtStart, "starts", [])
    monkeypatch.setattr(runner, "IPCKernelManager", KernelKilledAtStart)
    return runner.run_report("monthly", {"month": "2026-10"}, out_dir=tmp_path / "pack", jobs=1,
                             db_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
                             registry=registry(tmp_path, f"monthly: [{notebook}]\n"),
                             notebooks=FIXTURES, progress=False)


@pytest.mark.parametrize("deaths, status", [(1, "ok"), (runner.KERNEL_STARTS, "failed")])
def test_a_kernel_dead_before_the_first_cell_is_started_again(tmp_path, monkeypatch, deaths, status):
    manifest = run_killing(tmp_path, monkeypatch, "ok.ipynb", deaths)
    # One start more than the kernels killed, up to the limit; the page says what happened.
    assert len(KernelKilledAtStart.starts) == min(deaths + 1, runner.KERNEL_STARTS)
    assert [o.status for o in manifest.outputs] == [status]
    if status == "failed":
        assert "Kernel died before replying to kernel_info" in manifest.outputs[0].error


def test_a_kernel_that_dies_in_a_cell_is_not_started_again(tmp_path, monkeypatch):
    manifest = run_killing(tmp_path, monkeypatch, "dies.ipynb", deaths=0)
    # Its cells may have done something: running them again could do it twice.
    assert len(KernelKilledAtStart.starts) == 1
    assert [(o.status, o.error) for o in manifest.outputs] == [("failed", "DeadKernelError: Kernel died")]


def test_a_run_replaces_the_pack_whole(tmp_path):
    reg = registry(tmp_path, "monthly: [ok.ipynb]\n")
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    pack = tmp_path / "reports" / "2026-10"
    pack.mkdir(parents=True)
    (pack / "manifest.json").write_text("{}", encoding="utf-8")
    (pack / "stale.txt").write_text("from an earlier run", encoding="utf-8")

    manifest = runner.run_report("monthly", {"month": "2026-10"}, out_dir=pack, jobs=1, db_url=db,
                                 registry=reg, notebooks=FIXTURES, progress=False)

    assert manifest.ok
    seen = json.loads((pack / "run.json").read_text(encoding="utf-8"))
    built_in = Path(seen["out_dir"])
    # The new pack was built beside the old one, which stayed whole while it was built ...
    assert built_in.parent == pack.parent and built_in != pack
    assert seen["beside"] == {"2026-10": ["manifest.json", "stale.txt"]}
    # ... and then took its place: nothing of the old pack and no build folder remain.
    assert sorted(p.name for p in pack.iterdir()) == ["index.html", "manifest.json", "ok.html", "ok.ipynb",
                                                       "run.json"]
    assert [p.name for p in pack.parent.iterdir()] == ["2026-10"]
    assert json.loads((pack / "manifest.json").read_text(encoding="utf-8"))["outputs"][0]["status"] == "ok"


def test_data_overview_runs_on_the_demo(tmp_path, demo_db, demo_month):
    reg = registry(tmp_path, "monthly: [data_overview.ipynb]\n")
    manifest = runner.run_report("monthly", {"month": demo_month}, out_dir=tmp_path / "pack",
                                 db_url=demo_db, registry=reg, notebooks=NOTEBOOKS, progress=False)
    assert [(o.notebook, o.status, o.error) for o in manifest.outputs] == [
        ("data_overview.ipynb", "ok", None)]
    counts = store.counts(store.engine(demo_db))
    assert manifest.counts == counts
    page_path = tmp_path / "pack" / "data_overview.html"
    page = page_path.read_text(encoding="utf-8")
    assert "<title>Обзор загруженных данных</title>" in page
    for heading in ("Объём данных в базе", "По месяцам", "По менеджерам"):
        assert heading in page
    for table in ("deals", "calls", "payments"):
        assert f">{fmt_number(counts[table])}<" in page
    assert "data:image/png;base64," in page  # the chart is inside the page
    assert "<script" not in page and fetched(page_path) == []
    assert "apply_style" not in page and "overview.load" not in page  # no code


def test_notebooks_start_longest_first_by_the_seconds_they_took_before():
    sources = [Path(f"nb/{n}.ipynb") for n in ("a", "b", "c", "d")]
    # b and d took 2 s and 9 s last time; a and c were not in that pack: they go first.
    order = runner.longest_first(sources, {"b.ipynb": 2.0, "d.ipynb": 9.0, "gone.ipynb": 50.0})
    assert [p.stem for p in order] == ["a", "c", "d", "b"]
    assert runner.longest_first(sources, {}) == sources


def past_pack(folder: Path, report: str, seconds: dict[str, float]) -> None:
    """A pack's manifest as an earlier run wrote it, with the notebooks' seconds."""
    folder.mkdir(parents=True)
    outputs = [runner.Output(notebook=n, title=n, ipynb=n, html=n, parameters={}, status="ok", seconds=s)
               for n, s in seconds.items()]
    manifest = runner.Manifest(report=report, parameters={}, pack=str(folder), started=clock.now_aware(),
                               finished=clock.now_aware(), version="0", db="sqlite://", jobs=2, counts={},
                               outputs=outputs)
    (folder / "manifest.json").write_text(manifest.model_dump_json(), encoding="utf-8")


def test_the_seconds_come_from_the_pack_replaced_else_the_newest_pack_of_the_run_beside_it(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    assert runner.earlier_seconds("monthly", reports / "2026-11") == {}
    past_pack(reports / "2026-09", "monthly", {"a.ipynb": 3.0})
    past_pack(reports / "2026-10", "monthly", {"a.ipynb": 4.0})
    past_pack(reports / "2026-W44", "weekly", {"w.ipynb": 1.0})  # newest, but another run's
    (reports / "2026-12").mkdir()  # a folder without a manifest
    assert runner.earlier_seconds("monthly", reports / "2026-11") == {"a.ipynb": 4.0}
    past_pack(reports / "2026-11", "monthly", {"a.ipynb": 5.0})
    assert runner.earlier_seconds("monthly", reports / "2026-11") == {"a.ipynb": 5.0}


def test_a_rerun_starts_the_notebook_that_took_longest_and_lists_the_pages_in_the_registry_order(tmp_path):
    reg = registry(tmp_path, "monthly: [ok.ipynb, sees_state.ipynb]\n")
    pack = tmp_path / "reports" / "2026-10"
    past_pack(pack, "monthly", {"ok.ipynb": 1.0, "sees_state.ipynb": 5.0})
    manifest = runner.run_report("monthly", {"month": "2026-10"}, out_dir=pack, jobs=1,
                                 db_url=f"sqlite:///{tmp_path / 'db.sqlite'}", registry=reg,
                                 notebooks=FIXTURES, progress=False)
    assert [o.notebook for o in manifest.outputs] == ["ok.ipynb", "sees_state.ipynb"]
    # One at a time: the notebook started first wrote its file first.
    assert (pack / "sees_state.json").stat().st_mtime_ns < (pack / "run.json").stat().st_mtime_ns
