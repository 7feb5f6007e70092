"""The year overview: each person's twelve months as level codes and scores (the leader's, or the self-assessed in
brackets, leave, amendments marked), grouped by department, only the people the account may see; the levels given
month by month; what is still pending in the months under way; and a constant number of queries."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal

import lxml.html
from sqlalchemy import event, select

from app.extensions import db
from app.models import MonthlyReview, Person, Shortcoming, ShortcomingFollowUp, Year
from tests import factories
from tests.views.conftest import HX, login

NAMES = {"chief": "Phạm Quang Huy", "leader": "Lê Minh Ngọc", "head": "Đỗ Thị Lan", "staff": "Hoàng Văn Ân",
         "head_b": "Cao Thị Hằng", "staff_b": "Tạ Văn Khôi"}


def _review(person_id: int, month, **values) -> MonthlyReview:
    review = MonthlyReview(person_id=person_id, month_id=month.id, self_general={}, **values)
    db.session.add(review)
    return review


def _self(level: str, score: str) -> dict:
    return {"self_state": "submitted", "self_level": level, "self_score": Decimal(score)}


def _leader(level: str, score: str, state: str = "approved") -> dict:
    return {"review_state": state, "review_level": level, "review_score": Decimal(score)}


def unit_year(org) -> None:
    """August and September closed, October at review, November at self-assessment, December not open."""
    year = factories.year(2026, states={8: "closed", 9: "closed", 10: "review", 11: "self_assessment"})
    aug, sep, octo, nov = (factories.month(year, n) for n in (8, 9, 10, 11))
    with factories.past_writable():
        _review(org.staff, aug, **_self("htt", "86"), **_leader("htt", "85.5"))
        _review(org.staff, sep, **_self("htxs", "93"), **_leader("htxs", "92"), amended_at=datetime(2026, 10, 20, 3))
        _review(org.staff, octo, **_self("ht", "66"), **_leader("ht", "65", state="reviewed"))
        _review(org.staff, nov, **_self("htt", "80"))
        _review(org.staff_b, aug, leave="maternity", self_state="submitted")
        _review(org.staff_b, sep, **_self("ht", "55"), **_leader("kht", "45"))
        _review(org.staff_b, octo, **_self("htt", "75"))
        _review(org.head, octo, self_state="draft")
        # staff_b's September shortcoming has no verdict yet; staff's August one was fixed in September.
        open_one = Shortcoming(person_id=org.staff_b, raised_month_id=sep.id, text="Chậm nộp báo cáo tuần.",
                               expected_fix="Nộp đúng hạn.")
        fixed = Shortcoming(person_id=org.staff, raised_month_id=aug.id, text="Sai số liệu.",
                            expected_fix="Rà soát.", closed_in_month_id=sep.id)
        db.session.add_all([open_one, fixed])
        db.session.flush()
        db.session.add(ShortcomingFollowUp(shortcoming_id=fixed.id, month_id=sep.id, verdict="fixed"))
        db.session.commit()


def _table(page: str, css_class: str):
    tables = lxml.html.fromstring(page).find_class(css_class)
    assert len(tables) == 1, f"one table.{css_class} expected"
    return tables[0]


def heatmap_rows(page: str) -> dict[str, list]:
    """Each person's name → their twelve cells (lxml elements)."""
    return {row.find("th").text_content().strip(): row.findall("td")
            for row in _table(page, "heatmap").iter("tr") if row.find("th") is not None and row.findall("td")}


def text(cell) -> str:
    return " ".join(cell.text_content().split())


def month_rows(page: str, css_class: str) -> dict[str, list[str]]:
    """A per-month table: the month label → the texts of its cells."""
    return {row.find("th").text_content().strip(): [text(cell) for cell in row.findall("td")]
            for row in _table(page, css_class).iter("tr") if row.find("th") is not None and row.findall("td")}


