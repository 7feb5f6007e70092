"""The review board (bình xét) of a month: whose rows it shows, what each row says, the counters and the Hoàn thành
xuất sắc quota, the month picker, the printed sheet, and a constant number of queries whatever the unit's size.

The helpers here build months as they happen (a sent self-assessment, a leader's review, a shortcoming raised in an
earlier month); the editor's and the approval's tests use them too."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import event

from app.commitments.summary import score, stored_task_points
from app.domain.rulebooks import rulebook
from app.extensions import db
from app.models import CommitmentItem, CommitmentSheet, MonthlyReview, Shortcoming
from tests import factories
from tests.views.conftest import HX, login
from tests.views.test_commitments import month_of

URL = "/reviews/2026/11"
GENERAL = {"politics_ethics": "9", "competence": "9", "innovation": "8"}


def self_assessed(person_id: int, number: int = 11, year: int = 2026, outcomes=("on_time", "late"),
                  general=None, leave=None, strengths="Hoàn thành đúng hạn các hồ sơ được giao.") -> int:
    """A sent sheet with one item per outcome and a sent self-assessment, its figures computed as the
    self-assessment computes them (2026: 9 + 9 + 8 general points; on time + late = 61,25 task points → 87,3)."""
    month = month_of(year, number)
    sheet = CommitmentSheet(person_id=person_id, month_id=month.id, state="submitted")
    for position, outcome in enumerate(outcomes, start=1):
        sheet.items.append(CommitmentItem(position=position, title=f"Thẩm định hồ sơ khen thưởng đợt {position}",
                                          outcome=outcome))
    review = MonthlyReview(person_id=person_id, month_id=month.id, self_general=dict(general or GENERAL),
                           self_state="submitted", leave=leave, self_strengths=strengths,
                           self_shortcomings="Có lúc còn chậm tổng hợp số liệu.")
    book = rulebook(month.year.rulebook_code)
    result = score(book, review, sheet.items)
    if result is not None:
        review.self_task_points = stored_task_points(result.tasks.points)
        review.self_score, review.self_level = result.total, result.level
    elif not leave:
        review.self_level = "htt"
    db.session.add_all([sheet, review])
    with factories.past_writable():
        db.session.commit()
    return review.id


def written(person_id: int, number: int = 11, year: int = 2026, level: str = "htt", state: str = "reviewed",
            strengths: str = "Chủ động, trách nhiệm trong công việc được giao.", score_value: str | None = "85") -> int:
    """A leader's review written straight to the database (creating the month's row if needed)."""
    month = month_of(year, number)
    review = db.session.query(MonthlyReview).filter_by(person_id=person_id, month_id=month.id).one_or_none()
    if review is None:
        review = MonthlyReview(person_id=person_id, month_id=month.id, self_general={}, self_state="draft")
        db.session.add(review)
    review.review_state, review.review_level, review.strengths = state, level, strengths
    review.review_score = Decimal(score_value) if score_value else None
    with factories.past_writable():
        db.session.commit()
    return review.id


def raised(person_id: int, text: str, number: int = 10, fix: str = "Lập sổ theo dõi thời hạn.") -> int:
    """A shortcoming raised in an earlier month's review (still open)."""
    month = month_of(2026, number)
    review = db.session.query(MonthlyReview).filter_by(person_id=person_id, month_id=month.id).one_or_none()
    if review is None:
        review_id = written(person_id, number=number, state="approved")
    else:
        review_id = review.id
    shortcoming = Shortcoming(person_id=person_id, raised_in_id=review_id, raised_month_id=month.id, text=text,
                              expected_fix=fix)
    db.session.add(shortcoming)
    with factories.past_writable():
        db.session.commit()
    return shortcoming.id


def row_of(page: str, person_id: int) -> str:
    match = re.search(rf'<tr id="review-row-{person_id}".*?</tr>', page, re.S)
    assert match, f"no row for person {person_id}"
    return match.group(0)


def names_in(page: str) -> list[str]:
    return re.findall(r'<span class="board-name">([^<]+)</span>', page)


@pytest.fixture
def reviewing(app, org):
    """November 2026 at review (October closed); both departments' staff members sent their self-assessment."""
    with app.app_context():
        factories.year(2026, states={9: "closed", 10: "closed", 11: "review", 12: "commitments"})
        self_assessed(org.staff)
        self_assessed(org.staff_b, outcomes=("on_time", "not_done"))


