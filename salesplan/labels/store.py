"""The database: drivers, connections, schema versions (``salesplan.store``, ``salesplan db``)."""

STORE_ERRORS = {
    "outdated": "база данных {db} — со схемой прежней версии ({found}, нужна {head}): "
                "обновите её командой salesplan db upgrade --db {db}",
    "unversioned": "база данных {db} создана прежней версией salesplan (схема без номера версии): "
                   "обновите её командой salesplan db upgrade --db {db}",
    "foreign": "в базе данных {db} есть таблицы, но нет таблиц salesplan: создайте их командой "
               "salesplan db upgrade --db {db} или укажите пустую базу",
    "newer": "база данных {db} обновлена более новой версией salesplan (схема {found}, "
             "эта версия знает схемы до {head}): обновите salesplan",
    "mismatch": "база данных {db} (схема без номера версии) не совпадает со схемой {base} и не может быть "
                "обновлена: {problems}",
    "no_driver": "нет драйвера базы данных «{module}» для {db}: установите его командой "
                 "pip install 'salesplan[postgres]'",
    "unreachable": "не удалось подключиться к базе данных {db}: {detail}",
    "bad_url": "адрес базы данных «{url}» не распознан: ожидался sqlite:///путь/к/файлу.db "
               "или postgresql://пользователь@сервер/база",
    "unsupported": "база данных «{dialect}» не поддерживается: только SQLite (sqlite:///…) "
                   "и PostgreSQL (postgresql://…)",
    "demo_not_empty": "демо-отдел строится только в пустой базе, а в {db} уже есть данные "
                      "({tables}): укажите новую базу",
}

DB_CLI = {
    "created": "База данных {db}: схема {head} создана.",
    "upgraded": "База данных {db}: схема обновлена с {found} до {head}.",
    "adopted": "База данных {db}: схема прежней версии проверена, принята как {base} и обновлена до {head}.",
    "current": "База данных {db}: схема {head} — актуальная, обновлять нечего.",
    "db": "База данных: {db}",
    "revision": "Схема базы: {found}",
    "head": "Схема этой версии salesplan: {head}",
    "none": "нет",
    "state": {
        "current": "Актуальная.",
        "empty": "База пуста: схема будет создана при первом обращении.",
        "outdated": "Нужно обновление: salesplan db upgrade.",
        "unversioned": "Создана прежней версией salesplan: salesplan db upgrade.",
        "foreign": "Таблиц salesplan нет: salesplan db upgrade создаст их.",
        "newer": "Обновлена более новой версией salesplan.",
    },
}
