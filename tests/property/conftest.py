"""Hypothesis profiles and the shared world of the property tests.

These tests run on SQLite only: each example restores a saved database file, which is what makes hundreds of
examples per route affordable; the same views on PostgreSQL are covered example by example in tests/views.

Profiles: `ci` (the default) is derandomized, so every run of `make test` tries the same examples and a failure is
reproducible; `HYPOTHESIS_PROFILE=deep` tries many more, with fresh randomness, for a run by hand.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from tests.property import world as world_module

_SLOW_IS_FINE = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large,
                 HealthCheck.large_base_example, HealthCheck.filter_too_much]
settings.register_profile("ci", derandomize=True, database=None, max_examples=5, deadline=None,
                          suppress_health_check=_SLOW_IS_FINE, print_blob=True)
settings.register_profile("deep", database=None, max_examples=60, deadline=None, suppress_health_check=_SLOW_IS_FINE,
                          print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="module")
def world():
    """The small unit with every route's records, on the clock of world.TODAY (restored after the module)."""
    with world_module.world_at(world_module.TODAY) as built:
        yield built
