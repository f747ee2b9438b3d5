"""Build the demo store: generate, write the exports, import them as a user would, then let
each area add its own demo data.

The store is made afresh each time. Areas add their demo data (approved plans made by the plan
model, call reviews, attestations, disciplinary cuts) through ``EXTENSIONS``: each is
``"module:function"``, called in order as ``function(engine, end_month)`` after the import.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from salesplan import clock, labels, store
from salesplan.config import project_root
from salesplan.demo.exports import write_exports
from salesplan.demo.generate import generate
from salesplan.errors import SalesplanError
from salesplan.importing import ImportResult, import_file
from salesplan.periods import Month

SEED = 2026
MONTHS = 16
EXTENSIONS: tuple[str, ...] = (
    "salesplan.plan.demo:seed_demo",
    "salesplan.reviews.demo:seed_demo",
    "salesplan.attestation.demo:seed_demo",
    "salesplan.motivation.demo:seed_demo",
)


@dataclass(frozen=True)
class DemoBuild:
    """What ``build`` made: the store, the export files and how many rows each table has."""

    db_url: str
    end_month: str
    files: dict[str, Path]
    rows: dict[str, int]  # rows generated per table
    imports: dict[str, ImportResult]


def demo_db_path() -> Path:
    return project_root() / "data" / "demo.db"


def demo_exports_dir() -> Path:
    return project_root() / "data" / "demo_exports"


def fresh_sqlite(path: Path):
    """An engine on an empty SQLite store at ``path`` (any earlier file is removed)."""
    url = f"sqlite:///{path.resolve()}"
    eng = store.engine(url)
    eng.dispose()  # the engine may be cached: close its connections to the old file
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    store.metadata.create_all(eng)
    return eng


def build(
    db_path: Path | None = None,
    exports_dir: Path | None = None,
    end_month: str | None = None,
    seed: int = SEED,
    months: int = MONTHS,
) -> DemoBuild:
    """Make the demo store (default ``data/demo.db``) from exports (default ``data/demo_exports/``).

    ``end_month`` defaults to the last complete month before today. A rejected row would mean
    that the demo and the importer disagree: that is an error naming the file of reasons.
    """
    end_month = str(Month.parse(end_month) if end_month else Month.of(clock.today()).previous())
    db_path = db_path or demo_db_path()
    exports_dir = exports_dir or demo_exports_dir()
    # The areas' modules first: their tables join the store's metadata and are made with it.
    seeders = [getattr(importlib.import_module(module), function)
               for module, function in (extension.split(":") for extension in EXTENSIONS)]
    data = generate(seed, end_month, months)
    files = write_exports(data, exports_dir)
    eng = fresh_sqlite(db_path)
    imports = {}
    for table, path in files.items():
        result = import_file(eng, table, path, rejects_dir=exports_dir)
        if result.rows_rejected:
            raise SalesplanError(labels.RUNNER["demo_rejected"].format(
                file=path, rows=result.rows_rejected, rejects=result.rejects_path))
        imports[table] = result
    for seed_area in seeders:
        seed_area(eng, end_month)
    return DemoBuild(str(eng.url), end_month, files, {t: len(f) for t, f in data.tables().items()}, imports)
