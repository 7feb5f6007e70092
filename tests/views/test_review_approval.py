"""Approval and the month's close from the review board: one review at a time or every review waiting, and the
close refused (with the reasons) until everything is written, approved and every earlier shortcoming judged."""

from __future__ import annotations

import re

import pytest

from app.extensions import db
from app.models import AuditEvent, MonthlyReview, Shortcoming, ShortcomingFollowUp
from tests import factories
from tests.views.conftest import HX, login
from tests.views.test_commitments import month_of
from tests.views.test_review_board import URL, raised, row_of, self_assessed, written
from tests.views.test_review_editor import GOOD, review_of, save, shown


def approve(client, person_id: int, version=None, scope: str = "all", headers=HX):
    data = {"version": str(version)} if version is not None else {}
    return client.post(f"{URL}/people/{person_id}/approve?scope={scope}", data=data, headers=headers)


def month_state(app, number: int = 11) -> str:
    with app.app_context():
        return month_of(2026, number).state


@pytest.fixture
def reviewing(app, org):
    """November 2026 at review; both staff members sent their self-assessment."""
    with app.app_context():
        factories.year(2026, states={10: "closed", 11: "review", 12: "commitments"})
        self_assessed(org.staff)
        self_assessed(org.staff_b)


def test_a_board_leader_approves_a_written_review_and_gets_the_row_and_the_counters(client, org, reviewing, app):
    with app.app_context():
        review_id = written(org.staff)
    login(client, "leader")
    page = client.get(f"{URL}?scope=all").get_data(as_text=True)
    button = re.search(r'<button type="submit" form="approve-form"[^>]*name="version" value="(\d+)"',
                       row_of(page, org.staff))
    response = approve(client, org.staff, version=button.group(1))
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith(f'<tr id="review-row-{org.staff}" class="just-saved saved">')
    assert "Đã duyệt" in row_of(body, org.staff) and ">Duyệt<" not in row_of(body, org.staff)
    assert '<section id="board-counters"' in body and re.search(r"Đã duyệt</dt><dd>1 / 5</dd>", body)
    review = review_of(app, org.staff)
    assert review.review_state == "approved" and review.approved_by_id is not None and review.approved_at
    with app.app_context():
        event = db.session.query(AuditEvent).filter_by(entity="monthly_review", entity_id=review_id,
                                                       action="approve").one()
        assert event.after["review_state"] == "approved"


def test_approval_needs_a_written_review_an_approver_and_a_month_at_review(client, org, reviewing, app):
    login(client, "leader")
    pending = approve(client, org.staff)
    assert pending.status_code == 409 and "không ở trạng thái chờ duyệt (hiện: Chưa đánh giá)" in pending.get_data(
        as_text=True)
    with app.app_context():
        written(org.staff)
        written(org.leader)
    stale = approve(client, org.staff, version=99)
    assert stale.status_code == 409 and review_of(app, org.staff).review_state == "reviewed"
    assert approve(client, org.leader).status_code == 403  # never one's own review
    head = app.test_client()
    login(head, "head")
    assert approve(head, org.staff).status_code == 403
    with app.app_context():
        month_of(2026, 11).state = "self_assessment"
        db.session.commit()
    assert approve(client, org.staff).status_code == 409
    assert review_of(app, org.staff).review_state == "reviewed"


def test_without_javascript_an_approval_redirects_to_the_board(client, org, reviewing, app):
    with app.app_context():
        written(org.staff)
    login(client, "chief")
    response = approve(client, org.staff, headers={})
    assert response.status_code == 303 and response.headers["Location"] == f"{URL}?scope=all#review-row-{org.staff}"
    assert "Đã duyệt đánh giá tháng 11/2026 của Hoàng Văn Ân." in client.get(response.headers["Location"]).get_data(
        as_text=True)


def test_editing_an_approved_review_sends_it_back_for_approval(client, org, reviewing, app):
    with app.app_context():
        written(org.staff, state="approved")
    login(client, "head")
    values = {**shown(client, org.staff), **GOOD, "g_politics_ethics": "9", "g_competence": "9", "g_innovation": "8",
              "tasks": "61,25"}
    assert save(client, org.staff, values).status_code == 200
    review = review_of(app, org.staff)
    assert review.review_state == "reviewed" and review.approved_by_id is None and review.approved_at is None


