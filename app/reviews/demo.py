"""Invented demo content for the leaders' side: August to October reviewed by each person's reviewer and approved by
the Trưởng ban; shortcomings raised in those months and followed month by month until a verdict finds them fixed
(some are still open, so November's review must judge them, and one person has already reported on theirs); one
October review amended after the month closed; one objection with its reply, most other reviews acknowledged.

Points are the self-assessed ones, sometimes lowered by 0.5 to 2 with a reason; scores and levels come from the
domain's rules (domain.scoring, domain.reviews.required_level), never typed in. Every name and text is made up.

Runs after the commitments demo (the sheets and self-assessments) and after the discipline demo: a person
disciplined in the year is rated Không hoàn thành nhiệm vụ whatever the score, so the discipline must be on record.
"""

from __future__ import annotations

import calendar
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import audit, roster
from app.commitments.summary import stored_task_points
from app.domain import discipline as discipline_rules
from app.domain.calendar import last_working_day
from app.domain.reviews import TASKS_KEY, TOP_LEVEL, level_steps, required_level
from app.domain.rulebooks import LEVELS, Rulebook, rulebook, setting
from app.domain.scoring import ItemResult, general_points, round_one_decimal, task_points
from app.extensions import db
from app.models import (
    CommitmentSheet,
    Discipline,
    Month,
    MonthlyReview,
    Person,
    ReviewResponse,
    Shortcoming,
    ShortcomingFollowUp,
    Year,
)
from app.reviews import amendments

REVIEWED_MONTHS = (8, 9, 10)
NEXT_MONTH = 11  # at self-assessment in the demo: its review will judge what October left open
LOCAL_OFFSET = timedelta(hours=7)  # the demo's times are Hà Nội office hours, stored in UTC

# A leader lowering a self-assessed figure says why, per criteria group (or "tasks").
LOWERING_REASONS = {
    "politics_ethics": (
        "Trong tháng có hai buổi giao ban đến muộn, không báo trước với trưởng phòng.",
        "Chưa báo cáo kịp thời khi vắng mặt tại cơ quan một buổi chiều để giải quyết việc riêng.",
    ),
    "competence": (
        "Một tờ trình gửi lãnh đạo Ban phải trả lại để sửa số liệu tổng hợp.",
        "Có ý kiến phản ánh của đơn vị về việc hướng dẫn hồ sơ khen thưởng chưa đầy đủ, phải bổ sung nhiều lần.",
    ),
    "innovation": (
        "Tự chấm điểm đổi mới tối đa nhưng trong tháng chưa có đề xuất cải tiến cụ thể nào.",
        "Cách làm mới nêu trong bản tự đánh giá chưa được thể hiện bằng sản phẩm cụ thể.",
    ),
    TASKS_KEY: (
        "Sản phẩm của nội dung “{item}” phải chỉnh sửa nhiều lần mới đạt yêu cầu, chất lượng chưa tương xứng với "
        "điểm tự chấm.",
    ),
}
LOWERING_SHARE = 0.3
DISPUTED_GROUP = "politics_ethics"  # the cut the demo's one objection disputes
DISPUTED_MONTH = 9

