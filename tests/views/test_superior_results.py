"""The superior body's results for the Trưởng ban, recorded by the office month by month: the page, the inline
editor (422 at the fields, 409 on a stale version, months not yet ended refused, closed months allowed), correcting
and clearing with the audit trail, and where people meet the result (the month's review page, the year end, the
year file)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import lxml.html
import pytest
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import AuditEvent, Discipline, MonthlyReview, Person, Year
from app.yearfile.exporter import year_document
from tests import factories
from tests.views.conftest import HX, login

TODAY = date(2026, 11, 9)
REF = "Thông báo số 12/TB-SNV ngày 05/11/2026"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@pytest.fixture
def year(app, org):
    """2026: January to October closed, November at review, December not open."""
    with app.app_context():
        factories.year(2026, states={**{n: "closed" for n in range(1, 11)}, 11: "review"})
    return 2026


def url(person_id: int, month: int, action: str = "") -> str:
    return f"/reviews/2026/superior/{person_id}/{month}" + (f"/{action}" if action else "")


def review_of(app, person_id: int, month: int) -> MonthlyReview | None:
    with app.app_context():
        year = db.session.scalar(select(Year).where(Year.year == 2026))
        review = db.session.scalar(select(MonthlyReview).where(MonthlyReview.person_id == person_id,
                                                               MonthlyReview.month_id == factories.month(year, month).id))
        if review is not None:
            db.session.expunge(review)
        return review


def save(client, person_id: int, month: int, headers=HX, version: str = "", **values):
    data = {"leave": "", "score": "", "superior_ref": REF, "version": version, **values}
    return client.post(url(person_id, month), data=data, headers=headers)


def text_of(response) -> str:
    return " ".join(lxml.html.fromstring(response.get_data(as_text=True)).text_content().split())


def test_only_the_office_sees_the_page(app, client, org, year):
    for role in ("chief", "leader", "head", "staff"):
        other = app.test_client()
        login(other, role)
        assert other.get("/reviews/2026/superior").status_code == 403
        assert save(other, org.chief, 10, score="95").status_code == 403
    login(client, "admin")
    page = client.get("/reviews/2026/superior")
    assert page.status_code == 200
    body = text_of(page)
    assert "Phạm Quang Huy" in body and "Tạ Văn Khôi" not in body  # only the one the superior body assesses
    assert body.count("Chưa có kết quả") == 10  # January to October ended without a result
    assert body.count("Tháng chưa kết thúc") == 2  # November (today's) and December


def test_recording_a_closed_month_keeps_the_self_assessment_and_is_audited(app, client, org, year):
    with app.app_context():
        october = factories.month(db.session.scalar(select(Year).where(Year.year == 2026)), 10)
        with factories.past_writable():
            db.session.add(MonthlyReview(person_id=org.chief, month_id=october.id, self_state="submitted",
                                         self_score=Decimal("93.0"), self_level="htxs",
                                         self_strengths="Chỉ đạo sát sao công tác chuyên môn."))
            db.session.commit()
    before = review_of(app, org.chief, 10)
    login(client, "admin")
    response = save(client, org.chief, 10, version=str(before.version), score="88,5")
    assert response.status_code == 200
    assert "Hoàn thành tốt nhiệm vụ" in text_of(response) and REF in text_of(response)
    review = review_of(app, org.chief, 10)
    assert (review.review_state, review.review_score, review.review_level) == ("approved", Decimal("88.5"), "htt")
    assert (review.reviewer_id, review.approved_by_id, review.superior_ref) == (None, None, REF)
    assert review.approved_at is not None
    assert (review.self_state, review.self_score, review.self_strengths) == (
        "submitted", Decimal("93.0"), "Chỉ đạo sát sao công tác chuyên môn.")
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.entity == "monthly_review",
                                                           AuditEvent.entity_id == review.id))
        assert event.action == "superior_result" and event.after["superior_ref"] == REF
    history = client.get(f"/people/history/monthly_review/{review.id}", headers=HX)
    assert "Ghi kết quả do cấp trên đánh giá" in text_of(history)
    assert "Văn bản của cấp trên" in text_of(history)
    assert REF in text_of(client.get("/reviews/2026/superior"))


def test_recorded_by_and_when_are_shown(client, org, year):
    login(client, "admin")
    save(client, org.chief, 9, score="95")
    row = text_of(client.get(url(org.chief, 9, "row"), headers=HX))
    assert re.search(r"admin, \d\d/\d\d/\d{4}", row)  # who recorded it, and when
    assert "95" in row and "Hoàn thành xuất sắc nhiệm vụ" in row


@pytest.mark.parametrize(("values", "message"), [
    ({"score": "101"}, "Điểm từ 0 đến 100."),
    ({"score": "92,55"}, "Chỉ ghi tối đa một chữ số thập phân"),
    ({"score": ""}, "Hãy nhập tổng điểm cấp trên chấm"),
    ({"score": "90", "superior_ref": "  "}, "Hãy ghi văn bản của cấp trên"),
])
def test_invalid_input_is_refused_at_the_field(app, client, org, year, values, message):
    login(client, "admin")
    response = save(client, org.chief, 10, **values)
    assert response.status_code == 422
    assert message in text_of(response)
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    assert review_of(app, org.chief, 10) is None


def test_a_leave_needs_no_score(app, client, org, year):
    login(client, "admin")
    assert save(client, org.chief, 7, leave="sick").status_code == 200
    review = review_of(app, org.chief, 7)
    assert (review.leave, review.review_score, review.review_level, review.review_state) == (
        "sick", None, None, "approved")


def test_a_person_disciplined_in_the_year_is_rated_kht_whatever_the_score(app, client, org, year):
    with app.app_context():
        db.session.add(Discipline(person_id=org.chief, form="khien_trach", decision_number="3/QĐ-UBND",
                                  decided_on=date(2026, 5, 4), ends_on=date(2026, 11, 4)))
        db.session.commit()
    login(client, "admin")
    assert save(client, org.chief, 10, score="96").status_code == 200
    assert review_of(app, org.chief, 10).review_level == "kht"


def test_months_not_yet_ended_are_refused(app, client, org, year):
    login(client, "admin")
    for number in (11, 12):  # today's month is not over yet either
        for response in (client.get(url(org.chief, number, "edit"), headers=HX),
                         save(client, org.chief, number, score="90")):
            assert response.status_code == 409
            assert "chưa kết thúc" in text_of(response)
        assert review_of(app, org.chief, number) is None
    assert client.get(url(org.chief, 10, "edit"), headers=HX).status_code == 200  # last month: allowed


def test_someone_the_unit_reviews_is_not_here(client, org, year):
    login(client, "admin")
    assert client.get(url(org.staff_b, 10, "edit"), headers=HX).status_code == 404
    assert save(client, org.staff_b, 10, score="90").status_code == 404


def test_a_stale_version_is_a_409_keeping_the_input(app, client, org, year):
    login(client, "admin")
    save(client, org.chief, 10, score="90")  # another tab saved first
    response = save(client, org.chief, 10, score="85", superior_ref="Thông báo số 15/TB-SNV ngày 10/11/2026")
    assert response.status_code == 409
    body = response.get_data(as_text=True)
    assert 'value="85"' in body and "15/TB-SNV" in body
    assert "Tổng điểm cấp trên chấm" in text_of(response) and "Văn bản của cấp trên" in text_of(response)
    assert review_of(app, org.chief, 10).review_score == Decimal("90.0")
    # Saving again, now against the version the 409 gave back, goes through deliberately.
    version = lxml.html.fromstring(body).xpath("//input[@name='version']/@value")[0]
    assert save(client, org.chief, 10, version=version, score="85",
                superior_ref="Thông báo số 15/TB-SNV ngày 10/11/2026").status_code == 200
    assert review_of(app, org.chief, 10).review_score == Decimal("85.0")


def test_correcting_and_clearing_keep_the_trail(app, client, org, year):
    login(client, "admin")
    save(client, org.chief, 8, score="90")
    first = review_of(app, org.chief, 8)
    assert save(client, org.chief, 8, version=str(first.version), score="80",
                superior_ref="Thông báo số 20/TB-SNV ngày 12/11/2026").status_code == 200
    corrected = review_of(app, org.chief, 8)
    assert (corrected.review_score, corrected.review_level) == (Decimal("80.0"), "htt")
    page = client.get("/reviews/2026/superior").get_data(as_text=True)
    assert "Xoá kết quả cấp trên đánh giá tháng 08/2026?" in page  # asked before clearing
    response = client.post(url(org.chief, 8, "clear"), data={"version": str(corrected.version)}, headers=HX)
    assert response.status_code == 200 and "Chưa có kết quả" in text_of(response)
    cleared = review_of(app, org.chief, 8)
    assert (cleared.review_state, cleared.review_score, cleared.superior_ref, cleared.approved_at) == (
        "pending", None, "", None)
    with app.app_context():
        events = list(db.session.scalars(select(AuditEvent).where(
            AuditEvent.entity == "monthly_review", AuditEvent.entity_id == cleared.id).order_by(AuditEvent.id)))
        assert [event.action for event in events] == ["superior_result"] * 3
        assert events[1].before["review_score"] == "90.0" and events[1].after["review_score"] == "80.0"
        assert events[2].before["superior_ref"] == "Thông báo số 20/TB-SNV ngày 12/11/2026"
        assert events[2].reason
    # A stale clear (another tab corrected it meanwhile) is refused.
    save(client, org.chief, 8, version=str(cleared.version), score="70")
    assert client.post(url(org.chief, 8, "clear"), data={"version": str(cleared.version)},
                       headers=HX).status_code == 409


def test_without_javascript_a_save_redirects_to_the_page(app, client, org, year):
    login(client, "admin")
    edit = client.get(url(org.chief, 10, "edit"))
    assert edit.status_code == 200 and 'name="superior_ref"' in edit.get_data(as_text=True)
    token = lxml.html.fromstring(edit.get_data(as_text=True)).xpath("//input[@name='csrf_token']/@value")
    assert token  # the page keeps the token for a form posted without JavaScript
    response = save(client, org.chief, 10, headers={}, score="91")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/reviews/2026/superior#superior-{org.chief}-10")


def test_a_levels_only_year_asks_for_the_level(app, client, org):
    with app.app_context():
        factories.year(2025, states={n: "closed" for n in range(1, 13)})
    login(client, "admin")
    page = client.get(f"/reviews/2025/superior/{org.chief}/6/edit", headers=HX).get_data(as_text=True)
    assert 'name="level"' in page and 'name="score"' not in page
    response = client.post(f"/reviews/2025/superior/{org.chief}/6", headers=HX,
                           data={"leave": "", "level": "", "superior_ref": REF, "version": ""})
    assert response.status_code == 422 and "Hãy chọn mức xếp loại" in text_of(response)
    assert client.post(f"/reviews/2025/superior/{org.chief}/6", headers=HX,
                       data={"leave": "", "level": "htt", "superior_ref": REF, "version": ""}).status_code == 200


def test_people_meet_the_result_where_they_look(app, client, org, year):
    login(client, "admin")
    save(client, org.chief, 10, score="92")
    month_page = text_of(client.get(f"/reviews/2026/10/people/{org.chief}"))
    assert "do cấp trên đánh giá" in month_page and REF in month_page
    # The year file (and so the year end) counts the month like any approved review.
    with app.app_context():
        document = year_document(2026)
        code = db.session.get(Person, org.chief).code
    assert [(m["month"], m["score"], m["level"]) for m in document["months"] if m["person"] == code] == [
        (10, 92.0, "htxs")]


def test_the_year_end_names_the_missing_months_and_links_the_office(app, client, org, year):
    login(client, "admin")
    save(client, org.chief, 10, score="92")
    page = client.get(f"/year-end/2026/people/{org.chief}")
    assert page.status_code == 200
    body = text_of(page)
    assert "Kết quả do cấp trên đánh giá: chưa ghi tháng 1, 2, 3, 4, 5, 6, 7, 8, 9, 11" in body
    assert "/reviews/2026/superior" in page.get_data(as_text=True)
    client = app.test_client()
    login(client, "leader")
    leader_page = client.get(f"/year-end/2026/people/{org.chief}")
    assert "chưa ghi tháng" in text_of(leader_page)
    assert "/reviews/2026/superior" not in leader_page.get_data(as_text=True)
    staff_b_page = client.get(f"/year-end/2026/people/{org.staff_b}")
    assert "Kết quả do cấp trên đánh giá" not in text_of(staff_b_page)


def test_the_office_is_reminded_of_the_months_still_to_record(app, client, org, year):
    """'Việc của tôi' of the office lists the months over without the superior body's result; nobody else's does."""
    with app.app_context():
        chief = db.session.get(Person, org.chief).full_name
    login(client, "admin")
    task = f"Ghi kết quả do cấp trên đánh giá của {chief}: còn thiếu tháng 1, 2, 3, 4, 5, 6, 7, 8, 9, 10/2026"
    assert task in text_of(client.get("/"))
    for number in range(1, 10):
        assert save(client, org.chief, number, score="91").status_code == 200
    assert f"Ghi kết quả do cấp trên đánh giá của {chief}: còn thiếu tháng 10/2026" in text_of(client.get("/"))
    assert save(client, org.chief, 10, leave="sick", score="").status_code == 200
    assert "Ghi kết quả do cấp trên đánh giá" not in text_of(client.get("/"))
    for role in ("chief", "leader"):
        other = app.test_client()
        login(other, role)
        assert "Ghi kết quả do cấp trên đánh giá" not in text_of(other.get("/"))


def test_the_office_reaches_the_page_from_its_menu(app, client, org, year):
    """The admin menu's "Kết quả cấp trên đánh giá" opens the year of the month that ended last."""
    login(client, "admin")
    menu = lxml.html.fromstring(client.get("/admin/people").get_data(as_text=True)).find_class("subnav")[0]
    link = next(a for a in menu.iter("a") if a.text_content().strip() == "Kết quả cấp trên đánh giá")
    response = client.get(link.get("href"))
    assert response.status_code == 302 and response.headers["Location"].endswith("/reviews/2026/superior")
    page = client.get("/reviews/2026/superior").get_data(as_text=True)
    current = lxml.html.fromstring(page).find_class("subnav")[0].xpath(".//a[@aria-current='page']")
    assert [a.text_content().strip() for a in current] == ["Kết quả cấp trên đánh giá"]
    other = app.test_client()
    login(other, "chief")
    assert other.get("/reviews/superior").status_code == 403
