"""Who reviews whom by default, and how an admin's choice and departures change it."""

from app.domain.org import DepartmentInfo, Member, approver_id, default_reviewer, reviewees_of, reviewer_map

CHIEF = Member(1, "truong_ban", None)
DEPUTY_1 = Member(2, "pho_truong_ban", None)
DEPUTY_2 = Member(3, "pho_truong_ban", None)
HEAD_A = Member(10, "truong_phong", 100)
VICE_A = Member(11, "pho_truong_phong", 100)
STAFF_A = Member(12, "chuyen_vien", 100)
CLERK_A = Member(13, "nhan_vien", 100)
VICE_B = Member(20, "pho_truong_phong", 200)  # department B has no head
STAFF_B = Member(21, "chuyen_vien", 200)
HEAD_C = Member(30, "truong_phong", 300)  # department C has no leader in charge
STAFF_C = Member(31, "chuyen_vien", 300)
UNATTACHED = Member(40, "chuyen_vien", None)

PEOPLE = [CHIEF, DEPUTY_1, DEPUTY_2, HEAD_A, VICE_A, STAFF_A, CLERK_A, VICE_B, STAFF_B, HEAD_C, STAFF_C, UNATTACHED]
DEPARTMENTS = {100: DepartmentInfo(100, supervisor_id=2), 200: DepartmentInfo(200, supervisor_id=3),
               300: DepartmentInfo(300)}


def reviewer(member, people=PEOPLE):
    choice = default_reviewer(member, people, DEPARTMENTS)
    return choice.reviewer_id, choice.source


def test_department_head_reviews_the_department():
    assert reviewer(STAFF_A) == (10, "department_head")
    assert reviewer(CLERK_A) == (10, "department_head")
    assert reviewer(VICE_A) == (10, "department_head")


def test_leader_in_charge_reviews_the_head():
    assert reviewer(HEAD_A) == (2, "supervisor")


def test_chief_reviews_a_head_whose_department_has_no_leader_in_charge():
    assert reviewer(HEAD_C) == (1, "chief")


def test_deputy_head_stands_in_when_a_department_has_no_head():
    assert reviewer(STAFF_B) == (20, "department_deputy")
    assert reviewer(VICE_B) == (3, "supervisor")  # the deputy head herself goes up to the leader in charge


def test_chief_reviews_the_deputies_and_nobody_in_the_unit_reviews_the_chief():
    assert reviewer(DEPUTY_1) == (1, "chief")
    assert reviewer(CHIEF) == (None, "none")


def test_people_outside_any_department_go_to_the_chief():
    assert reviewer(UNATTACHED) == (1, "chief")


def test_an_admins_choice_wins():
    overridden = Member(12, "chuyen_vien", 100, reviewer_override_id=3)
    people = [overridden if p.id == 12 else p for p in PEOPLE]
    assert reviewer(overridden, people) == (3, "override")


def test_a_chosen_reviewer_who_has_left_falls_back_to_the_default():
    gone = Member(3, "pho_truong_ban", None, active=False)
    overridden = Member(12, "chuyen_vien", 100, reviewer_override_id=3)
    people = [gone if p.id == 3 else overridden if p.id == 12 else p for p in PEOPLE]
    assert reviewer(overridden, people) == (10, "department_head")


def test_when_the_head_leaves_the_deputy_head_takes_over():
    head_gone = Member(10, "truong_phong", 100, active=False)
    people = [head_gone if p.id == 10 else p for p in PEOPLE]
    assert reviewer(STAFF_A, people) == (11, "department_deputy")


def test_nobody_reviews_themselves_even_when_chosen():
    self_chosen = Member(12, "chuyen_vien", 100, reviewer_override_id=12)
    people = [self_chosen if p.id == 12 else p for p in PEOPLE]
    assert reviewer(self_chosen, people) == (10, "department_head")


def test_the_chief_approves_everyone_but_himself():
    assert approver_id(STAFF_A, PEOPLE) == 1
    assert approver_id(DEPUTY_1, PEOPLE) == 1
    assert approver_id(CHIEF, PEOPLE) is None


def test_reviewees_of_a_head():
    choices = reviewer_map(PEOPLE, DEPARTMENTS)
    assert sorted(reviewees_of(10, choices)) == [11, 12, 13]
    assert sorted(reviewees_of(1, choices)) == [2, 3, 30, 40]
