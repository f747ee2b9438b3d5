"""Kernels forked from one warm process: a run pays the imports of its notebooks once.

A fresh kernel process spends most of its start importing ipykernel, pandas, matplotlib and
salesplan. The runner instead starts one fork server per run (``python -m salesplan.kernels``,
in the notebooks' folder, with BLAS thread pools of one thread so that forking is safe): it
imports ipykernel and every module the run's notebooks import, then waits. For each kernel
the provisioner (``ForkProvisioner``, a jupyter_client ``LocalProvisioner``) asks it for a child:
the server forks, and the child takes the kernel's working directory and environment and runs
``ipykernel_launcher`` with the kernel's arguments, as ``python -m ipykernel_launcher`` would.

Every child starts from the same parent state and the parent never runs notebook code, so
nothing one notebook does reaches another. The server reaps its children and reports each exit
code; the provisioner's ``poll``/``wait`` read it, ``send_signal``/``kill`` signal the child's
process group (each child leads a session of its own, as jupyter_client's kernels do). When the
runner closes the server (or dies), the server kills what is left of its children and exits.

Protocol on a socket pair, one JSON object a line: the runner sends ``{"argv", "env", "cwd"}``,
the server answers ``{"pid"}`` and, whenever a child ends, sends ``{"exited", "code"}``.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import json
import os
import queue
import selectors
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.provisioning import LocalProvisioner

# Thread pools started at import would not survive a fork: one thread each (the child's
# compute is single-threaded BLAS, like two notebooks sharing two cores).
SINGLE_THREADED = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
# ipykernel sets this backend for its kernels unless the environment names one; matplotlib
# reads it when imported, so the server imports matplotlib under the kernels' backend.
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
LAUNCHER = ["-m", "ipykernel_launcher"]  # the python3 kernel's command after the interpreter


def notebook_imports(path: Path) -> list[str]:
    """The modules named by the import statements of a notebook's code cells, in order
    (``import a.b`` → ``a.b``; ``from a import b`` → ``a`` and ``a.b``); cells that are not
    valid Python (magics) are skipped."""
    names: list[str] = []
    for cell in json.loads(path.read_text(encoding="utf-8")).get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names += [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
    return list(dict.fromkeys(names))


def preload(notebooks: list[Path]) -> None:
    """Import ipykernel's kernel and what the notebooks import; a name that is not a module (``from a
    import function``) or fails to import, or a notebook that cannot be read, is left to the
    kernel that runs the notebook (and to the runner's checks)."""
    names = ["ipykernel.kernelapp", "ipykernel.ipkernel"]  # the kernel and its debugger
    for notebook in notebooks:
        with contextlib.suppress(OSError, ValueError):
            names += notebook_imports(notebook)
    for name in dict.fromkeys(names):
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    with contextlib.suppress(Exception):  # numpy's global generator: reseeded in each child
        import numpy.random  # noqa: F401


def _send(sock: socket.socket, message: dict) -> None:
    sock.sendall(json.dumps(message).encode() + b"\n")


class _Server:
    """The fork server's loop: requests on ``sock``, children reaped on SIGCHLD."""

    def __init__(self, sock: socket.socket):
        self.sock = sock
        self.children: set[int] = set()
        self.wake_r, self.wake_w = os.pipe()
        os.set_blocking(self.wake_w, False)
        signal.signal(signal.SIGCHLD, lambda *_: None)  # the wake-up fd is written by C
        signal.set_wakeup_fd(self.wake_w)

    def serve(self) -> dict | None:
        """Answer requests until the runner closes the socket (→ None); in a forked child,
        return its request."""
        selector = selectors.DefaultSelector()
        selector.register(self.sock, selectors.EVENT_READ)
        selector.register(self.wake_r, selectors.EVENT_READ)
        pending = b""
        while True:
            for key, _ in selector.select():
                if key.fileobj == self.wake_r:
                    os.read(self.wake_r, 4096)
                    self.reap()
                    continue
                data = self.sock.recv(65536)
                if not data:
                    self.stop()
                    return None
                pending += data
                while b"\n" in pending:
                    line, pending = pending.split(b"\n", 1)
                    request = json.loads(line)
                    pid = os.fork()
                    if pid == 0:
                        selector.close()
                        self.become_child()
                        return request
                    self.children.add(pid)
                    _send(self.sock, {"pid": pid})

    def reap(self) -> None:
        """Report every child that has ended, with ``subprocess``'s exit code (-N: signal N)."""
        for pid in list(self.children):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                self.children.discard(pid)
                with contextlib.suppress(OSError):
                    _send(self.sock, {"exited": pid, "code": os.waitstatus_to_exitcode(status)})

    def stop(self) -> None:
        """The runner is gone: kill the children left (their process groups) and reap them."""
        for pid in self.children:
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL)
        for pid in self.children:
            with contextlib.suppress(OSError):
                os.waitpid(pid, 0)

    def become_child(self) -> None:
        """Leave the server's state behind: a session of its own, default signals, no
        server descriptors, stdin from /dev/null."""
        os.setsid()
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        for fd in (self.wake_r, self.wake_w):
            os.close(fd)
        self.sock.close()
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)


