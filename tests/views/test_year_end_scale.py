"""The year end of a large unit: above ONE_DEPARTMENT_ABOVE people the table shows one department at a time with a
picker, while the quota, the unit's titles and the counts stay the whole unit's; a small unit's page is as before.
The assessment is kept per process until the next committed write (queries.Memo): a second page does not export the
year again, a write shows at once, and nobody can change what is kept.

The threshold is lowered in the tests (a few people stand for a large unit), as the board's and the overview's are."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import event, select

from app.extensions import db
from app.labels import BOARD_LEADERS_GROUP
from app.models import Department, MonthlyReview, Person
from app.year_end import frozen, queries
from tests import factories
from tests.views.conftest import login
from tests.views.test_year_end_pages import CLOSED, NAMES, document, people_rows, text, unit_year
from tests.views.test_year_end_whatif import whatif_query


def picker(page: str) -> tuple[list[str], str | None]:
    """The department picker's options and the one selected."""
    select_ = document(page).get_element_by_id("ye-department")
    options = select_.findall("option")
    chosen = [option.text_content().strip() for option in options if option.get("selected") is not None]
    return [option.text_content().strip() for option in options], chosen[0] if chosen else None


def quota_text(page: str) -> str:
    return text(document(page).find_class("ye-quota")[0])


def unit_titles(page: str) -> str:
    return text(document(page).find_class("ye-unit")[0])


def department_ids(app, org) -> tuple[int, int, str, str]:
    with app.app_context():
        a, b = db.session.get(Department, org.dept_a), db.session.get(Department, org.dept_b)
        return a.id, b.id, a.name, b.name


def test_a_large_unit_shows_one_department_at_a_time_and_counts_the_whole_unit(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "chief")
    whole = client.get("/year-end/2026").get_data(as_text=True)
    app.config["ONE_DEPARTMENT_ABOVE"] = 3  # seven people: a large unit
    dept_a, dept_b, name_a, name_b = department_ids(app, org)

    first = client.get("/year-end/2026").get_data(as_text=True)
    options, chosen = picker(first)
    assert options == [str(BOARD_LEADERS_GROUP), name_a, name_b]  # no "everyone": one department at a time
    assert chosen == str(BOARD_LEADERS_GROUP)
    assert set(people_rows(first)) == {NAMES["chief"], NAMES["leader"]}
    assert "7 người: bảng hiện từng phòng một" in text(document(first).find_class("ye-departments")[0])
    # The unit's figures are the whole unit's, as on the page that lists everyone.
    assert quota_text(first) == quota_text(whole)
    assert "Đạt Hoàn thành xuất sắc: 2 người / tối đa 1 người" in quota_text(first)
    assert unit_titles(first) == unit_titles(whole)

    second = client.get(f"/year-end/2026?department={dept_b}").get_data(as_text=True)
    assert picker(second)[1] == name_b
    assert set(people_rows(second)) == {NAMES["head_b"], NAMES["staff_b"]}
    assert people_rows(second)[NAMES["staff_b"]] == people_rows(whole)[NAMES["staff_b"]]
    # Everyone misses November (December has not opened): two here, seven in all.
    assert text(document(second).get_element_by_id("ye-missing-count")) == (
        f"Trong {name_b}: 2 người còn thiếu; trong tất cả những người bạn được xem: 7 người.")
    assert quota_text(second) == quota_text(whole)

    unknown = client.get("/year-end/2026?department=999").get_data(as_text=True)
    assert set(people_rows(unknown)) == {NAMES["chief"], NAMES["leader"]}  # the first department, not everyone


def test_a_department_head_of_a_large_unit_sees_only_her_department(app, client, org):
    with app.app_context():
        unit_year(org)
    app.config["ONE_DEPARTMENT_ABOVE"] = 1
    login(client, "head_b")
    page = client.get("/year-end/2026").get_data(as_text=True)
    assert set(people_rows(page)) == {NAMES["head_b"], NAMES["staff_b"]}
    assert not document(page).find_class("ye-departments")  # one department: nothing to pick
    assert not document(page).find_class("ye-quota")  # the unit's part is the leaders'


