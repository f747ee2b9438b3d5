"""``salesplan send`` against a real SMTP server: each manager gets exactly their files, each
department its team pack; a refused address is reported while the rest go; a run again sends
nothing already sent unless ``--again``; ``--dry-run`` sends and logs nothing."""

import hashlib
import os
import shutil
from pathlib import Path

import mail_server
import pytest
import yaml
from cli_run import run
from sqlalchemy import insert, select

from salesplan import store
from salesplan.config import params_dir
from salesplan.delivery.addresses import is_address
from salesplan.filenames import safe_name

MONTH = "2026-10"
REFUSED = "petrova@example.com"
TEAM_ADDRESS = "sales-team@example.com"
DEPARTMENTS = [("sales", "Отдел продаж"), ("regions", "Региональный отдел")]
# id, name, department, hire date, leave date, address
MANAGERS = [
    ("m1", "Иванов Иван", "sales", "2024-01-10", None, "ivanov@example.com"),
    ("m2", "Петрова Анна", "sales", "2025-03-01", None, REFUSED),
    ("m3", "Сидоров Пётр", "sales", "2026-10-20", None, None),  # hired this month, no address yet
    ("м/4", "Кузнецова Мария", "regions", None, None, "kuznetsova@example.com"),  # an id unfit for a path
    ("m5", "Орлов Сергей", "regions", "2020-01-01", "2026-08-31", "orlov@example.com"),  # gone before
]
NAMES = {m[0]: m[1] for m in MANAGERS}
ADDRESSES = {m[0]: m[5] for m in MANAGERS}


@pytest.fixture
def mailbox():
    box = mail_server.Mailbox(refuse={REFUSED})
    controller = mail_server.start(box)
    box.port = controller.port
    yield box
    controller.stop()


def delivery_yaml(port: int, **smtp) -> dict:
    return {"smtp": {"host": mail_server.HOST, "port": port, "security": "none", **smtp},
            "sender": {"address": "otchety@example.com", "name": "Отдел продаж — отчёты"},
            "teams": {"sales": TEAM_ADDRESS}, "without_team_address": "managers"}


@pytest.fixture
def home(tmp_path, monkeypatch, mailbox) -> Path:
    """A project whose params/delivery.yaml points at the test's server, without a login."""
    home = tmp_path / "home"
    shutil.copytree(params_dir(), home / "params")
    write_params(home, delivery_yaml(mailbox.port))
    monkeypatch.setenv("SALESPLAN_HOME", str(home))
    monkeypatch.delenv("SALESPLAN_DB", raising=False)
    monkeypatch.setenv("SALESPLAN_USER", "head.of.sales")
    return home


def write_params(home: Path, raw: dict) -> None:
    path = home / "params" / "delivery.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    os.utime(path, ns=(os.stat(path).st_mtime_ns + 10**9,) * 2)  # a change the settings see


@pytest.fixture
def db(db_url) -> str:
    """The roster on SQLite, then on PostgreSQL (the log's files are JSON on both)."""
    url = db_url
    with store.transaction(store.engine(url)) as conn:
        conn.execute(insert(store.departments), [{"id": i, "name": n} for i, n in DEPARTMENTS])
        conn.execute(insert(store.managers), [
            {"id": i, "name": n, "department_id": d, "role": "hunter", "email": e,
             "hire_date": hire and _date(hire), "leave_date": leave and _date(leave)}
            for i, n, d, hire, leave, e in MANAGERS])
    return url


def _date(text: str):
    from datetime import date
    return date.fromisoformat(text)


