"""Invented demo content for the commitments area: August to October assessed and sent, November's sheets sent
(one sent back by its reviewer) with self-assessments partly done, a few November items not done so that
December's "copy unfinished work" has something to bring over. Scores come from domain.scoring, never typed in."""

from __future__ import annotations

import random
from datetime import date, datetime, time
from decimal import Decimal

from app import roster
from app.commitments.summary import item_results, stored_task_points
from app.domain.calendar import last_working_day
from app.domain.commitments import is_unfinished
from app.domain.rulebooks import rulebook
from app.domain.scoring import monthly_score
from app.extensions import db
from app.models import CommitmentItem, CommitmentSheet, Month, MonthlyReview, Person, Year

PAST_MONTHS = (8, 9, 10)
CURRENT_MONTH = 11

# The unit's work, by department (None: the board's leaders). "{m}" is the month, "{y}" the year.
WORK = {
    None: [
        ("Chỉ đạo xây dựng kế hoạch tổ chức phong trào thi đua cao điểm chào mừng các ngày lễ lớn", "Kế hoạch được ban hành"),
        ("Chủ trì họp giao ban công tác thi đua, khen thưởng tháng {m}/{y}", "Thông báo kết luận cuộc họp"),
        ("Duyệt hồ sơ đề nghị khen thưởng trình Hội đồng Thi đua – Khen thưởng Thành phố", "Tờ trình trình Hội đồng"),
        ("Kiểm tra công tác thi đua, khen thưởng tại các sở, ngành", "2 đơn vị được kiểm tra, có báo cáo"),
        ("Chỉ đạo tổng kết, nhân rộng điển hình tiên tiến", "Báo cáo tổng hợp các điển hình"),
        ("Góp ý dự thảo văn bản quy định về thi đua, khen thưởng của Thành phố", "Văn bản góp ý đúng hạn"),
    ],
    "VP": [
        ("Tổng hợp lịch công tác tuần của lãnh đạo Ban", "4 lịch tuần"),
        ("Quản lý văn bản đến, văn bản đi trên hệ thống quản lý văn bản", "100% văn bản được vào sổ trong ngày"),
        ("Lập dự toán kinh phí khen thưởng quý IV", "Dự toán trình lãnh đạo Ban"),
        ("Chuẩn bị hậu cần hội nghị sơ kết công tác thi đua, khen thưởng", "Hội nghị diễn ra đúng kế hoạch"),
        ("Cập nhật hồ sơ cán bộ, công chức trên phần mềm quản lý nhân sự", "20 hồ sơ cập nhật"),
        ("Thanh quyết toán kinh phí hội nghị, tập huấn tháng {m}", "Hồ sơ quyết toán đầy đủ"),
    ],
    "TD": [
        ("Tham mưu kế hoạch phát động phong trào thi đua năm {y}", "Dự thảo kế hoạch trình lãnh đạo Ban"),
        ("Theo dõi, đôn đốc các đơn vị đăng ký thi đua", "Danh sách tổng hợp đăng ký của các đơn vị"),
        ("Hướng dẫn nghiệp vụ thi đua cho các quận, huyện", "Văn bản hướng dẫn; 3 cuộc trao đổi nghiệp vụ"),
        ("Tổng hợp kết quả chấm điểm thi đua khối sở, ngành", "Bảng tổng hợp điểm"),
        ("Dự thảo báo cáo sơ kết phong trào thi đua tháng {m}/{y}", "Báo cáo trình lãnh đạo Ban"),
        ("Xây dựng tiêu chí bình xét thi đua cho cụm, khối thi đua", "Dự thảo bộ tiêu chí"),
    ],
    "KT": [
        ("Thẩm định hồ sơ đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố", "25 hồ sơ thẩm định"),
        ("Thẩm định hồ sơ đề nghị danh hiệu “Chiến sĩ thi đua thành phố”", "8 hồ sơ thẩm định"),
        ("Dự thảo tờ trình khen thưởng chuyên đề", "Tờ trình trình lãnh đạo Ban"),
        ("Rà soát hồ sơ đề nghị khen thưởng cấp Nhà nước", "Danh sách rà soát, ý kiến thẩm định"),
        ("Trả lời đơn, thư kiến nghị về khen thưởng", "Văn bản trả lời đúng hạn"),
        ("Cập nhật cơ sở dữ liệu khen thưởng trên phần mềm", "Các quyết định trong tháng được cập nhật"),
    ],
    "TH": [
        ("Tổng hợp báo cáo kết quả công tác thi đua, khen thưởng tháng {m}/{y}", "Báo cáo gửi Sở Nội vụ"),
        ("Cập nhật tin bài trên trang thông tin điện tử của Ban", "12 tin bài"),
        ("Tuyên truyền gương điển hình tiên tiến, người tốt việc tốt", "4 bài viết, 1 phóng sự"),
        ("Cập nhật phần mềm quản lý thi đua, khen thưởng", "Phiên bản mới chạy thử"),
        ("Biên tập bản tin thi đua số tháng {m}", "Bản tin phát hành"),
        ("Hỗ trợ các đơn vị sử dụng phần mềm khen thưởng trực tuyến", "Các yêu cầu hỗ trợ được xử lý"),
    ],
}

