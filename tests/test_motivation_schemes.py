"""Scheme files: validation errors name the file, the key and the value (in Russian); effective
dates pick the version."""

from decimal import Decimal

import pytest
import yaml

from salesplan.errors import ParamsError
from salesplan.motivation.schemes import load_scheme, load_schemes, motivation_dir

BASE = {
    "name": "Тест",
    "roles": ["hunter"],
    "effective_from": "2025-01",
    "fixed": 50_000,
    "kpi": {
        "target_pay": 30_000,
        "items": [
            {"metric": "plan", "label": "План", "weight": 70, "floor": 80},
            {"metric": "calls", "label": "Звонки", "weight": 30, "target": 600},
        ],
    },
    "commissions": [
        {"label": "Комиссия", "base": "margin", "method": "marginal",
         "tiers": [{"from": 0, "rate": 5}, {"from": 300_000, "rate": 8}]},
    ],
}


def write(folder, name, data):
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def with_changes(**changes):
    data = yaml.safe_load(yaml.safe_dump(BASE))
    data.update(changes)
    return data


def test_shipped_schemes_load_and_pick_by_role_and_month():
    book = load_schemes()
    assert book.scheme_for("hunter", "2026-06").source == "hunter.yaml"
    assert book.scheme_for("hunter", "2026-07").source == "hunter_2026-07.yaml"
    assert book.scheme_for("key_account", "2026-10").source == "farmer.yaml"
    assert book.scheme_for("hunter", "2024-12") is None
    assert book.scheme_for("hunter", "2026-11").source == "hunter_2026-11.yaml"
    assert [s.source for s in book.history("hunter")] == [
        "hunter.yaml", "hunter_2026-07.yaml", "hunter_2026-11.yaml"]
    assert book.scheme_for("head", "2026-10").source == "head.yaml"
    assert (motivation_dir() / "payroll.yaml").exists()
    assert book.payroll.for_department("any").team_bonus.pool == 6_000_000


def test_money_is_read_in_roubles_and_held_in_kopecks(tmp_path):
    scheme = load_scheme(write(tmp_path, "s.yaml", with_changes(fixed="50000.50")))
    assert scheme.fixed == 5_000_050
    assert scheme.kpi.target_pay == 3_000_000
    assert scheme.commissions[0].tiers[1].start == 30_000_000
    assert scheme.commissions[0].tiers[1].rate == Decimal(8)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"fixed": -1}, "ключ fixed = -1: сумма не может быть отрицательной"),
        ({"fixed": "50 тыс."}, 'ключ fixed = "50 тыс.": ожидалась сумма в рублях'),
        ({"effective_from": "2026-13"},
         'ключ effective_from = "2026-13": период «2026-13» не распознан: '
         'ожидается месяц ГГГГ-ММ, например 2026-11'),
        ({"roles": ["boss"]},
         "ключ roles.0 = \"boss\": ожидалось одно из значений: 'hunter', 'farmer', 'key_account', 'head'"),
        ({"bonus": 1}, "ключ bonus = 1: неизвестный ключ; может быть, team_bonus?"),
        ({"kpi": {"target_pay": 1000, "items": [
            {"metric": "plan", "label": "План", "weight": 60}]}},
         'ключ kpi.items = [{"label": "План", "metric": "plan", "weight": 60}]: '
         "веса KPI в сумме 60, а должны давать 100"),
        ({"kpi": {"target_pay": 1000, "items": [
            {"metric": "deals", "label": "Сделки", "weight": 100}]}},
         'ключ kpi.items.0 = {"label": "Сделки", "metric": "deals", "weight": 100}: '
         "target: у KPI «deals» он обязателен"),
        ({"kpi": {"target_pay": 1000, "items": [
            {"metric": "plan", "label": "План", "weight": 100, "mode": "stepped",
             "steps": [{"from": 80, "coef": 0.9}, {"from": 100, "coef": 0.8}]}]}},
         "ключ kpi.items.0: steps: «coef» не должно убывать от записи к записи"),
        ({"kpi": {"target_pay": 1000, "items": [
            {"metric": "plan", "label": "План", "weight": 100,
             "accelerators": [{"from": 90, "rate": 2}]}]}},
         "ключ kpi.items.0.accelerators.0.from = 90: ожидалось число не меньше 100"),
        ({"commissions": [{"label": "К", "base": "margin", "method": "whole",
                           "tiers": [{"from": 0, "rate": 7}, {"from": 100, "rate": 5}]}]},
         "ключ commissions.0: tiers: «rate» не должно убывать от записи к записи"),
        ({"commissions": [{"label": "К", "base": "margin", "method": "marginal",
                           "tiers": [{"from": 100, "rate": 7}]}]},
         "ключ commissions.0: tiers: первая ступень начинается с 0 (from: 0)"),
        ({"commissions": [{"label": "К", "base": "profit", "method": "flat", "rate": 3}]},
         "ключ commissions.0.base = \"profit\": ожидалось одно из значений: "
         "'margin', 'turnover', 'net_profit'"),
        ({"gates": [{"label": "Сделки", "metric": "deals", "min": 80}]},
         "gates: порог по «deals» берёт цель из KPI с этой метрикой, а такого KPI в схеме нет"),
    ],
)
def test_bad_scheme_names_file_and_key(tmp_path, change, expected):
    path = write(tmp_path, "bad.yaml", with_changes(**change))
    with pytest.raises(ParamsError) as err:
        load_scheme(path)
    assert str(err.value) == f"{path}: {expected}"


def test_two_versions_for_one_role_and_month_are_refused(tmp_path):
    write(tmp_path, "a.yaml", BASE)
    write(tmp_path, "b.yaml", with_changes(roles=["farmer", "hunter"]))
    with pytest.raises(ParamsError) as err:
        load_schemes(tmp_path)
    assert str(err.value) == (
        f'{tmp_path / "b.yaml"}: ключ roles = ["farmer", "hunter"]: '
        "«hunter» с 2025-01 уже покрыта схемой a.yaml"
    )


def test_effective_dates_keep_history(tmp_path):
    write(tmp_path, "v1.yaml", BASE)
    write(tmp_path, "v2.yaml", with_changes(effective_from="2026-04", fixed=55_000))
    book = load_schemes(tmp_path)
    assert book.scheme_for("hunter", "2026-03").fixed == 5_000_000
    assert book.scheme_for("hunter", "2026-04").fixed == 5_500_000
    assert book.scheme_for("hunter", "2027-01").fixed == 5_500_000
    assert book.scheme_for("farmer", "2026-04") is None


def test_empty_folder_and_bad_payroll(tmp_path):
    with pytest.raises(ParamsError) as err:
        load_schemes(tmp_path)
    assert str(err.value) == f"{tmp_path}: нет ни одной схемы мотивации (*.yaml)"
    write(tmp_path, "v1.yaml", BASE)
    bad = {"departments": {"sales": {"team_bonus": {"pool": 1, "share_by": "deals"}}}}
    path = write(tmp_path, "payroll.yaml", bad)
    with pytest.raises(ParamsError) as err:
        load_schemes(tmp_path)
    assert str(err.value) == (
        f'{path}: ключ departments.sales.team_bonus.share_by = "deals": '
        "ожидалось одно из значений: 'turnover', 'margin'"
    )
