"""params/control.yaml: the shipped file is valid, defaults hold, bad keys are named."""

from datetime import time

import pytest

from salesplan.config import params_dir
from salesplan.control.params import ControlParams, control_params
from salesplan.errors import ParamsError


def test_shipped_file_loads_with_the_default_stages():
    params = control_params()
    assert params.fact_source == "auto"
    assert params.stage_probabilities() == {
        "контакт": 0.10, "потребность": 0.25, "презентация": 0.40, "возражения": 0.60,
        "финальное предложение": 0.75, "принятие решения": 0.90, "закрыто": 1.00,
    }
    assert params.checkpoints == [time(12), time(16), time(18)]
    assert params.as_of_day_counts.daily is False and params.as_of_day_counts.monthly is True
    assert control_params(params_dir() / "control.yaml") == ControlParams.model_validate(
        params.model_dump())


def test_empty_file_gives_defaults(tmp_path):
    path = tmp_path / "control.yaml"
    path.write_text("", encoding="utf-8")
    params = control_params(path)
    assert params == ControlParams() and params.spend_kopecks("2026-10") is None


def test_marketing_spend_in_kopecks(tmp_path):
    path = tmp_path / "control.yaml"
    path.write_text('marketing_spend: {"2026-10": 150000.50}\n', encoding="utf-8")
    assert control_params(path).spend_kopecks("2026-10") == 15_000_050


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("stages: [{name: контакт, probability: 120}]",
         ["ключ stages.0.probability = 120: ожидалось число не больше 100"]),
        ("stages: [{name: А, probability: 1}, {name: а, probability: 2}]",
         ["ключ stages: названия этапов повторяются: а"]),  # a long value is not repeated
        ("fact_source: invoices",
         ["ключ fact_source = \"invoices\": ожидалось одно из значений: 'auto', 'payments', 'won_deals'"]),
        ('marketing_spend: {"2026-13": 1}',
         ['ключ marketing_spend = {"2026-13": 1}: период «2026-13» не распознан: '
          'ожидается месяц ГГГГ-ММ, например 2026-11']),
        ('marketing_spend: {"2026-10": -5}',
         ['ключ marketing_spend = {"2026-10": -5}: 2026-10: расходы не могут быть отрицательными']),
        ("hygiene: {stale_days: 0}", ["ключ hygiene.stale_days = 0: ожидалось число не меньше 1"]),
        ("checkpoints: ['25:00']",
         ['ключ checkpoints.0 = "25:00": ожидалось время ЧЧ:ММ (от 00:00 до 23:59)']),
        ("forecast: {simulations: 10, seeds: 1}",
         ["ключ forecast.simulations = 10: ожидалось число не меньше 100",
          "ключ forecast.seeds = 1: неизвестный ключ; может быть, seed?"]),
    ],
)
def test_bad_values_name_the_file_key_and_value(tmp_path, text, problems):
    path = tmp_path / "control.yaml"
    path.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(ParamsError) as err:
        control_params(path)
    assert [str(p) for p in err.value.problems] == [f"{path}: {p}" for p in problems]
