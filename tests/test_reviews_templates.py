"""Scorecard templates: the shipped ones load; a bad one fails naming the file and the key."""

from pathlib import Path

import pytest
import yaml

from salesplan.config import params_dir
from salesplan.errors import ParamsError
from salesplan.reviews.templates import (
    SCALES,
    load_settings,
    load_template,
    load_templates,
)

SHIPPED = params_dir() / "scorecards"
STAGES = {"contact", "needs", "presentation", "objections", "closing", "standards"}


def test_shipped_templates_cover_the_call_stages():
    templates = load_templates()
    assert set(templates) == {"cold_call", "current_client"}
    for template in templates.values():
        assert {s.id for s in template.sections} == STAGES
        assert sum(c.weight for c in template.criteria.values()) == pytest.approx(100)
        crits = list(template.criteria.values())
        assert any(c.critical for c in crits) and any(c.na_allowed for c in crits)
        assert len({c.scale for c in crits}) >= 3  # several scales
        assert all(c.text and c.hint is not None for c in crits)
    assert templates["cold_call"].roles == ["hunter"]


def test_scales_have_russian_labels_best_first():
    assert SCALES["yes_no"].options() == [("Да", 1.0), ("Нет", 0.0)]
    assert [p for _, p in SCALES["1-5"].options()] == [5.0, 4.0, 3.0, 2.0, 1.0]
    assert SCALES["0-0.5-1"].options()[1] == ("0,5", 0.5)


def _variant(tmp_path: Path, change, name: str = "cold_call") -> Path:
    raw = yaml.safe_load((SHIPPED / "cold_call.yaml").read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def test_weights_must_add_up_to_100(tmp_path):
    def lighter(raw):
        raw["sections"][0]["criteria"][0]["weight"] = 0.5  # 5 → 0.5: total 95.5

    with pytest.raises(ParamsError) as err:
        load_template(_variant(tmp_path, lighter))
    # the per-section sums point at the culprit
    assert str(err.value) == (
        f"{tmp_path / 'cold_call.yaml'}: веса критериев в сумме 95.5, а должны давать 100 (по разделам: "
        "contact 12.5, needs 21, presentation 19, objections 14, closing 16, standards 13)"
    )


def test_unknown_scale_names_the_key(tmp_path):
    def odd(raw):
        raw["sections"][1]["criteria"][2]["scale"] = "0-10"

    with pytest.raises(ParamsError) as err:
        load_template(_variant(tmp_path, odd))
    assert str(err.value) == (
        f'{tmp_path / "cold_call.yaml"}: ключ sections.1.criteria.2.scale = "0-10": '
        "неизвестная шкала «0-10»; ожидалась одна из: yes_no, 0-1-2, 0-0.5-1, 1-5"
    )


def test_duplicate_criterion_id(tmp_path):
    def twice(raw):
        raw["sections"][2]["criteria"][0]["id"] = "greeting"

    with pytest.raises(ParamsError, match="cold_call.yaml: id критериев повторяются: greeting$"):
        load_template(_variant(tmp_path, twice))


def test_duplicate_section_id(tmp_path):
    def twice(raw):
        raw["sections"][1]["id"] = "contact"

    with pytest.raises(ParamsError, match="cold_call.yaml: id разделов повторяются: contact$"):
        load_template(_variant(tmp_path, twice))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda raw: raw.update(roles=["boss"]),
         "неизвестные роли: boss; ожидались: hunter, farmer, key_account, head"),
        (lambda raw: raw.update(pass_threshold=120),
         "ключ pass_threshold = 120: ожидалось число не больше 100"),
        (lambda raw: raw["sections"][0]["criteria"][0].update(weight=-5),
         "ключ sections.0.criteria.0.weight = -5: ожидалось число больше 0"),
        (lambda raw: raw["sections"][0]["criteria"][0].update(colour="red"),
         'ключ sections.0.criteria.0.colour = "red": неизвестный ключ; известны: '
         "id, text, hint, scale, weight, na_allowed, critical"),
        (lambda raw: raw.update(version=0), "ключ version = 0: ожидалось число не меньше 1"),
        (lambda raw: raw.update(id="Cold Call"),
         'ключ id = "Cold Call": ожидался текст: латинские строчные буквы, цифры и «_», первая — буква'),
    ],
)
def test_other_mistakes_name_the_key(tmp_path, change, expected):
    with pytest.raises(ParamsError) as err:
        load_template(_variant(tmp_path, change))
    assert str(err.value) == f"{tmp_path / 'cold_call.yaml'}: {expected}"


def test_id_must_match_the_file_name(tmp_path):
    with pytest.raises(ParamsError) as err:
        load_template(_variant(tmp_path, lambda raw: None, name="other"))
    assert str(err.value) == (
        f'{tmp_path / "other.yaml"}: ключ id = "cold_call": ожидалось «other», как имя файла'
    )


def test_settings_bands_are_ordered(tmp_path):
    assert load_settings().bands.green == 80 and load_settings().bands.yellow == 60
    path = tmp_path / "reviews.yaml"
    path.write_text("bands: {green: 50, yellow: 70}\n", encoding="utf-8")
    with pytest.raises(ParamsError) as err:
        load_settings(path)
    assert str(err.value) == (
        f'{path}: ключ bands = {{"green": 50, "yellow": 70}}: '
        "граница жёлтой зоны (70) не может быть выше границы зелёной (50)"
    )