def test_approve_all_approves_every_review_waiting_that_the_leader_may_approve(client, org, reviewing, app):
    with app.app_context():
        for person_id in (org.staff, org.staff_b, org.head, org.leader):
            written(person_id)
    login(client, "leader")
    response = client.post(f"{URL}/approve?scope=all")
    assert response.status_code == 303 and response.headers["Location"] == f"{URL}?scope=all"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã duyệt 3 đánh giá tháng 11/2026." in page
    states = {person_id: review_of(app, person_id).review_state for person_id in
              (org.staff, org.staff_b, org.head, org.leader)}
    assert states == {org.staff: "approved", org.staff_b: "approved", org.head: "approved", org.leader: "reviewed"}
    again = client.post(f"{URL}/approve", headers=HX)
    assert again.status_code == 204 and again.headers["HX-Redirect"] == f"{URL}?scope=mine"
    assert "Không có đánh giá nào đang chờ bạn duyệt." in client.get(URL).get_data(as_text=True)
    head = app.test_client()
    login(head, "head")
    assert head.post(f"{URL}/approve").status_code == 403


def test_the_month_closes_only_when_everything_is_written_approved_and_judged(client, org, reviewing, app):
    with app.app_context():
        shortcoming = raised(org.staff, "Chậm gửi báo cáo tháng.")
        written(org.leader)
        written(org.head, state="approved")
    login(client, "chief")
    page = client.get(f"{URL}?scope=all").get_data(as_text=True)
    blockers = re.search(r'<div class="warning board-blockers">.*?</div>', page, re.S).group(0)
    assert "Chưa đánh giá (3): Hoàng Văn Ân, Cao Thị Hằng, Tạ Văn Khôi." in blockers
    assert "Đã đánh giá nhưng chưa được duyệt (1): Lê Minh Ngọc." in blockers
    assert "chưa có kết luận khắc phục: Hoàng Văn Ân (1)." in blockers
    refused = client.post(f"{URL}/close", headers=HX)
    assert refused.status_code == 409 and refused.headers["HX-Retarget"] == "#flash"
    assert "Chưa thể chốt tháng 11/2026." in refused.get_data(as_text=True)
    assert "Chưa đánh giá (3)" in refused.get_data(as_text=True)
    assert month_state(app) == "review"

    # the reviews are written (one verdict still missing), then approved
    head = app.test_client()
    login(head, "head")
    save(head, org.staff, {**shown(head, org.staff), **GOOD})
    for person_id in (org.staff_b, org.head_b):
        with app.app_context():
            written(person_id)
    client.post(f"{URL}/approve?scope=all")
    still = client.post(f"{URL}/close")
    assert still.status_code == 409 and "chưa có kết luận khắc phục: Hoàng Văn Ân (1)" in still.get_data(as_text=True)

    # the verdict is given (the review goes back for approval), approved again: the month closes
    save(head, org.staff, {**shown(head, org.staff), f"verdict_{shortcoming}": "partly_fixed"})
    assert approve(client, org.staff).status_code == 200
    page = client.get(f"{URL}?scope=all").get_data(as_text=True)
    assert "board-blockers" not in page
    version = re.search(r'name="version" value="(\d+)"', page[page.index(f"{URL}/close"):]).group(1)
    closed = client.post(f"{URL}/close?scope=all", data={"version": version})
    assert closed.status_code == 303 and closed.headers["Location"] == f"{URL}?scope=all"
    assert month_state(app) == "closed"
    page = client.get(closed.headers["Location"]).get_data(as_text=True)
    assert "Đã chốt tháng 11/2026." in page and "Chốt tháng</button>" not in page and "/edit" not in page
    with app.app_context():
        event = db.session.query(AuditEvent).filter_by(entity="month", action="set_state").one()
        assert (event.before["state"], event.after["state"]) == ("review", "closed")
        # the shortcoming stays open for December, judged "partly fixed" in November
        assert db.session.get(Shortcoming, shortcoming).closed_in_month_id is None
        assert db.session.query(ShortcomingFollowUp).one().verdict == "partly_fixed"
    # after the close nothing is written through the board
    again = save(head, org.staff, {**GOOD, "level": "htt"})
    assert again.status_code == 409
    assert review_of(app, org.staff).strengths == GOOD["strengths"]


def test_only_board_leaders_close_and_only_a_month_at_review(client, org, app):
    with app.app_context():
        factories.year(2026, states={11: "self_assessment"})
    for username in ("head", "staff", "admin"):
        other = app.test_client()
        login(other, username)
        assert other.post(f"{URL}/close").status_code == 403, username
    login(client, "leader")
    refused = client.post(f"{URL}/close", headers=HX)
    assert refused.status_code == 409 and "không ở bước đánh giá, nhận xét" in refused.get_data(as_text=True)
    assert month_state(app) == "self_assessment"
    with app.app_context():
        assert db.session.query(MonthlyReview).count() == 0