def test_the_heatmap_shows_each_month_as_a_level_code_with_its_score(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "chief")
    response = client.get("/reviews/2026/overview")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    rows = heatmap_rows(page)
    staff = rows[NAMES["staff"]]
    assert len(staff) == 12
    assert text(staff[7]) == "HTT 85,5" and "hm--htt" in staff[7].get("class")  # the leader's level and score
    assert text(staff[8]) == "HTXS* 92" and staff[8].find(".//abbr").get("title") == "Đã điều chỉnh sau khi chốt tháng"
    assert text(staff[9]) == "HT 65"  # written, awaiting approval: still the leader's
    assert text(staff[10]) == "(HTT) (80)" and "hm--self" in staff[10].get("class")  # only self-assessed
    assert text(staff[11]) == "" and "hm--none" in staff[11].get("class")  # December has not opened
    assert text(staff[0]) == "" and staff[0].find("a") is None  # nor has January
    staff_b = rows[NAMES["staff_b"]]
    assert text(staff_b[7]) == "TS" and text(staff_b[8]) == "KHT 45" and text(staff_b[9]) == "(HTT) (75)"
    assert text(staff_b[10]) == "–"  # November opened, nothing sent yet
    link = staff[7].find("a").get("href")
    assert link == f"/reviews/2026/8/people/{org.staff}"  # each opened month leads to that person's month
    assert staff[11].find("a") is None
    # The legend spells every code out; the month headers lead to each opened month's board.
    for words in ("Hoàn thành xuất sắc nhiệm vụ", "Không hoàn thành nhiệm vụ", "Nghỉ thai sản",
                  "tự đánh giá, lãnh đạo chưa đánh giá", "đã điều chỉnh sau khi chốt tháng"):
        assert words in page
    assert 'href="/reviews/2026/10"' in page and 'href="/reviews/2026/12"' not in page


def test_people_come_by_department_in_official_order(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "leader")
    page = client.get("/reviews/2026/overview").get_data(as_text=True)
    order = list(heatmap_rows(page))
    assert order == [NAMES[k] for k in ("chief", "leader", "head", "staff", "head_b", "staff_b")]
    groups = [th.text_content().strip() for th in _table(page, "heatmap").find_class("heatmap__group")]
    assert groups == ["Lãnh đạo Ban", "Phòng A", "Phòng B"]


def test_each_account_sees_only_the_people_it_may_see(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "head")
    assert set(heatmap_rows(client.get("/reviews/2026/overview").get_data(as_text=True))) == {
        NAMES["head"], NAMES["staff"]}
    client.post("/logout")
    login(client, "staff")
    page = client.get("/reviews/2026/overview").get_data(as_text=True)
    assert set(heatmap_rows(page)) == {NAMES["staff"]}
    assert month_rows(page, "pending")["10/2026"] == ["Đánh giá, nhận xét", "0", "0", "1", "0"]  # their own only
    client.post("/logout")
    login(client, "admin")
    assert len(heatmap_rows(client.get("/reviews/2026/overview").get_data(as_text=True))) == 6


def test_the_distribution_counts_the_leaders_levels_month_by_month(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "chief")
    page = client.get("/reviews/2026/overview").get_data(as_text=True)
    rows = month_rows(page, "distribution")
    # Columns: bar, HTXS, HTT, HT, KHT, leave, only self-assessed, nothing yet.
    assert rows["08/2026"][1:] == ["0", "1", "0", "0", "1", "0", "4"]
    assert rows["09/2026"][1:] == ["1", "0", "0", "1", "0", "0", "4"]
    assert rows["10/2026"][1:] == ["0", "0", "1", "0", "0", "1", "4"]
    assert "12/2026" not in rows  # not opened
    bar = _table(page, "distribution").find_class("bar")[0]
    assert bar.tag == "svg" and [rect.get("class") for rect in bar.iter("rect")] == ["bar--htt"]
    assert "style=" not in page  # no inline style anywhere (the CSP to come)


