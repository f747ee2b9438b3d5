"""Managers found by their aliases and other spellings, clients by ИНН and by name; what an
import does with a manager the roster has not got; ``salesplan managers``."""


import pandas as pd
import pytest
from cli_run import run
from import_files import fresh_store, write_text

from salesplan import store
from salesplan.importing import import_file
from salesplan.importing.references import NewManagers

ROSTER = [
    "id;name;department_id;role;aliases",
    "m1;Иванов Иван Иванович;sales;farmer;205 Сотрудник 205| ivanov@crm |Иванов И.И.",
    "m2;Петрова Анна Сергеевна;sales;hunter;",
    "m3;Петров Пётр;sales;hunter;17",
    "m4;Иванова Ирина;sales;hunter;",
]
CALLS = [  # a telephony log: extensions, logins, initials, either order
    "id;started_at;manager;direction;duration_s",
    "k1;15.01.2026 10:00;205 Сотрудник 205;in;60",
    "k2;15.01.2026 10:05;Иванов И.;out;1:30",
    "k3;15.01.2026 10:07;Анна Петрова;out;30",
    "k4;15.01.2026 10:09;петров  пётр;out;45",
    "k5;15.01.2026 10:11;Сидоров Семён;out;20",
    "k6;15.01.2026 10:13;IVANOV@CRM;in;10",
    "k7;15.01.2026 10:15;Петров П.;out;15",
    "k8;15.01.2026 10:17;Петрова А.М.;out;25",
]
EXPECTED = {"k1": "m1", "k2": "m1", "k3": "m2", "k4": "m3", "k6": "m1", "k7": "m3"}


@pytest.fixture()
def roster(tmp_path):
    eng = fresh_store(tmp_path)
    result = import_file(eng, "managers", write_text(tmp_path / "roster.csv", ROSTER))
    assert result.rows_accepted == 4
    return eng


def stored(eng, table: str) -> pd.DataFrame:
    return store.read_table(eng, table).set_index("id")


def test_the_roster_keeps_its_aliases_trimmed(roster):
    aliases = stored(roster, "managers")["aliases"]
    assert aliases["m1"] == "205 Сотрудник 205|ivanov@crm|Иванов И.И."
    assert pd.isna(aliases["m2"]) and aliases["m3"] == "17"


def test_aliased_people_are_no_new_managers(roster, tmp_path):
    result = import_file(roster, "calls", write_text(tmp_path / "calls.csv", CALLS), rejects_dir=tmp_path)
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (8, 8, 0)
    assert result.new_managers == ["Петрова А.М.", "Сидоров Семён"]  # in name order
    calls = stored(roster, "calls")["manager_id"]
    assert calls[list(EXPECTED)].to_dict() == EXPECTED
    assert calls["k5"] == "sidorov-semen" and calls["k8"] == "petrova-a-m"
    # Петрова А.М. is not Петрова Анна Сергеевна (another patronymic): listed with her as the closest
    assert result.unresolved_managers["Петрова А.М."][0] == "Петрова Анна Сергеевна (m2)"
    assert len(stored(roster, "managers")) == 6


def test_an_ambiguous_spelling_finds_nobody(roster, tmp_path):
    # «И. Иванов» is m1 alone (Иванова Ирина has another surname); once Иванов Игорь joins the
    # roster, «Иванов И.» fits two managers and finds neither
    path = write_text(tmp_path / "calls.csv", [CALLS[0], "k1;15.01.2026 10:00;И. Иванов;in;60"])
    import_file(roster, "calls", path)
    import_file(roster, "managers", write_text(tmp_path / "more.csv", [
        "id;name", "m5;Иванов Игорь"]))
    result = import_file(roster, "calls", write_text(tmp_path / "again.csv", [
        CALLS[0], "k2;15.01.2026 10:00;Иванов И.;in;60"]))
    assert stored(roster, "calls")["manager_id"].to_dict() == {"k1": "m1", "k2": "ivanov-i"}
    assert result.new_managers == ["Иванов И."]
    assert result.unresolved_managers["Иванов И."][:2] == ["Иванов Иван Иванович (m1)", "Иванов Игорь (m5)"]


def test_reject_sends_the_rows_of_unknown_managers_to_the_rejects_file(roster, tmp_path):
    path = write_text(tmp_path / "calls.csv", CALLS)
    result = import_file(roster, "calls", path, rejects_dir=tmp_path, new_managers=NewManagers.REJECT)
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (8, 6, 2)
    assert result.new_managers == []
    assert sorted(stored(roster, "calls").index) == sorted(EXPECTED)
    assert len(stored(roster, "managers")) == 4
    rejects = pd.read_csv(result.rejects_path, sep=";", encoding="utf-8-sig", dtype=str)
    assert rejects[["id", "row_number", "column"]].values.tolist() == [
        ["k5", "6", "manager"], ["k8", "9", "manager"]]
    assert rejects["reason"].tolist()[1] == (
        "строка 9, столбец «manager»: менеджера «Петрова А.М.» нет в списке (похожие: Петрова Анна "
        "Сергеевна (m2), Петров Пётр (m3)); добавьте его в список менеджеров или псевдоним известному: "
        "salesplan managers alias ID ПСЕВДОНИМ")


