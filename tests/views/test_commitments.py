"""A person's monthly sheet: items added, edited, moved and removed inline (and without JavaScript), last month's
unfinished work copied once, the sheet sent and then locked; closed and unopened months refuse every write."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal

import pytest

from app import clock
from app.extensions import db
from app.models import AuditEvent, CommitmentItem, CommitmentSheet, Month, Year
from tests import factories
from tests.views.conftest import HX, login

ITEM = {"title": "Thẩm định hồ sơ đề nghị khen thưởng", "measure": "15 hồ sơ", "deadline": "20/11/2026",
        "planned_points": "40", "version": ""}


def month_of(year: int, number: int) -> Month:
    return db.session.query(Month).join(Year).filter(Year.year == year, Month.number == number).one()


def make_sheet(person_id: int, year: int, number: int, items=(), state="draft") -> int:
    """A sheet written straight to the database; items are dicts of CommitmentItem fields. Returns its id."""
    sheet = CommitmentSheet(person_id=person_id, month_id=month_of(year, number).id, state=state)
    for position, values in enumerate(items, start=1):
        sheet.items.append(CommitmentItem(position=position, **values))
    db.session.add(sheet)
    with factories.past_writable():
        db.session.commit()
    return sheet.id


def items_of(app, person_id: int, year: int = 2026, number: int = 11) -> list[CommitmentItem]:
    with app.app_context():
        sheet = db.session.query(CommitmentSheet).filter_by(person_id=person_id,
                                                            month_id=month_of(year, number).id).one_or_none()
        items = list(sheet.items) if sheet else []
        for item in items:
            db.session.expunge(item)
        return items


def sheet_state(app, person_id: int, year: int = 2026, number: int = 11) -> str | None:
    with app.app_context():
        sheet = db.session.query(CommitmentSheet).filter_by(person_id=person_id,
                                                            month_id=month_of(year, number).id).one_or_none()
        return sheet.state if sheet else None


def titles_in(page: str) -> list[str]:
    return [title.strip() for title in
            re.findall(r'<tr id="item-\d+"[^>]*>\s*<td class="num">\d+</td>\s*<td>([^<]*)', page)]


@pytest.fixture
def november(app, org):
    with app.app_context():
        factories.year(2026, states={10: "closed", 11: "commitments", 12: "not_open"})


def test_items_are_added_inline_and_the_table_comes_back_with_the_running_sum(client, org, november, app):
    login(client, "staff")
    page = client.get("/commitments/2026/11").get_data(as_text=True)
    assert "Chưa có nội dung nào." in page and "Thêm nội dung" in page
    first = client.post("/commitments/2026/11/items", data=ITEM, headers=HX)
    assert first.status_code == 200
    assert first.headers["HX-Retarget"] == "#items-table"
    table = first.get_data(as_text=True)
    assert titles_in(table) == [ITEM["title"]]
    assert "<strong>40</strong> / 70" in table
    assert "Tổng điểm dự kiến (40) khác 70 điểm" in table  # a warning, not a block
    assert "Đã thêm nội dung công việc." in table  # the flash, out of band
    # the first item created the sheet: its state above the table follows, out of band too
    assert '<span id="sheet-state" hx-swap-oob="true">' in table and "Đang soạn" in table
    second = client.post("/commitments/2026/11/items", headers=HX,
                         data={**ITEM, "title": "Tổng hợp báo cáo thi đua tháng", "planned_points": "30"})
    table = second.get_data(as_text=True)
    assert titles_in(table) == [ITEM["title"], "Tổng hợp báo cáo thi đua tháng"]
    assert "<strong>70</strong> / 70" in table and "khác 70 điểm" not in table
    item = items_of(app, org.staff)[0]
    assert (item.measure, item.deadline, item.planned_points) == ("15 hồ sơ", date(2026, 11, 20), Decimal("40.0"))
    with app.app_context():
        assert db.session.query(AuditEvent).filter_by(entity="commitment_item", action="create").count() == 2


def test_the_sheet_works_without_javascript(client, org, november, app):
    login(client, "staff")
    page = client.get("/commitments/2026/11/items/new").get_data(as_text=True)
    assert "<html" in page and '<tr id="item-new"' in page
    response = client.post("/commitments/2026/11/items", data=ITEM)
    assert response.status_code == 303 and response.headers["Location"] == "/commitments/2026/11"
    item = items_of(app, org.staff)[0]
    response = client.post(f"/commitments/items/{item.id}", data={**ITEM, "title": "Sửa lại", "version": "1"})
    assert response.status_code == 303
    response = client.post(f"/commitments/items/{item.id}/delete", data={"version": "2"})
    assert response.status_code == 303 and items_of(app, org.staff) == []


def test_points_may_be_typed_with_a_comma_and_text_is_normalised(client, org, november, app):
    login(client, "staff")
    title = unicodedata.normalize("NFD", "  Cập nhật phần mềm quản lý hồ sơ  ")
    client.post("/commitments/2026/11/items", data={**ITEM, "title": title, "planned_points": "9,5"}, headers=HX)
    item = items_of(app, org.staff)[0]
    assert item.title == "Cập nhật phần mềm quản lý hồ sơ" and item.planned_points == Decimal("9.5")
    page = client.get("/commitments/2026/11").get_data(as_text=True)
    assert ">9,5</td>" in page


@pytest.mark.parametrize(("field", "value", "message"), [
    ("title", "   ", "Hãy ghi công việc sẽ hoàn thành."),
    ("planned_points", "70,5", "Điểm từ 0 đến 70."),
    ("planned_points", "-1", "Hãy nhập một số điểm, ví dụ 9,5."),
    ("planned_points", "9,55", "Chỉ ghi tối đa một chữ số thập phân"),
    ("deadline", "31/10/2026", "Thời hạn phải từ 01/11/2026 đến 31/01/2027."),
    ("deadline", "01/02/2027", "Thời hạn phải từ 01/11/2026 đến 31/01/2027."),
    ("deadline", "31/11/2026", "Ngày không hợp lệ"),
])
def test_bad_input_comes_back_in_the_row_with_422_and_nothing_is_saved(client, org, november, app, field, value,
                                                                       message):
    login(client, "staff")
    response = client.post("/commitments/2026/11/items", data={**ITEM, field: value}, headers=HX)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert page.lstrip().startswith('<tr id="item-new"') and message in page and 'aria-invalid="true"' in page
    assert items_of(app, org.staff) == []


def test_an_item_is_edited_in_its_row_and_cancel_brings_the_row_back(client, org, november, app):
    login(client, "staff")
    client.post("/commitments/2026/11/items", data=ITEM, headers=HX)
    item = items_of(app, org.staff)[0]
    edit = client.get(f"/commitments/items/{item.id}/edit", headers=HX).get_data(as_text=True)
    assert f'<tr id="item-{item.id}" class="editing' in edit and 'value="15 hồ sơ"' in edit
    assert client.get(f"/commitments/items/{item.id}/row", headers=HX).get_data(as_text=True).lstrip().startswith(
        f'<tr id="item-{item.id}"')
    saved = client.post(f"/commitments/items/{item.id}", headers=HX,
                        data={**ITEM, "measure": "20 hồ sơ", "version": str(item.version)})
    # the row comes back in place of the editor (the order cannot change), the sum under the table out-of-band
    html = saved.get_data(as_text=True)
    assert saved.status_code == 200 and "HX-Retarget" not in saved.headers
    assert html.lstrip().startswith(f'<tr id="item-{item.id}" class="just-saved">') and "20 hồ sơ" in html
    assert '<tfoot id="items-total" hx-swap-oob="true">' in html and "<strong>40</strong> / 70" in html


def test_two_tabs_editing_the_same_item_meet_a_409_that_keeps_the_input(client, org, november, app):
    login(client, "staff")
    client.post("/commitments/2026/11/items", data=ITEM, headers=HX)
    item = items_of(app, org.staff)[0]
    first_tab = client.post(f"/commitments/items/{item.id}", headers=HX,
                            data={**ITEM, "measure": "18 hồ sơ", "version": "1"})
    assert first_tab.status_code == 200
    second_tab = client.post(f"/commitments/items/{item.id}", headers=HX,
                             data={**ITEM, "planned_points": "35", "version": "1"})
    assert second_tab.status_code == 409
    page = second_tab.get_data(as_text=True)
    assert "vừa được lưu ở nơi khác" in page and "Tiêu chí đo, số lượng, Điểm dự kiến" in page
    assert 'value="35"' in page and 'value="2"' in page  # this user's input, and the version now stored
    assert items_of(app, org.staff)[0].planned_points == Decimal("40.0")  # nothing half-saved
    again = client.post(f"/commitments/items/{item.id}", headers=HX,
                        data={**ITEM, "planned_points": "35", "version": "2"})
    assert again.status_code == 200 and items_of(app, org.staff)[0].planned_points == Decimal("35.0")


def test_editing_different_items_in_two_tabs_is_fine_and_moving_keeps_versions(client, org, november, app):
    login(client, "staff")
    for title in ("Một", "Hai", "Ba"):
        client.post("/commitments/2026/11/items", data={**ITEM, "title": title}, headers=HX)
    one, two, three = items_of(app, org.staff)
    moved = client.post(f"/commitments/items/{three.id}/move", data={"direction": "up"}, headers=HX)
    assert titles_in(moved.get_data(as_text=True)) == ["Một", "Ba", "Hai"]
    client.post(f"/commitments/items/{one.id}/move", data={"direction": "up"}, headers=HX)  # already first
    assert [i.title for i in items_of(app, org.staff)] == ["Một", "Ba", "Hai"]
    for item in (two, three):  # both opened before the move, saved after it
        response = client.post(f"/commitments/items/{item.id}", headers=HX,
                               data={**ITEM, "title": item.title + " (sửa)", "version": str(item.version)})
        assert response.status_code == 200
    assert client.post(f"/commitments/items/{two.id}/move", data={"direction": "left"}, headers=HX).status_code == 422


def test_removing_an_item_asks_once_and_refuses_a_stale_page(client, org, november, app):
    login(client, "staff")
    client.post("/commitments/2026/11/items", data=ITEM, headers=HX)
    item = items_of(app, org.staff)[0]
    page = client.get("/commitments/2026/11").get_data(as_text=True)
    assert "hx-confirm=\"Xoá nội dung" in page
    client.post(f"/commitments/items/{item.id}", headers=HX, data={**ITEM, "title": "Đổi", "version": "1"})
    stale = client.post(f"/commitments/items/{item.id}/delete", data={"version": "1"}, headers=HX)
    assert stale.status_code == 409 and len(items_of(app, org.staff)) == 1
    removed = client.post(f"/commitments/items/{item.id}/delete", data={"version": "2"}, headers=HX)
    assert removed.status_code == 200 and "Đã xoá nội dung “Đổi”." in removed.get_data(as_text=True)
    assert items_of(app, org.staff) == []


def test_last_months_unfinished_items_are_copied_once(client, org, november, app):
    with app.app_context():
        make_sheet(org.staff, 2026, 10, state="submitted", items=[
            {"title": "Xong đúng hạn", "outcome": "on_time", "planned_points": Decimal(20)},
            {"title": "Xong chậm", "outcome": "late", "planned_points": Decimal(20)},
            {"title": "Chưa xong", "outcome": "not_done", "planned_points": Decimal(20), "measure": "3 hồ sơ"},
            {"title": "Chưa đánh giá", "planned_points": Decimal(10)},
        ])
    login(client, "staff")
    response = client.post("/commitments/2026/11/copy-unfinished", headers=HX)
    page = response.get_data(as_text=True)
    assert titles_in(page) == ["Chưa xong", "Chưa đánh giá"]
    assert "Đã sao chép 2 việc chưa xong từ tháng 10/2026." in page and "chuyển từ tháng trước" in page
    copied = items_of(app, org.staff)
    assert copied[0].measure == "3 hồ sơ" and copied[0].planned_points == Decimal(20)
    assert all(item.carried_from_id for item in copied)
    again = client.post("/commitments/2026/11/copy-unfinished", headers=HX)
    assert "không còn việc chưa xong" in again.get_data(as_text=True)
    assert len(items_of(app, org.staff)) == 2


def test_a_sent_sheet_is_locked_for_its_owner(client, org, november, app):
    login(client, "staff")
    assert client.post("/commitments/2026/11/submit", headers=HX).status_code == 422  # nothing to send
    client.post("/commitments/2026/11/items", data=ITEM, headers=HX)
    with app.app_context():
        version = db.session.query(CommitmentSheet).one().version
    response = client.post("/commitments/2026/11/submit", data={"version": version}, headers=HX)
    assert response.status_code == 204 and response.headers["HX-Redirect"] == "/commitments/2026/11"
    assert sheet_state(app, org.staff) == "submitted"
    item = items_of(app, org.staff)[0]
    page = client.get("/commitments/2026/11").get_data(as_text=True)
    assert "Thêm nội dung" not in page and "Đã gửi" in page and "Gửi bản cam kết" not in page
    for url, data in (("/commitments/2026/11/items", ITEM), (f"/commitments/items/{item.id}", {**ITEM, "version": "1"}),
                      (f"/commitments/items/{item.id}/delete", {"version": "1"}),
                      (f"/commitments/items/{item.id}/move", {"direction": "up"}),
                      ("/commitments/2026/11/copy-unfinished", {})):
        refused = client.post(url, data=data, headers=HX)
        assert refused.status_code == 409, url
        assert "đã gửi nên không sửa được nữa" in refused.get_data(as_text=True)
    assert client.post("/commitments/2026/11/submit", data={"version": version + 1}, headers=HX).status_code == 409


def test_a_stale_page_cannot_send_the_sheet(client, org, november, app):
    login(client, "staff")
    client.post("/commitments/2026/11/items", data=ITEM, headers=HX)
    assert client.post("/commitments/2026/11/submit", data={"version": "0"}, headers=HX).status_code == 409
    assert sheet_state(app, org.staff) == "draft"


@pytest.mark.parametrize(("number", "reason"), [(10, "Tháng 10/2026 đã chốt"), (12, "Tháng 12/2026 chưa mở")])
def test_closed_and_unopened_months_refuse_every_write(client, org, november, app, number, reason):
    with app.app_context():
        make_sheet(org.staff, 2026, number, items=[{"title": "Việc cũ"}])
    item = items_of(app, org.staff, 2026, number)[0]
    login(client, "staff")
    writes = [
        (f"/commitments/2026/{number}/items", ITEM), (f"/commitments/2026/{number}/copy-unfinished", {}),
        (f"/commitments/2026/{number}/submit", {"version": "1"}), (f"/commitments/items/{item.id}", {**ITEM, "version": "1"}),
        (f"/commitments/items/{item.id}/delete", {"version": "1"}),
        (f"/commitments/items/{item.id}/move", {"direction": "down"}),
    ]
    for url, data in writes:
        for headers in ({}, HX):
            response = client.post(url, data=data, headers=headers)
            assert response.status_code == 409, url
            assert reason in response.get_data(as_text=True), url
    assert client.get(f"/commitments/2026/{number}/items/new").status_code == 409
    assert [i.title for i in items_of(app, org.staff, 2026, number)] == ["Việc cũ"]
    page = client.get(f"/commitments/2026/{number}").get_data(as_text=True)
    assert "Thêm nội dung" not in page and "Việc cũ" in page


def test_someone_elses_items_are_refused_and_unknown_ones_not_found(client, org, november, app):
    with app.app_context():
        make_sheet(org.staff_b, 2026, 11, items=[{"title": "Việc của người khác"}])
    item = items_of(app, org.staff_b)[0]
    login(client, "staff")
    for url, data in ((f"/commitments/items/{item.id}", {**ITEM, "version": "1"}),
                      (f"/commitments/items/{item.id}/delete", {"version": "1"}),
                      (f"/commitments/items/{item.id}/move", {"direction": "up"})):
        assert client.post(url, data=data, headers=HX).status_code == 403
    assert client.get(f"/commitments/items/{item.id}/row").status_code == 403
    assert client.get(f"/commitments/2026/11/people/{org.staff_b}").status_code == 403
    assert client.post("/commitments/items/999999", data={**ITEM, "version": "1"}).status_code == 404
    assert client.get("/commitments/2026/13").status_code == 404
    assert client.get("/commitments/2040/1").status_code == 404
    assert items_of(app, org.staff_b)[0].title == "Việc của người khác"


def test_the_index_opens_the_month_under_way(client, org, app, monkeypatch):
    with app.app_context():
        factories.year(2026, states={11: "self_assessment", 12: "commitments"})
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 27))
    login(client, "staff")
    assert client.get("/commitments/").headers["Location"] == "/commitments/2026/11"
    monkeypatch.setattr(clock, "today", lambda: date(2027, 1, 3))
    assert client.get("/commitments/").headers["Location"] == "/commitments/2026/12"
    client.post("/logout")
    login(client, "admin")  # nobody's account: the team page of that month
    assert client.get("/commitments/").headers["Location"] == "/commitments/2026/12/team"
    assert client.get("/commitments/2026/12").status_code == 403


def test_the_index_says_when_no_month_is_open(client, org):
    login(client, "staff")
    assert "Chưa có tháng nào đang mở" in client.get("/commitments/").get_data(as_text=True)


def test_a_levels_only_year_has_no_planned_points(client, org, app):
    with app.app_context():
        factories.year(2025, states={6: "commitments"})
    login(client, "staff")
    response = client.post("/commitments/2025/06/items", data={**ITEM, "deadline": "", "planned_points": "99"},
                           headers=HX)
    assert response.status_code == 200
    assert "Điểm dự kiến" not in response.get_data(as_text=True)
    assert items_of(app, org.staff, 2025, 6)[0].planned_points is None
