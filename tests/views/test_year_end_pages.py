"""The year end's pages: the unit's year at a glance (the quota, each person's row, the unit's titles, what is
missing), one person's year (the months, the shortcomings, the initiatives, the registration against the result,
every title with its reasons and articles), who sees what, and a constant number of queries.

The year built here (`unit_year`) is shared by the other year-end test modules."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace

import lxml.html
from sqlalchemy import event, select

from app.domain.rulebooks import rulebook
from app.domain.scoring import level_for_score
from app.extensions import db
from app.models import (
    Initiative,
    InitiativeAuthor,
    MonthlyReview,
    Person,
    Registration,
    Shortcoming,
    ShortcomingFollowUp,
    Year,
)
from tests import factories
from tests.views.conftest import HX, login

BOOK = rulebook("vn-2026")
CLOSED = range(1, 11)  # January to October closed, November at review, December not open
# Each person's monthly score (the same every month): two reach Hoàn thành xuất sắc, five Hoàn thành tốt, so the
# rulebook's 20% of five leaves one Hoàn thành xuất sắc place for two people.
SCORES = {"chief": "95", "leader": "92", "head": "85", "staff": "80", "head_b": "75", "staff_b": "72",
          "extra": "78"}
NAMES = {"chief": "Phạm Quang Huy", "leader": "Lê Minh Ngọc", "head": "Đỗ Thị Lan", "staff": "Hoàng Văn Ân",
         "head_b": "Cao Thị Hằng", "staff_b": "Tạ Văn Khôi", "extra": "Vương Thị Bích"}


def write_month(person_id: int, month, score: str | None, leave: str | None = None, **fields) -> MonthlyReview:
    value = Decimal(score) if score is not None else None
    review = MonthlyReview(person_id=person_id, month_id=month.id, self_general={}, self_state="submitted",
                           leave=leave, review_state="approved", review_score=value,
                           review_level=level_for_score(value, BOOK) if value is not None else None, **fields)
    db.session.add(review)
    return review


def unit_year(org) -> SimpleNamespace:
    """The small unit's 2026, ten months reviewed, plus a seventh person in department A. Hoàng Văn Ân was on
    maternity leave in March and his June was amended after closing; Tạ Văn Khôi's March shortcoming was fixed in
    April, his September one is still open; Đỗ Thị Lan has an initiative recognised in 2026 and registered for
    “Chiến sĩ thi đua cơ sở”."""
    year = factories.year(2026, states={**dict.fromkeys(CLOSED, "closed"), 11: "review"})
    months = {n: factories.month(year, n) for n in range(1, 13)}
    with factories.past_writable():
        extra = factories.person("Bích", "Vương", "Thị", "chuyen_vien", db.session.get(Person, org.head).department,
                                 username="extra")
        ids = {**{role: getattr(org, role) for role in SCORES if role != "extra"}, "extra": extra.id}
        reviews = {}
        for role, person_id in ids.items():
            for number in CLOSED:
                if role == "staff" and number == 3:
                    write_month(person_id, months[number], None, leave="maternity")
                    continue
                fields = {"amended_at": datetime(2026, 7, 20, 3)} if role == "staff" and number == 6 else {}
                reviews[role, number] = write_month(person_id, months[number], SCORES[role], **fields)
        db.session.flush()
        fixed = Shortcoming(person_id=org.staff_b, raised_in_id=reviews["staff_b", 3].id,
                            raised_month_id=months[3].id, text="Chậm tổng hợp số liệu khen thưởng quý I.",
                            expected_fix="Nộp trước ngày 25.", closed_in_month_id=months[4].id)
        still_open = Shortcoming(person_id=org.staff_b, raised_in_id=reviews["staff_b", 9].id,
                                 raised_month_id=months[9].id, text="Hồ sơ trình còn thiếu chữ ký nháy.",
                                 expected_fix="Rà soát trước khi trình.")
        db.session.add_all([fixed, still_open])
        db.session.flush()
        db.session.add(ShortcomingFollowUp(shortcoming_id=fixed.id, month_id=months[4].id, verdict="fixed"))
        initiative = Initiative(year=2026, kind="initiative", title="Số hóa sổ theo dõi khen thưởng của Ban",
                                status="recognised", level="co_so", decision_number="15/QĐ-TĐKT",
                                decided_on=date(2026, 10, 20), created_by_id=org.head)
        initiative.authors.append(InitiativeAuthor(person_id=org.head, position=0))
        db.session.add(initiative)
        db.session.add(Registration(year_id=year.id, person_id=org.head, target_title="cstdcs", state="approved"))
        db.session.commit()
    return SimpleNamespace(year_id=year.id, extra=extra.id, ids=ids, initiative=initiative.id)


def document(page: str):
    return lxml.html.fromstring(page)


def text(element) -> str:
    return " ".join(element.text_content().split())


def people_rows(page: str) -> dict[str, list[str]]:
    """The year-end table: each person's name → the texts of their cells."""
    table = document(page).find_class("ye-people")[0]
    return {text(row.find("th")): [text(cell) for cell in row.findall("td")]
            for row in table.iter("tr") if row.find("th") is not None and row.findall("td")}


