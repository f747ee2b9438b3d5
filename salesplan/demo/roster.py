"""Who works in the demo company, how each role sells, and the names the demo draws from.

Hire and leave dates are given in months before the demo's last month, so the department
looks the same whatever month the demo ends in.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    """How a role sells on an average working day (amounts in roubles)."""

    deals_per_day: float  # new deals opened
    amount_median: float  # deal amount, lognormal
    amount_sigma: float
    cycle_days: float  # median days from opening to closing
    win_rate: float  # share of opened deals won
    calls_per_day: float  # outgoing calls
    inbound_share: float  # incoming calls per outgoing call
    payment_terms: tuple[int, ...]  # days from invoice to due date, one per instalment
    late_payers: float  # share of won deals whose client pays after the due date
    pipeline: str
    source: str | None  # deal source; None: every deal comes from a lead
    products: dict[str, float]  # product line → weight


ROLES: dict[str, Role] = {
    "hunter": Role(1.3, 80_000, 0.4, 21, 0.33, 52, 0.08, (5,), 0.06, "Новые клиенты", None,
                   {"Оборудование": 0.5, "Расходные материалы": 0.2, "Внедрение": 0.3}),
    "farmer": Role(1.1, 80_000, 0.4, 12, 0.55, 36, 0.2, (21,), 0.1, "Текущие клиенты",
                   "Текущий клиент",
                   {"Расходные материалы": 0.45, "Сервисное обслуживание": 0.35,
                    "Оборудование": 0.2}),
    # Key clients order often: many mid-sized deals, each paid in two instalments, by contract.
    "key_account": Role(1.0, 200_000, 0.35, 30, 0.6, 18, 0.25, (30, 60), 0.0, "Ключевые клиенты",
                        "Ключевой клиент",
                        {"Оборудование": 0.4, "Внедрение": 0.3, "Сервисное обслуживание": 0.3}),
    # The head of sales leads the department and opens no deals of their own.
    "head": Role(0.0, 0.0, 0.0, 0, 0.0, 6, 0.3, (), 0.0, "", None, {}),
}

# Product line → (amount factor, margin rate before discounts).
PRODUCTS: dict[str, tuple[float, float]] = {
    "Оборудование": (1.3, 0.22),
    "Расходные материалы": (0.6, 0.35),
    "Внедрение": (1.1, 0.45),
    "Сервисное обслуживание": (0.8, 0.55),
}


@dataclass(frozen=True)
class Member:
    """A manager of the demo company."""

    id: str
    name: str
    department: str
    role: str
    hired: int  # months before the demo's last month
    hire_day: int = 1
    left: int | None = None  # months before the last month; None: still works
    leave_day: int = 15
    skill: float = 1.0  # multiplies the role's win rate
    volume: float = 1.0  # multiplies the deals opened and calls made
    discount: float = 0.0  # margin given away, as a share of the amount
    successor: str | None = None  # takes over the open deals of one who left
    slump: int | None = None  # months before the last month from which this one sells less
    slump_form: float = 1.0  # from then on: multiplies the win rate, the deals opened and the calls
    setback: tuple[int, float] | None = None  # a bad month: (months before the last, share of the usual)
    email: str | None = None  # at the reserved example.com; None: the roster has none yet


DEPARTMENTS = {"sales": "Отдел продаж", "regions": "Региональный отдел"}

MEMBERS: list[Member] = [
    Member("m01", "Ирина Соколова", "sales", "head", hired=64, email="i.sokolova@example.com"),
    Member("m02", "Алексей Петров", "sales", "hunter", hired=30, skill=1.15, volume=1.1,
           email="a.petrov@example.com"),
    Member("m03", "Дмитрий Волков", "sales", "hunter", hired=29, skill=0.95, discount=0.07,
           email="d.volkov@example.com"),
    Member("m04", "Мария Кузнецова", "sales", "farmer", hired=41, skill=1.05,
           email="m.kuznetsova@example.com"),
    Member("m05", "Ольга Смирнова", "sales", "farmer", hired=31, skill=0.95, volume=0.95,
           slump=3, slump_form=0.75, email="o.smirnova@example.com"),
    # A key client put its orders on hold for a month.
    Member("m06", "Сергей Орлов", "sales", "key_account", hired=70, setback=(1, 0.55),
           email="s.orlov@example.com"),
    # New: the roster has no address for him yet (salesplan send reports it).
    Member("m07", "Никита Лебедев", "sales", "hunter", hired=2, hire_day=6),
    Member("m08", "Андрей Морозов", "sales", "hunter", hired=34, left=5, leave_day=17,
           skill=0.85, successor="m02", email="a.morozov@example.com"),
    Member("m09", "Татьяна Фёдорова", "regions", "head", hired=28, email="t.fedorova@example.com"),
    Member("m10", "Игорь Зайцев", "regions", "hunter", hired=33, volume=0.9, email="i.zaitsev@example.com"),
    Member("m11", "Анна Попова", "regions", "farmer", hired=40, volume=0.95, email="a.popova@example.com"),
]

# How strongly each calendar month pays (January and May are weak, December strong).
SEASON = {1: 0.65, 2: 0.9, 3: 1.05, 4: 1.0, 5: 0.75, 6: 0.95,
          7: 0.85, 8: 0.85, 9: 1.05, 10: 1.1, 11: 1.15, 12: 1.4}
GROWTH_PER_MONTH = 0.008


def ramp(months_since_hire: int) -> float:
    """A new manager's activity (deals opened, calls): 30 % in the first month, full from the
    fourth; the win rate ramps as its square root."""
    return min(1.0, 0.3 + 0.25 * months_since_hire)


# Funnel stages in order, and the base chance of passing each (the last one: the deal is won).
STAGES = ["контакт", "потребность", "презентация", "возражения", "финальное предложение",
          "принятие решения"]
STAGE_PASS = [0.75, 0.75, 0.8, 0.85, 0.85, 0.8]
WON_STAGE = "успешно реализовано"

LEAD_SOURCES = {"Сайт": 0.35, "Входящий звонок": 0.2, "Холодный обзвон": 0.18,
                "Рекомендация": 0.1, "Яндекс Директ": 0.12, "Выставка": 0.05}
LEAD_CONVERSION = 0.35  # share of a hunter's leads that become deals

SEGMENTS = ["Розница", "Производство", "Логистика", "Строительство", "HoReCa", "Дистрибуция"]
NAME_STEMS = ["Альфа", "Вектор", "Гранит", "Северо", "Техно", "Строй", "Агро", "Мега", "Эко",
              "Профи", "Лидер", "Сибирь", "Волга", "Урал", "Нева", "Балт", "Дон", "Кама",
              "Орион", "Меридиан", "Полюс", "Квант", "Атлант", "Форвард", "Стандарт",
              "Импульс", "Заря", "Радуга", "Прайм", "Старт", "Байкал", "Енисей", "Алтай",
              "Смарт", "Континент", "Гарант", "Эталон", "Партнёр", "Феникс", "Спектр",
              "Азимут", "Вега", "Восток", "Гелиос", "Дельта", "Зенит", "Интер", "Кристалл",
              "Магистраль", "Нова", "Омега", "Пульсар", "Сигма", "Титан", "Успех", "Фортуна",
              "Центр", "Эверест", "Ямал", "Арсенал", "Бастион", "Горизонт", "Держава",
              "Ирбис", "Компас", "Лотос", "Рубин", "Сапфир", "Тайга", "Элемент"]
NAME_ENDINGS = ["снаб", "трейд", "пром", "логистик", "сервис", "маркет", "монтаж", "групп",
                "холдинг", "торг", "тех", "инвест", "ресурс", "комплект", "проект", "строй",
                "энерго", "маш", "лайн", "систем", "сбыт", "опт", "транс", "хим", "мет",
                "стиль", "лаб", "софт", "дизайн", "вуд"]
LEGAL_FORMS = ["ООО", "АО"]

# Call results (lower case) with their chance and talk time (median seconds, 0: no talk).
OUT_RESULTS = {"не дозвонился": (0.33, 0), "занято": (0.08, 0), "разговор": (0.4, 150),
               "перезвонить": (0.07, 50), "отказ": (0.06, 70),
               "назначена встреча": (0.025, 420), "отправлено кп": (0.035, 300)}
IN_RESULTS = {"разговор": (0.85, 200), "пропущен": (0.15, 0)}
