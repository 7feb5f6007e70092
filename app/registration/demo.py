"""Demo registrations for 2026: invented people, plausible plans. The unit started using the app in August and
entered the year's registrations then; most are approved, two wait for a decision, one was rejected with its
reason and sent again, one is still a draft. The unit registered for “Tập thể lao động xuất sắc”."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from app import audit
from app.domain.org import DepartmentInfo, Member, reviewer_map
from app.extensions import db
from app.models import Person, Registration, UnitRegistration, Year

START = date(2026, 8, 3)  # the Monday the unit began entering its year in the app

COMMITMENTS = (
    "Thường xuyên học tập, quán triệt và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh gắn với nhiệm vụ được "
    "giao; giữ gìn phẩm chất đạo đức, lối sống giản dị; chấp hành nghiêm kỷ luật, kỷ cương hành chính.",
    "Học tập và làm theo gương Bác về tinh thần trách nhiệm, tận tụy phục vụ nhân dân; nói đi đôi với làm; đúng giờ, "
    "đúng hạn trong mọi việc được giao; đoàn kết, giúp đỡ đồng nghiệp.",
    "Nêu gương cần, kiệm, liêm, chính, chí công vô tư; xây dựng tác phong làm việc khoa học, chuyên nghiệp; không "
    "né tránh, đùn đẩy trách nhiệm; tích cực đổi mới, sáng tạo trong công việc.",
)

# given name -> (title, initiative plan); everyone not listed aims for “Lao động tiên tiến” with no initiative.
PLANS = {
    "Huy": ("cstdcs", "Chỉ đạo xây dựng quy trình bình xét thi đua trực tuyến tại Ban: phiếu bầu, biên bản và danh "
                      "sách đề nghị lập ngay trên Sổ Thi đua, rút ngắn thời gian họp Hội đồng (quý IV/2026)."),
    "Ngọc": ("cstdcs", "Giải pháp rút ngắn thời gian trình khen thưởng đột xuất xuống còn 10 ngày làm việc: tiếp "
                       "nhận hồ sơ điện tử, thẩm định song song giữa hai phòng nghiệp vụ."),
    "Đức": ("cstdcs", "Số hóa hồ sơ thi đua, khen thưởng của các sở, ngành, quận, huyện giai đoạn 2020–2025, xây dựng "
                      "kho dữ liệu tra cứu theo tên, đơn vị, danh hiệu (hoàn thành quý III/2026).\n"
                      "Mẫu thống nhất cho kế hoạch phát động thi đua chuyên đề của các đơn vị."),
    "Ơn": ("cstdcs", "Bộ mẫu kế hoạch phát động phong trào thi đua chuyên đề dùng chung cho các sở, ngành, kèm hướng "
                     "dẫn xây dựng tiêu chí chấm điểm."),
    "Hằng": ("cstdcs", "Bảng kiểm thẩm định hồ sơ đề nghị khen thưởng cấp Thành phố: 25 điểm kiểm tra về thành phần "
                       "hồ sơ, thời hạn và thẩm quyền, nhằm giảm số hồ sơ phải trả lại bổ sung."),
    "Trang": ("cstdcs", "Sổ tay hướng dẫn lập báo cáo thành tích theo Nghị định 152/2025/NĐ-CP, tổng hợp các lỗi "
                        "thường gặp từ hồ sơ năm 2025."),
    "Hải": ("cstdcs", "Chuyên mục “Gương người tốt, việc tốt” trên Cổng thông tin của Ban: quy trình tiếp nhận, biên "
                      "tập và đăng tải hằng tuần."),
    "Ánh": ("ldtt", "Sắp xếp lại kho lưu trữ hồ sơ khen thưởng giấy của Văn phòng theo mã đơn vị."),
    "Khôi": ("ldtt", "Tham gia nhóm số hóa hồ sơ thi đua do Phòng Nghiệp vụ Thi đua chủ trì."),
}
PHUC_FIRST = ("cstd_tp", "Bảng tính theo dõi tiến độ giải quyết hồ sơ khen thưởng, cảnh báo hồ sơ sắp quá hạn.")
PHUC_AGAIN = ("cstdcs", "Bảng tính dùng chung theo dõi tiến độ giải quyết hồ sơ khen thưởng của Phòng, tự động cảnh "
                        "báo hồ sơ còn dưới 3 ngày đến hạn; áp dụng thử từ tháng 9/2026.")
PHUC_REJECTION = ("Danh hiệu “Chiến sĩ thi đua thành phố” chỉ xét cho người có 3 lần liên tục đạt “Chiến sĩ thi đua "
                  "cơ sở”; đồng chí chưa đủ điều kiện. Đề nghị đăng ký “Chiến sĩ thi đua cơ sở” và nêu rõ thời gian "
                  "áp dụng sáng kiến.")
WAITING = {"Bình"}  # sent, not yet decided by the reviewer
DRAFT = {"Ưng"}  # started, not sent
UNIT_PLAN = (
    "100% cán bộ, công chức hoàn thành nhiệm vụ, trong đó ít nhất 70% đạt “Lao động tiên tiến”.\n"
    "Thẩm định đúng hạn 100% hồ sơ đề nghị khen thưởng của các đơn vị thuộc Thành phố.\n"
    "Hoàn thành số hóa hồ sơ thi đua, khen thưởng giai đoạn 2020–2025 trước ngày 30/9/2026.\n"
    "Phát động phong trào thi đua chuyên đề chào mừng các ngày lễ lớn; mỗi phòng có ít nhất một sáng kiến được "
    "công nhận cấp cơ sở."
)


def _moment(day: date, rng: random.Random) -> datetime:
    # Office hours in Hà Nội, stored as naive UTC like every timestamp (UTC+7).
    return datetime.combine(day, time(rng.randint(8, 16), rng.choice((0, 15, 30, 45)))) - timedelta(hours=7)


def _event(entity: str, record, action: str, actor_id: int, at: datetime, before=None, after=None,
           reason: str = "") -> None:
    audit.record(entity, record.id, action, before, after, reason=reason, actor_id=actor_id).at = at


def _reviewers(people: list[Person]) -> dict[int, int | None]:
    members = [Member(p.id, p.position, p.department_id, p.active, p.reviewer_override_id) for p in people]
    departments = {p.department.id: DepartmentInfo(p.department.id, p.department.supervisor_id)
                   for p in people if p.department is not None}
    return {pid: choice.reviewer_id for pid, choice in reviewer_map(members, departments).items()}


def _register(person: Person, year: Year, title: str, plan: str, commitment: str, sent: datetime) -> Registration:
    record = Registration(year_id=year.id, person_id=person.id, target_title=title, initiative_plan=plan,
                          study_commitment=commitment, state="draft", created_at=sent, updated_at=sent)
    db.session.add(record)
    db.session.flush()
    _event("registration", record, "create", person.account.id, sent, None,
           {"target_title": title, "initiative_plan": plan, "study_commitment": commitment})
    return record


def _send(record, actor_id: int, at: datetime, entity: str = "registration") -> None:
    before = record.state
    record.state, record.submitted_at = "submitted", at
    _event(entity, record, "submit", actor_id, at, {"state": before}, {"state": "submitted"})


def _decide(record, state: str, actor_id: int, at: datetime, reason: str = "", entity: str = "registration") -> None:
    before = {"state": record.state, "decision_reason": record.decision_reason or ""}
    record.state, record.decided_by_id, record.decided_at, record.decision_reason = state, actor_id, at, reason
    _event(entity, record, "approve" if state == "approved" else "reject", actor_id, at, before,
           {"state": state, "decision_reason": reason}, reason)


def seed(people: list[Person], year: Year, today: date, rng: random.Random) -> None:
    by_given = {person.given_name: person for person in people}
    accounts = {person.id: person.account.id for person in people if person.account}
    reviewers = _reviewers(people)
    for number, person in enumerate(people):
        if person.account is None:
            continue
        day = START + timedelta(days=rng.randint(0, 4))
        sent = _moment(day, rng)
        commitment = COMMITMENTS[number % len(COMMITMENTS)]
        if person.given_name == "Phúc":
            _phuc(person, year, commitment, sent, accounts[reviewers[person.id]], rng)
            continue
        title, plan = PLANS.get(person.given_name, ("ldtt", ""))
        record = _register(person, year, title, plan, commitment, sent)
        if person.given_name in DRAFT:
            continue
        _send(record, accounts[person.id], sent)
        reviewer = reviewers[person.id]
        if person.given_name in WAITING or reviewer is None:  # the Trưởng ban's goes to the superior body
            continue
        _decide(record, "approved", accounts[reviewer], _moment(day + timedelta(days=rng.randint(1, 3)), rng))
    chief = by_given["Huy"]
    deputy = by_given["Ngọc"]
    unit = UnitRegistration(year_id=year.id, target_title="ttldxs", plan=UNIT_PLAN, state="draft",
                            created_at=_moment(START + timedelta(days=1), rng))
    db.session.add(unit)
    db.session.flush()
    _event("unit_registration", unit, "create", accounts[deputy.id], unit.created_at, None,
           {"target_title": "ttldxs", "plan": UNIT_PLAN})
    unit.submitted_by_id = accounts[deputy.id]
    _send(unit, accounts[deputy.id], _moment(START + timedelta(days=2), rng), "unit_registration")
    _decide(unit, "approved", accounts[chief.id], _moment(START + timedelta(days=3), rng),
            "Đồng ý. Các phòng cụ thể hóa chỉ tiêu vào kế hoạch công tác tháng.", "unit_registration")


def _phuc(person: Person, year: Year, commitment: str, sent: datetime, reviewer_account: int,
          rng: random.Random) -> None:
    """Aimed too high, was told why, and sent a corrected registration, which now waits for the reviewer."""
    record = _register(person, year, *PHUC_FIRST, commitment, sent)
    _send(record, person.account.id, sent)
    rejected_at = sent + timedelta(days=1, hours=2)
    _decide(record, "rejected", reviewer_account, rejected_at, PHUC_REJECTION)
    again = rejected_at + timedelta(days=1, hours=1)
    before = {"target_title": record.target_title, "initiative_plan": record.initiative_plan}
    record.target_title, record.initiative_plan = PHUC_AGAIN
    _event("registration", record, "update", person.account.id, again, before,
           {"target_title": record.target_title, "initiative_plan": record.initiative_plan})
    _send(record, person.account.id, again)