# --- The unit's year ---------------------------------------------------------------------------------------------

def test_a_board_leader_sees_everyones_year_the_quota_and_the_unit_titles(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "leader")
    response = client.get("/year-end/2026")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    rows = people_rows(page)
    assert set(rows) == set(NAMES.values())
    # months worked, annual score, level, decided, eligible titles, months not reviewed (November, December)
    chief = rows[NAMES["chief"]]
    assert chief[1:4] == ["10", "95", "Hoàn thành xuất sắc nhiệm vụ"]
    assert "“Chiến sĩ thi đua cơ sở”" in chief[5] and "“Lao động tiên tiến”" in chief[5]
    assert chief[6] == "11 12"
    staff = rows[NAMES["staff"]]
    assert staff[1:3] == ["10", "80"]  # maternity counts as worked; the score is the mean of the nine scored months
    assert "“Chiến sĩ thi đua cơ sở”" not in staff[5]
    assert "“Chiến sĩ thi đua cơ sở”" in rows[NAMES["head"]][5]  # by the initiative recognised in the year

    quota = text(document(page).find_class("ye-quota")[0])
    assert "Đạt Hoàn thành xuất sắc: 2 người / tối đa 1 người theo tỷ lệ 20%" in quota
    assert "Vượt tỷ lệ" in quota and "Nghị định 335/2025/NĐ-CP, Điều 20 khoản 5" in quota

    unit = document(page).find_class("ye-unit")[0]
    ttldxs = text(unit.get_element_by_id("ye-unit-ttldxs"))
    assert "Đủ điều kiện" in ttldxs and "Luật Thi đua, khen thưởng 2022, Điều 27" in ttldxs
    missing = text(document(page).find_class("ye-missing")[0])
    assert f"{NAMES['staff_b']}: 2 tháng — 11 12" in missing


def test_a_staff_member_sees_only_their_own_row_and_nothing_of_the_unit(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "staff")
    page = client.get("/year-end/2026").get_data(as_text=True)
    assert list(people_rows(page)) == [NAMES["staff"]]
    assert not document(page).find_class("ye-unit") and not document(page).find_class("ye-quota")
    assert "/year-end/2026/quota" not in page and "/year-end/2026/meeting" not in page


def test_a_department_head_sees_her_department(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "head_b")
    page = client.get("/year-end/2026").get_data(as_text=True)
    assert set(people_rows(page)) == {NAMES["head_b"], NAMES["staff_b"]}


def test_a_year_not_opened_is_not_found(app, client, org):
    login(client, "leader")
    assert client.get("/year-end/2031").status_code == 404


def test_an_empty_year_says_what_comes_next(app, client, org):
    with app.app_context():
        factories.year(2026, states={1: "commitments"})
    login(client, "leader")
    page = client.get("/year-end/2026").get_data(as_text=True)
    rows = people_rows(page)
    assert rows[NAMES["staff_b"]][1] == "0"
    assert "Không xếp loại (chưa đủ thời gian làm việc)" in rows[NAMES["staff_b"]][3]


# --- One person's year -------------------------------------------------------------------------------------------

def month_rows(page: str) -> dict[str, list[str]]:
    table = document(page).find_class("ye-months")[0]
    return {text(row.find("th")): [text(cell) for cell in row.findall("td")]
            for row in table.iter("tr") if row.find("th") is not None and row.findall("td")}


def test_a_persons_year_shows_the_months_the_leave_and_the_amendment(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "head")
    page = client.get(f"/year-end/2026/people/{org.staff}").get_data(as_text=True)
    months = month_rows(page)
    assert months["02/2026"][:2] == ["80", "Hoàn thành tốt nhiệm vụ"]
    assert months["03/2026"][1] == "Nghỉ thai sản" and "tính là tháng làm việc" in months["03/2026"][2]
    assert "Đã điều chỉnh sau khi chốt" in months["06/2026"][2]
    assert "Chưa đánh giá" in months["11/2026"][2]
    link = document(page).xpath("//table[contains(@class,'ye-months')]//a")[0]
    assert link.get("href") == f"/reviews/2026/1/people/{org.staff}"


