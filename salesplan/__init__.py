"""salesplan: planning and coaching workbooks for the head of a B2B sales department."""

from salesplan.calendar import days_worked, working_dates, working_days, working_days_between
from salesplan.control.kpi import nps
from salesplan.control.pace import pace, run_rate_forecast

__version__ = "0.1.0"

__all__ = [
    "__version__", "days_worked", "nps", "pace", "run_rate_forecast", "working_dates", "working_days",
    "working_days_between",
]
