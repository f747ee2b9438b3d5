"""Finding the managers and clients a file names, and the ids of new ones."""

import pandas as pd
import pytest

from salesplan.filenames import slug
from salesplan.importing.references import clients_directory, managers_directory, resolve


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Иванова Мария", "ivanova-mariia"),
        ("Щукин Юрий Ёжиков", "shchukin-iurii-ezhikov"),
        ("ООО «Ромашка»", "ooo-romashka"),
        ('ИП "Объём" и Ко', "ip-obem-i-ko"),
        ("ACME Ltd.", "acme-ltd"),
        ("«»", "x"),
    ],
)
def test_slug(name, expected):
    assert slug(name) == expected


def column(*values):
    return pd.Series(list(values), dtype="str", index=range(2, 2 + len(values)))


ROSTER = managers_directory(
    pd.DataFrame({"id": ["m1", "ivanova-mariia"], "name": ["Петров Пётр", "Иванова Анна"]}))


def test_resolution_by_id_and_by_name():
    resolved = resolve(
        column("m1", None, None, "m9", None, None, None),
        column(
            "Кто угодно", " Петров  Пётр ", "Иванова Мария", "Сидоров Иван", "Сидоров Иван", None,
            "Иванова Мария",
        ),
        ROSTER,
    )
    assert resolved.ids.fillna("—").tolist() == [
        "m1",  # a known id wins over the name beside it
        "m1",  # a known name, spaces aside
        "ivanova-mariia-2",  # a new name whose plain slug is taken
        "m9",  # a new id, named by its row
        "m9",  # the same person named alone
        "—",  # nobody
        "ivanova-mariia-2",
    ]
    assert resolved.new[["id", "name"]].values.tolist() == [
        ["m9", "Сидоров Иван"], ["ivanova-mariia-2", "Иванова Мария"]]


def test_a_new_id_without_a_name_is_named_by_itself():
    resolved = resolve(column("c7", "c7"), None, clients_directory(pd.DataFrame({"id": [], "name": []})))
    assert resolved.ids.fillna("—").tolist() == ["c7", "c7"]
    assert resolved.new[["id", "name"]].values.tolist() == [["c7", "c7"]]
