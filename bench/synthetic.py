"""A synthetic unit for benchmarks: N invented people in departments and three years of their work.

- the current year (2026 by default, rulebook vn-2026, scored): months 1–10 closed (commitments, self-assessments,
  leaders' reviews approved, shortcomings raised and judged), month 11 at review (reviews pending, reviewed or
  approved, half of the open shortcomings judged), month 12 open for commitments (a draft sheet of three items each);
- the `past_years` before it (levels-only rulebook vn-2024): all twelve months closed the same way;
- every year: each person's approved registration, the unit's, a few recognised initiatives; every past year: the
  titles people received (the award history the year end reads for consecutive years).

Ids are explicit and stable: the current year is year 1 with months 1–12 (month id = month number), so the other
benchmarks can keep addressing November as month id 11; past years follow (year 2 = the year before, months 13–24…).

Built with bulk inserts (executemany of plain rows, explicit ids), never row by row through the ORM, so 2,000 people
and their 70,000 months take seconds. The rows bypass the month lock's flush check on purpose: this is history being
loaded, like the demo or a year-file import. Every name is invented.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import insert
from werkzeug.security import generate_password_hash

from app.domain.calendar import default_deadlines
from app.domain.rulebooks import rulebook
from app.domain.scoring import ItemResult, general_points, level_for_score, round_one_decimal, task_points
from app.extensions import db
from app.models import (
    Account,
    AwardHistory,
    CommitmentItem,
    CommitmentSheet,
    Department,
    Initiative,
    InitiativeAuthor,
    Month,
    MonthlyReview,
    Person,
    Registration,
    Shortcoming,
    ShortcomingFollowUp,
    Unit,
    UnitRegistration,
    Year,
)

PASSWORD = "bench-password"  # noqa: S105  (the synthetic accounts of a throwaway database)
# The production cost of hashing would dominate building 2,000 accounts; a benchmark needs no real secret.
_CHEAP_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
CLOSED_MONTHS = range(1, 11)  # of the current year
AT_REVIEW = 11
OPEN_FOR_COMMITMENTS = 12
CURRENT_BOOK, PAST_BOOK = "vn-2026", "vn-2024"

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Phan")
MIDDLE = ("Văn", "Thị", "Minh", "Thu", "Quốc", "Đức", "Thanh", "Ngọc", "Xuân", "Hữu")
GIVEN = ("An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hằng", "Hiếu", "Hoa", "Hùng", "Khánh", "Lan", "Linh",
         "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Uyên", "Việt", "Yến")
WORK = ("Thẩm định hồ sơ khen thưởng", "Tổng hợp báo cáo thi đua tháng", "Dự thảo tờ trình", "Cập nhật phần mềm",
        "Hướng dẫn nghiệp vụ cho đơn vị", "Trả lời đơn kiến nghị", "Biên tập bản tin thi đua")
INITIATIVES = ("Số hóa hồ sơ khen thưởng", "Bảng kiểm thẩm định hồ sơ", "Mẫu báo cáo thành tích dùng chung",
               "Quy trình bình xét trực tuyến", "Sổ tay nghiệp vụ thi đua")


@dataclass(frozen=True)
class SyntheticUnit:
    year: int
    people: int
    leader_username: str  # a board leader (Trưởng ban), who sees the whole unit
    head_username: str  # the head (Trưởng phòng) of the first department, who reviews its members
    password: str = PASSWORD
    staff_username: str = ""  # a staff member of the first department, reviewed by that head
    years: tuple[int, ...] = ()  # every year built, oldest first


@dataclass
class _Rows:
    """Every row to insert, by model, with ids handed out as they are added."""

    tables: dict = field(default_factory=dict)

    def add(self, model, row: dict) -> dict:
        rows = self.tables.setdefault(model, [])
        if "id" not in row and "id" in model.__table__.c:
            row = {"id": len(rows) + 1, **row}
        rows.append(row)
        return row

    def count(self, model) -> int:
        return len(self.tables.get(model, []))


# Insertion order: a row's foreign keys point at tables inserted before it.
_ORDER = (Year, Month, CommitmentSheet, CommitmentItem, MonthlyReview, Shortcoming, ShortcomingFollowUp,
          Registration, UnitRegistration, Initiative, InitiativeAuthor, AwardHistory)


def build(people: int, year: int = 2026, seed: int = 1, past_years: int = 2) -> SyntheticUnit:
    """Fill the (empty, created) database of the current app context with a unit of `people` people and
    1 + `past_years` years of their work."""
    rng = random.Random(seed)  # noqa: S311  (synthetic data, reproducible)
    department_size = 5 if people <= 40 else 20
    db.session.execute(insert(Unit), [{"id": 1, "name": "Ban Thi đua – Khen thưởng (dữ liệu thử)",
                                       "superior": "Sở Nội vụ", "place": "Hà Nội"}])
    staff_count = people - 3
    department_count = max(1, round(staff_count / department_size))
    persons, accounts = [], []
    # The board: the Trưởng ban and two deputies, each deputy in charge of half the departments.
    for number, position in enumerate(("truong_ban", "pho_truong_ban", "pho_truong_ban"), start=1):
        persons.append(_person(number, position, None, rng))
    departments = [{"id": d, "code": f"P{d:03d}", "name": f"Phòng {d:03d}", "sort_order": d,
                    "supervisor_id": 2 if d % 2 else 3} for d in range(1, department_count + 1)]
    reviewer: dict[int, int] = {2: 1, 3: 1}
    heads: dict[int, int] = {}
    staff_of_first = None
    for index in range(staff_count):
        number = index + 4
        department_id = index % department_count + 1
        position = "truong_phong" if department_id not in heads else rng.choice(("chuyen_vien", "chuyen_vien",
                                                                                  "nhan_vien"))
        if position == "truong_phong":
            heads[department_id] = number
            reviewer[number] = departments[department_id - 1]["supervisor_id"]
        else:
            reviewer[number] = heads[department_id]
            if department_id == 1 and staff_of_first is None:
                staff_of_first = number
        persons.append(_person(number, position, department_id, rng))
    for person in persons:
        accounts.append({"id": person["id"], "username": f"nguoi{person['id']:05d}", "password_hash": _CHEAP_HASH,
                         "person_id": person["id"], "is_admin": False, "active": True,
                         "must_change_password": False, "session_token": f"{person['id']:016x}"})
    db.session.execute(insert(Department), [{**d, "supervisor_id": None} for d in departments])
    db.session.execute(insert(Person), persons)
    for department in departments:  # the supervisors exist now
        db.session.execute(Department.__table__.update().where(Department.id == department["id"])
                           .values(supervisor_id=department["supervisor_id"]))
    db.session.execute(insert(Account), accounts)
    ids = [p["id"] for p in persons]
    rows = _Rows()
    # The current year first (ids 1 and 1–12), then the past years, newest first.
    numbers = [year] + [year - back for back in range(1, past_years + 1)]
    for year_id, number in enumerate(numbers, start=1):
        _year(rows, year_id, number, number == year, ids, reviewer, rng)
    for model in _ORDER:
        _insert(model, rows.tables.get(model, []))
    db.session.commit()
    return SyntheticUnit(year=year, people=people, leader_username="nguoi00001",
                         head_username=f"nguoi{heads[1]:05d}",
                         staff_username=f"nguoi{staff_of_first:05d}" if staff_of_first else "",
                         years=tuple(sorted(numbers)))


def _insert(model, rows: list[dict]) -> None:
    """Core inserts (executemany), cheaper per row than the ORM's bulk path; one statement per shape of row, since
    Core wants every row of an executemany to carry the same keys."""
    shapes: dict[tuple, list[dict]] = {}
    for row in rows:
        shapes.setdefault(tuple(sorted(row)), []).append(row)
    for same in shapes.values():
        db.session.execute(model.__table__.insert(), same)


def _person(number: int, position: str, department_id: int | None, rng: random.Random) -> dict:
    return {"id": number, "code": f"S{number:05d}", "family_name": rng.choice(FAMILY),
            "middle_name": rng.choice(MIDDLE), "given_name": rng.choice(GIVEN), "gender": rng.choice(("female", "male")),
            "position": position, "department_id": department_id, "employed_from": date(2015, 1, 1), "active": True,
            "version": 1}


def _states(current: bool) -> dict[int, str]:
    if not current:
        return dict.fromkeys(range(1, 13), "closed")
    states = dict.fromkeys(CLOSED_MONTHS, "closed") | {AT_REVIEW: "review", OPEN_FOR_COMMITMENTS: "commitments"}
    return {month: states.get(month, "not_open") for month in range(1, 13)}


def _year(rows: _Rows, year_id: int, number: int, current: bool, people: list[int], reviewer: dict[int, int],
          rng: random.Random) -> None:
    book = rulebook(CURRENT_BOOK if current else PAST_BOOK)
    rows.add(Year, {"id": year_id, "year": number, "rulebook_code": book.code, "settings": {}, "outstanding": False,
                    "commitments_due_day": 5, "version": 1})
    month_ids: dict[int, int] = {}
    for month, state in _states(current).items():
        commitments_due, self_due = default_deadlines(number, month, 5)
        month_ids[month] = rows.add(Month, {"id": (year_id - 1) * 12 + month, "year_id": year_id, "number": month,
                                            "state": state, "commitments_due": commitments_due,
                                            "self_assessment_due": self_due, "version": 1})["id"]
    states = _states(current)
    open_shortcomings: list[dict] = []
    for month, state in states.items():
        if state == "not_open":
            continue
        month_id = month_ids[month]
        written = datetime.combine(date(number, month, 28), time(9))
        for person_id in people:
            if state == "commitments":  # this month's sheet, being written
                sheet = rows.add(CommitmentSheet, {"person_id": person_id, "month_id": month_id, "state": "draft",
                                                   "return_comment": "", "version": 1})
                for position in range(1, 4):
                    rows.add(CommitmentItem, {
                        "sheet_id": sheet["id"], "position": position, "title": f"{rng.choice(WORK)} (tháng {month})",
                        "measure": "Sản phẩm hoàn thành", "deadline": date(number, month, 20),
                        "planned_points": Decimal(15) if book.is_scored else None, "outcome": None,
                        "major_error": False, "evidence": "", "version": 1})
                continue
            sheet = rows.add(CommitmentSheet, {"person_id": person_id, "month_id": month_id, "state": "submitted",
                                               "submitted_at": written - timedelta(days=24), "return_comment": "",
                                               "version": 1})
            results = []
            for position in range(1, rng.randint(3, 6) + 1):
                outcome = rng.choices(("on_time", "late", "not_done"), weights=(80, 13, 7))[0]
                results.append(ItemResult(Decimal(15), outcome))
                rows.add(CommitmentItem, {
                    "sheet_id": sheet["id"], "position": position, "title": f"{rng.choice(WORK)} (tháng {month})",
                    "measure": "Sản phẩm hoàn thành", "deadline": date(number, month, 20),
                    "planned_points": Decimal(15) if book.is_scored else None, "outcome": outcome,
                    "major_error": False, "evidence": "", "version": 1})
            rows.add(MonthlyReview, _review(rows.count(MonthlyReview) + 1, person_id, month_id, state, book, results,
                                            reviewer.get(person_id), rng, written))
        if state == "commitments":
            continue
        # Last month's open shortcomings get this month's verdict; a few people get a new one.
        judged_at = written + timedelta(days=3)
        for shortcoming in list(open_shortcomings):
            if state == "review" and rng.random() < 0.5:
                continue  # the month's review is under way: half judged so far
            verdict = rng.choices(("fixed", "partly_fixed", "not_fixed"), weights=(60, 25, 15))[0]
            rows.add(ShortcomingFollowUp, {"shortcoming_id": shortcoming["id"], "month_id": month_id,
                                           "person_report": "Đã rà soát lại quy trình.", "verdict": verdict,
                                           "verdict_note": "", "judged_at": judged_at, "version": 1})
            if verdict == "fixed":
                shortcoming["closed_in_month_id"] = month_id
                open_shortcomings.remove(shortcoming)
        if state == "closed":
            for person_id in rng.sample(people, max(1, len(people) // 12)):
                if person_id not in reviewer:
                    continue
                open_shortcomings.append(rows.add(Shortcoming, {
                    "person_id": person_id, "raised_month_id": month_id, "raised_in_id": None,
                    "text": "Báo cáo nộp chậm so với thời hạn.", "expected_fix": "Nộp báo cáo đúng hạn.",
                    "closed_in_month_id": None, "version": 1}))
    _registrations_and_awards(rows, year_id, number, current, book, people, rng)


def _registrations_and_awards(rows: _Rows, year_id: int, number: int, current: bool, book, people: list[int],
                              rng: random.Random) -> None:
    registered = datetime.combine(date(number, 1, 20), time(9))
    for person_id in people:
        title = "cstdcs" if rng.random() < 0.15 else "ldtt"
        rows.add(Registration, {"year_id": year_id, "person_id": person_id, "target_title": title,
                                "initiative_plan": "Sáng kiến cải tiến quy trình thẩm định." if title == "cstdcs"
                                else "", "study_commitment": "", "state": "approved", "submitted_at": registered,
                                "decided_by_id": 1, "decided_at": registered + timedelta(days=5),
                                "decision_reason": "", "version": 1})
        if not current:  # what the year brought, for the next years' consecutive-title rules
            draw = rng.random()
            title = "cstdcs" if draw < 0.08 else "ldtt" if draw < 0.8 else None
            if title:
                rows.add(AwardHistory, {"person_id": person_id, "year": number, "title": title,
                                        "decision": f"{number % 100 + 100}/QĐ-BTĐKT ngày 15/01/{number + 1}",
                                        "version": 1})
    rows.add(UnitRegistration, {"year_id": year_id, "target_title": "ttldtt", "plan": "", "state": "approved",
                                "submitted_at": registered, "submitted_by_id": 1, "decided_by_id": 1,
                                "decided_at": registered + timedelta(days=5), "decision_reason": "", "version": 1})
    if not current:
        rows.add(AwardHistory, {"person_id": None, "year": number, "title": "ttldtt",
                                "decision": f"{number % 100}/QĐ-UBND ngày 20/01/{number + 1}", "version": 1})
    for person_id in rng.sample(people, max(1, len(people) // 25)):
        initiative = rows.add(Initiative, {
            "year": number, "kind": "initiative", "title": f"{rng.choice(INITIATIVES)} (S{person_id:05d})",
            "problem": "", "solution": "", "benefit": "", "status": "recognised",
            "submitted_at": datetime.combine(date(number, 6, 1), time(9)), "level": "co_so",
            "decision_number": f"{person_id}/QĐ-BTĐKT", "decided_on": date(number, 10, 20), "scope": "Trong Ban",
            "rejection_reason": "", "decided_by_id": 1, "used_for_award": "", "created_by_id": person_id,
            "version": 1})
        rows.add(InitiativeAuthor, {"initiative_id": initiative["id"], "person_id": person_id, "position": 0})


def _review(review_id: int, person_id: int, month_id: int, month_state: str, book, results,
            reviewer_id: int | None, rng: random.Random, written: datetime) -> dict:
    if book.is_scored:
        general = {group.code: Decimal(rng.choice(("8", "8.5", "9", "9.5", "10")))
                   for group in book.scoring.general_groups}
        tasks = task_points(results, book.scoring).points.quantize(Decimal("0.001"))
        score = round_one_decimal(general_points(general, book.scoring) + tasks)
        level = level_for_score(score, book)
        self_general = {code: str(value) for code, value in general.items()}
    else:  # levels only: no points
        general, tasks, score, self_general = {}, None, None, {}
        level = rng.choices(("htxs", "htt", "ht"), weights=(15, 75, 10))[0]
    row = {"id": review_id, "person_id": person_id, "month_id": month_id, "leave": None,
           "self_general": self_general, "self_task_points": tasks,
           "self_score": score, "self_level": level, "self_strengths": "Hoàn thành nhiệm vụ được giao.",
           "self_shortcomings": "", "self_state": "submitted", "self_submitted_at": written,
           "review_state": "pending", "review_general": {}, "change_reasons": {}, "strengths": "", "direction": "",
           "level_comment": "", "version": 1}
    if reviewer_id is None:  # the Trưởng ban: assessed by the superior body
        return row
    state = "approved" if month_state == "closed" else rng.choice(("pending", "reviewed", "approved"))
    if state != "pending":
        row |= {"review_state": state, "reviewer_id": reviewer_id, "reviewed_at": written + timedelta(days=4),
                "review_general": row["self_general"], "review_task_points": tasks, "review_score": score,
                "review_level": level, "strengths": "Chủ động, đúng tiến độ.", "direction": "Tiếp tục phát huy."}
    if state == "approved":
        row |= {"approved_by_id": 1, "approved_at": written + timedelta(days=6)}
    return row
