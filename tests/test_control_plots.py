"""The control charts: what they draw for the data they get."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from salesplan import labels  # noqa: E402
from salesplan.control import plots  # noqa: E402


def test_pace_draws_a_bar_per_manager_with_a_pace():
    summary = pd.DataFrame({"manager_id": ["a", "b", "c"], "pace": [80.0, np.nan, 120.0]})
    ax = plots.pace(summary, {"a": "Анна", "b": "Борис", "c": "Вера"}).axes[0]
    assert sorted(bar.get_width() for bar in ax.patches) == [80.0, 120.0]
    assert not ax.texts


def test_pace_without_a_plan_says_so_instead_of_empty_axes():
    summary = pd.DataFrame({"manager_id": ["a", "b"], "pace": [np.nan, np.nan]})
    ax = plots.pace(summary, {}).axes[0]
    assert [t.get_text() for t in ax.texts] == [labels.CONTROL["pace_none"]]
    assert not ax.patches and not ax.axison