STRENGTH_OPENERS = (
    "Hoàn thành tốt nội dung “{item}”, sản phẩm đạt yêu cầu.",
    "Chủ động, bảo đảm tiến độ ở nội dung “{item}”.",
    "Thực hiện cẩn thận nội dung “{item}”, ít phải chỉnh sửa.",
)
STRENGTH_TRAITS = (
    "Có tinh thần trách nhiệm, phối hợp tốt với đồng nghiệp trong phòng.",
    "Chấp hành tốt kỷ luật, kỷ cương hành chính.",
    "Tích cực cập nhật văn bản mới về thi đua, khen thưởng.",
    "Thái độ hướng dẫn các đơn vị tận tình, chu đáo.",
    "Sẵn sàng nhận thêm việc khi phòng có khối lượng công việc lớn.",
    "Nắm chắc quy trình, hướng dẫn được đồng nghiệp mới.",
)
# Each names one of the person's own items, so that no two people get the same words (see _unique).
DIRECTIONS = (
    "Tháng {next}: phát huy cách làm ở nội dung “{item}”, chủ động đề xuất cách làm mới trong nhiệm vụ được giao.",
    "Tháng {next}: bám sát thời hạn từng việc như với nội dung “{item}”; báo cáo sớm khi có khó khăn.",
    "Tháng {next}: nâng cao chất lượng sản phẩm, nhất là các văn bản thuộc nội dung “{item}”; tự rà soát kỹ trước "
    "khi trình.",
    "Tháng {next}: chia sẻ kinh nghiệm thực hiện nội dung “{item}” với đồng nghiệp; tăng cường phối hợp với các phòng.",
)
UNFINISHED_DIRECTION = "Tháng {next}: hoàn thành dứt điểm nội dung “{item}” còn dở dang; bám sát thời hạn từng việc."
SHORTCOMING_DIRECTION = " Khắc phục các tồn tại, hạn chế đã nêu và báo cáo kết quả khi tự đánh giá tháng {next}."

# (shortcoming, expected fix, the person's report once fixed, their report when only partly fixed)
SHORTCOMINGS = (
    ("Báo cáo tổng hợp tháng nộp chậm 2 ngày so với thời hạn lãnh đạo Ban giao.",
     "Lập lịch nhắc việc; nộp báo cáo tháng sau trước thời hạn ít nhất 1 ngày.",
     "Đã lập lịch nhắc việc trên phần mềm; báo cáo tháng này nộp trước hạn 2 ngày.",
     "Báo cáo tháng này nộp đúng hạn, nhưng phụ lục số liệu còn gửi bổ sung sau."),
    ("Dự thảo tờ trình khen thưởng còn sai sót số liệu, phải trả lại chỉnh sửa hai lần.",
     "Tự đối chiếu số liệu với hồ sơ gốc trước khi trình; nhờ đồng nghiệp kiểm tra chéo.",
     "Các tờ trình trong tháng đều được kiểm tra chéo, không phải trả lại lần nào.",
     "Đã kiểm tra chéo với đồng nghiệp; còn một tờ trình phải sửa lỗi trình bày."),
    ("Chưa cập nhật kịp thời các quyết định khen thưởng lên phần mềm quản lý.",
     "Cập nhật trong vòng 3 ngày làm việc kể từ khi nhận quyết định.",
     "Đã cập nhật đủ các quyết định tồn và các quyết định mới trong tháng, đúng 3 ngày làm việc.",
     "Đã cập nhật xong các quyết định mới; còn khoảng 20 quyết định cũ chưa nhập hết."),
    ("Hồ sơ lưu văn bản đi, đến còn để lẫn, khó tra cứu khi cần.",
     "Sắp xếp lại hồ sơ theo danh mục của Ban, xong trước ngày 20 tháng sau.",
     "Đã sắp xếp xong hồ sơ theo danh mục, có mục lục để tra cứu.",
     "Đã sắp xếp xong hồ sơ văn bản đến; hồ sơ văn bản đi còn dở."),
    ("Trả lời đơn kiến nghị về khen thưởng chậm 4 ngày so với thời hạn quy định.",
     "Theo dõi hạn xử lý từng đơn trên sổ; báo cáo trưởng phòng khi có nguy cơ chậm.",
     "Đã mở sổ theo dõi hạn xử lý đơn; các đơn trong tháng đều trả lời đúng hạn.",
     "Đã mở sổ theo dõi; còn một đơn trả lời chậm 1 ngày do chờ ý kiến phòng khác."),
    ("Góp ý dự thảo văn bản còn chung chung, chưa đề xuất được nội dung sửa cụ thể.",
     "Góp ý theo từng điều, khoản, kèm phương án sửa cụ thể.",
     "Các văn bản góp ý trong tháng đều nêu rõ điều, khoản và phương án sửa.",
     "Đã góp ý theo từng điều, khoản ở một văn bản; văn bản còn lại vẫn góp ý chung."),
    ("Chưa chủ động phối hợp với các phòng khi chuẩn bị hội nghị, làm chậm khâu hậu cần.",
     "Lập bảng phân công, thống nhất với các phòng trước hội nghị ít nhất 1 tuần.",
     "Đã lập bảng phân công hội nghị sơ kết và gửi các phòng trước 10 ngày; hậu cần kịp thời.",
     "Đã lập bảng phân công nhưng gửi các phòng sát ngày, một số việc vẫn phải làm gấp."),
    ("Biên bản họp giao ban gửi chậm, có cuộc họp sau 5 ngày mới có biên bản.",
     "Hoàn thành và gửi biên bản trong 2 ngày làm việc sau mỗi cuộc họp.",
     "Các biên bản giao ban trong tháng đều gửi trong 2 ngày làm việc.",
     "Đã gửi biên bản nhanh hơn; còn một biên bản gửi sau 3 ngày."),
    ("Chưa nắm chắc quy định mới về hồ sơ đề nghị khen thưởng theo thủ tục đơn giản.",
     "Nghiên cứu Nghị định 152/2025/NĐ-CP, trao đổi lại với trưởng phòng những điểm mới.",
     "Đã nghiên cứu, trình bày lại các điểm mới trong buổi sinh hoạt chuyên môn của phòng.",
     "Đã đọc quy định mới; một số điểm về thủ tục đơn giản vẫn cần hỏi lại trưởng phòng."),
    ("Tin bài đăng trang thông tin điện tử còn lỗi chính tả, phải gỡ xuống sửa.",
     "Đọc soát hai lượt trước khi đăng; nhờ người thứ hai đọc lại tin bài quan trọng.",
     "Đã đọc soát hai lượt; không tin bài nào trong tháng phải gỡ xuống sửa.",
     "Đã đọc soát kỹ hơn; còn một tin bài phải sửa lỗi nhỏ sau khi đăng."),
)
NOT_FIXED_REPORT = "Tháng này khối lượng hồ sơ lớn nên chưa khắc phục được; sẽ tập trung khắc phục trong tháng tới."
VERDICT_NOTES = {
    "fixed": "Đã khắc phục; đề nghị duy trì.",
    "partly_fixed": "Có chuyển biến nhưng chưa dứt điểm; tiếp tục theo dõi tháng sau.",
    "not_fixed": "Chưa có chuyển biến; đề nghị khắc phục dứt điểm trong tháng tới.",
}
# The verdicts a shortcoming gets in the months after it was raised; a plan that never says "fixed" leaves it open.
PLANS = (("fixed",), ("partly_fixed", "fixed"), ("fixed",), ("partly_fixed", "partly_fixed"), ("not_fixed", "fixed"))
STILL_OPEN = ("partly_fixed", "not_fixed")
RAISED = {8: 3, 9: 2, 10: 2}  # how many people get shortcomings, by month

