"""A small store for the control tests: two departments with one manager each."""

from pathlib import Path

from sqlalchemy import Engine, insert

from salesplan import store


def two_departments(path: Path) -> Engine:
    """A fresh store at ``path``: ``sales`` with hunter ``a`` (Анна), ``key`` with key account
    ``k`` (Кирилл)."""
    eng = store.engine(f"sqlite:///{path}")
    with store.transaction(eng) as conn:
        conn.execute(insert(store.departments), [{"id": "sales", "name": "Продажи"},
                                                 {"id": "key", "name": "Ключевые"}])
        conn.execute(insert(store.managers), [
            {"id": "a", "name": "Анна", "department_id": "sales", "role": "hunter"},
            {"id": "k", "name": "Кирилл", "department_id": "key", "role": "key_account"},
        ])
    return eng