@pytest.fixture
def pack(tmp_path) -> Path:
    """A pack as the monthly run lays it out: a folder of files per manager, the team pack,
    and a folder that names no manager. Every file's bytes are its own."""
    folder = tmp_path / "reports" / MONTH
    for manager_id in ("m1", "m2", "m3", "м/4"):
        personal = folder / "personal" / safe_name(manager_id)
        personal.mkdir(parents=True)
        stem = safe_name(manager_id)
        (personal / f"{stem}.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(300))
        (personal / f"{stem}.xlsx").write_bytes(b"PK\x03\x04" + os.urandom(200))
        (personal / "index.html").write_text(f"<h1>{NAMES[manager_id]}</h1>", encoding="utf-8")
    (folder / "personal" / "ghost").mkdir()
    team = folder / "team"
    team.mkdir(parents=True)
    (team / "index.html").write_text("<h1>Отдел</h1>", encoding="utf-8")
    (team / "deck.pptx").write_bytes(b"PK\x03\x04" + os.urandom(500))
    (team / "deck.html").write_text("<h1>Планёрка</h1>", encoding="utf-8")
    (team / "monthly_report.html").write_text("<h1>План/факт</h1>", encoding="utf-8")
    return folder


def folder_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def attached(message) -> dict[str, bytes]:
    return {part.get_filename(): part.get_payload(decode=True) for part in message.iter_attachments()}


def send(monkeypatch, capsys, db, pack, *args):
    return run(monkeypatch, capsys, "send", "--month", MONTH, "--pack", str(pack), "--db", db, *args)


def log_rows(db: str) -> list[tuple]:
    d = store.metadata.tables["deliveries"].c
    with store.engine(db).connect() as conn:
        return [tuple(r) for r in conn.execute(
            select(d.kind, d.recipient, d.address, d.status, d.login).order_by(d.id)).all()]


def test_each_manager_gets_their_files_and_each_department_the_team_pack(home, db, pack, mailbox,
                                                                           monkeypatch, capsys):
    code, out, err = send(monkeypatch, capsys, db, pack)
    assert code == 1, out + err  # one address refused, one manager without an address

    received = mailbox.messages()
    team = folder_files(pack / "team")
    # m1 and м/4 each got their own folder's files and nothing else; м/4 also the regions'
    # team pack (no team address there: to each active manager; m5 left in August)
    assert set(received) == {"ivanov@example.com", "kuznetsova@example.com", TEAM_ADDRESS}
    [personal] = received["ivanov@example.com"]
    assert attached(personal) == folder_files(pack / "personal" / "m1")
    kuznetsova = received["kuznetsova@example.com"]
    assert [attached(m) for m in kuznetsova] == [folder_files(pack / "personal" / safe_name("м/4")), team]
    [sales] = received[TEAM_ADDRESS]
    assert attached(sales) == team
    assert all(len(envelope[1]) == 1 for envelope in mailbox.envelopes)  # one recipient a message

    assert personal["Subject"] == "Ваши материалы за октябрь 2026"
    assert personal["To"].addresses[0].display_name == "Иванов Иван"
    assert personal["From"].addresses[0].addr_spec == "otchety@example.com"
    text = personal.get_body(("plain",)).get_content()
    assert text.startswith("Здравствуйте, Иванов Иван!\n\nВо вложении ваши материалы за октябрь 2026:\n")
    assert [line.removeprefix("  • ") for line in text.splitlines() if line.startswith("  • ")] == sorted(
        folder_files(pack / "personal" / "m1"))
    assert sales["Subject"] == "Материалы отдела «Отдел продаж» за октябрь 2026"
    assert kuznetsova[1]["Subject"] == "Материалы отдела «Региональный отдел» за октябрь 2026"

    assert (f"Не доставлено: Петрова Анна, адрес {REFUSED} — сервер ответил: 550 5.1.1 <{REFUSED}>: "
            "Recipient address rejected: User unknown") in out.splitlines()
    assert ("Нет адреса: Сидоров Пётр (m3) — личные материалы не отправлены; добавьте адрес в столбец "
            "email списка менеджеров (salesplan import managers …)") in out.splitlines()
    assert f"Папка {pack / 'personal' / 'ghost'}: нет менеджера с таким ID — её файлы не отправлены" in out
    assert out.splitlines()[-1] == ("Отправлено писем: 4; уже были отправлены: 0; не доставлено: 1; "
                                    "без адреса: 1")
    # personal ones by name (Иванов, Кузнецова, Петрова), then the departments (regions, sales)
    assert log_rows(db) == [
        ("personal", "m1", "ivanov@example.com", "sent", "head.of.sales"),
        ("personal", "м/4", "kuznetsova@example.com", "sent", "head.of.sales"),
        ("personal", "m2", REFUSED, "refused", "head.of.sales"),
        ("team", "regions", "kuznetsova@example.com", "sent", "head.of.sales"),
        ("team", "sales", TEAM_ADDRESS, "sent", "head.of.sales"),
    ]
    d = store.metadata.tables["deliveries"].c
    with store.engine(db).connect() as conn:
        logged = {r.recipient: r for r in conn.execute(select(d.recipient, d.files, d.reply)
                                                       .where(d.kind == "personal")).all()}
    assert logged["m1"].files == [{"name": name, "sha256": hashlib.sha256(data).hexdigest()}
                                  for name, data in sorted(folder_files(pack / "personal" / "m1").items())]
    assert logged["m1"].reply == "250 2.0.0 Ok: queued as Q1"  # the server's answer, as it gave it
    assert logged["m2"].reply == f"550 5.1.1 <{REFUSED}>: Recipient address rejected: User unknown"


def test_a_run_again_sends_only_what_has_not_gone(home, db, pack, mailbox, monkeypatch, capsys):
    send(monkeypatch, capsys, db, pack)
    assert len(mailbox.envelopes) == 4

    code, out, _ = send(monkeypatch, capsys, db, pack)
    assert code == 1 and len(mailbox.envelopes) == 4  # the refused address is tried again, and refused
    assert "Уже отправлено раньше: Иванов Иван <ivanov@example.com> — личные материалы" in out
    assert out.splitlines()[-1] == ("Отправлено писем: 0; уже были отправлены: 4; не доставлено: 1; "
                                    "без адреса: 1")

    (pack / "personal" / "m1" / "m1.pdf").write_bytes(b"%PDF-1.7\n corrected")  # a file changed
    mailbox.refuse.clear()
    code, out, _ = send(monkeypatch, capsys, db, pack)
    assert code == 1  # still a manager without an address
    assert [e[1] for e in mailbox.envelopes[4:]] == [["ivanov@example.com"], [REFUSED]]
    assert attached(mailbox.messages()["ivanov@example.com"][-1])["m1.pdf"] == b"%PDF-1.7\n corrected"

    code, out, _ = send(monkeypatch, capsys, db, pack, "--again")
    assert len(mailbox.envelopes) == 6 + 5
    assert out.splitlines()[-1] == ("Отправлено писем: 5; уже были отправлены: 0; не доставлено: 0; "
                                    "без адреса: 1")


def test_a_message_put_off_by_the_server_failed_and_goes_on_the_next_run(home, db, pack, mailbox,
                                                                          monkeypatch, capsys):
    mailbox.defer.add(TEAM_ADDRESS)
    code, out, _ = send(monkeypatch, capsys, db, pack, "--department", "sales")
    assert code == 1
    assert (f"Не отправлено: Отдел продаж, адрес {TEAM_ADDRESS} — 451 4.3.0 Mail server temporarily "
            "rejected message") in out.splitlines()
    assert ("team", "sales", TEAM_ADDRESS, "failed", "head.of.sales") in log_rows(db)
    mailbox.defer.clear()
    send(monkeypatch, capsys, db, pack, "--department", "sales")
    assert [e[1] for e in mailbox.envelopes] == [["ivanov@example.com"], [TEAM_ADDRESS]]


def test_a_dry_run_lists_what_would_go_and_sends_and_logs_nothing(home, db, pack, mailbox, monkeypatch,
                                                                    capsys):
    code, out, _ = send(monkeypatch, capsys, db, pack, "--dry-run")
    assert mailbox.envelopes == [] and log_rows(db) == []
    assert code == 1  # one would not go: no address
    files = ", ".join(sorted(folder_files(pack / "personal" / "m1")))
    assert f"Будет отправлено: Иванов Иван <ivanov@example.com> — личные материалы, файлы: {files}" in out
    assert sum(line.startswith("Будет отправлено: ") for line in out.splitlines()) == 5
    assert out.splitlines()[-1] == ("Пробный запуск (--dry-run): ничего не отправлено и не записано. "
                                    "Писем к отправке: 5; уже были отправлены: 0; без адреса: 1")


def test_one_department(home, db, pack, mailbox, monkeypatch, capsys):
    code, out, _ = send(monkeypatch, capsys, db, pack, "--department", "regions")
    assert code == 0, out
    assert [e[1] for e in mailbox.envelopes] == [["kuznetsova@example.com"]] * 2
    code, _, err = send(monkeypatch, capsys, db, pack, "--department", "north")
    assert code == 2 and err == "Ошибка: отдел «north» не найден; отделы в базе: regions, sales\n"


# --- the server's security and login ---------------------------------------------------------


def smtp_params(home: Path, port: int, **smtp) -> None:
    write_params(home, delivery_yaml(port, **smtp))


LOGIN = {"login_env": "TEST_SMTP_LOGIN", "password_env": "TEST_SMTP_PASSWORD"}


@pytest.fixture
def login_server(mailbox):
    """A second server that takes mail only after the login ``reports`` / ``s3cret``, over plain SMTP."""
    box = mail_server.Mailbox()
    controller = mail_server.start(box, auth_required=True, auth_require_tls=False,
                                   authenticator=mail_server.authenticator("reports", "s3cret", box))
    box.port = controller.port
    yield box
    controller.stop()


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_the_login_and_password_come_from_the_environment(home, db, pack, login_server, monkeypatch,
                                                          capsys):
    smtp_params(home, login_server.port, **LOGIN)
    monkeypatch.setenv("TEST_SMTP_LOGIN", "reports")
    monkeypatch.delenv("TEST_SMTP_PASSWORD", raising=False)
    code, _, err = send(monkeypatch, capsys, db, pack, "--department", "regions")
    assert code == 2 and err == (
        "Ошибка: переменная окружения TEST_SMTP_PASSWORD не задана (params/delivery.yaml, ключ "
        "smtp.password_env): задайте в ней пароль для почтового сервера\n")

    monkeypatch.setenv("TEST_SMTP_PASSWORD", "wrong")
    code, _, err = send(monkeypatch, capsys, db, pack, "--department", "regions")
    assert code == 2 and err == (f"Ошибка: почтовый сервер 127.0.0.1:{login_server.port} не принял логин "
                                 "reports: 535 5.7.8 Authentication credentials invalid\n")
    assert login_server.envelopes == [] and log_rows(db) == []

    monkeypatch.setenv("TEST_SMTP_PASSWORD", "s3cret")
    code, out, _ = send(monkeypatch, capsys, db, pack, "--department", "regions")
    assert code == 0, out
    # smtplib tries each mechanism the server offers (PLAIN, LOGIN) before giving up
    assert set(login_server.logins[:-1]) == {("reports", "wrong")}
    assert login_server.logins[-1] == ("reports", "s3cret")
    assert [e[1] for e in login_server.envelopes] == [["kuznetsova@example.com"]] * 2


@pytest.fixture
def certificate(tmp_path, monkeypatch):
    """A self-signed certificate for 127.0.0.1 that this process trusts ($SSL_CERT_FILE), and the
    server's TLS context with it."""
    import ssl

    cert, key = mail_server.self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    return context


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_the_login_goes_over_tls(security, home, db, pack, certificate, monkeypatch, capsys):
    box = mail_server.Mailbox()
    authenticator = mail_server.authenticator("reports", "s3cret", box)
    if security == "starttls":  # the server refuses the login before STARTTLS
        controller = mail_server.start(box, tls_context=certificate, require_starttls=True,
                                       auth_required=True, authenticator=authenticator)
    else:
        # aiosmtpd does not count a connection made over TLS as TLS for AUTH, only STARTTLS
        controller = mail_server.start(box, ssl_context=certificate, auth_required=True,
                                       auth_require_tls=False, authenticator=authenticator)
    try:
        smtp_params(home, controller.port, security=security, **LOGIN)
        monkeypatch.setenv("TEST_SMTP_LOGIN", "reports")
        monkeypatch.setenv("TEST_SMTP_PASSWORD", "s3cret")
        code, out, err = send(monkeypatch, capsys, db, pack, "--department", "regions")
        assert code == 0, out + err
        assert box.logins == [("reports", "s3cret")] and len(box.envelopes) == 2

        monkeypatch.delenv("SSL_CERT_FILE")  # a certificate nobody vouches for is refused
        code, _, err = send(monkeypatch, capsys, db, pack, "--department", "regions", "--again")
        step = "не перешёл на шифрование (STARTTLS)" if security == "starttls" else "недоступен"
        assert code == 2 and step in err and "CERTIFICATE_VERIFY_FAILED" in err
        assert len(box.envelopes) == 2
    finally:
        controller.stop()


def test_starttls_asked_of_a_server_without_it_stops_the_run(home, db, pack, mailbox, monkeypatch, capsys):
    smtp_params(home, mailbox.port, security="starttls")
    code, _, err = send(monkeypatch, capsys, db, pack)
    assert code == 2 and err.startswith(f"Ошибка: почтовый сервер 127.0.0.1:{mailbox.port} не перешёл "
                                        "на шифрование (STARTTLS): STARTTLS extension not supported")
    assert mailbox.envelopes == [] and log_rows(db) == []


# --- params/delivery.yaml --------------------------------------------------------------------


def problems_of(home: Path, raw: dict) -> list[str]:
    from salesplan.paramfile import SettingsError
    from salesplan.settings import load_settings

    write_params(home, raw)
    with pytest.raises(SettingsError) as err:
        load_settings(home / "params")
    return [str(p) for p in err.value.problems]


def test_a_password_in_the_file_is_refused_without_being_repeated(home, mailbox):
    raw = delivery_yaml(mailbox.port)
    raw["smtp"]["password"] = "hunter2"
    [problem] = problems_of(home, raw)
    assert problem == ("params/delivery.yaml: ключ smtp: password: учётные данные в файлах параметров не "
                       "хранятся — уберите ключ password и укажите в password_env имя переменной "
                       "окружения, в которой они заданы")
    raw["smtp"] = {"host": "h", "port": 25, "login": "hunter2"}
    assert "hunter2" not in problems_of(home, raw)[0]


@pytest.mark.parametrize(("change", "expected"), [
    (lambda r: r["smtp"].update(login_env="SMTP_LOGIN"),
     "params/delivery.yaml: ключ smtp: login_env и password_env задаются вместе: логин без пароля (или "
     "пароль без логина) сервер не примет"),
    (lambda r: r["smtp"].update(login_env="smtp login", password_env="P"),
     'params/delivery.yaml: ключ smtp.login_env = "smtp login": ожидался текст: имя переменной '
     "окружения: латинские буквы, цифры и «_»"),
    (lambda r: r["smtp"].update(security="tls"),
     'params/delivery.yaml: ключ smtp.security = "tls": ожидалось одно из значений: '
     "'none', 'starttls', 'ssl'"),
    (lambda r: r["teams"].update(sales="sales@"),
     'params/delivery.yaml: ключ teams.sales = "sales@": ожидался адрес электронной почты вида '
     "имя@домен.ru"),
    (lambda r: r["sender"].pop("address"), "params/delivery.yaml: ключ sender.address: не задан, а он "
     "обязателен"),
])
def test_a_wrong_delivery_file_says_where_and_what_is_expected(home, mailbox, change, expected):
    raw = delivery_yaml(mailbox.port)
    change(raw)
    assert problems_of(home, raw) == [expected]


def test_without_the_delivery_file_send_says_what_to_write(home, db, pack, monkeypatch, capsys):
    (home / "params" / "delivery.yaml").unlink()
    code, _, err = send(monkeypatch, capsys, db, pack)
    assert code == 2 and err == ("Ошибка: нет файла params/delivery.yaml: укажите в нём почтовый сервер и "
                                 "отправителя (образец — в docs/delivery.md)\n")


def test_a_month_without_a_pack(home, db, tmp_path, monkeypatch, capsys):
    code, _, err = send(monkeypatch, capsys, db, tmp_path / "nowhere")
    assert code == 2 and err == (f"Ошибка: нет папки {tmp_path / 'nowhere'}: сначала соберите материалы "
                                 f"за {MONTH} (salesplan run monthly --month {MONTH})\n")


def test_a_department_without_an_address(home, db, pack, mailbox, monkeypatch, capsys):
    raw = delivery_yaml(mailbox.port)
    raw["teams"] = {}
    write_params(home, raw)  # without_team_address: managers — each active manager gets the team pack
    code, out, _ = send(monkeypatch, capsys, db, pack, "--dry-run", "--department", "sales")
    team = [line for line in out.splitlines() if "материалы отдела" in line]
    assert team == [  # m5 left in August; m3, hired in October, has no address
        f"Будет отправлено: Иванов Иван <ivanov@example.com> — материалы отдела, файлы: "
        f"{', '.join(sorted(folder_files(pack / 'team')))}",
        f"Будет отправлено: Петрова Анна <{REFUSED}> — материалы отдела, файлы: "
        f"{', '.join(sorted(folder_files(pack / 'team')))}",
        "Нет адреса: Сидоров Пётр (m3) — материалы отдела не отправлены; добавьте адрес в столбец email "
        "списка менеджеров (salesplan import managers …)"]

    write_params(home, {**raw, "without_team_address": "none"})
    code, out, _ = send(monkeypatch, capsys, db, pack, "--dry-run")
    assert [line for line in out.splitlines() if "материалы отдела" in line] == [
        f"Нет адреса отдела «{name}» в params/delivery.yaml (teams) — материалы отдела не отправлены"
        for name in ("Региональный отдел", "Отдел продаж")]


@pytest.mark.parametrize(("text", "is_one"), [
    ("a.petrov@example.com", True), ("o'brien+reports@mail.example.co.uk", True), ("отдел@почта.рф", False),
    ("otdel@почта.рф", True), ("m07@sales.invalid", True), ("petrov@example", False), ("petrov@", False),
    ("@example.com", False), ("a petrov@example.com", False), ("a@@example.com", False),
    ("a@-example.com", False), ("a@example-.com", False), ("a@exa_mple.com", False),
    ("a@example.com.", False),
    ("Петров <a.petrov@example.com>", False), ("a@example.com, b@example.com", False),
])
def test_what_an_address_is(text, is_one):
    assert is_address(text) is is_one