HTXS_DESPITE_SHORTCOMINGS = ("Còn tồn tại đang khắc phục, nhưng kết quả nhiệm vụ trong tháng vượt yêu cầu; tập thể "
                             "phòng thống nhất giữ mức Hoàn thành xuất sắc nhiệm vụ.")
JUMP_DOWN = "Trong tháng có nội dung công việc chưa hoàn thành, kết quả giảm rõ so với tháng trước."
JUMP_UP = "Tháng này hoàn thành vượt tiến độ các nội dung trọng tâm, tiến bộ rõ so với tháng trước."
DISCIPLINED_COMMENT = ("Bị kỷ luật (khiển trách trở lên) trong năm: xếp mức Không hoàn thành nhiệm vụ theo Nghị "
                       "định 335/2025/NĐ-CP, Điều 20.")

OBJECTION = ("Tôi đề nghị xem xét lại việc trừ {points} điểm ở tiêu chí “{group}”: trong tháng tôi đã báo cáo trưởng "
             "phòng qua điện thoại trước khi vắng, không phải tự ý vắng mặt.")
REPLY = ("Đã trao đổi trực tiếp với đồng chí ngày {day}. Việc báo qua điện thoại là có, nhưng chưa đúng quy chế làm "
         "việc của Ban (phải có giấy báo vắng được duyệt); giữ nguyên điểm, đề nghị đồng chí thực hiện đúng quy chế.")
