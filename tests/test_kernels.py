"""Kernels forked from the run's fork server: nothing leaks between notebooks, each kernel has its
notebook's folder and environment, a killed kernel is a dead kernel, no process outlives the run."""

import asyncio
import json
import os
import signal
from pathlib import Path

import matplotlib
import nbformat
import pytest

from salesplan import kernels, runner
from salesplan.errors import ParamsError

FIXTURES = Path(__file__).parent / "notebooks"


class Recorded(kernels.ForkServer):
    """The fork server, keeping every instance a run starts."""

    started: list[kernels.ForkServer] = []

    def __init__(self, *args):
        super().__init__(*args)
        type(self).started.append(self)


def run(tmp_path: Path, notebooks: list[str], department: str = "") -> runner.Manifest:
    registry = tmp_path / "reports.yaml"
    registry.write_text(f"monthly: [{', '.join(notebooks)}]\n", encoding="utf-8")
    return runner.run_report("monthly", {"month": "2026-10"}, out_dir=tmp_path / "pack", jobs=1,
                             db_url=f"sqlite:///{tmp_path / 'db.sqlite'}", department=department,
                             registry=registry, notebooks=FIXTURES, progress=False)


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_nothing_a_notebook_leaves_reaches_the_next(tmp_path, monkeypatch):
    monkeypatch.setenv("SALESPLAN_MARK", "given to every kernel")
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.delenv("MPLBACKEND", raising=False)
    monkeypatch.setattr(Recorded, "started", [])
    monkeypatch.setattr(runner, "ForkServer", Recorded)
    manifest = run(tmp_path, ["leaves_state.ipynb", "sees_state.ipynb"])
    assert [o.status for o in manifest.outputs] == ["ok", "ok"]
    first, second = (json.loads((tmp_path / "pack" / f"{n}.json").read_text(encoding="utf-8"))
                     for n in ("leaves_state", "sees_state"))

    # The second notebook ran after the first left a module attribute, a builtin, an rcParam,
    # an environment variable and a module behind: it sees none of them.
    assert not second["module_attribute"] and not second["builtin"] and not second["modules"]
    assert second["linewidth"] == matplotlib.rcParamsDefault["lines.linewidth"] != 9
    assert second["env"]["SALESPLAN_LEFT"] is None
    # Both kernels were children of the run's one fork server, not of this process ...
    [server] = Recorded.started
    assert first["parent"] == second["parent"] == server.process.pid != os.getpid()
    assert first["pid"] != second["pid"]
    # ... each with the notebooks' folder, the run's environment (not the server's thread
    # limits), ipykernel's inline charts and a random generator of its own.
    for seen in (first, second):
        assert seen["cwd"] == str(FIXTURES)
        assert seen["env"] == {"SALESPLAN_MARK": "given to every kernel", "SALESPLAN_LEFT": None,
                               "OPENBLAS_NUM_THREADS": None, "MPLBACKEND": kernels.INLINE_BACKEND}
    assert first["draw"] != second["draw"]

    # Nothing outlives the run: the server and both kernels are gone, the server reaped.
    assert server.process.returncode == 0
    assert all(gone(pid) for pid in (server.process.pid, first["pid"], second["pid"]))


def test_the_fork_server_is_closed_when_the_run_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(Recorded, "started", [])
    monkeypatch.setattr(runner, "ForkServer", Recorded)
    with pytest.raises(ParamsError):
        run(tmp_path, ["ok.ipynb"], department="nowhere")
    [server] = Recorded.started
    assert server.process.returncode == 0 and gone(server.process.pid)


async def start_kernel(forks: kernels.ForkServer) -> runner.IPCKernelManager:
    manager = runner.forked_manager(forks)(kernel_name="python3")
    await manager.start_kernel(cwd=str(FIXTURES))
    client = manager.client()
    client.start_channels()
    await client.wait_for_ready(timeout=60)
    client.stop_channels()
    return manager


async def killed_and_shut_down() -> tuple[int | None, bool, int | None]:
    with kernels.ForkServer(FIXTURES, []) as forks:
        killed, kept = await start_kernel(forks), await start_kernel(forks)
        assert isinstance(killed.provisioner, kernels.ForkProvisioner)
        child = killed.provisioner.process
        os.kill(child.pid, signal.SIGKILL)  # from outside, as the system's out-of-memory killer does
        await asyncio.to_thread(child.wait, 30)
        alive = await killed.is_alive()
        await killed.cleanup_resources()
        finished = kept.provisioner.process
        await kept.shutdown_kernel()
        return child.returncode, alive, finished.returncode


def test_a_killed_kernel_is_dead_and_a_shut_down_one_exits_cleanly():
    killed, alive, finished = asyncio.run(killed_and_shut_down())
    assert (killed, alive, finished) == (-signal.SIGKILL, False, 0)


def test_the_modules_a_notebook_imports(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import os, numpy.linalg as la\nfrom pathlib import Path"),
        nbformat.v4.new_markdown_cell("import markdown_is_not_code"),
        nbformat.v4.new_code_cell("%matplotlib inline\nimport skipped_with_its_magic"),
        nbformat.v4.new_code_cell("def f():\n    from salesplan.control import display as show\n"
                                  "from . import relative"),
    ])
    path = tmp_path / "imports.ipynb"
    nbformat.write(nb, path)
    assert kernels.notebook_imports(path) == ["os", "numpy.linalg", "pathlib", "pathlib.Path",
                                              "salesplan.control", "salesplan.control.display"]
