"""The examples of docs/data.md import as they are."""

import re
from pathlib import Path

import yaml
from import_files import fresh_store

from salesplan import store
from salesplan.config import project_root
from salesplan.importing import import_file
from salesplan.importing.profiles import Profile

DOC = (project_root() / "docs" / "data.md").read_text(encoding="utf-8")


def test_each_tables_example_row_is_accepted(tmp_path):
    sections = dict(re.findall(r"^### (\w+)\n.*?```csv\n(.*?)```", DOC, flags=re.S | re.M))
    assert list(sections) == list(store.DATA_TABLES)
    eng = fresh_store(tmp_path)
    for table, text in sections.items():
        path = Path(tmp_path / f"{table}.csv")
        path.write_text(text, encoding="utf-8")
        result = import_file(eng, table, path, rejects_dir=tmp_path)
        assert (result.rows_read, result.rows_rejected) == (1, 0), table
    counts = store.counts(eng)
    assert all(counts[t] == 1 for t in store.DATA_TABLES)  # the rows refer to one another


def test_the_example_profiles_are_valid():
    blocks = [b for b in re.findall(r"```yaml\n(.*?)```", DOC, flags=re.S) if "<" not in b]
    assert len(blocks) == 3
    for block in blocks:
        Profile.model_validate(yaml.safe_load(block))