def test_pending_work_is_counted_for_the_months_under_way(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "chief")
    page = client.get("/reviews/2026/overview").get_data(as_text=True)
    rows = month_rows(page, "pending")
    assert set(rows) == {"10/2026", "11/2026"}  # closed months had to be complete to close
    # Columns: step, self-assessments not sent, reviews not written, awaiting approval, without a verdict.
    # October: the chief, the leader, both heads have sent nothing (4); the leader, both heads and staff_b are
    # reviewed and not yet written (4: the chief is assessed by the superior body); staff's waits for approval;
    # staff_b's September shortcoming has no verdict.
    assert rows["10/2026"] == ["Đánh giá, nhận xét", "4", "4", "1", "1"]
    # November, at self-assessment: only staff has sent; no review is asked for yet; the shortcoming still waits.
    assert rows["11/2026"] == ["Tự đánh giá", "5", "—", "—", "1"]


def test_a_verdict_clears_the_shortcoming_from_pending(app, client, org):
    with app.app_context():
        unit_year(org)
        year = db.session.scalar(select(Year).where(Year.year == 2026))
        shortcoming = db.session.scalar(select(Shortcoming).where(Shortcoming.person_id == org.staff_b))
        db.session.add(ShortcomingFollowUp(shortcoming_id=shortcoming.id, month_id=factories.month(year, 10).id,
                                           verdict="partly_fixed"))
        db.session.commit()
    login(client, "chief")
    rows = month_rows(client.get("/reviews/2026/overview").get_data(as_text=True), "pending")
    assert rows["10/2026"][-1] == "0"  # judged in October
    assert rows["11/2026"][-1] == "1"  # partly fixed: November must judge it again


def test_other_years_are_a_click_away_and_an_unknown_year_is_not_found(app, client, org):
    with app.app_context():
        unit_year(org)
        factories.year(2025)
    login(client, "staff")
    page = client.get("/reviews/2026/overview").get_data(as_text=True)
    nav = lxml.html.fromstring(page).find_class("year-nav")[0]
    assert [a.get("href") for a in nav.iter("a")] == ["/reviews/2025/overview", "/reviews/2026/overview"]
    earlier = client.get("/reviews/2025/overview").get_data(as_text=True)
    assert "Tổng hợp đánh giá năm 2025" in earlier and "Chưa tháng nào của năm 2025 được mở." in earlier
    assert client.get("/reviews/2019/overview").status_code == 404


def test_one_department_at_a_time(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "chief")
    page = client.get(f"/reviews/2026/overview?department={org.dept_b}").get_data(as_text=True)
    assert set(heatmap_rows(page)) == {NAMES["head_b"], NAMES["staff_b"]}
    assert month_rows(page, "distribution")["09/2026"][1:] == ["0", "0", "0", "1", "0", "0", "1"]
    options = lxml.html.fromstring(page).xpath("//select[@name='department']/option[@selected]")
    assert [o.text for o in options] == ["Phòng B"]
    assert "Tính cho 2 người của Phòng B." in page


def department_options(page: str) -> list[tuple[str, str, bool]]:
    return [(o.get("value"), o.text, o.get("selected") is not None)
            for o in lxml.html.fromstring(page).xpath("//select[@name='department']/option")]


def test_a_large_unit_shows_one_department_at_a_time_and_its_tables_count_everyone(app, client, org):
    app.config["ONE_DEPARTMENT_ABOVE"] = 3  # more than three people: a large unit
    with app.app_context():
        unit_year(org)
    login(client, "chief")
    page = client.get("/reviews/2026/overview").get_data(as_text=True)
    assert list(heatmap_rows(page)) == [NAMES["chief"], NAMES["leader"]]  # the first department: the leaders
    assert department_options(page) == [("0", "Lãnh đạo Ban", True), (str(org.dept_a), "Phòng A", False),
                                        (str(org.dept_b), "Phòng B", False)]  # no "everyone"
    assert page.count("Tính cho cả 6 người bạn được xem, không riêng phòng đang hiện.") == 2  # under each table
    # the tables are the whole unit's (as in the tests above), whichever department the heatmap shows
    for url in ("/reviews/2026/overview", f"/reviews/2026/overview?department={org.dept_b}"):
        page = client.get(url).get_data(as_text=True)
        assert month_rows(page, "distribution")["08/2026"][1:] == ["0", "1", "0", "0", "1", "0", "4"]
        assert month_rows(page, "pending")["10/2026"] == ["Đánh giá, nhận xét", "4", "4", "1", "1"]
    assert set(heatmap_rows(page)) == {NAMES["head_b"], NAMES["staff_b"]}
    # a head sees two people: never "large"
    client.post("/logout")
    login(client, "head")
    page = client.get("/reviews/2026/overview").get_data(as_text=True)
    assert set(heatmap_rows(page)) == {NAMES["head"], NAMES["staff"]} and department_options(page) == []


