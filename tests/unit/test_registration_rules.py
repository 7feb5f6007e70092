"""The life of a registration and what it must hold when sent (app.domain.registration)."""

from __future__ import annotations

import pytest

from app.domain.registration import (
    can_decide,
    can_edit,
    missing_for_submission,
    state_counts,
    year_accepts_registrations,
)


@pytest.mark.parametrize(("state", "editable", "decidable"), [
    (None, True, False),  # nothing yet: the person writes one
    ("draft", True, False),
    ("submitted", False, True),  # waiting: read-only for the author, the reviewer decides
    ("approved", False, False),
    ("rejected", True, False),  # sent back with a reason: corrected and sent again
])
def test_who_may_write_and_who_may_decide_follows_the_state(state, editable, decidable):
    assert can_edit(state) is editable
    assert can_decide(state) is decidable


@pytest.mark.parametrize(("title", "plan", "commitment", "missing"), [
    ("ldtt", "", "Học tập và làm theo Bác.", []),
    ("cstdcs", "", "Học tập và làm theo Bác.", []),  # CSTĐCS may come from an HTXS rating, not only an initiative
    ("cstd_tp", "", "Học tập và làm theo Bác.", ["initiative_plan"]),  # Điều 22: an initiative with city-wide effect
    ("cstd_tp", "Số hóa hồ sơ.", "Học tập và làm theo Bác.", []),
    ("ldtt", "", "   ", ["study_commitment"]),
    ("cstd_tp", " \n ", "", ["initiative_plan", "study_commitment"]),
])
def test_what_a_registration_must_hold_before_it_is_sent(title, plan, commitment, missing):
    assert missing_for_submission(title, plan, commitment) == missing


@pytest.mark.parametrize(("states", "accepts"), [
    ([], True),
    (["not_open"] * 12, True),
    (["closed"] * 11 + ["commitments"], True),
    (["closed"] * 12, False),  # the year is over
])
def test_a_year_takes_registrations_until_all_its_months_are_closed(states, accepts):
    assert year_accepts_registrations(states) is accepts


def test_counts_list_every_state_in_order_with_the_unregistered_first():
    counts = state_counts([None, "approved", "approved", "submitted", None, "rejected"])
    assert list(counts) == ["none", "draft", "submitted", "approved", "rejected"]
    assert counts == {"none": 2, "draft": 0, "submitted": 1, "approved": 2, "rejected": 1}