AMENDMENT_REASON = ("Bổ sung minh chứng sau khi chốt tháng: nội dung “{item}” đã hoàn thành đúng hạn (văn bản ngày "
                    "{day}), khi đánh giá chưa được cập nhật nên bị tính chậm; điều chỉnh điểm kết quả thực hiện "
                    "nhiệm vụ.")


@dataclass
class _Open:
    """A shortcoming being followed: the verdicts still to come."""

    record: Shortcoming
    texts: tuple[str, str, str, str]
    plan: list[str] = field(default_factory=list)


def seed(people: list[Person], year: Year, today: date, rng: random.Random) -> None:
    months = {month.number: month for month in year.months}
    book = rulebook(year.rulebook_code)
    if book.scoring is None:  # the demo year is scored; a levels-only demo would need levels chosen by hand
        return
    roster.forget()  # the people were added in this request: ask the roster afresh
    choices = roster.reviewer_choices()
    accounts = {person.id: person.account.id for person in people if person.account is not None}
    chief = next(p for p in people if p.position == "truong_ban")
    disciplined = _disciplined(people, year.year)
    reviews = _reviews(year, (*REVIEWED_MONTHS, NEXT_MONTH))
    sheets = _sheets(year, REVIEWED_MONTHS)
    reviewed = [p for p in people if choices.get(p.id) and choices[p.id].reviewer_id is not None]
    reviewer_of = {p.id: accounts[choices[p.id].reviewer_id] for p in reviewed}
    # Shortcomings go to the departments' people present every month (a month on leave has no review to judge
    # them in); the board's deputies are reviewed too, but the demo's texts are a department's work.
    present = [p for p in reviewed if p.department_id is not None
               and all(reviews.get((p.id, n)) is not None and not reviews[p.id, n].leave for n in REVIEWED_MONTHS)]
    objector = rng.choice([p for p in present if p.position in ("chuyen_vien", "nhan_vien")
                           and p.id not in disciplined])
    following: list[_Open] = []
    pool = list(SHORTCOMINGS)
    rng.shuffle(pool)
    previous_level: dict[int, str | None] = {}
    for number in REVIEWED_MONTHS:
        month = months[number]
        # Written in the first three working days of the next month, approved on the fourth.
        next_days = _working_days_after(date(year.year, number, calendar.monthrange(year.year, number)[1]), 4)
        written = _written_on(next_days[:3], reviewed, rng)
        approved_at = _at(next_days[3], 15, 30)
        _judge(following, month, written, reviewer_of)
        used_texts: set[str] = set()
        month_reviews = []
        for person in reviewed:
            review = reviews.get((person.id, number))
            if review is None or review.leave or review.self_state != "submitted":
                continue
            items = sheets.get((person.id, number), [])
            _points(review, items, book, rng, disputed=number == DISPUTED_MONTH and person is objector)
            review.review_level = (required_level(review.review_score, book, person.id in disciplined)
                                   or review.self_level)
            review.strengths = _unique(used_texts, _strengths, items, rng)
            review.direction = _unique(used_texts, _direction, items, number, rng)
            review.reviewer_id, review.reviewed_at = reviewer_of[person.id], written[person.id]
            review.review_state, review.approved_by_id, review.approved_at = "approved", accounts[chief.id], approved_at
            month_reviews.append(review)
        holders = _raise(following, pool, present, number, month, reviews, rng)
        open_count: dict[int, int] = defaultdict(int)
        for item in following:
            open_count[item.record.person_id] += 1
        for review in month_reviews:
            _comment(review, previous_level.get(review.person_id), open_count[review.person_id],
                     review.person_id in disciplined)
            if review.person_id in holders:
                review.direction += SHORTCOMING_DIRECTION.format(next=number % 12 + 1)
            previous_level[review.person_id] = review.review_level
        db.session.flush()
        _responses(month_reviews, book, year, rng)
        db.session.flush()
    _november_reports(following, months[NEXT_MONTH], reviews, today, rng)
    _objection(reviews[objector.id, DISPUTED_MONTH], book, reviewer_of[objector.id])
    _amendment(reviews, sheets, reviewed, reviewer_of, disciplined, book, year, rng)
    db.session.flush()