def test_htmx_gets_the_fragment_and_anonymous_users_the_login_page(app, client, org):
    with app.app_context():
        unit_year(org)
    assert "/login" in client.get("/reviews/2026/overview").headers["Location"]
    login(client, "chief")
    fragment = client.get("/reviews/2026/overview", headers=HX).get_data(as_text=True)
    assert fragment.lstrip().startswith('<div id="overview"') and "<html" not in fragment
    assert NAMES["staff_b"] in fragment


def test_a_person_who_left_keeps_their_months(app, client, org):
    with app.app_context():
        unit_year(org)
        db.session.get(Person, org.staff_b).active = False
        db.session.commit()
    login(client, "chief")
    page = client.get("/reviews/2026/overview").get_data(as_text=True)
    cells = heatmap_rows(page)[f"{NAMES['staff_b']} đã nghỉ"]
    assert text(cells[8]) == "KHT 45"
    assert month_rows(page, "pending")["11/2026"][1] == "4"  # no longer expected to self-assess


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


def _add_people(year: Year, start: int, count: int) -> None:
    """`count` more people in departments of five, each with reviews, leave and shortcomings over eleven months."""
    months = [factories.month(year, n) for n in range(1, 12)]
    with factories.past_writable():
        departments = [factories.department(sort_order=start + n) for n in range(max(count // 5, 1))]
        for index in range(start, start + count):
            person = factories.person(given=f"Người {index}", dept=departments[index % len(departments)])
            for month in months:
                level = ("htxs", "htt", "ht", "kht")[(index + month.number) % 4]
                if (index + month.number) % 7 == 0:
                    _review(person.id, month, leave="sick", self_state="submitted")
                else:
                    _review(person.id, month, **_self(level, "80"), **_leader(level, "78.5"))
            if index % 3 == 0:
                db.session.add(Shortcoming(person_id=person.id, raised_month_id=months[8].id,
                                           text="Chậm báo cáo.", expected_fix="Nộp đúng hạn."))
        db.session.commit()


def _queries(client, app, people: int) -> int:
    with app.app_context(), counted_queries() as statements:
        response = client.get("/reviews/2026/overview")
    assert response.status_code == 200
    assert response.get_data(as_text=True).count('class="hm hm--review') >= people * 9  # every person's months
    return len(statements)


def test_the_overview_costs_the_same_queries_for_5_and_for_50_people(app, client, org):
    with app.app_context():
        year = factories.year(2026, states={**dict.fromkeys(range(1, 10), "closed"), 10: "review",
                                            11: "self_assessment"})
        _add_people(year, 0, 5)
    login(client, "chief")
    few = _queries(client, app, 5)
    with app.app_context():
        _add_people(db.session.scalar(select(Year).where(Year.year == 2026)), 5, 45)
    many = _queries(client, app, 50)
    assert few == many, f"{few} queries for 5 people, {many} for 50"


def test_one_department_of_a_large_unit_costs_the_same_queries_for_5_and_for_50_people(app, client, org):
    app.config["ONE_DEPARTMENT_ABOVE"] = 3
    with app.app_context():
        year = factories.year(2026, states={**dict.fromkeys(range(1, 10), "closed"), 10: "review",
                                            11: "self_assessment"})
        _add_people(year, 0, 5)
    login(client, "chief")

    def queries() -> int:
        with app.app_context(), counted_queries() as statements:
            page = client.get(f"/reviews/2026/overview?department={org.dept_b}").get_data(as_text=True)
        assert set(heatmap_rows(page)) == {NAMES["head_b"], NAMES["staff_b"]}
        return len(statements)

    few = queries()
    with app.app_context():
        _add_people(db.session.scalar(select(Year).where(Year.year == 2026)), 5, 45)
    assert queries() == few
