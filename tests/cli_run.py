"""The ``salesplan`` command run in the test's process: its exit code and what it printed."""

import sys

import pytest

from salesplan.cli import main


def run(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """``salesplan ARGS…``: (exit code, standard output, standard error)."""
    monkeypatch.setattr(sys, "argv", ["salesplan", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    out = capsys.readouterr()
    return exited.value.code or 0, out.out, out.err
