"""Demo discipline and pending cases of the invented unit: one khiển trách in 2026, one inspection already closed,
one complaint still pending. Every name, number and reason here is made up."""

from __future__ import annotations

import random
from datetime import date, timedelta

from app.domain.org import BOARD_LEADER_POSITIONS, DEPARTMENT_LEADER_POSITIONS
from app.extensions import db
from app.models import Discipline, PendingCase, Person, Year


def seed(people: list[Person], year: Year, today: date, rng: random.Random) -> None:
    # Staff members only (never a leader), three different people, picked reproducibly from the caller's rng.
    staff = sorted((p for p in people if p.active and p.position not in BOARD_LEADER_POSITIONS
                    and p.position not in DEPARTMENT_LEADER_POSITIONS), key=lambda p: p.code)
    disciplined, inspected, complainant = rng.sample(staff, 3)
    decided_on = date(year.year, 3, 16)
    db.session.add_all([
        Discipline(person_id=disciplined.id, form="khien_trach", decision_number=f"08/QĐ-BTĐKT/{year.year}",
                   decided_on=decided_on, ends_on=decided_on + timedelta(days=182),
                   reason="Chậm nộp hồ sơ thẩm định khen thưởng nhiều lần trong quý I, ảnh hưởng tiến độ chung "
                          "của Ban."),
        PendingCase(person_id=inspected.id, kind="inspection", opened_on=date(year.year, 8, 4),
                    closed_on=date(year.year, 9, 25),
                    note="Thanh tra việc thẩm định hồ sơ khen thưởng năm trước; kết luận không có sai phạm."),
        PendingCase(person_id=complainant.id, kind="complaint", opened_on=today - timedelta(days=19),
                    note="Đơn khiếu nại về kết quả xét khen thưởng đang được Ban xem xét, giải quyết."),
    ])
    db.session.flush()
