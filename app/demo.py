"""The demo unit: an invented 20-person Ban in 4 departments. Every name here is made up."""

from __future__ import annotations

import importlib
import random
import secrets
from collections.abc import Iterator
from datetime import date

from app import audit, month_lock
from app.domain.calendar import default_deadlines
from app.domain.names import ascii_fold
from app.extensions import db
from app.models import Account, Department, Month, Person, Unit, Year

DEPARTMENTS = (
    ("VP", "Văn phòng", 1),
    ("TD", "Phòng Nghiệp vụ Thi đua", 2),
    ("KT", "Phòng Nghiệp vụ Khen thưởng", 3),
    ("TH", "Phòng Tổng hợp – Truyền thông", 4),
)

# (family, middle, given, gender, position, department code or None, employed from)
PEOPLE = (
    ("Phạm", "Quang", "Huy", "male", "truong_ban", None, date(2008, 3, 1)),
    ("Lê", "Thị Minh", "Ngọc", "female", "pho_truong_ban", None, date(2010, 9, 15)),
    ("Vũ", "Đức", "Thắng", "male", "pho_truong_ban", None, date(2011, 2, 1)),
    ("Đỗ", "Thị", "Lan", "female", "truong_phong", "VP", date(2012, 5, 2)),
    ("Hoàng", "Văn", "Ân", "male", "chuyen_vien", "VP", date(2016, 8, 1)),
    ("Bùi", "Thị", "Ánh", "female", "nhan_vien", "VP", date(2019, 3, 1)),
    ("Ngô", "Quốc", "Dũng", "male", "chuyen_vien", "VP", date(2018, 1, 2)),
    ("Trịnh", "Văn", "Đức", "male", "truong_phong", "TD", date(2009, 7, 1)),
    ("Nguyễn", "Thị", "Ơn", "female", "pho_truong_phong", "TD", date(2013, 4, 1)),
    ("Đặng", "Thị", "Anh", "female", "chuyen_vien", "TD", date(2017, 10, 1)),
    ("Lý", "Văn", "Ưng", "male", "chuyen_vien", "TD", date(2020, 6, 15)),
    ("Phan", "Minh", "An", "male", "chuyen_vien", "TD", date(2022, 9, 1)),
    ("Cao", "Thị", "Hằng", "female", "truong_phong", "KT", date(2010, 11, 1)),
    ("Tạ", "Văn", "Khôi", "male", "chuyen_vien", "KT", date(2015, 3, 16)),
    ("Đinh", "Thu", "Trang", "female", "chuyen_vien", "KT", date(2019, 8, 1)),
    ("Mai", "Xuân", "Phúc", "male", "chuyen_vien", "KT", date(2021, 2, 1)),
    ("Dương", "Thị", "Yến", "female", "truong_phong", "TH", date(2011, 6, 1)),
    ("Lương", "Văn", "Hải", "male", "chuyen_vien", "TH", date(2014, 9, 1)),
    ("Kiều", "Thị", "Mai", "female", "chuyen_vien", "TH", date(2018, 4, 2)),
    ("Châu", "Văn", "Bình", "male", "nhan_vien", "TH", date(2023, 3, 1)),
)

# Which deputy is in charge of which departments.
SUPERVISORS = {"VP": "Ngọc", "TD": "Ngọc", "KT": "Thắng", "TH": "Thắng"}

# The demo stands in late November 2026: the unit started using the app in August, so August to October are
# closed with data, November is at self-assessment, December is open for commitments.
DEMO_YEAR = 2026
DEMO_TODAY = date(2026, 11, 27)
MONTH_STATES = {**dict.fromkeys(range(1, 11), "closed"), 11: "self_assessment", 12: "commitments"}
# Each area fills its own part of the demo, in this order (a registration before the months, months before
# the initiatives that refer to them).
AREA_SEEDS = ("app.registration.demo", "app.commitments.demo", "app.initiatives.demo",
              "app.people.discipline_demo", "app.reviews.demo", "app.year_end.demo")


def username_for(family: str, middle: str, given: str) -> str:
    """'Lê Thị Minh Ngọc' -> 'ngoc.ltm': the habit of many Vietnamese offices."""
    initials = "".join(word[0] for word in f"{family} {middle}".split())
    return f"{ascii_fold(given)}.{ascii_fold(initials)}"


def seed(password: str | None) -> Iterator[str]:
    """Create the demo unit in one transaction; yield one line per account, starting with the username."""
    db.session.add(Unit(name="Ban Thi đua – Khen thưởng thành phố Hà Nội",
                        superior="Sở Nội vụ thành phố Hà Nội", place="Hà Nội"))
    departments = {code: Department(code=code, name=name, sort_order=order) for code, name, order in DEPARTMENTS}
    db.session.add_all(departments.values())
    lines = []
    people: dict[str, Person] = {}
    for number, (family, middle, given, gender, position, dept, start) in enumerate(PEOPLE, start=1):
        person = Person(code=f"CB{number:02d}", family_name=family, middle_name=middle, given_name=given,
                        gender=gender, position=position, department=departments.get(dept) if dept else None,
                        employed_from=start, active=True)
        people[given] = person
        account_password = password or secrets.token_urlsafe(9)
        account = Account(username=username_for(family, middle, given), person=person)
        account.set_password(account_password)
        db.session.add_all([person, account])
        lines.append(f"{account.username}\t{person.full_name}\t{position}\t{account_password}")
    admin_password = password or secrets.token_urlsafe(9)
    admin = Account(username="admin", is_admin=True)
    admin.set_password(admin_password)
    db.session.add(admin)
    db.session.flush()
    for code, given in SUPERVISORS.items():
        departments[code].supervisor_id = people[given].id
    year = _demo_year()
    db.session.flush()
    rng = random.Random(DEMO_YEAR)  # noqa: S311  # nosec B311 # the same invented demo every time; nothing secret
    with month_lock.unlocked(db.session, "demo"):  # the demo's past months happened before they were closed
        for module_name in AREA_SEEDS:
            module = importlib.import_module(module_name)
            module.seed(list(people.values()), year, DEMO_TODAY, rng)
            db.session.flush()
    audit.record("unit", None, "seed_demo", reason="flask seed-demo", actor_id=None)
    db.session.commit()
    return iter([f"admin\tQuản trị hệ thống\tadmin\t{admin_password}", *lines])


def _demo_year() -> Year:
    year = Year(year=DEMO_YEAR, rulebook_code="vn-2026", settings={}, commitments_due_day=5)
    for number, state in MONTH_STATES.items():
        commitments_due, self_assessment_due = default_deadlines(DEMO_YEAR, number, 5)
        year.months.append(Month(number=number, state=state, commitments_due=commitments_due,
                                 self_assessment_due=self_assessment_due))
    db.session.add(year)
    return year
