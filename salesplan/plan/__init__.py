"""The plan model: propose, decompose, check and approve a month's sales plan.

For other reports:

- ``approved_plan(eng, month, department)`` → ``StoredPlan`` (or None): the plan of record with
  ``lines`` (manager_id, date, amount in kopecks), ``managers`` (manager_id → kopecks),
  ``weeks()``, ``norms`` (activity norms per manager), ``mix``, ``explanation``, ``notes``.
- ``salesplan.plan_of_record.plan_of_record`` / ``activity_norms``: the same as flat frames.
- ``list_plans`` / ``load_plan``: scenarios of a month (e.g. for a what-if on a scenario).

For modelling: ``Planner`` (history + cached contexts) → ``PlanInputs`` → ``PlanResult``
(``recompute`` is pure and fast); ``save_scenario``, ``compare``, ``approve``,
``version_history``; ``export.export_plan`` (workbook and sheets), ``export.check_workbook``
(a workbook edited outside); ``ui.PlanApp`` (the interactive model).
"""

from salesplan.plan.demo import seed_demo
from salesplan.plan.model import PlanContext, PlanInputs, PlanResult, build_context, recompute
from salesplan.plan.propose import Planner, read_commitments
from salesplan.plan.scenarios import (
    Comparison,
    StoredPlan,
    approve,
    approve_result,
    approved_plan,
    compare,
    list_plans,
    load_plan,
    save_scenario,
    version_history,
)

__all__ = [
    "Comparison",
    "PlanContext",
    "PlanInputs",
    "PlanResult",
    "Planner",
    "StoredPlan",
    "approve",
    "approve_result",
    "approved_plan",
    "build_context",
    "compare",
    "list_plans",
    "load_plan",
    "read_commitments",
    "recompute",
    "save_scenario",
    "seed_demo",
    "version_history",
]