def _comment(review: MonthlyReview, previous: str | None, open_shortcomings: int, disciplined: bool) -> None:
    """Why this level, where the review rules ask for a word (domain.reviews.consistency_warnings)."""
    if disciplined:
        review.level_comment = DISCIPLINED_COMMENT
    elif review.review_level == TOP_LEVEL and open_shortcomings:
        review.level_comment = HTXS_DESPITE_SHORTCOMINGS
    elif previous and review.review_level and level_steps(previous, review.review_level) >= 2:
        review.level_comment = JUMP_UP if LEVELS.index(review.review_level) < LEVELS.index(previous) else JUMP_DOWN


# --- Loading what the earlier demos wrote ------------------------------------------------------------------------

def _disciplined(people: list[Person], year: int) -> set[int]:
    records = db.session.scalars(select(Discipline).where(Discipline.person_id.in_([p.id for p in people])))
    by_person = defaultdict(list)
    for record in records:
        by_person[record.person_id].append(record)
    return {person_id for person_id, found in by_person.items() if discipline_rules.disciplined_in_year(found, year)}


def _reviews(year: Year, numbers) -> dict[tuple[int, int], MonthlyReview]:
    rows = db.session.execute(select(MonthlyReview, Month.number).join(Month, MonthlyReview.month_id == Month.id)
                              .where(Month.year_id == year.id, Month.number.in_(numbers))).all()
    return {(review.person_id, number): review for review, number in rows}


def _sheets(year: Year, numbers) -> dict[tuple[int, int], list]:
    rows = db.session.execute(select(CommitmentSheet, Month.number).join(Month, CommitmentSheet.month_id == Month.id)
                              .options(selectinload(CommitmentSheet.items))
                              .where(Month.year_id == year.id, Month.number.in_(numbers))).all()
    return {(sheet.person_id, number): list(sheet.items) for sheet, number in rows}


# --- The review ------------------------------------------------------------------------------------------------

def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute)) - LOCAL_OFFSET


def _working_days_after(day: date, count: int) -> list[date]:
    days = []
    while len(days) < count:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days.append(day)
    return days


def _written_on(days: list[date], people: list[Person], rng: random.Random) -> dict[int, datetime]:
    """When each person's review was written: one of the given working days, in office hours."""
    return {person.id: _at(rng.choice(days), rng.randint(8, 16), rng.choice((0, 15, 30, 45))) for person in people}


def _points(review: MonthlyReview, items, book: Rulebook, rng: random.Random, disputed: bool = False) -> None:
    """The self-assessed points, now and then one figure lowered by 0.5 to 2 with the reason. `disputed`: the cut
    the person will object to (a point of discipline for an absence they say they had reported)."""
    general = {code: Decimal(str(value)) for code, value in (review.self_general or {}).items()}
    tasks = review.self_task_points
    reasons: dict[str, str] = {}
    if disputed:
        cut = min(Decimal(1), general[DISPUTED_GROUP])
        general[DISPUTED_GROUP] -= cut
        reasons[DISPUTED_GROUP] = LOWERING_REASONS[DISPUTED_GROUP][1]
    elif rng.random() < LOWERING_SHARE:
        key = rng.choice([*general, TASKS_KEY] if tasks is not None and items else list(general))
        cut = Decimal(rng.choice(("0.5", "1", "1.5", "2")))
        if key == TASKS_KEY:
            tasks = max(tasks - cut, Decimal(0))
            reasons[key] = rng.choice(LOWERING_REASONS[key]).format(item=rng.choice(items).title)
        else:
            general[key] = max(general[key] - cut, Decimal(0))
            reasons[key] = rng.choice(LOWERING_REASONS[key])
    review.review_general = {code: format(value.normalize(), "f") for code, value in general.items()}
    review.review_task_points = tasks
    review.change_reasons = reasons
    review.review_score = (round_one_decimal(general_points(general, book.scoring) + tasks)
                           if tasks is not None else None)


