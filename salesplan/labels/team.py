"""The team server and the database roles (``salesplan serve``, ``salesplan team``,
``salesplan db roles``)."""

NO_ACCESS = "нет доступа"

# The team server's login page (salesplan/hub/templates/login.html).
HUB_LOGIN = {
    "title": "Вход",
    "username": "Логин:",
    "password": "Пароль:",
    "submit": "Войти",
    "error": "Неверный логин или пароль",
    "insecure": "Внимание: соединение с сервером не защищено (HTTP), пароль передаётся открыто. "
                "Откройте сервер по HTTPS.",
}

ROLES_ERRORS = {
    "no_password": "не заданы пароли ролей базы данных: задайте переменные окружения {variables}",
    "not_postgresql": "роли с правами создаются только в PostgreSQL, а {db} — не PostgreSQL: "
                      "укажите --db postgresql://…",
    "unclassified": "таблицы {tables} не отнесены ни к одной области в salesplan/schema.py (AREAS): "
                    "отнесите их, чтобы роли получили к ним права",
}

ROLES_CLI = {
    "done": "База данных {db}: роли {roles} созданы, права выданы.",
    "user": "  {role}: пользователь {user} (пароль из {variable})",
}

TEAM_ERRORS = {
    "unknown_user": "пользователя «{login}» нет в params/team.yaml (users): ожидался один из {known}",
    "no_proxy": "не найден configurable-http-proxy ({path}): установите его командой make team-proxy "
                "или укажите путь в SALESPLAN_HUB_PROXY",
    "no_hub": "JupyterHub не установлен: установите его командой pip install 'salesplan[team]'",
    "empty_password": "пароль не может быть пустым",
}

TEAM_CLI = {
    "password_prompt": "Пароль для {login}",
    "password_again": "Пароль для {login} ещё раз",
    "password_set": "Пароль пользователя {login} сохранён (в виде хеша) в {file}.",
    "serving": "Сервер команды: http://{ip}:{port}/ (база данных {db}, служебные файлы в {state}).",
}