def test_an_unknown_id_is_found_by_alias(roster, tmp_path):
    path = write_text(tmp_path / "calls.csv", [
        "id;started_at;manager_id;direction;duration_s", "k1;15.01.2026 10:00;17;in;60",
        "k2;15.01.2026 10:00;m2;in;60", "k3;15.01.2026 10:00;99;in;60"])
    result = import_file(roster, "calls", path, rejects_dir=tmp_path, new_managers=NewManagers.REJECT)
    assert stored(roster, "calls")["manager_id"].to_dict() == {"k1": "m3", "k2": "m2"}
    assert result.rows_rejected == 1 and list(result.unresolved_managers) == ["99"]


def test_clients_are_found_by_inn_then_by_name(roster, tmp_path):
    import_file(roster, "clients", write_text(tmp_path / "clients.csv", [
        "id;name;inn", "c1;ООО «Ромашка»;7707083893", "c2;АО \"Вектор\";5408131553",
        "c3;ИП Ёлкин Пётр;500100732259"]))
    path = write_text(tmp_path / "payments.csv", [
        "id;date;amount;client;client_inn",
        "P1;01.10.2026;1 000,00;Ромашка (старое название);7707083893",  # by ИНН, whatever the name
        "P2;02.10.2026;2 000,00;Ромашка, ООО;",  # by name
        "P3;03.10.2026;3 000,00;акционерное общество «ВЕКТОР»;",
        "P4;04.10.2026;4 000,00;Елкин Петр ИП;",
        "P5;05.10.2026;5 000,00;ООО «Лютик»;7701234567",  # new, with its ИНН
        "P6;06.10.2026;6 000,00;Лютик;7701234567",  # the same new client
        "P7;07.10.2026;7 000,00;ООО «Ромашка»;12345",  # a bad ИНН is rejected
    ])
    result = import_file(roster, "payments", path, rejects_dir=tmp_path)
    assert (result.rows_accepted, result.rows_rejected) == (6, 1)
    assert result.new_clients == ["ООО «Лютик»"]
    payments = stored(roster, "payments")
    assert payments["client_id"].to_dict() == {
        "P1": "c1", "P2": "c1", "P3": "c2", "P4": "c3", "P5": "ooo-liutik", "P6": "ooo-liutik"}
    assert "client_inn" not in payments.columns
    assert stored(roster, "clients").loc["ooo-liutik", "inn"] == "7701234567"
    rejects = pd.read_csv(result.rejects_path, sep=";", encoding="utf-8-sig", dtype=str)
    assert rejects[["id", "column"]].values.tolist() == [["P7", "client_inn"]]


def test_the_managers_commands_and_the_summary(roster, tmp_path, monkeypatch, capsys):
    db = str(roster.url)
    code, out, _ = run(monkeypatch, capsys, "managers", "alias", "m2", "Петрова А.М.", "ext 31", "--db", db)
    assert (code, out) == (0, "Псевдонимы менеджера Петрова Анна Сергеевна (m2): Петрова А.М., ext 31\n")
    code, _, err = run(monkeypatch, capsys, "managers", "alias", "m4", "петров пётр", "--db", db)
    assert (code, err) == (2, "Ошибка: псевдоним «петров пётр» уже принадлежит менеджеру Петров Пётр (m3)\n")
    code, _, err = run(monkeypatch, capsys, "managers", "alias", "m9", "x", "--db", db)
    assert code == 2 and "«m9» нет в списке" in err
    code, out, _ = run(monkeypatch, capsys, "managers", "list", "--db", db)
    assert out.splitlines()[1:] == [
        "  m1\tИванов Иван Иванович\t205 Сотрудник 205 | ivanov@crm | Иванов И.И.",
        "  m4\tИванова Ирина\tпсевдонимов нет",
        "  m3\tПетров Пётр\t17",
        "  m2\tПетрова Анна Сергеевна\tПетрова А.М. | ext 31",
    ]
    path = write_text(tmp_path / "calls.csv", CALLS)
    code, out, _ = run(monkeypatch, capsys, "import", "calls", str(path), "--new-managers", "reject",
                       "--rejects", str(tmp_path), "--db", db)
    assert code == 3
    assert out.splitlines()[4:] == [
        f"  отклонённые строки и причины: {tmp_path / 'rejected_calls.csv'}",
        "  не найдены в списке менеджеров (1):",
        "    «Сидоров Семён» нет в списке (похожих нет)",
        "    их строки отклонены (--new-managers reject)",
    ]
