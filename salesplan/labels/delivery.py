"""Delivery of the packs by e-mail (salesplan.delivery, `salesplan send`)."""

DELIVERY_MESSAGE = {
    "personal_subject": "Ваши материалы за {month}",
    "team_subject": "Материалы отдела «{department}» за {month}",
    "greeting": "Здравствуйте, {name}!",
    "personal_intro": "Во вложении ваши материалы за {month}:",
    "team_intro": "Во вложении материалы отдела «{department}» за {month}:",
    "file": "  • {name}",
    "signature": "Письмо отправлено salesplan; отвечать на него не нужно.",
}

DELIVERY = {
    "kinds": {"personal": "личные материалы", "team": "материалы отдела"},
    "whom": "{name} <{address}>",
    "sent": "Отправлено: {whom} — {kind}, файлы: {files}",
    "would_send": "Будет отправлено: {whom} — {kind}, файлы: {files}",
    "already": "Уже отправлено раньше: {whom} — {kind} (те же файлы; ещё раз: --again)",
    "refused": "Не доставлено: {name}, адрес {address} — сервер ответил: {reply}",
    "failed": "Не отправлено: {name}, адрес {address} — {reply}",
    "no_address": "Нет адреса: {name} ({id}) — {kind} не отправлены; добавьте адрес в столбец email "
                  "списка менеджеров (salesplan import managers …)",
    "no_team_address": "Нет адреса отдела «{department}» в params/delivery.yaml (teams) — материалы "
                       "отдела не отправлены",
    "unknown_folder": "Папка {folder}: нет менеджера с таким ID — её файлы не отправлены",
    "no_team_pack": "Нет папки {folder} — материалы отдела не отправлены",
    "summary": "Отправлено писем: {sent}; уже были отправлены: {already}; не доставлено: {undelivered}; "
               "без адреса: {no_address}",
    "summary_dry": "Пробный запуск (--dry-run): ничего не отправлено и не записано. Писем к отправке: "
                   "{would}; уже были отправлены: {already}; без адреса: {no_address}",
}

DELIVERY_ERRORS = {
    "no_params": "нет файла params/delivery.yaml: укажите в нём почтовый сервер и отправителя "
                 "(образец — в docs/delivery.md)",
    "no_pack": "нет папки {folder}: сначала соберите материалы за {month} "
               "(salesplan run monthly --month {month})",
    "no_variable": "переменная окружения {variable} не задана (params/delivery.yaml, ключ smtp.{key}): "
                   "задайте в ней {what} для почтового сервера",
    "what": {"login_env": "логин", "password_env": "пароль"},
    "unreachable": "почтовый сервер {server} недоступен: {detail}",
    "login": "почтовый сервер {server} не принял логин {login}: {detail}",
    "starttls": "почтовый сервер {server} не перешёл на шифрование (STARTTLS): {detail}; проверьте "
                "smtp.security и smtp.port в params/delivery.yaml",
}