def run_kernel(request: dict) -> None:
    """In a forked child: take the kernel's directory and environment, then run
    ``ipykernel_launcher`` as ``python -m`` does (the directory first on ``sys.path``)."""
    import runpy

    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    sys.path[0] = os.getcwd()
    if "numpy.random" in sys.modules:
        sys.modules["numpy.random"].seed()  # a generator of its own, as a fresh process has
    sys.argv = ["ipykernel_launcher", *request["argv"]]
    runpy.run_module("ipykernel_launcher", run_name="__main__", alter_sys=True)


def main() -> None:
    """``python -m salesplan.kernels FD [NOTEBOOK ...]``: serve on socket ``FD``."""
    sock = socket.socket(fileno=int(sys.argv[1]))
    preload([Path(p) for p in sys.argv[2:]])
    request = _Server(sock).serve()
    if request is not None:  # a child: the interpreter exits when the kernel does
        run_kernel(request)


class ForkedKernel:
    """A forked kernel as ``subprocess.Popen`` shows a process: ``pid``, ``poll``, ``wait``,
    ``send_signal``, ``terminate``, ``kill`` (``returncode`` comes from the server)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None
        self.ended = threading.Event()

    def poll(self) -> int | None:
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if not self.ended.wait(timeout):
            raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.returncode is None:  # a reaped pid may already be another process's
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class ForkServer:
    """The runner's side: start the server (it imports while the runner goes on), ask it for
    kernels, close it. ``with ForkServer(folder, notebooks):`` closes it at the end."""

    def __init__(self, cwd: Path, notebooks: list[Path]):
        ours, theirs = socket.socketpair()
        env = {**os.environ, **SINGLE_THREADED}
        env.setdefault("MPLBACKEND", INLINE_BACKEND)
        self.process = subprocess.Popen(
            [sys.executable, "-m", __name__, str(theirs.fileno()), *map(str, notebooks)],
            cwd=cwd, env=env, pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL,
            start_new_session=True)  # a Ctrl-C at the terminal is the runner's to handle
        theirs.close()
        self.sock = ours
        self.kernels: dict[int, ForkedKernel] = {}
        self.started: queue.Queue[ForkedKernel | None] = queue.Queue()
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        with self.sock.makefile("rb") as lines:
            for line in lines:
                message = json.loads(line)
                if "pid" in message:
                    self.kernels[message["pid"]] = kernel = ForkedKernel(message["pid"])
                    self.started.put(kernel)
                else:
                    kernel = self.kernels.pop(message["exited"])
                    kernel.returncode = message["code"]
                    kernel.ended.set()
        self.started.put(None)  # the server is gone: no more kernels
        for kernel in self.kernels.values():
            kernel.ended.set()

    def launch(self, argv: list[str], env: dict[str, str], cwd: str) -> ForkedKernel:
        """A kernel child running ``ipykernel_launcher`` with ``argv`` in ``cwd`` with ``env``."""
        with self.lock:
            _send(self.sock, {"argv": argv, "env": env, "cwd": cwd})
            kernel = self.started.get()
        if kernel is None:
            raise RuntimeError(f"the kernel fork server ended (exit code {self.process.poll()})")
        return kernel

    def close(self) -> None:
        """Close the socket: the server kills any child left and exits; wait for it."""
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.reader.join()

    def __enter__(self) -> ForkServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ForkProvisioner(LocalProvisioner):
    """jupyter_client's local provisioner whose python kernels are children of a ``ForkServer``
    (``forks``); any other kernel command is started as a process of its own."""

    forks: ForkServer | None = None

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        if self.forks is None or cmd[:3] != [sys.executable, *LAUNCHER]:
            return await super().launch_kernel(cmd, **kwargs)
        cwd = str(kwargs.get("cwd") or Path.cwd())
        self.process = self.forks.launch(cmd[3:], dict(kwargs["env"]), cwd)
        self.pid = self.pgid = self.process.pid  # each child leads its own session
        self.cwd = cwd
        return self.connection_info


if __name__ == "__main__":
    main()
