"""Repeated failed logins are slowed down, increasingly, and forgotten after a quiet hour."""

from datetime import datetime, timedelta

import pytest

from app.domain.login_throttle import ACCOUNT_POLICY, ADDRESS_POLICY, current_failures, seconds_to_wait

NOW = datetime(2026, 11, 27, 9, 0, 0)


@pytest.mark.parametrize(
    ("failures", "seconds_ago", "wait"),
    [
        (0, 0, 0),
        (4, 0, 0),  # within the free attempts
        (5, 0, 30),  # first wait
        (5, 10, 20),  # part of it has passed
        (5, 30, 0),  # all of it has passed
        (6, 0, 60),  # doubles
        (7, 0, 120),
        (12, 0, 900),  # capped at 15 minutes
        (50, 0, 900),
        (50, 3600, 0),  # a quiet hour forgets everything
    ],
)
def test_account_waits(failures, seconds_ago, wait):
    assert seconds_to_wait(ACCOUNT_POLICY, failures, NOW - timedelta(seconds=seconds_ago), NOW) == wait


def test_an_office_behind_one_address_is_not_locked_out_by_a_few_typos():
    assert seconds_to_wait(ADDRESS_POLICY, 20, NOW, NOW) == 0
    assert seconds_to_wait(ADDRESS_POLICY, 30, NOW, NOW) == 30


def test_old_failures_do_not_count_towards_a_new_series():
    assert current_failures(ACCOUNT_POLICY, 9, NOW - timedelta(hours=2), NOW) == 0
    assert current_failures(ACCOUNT_POLICY, 9, NOW - timedelta(minutes=2), NOW) == 9
    assert current_failures(ACCOUNT_POLICY, 9, None, NOW) == 0
