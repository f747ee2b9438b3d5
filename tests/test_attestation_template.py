"""The attestation template: the shipped file loads, a bad one names its file and key."""

from datetime import date

import pytest
import yaml

from salesplan.attestation.template import load_template, parse_period
from salesplan.config import params_dir
from salesplan.errors import ParamsError, SalesplanError
from salesplan.periods import Half, Quarter


def test_shipped_template_loads():
    t = load_template()
    assert sum(c.weight for c in t.components.values()) == 100
    assert set(t.components) == {"kpi", "knowledge_test", "call_quality", "competencies"}
    assert len(t.components["competencies"].indicators) == 8
    assert t.decision.conditional < t.decision.fits


def _write(tmp_path, mutate):
    raw = yaml.safe_load((params_dir() / "attestation.yaml").read_text(encoding="utf-8"))
    mutate(raw)
    path = tmp_path / "attestation.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda r: r["components"]["kpi"].update(weight=50), "веса компонентов в сумме 110, а должны давать 100"),
    (lambda r: r["components"].update(charisma=r["components"].pop("competencies")),
     "неизвестные компоненты: charisma; ожидались: kpi, knowledge_test, call_quality, competencies"),
    (lambda r: r["components"]["kpi"]["indicators"].update(nps={"name": "NPS", "zero": 0, "full": 50}),
     "components.kpi: неизвестные показатели: nps; "
     "ожидались: plan_fulfilment, conversion, average_check, activity, receivables, client_growth, "
     "active_clients, new_clients"),
    (lambda r: r["components"]["kpi"]["indicators"]["activity"].update(full=60),
     "ключ components.kpi: у показателя «activity» zero и full совпадают (60); нужны разные"),
    (lambda r: r["decision"].update(conditional=80),
     "ключ decision: conditional (80) должен быть меньше fits (70)"),  # a long value is not repeated
    (lambda r: r["components"]["competencies"]["indicators"].update(x={"name": "X", "weight": -1}),
     "ключ components.competencies.indicators.x.weight = -1: ожидалось число больше 0"),
    (lambda r: r.update(period="month"),
     "ключ period = \"month\": ожидалось одно из значений: 'quarter', 'half_year'"),
])
def test_bad_template_names_file_key_and_value(tmp_path, mutate, message):
    path = _write(tmp_path, mutate)
    with pytest.raises(ParamsError) as err:
        load_template(path)
    assert str(err.value) == f"{path}: {message}"


def test_competencies_are_an_editable_list(tmp_path):
    path = _write(tmp_path, lambda r: r["components"]["competencies"]["indicators"].update(
        presentation={"name": "Презентации"}))
    t = load_template(path)
    assert "presentation" in t.components["competencies"].indicators
    assert t.components["competencies"].scale("presentation").full == 5


@pytest.mark.parametrize(("text", "start", "end", "months"), [
    ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31), ["2026-01", "2026-02", "2026-03"]),
    ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31), ["2026-10", "2026-11", "2026-12"]),
    ("2026-H2", date(2026, 7, 1), date(2026, 12, 31), [f"2026-{m:02d}" for m in range(7, 13)]),
])
def test_periods(text, start, end, months):
    p = parse_period(text)
    assert (p.start, p.end, [str(m) for m in p.months]) == (start, end, months)


def test_period_labels_and_kinds():
    assert parse_period("2026-Q3").label == "III квартал 2026"
    assert parse_period("2026-H1").label == "1-е полугодие 2026"
    assert parse_period("2026-Q1").previous() == Quarter(2025, 4)
    assert load_template().period_kind is Quarter  # params/attestation.yaml: quarter
    assert Quarter.ending_by(date(2026, 10, 31)) == Quarter(2026, 3)
    assert Half.ending_by(date(2026, 2, 28)) == Half(2025, 2)


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-Q5", "ожидается квартал ГГГГ-Qн"),
    ("2026-H3", "ожидается полугодие ГГГГ-Hн"),
    ("2026-10", "ожидается квартал ГГГГ-Qн .* или полугодие ГГГГ-Hн"),
    ("Q3-2026", "ожидается квартал ГГГГ-Qн .* или полугодие ГГГГ-Hн"),
    ("", "ожидается квартал ГГГГ-Qн .* или полугодие ГГГГ-Hн"),
])
def test_bad_period(text, expected):
    with pytest.raises(SalesplanError, match=expected):
        parse_period(text)
