"""File names from data stay inside their folder and stay readable."""

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesplan.errors import PathOutsideFolder
from salesplan.filenames import inside, safe_name, stem, transliterate

SAFE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


def test_plain_ids_are_kept_as_they_are():
    for text in ("ivanov", "m-01", "2026-Q4", "sales_north"):
        assert safe_name(text) == text


def test_a_path_like_id_becomes_one_component():
    name = safe_name("../../../../../../tmp/ESCAPED")
    assert name.startswith("tmp-ESCAPED-") and "/" not in name and ".." not in name


def test_cyrillic_is_transliterated_and_marked():
    assert transliterate("Щукин Ёж") == "Shchukin Ezh"
    assert safe_name("Щукин").startswith("Shchukin-")


@given(st.text(max_size=120))
def test_any_text_gives_a_safe_component(text):
    name = safe_name(text)
    assert name and set(name) <= SAFE
    assert len(name) <= 80 + 1 + 8


@given(st.text(max_size=20), st.text(max_size=20))
def test_two_texts_never_share_a_name(a, b):
    if a != b:
        assert safe_name(a) != safe_name(b)


def test_inside_joins_under_the_folder(tmp_path):
    assert inside(tmp_path, "../x", suffix=".xlsx").parent == tmp_path
    assert inside(tmp_path, "a", "b", suffix=".pdf") == tmp_path / "a" / "b.pdf"


def test_a_link_out_of_the_folder_is_refused(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    os.symlink(tmp_path, folder / "away")
    with pytest.raises(PathOutsideFolder, match="за пределы папки"):
        inside(folder, "away", "x")


def test_stem_joins_safe_parts_and_leaves_out_empty_ones():
    assert stem("plan", "2026-10", "ivanov", "v3") == "plan_2026-10_ivanov_v3"
    assert stem("meeting_deck", "2026-10", "") == "meeting_deck_2026-10"
    assert stem("2026-10", "../../x") == f"2026-10_{safe_name('../../x')}"
    assert safe_name(stem("2026-10", "../../x")) == stem("2026-10", "../../x")  # already safe