def test_a_department_head_sees_exactly_the_people_they_review(client, org, reviewing, app):
    login(client, "head")
    page = client.get(URL).get_data(as_text=True)
    assert names_in(page) == ["Hoàng Văn Ân"]
    row = row_of(page, org.staff)
    # commitments on time / late / not done, the self score and level, nothing from the leader yet
    cells = re.findall(r'<td class="num">([^<]*)</td>', row)
    assert cells[:5] == ["1", "1", "1", "0", "87,3"]
    assert "Hoàn thành tốt nhiệm vụ" in row and "Chưa đánh giá" in row
    assert f'href="/reviews/2026/11/people/{org.staff}/edit?scope=mine"' in row and ">Đánh giá<" in row
    assert "Duyệt" not in row  # a department head does not approve
    assert re.search(r"Đã đánh giá</dt><dd>0 / 1</dd>", page)


def test_board_leaders_see_the_whole_unit_grouped_by_department_in_official_order(client, org, reviewing, app):
    login(client, "leader")
    mine = client.get(URL).get_data(as_text=True)
    assert names_in(mine) == ["Đỗ Thị Lan"]  # the deputy reviews the head of the department she supervises
    page = client.get(f"{URL}?scope=all").get_data(as_text=True)
    assert names_in(page) == ["Phạm Quang Huy", "Lê Minh Ngọc", "Đỗ Thị Lan", "Hoàng Văn Ân", "Cao Thị Hằng",
                              "Tạ Văn Khôi"]
    groups = re.findall(r'<tr class="board-group"><th colspan="12" scope="rowgroup">([^<]+)</th>', page)
    assert groups == ["Lãnh đạo Ban", "Phòng A", "Phòng B"]
    # everyone but the Trưởng ban (assessed by the superior body) needs a review
    assert re.search(r"Đã đánh giá</dt><dd>0 / 5</dd>", page) and re.search(r"Đã duyệt</dt><dd>0 / 5</dd>", page)
    assert 'id="approve-form"' in page and "Duyệt tất cả đã đánh giá" in page and "Chốt tháng" in page


def test_a_staff_member_sees_only_their_own_row_and_no_action(client, org, reviewing):
    login(client, "staff")
    page = client.get(URL).get_data(as_text=True)
    assert names_in(page) == ["Hoàng Văn Ân"]
    assert "/edit" not in page and "Chốt tháng" not in page and 'name="version"' not in page


def test_rows_show_the_leaders_level_the_state_leave_and_earlier_shortcomings(client, org, reviewing, app):
    with app.app_context():
        raised(org.staff, "Chậm gửi báo cáo tháng.")
        raised(org.staff, "Hồ sơ lưu chưa đầy đủ.")
        written(org.staff, level="htt", score_value="86.5", state="approved")
        written(org.staff_b, level="ht", score_value="60", state="reviewed")
        self_assessed(org.head, leave="sick")
        db.session.get(MonthlyReview, written(org.head_b, state="approved")).amended_at = datetime(2026, 12, 2, 9, 0)
        with factories.past_writable():
            db.session.commit()
    login(client, "chief")
    page = client.get(f"{URL}?scope=all").get_data(as_text=True)
    staff = row_of(page, org.staff)
    assert "86,5" in staff and "Hoàn thành tốt nhiệm vụ" in staff and "Đã duyệt" in staff
    assert '<td class="num">2 <span class="tag tag--todo">2 chưa kết luận</span></td>' in staff
    assert "Nghỉ ốm" in row_of(page, org.head)
    assert "Đã điều chỉnh" in row_of(page, org.head_b)
    staff_b = row_of(page, org.staff_b)
    assert "Đã đánh giá, chờ duyệt" in staff_b and ">Duyệt<" in staff_b
    assert f'formaction="/reviews/2026/11/people/{org.staff_b}/approve?scope=all"' in staff_b
    # the head on leave needs no review: 3 of the 4 others are written, 2 approved; 2 shortcomings await a verdict
    assert re.search(r"Đã đánh giá</dt><dd>3 / 4</dd>", page) and re.search(r"Đã duyệt</dt><dd>2 / 4</dd>", page)
    assert re.search(r"Tồn tại chờ kết luận khắc phục</dt><dd>2</dd>", page)


