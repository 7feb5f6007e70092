"""An initiative's life: who writes it when, when it can be decided, and the one-award rule."""

from __future__ import annotations

import pytest

from app.domain import initiatives as rules


@pytest.mark.parametrize(("status", "editable"), [
    ("draft", True), ("rejected", True), ("submitted", False), ("recognised", False),
])
def test_authors_write_a_draft_or_a_rejected_one_only(status, editable):
    assert rules.can_edit(status) is editable
    assert rules.can_submit(status) is editable


@pytest.mark.parametrize(("status", "attach"), [
    ("draft", True), ("submitted", True), ("recognised", False), ("rejected", False),
])
def test_authors_attach_files_while_the_dossier_is_open(status, attach):
    assert rules.authors_may_attach(status) is attach


@pytest.mark.parametrize(("status", "used", "decide", "mark", "available"), [
    ("draft", "", False, False, False),
    ("submitted", "", True, False, False),
    ("recognised", "", True, True, True),
    ("recognised", "“Chiến sĩ thi đua cơ sở” năm 2026", False, False, False),
    ("rejected", "", False, False, False),
])
def test_one_recognised_initiative_supports_one_award(status, used, decide, mark, available):
    assert rules.can_decide(status, used) is decide
    assert rules.can_mark_used(status, used) is mark
    assert rules.available_for_award(status, used) is available
    assert rules.can_unmark_used(used) is bool(used)


def test_a_submission_needs_the_title_the_problem_the_solution_and_the_benefit():
    values = {"title": "Số hoá hồ sơ", "problem": "  ", "solution": "Dùng phần mềm chung", "benefit": ""}
    assert rules.missing_for_submission(values) == ["problem", "benefit"]
    assert rules.missing_for_submission({name: "x" for name in rules.REQUIRED_FOR_SUBMISSION}) == []


@pytest.mark.parametrize(("creator", "chosen", "ids", "repeated"), [
    (1, [0, 0, 0], (1,), ()),
    (1, [3, 0, 2], (1, 3, 2), ()),  # the order chosen is kept, blanks skipped
    (1, [3, 3], (1, 3), (1,)),
    (1, [1, 2], (1, 2), (0,)),  # the creator is always first and cannot be chosen again
    (1, [None, 4], (1, 4), ()),
])
def test_authors_keep_the_creator_first_and_the_chosen_order(creator, chosen, ids, repeated):
    check = rules.order_authors(creator, chosen)
    assert check.ids == ids
    assert check.repeated == repeated
    assert check.ok is (not repeated)


def test_too_many_co_authors_are_reported():
    check = rules.order_authors(1, list(range(2, rules.MAX_CO_AUTHORS + 3)))
    assert check.too_many and not check.ok
