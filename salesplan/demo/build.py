"""Build the demo store: generate, write the exports, import them as a user would, then let
each area add its own demo data.

The store is made afresh each time (the SQLite file at ``db_path``), or built into a database
given by URL, which must then hold no data (SQLite or PostgreSQL). Areas add their demo data
(approved plans made by the plan model, call reviews, attestations, disciplinary cuts, the
managers' payment plans, meeting protocols, the head's checklist answers) through ``EXTENSIONS``:
each is ``"module:function"``, called in order as ``function(engine, end_month)`` after the import.
"""

from __future__ import annotations

import importlib
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from salesplan import clock, labels, migrations, store
from salesplan.config import project_root
from salesplan.demo.exports import write_exports
from salesplan.demo.generate import generate
from salesplan.demo.holding import Holding, generate_holding, write_csv
from salesplan.errors import SalesplanError, StoreError
from salesplan.importing import ImportResult, import_file
from salesplan.periods import Month

SEED = 2026
MONTHS = 16
EXTENSIONS: tuple[str, ...] = (
    "salesplan.plan.demo:seed_demo",
    "salesplan.reviews.demo:seed_demo",
    "salesplan.attestation.demo:seed_demo",
    "salesplan.motivation.demo:seed_demo",
    "salesplan.payplan.demo:seed_demo",
    "salesplan.protocol.demo:seed_demo",
    "salesplan.checklist.demo:seed_demo",
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


def holding_db_path() -> Path:
    return project_root() / "data" / "holding.db"


def demo_exports_dir() -> Path:
    return project_root() / "data" / "demo_exports"


def fresh_sqlite(path: Path) -> Engine:
    """An engine on an empty SQLite store at ``path`` (any earlier file is removed)."""
    url = f"sqlite:///{path.resolve()}"
    with suppress(StoreError):  # a file of another schema is removed all the same
        store.engine(url).dispose()  # the engine may be cached: close its connections to the old file
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    eng = store.engine(url)
    migrations.upgrade(eng)  # a cached engine has not seen the new file yet
    return eng


def empty_store(url: str) -> Engine:
    """An engine on the database at ``url``, which must hold no rows (its schema is made if it is
    new; a database of an older schema is refused)."""
    eng = store.engine(url)
    held = [f"{name}: {n}" for name, n in store.counts(eng).items() if n]
    if held:
        raise StoreError(labels.STORE_ERRORS["demo_not_empty"].format(
            db=migrations.shown(eng), tables=", ".join(held[:3])))
    return eng


def build(
    db_path: Path | None = None,
    exports_dir: Path | None = None,
    end_month: str | None = None,
    seed: int = SEED,
    months: int = MONTHS,
    db_url: str | None = None,
) -> DemoBuild:
    """Make the demo store (default ``data/demo.db``, or the empty database at ``db_url``) from
    exports (default ``data/demo_exports/``).

    ``end_month`` defaults to the last complete month before today. A rejected row would mean
    that the demo and the importer disagree: that is an error naming the file of reasons.
    """
    end_month = str(Month.parse(end_month) if end_month else Month.of(clock.today()).previous())
    db_path = db_path or demo_db_path()
    exports_dir = exports_dir or demo_exports_dir()
    seeders = [getattr(importlib.import_module(module), function)
               for module, function in (extension.split(":") for extension in EXTENSIONS)]
    eng = empty_store(db_url) if db_url else fresh_sqlite(db_path)
    data = generate(seed, end_month, months)
    files = write_exports(data, exports_dir)
    imports = import_all(eng, files, exports_dir)
    for seed_area in seeders:
        seed_area(eng, end_month)
    url = eng.url.render_as_string(hide_password=False)
    return DemoBuild(url, end_month, files, {t: len(f) for t, f in data.tables().items()}, imports)


def import_all(eng: Engine, files: dict[str, Path], rejects_dir: Path) -> dict[str, ImportResult]:
    """Import each file into its table, in order; a rejected row is an error naming the file of
    reasons (the generator and the importer disagree)."""
    imports = {}
    for table, path in files.items():
        result = import_file(eng, table, path, rejects_dir=rejects_dir)
        if result.rows_rejected:
            raise SalesplanError(labels.RUNNER["demo_rejected"].format(
                file=path, rows=result.rows_rejected, rejects=result.rejects_path))
        imports[table] = result
    return imports


def build_holding(
    size: Holding,
    db_path: Path | None = None,
    exports_dir: Path | None = None,
    end_month: str | None = None,
    seed: int = SEED,
    db_url: str | None = None,
) -> DemoBuild:
    """A holding-sized store (``demo.holding``; default ``data/holding.db``, or the empty database
    at ``db_url``) imported from its CSV files (default ``data/holding_exports/``). The areas'
    demo data (plans, reviews, pay) are not added: the holding measures the data tables."""
    end_month = str(Month.parse(end_month) if end_month else Month.of(clock.today()).previous())
    exports_dir = exports_dir or project_root() / "data" / "holding_exports"
    eng = empty_store(db_url) if db_url else fresh_sqlite(db_path or holding_db_path())
    data = generate_holding(size, end_month, seed)
    files = write_csv(data, exports_dir)
    imports = import_all(eng, files, exports_dir)
    url = eng.url.render_as_string(hide_password=False)
    return DemoBuild(url, end_month, files, {t: len(f) for t, f in data.tables().items()}, imports)
