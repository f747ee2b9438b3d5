"""Under CI (``CI=true``) a missing prerequisite of a test fails the run; elsewhere it skips."""

import os

import pytest

ON_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def unavailable(reason: str) -> None:
    """Fail (under CI) or skip the test that needs what ``reason`` says is missing."""
    if ON_CI:
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)
