"""Problems found in the parameter files (``salesplan.paramfile``, ``salesplan.settings``)."""

PARAMS_ERRORS = {
    # How a problem reads: the file, where in it, the value found, what was expected.
    "key_value": "ключ {key} = {value}: {expected}",
    "key": "ключ {key}: {expected}",
    "in_file": "{file}: {problem}",
    "at_line": "{file}, строка {line}, столбец {column}: {problem}",
    "several": "файлы параметров не прошли проверку (ошибок: {n}):",
    # The file itself.
    "file_missing": "файл не найден",
    "not_utf8": "файл не в кодировке UTF-8",
    "yaml_syntax": "ошибка в синтаксисе YAML — {problem}",
    "impossible_date": "такой даты нет в календаре; ожидалась существующая дата ГГГГ-ММ-ДД",
    "yaml_problems": {  # libyaml's problem texts
        "mapping values are not allowed in this context": (
            "двоеточие здесь недопустимо: проверьте отступ или возьмите значение в кавычки"
        ),
        "did not find expected ',' or ']'": "список не закрыт: ожидалась «,» или «]»",
        "did not find expected ',' or '}'": "набор ключей не закрыт: ожидалась «,» или «}»",
        "found character that cannot start any token": (
            "с этого символа значение начинаться не может: отступы делайте пробелами, "
            "а значение с @, ` или % возьмите в кавычки"
        ),
        "did not find expected key": "ожидался ключ «ключ: значение»: проверьте отступ",
        "did not find expected '-' indicator": "ожидался элемент списка «- …»: проверьте отступ",
        "did not find expected node content": "ожидалось значение",
        "could not find expected ':'": "после ключа не найдено двоеточие",
        "found unexpected end of stream": "файл кончился, а кавычки не закрыты",
        "found undefined alias": "ссылка *… на якорь &…, которого нет",
        "but found another document": "в файле несколько документов (---), ожидался один",
    },
    # pydantic's error types.
    "missing": "не задан, а он обязателен",
    "extra_forbidden": "неизвестный ключ",
    "did_you_mean": "неизвестный ключ; может быть, {suggestion}?",
    "known_keys": "неизвестный ключ; известны: {keys}",
    "int_parsing": "ожидалось целое число",
    "int_type": "ожидалось целое число",
    "int_from_float": "ожидалось целое число, без дробной части",
    "float_parsing": "ожидалось число",
    "float_type": "ожидалось число",
    "decimal_parsing": "ожидалось число",
    "decimal_type": "ожидалось число",
    "finite_number": "ожидалось конечное число",
    "bool_parsing": "ожидалось true или false",
    "bool_type": "ожидалось true или false",
    "string_type": "ожидался текст",
    "date_parsing": "ожидалась дата ГГГГ-ММ-ДД",
    "date_type": "ожидалась дата ГГГГ-ММ-ДД",
    "date_from_datetime_parsing": "ожидалась дата ГГГГ-ММ-ДД",
    "date_from_datetime_inexact": "ожидалась дата ГГГГ-ММ-ДД",
    "time_parsing": "ожидалось время ЧЧ:ММ (от 00:00 до 23:59)",
    "time_type": "ожидалось время ЧЧ:ММ в кавычках",
    "literal_error": "ожидалось одно из значений: {expected}",
    "enum": "ожидалось одно из значений: {expected}",
    "greater_than": "ожидалось число больше {gt}",
    "greater_than_equal": "ожидалось число не меньше {ge}",
    "less_than": "ожидалось число меньше {lt}",
    "less_than_equal": "ожидалось число не больше {le}",
    "multiple_of": "ожидалось число, кратное {multiple_of}",
    "too_short": "слишком мало элементов ({actual_length}): нужно не меньше {min_length}",
    "too_long": "слишком много элементов ({actual_length}): можно не больше {max_length}",
    "string_too_short": "ожидался текст не короче {min_length} симв.",
    "string_too_long": "ожидался текст не длиннее {max_length} симв.",
    "string_pattern_mismatch": "ожидался текст: {pattern}",
    "pattern": "по образцу {pattern}",
    "patterns": {  # what a pattern of the models asks for, in words
        r"^[a-z][a-z0-9_]*$": "латинские строчные буквы, цифры и «_», первая — буква",
        r"^[\w.-]+\.ipynb$": "имя файла блокнота *.ipynb, без папок",
        r"^[A-Za-z_][A-Za-z0-9_]*$": "имя переменной окружения: латинские буквы, цифры и «_»",
    },
    "list_type": "ожидался список",
    "tuple_type": "ожидался список",
    "set_type": "ожидался список",
    "dict_type": "ожидался набор «ключ: значение»",
    "model_type": "ожидался набор «ключ: значение»",
    "model_attributes_type": "ожидался набор «ключ: значение»",
    "other": "недопустимое значение ({detail})",
    # The files of a folder.
    "no_schemes": "нет ни одной схемы мотивации (*.yaml)",
    "no_scorecards": "нет ни одного шаблона оценки звонков (*.yaml)",
    "id_not_file_name": "ожидалось «{stem}», как имя файла",
    "scheme_overlap": "«{role}» с {month} уже покрыта схемой {other}",
    # The models' own checks (pydantic shows them as value errors).
    "stages_repeat": "названия этапов повторяются: {names}",
    "negative_spend": "{month}: расходы не могут быть отрицательными",
    "factor_name": "фактор «{name}»: название должно быть непустым, не длиннее {limit} знаков",
    "factor_value": "фактор «{name}»: {value:g} — доля должна быть больше −1 (−100 %) и не больше 10",
    "ramp_up_range": "каждый коэффициент выхода на план — от 0 до 1",
    "unknown_scale": "неизвестная шкала «{scale}»; ожидалась одна из: {scales}",
    "duplicate_section": "id разделов повторяются: {ids}",
    "duplicate_criterion": "id критериев повторяются: {ids}",
    "duplicate_point": "id пунктов чек-листа повторяются: {ids}",
    "unknown_role": "неизвестные роли: {roles}; ожидались: {known}",
    "criterion_weights": (
        "веса критериев в сумме {total}, а должны давать {expected} (по разделам: {sections})"
    ),
    "bands_order": "граница жёлтой зоны ({yellow}) не может быть выше границы зелёной ({green})",
    "scale_equal": "zero и full должны различаться (оба {value})",
    "indicator_no_scale": "у показателя «{indicator}» нет шкалы: задайте zero и full",
    "indicator_scale_equal": "у показателя «{indicator}» zero и full совпадают ({value}); нужны разные",
    "conditional_above_fits": "conditional ({conditional}) должен быть меньше fits ({fits})",
    "goals_order": "min_goals ({min_goals}) больше max_goals ({max_goals})",
    "unknown_components": "неизвестные компоненты: {unknown}; ожидались: {known}",
    "unknown_indicators": "components.{component}: неизвестные показатели: {unknown}; ожидались: {known}",
    "component_weights": "веса компонентов в сумме {total}, а должны давать 100",
    "amount": "ожидалась сумма в рублях",
    "negative_amount": "сумма не может быть отрицательной",
    "kpi_target_given": "target: у KPI «{metric}» цель — план из учёта, target не задаётся",
    "kpi_target_missing": "target: у KPI «{metric}» он обязателен",
    "per_working_day": "per_working_day: только для количеств (deals, new_clients, calls) с числовой целью",
    "norm_target": (
        "target: norm — норма активности из плана месяца, только для calls, meetings, proposals,"
        " а не «{metric}»"
    ),
    "stepped_no_steps": "steps: у ступенчатого KPI (mode: stepped) нужна хотя бы одна ступень",
    "stepped_accelerators": "accelerators: ступенчатый KPI ускоряется ступенями выше 100, без accelerators",
    "steps_not_stepped": "steps: только для mode: stepped",
    "kpi_weights": "веса KPI в сумме {total}, а должны давать 100",
    "payments_credit": "с credit: payments комиссия берётся с margin или turnover по ставке из "
                       "tiers или rate: комиссия с чистой прибыли и ставка по выполнению (by) "
                       "считаются по выигранным сделкам",
    "flat_commission": "комиссия flat задаётся ставкой rate, без tiers",
    "tiered_commission": "комиссия {method} задаётся ступенями tiers, без rate",
    "attainment_commission": (
        "комиссия по выполнению задаётся by и bands (method: whole или marginal), без tiers и rate"
    ),
    "first_tier": "tiers: первая ступень начинается с 0 (from: 0)",
    "gate_metric": "gates: порог по «{metric}» берёт цель из KPI с этой метрикой, а такого KPI в схеме нет",
    "increasing": "{field}: «{key}» должно расти от записи к записи",
    "non_decreasing": "{field}: «{key}» не должно убывать от записи к записи",
    "columns_without_header": (
        "columns: названия столбцов задаются только для файла без заголовка (header: false)"
    ),
    "header_without_columns": "header: false: перечислите столбцы файла по порядку в columns",
    "columns_repeat": "columns: названия повторяются: {names}",
    "bad_pattern": "skip_rows.{column}: неверное регулярное выражение «{pattern}» ({detail})",
    "rule_empty": "правилу нужен столбец-источник (source) или значение по умолчанию (default)",
    "not_a_table": "tables.{table}: такой таблицы нет; есть: {tables}",
    "not_canonical": "tables.{table}: не канонические столбцы: {unknown}; ожидались из: {known}",
    "required_unmapped": "tables.{table}: не сопоставлены обязательные столбцы: {missing}",
    "telephony_pattern": "telephony: pattern «{pattern}» — не регулярное выражение с группой в скобках",
    "telephony_zone": "telephony.unix_times: неизвестный часовой пояс «{zone}» (пример: Europe/Moscow)",
    "bad_address": "ожидался адрес электронной почты вида имя@домен.ru",
    "secret_in_file": (
        "{key}: учётные данные в файлах параметров не хранятся — уберите ключ {key} и укажите в {env_key} "
        "имя переменной окружения, в которой они заданы"
    ),
    "login_without_password": "login_env и password_env задаются вместе: логин без пароля (или пароль "
                              "без логина) сервер не примет",
}
