"""A synthetic unit for benchmarks: N invented people in departments, one year with months 1–10 closed (commitments,
self-assessments, leaders' reviews approved, shortcomings raised and judged) and month 11 at review.

Built with bulk inserts (executemany of plain rows, explicit ids), never row by row through the ORM, so 2,000 people
and their 22,000 months take seconds. The rows bypass the month lock's flush check on purpose: this is history being
loaded, like the demo or a year-file import. Every name is invented.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
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
    CommitmentItem,
    CommitmentSheet,
    Department,
    Month,
    MonthlyReview,
    Person,
    Shortcoming,
    ShortcomingFollowUp,
    Unit,
    Year,
)

PASSWORD = "bench-password"  # noqa: S105  (the synthetic accounts of a throwaway database)
# The production cost of hashing would dominate building 2,000 accounts; a benchmark needs no real secret.
_CHEAP_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
CLOSED_MONTHS = range(1, 11)
AT_REVIEW = 11

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Phan")
MIDDLE = ("Văn", "Thị", "Minh", "Thu", "Quốc", "Đức", "Thanh", "Ngọc", "Xuân", "Hữu")
GIVEN = ("An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hằng", "Hiếu", "Hoa", "Hùng", "Khánh", "Lan", "Linh",
         "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Uyên", "Việt", "Yến")
WORK = ("Thẩm định hồ sơ khen thưởng", "Tổng hợp báo cáo thi đua tháng", "Dự thảo tờ trình", "Cập nhật phần mềm",
        "Hướng dẫn nghiệp vụ cho đơn vị", "Trả lời đơn kiến nghị", "Biên tập bản tin thi đua")


@dataclass(frozen=True)
class SyntheticUnit:
    year: int
    people: int
    leader_username: str  # a board leader (Trưởng ban), who sees the whole unit
    head_username: str  # the head (Trưởng phòng) of the first department, who reviews its members
    password: str = PASSWORD


def build(people: int, year: int = 2026, seed: int = 1) -> SyntheticUnit:
    """Fill the (empty, created) database of the current app context with a unit of `people` people."""
    rng = random.Random(seed)  # noqa: S311  (synthetic data, reproducible)
    book = rulebook("vn-2026")
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
    _year(year, book, [p["id"] for p in persons], reviewer, rng)
    db.session.commit()
    return SyntheticUnit(year=year, people=people, leader_username="nguoi00001",
                         head_username=f"nguoi{heads[1]:05d}")


def _person(number: int, position: str, department_id: int | None, rng: random.Random) -> dict:
    return {"id": number, "code": f"S{number:05d}", "family_name": rng.choice(FAMILY),
            "middle_name": rng.choice(MIDDLE), "given_name": rng.choice(GIVEN), "gender": rng.choice(("female", "male")),
            "position": position, "department_id": department_id, "employed_from": date(2015, 1, 1), "active": True,
            "version": 1}


def _year(number: int, book, people: list[int], reviewer: dict[int, int], rng: random.Random) -> None:
    db.session.execute(insert(Year), [{"id": 1, "year": number, "rulebook_code": book.code, "settings": {},
                                       "outstanding": False, "commitments_due_day": 5, "version": 1}])
    months = []
    for month in range(1, 13):
        commitments_due, self_due = default_deadlines(number, month, 5)
        state = "closed" if month in CLOSED_MONTHS else "review" if month == AT_REVIEW else "not_open"
        months.append({"id": month, "year_id": 1, "number": month, "state": state, "commitments_due": commitments_due,
                       "self_assessment_due": self_due, "version": 1})
    db.session.execute(insert(Month), months)
    sheets, items, reviews = [], [], []
    shortcomings, follow_ups = [], []
    open_shortcomings: list[dict] = []
    for month in (*CLOSED_MONTHS, AT_REVIEW):
        written = datetime.combine(date(number, month, 28), time(9))
        for person_id in people:
            sheet_id = len(sheets) + 1
            sheets.append({"id": sheet_id, "person_id": person_id, "month_id": month, "state": "submitted",
                           "submitted_at": written - timedelta(days=24), "return_comment": "", "version": 1})
            results = []
            for position in range(1, rng.randint(3, 6) + 1):
                outcome = rng.choices(("on_time", "late", "not_done"), weights=(80, 13, 7))[0]
                results.append(ItemResult(Decimal(15), outcome))
                items.append({"id": len(items) + 1, "sheet_id": sheet_id, "position": position,
                              "title": f"{rng.choice(WORK)} (tháng {month})", "measure": "Sản phẩm hoàn thành",
                              "deadline": date(number, month, 20), "planned_points": Decimal(15), "outcome": outcome,
                              "major_error": False, "evidence": "", "version": 1})
            reviews.append(_review(len(reviews) + 1, person_id, month, book, results, reviewer.get(person_id), rng,
                                   written))
        # Last month's open shortcomings get this month's verdict; a few people get a new one.
        judged_at = written + timedelta(days=3)
        for shortcoming in list(open_shortcomings):
            if month == AT_REVIEW and rng.random() < 0.5:
                continue  # November's review is under way: half judged so far
            verdict = rng.choices(("fixed", "partly_fixed", "not_fixed"), weights=(60, 25, 15))[0]
            follow_ups.append({"id": len(follow_ups) + 1, "shortcoming_id": shortcoming["id"], "month_id": month,
                               "person_report": "Đã rà soát lại quy trình.", "verdict": verdict,
                               "verdict_note": "", "judged_at": judged_at, "version": 1})
            if verdict == "fixed":
                shortcoming["closed_in_month_id"] = month
                open_shortcomings.remove(shortcoming)
        if month in CLOSED_MONTHS:
            for person_id in rng.sample(people, max(1, len(people) // 12)):
                if person_id not in reviewer:
                    continue
                record = {"id": len(shortcomings) + 1, "person_id": person_id, "raised_month_id": month,
                          "raised_in_id": None, "text": "Báo cáo nộp chậm so với thời hạn.",
                          "expected_fix": "Nộp báo cáo đúng hạn.", "closed_in_month_id": None, "version": 1}
                shortcomings.append(record)
                open_shortcomings.append(record)
    for statement, rows in ((CommitmentSheet, sheets), (CommitmentItem, items), (MonthlyReview, reviews),
                            (Shortcoming, shortcomings), (ShortcomingFollowUp, follow_ups)):
        if rows:
            db.session.execute(insert(statement), rows)


def _review(review_id: int, person_id: int, month: int, book, results, reviewer_id: int | None, rng: random.Random,
            written: datetime) -> dict:
    general = {group.code: Decimal(rng.choice(("8", "8.5", "9", "9.5", "10"))) for group in book.scoring.general_groups}
    tasks = task_points(results, book.scoring).points.quantize(Decimal("0.001"))
    score = round_one_decimal(general_points(general, book.scoring) + tasks)
    level = level_for_score(score, book)
    row = {"id": review_id, "person_id": person_id, "month_id": month, "leave": None,
           "self_general": {code: str(value) for code, value in general.items()}, "self_task_points": tasks,
           "self_score": score, "self_level": level, "self_strengths": "Hoàn thành nhiệm vụ được giao.",
           "self_shortcomings": "", "self_state": "submitted", "self_submitted_at": written,
           "review_state": "pending", "review_general": {}, "change_reasons": {}, "strengths": "", "direction": "",
           "level_comment": "", "version": 1}
    if reviewer_id is None:  # the Trưởng ban: assessed by the superior body
        return row
    state = "approved" if month in CLOSED_MONTHS else rng.choice(("pending", "reviewed", "approved"))
    if state != "pending":
        row |= {"review_state": state, "reviewer_id": reviewer_id, "reviewed_at": written + timedelta(days=4),
                "review_general": row["self_general"], "review_task_points": tasks, "review_score": score,
                "review_level": level, "strengths": "Chủ động, đúng tiến độ.", "direction": "Tiếp tục phát huy."}
    if state == "approved":
        row |= {"approved_by_id": 1, "approved_at": written + timedelta(days=6)}
    return row