def _unique(used: set[str], make, *args, tries: int = 12) -> str:
    """A text not given to anyone else this month (the same text for several people is flagged as pasted)."""
    text = make(*args)
    for _attempt in range(tries):
        if text not in used:
            break
        text = make(*args)
    used.add(text)
    return text


def _strengths(items, rng: random.Random) -> str:
    done = [item for item in items if item.outcome == "on_time"] or list(items)
    opener = rng.choice(STRENGTH_OPENERS).format(item=rng.choice(done).title) if done else ""
    return f"{opener} {rng.choice(STRENGTH_TRAITS)}".strip()


def _direction(items, number: int, rng: random.Random) -> str:
    unfinished = [item for item in items if item.outcome == "not_done"]
    if unfinished and rng.random() < 0.8:
        return UNFINISHED_DIRECTION.format(next=number % 12 + 1, item=rng.choice(unfinished).title)
    return rng.choice(DIRECTIONS).format(next=number % 12 + 1, item=rng.choice(items).title if items else "")


# --- Shortcomings and their verdicts ---------------------------------------------------------------------------------

def _raise(following: list[_Open], pool: list, present: list[Person], number: int, month: Month,
           reviews, rng: random.Random) -> set[int]:
    """Name 1–2 shortcomings for a few people this month, preferring people not rated at the top level and not
    already following one."""
    busy = {item.record.person_id for item in following}
    candidates = [p for p in present if p.id not in busy]
    not_top = [p for p in candidates if reviews[p.id, number].review_level != TOP_LEVEL]
    chosen = rng.sample(not_top, min(RAISED[number], len(not_top)))
    if len(chosen) < RAISED[number]:
        rest = [p for p in candidates if p not in chosen]
        chosen += rng.sample(rest, min(RAISED[number] - len(chosen), len(rest)))
    for index, person in enumerate(chosen):
        review = reviews[person.id, number]
        for _count in range(1 if index else 2):  # the first person gets two
            if not pool:
                break
            texts = pool.pop()
            record = Shortcoming(person_id=person.id, raised_in_id=review.id, raised_month_id=month.id,
                                 text=texts[0], expected_fix=texts[1], created_at=review.reviewed_at)
            db.session.add(record)
            # The first ones raised stay open into November, so that its review has verdicts to give.
            plan = (["partly_fixed", "not_fixed"] if number == 8 and index == 0 and _count == 0
                    else ["not_fixed"] if number == 9 and index == 0 and _count == 0
                    else list(rng.choice(PLANS)))
            following.append(_Open(record, texts, plan))
    return {person.id for person in chosen}


def _judge(following: list[_Open], month: Month, written: dict[int, datetime], reviewer_of: dict[int, int]) -> None:
    """This month's review of every shortcoming still open: the person's report, then the reviewer's verdict."""
    reported = _at(last_working_day(month.year.year, month.number), 10)
    for item in list(following):
        verdict = item.plan.pop(0) if item.plan else "not_fixed"
        person_id = item.record.person_id
        report = {"fixed": item.texts[2], "partly_fixed": item.texts[3]}.get(verdict, NOT_FIXED_REPORT)
        db.session.add(ShortcomingFollowUp(
            shortcoming=item.record, month_id=month.id, person_report=report, reported_at=reported,
            verdict=verdict, verdict_note=VERDICT_NOTES[verdict],
            judged_by_id=reviewer_of[person_id], judged_at=written[person_id]))
        if verdict == "fixed":
            item.record.closed_in_month_id = month.id
            following.remove(item)