DOCUMENT_KINDS = ("TTr", "BC", "KH", "TB", "CV", "QĐ")
STRENGTHS = (
    "Chủ động tham mưu, hoàn thành các nhiệm vụ được giao đúng tiến độ.",
    "Có tinh thần trách nhiệm, phối hợp tốt với đồng nghiệp trong phòng.",
    "Thẩm định hồ sơ cẩn thận, đúng quy trình, ít phải trả lại.",
    "Chấp hành tốt kỷ luật, kỷ cương hành chính; thái độ phục vụ tận tình.",
    "Tích cực học tập, cập nhật văn bản mới về thi đua, khen thưởng.",
)
SHORTCOMINGS = (
    "Một số báo cáo còn nộp sát hạn; nguyên nhân: chưa sắp xếp thời gian hợp lý.",
    "Chất lượng dự thảo văn bản có lúc chưa cao, phải chỉnh sửa nhiều lần.",
    "Chưa chủ động đề xuất giải pháp mới trong công việc.",
    "",
)
RETURN_COMMENT = ("Nội dung 2 chưa ghi rõ sản phẩm đầu ra và số lượng; đề nghị bổ sung tiêu chí đo và thời hạn "
                  "cụ thể rồi gửi lại.")


def seed(people: list[Person], year: Year, today: date, rng: random.Random) -> None:
    """Commitments and self-assessments for the demo people, months 8 to 11 of the demo year."""
    months = {month.number: month for month in year.months}
    book = rulebook(year.rulebook_code)
    roster.forget()  # the people were added in this request: ask the roster afresh
    choices = roster.reviewer_choices()
    people_by_id = {person.id: person for person in people}
    sick = rng.choice([p for p in people if p.position in ("chuyen_vien", "nhan_vien")])
    previous: dict[int, list[CommitmentItem]] = {}
    for number in (*PAST_MONTHS, CURRENT_MONTH):
        month = months[number]
        sheets: dict[int, CommitmentSheet] = {}
        for person in people:
            if number == 9 and person is sick:
                _review(person, month, submitted=True, leave="sick")
                continue
            sheets[person.id] = _sheet(person, month, year.year, previous.get(person.id, []), rng)
        db.session.flush()  # ids, for next month's carried items
        if number in PAST_MONTHS:
            for person_id, sheet in sheets.items():
                _assess_items(sheet.items, rng)
                _scored_review(people_by_id[person_id], month, sheet.items, book, rng, submitted=True)
        else:
            _november(people, people_by_id, choices, month, sheets, book, rng)
        previous = {person_id: list(sheet.items) for person_id, sheet in sheets.items()}


def _sheet(person: Person, month: Month, year: int, carried: list[CommitmentItem], rng) -> CommitmentSheet:
    sheet = CommitmentSheet(person_id=person.id, month_id=month.id, state="submitted",
                            submitted_at=_at(date(year, month.number, rng.randint(2, 5)), hour=9))
    unfinished = [item for item in carried if is_unfinished(item.outcome)]
    pool = [work for work in WORK[person.department.code if person.department else None]
            if work[0] not in {item.title for item in unfinished}]
    count = rng.randint(3, 6)
    chosen = [(item.title, item.measure, item.id) for item in unfinished[:count]]
    chosen += [(title.format(m=month.number, y=year), measure, None)
               for title, measure in rng.sample(pool, max(count - len(chosen), 0))]
    for position, ((title, measure, source_id), points) in enumerate(zip(chosen, _split(len(chosen), rng),
                                                                         strict=True), start=1):
        sheet.items.append(CommitmentItem(position=position, title=title, measure=measure, planned_points=points,
                                          deadline=date(year, month.number, rng.randint(10, 28)),
                                          carried_from_id=source_id))
    db.session.add(sheet)
    return sheet


