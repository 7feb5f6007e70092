"""Build the records a test needs, in a few lines. Call inside an app context."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from werkzeug.security import generate_password_hash

from app import month_lock
from app.domain.calendar import default_deadlines
from app.extensions import db
from app.models import Account, Department, Month, Person, Unit, Year

PASSWORD = "mat-khau-thu"
# Hashing with the production cost for every test account would take most of the suite's time.
_FAST_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
_counter = iter(range(1, 10**6))


def unit(name="Ban Thi đua – Khen thưởng thành phố Hà Nội", superior="Sở Nội vụ thành phố Hà Nội") -> Unit:
    record = Unit(name=name, superior=superior, place="Hà Nội")
    db.session.add(record)
    db.session.flush()
    return record


def department(code=None, name=None, sort_order=0, supervisor=None) -> Department:
    number = next(_counter)
    record = Department(code=code or f"P{number}", name=name or f"Phòng {number}", sort_order=sort_order,
                        supervisor_id=supervisor.id if supervisor else None)
    db.session.add(record)
    db.session.flush()
    return record


def person(given="Hoa", family="Trần", middle="Thị", position="chuyen_vien", dept=None, gender="female",
           username=None, active=True, employed_from=date(2020, 1, 1), is_admin=False, code=None) -> Person:
    number = next(_counter)
    record = Person(code=code or f"T{number:04d}", family_name=family, middle_name=middle, given_name=given,
                    gender=gender, position=position, department_id=dept.id if dept else None,
                    employed_from=employed_from, active=active)
    db.session.add(record)
    db.session.flush()
    if username:
        db.session.add(Account(username=username, password_hash=_FAST_HASH, person_id=record.id, is_admin=is_admin))
        db.session.flush()
    return record


def admin_account(username="quantri") -> Account:
    account = Account(username=username, password_hash=_FAST_HASH, is_admin=True)
    db.session.add(account)
    db.session.flush()
    return account


def small_unit() -> SimpleNamespace:
    """A unit with one of each role: the Trưởng ban, a deputy, two departments with a head and staff each,
    and an admin account that is nobody's person. Usernames are the role names."""
    unit()
    chief = person("Huy", "Phạm", "Quang", "truong_ban", gender="male", username="chief")
    leader = person("Ngọc", "Lê", "Minh", "pho_truong_ban", username="leader")
    dept_a = department("A", "Phòng A", 1, supervisor=leader)
    dept_b = department("B", "Phòng B", 2)
    head = person("Lan", "Đỗ", "Thị", "truong_phong", dept_a, username="head")
    staff = person("Ân", "Hoàng", "Văn", "chuyen_vien", dept_a, gender="male", username="staff")
    head_b = person("Hằng", "Cao", "Thị", "truong_phong", dept_b, username="head_b")
    staff_b = person("Khôi", "Tạ", "Văn", "chuyen_vien", dept_b, gender="male", username="staff_b")
    admin = admin_account("admin")
    db.session.commit()
    return SimpleNamespace(chief=chief.id, leader=leader.id, head=head.id, staff=staff.id, head_b=head_b.id,
                           staff_b=staff_b.id, dept_a=dept_a.id, dept_b=dept_b.id, admin=admin.id)


def year(number=2026, rulebook_code=None, states=None) -> Year:
    """A year with its twelve months; `states` maps month numbers to states (the rest stay not open)."""
    record = Year(year=number, rulebook_code=rulebook_code or ("vn-2026" if number >= 2026 else "vn-2024"),
                  settings={}, commitments_due_day=5)
    for month_number in range(1, 13):
        commitments_due, self_assessment_due = default_deadlines(number, month_number, 5)
        record.months.append(Month(number=month_number, state=(states or {}).get(month_number, "not_open"),
                                   commitments_due=commitments_due, self_assessment_due=self_assessment_due))
    db.session.add(record)
    db.session.commit()
    return record


def month(year_record: Year, number: int) -> Month:
    return next(m for m in year_record.months if m.number == number)


def past_writable():
    """Let a test's setup write into closed months, as the demo and a year-file import do (app.month_lock)."""
    return month_lock.unlocked(db.session, "test setup")
