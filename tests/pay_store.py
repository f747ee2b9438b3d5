"""A small hand-built store for the motivation tests: March 2026, department ``sales``.

``a`` (hunter since 2025): plan 1 000 000; deals d1 (won 10 March, 1 000 000, margin 250 000,
new client K1), d2 (won 20 March, 500 000, no margin, client K2 who bought in 2025), d3 (lost);
payments: 600 000 received 12 March, 400 000 unpaid (due 20 March), 500 000 paid 5 April (due
25 March); 3 outgoing calls and 1 incoming in March. ``b`` (farmer hired 16 March): no plan,
deal d4 won 30 March (200 000, margin 30 000, new client K4) paid 31 March. ``c`` left in
February.
"""

from datetime import date, datetime

import pandas as pd
from sqlalchemy import insert

from salesplan import store
from salesplan.motivation.schemes import SchemeBook, read_schemes
from salesplan.plan_of_record import save_plan

RUB = 100


def fill(eng):
    with store.transaction(eng) as conn:
        conn.execute(insert(store.departments), [{"id": "sales", "name": "Продажи"}])
        conn.execute(insert(store.managers), [
            {"id": "a", "name": "Анна", "department_id": "sales", "role": "hunter",
             "hire_date": date(2025, 1, 1), "leave_date": None},
            {"id": "b", "name": "Борис", "department_id": "sales", "role": "farmer",
             "hire_date": date(2026, 3, 16), "leave_date": None},
            {"id": "c", "name": "Вера", "department_id": "sales", "role": "hunter",
             "hire_date": date(2024, 1, 1), "leave_date": date(2026, 2, 27)},
        ])
        # every row names every column: an executemany takes its columns from the first row
        conn.execute(insert(store.deals), [
            # K2 already bought in 2025: not a new client in March
            {"id": "d0", "manager_id": "c", "client_id": "K2", "amount": 100_000 * RUB, "margin": None,
             "created": date(2025, 5, 1), "closed": date(2025, 6, 1), "outcome": "won"},
            {"id": "d1", "manager_id": "a", "client_id": "K1", "amount": 1_000_000 * RUB,
             "margin": 250_000 * RUB, "created": date(2026, 2, 1), "closed": date(2026, 3, 10),
             "outcome": "won"},
            {"id": "d2", "manager_id": "a", "client_id": "K2", "amount": 500_000 * RUB, "margin": None,
             "created": date(2026, 2, 1), "closed": date(2026, 3, 20), "outcome": "won"},
            {"id": "d3", "manager_id": "a", "client_id": "K3", "amount": 300_000 * RUB, "margin": None,
             "created": date(2026, 2, 1), "closed": date(2026, 3, 25), "outcome": "lost"},
            {"id": "d4", "manager_id": "b", "client_id": "K4", "amount": 200_000 * RUB,
             "margin": 30_000 * RUB, "created": date(2026, 3, 17), "closed": date(2026, 3, 30),
             "outcome": "won"},
        ])
        conn.execute(insert(store.payments), [
            {"id": "p1", "deal_id": "d1", "manager_id": "a", "date": date(2026, 3, 12),
             "amount": 600_000 * RUB, "due_date": date(2026, 3, 20)},
            {"id": "p2", "deal_id": "d1", "manager_id": "a", "date": None,
             "amount": 400_000 * RUB, "due_date": date(2026, 3, 20)},  # 11 days overdue
            {"id": "p3", "deal_id": "d2", "manager_id": "a", "date": date(2026, 4, 5),
             "amount": 500_000 * RUB, "due_date": date(2026, 3, 25)},  # paid in April: 6 days
            {"id": "p4", "deal_id": "d4", "manager_id": "b", "date": date(2026, 3, 31),
             "amount": 200_000 * RUB, "due_date": date(2026, 4, 10)},
        ])
        conn.execute(insert(store.calls), [
            {"id": f"call{i}", "manager_id": "a", "started_at": datetime(2026, 3, 2 + i, 10),
             "direction": "out", "duration_s": 60} for i in range(3)
        ] + [{"id": "in1", "manager_id": "a", "started_at": datetime(2026, 3, 5, 10),
              "direction": "in", "duration_s": 60},
             {"id": "feb", "manager_id": "a", "started_at": datetime(2026, 2, 27, 10),
              "direction": "out", "duration_s": 60}])
    lines = pd.DataFrame({"manager_id": ["a", "a"], "date": [date(2026, 3, 2), date(2026, 3, 3)],
                          "amount": [700_000 * RUB, 300_000 * RUB]})
    save_plan(eng, "2026-03", "sales", lines, "РОП", "март", {}, status="approved")
    return eng


# A scheme paying commission on payments received: salary 50 000 and 10 % of the credited margin.
PAYMENTS_SCHEME = """\
name: Хантер — комиссия с оплат
roles: [hunter, farmer]
effective_from: 2025-01
fixed: 50_000
credit: payments
commissions:
  - {label: Комиссия с маржи, base: margin, method: flat, rate: 10}
team_bonus: false
"""


def payments_scheme(folder, extra: str = "") -> SchemeBook:
    """``PAYMENTS_SCHEME`` (with ``extra`` YAML appended) as the only scheme of ``folder``."""
    folder.mkdir(exist_ok=True)
    (folder / "payments.yaml").write_text(PAYMENTS_SCHEME + extra, encoding="utf-8")
    return read_schemes(folder)


def add_payment(eng, payment_id: str, deal_id: str, day: date, amount: int) -> None:
    """A payment (a refund when ``amount`` < 0) of Anna's on ``deal_id``, no client, no due date."""
    with store.transaction(eng) as conn:
        conn.execute(insert(store.payments).values(
            id=payment_id, deal_id=deal_id, date=day, amount=amount, manager_id="a"))
