"""A database made by the last release before migrations, built at test time by that release's
own code: its source comes out of this repository's history (``git archive``), and its demo
build runs in a subprocess that imports it first (``PYTHONPATH``) with this environment's
packages.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
from pathlib import Path

OLD_RELEASE = "a234bb8"  # the last commit whose code made tables without migrations
END_MONTH = "2026-10"
MONTHS = 8  # of demo history: enough for every area's demo data, and quicker than the default
REPO = Path(__file__).resolve().parents[1]


def source(target: Path) -> Path:
    """The release's files, extracted into ``target``. Raises ``RuntimeError`` when this is not a
    git checkout holding that commit (a shallow clone, an unpacked archive)."""
    git = ["git", "-c", "safe.directory=*", "-C", str(REPO)]
    try:
        archive = subprocess.run([*git, "archive", "--format=tar", OLD_RELEASE], capture_output=True,
                                 check=True).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", b"") or str(exc).encode()
        raise RuntimeError(f"commit {OLD_RELEASE} of {REPO} is not available (needs git and the "
                           f"repository's full history): {detail.decode(errors='replace').strip()}") from exc
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    return target


def build_demo(code: Path, db: Path) -> None:
    """The release's demo department in the SQLite file ``db``, made by the release's code."""
    script = (
        "import pathlib, salesplan\n"
        f"assert pathlib.Path(salesplan.__file__).is_relative_to({str(code)!r}), salesplan.__file__\n"
        "from salesplan.demo.build import build\n"
        f"build(db_path=pathlib.Path({str(db)!r}), exports_dir=pathlib.Path({str(db.parent / 'exports')!r}),"
        f" end_month={END_MONTH!r}, months={MONTHS})\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("SALESPLAN_")}
    env["PYTHONPATH"] = str(code)
    done = subprocess.run([sys.executable, "-c", script], cwd=code, env=env, capture_output=True,
                          text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"the demo build of {OLD_RELEASE} failed:\n{done.stderr}")