def test_a_small_unit_lists_everyone_with_a_picker_to_narrow_it(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "chief")
    dept_a, _dept_b, name_a, _name_b = department_ids(app, org)
    page = client.get("/year-end/2026").get_data(as_text=True)
    assert set(people_rows(page)) == set(NAMES.values())
    options, chosen = picker(page)
    assert options[0] == "Tất cả những người tôi được xem" and chosen is None
    assert document(page).get_element_by_id("ye-department-shown", None) is None
    narrowed = client.get(f"/year-end/2026?department={dept_a}").get_data(as_text=True)
    assert text(document(narrowed).get_element_by_id("ye-department-shown")) == f"{name_a} — 3 người"
    assert set(people_rows(narrowed)) == {NAMES["head"], NAMES["staff"], NAMES["extra"]}
    assert people_rows(narrowed)[NAMES["head"]] == people_rows(page)[NAMES["head"]]
    assert quota_text(narrowed) == quota_text(page)


# --- The assessment kept per process ----------------------------------------------------------------------------

def exports(statements: list[str]) -> int:
    """How many times the year was exported: the award history is read by the export only."""
    return sum("FROM award_history" in statement for statement in statements)


def test_the_assessment_is_computed_once_until_something_is_written(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "chief")
    with app.app_context():
        engine = db.engine
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    # Not inside an app context of the test's: each request has its own (and its own `g`), as in a server.
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get("/year-end/2026").status_code == 200
        assert client.get(f"/year-end/2026/people/{org.staff_b}").status_code == 200
        assert client.get("/year-end/2026/quota").status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert exports(statements) == 1


def test_a_write_shows_on_the_page_at_once(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "chief")
    before = people_rows(client.get("/year-end/2026").get_data(as_text=True))
    assert before[NAMES["staff_b"]][2] == "72"  # the annual score
    with app.app_context(), factories.past_writable():  # another worker's session, say, rescores a closed month
        review = db.session.scalar(select(MonthlyReview).where(MonthlyReview.person_id == org.staff_b)
                                   .order_by(MonthlyReview.month_id))
        review.review_score = Decimal("82")
        db.session.commit()
    after = people_rows(client.get("/year-end/2026").get_data(as_text=True))
    assert after[NAMES["staff_b"]][2] == "73"  # (82 + 9 × 72) / 10
    person = text(document(client.get(f"/year-end/2026/people/{org.staff_b}").get_data(as_text=True)).body)
    assert "82" in person


def test_a_decision_saved_through_the_app_shows_at_once(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "chief")
    assert people_rows(client.get("/year-end/2026").get_data(as_text=True))[NAMES["leader"]][4] == "—"
    response = client.post("/year-end/2026/quota", data={
        "version": "", f"choice_{org.chief}": "htxs", f"choice_{org.leader}": "htt",
        f"note_{org.leader}": "Nhường chỉ tiêu cho đồng chí Trưởng ban."})
    assert response.status_code == 303
    rows = people_rows(client.get("/year-end/2026").get_data(as_text=True))
    assert rows[NAMES["leader"]][4] == "Hoàn thành tốt nhiệm vụ"
    assert "Lãnh đạo đã quyết định: giữ 1 người" in quota_text(client.get("/year-end/2026").get_data(as_text=True))


def test_what_is_kept_cannot_be_changed_and_a_what_if_leaves_it_as_it_was(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "chief")
    with app.test_request_context():
        kept = queries.load(2026)
        before = frozen.thawed(kept.assessment)
        with pytest.raises(TypeError):
            kept.doc["months"].append({})
        with pytest.raises(TypeError):
            kept.results[db.session.get(Person, org.staff_b).code]["level"] = "htxs"
        with pytest.raises(TypeError):
            kept.assessment["quota"].update(over=False)
        copy = dict(kept.doc)  # the what-if's way: a plain copy to change
        copy["months"] = []
    response = client.get(f"/year-end/2026/people/{org.chief}/what-if",
                          query_string=whatif_query(dict.fromkeys(CLOSED, "60")))
    assert response.status_code == 200 and document(response.get_data(as_text=True)).find_class("ye-whatif__changes")
    with app.test_request_context():
        again = queries.load(2026)
        assert again.assessment is kept.assessment  # the same memo, unchanged
        assert frozen.thawed(again.assessment) == before


def test_the_memo_keeps_a_few_years_per_app(app, org):
    with app.app_context():
        for number in range(2020, 2020 + queries.MEMO_YEARS + 2):
            factories.year(number)
        db.session.commit()
    with app.test_request_context():
        for number in range(2020, 2020 + queries.MEMO_YEARS + 2):
            queries.load(number)
        assert len(app.extensions["year_end_memo"]) == queries.MEMO_YEARS