def test_a_persons_year_shows_the_shortcomings_fixed_and_still_open(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "chief")
    page = document(client.get(f"/year-end/2026/people/{org.staff_b}").get_data(as_text=True))
    section = text(page.get_element_by_id("ye-shortcomings-heading").getparent())
    fixed, _sep, still_open = section.partition("Còn mở (1)")
    assert "Đã khắc phục (1)" in fixed and "Chậm tổng hợp số liệu khen thưởng quý I." in fixed
    assert "khắc phục xong tháng 04/2026" in fixed
    assert "Hồ sơ trình còn thiếu chữ ký nháy." in still_open


def test_a_persons_year_shows_registration_against_result_titles_with_articles_and_initiatives(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "leader")
    page = document(client.get(f"/year-end/2026/people/{org.head}").get_data(as_text=True))
    registered = text(page.get_element_by_id("ye-registered-heading").getparent())
    assert "Đăng ký danh hiệu: “Chiến sĩ thi đua cơ sở” Đã duyệt" in registered
    assert "Kết quả: Đủ điều kiện" in registered
    cstdcs = page.get_element_by_id("ye-title-cstdcs")
    assert "Đủ điều kiện" in text(cstdcs) and "Đã đăng ký" in text(cstdcs)
    citations = [text(cite) for cite in cstdcs.iter("cite")]
    assert citations and all(citations)
    assert any("Điều 23" in cite for cite in citations)
    cstd_tp = page.get_element_by_id("ye-title-cstd_tp")
    assert "Chưa đủ điều kiện" in text(cstd_tp) and any("Điều 22" in text(c) for c in cstd_tp.iter("cite"))
    initiatives = text(page.get_element_by_id("ye-initiatives-heading").getparent())
    assert "Số hóa sổ theo dõi khen thưởng của Ban" in initiatives and "15/QĐ-TĐKT, 20/10/2026" in initiatives


def test_a_submitted_registration_is_a_registration_on_the_page_as_in_the_assessment(app, client, org):
    """The year file counts a registration sent for approval (the assessment says "Đã đăng ký thi đua đầu năm" when
    the unit requires one); the title's row must not say otherwise."""
    with app.app_context():
        unit_year(org)
        db.session.scalar(select(Registration)).state = "submitted"
        db.session.scalar(select(Year)).settings = {"registration_required": True}
        db.session.commit()
    login(client, "leader")
    cstdcs = document(client.get(f"/year-end/2026/people/{org.head}").get_data(as_text=True)).get_element_by_id(
        "ye-title-cstdcs")
    assert "Đã đăng ký thi đua đầu năm" in text(cstdcs) and "Đủ điều kiện" in text(cstdcs)
    assert "Đã đăng ký" in text(cstdcs.find(".//h3"))


def test_someone_not_allowed_to_see_the_person_is_refused(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "head")
    assert client.get(f"/year-end/2026/people/{org.staff_b}").status_code == 403
    himself = app.test_client()
    login(himself, "staff_b")
    assert himself.get(f"/year-end/2026/people/{org.staff_b}").status_code == 200
    fragment = himself.get(f"/year-end/2026/people/{org.staff_b}", headers=HX)
    assert fragment.status_code == 200 and "<html" not in fragment.get_data(as_text=True)


# --- A constant number of queries ---------------------------------------------------------------------------------

@contextmanager
def counted_queries():
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _add_people(start: int, count: int) -> None:
    year = db.session.scalar(select(Year).where(Year.year == 2026))
    months = [factories.month(year, n) for n in CLOSED]
    with factories.past_writable():
        departments = [factories.department() for _ in range(max(count // 5, 1))]
        for index in range(start, start + count):
            person = factories.person(given=f"Người {index}", dept=departments[index % len(departments)])
            for month in months:
                write_month(person.id, month, ("93", "84", "66")[(index + month.number) % 3])
        db.session.commit()


def _queries(client, app) -> tuple[int, int]:
    with app.app_context(), counted_queries() as statements:
        response = client.get("/year-end/2026")
    assert response.status_code == 200
    # The data version's reads are the page cache's and the memo's bookkeeping (app/page_cache.py re-reads it after a
    # page it may keep), not the page's.
    return (len([s for s in statements if "FROM data_version" not in s]),
            len(people_rows(response.get_data(as_text=True))))


def test_the_year_end_page_costs_the_same_queries_for_5_and_for_50_people(app, client, org):
    with app.app_context():
        factories.year(2026, states=dict.fromkeys(CLOSED, "closed"))
        _add_people(0, 5)
    login(client, "chief")
    few, shown_few = _queries(client, app)
    with app.app_context():
        _add_people(5, 45)
    many, shown_many = _queries(client, app)
    assert shown_many == shown_few + 45
    assert few == many, f"{few} queries for {shown_few} people, {many} for {shown_many}"
