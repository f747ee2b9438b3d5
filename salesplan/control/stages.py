"""Where a deal stands in the funnel, and the probability that it pays."""

from __future__ import annotations

import numpy as np
import pandas as pd


def _key(names: pd.Series) -> pd.Series:
    return names.astype("string").str.strip().str.casefold()


def stage_position(deals: pd.DataFrame, stages: list[str]) -> pd.Series:
    """Index of each deal's stage in the ordered ``stages`` (matched without regard to case).

    A won deal has passed every stage (the last index); a deal whose stage is not listed (e.g.
    an export's own "lost" stage) counts as having entered the funnel only (0).
    """
    order = {name.strip().casefold(): i for i, name in enumerate(stages)}
    pos = _key(deals["stage"]).map(order).fillna(0).astype("int64")
    return pos.mask(deals["outcome"] == "won", len(stages) - 1)


def probability(deals: pd.DataFrame, probabilities: dict[str, float]) -> pd.Series:
    """Probability (0…1) that each deal pays: 1 when won, 0 when lost, else its stage's.

    ``probabilities`` maps case-folded stage names to fractions
    (``ControlParams.stage_probabilities``); an open deal at an unlisted stage gets NaN, so
    its weighted amount is unknown rather than invented (hygiene lists such deals).
    """
    by_stage = _key(deals["stage"]).map(probabilities).astype("float64")
    outcome = deals["outcome"]
    return pd.Series(
        np.select([outcome == "won", outcome == "lost"], [1.0, 0.0], by_stage),
        index=deals.index,
    )


def unknown_stage(deals: pd.DataFrame, probabilities: dict[str, float]) -> pd.Series:
    """True for open deals whose stage has no probability in the parameters."""
    return (deals["outcome"] == "open") & ~_key(deals["stage"]).isin(list(probabilities))
