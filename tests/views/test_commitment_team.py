"""The reviewer's side: the team's sheets for a month, one person's sheet read-only, sending a sheet back with a
comment that its owner sees first, answering it, and who may do which."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.models import AuditEvent, CommitmentSheet, MonthlyReview
from tests import factories
from tests.views.conftest import HX, login
from tests.views.test_commitments import ITEM, items_of, make_sheet, month_of, sheet_state

COMMENT = "Nội dung 1 chưa ghi rõ số hồ sơ sẽ thẩm định; đề nghị bổ sung."


@pytest.fixture
def submitted(app, org):
    """November open for commitments; the staff member of department A has sent a sheet with two items."""
    with app.app_context():
        factories.year(2026, states={11: "commitments"})
        make_sheet(org.staff, 2026, 11, state="submitted",
                   items=[{"title": "Thẩm định hồ sơ"}, {"title": "Tổng hợp báo cáo"}])


def test_a_reviewer_lists_the_sheets_of_the_people_they_review(client, org, submitted):
    login(client, "head")
    assert "/commitments/2026/11/team" in client.get("/commitments/2026/11").get_data(as_text=True)
    page = client.get("/commitments/2026/11/team").get_data(as_text=True)
    assert "Hoàng Văn Ân" in page and "Đã gửi" in page and '<td class="num">2</td>' in page
    assert "1 bản cam kết đã gửi" in page
    assert "Tạ Văn Khôi" not in page  # department B's, not theirs
    client.post("/logout")
    login(client, "staff")
    page = client.get("/commitments/2026/11/team").get_data(as_text=True)
    assert "Bạn không phụ trách đánh giá ai." not in page  # nobody to review: shown everyone they may see
    assert "Không có ai để hiện." in page


def test_the_whole_unit_is_listed_for_the_board_and_admins(client, org, submitted):
    login(client, "admin")
    page = client.get("/commitments/2026/11/team").get_data(as_text=True)
    for name in ("Hoàng Văn Ân", "Tạ Văn Khôi", "Phạm Quang Huy"):
        assert name in page
    assert "Chưa đăng ký" in page


def test_someone_elses_sheet_is_read_only(client, org, submitted, app):
    login(client, "head")
    page = client.get(f"/commitments/2026/11/people/{org.staff}").get_data(as_text=True)
    assert "Công việc tháng 11/2026 của Hoàng Văn Ân" in page and "Thẩm định hồ sơ" in page
    assert "Thêm nội dung" not in page and "/edit" not in page
    assert "Trả lại bản cam kết để sửa" in page  # the head reviews them
    client.post("/logout")
    login(client, "staff")
    own = client.get(f"/commitments/2026/11/people/{org.staff}")
    assert own.status_code == 302 and own.headers["Location"] == "/commitments/2026/11"


def test_the_reviewer_sends_a_sheet_back_and_its_owner_answers(client, org, submitted, app):
    login(client, "head")
    with app.app_context():
        version = db.session.query(CommitmentSheet).one().version
    url = f"/commitments/2026/11/people/{org.staff}/return"
    empty = client.post(url, data={"comment": "  ", "version": version}, headers=HX)
    assert empty.status_code == 422
    assert "Hãy ghi lý do trả lại" in empty.get_data(as_text=True)
    assert sheet_state(app, org.staff) == "submitted"
    response = client.post(url, data={"comment": COMMENT, "version": version}, headers=HX)
    assert response.status_code == 204
    assert sheet_state(app, org.staff) == "returned"
    with app.app_context():
        event = db.session.query(AuditEvent).filter_by(entity="commitment_sheet", action="return").one()
        assert event.reason == COMMENT
    again = client.post(url, data={"comment": COMMENT, "version": version + 1}, headers=HX)
    assert again.status_code == 409  # not submitted any more
    client.post("/logout")
    login(client, "staff")
    page = client.get("/commitments/2026/11").get_data(as_text=True)
    assert "Bản cam kết bị trả lại" in page and COMMENT in page and "Thêm nội dung" in page
    item = items_of(app, org.staff)[0]
    saved = client.post(f"/commitments/items/{item.id}", headers=HX,
                        data={**ITEM, "title": "Thẩm định 15 hồ sơ", "version": str(item.version)})
    assert saved.status_code == 200
    with app.app_context():
        version = db.session.query(CommitmentSheet).one().version
    assert client.post("/commitments/2026/11/submit", data={"version": version}, headers=HX).status_code == 204
    assert sheet_state(app, org.staff) == "submitted"


def test_a_returned_sheet_may_be_answered_during_self_assessment_but_a_draft_may_not_be_edited(client, org, app):
    with app.app_context():
        factories.year(2026, states={11: "self_assessment"})
        make_sheet(org.staff, 2026, 11, state="returned", items=[{"title": "Trả lại"}])
        make_sheet(org.head, 2026, 11, state="draft", items=[{"title": "Còn nháp"}])
    login(client, "staff")
    assert client.post("/commitments/2026/11/items", data=ITEM, headers=HX).status_code == 200
    client.post("/logout")
    login(client, "head")
    refused = client.post("/commitments/2026/11/items", data=ITEM, headers=HX)
    assert refused.status_code == 409
    assert "không còn ở bước đăng ký công việc" in refused.get_data(as_text=True)
    with app.app_context():
        version = db.session.query(CommitmentSheet).filter_by(person_id=org.head).one().version
    assert client.post("/commitments/2026/11/submit", data={"version": version}, headers=HX).status_code == 204


def test_only_the_reviewer_or_the_chief_may_send_a_sheet_back(client, org, app):
    with app.app_context():
        factories.year(2026, states={11: "commitments"})
        make_sheet(org.staff_b, 2026, 11, state="submitted", items=[{"title": "Việc phòng B"}])
    url = f"/commitments/2026/11/people/{org.staff_b}/return"
    for username in ("head", "leader", "staff"):
        login(client, username)
        assert client.post(url, data={"comment": COMMENT, "version": "1"}).status_code == 403, username
        client.post("/logout")
    login(client, "leader")
    page = client.get(f"/commitments/2026/11/people/{org.staff_b}").get_data(as_text=True)
    assert "Việc phòng B" in page and "Trả lại bản cam kết để sửa" not in page  # may see, may not send back
    client.post("/logout")
    login(client, "chief")
    assert client.post(url, data={"comment": COMMENT, "version": "1"}).status_code == 303
    assert sheet_state(app, org.staff_b) == "returned"


def test_a_sheet_cannot_be_sent_back_once_self_assessed_or_once_the_month_is_closed(client, org, app):
    with app.app_context():
        factories.year(2026, states={10: "closed", 11: "self_assessment"})
        make_sheet(org.staff, 2026, 10, state="submitted", items=[{"title": "Tháng mười"}])
        make_sheet(org.staff, 2026, 11, state="submitted", items=[{"title": "Tháng mười một"}])
        db.session.add(MonthlyReview(person_id=org.staff, month_id=month_of(2026, 11).id, self_general={},
                                     self_state="submitted"))
        db.session.commit()
    login(client, "head")
    closed = client.post(f"/commitments/2026/10/people/{org.staff}/return", data={"comment": COMMENT, "version": "1"})
    assert closed.status_code == 409 and "Tháng 10/2026 đã chốt" in closed.get_data(as_text=True)
    assessed = client.post(f"/commitments/2026/11/people/{org.staff}/return",
                           data={"comment": COMMENT, "version": "1"})
    assert assessed.status_code == 409 and "đã gửi tự đánh giá" in assessed.get_data(as_text=True)
    assert client.post(f"/commitments/2026/11/people/{org.head_b}/return", data={"comment": COMMENT}).status_code == 403
    assert client.post(f"/commitments/2026/11/people/{org.head}/return", data={"comment": COMMENT}).status_code == 403
    assert items_of(app, org.staff)[0].title == "Tháng mười một"


def test_the_reviewer_reads_the_self_assessment_and_its_evidence(client, org, app):
    with app.app_context():
        factories.year(2026, states={11: "self_assessment"})
        make_sheet(org.staff, 2026, 11, state="submitted",
                   items=[{"title": "Thẩm định hồ sơ", "outcome": "late", "evidence": "https://vb.example/125"}])
        db.session.add(MonthlyReview(person_id=org.staff, month_id=month_of(2026, 11).id, self_state="draft",
                                     self_general={"politics_ethics": "10", "competence": "9", "innovation": "9"},
                                     self_strengths="Chủ động"))
        db.session.commit()
    item = items_of(app, org.staff)[0]
    login(client, "head")
    page = client.get(f"/commitments/2026/11/people/{org.staff}").get_data(as_text=True)
    assert "Hoàn thành chậm" in page and '<a href="https://vb.example/125" rel="noopener noreferrer">' in page
    assert f'id="attachments-item-{item.id}"' in page and "Tải lên" not in page  # read, not add
    assert "Đang làm (số liệu tạm tính)" in page and "80,5" in page  # 28 + 70 × 0.75
    assert "Chủ động" in page
