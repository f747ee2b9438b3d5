"""The settings: every file of ``params/`` validated at once, before any work, with the problems
in Russian (file, key, value, what was expected); the areas read their part from them."""

import enum
import shutil
import subprocess
import sys
import uuid
from datetime import date
from pathlib import Path
from typing import Literal

import pytest
import yaml
from pydantic import BaseModel, ConfigDict, Field

from salesplan import runner, settings
from salesplan.attestation.template import load_template
from salesplan.cli import main
from salesplan.config import company, params_dir
from salesplan.control.params import control_params
from salesplan.importing.profiles import load_profile
from salesplan.motivation.schemes import load_schemes
from salesplan.paramfile import SettingsError, validate
from salesplan.plan.params import plan_params
from salesplan.reviews import templates as scorecards

SHIPPED = params_dir()
NOTEBOOKS = Path(__file__).parents[1] / "notebooks"


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A project (``$SALESPLAN_HOME``) with a copy of the shipped ``params/`` and the notebooks."""
    home = tmp_path / "home"
    shutil.copytree(SHIPPED, home / "params")
    (home / "notebooks").symlink_to(NOTEBOOKS)
    monkeypatch.setenv("SALESPLAN_HOME", str(home))
    monkeypatch.delenv("SALESPLAN_DB", raising=False)
    return home


def edit(home: Path, file: str, change) -> None:
    """Apply ``change`` to the YAML of ``params/<file>`` and write it back."""
    path = home / "params" / file
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(raw)
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")


def write(home: Path, file: str, text: str) -> None:
    (home / "params" / file).write_text(text, encoding="utf-8")


def replace(home: Path, file: str, old: str, new: str) -> None:
    path = home / "params" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(home: Path) -> list[str]:
    with pytest.raises(SettingsError) as err:
        settings.load_settings(home / "params")
    return [str(p) for p in err.value.problems]


def cli(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """Run ``salesplan ARGS`` in this process; its exit code, stdout and stderr."""
    monkeypatch.setattr("sys.argv", ["salesplan", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    out = capsys.readouterr()
    return exit_.value.code, out.out, out.err


# --- the shipped files ----------------------------------------------------------------------


def test_every_shipped_file_validates():
    loaded = settings.load_settings(SHIPPED)
    assert loaded.company.default_department == "sales"
    assert loaded.control.fact_source == "auto"
    assert loaded.plan.method == "history"
    assert loaded.reviews.bands.green == 80
    assert set(loaded.attestation.components) == {"kpi", "knowledge_test", "call_quality", "competencies"}
    assert loaded.reports.monthly[0] == "data_overview.ipynb"
    assert loaded.reports.daily == ["daily_brief.ipynb"]
    assert [s.source for s in loaded.motivation.schemes] == [
        "farmer.yaml", "head.yaml", "hunter.yaml", "hunter_2026-07.yaml", "hunter_2026-11.yaml"]
    assert loaded.motivation.payroll.for_department("sales").team_bonus is not None
    assert sorted(loaded.profiles) == [
        "1c_bank_statement", "1c_payments", "1c_receivables", "amocrm", "asterisk", "bitrix24",
        "bitrix24_excel", "mango", "sipuni", "uis",
    ]
    assert list(loaded.scorecards) == ["cold_call", "current_client"]
    assert loaded.team.users == {"ivanova": "head", "orlova": "trainer", "petrov": "analyst"}
    # every YAML file of params/ is one the settings read
    assert loaded.delivery.smtp.security == "starttls" and loaded.delivery.teams == {
        "sales": "otdel-prodazh@example.com"}
    read = {"company.yaml", "control.yaml", "plan.yaml", "reviews.yaml", "attestation.yaml", "reports.yaml",
            "delivery.yaml", "team.yaml", "checklist.yaml"}
    read |= {f"motivation/{s.source}" for s in loaded.motivation.schemes} | {"motivation/payroll.yaml"}
    read |= {f"profiles/{name}.yaml" for name in loaded.profiles}
    read |= {f"scorecards/{name}.yaml" for name in loaded.scorecards}
    assert {p.relative_to(SHIPPED).as_posix() for p in SHIPPED.rglob("*.yaml")} == read


def test_the_areas_take_their_part_from_the_one_settings(monkeypatch):
    current = settings.settings()
    reads = []
    monkeypatch.setattr("salesplan.paramfile.read_yaml", lambda path: reads.append(path))
    assert company() is current.company
    assert control_params() is current.control
    assert plan_params() is current.plan
    assert scorecards.load_settings() is current.reviews
    assert scorecards.load_templates() == current.scorecards
    assert load_template() is current.attestation
    assert load_schemes() is current.motivation
    assert load_profile("amocrm") is current.profiles["amocrm"]
    assert runner.load_registry() is current.reports
    assert settings.settings() is current
    assert reads == []  # no area read a file of its own


def test_settings_are_read_again_when_a_file_changes(home):
    first = settings.settings()
    assert settings.settings() is first
    replace(home, "company.yaml", "name: ООО «Демо Продажи»", "name: ООО «Другая компания»")
    assert company().name == "ООО «Другая компания»"
    assert settings.settings() is not first


# --- before any work ------------------------------------------------------------------------


def test_a_typo_in_control_yaml_stops_the_monthly_run_before_any_kernel(home, tmp_path, monkeypatch, capsys):
    replace(home, "control.yaml", "  stale_days: 30", "  stale_dys: 30")
    started = []
    monkeypatch.setattr(runner, "_execute", lambda *args: started.append(args))
    pack = tmp_path / "pack"
    code, out, err = cli(monkeypatch, capsys, "run", "monthly", "--month", "2026-10", "--out", str(pack))
    assert code == 2 and out == ""
    assert err == (
        "Ошибка: params/control.yaml: ключ hygiene.stale_dys = 30: неизвестный ключ; "
        "может быть, stale_days?\n"
    )
    assert started == []
    assert not pack.exists() and list(tmp_path.glob(".pack.*")) == []  # no pack, not even a half-built one
    assert not (home / "reports").exists() and not (home / "data").exists()


def test_the_runner_checks_the_settings_before_any_kernel(home, tmp_path, monkeypatch):
    write(home, "plan.yaml", "ramp_up: [0.5, 1.5]\n")
    monkeypatch.setattr(runner, "_execute", lambda *args: pytest.fail("a kernel was started"))
    with pytest.raises(SettingsError) as err:
        runner.run_report("monthly", {"month": "2026-10"}, out_dir=tmp_path / "pack", progress=False)
    assert str(err.value) == (
        "params/plan.yaml: ключ ramp_up = [0.5, 1.5]: каждый коэффициент выхода на план — от 0 до 1"
    )
    assert not (tmp_path / "pack").exists()


def test_problems_in_several_files_are_all_reported(home, monkeypatch, capsys):
    replace(home, "control.yaml", "  top_debtors: 10", '  top_debtors: "десять"')
    replace(home, "control.yaml", "fact_source: auto", "fact_source: invoices")
    replace(home, "plan.yaml", "method: history ", "method: magic   ")
    replace(home, "motivation/hunter.yaml", "fixed: 50_000", "fixed: -50_000")
    code, out, err = cli(monkeypatch, capsys, "plan", "propose", "--month", "2026-10")
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "Ошибка: файлы параметров не прошли проверку (ошибок: 4):",
        "  params/control.yaml: ключ fact_source = \"invoices\": "
        "ожидалось одно из значений: 'auto', 'payments', 'won_deals'",
        '  params/control.yaml: ключ receivables.top_debtors = "десять": ожидалось целое число',
        "  params/plan.yaml: ключ method = \"magic\": "
        "ожидалось одно из значений: 'history', 'trend', 'funnel', 'bottom_up'",
        "  params/motivation/hunter.yaml: ключ fixed = -50000: сумма не может быть отрицательной",
    ]


@pytest.mark.parametrize("command", [
    ["run", "monthly", "--month", "2026-10"],
    ["run", "daily", "--date", "2026-10-30"],
    ["run", "weekly", "--week", "2026-W44"],
    ["run", "attestation", "--period", "2026-Q3"],
    ["demo"],
    ["import", "deals", "deals.csv"],
    ["plan", "propose", "--month", "2026-10"],
    ["plan", "approve", "--month", "2026-10"],
    ["plan", "export", "--month", "2026-10"],
    ["plan", "check", "plan.xlsx"],
    ["plan", "versions", "--month", "2026-10"],
    ["pay", "statements", "--month", "2026-10"],
    ["pay", "whatif", "--month", "2026-10"],
    ["deck", "--month", "2026-10"],
    ["reviews", "import", "reviews.csv"],
    ["reviews", "export", "out.xlsx"],
    ["attestation", "import-tests", "tests.csv"],
    ["attestation", "sheets", "--period", "2026-Q3"],
    ["attestation", "finalise", "--period", "2026-Q3", "--by", "Орлов", "--manager", "m1"],
])
def test_every_command_that_uses_settings_checks_them_first(home, monkeypatch, capsys, command):
    write(home, "company.yaml", "calendar:\n  extra_days_off: [2026-02-30]\n")
    monkeypatch.chdir(home)
    code, out, err = cli(monkeypatch, capsys, *command)
    assert code == 2 and out == ""
    assert err == (
        "Ошибка: params/company.yaml, строка 2, столбец 20: ключ calendar.extra_days_off.0 = 2026-02-30: "
        "такой даты нет в календаре; ожидалась существующая дата ГГГГ-ММ-ДД\n"
    )
    assert sorted(p.name for p in home.iterdir()) == ["notebooks", "params"]  # nothing written


def test_status_needs_no_settings(home, tmp_path, monkeypatch, capsys):
    write(home, "control.yaml", "fact_source: [\n")
    code, out, _ = cli(monkeypatch, capsys, "status", "--db", f"sqlite:///{tmp_path / 'db.sqlite'}")
    assert code == 0 and "deals" in out


# --- each kind of problem ---------------------------------------------------------------------


def _drop_criteria_means(raw):
    del raw["development"]["criteria_means"]


CASES = [
    # pydantic's error types, on the shipped models
    ("missing", lambda h: edit(h, "attestation.yaml", _drop_criteria_means),
     "params/attestation.yaml: ключ development.criteria_means: не задан, а он обязателен"),
    ("extra_forbidden, a close key", lambda h: replace(h, "control.yaml", "  seed: 20261", "  sed: 20261"),
     "params/control.yaml: ключ forecast.sed = 20261: неизвестный ключ; может быть, seed?"),
    ("extra_forbidden, no close key", lambda h: edit(h, "reviews.yaml", lambda r: r.update(colour="red")),
     'params/reviews.yaml: ключ colour = "red": неизвестный ключ; известны: bands, '
     "min_reviews_per_manager, min_answers_per_criterion, calibration_share"),
    ("int_parsing", lambda h: replace(h, "control.yaml", "  stale_days: 30", "  stale_days: месяц"),
     'params/control.yaml: ключ hygiene.stale_days = "месяц": ожидалось целое число'),
    ("int_from_float", lambda h: replace(h, "control.yaml", "  stale_days: 30", "  stale_days: 30.5"),
     "params/control.yaml: ключ hygiene.stale_days = 30.5: ожидалось целое число, без дробной части"),
    ("float_parsing", lambda h: replace(h, "plan.yaml", "  market: 0.0 ", "  market: рост"),
     'params/plan.yaml: ключ factors.market = "рост": ожидалось число'),
    ("decimal_parsing", lambda h: replace(h, "motivation/hunter.yaml", "floor: 80", "floor: высокий"),
     'params/motivation/hunter.yaml: ключ kpi.items.0.floor = "высокий": ожидалось число'),
    ("bool_parsing", lambda h: replace(h, "control.yaml", "  daily: false", "  daily: иногда"),
     'params/control.yaml: ключ as_of_day_counts.daily = "иногда": ожидалось true или false'),
    ("string_type", lambda h: replace(h, "company.yaml", "name: ООО «Демо Продажи»", "name: 42"),
     "params/company.yaml: ключ name = 42: ожидался текст"),
    ("date_from_datetime_parsing",
     lambda h: replace(h, "company.yaml", "extra_days_off: []", "extra_days_off: [30.12.2026]"),
     'params/company.yaml: ключ calendar.extra_days_off.0 = "30.12.2026": ожидалась дата ГГГГ-ММ-ДД'),
    ("time_parsing", lambda h: replace(h, "control.yaml", '"18:00"', '"18:70"'),
     'params/control.yaml: ключ checkpoints.2 = "18:70": ожидалось время ЧЧ:ММ (от 00:00 до 23:59)'),
    ("literal_error", lambda h: replace(h, "attestation.yaml", "period: quarter", "period: month"),
     "params/attestation.yaml: ключ period = \"month\": ожидалось одно из значений: 'quarter', 'half_year'"),
    ("greater_than", lambda h: edit(h, "scorecards/cold_call.yaml",
                                    lambda r: r["sections"][0]["criteria"][0].update(weight=0)),
     "params/scorecards/cold_call.yaml: ключ sections.0.criteria.0.weight = 0: ожидалось число больше 0"),
    ("greater_than_equal", lambda h: replace(h, "control.yaml", "  stale_days: 30", "  stale_days: 0"),
     "params/control.yaml: ключ hygiene.stale_days = 0: ожидалось число не меньше 1"),
    ("less_than", lambda h: replace(h, "control.yaml", "  interval: 80", "  interval: 100"),
     "params/control.yaml: ключ forecast.interval = 100: ожидалось число меньше 100"),
    ("less_than_equal", lambda h: replace(h, "control.yaml", "probability: 100}", "probability: 110}"),
     "params/control.yaml: ключ stages.6.probability = 110: ожидалось число не больше 100"),
    ("too_short", lambda h: edit(h, "control.yaml", lambda r: r.update(stages=[])),
     "params/control.yaml: ключ stages = []: слишком мало элементов (0): нужно не меньше 1"),
    ("string_too_short", lambda h: edit(h, "scorecards/cold_call.yaml", lambda r: r.update(title="")),
     'params/scorecards/cold_call.yaml: ключ title = "": ожидался текст не короче 1 симв.'),
    ("string_pattern_mismatch", lambda h: write(h, "reports.yaml", "daily: [briefs/daily.ipynb]\n"),
     'params/reports.yaml: ключ daily.0 = "briefs/daily.ipynb": '
     "ожидался текст: имя файла блокнота *.ipynb, без папок"),
    ("list_type", lambda h: replace(h, "plan.yaml", "ramp_up: [0.3, 0.5, 0.7, 0.9]", "ramp_up: 0.5"),
     "params/plan.yaml: ключ ramp_up = 0.5: ожидался список"),
    ("dict_type", lambda h: edit(h, "control.yaml", lambda r: r["activity_norms"].update(by_role=["hunter"])),
     'params/control.yaml: ключ activity_norms.by_role = ["hunter"]: ожидался набор «ключ: значение»'),
    ("model_type", lambda h: edit(h, "control.yaml", lambda r: r.update(hygiene=40)),
     "params/control.yaml: ключ hygiene = 40: ожидался набор «ключ: значение»"),
    ("model_type, the whole file", lambda h: write(h, "reviews.yaml", "- green\n- yellow\n"),
     "params/reviews.yaml: ожидался набор «ключ: значение»"),
    ("value_error", lambda h: edit(h, "motivation/farmer.yaml",
                                   lambda r: r["kpi"]["items"][0].update(weight=1)),
     "params/motivation/farmer.yaml: ключ kpi.items: веса KPI в сумме 41, а должны давать 100"),
    # the file and the folder
    ("YAML syntax", lambda h: replace(h, "control.yaml", "  stale_days: 30", "  stale_days: 30: дней"),
     "params/control.yaml, строка 45, столбец 17: ошибка в синтаксисе YAML — "
     "двоеточие здесь недопустимо: проверьте отступ или возьмите значение в кавычки"),
    ("YAML, a tab", lambda h: replace(h, "reviews.yaml", "  green: 80", "\tgreen: 80"),
     "params/reviews.yaml, строка 3, столбец 1: ошибка в синтаксисе YAML — с этого символа значение "
     "начинаться не может: отступы делайте пробелами, а значение с @, ` или % возьмите в кавычки"),
    ("impossible date",
     lambda h: replace(h, "company.yaml", "extra_working_days: []", "extra_working_days: [2026-02-30]"),
     "params/company.yaml, строка 9, столбец 24: ключ calendar.extra_working_days.0 = 2026-02-30: "
     "такой даты нет в календаре; ожидалась существующая дата ГГГГ-ММ-ДД"),
    ("file missing", lambda h: (h / "params" / "attestation.yaml").unlink(),
     "params/attestation.yaml: файл не найден"),
    ("not UTF-8", lambda h: (h / "params" / "company.yaml").write_bytes("name: Компания\n".encode("cp1251")),
     "params/company.yaml: файл не в кодировке UTF-8"),
    ("no scheme", lambda h: [p.unlink() for p in (h / "params" / "motivation").glob("[!p]*.yaml")],
     "params/motivation: нет ни одной схемы мотивации (*.yaml)"),
    ("no scorecard", lambda h: shutil.rmtree(h / "params" / "scorecards"),
     "params/scorecards: нет ни одного шаблона оценки звонков (*.yaml)"),
    ("a scorecard's id is not its file name",
     lambda h: shutil.move(h / "params/scorecards/cold_call.yaml", h / "params/scorecards/cold.yaml"),
     'params/scorecards/cold.yaml: ключ id = "cold_call": ожидалось «cold», как имя файла'),
    ("two schemes for one role and month",
     lambda h: shutil.copy(h / "params/motivation/head.yaml", h / "params/motivation/head_2.yaml"),
     'params/motivation/head_2.yaml: ключ roles = ["head"]: «head» с 2025-01 уже покрыта схемой head.yaml'),
]


@pytest.mark.parametrize(("mistake", "expected"), [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_each_kind_of_problem_reads_in_russian(home, mistake, expected):
    mistake(home)
    assert problems(home) == [expected]


class Colour(enum.Enum):
    RED = "red"
    GREEN = "green"


class Sample(BaseModel):
    """Constraints that the shipped models do not use."""

    model_config = ConfigDict(extra="forbid")
    colour: Colour = Colour.RED
    step: int = Field(default=5, multiple_of=5)
    tags: list[str] = Field(default_factory=list, max_length=2)
    code: str = Field(default="", max_length=3)
    kind: Literal["a"] = "a"
    ratio: float = Field(default=0.5, allow_inf_nan=False)
    day: date = date(2026, 1, 1)


@pytest.mark.parametrize(("raw", "expected"), [
    ({"colour": "blue"}, "ключ colour = \"blue\": ожидалось одно из значений: 'red', 'green'"),
    ({"step": 7}, "ключ step = 7: ожидалось число, кратное 5"),
    ({"tags": ["a", "b", "c"]},
     'ключ tags = ["a", "b", "c"]: слишком много элементов (3): можно не больше 2'),
    ({"code": "ABCD"}, 'ключ code = "ABCD": ожидался текст не длиннее 3 симв.'),
    ({"ratio": "inf"}, 'ключ ratio = "inf": ожидалось конечное число'),
    ({"tags": "a"}, 'ключ tags = "a": ожидался список'),
    ({"kind": {"x": 1}}, 'ключ kind = {"x": 1}: ожидалось одно из значений: \'a\''),
    ({"day": 20261201}, "ключ day = 20261201: ожидалась дата ГГГГ-ММ-ДД"),
    ({"day": True}, "ключ day = true: ожидалась дата ГГГГ-ММ-ДД"),
])
def test_other_error_types_read_in_russian(raw, expected):
    with pytest.raises(SettingsError) as err:
        validate(raw, Sample, "sample.yaml")
    assert str(err.value) == f"sample.yaml: {expected}"


def test_an_error_type_without_russian_words_keeps_pydantic_s():
    class Other(BaseModel):
        id: uuid.UUID

    with pytest.raises(SettingsError) as err:
        validate({"id": "x"}, Other, "x.yaml")
    assert str(err.value).startswith(
        'x.yaml: ключ id = "x": недопустимое значение (Input should be a valid UUID')


def test_reading_the_settings_leaves_the_charts_and_the_import_checks_unloaded():
    """A report's kernel reads the settings first: that costs no matplotlib, pandera or hypothesis
    (each notebook of a pack starts a kernel)."""
    probe = ("import sys; from salesplan import settings; settings.check_settings(); "
             "print(sorted(m for m in ('matplotlib', 'pandera', 'hypothesis') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