def test_the_quota_counts_the_leaders_levels_of_the_whole_unit_and_shows_when_it_is_over(client, org, reviewing,
                                                                                           app):
    with app.app_context():
        dept = db.session.get(factories.Department, org.dept_a)
        extra = [factories.person(given, "Nguyễn", "Văn", dept=dept, gender="male").id
                 for given in ("Bình", "Cường", "Dũng", "Giang")]
        for person_id in (org.staff, org.head, extra[0]):
            written(person_id, level="htxs", score_value="92")
        for person_id in (org.staff_b, *extra[1:]):
            written(person_id, level="htt")
    login(client, "head")  # the head's board shows one person; the quota is the unit's
    page = client.get(URL).get_data(as_text=True)
    counters = re.search(r'<section id="board-counters".*?</section>', page, re.S).group(0)
    assert "Hoàn thành xuất sắc: 3 đề xuất / tối đa 0 theo tỷ lệ 20%" in counters
    assert 'class="quota quota--over"' in counters and "Vượt tỷ lệ" in counters
    assert "Nghị định 335/2025/NĐ-CP, Điều 20 khoản 5" in counters  # where the 20% comes from
    with app.app_context():
        for person_id in extra[1:]:
            written(person_id, level="htt")
        year = month_of(2026, 11).year
        year.settings = {"htxs_quota_percent": 50, "htxs_in_denominator": True}
        db.session.commit()
    counters = re.search(r'<section id="board-counters".*?</section>', client.get(URL).get_data(as_text=True),
                         re.S).group(0)
    # 50% of the 4 at Hoàn thành tốt and the 3 at Hoàn thành xuất sắc: 3 places
    assert "Hoàn thành xuất sắc: 3 đề xuất / tối đa 3 theo tỷ lệ 50%" in counters and "quota--over" not in counters
    assert "Điều chỉnh của đơn vị cho năm 2026" in counters


def test_the_month_picker_links_the_opened_months_and_other_months_show_no_editing(client, org, reviewing, app):
    login(client, "head")
    page = client.get(URL).get_data(as_text=True)
    nav = re.search(r'<nav class="month-nav".*?</nav>', page, re.S).group(0)
    assert re.findall(r'href="(/reviews/2026/\d+)\?scope=mine"', nav) == [
        "/reviews/2026/9", "/reviews/2026/10", "/reviews/2026/11", "/reviews/2026/12"]
    closed = client.get("/reviews/2026/10").get_data(as_text=True)
    assert "Đã chốt" in closed and "/edit" not in closed
    assert client.get("/reviews/2026/13").status_code == 404


def test_the_board_prints_as_the_review_sheet_with_signature_lines(client, org, reviewing):
    login(client, "chief")
    page = client.get(f"{URL}?scope=all").get_data(as_text=True)
    head = re.search(r'<div class="board-print board-print__head" hidden>.*?<div id="board-body">', page, re.S).group(0)
    assert "Phiếu tổng hợp đánh giá, xếp loại tháng 11/2026" in head
    assert "BAN THI ĐUA – KHEN THƯỞNG THÀNH PHỐ HÀ NỘI" in head and "Độc lập - Tự do - Hạnh phúc" in head
    signatures = re.search(r'<table class="doc-signatures board-print[^"]*" role="presentation" hidden>.*?</table>',
                           page, re.S).group(0)
    for title in ("Người lập biểu", "Trưởng phòng", "Trưởng ban"):
        assert title in signatures
    assert signatures.count("(Ký, ghi rõ họ tên)") == 3


def test_an_htmx_request_gets_the_board_without_the_page(client, org, reviewing):
    login(client, "head")
    body = client.get(URL, headers=HX).get_data(as_text=True)
    assert body.lstrip().startswith('<div id="board-body">') and "<html" not in body


def _add_people(org, size: int, first: int = 0) -> None:
    """`size` more staff members in department A, each with a sent self-assessment, an open shortcoming from
    October and a written review for November."""
    dept = db.session.get(factories.Department, org.dept_a)
    for number in range(first, first + size):
        person = factories.person(f"Người {number}", "Nguyễn", "Văn", dept=dept, gender="male")
        self_assessed(person.id)
        raised(person.id, f"Tồn tại số {number} của tháng trước.")
        written(person.id, level="htt")


def _queries_for_the_board(app, client) -> tuple[int, int]:
    """The number of SQL statements a board leader's GET of the whole board costs, and the rows it shows."""
    statements = []

    def count(*_args):
        statements.append(1)

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            response = client.get(f"{URL}?scope=all")
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
    assert response.status_code == 200
    return len(statements), len(names_in(response.get_data(as_text=True)))


def test_the_board_costs_the_same_number_of_queries_for_5_and_for_50_people(app, org, reviewing, client):
    login(client, "chief")
    with app.app_context():
        _add_people(org, 5)
    few, rows = _queries_for_the_board(app, client)
    assert rows == 5 + 6
    with app.app_context():
        _add_people(org, 45, first=5)
    many, rows = _queries_for_the_board(app, client)
    assert rows == 50 + 6
    assert few == many
