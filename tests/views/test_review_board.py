"""The review board (bình xét) of a month: whose rows it shows, what each row says, the counters and the Hoàn thành
xuất sắc quota, the month picker, the printed sheet, a constant number of queries whatever the unit's size, and a
large unit's board shown one department at a time.

The helpers here build months as they happen (a sent self-assessment, a leader's review, a shortcoming raised in an
earlier month); the editor's and the approval's tests use them too."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal

import lxml.html
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


def add_people(org, size: int, first: int = 0) -> None:
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
        add_people(org, 5)
    few, rows = _queries_for_the_board(app, client)
    assert rows == 5 + 6
    with app.app_context():
        add_people(org, 45, first=5)
    many, rows = _queries_for_the_board(app, client)
    assert rows == 50 + 6
    assert few == many


# --- A large unit: one department at a time -------------------------------------------------------------------------

@pytest.fixture
def large(app):
    """The unit counts as large: more than three people in the "all" scope (the real threshold is 200)."""
    app.config["ONE_DEPARTMENT_ABOVE"] = 3


def department_options(page: str) -> list[tuple[str, str, bool]]:
    """The department picker's options: (value, text, selected)."""
    form = lxml.html.fromstring(page).get_element_by_id("board-departments")
    return [(option.get("value"), option.text_content().strip(), option.get("selected") is not None)
            for option in form.iter("option")]


def numbers_in(page: str) -> list[str]:
    return re.findall(r'<tr id="review-row-\d+"[^>]*>\s*<td class="num">(\d*)</td>', page)


def test_a_large_units_board_shows_one_department_at_a_time_and_counts_the_whole_unit(client, org, reviewing, app,
                                                                                       large):
    with app.app_context():
        written(org.staff_b)
        written(org.head, state="approved")
    login(client, "chief")
    page = client.get(f"{URL}?scope=all").get_data(as_text=True)
    assert names_in(page) == ["Phạm Quang Huy", "Lê Minh Ngọc"]  # the first department: the board's leaders
    # no "every department" to pick; each department with how far its review has come
    assert department_options(page) == [
        ("0", "Lãnh đạo Ban — đã đánh giá 0/1, đã duyệt 0/1", True),
        (str(org.dept_a), "Phòng A — đã đánh giá 1/2, đã duyệt 1/2", False),
        (str(org.dept_b), "Phòng B — đã đánh giá 1/2, đã duyệt 0/2", False)]
    assert "6 người: bảng hiện từng phòng một" in page
    assert re.search(r"Đã đánh giá</dt><dd>2 / 5</dd>", page) and re.search(r"Đã duyệt</dt><dd>1 / 5</dd>", page)

    page = client.get(f"{URL}?scope=all&department={org.dept_b}").get_data(as_text=True)
    assert names_in(page) == ["Cao Thị Hằng", "Tạ Văn Khôi"] and numbers_in(page) == ["1", "2"]
    assert [selected for _value, _text, selected in department_options(page)] == [False, False, True]
    # the counters, the quota and what blocks the close are still the whole unit's
    assert re.search(r"Đã đánh giá</dt><dd>2 / 5</dd>", page)
    blockers = re.search(r'<div class="warning board-blockers">.*?</div>', page, re.S).group(0)
    assert "Chưa đánh giá (3): Lê Minh Ngọc, Hoàng Văn Ân, Cao Thị Hằng." in blockers
    # the printed sheet is the department's, and the row's actions and the other months stay on it
    sheet_head = re.search(r'<div class="board-print board-print__head" hidden>.*?<div id="board-body">', page,
                           re.S).group(0)
    assert '<p class="doc-subtitle board-print__department">Phòng B</p>' in sheet_head
    assert f'href="/reviews/2026/11/people/{org.staff_b}/edit?scope=all&amp;department={org.dept_b}"' in row_of(
        page, org.staff_b)
    assert f'href="/reviews/2026/10?scope=all&amp;department={org.dept_b}"' in page
    assert f'action="/reviews/2026/11/approve?scope=all&amp;department={org.dept_b}"' in page


def test_a_small_unit_shows_every_department_or_the_one_picked(client, org, reviewing):
    login(client, "chief")
    page = client.get(f"{URL}?scope=all").get_data(as_text=True)
    assert len(names_in(page)) == 6
    assert department_options(page) == [
        ("", "Tất cả các phòng", False),
        ("0", "Lãnh đạo Ban — đã đánh giá 0/1, đã duyệt 0/1", False),
        (str(org.dept_a), "Phòng A — đã đánh giá 0/2, đã duyệt 0/2", False),
        (str(org.dept_b), "Phòng B — đã đánh giá 0/2, đã duyệt 0/2", False)]
    page = client.get(f"{URL}?scope=all&department={org.dept_a}").get_data(as_text=True)
    assert names_in(page) == ["Đỗ Thị Lan", "Hoàng Văn Ân"]
    assert re.search(r"Đã đánh giá</dt><dd>0 / 5</dd>", page)  # still everyone's
    assert names_in(client.get(f"{URL}?scope=all&department=999").get_data(as_text=True)) == names_in(
        client.get(f"{URL}?scope=all").get_data(as_text=True))  # a department nobody is in: everyone
    mine = client.get(URL).get_data(as_text=True)  # the Trưởng ban's own (the deputy, a head): no picker
    assert names_in(mine) == ["Lê Minh Ngọc", "Cao Thị Hằng"] and 'id="board-departments"' not in mine


def test_without_javascript_a_large_units_editor_opens_on_the_persons_department(client, org, reviewing, large):
    login(client, "chief")
    page = client.get(f"{URL}/people/{org.staff_b}/edit?scope=all").get_data(as_text=True)
    assert f'<tr id="review-row-{org.staff_b}" class="editing review-editor">' in page
    assert names_in(page) == ["Cao Thị Hằng"]  # the other row of department B; the editor stands for staff_b
    assert [selected for _value, _text, selected in department_options(page)] == [False, False, True]
    cancel = re.search(r'<a href="([^"]+)" hx-get="[^"]+/row[^"]*"', page).group(1)
    assert cancel == f"/reviews/2026/11?scope=all&amp;department={org.dept_b}#review-row-{org.staff_b}"