def _november_reports(following: list[_Open], month: Month, reviews, today: date, rng: random.Random) -> None:
    """November is at self-assessment: some people have already written what they did about their open
    shortcomings (those who sent their self-assessment; at least one person, whatever happens)."""
    by_person = defaultdict(list)
    for item in following:
        by_person[item.record.person_id].append(item)
    if not by_person:
        return
    sent = [pid for pid in by_person if (review := reviews.get((pid, month.number))) is not None
            and review.self_state == "submitted"]
    writers = sent or [min(by_person)]
    for person_id in writers:
        for item in by_person[person_id]:
            db.session.add(ShortcomingFollowUp(
                shortcoming=item.record, month_id=month.id, person_report=item.texts[3],
                reported_at=_at(today - timedelta(days=rng.randint(1, 3)), 16)))


# --- After approval: answers, the objection, the amendment -----------------------------------------------------------

def _responses(month_reviews: list[MonthlyReview], book: Rulebook, year: Year, rng: random.Random) -> None:
    """Most people acknowledge within the days the unit allows; a few let the time pass."""
    days = int(setting(book, year.settings, "response_days"))
    for review in month_reviews:
        if rng.random() < 0.85:
            moment = review.approved_at + timedelta(days=rng.randint(0, days - 1), hours=rng.randint(1, 6))
            db.session.add(ReviewResponse(review_id=review.id, acknowledged_at=moment))


def _objection(review: MonthlyReview, book: Rulebook, reviewer_account: int) -> None:
    """The person disputes the point cut from their September review; the reviewer replies, keeping it."""
    group = next(g for g in book.scoring.general_groups if g.code == DISPUTED_GROUP)
    cut = Decimal(str(review.self_general[DISPUTED_GROUP])) - Decimal(str(review.review_general[DISPUTED_GROUP]))
    response = db.session.scalar(select(ReviewResponse).where(ReviewResponse.review_id == review.id))
    if response is None:
        response = ReviewResponse(review_id=review.id)
        db.session.add(response)
    objected = review.approved_at + timedelta(days=2, hours=2)
    replied = objected + timedelta(days=1, hours=3)
    response.acknowledged_at = None
    response.objection = OBJECTION.format(points=_comma(cut), group=group.name)
    response.objected_at = objected
    response.reply = REPLY.format(day=(replied + LOCAL_OFFSET).strftime("%d/%m/%Y"))
    response.replied_by_id = reviewer_account
    response.replied_at = replied


def _amendment(reviews, sheets, reviewed: list[Person], reviewer_of: dict[int, int], disciplined: set[int],
               book: Rulebook, year: Year, rng: random.Random) -> None:
    """One October review amended after the month closed: an item counted late was on time after all."""
    candidates = [p for p in reviewed if p.id not in disciplined and (p.id, 10) in reviews
                  and reviews[p.id, 10].review_state == "approved"
                  and any(item.outcome == "late" for item in sheets.get((p.id, 10), []))]
    if not candidates:
        return
    person = rng.choice(candidates)
    review, items = reviews[person.id, 10], sheets[person.id, 10]
    late = sorted((item for item in items if item.outcome == "late"), key=lambda item: "“" in item.title)[0]
    results = [ItemResult(item.planned_points, "on_time" if item is late else item.outcome, item.major_error)
               for item in items]
    recomputed = stored_task_points(task_points(results, book.scoring).points)
    cut = (review.self_task_points or Decimal(0)) - (review.review_task_points or Decimal(0))
    new_tasks = max(recomputed - cut, Decimal(0))
    general = {code: Decimal(str(value)) for code, value in review.review_general.items()}
    score = round_one_decimal(general_points(general, book.scoring) + new_tasks)
    proposed = {"review_task_points": new_tasks, "review_score": score,
                "review_level": required_level(score, book, False)}
    made_at = _at(date(year.year, 11, 12), 10, 15)
    reason = AMENDMENT_REASON.format(item=late.title, day=late.deadline.strftime("%d/%m/%Y"))
    made_by = reviewer_of[person.id]
    change = amendments.change(review, proposed)
    amendment = amendments.apply(review, change, reason, made_by)
    amendment.made_at = review.amended_at = made_at
    db.session.flush()
    audit.record("monthly_review", review.id, "amend", change.before, change.after, reason=reason,
                 actor_id=made_by).at = made_at


def _comma(value: Decimal) -> str:
    return format(value.normalize(), "f").replace(".", ",")