def _split(count: int, rng) -> list[Decimal]:
    """About 70 planned points over the items, in steps of 5 as people round them, each item at least 5."""
    weights = [rng.randint(1, 3) for _ in range(count)]
    points = [max(5, round(70 * weight / sum(weights) / 5) * 5) for weight in weights]
    points[-1] = max(5, 70 - sum(points[:-1]))
    return [Decimal(value) for value in points]


def _assess_items(items, rng, not_done_share: float = 0.07) -> None:
    for item in items:
        roll = rng.random()
        item.outcome = "not_done" if roll < not_done_share else "late" if roll < not_done_share + 0.12 else "on_time"
        item.major_error = item.outcome != "not_done" and rng.random() < 0.05
        if item.outcome != "not_done":
            day = min(item.deadline.day + (rng.randint(1, 4) if item.outcome == "late" else 0), 28)
            item.evidence = (f"{rng.randint(40, 480)}/{rng.choice(DOCUMENT_KINDS)}-BTĐKT ngày "
                             f"{day:02d}/{item.deadline.month:02d}/{item.deadline.year}")


def _general(book, rng) -> dict[str, str]:
    steps = (Decimal("8"), Decimal("8.5"), Decimal("9"), Decimal("9.5"), Decimal("10"))
    return {group.code: str(rng.choices(steps, weights=(1, 2, 4, 4, 3))[0]) for group in book.scoring.general_groups}


def _review(person: Person, month: Month, submitted: bool, **values) -> MonthlyReview:
    review = MonthlyReview(person_id=person.id, month_id=month.id, **{"self_general": {}, **values})
    if submitted:
        review.self_state = "submitted"
        review.self_submitted_at = _at(last_working_day(month.year.year, month.number))
    db.session.add(review)
    return review


def _scored_review(person: Person, month: Month, items, book, rng, submitted: bool) -> MonthlyReview:
    general = _general(book, rng)
    review = _review(person, month, submitted, self_general=general, self_strengths=rng.choice(STRENGTHS),
                     self_shortcomings=rng.choice(SHORTCOMINGS))
    if submitted:
        score = monthly_score({code: Decimal(value) for code, value in general.items()}, item_results(items), book)
        review.self_task_points = stored_task_points(score.tasks.points)
        review.self_score = score.total
        review.self_level = score.level
    return review


def _november(people, people_by_id, choices, month: Month, sheets, book, rng) -> None:
    """Sheets sent; one sent back by its reviewer; a third self-assessed and sent, a third under way, the rest not
    started — and those who finished left some work undone, for December to copy."""
    staff = [p for p in people if p.position in ("chuyen_vien", "nhan_vien") and choices[p.id].reviewer_id]
    returned = rng.choice(staff)
    reviewer = people_by_id[choices[returned.id].reviewer_id]
    sheet = sheets[returned.id]
    sheet.state, sheet.return_comment = "returned", RETURN_COMMENT
    sheet.returned_by_id = reviewer.account.id if reviewer.account else None
    sheet.returned_at = _at(date(month.year.year, month.number, 6), hour=15)
    others = [p for p in people if p is not returned]
    rng.shuffle(others)
    third = len(others) // 3
    for index, person in enumerate(others):
        items = sheets[person.id].items
        if index < third:  # done: outcomes, points, texts, sent; some work left undone
            _assess_items(items, rng, not_done_share=0.25)
            if index < 3 and not any(item.outcome == "not_done" for item in items):
                items[-1].outcome, items[-1].evidence, items[-1].major_error = "not_done", "", False
            _scored_review(person, month, items, book, rng, submitted=True)
        elif index < 2 * third:  # under way: the first items assessed, some general points
            _assess_items(items[: len(items) // 2 + 1], rng)
            review = _scored_review(person, month, items, book, rng, submitted=False)
            review.self_general = dict(list(review.self_general.items())[:2])
            review.self_shortcomings = ""


def _at(day: date, hour: int = 16) -> datetime:
    return datetime.combine(day, time(hour))
