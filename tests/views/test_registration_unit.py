"""The unit's registration of its collective title: prepared and sent by a board leader or an admin, approved or
rejected with a reason by the Trưởng ban."""

from __future__ import annotations

from datetime import date

from app.extensions import db
from app.models import Account, AuditEvent, UnitRegistration
from app.registration.tasks import tasks_for
from tests import factories
from tests.views.conftest import HX, login
from tests.views.test_registration_review import switch

PLAN = {"target_title": "ttldxs", "plan": "100% hoàn thành nhiệm vụ; số hóa hồ sơ trước 30/9.", "version": ""}


def unit_record(app) -> UnitRegistration | None:
    with app.app_context():
        record = db.session.query(UnitRegistration).one_or_none()
        if record is not None:
            db.session.expunge(record)
        return record


def test_a_leader_prepares_and_sends_and_the_trưởng_ban_approves(client, org, app):
    with app.app_context():
        factories.year(2026, states={3: "commitments"})
    login(client, "leader")
    page = client.get("/registration/unit").get_data(as_text=True)
    assert "“Tập thể lao động xuất sắc”" in page and "“Tập thể lao động tiên tiến”" in page
    assert client.post("/registration/unit", data={**PLAN, "action": "save"}).status_code == 303
    draft = unit_record(app)
    assert draft.state == "draft" and draft.submitted_by_id is None
    sent = client.post("/registration/unit", data={**PLAN, "action": "submit", "version": str(draft.version)})
    assert sent.status_code == 303
    with app.app_context():
        record = db.session.query(UnitRegistration).one()
        assert (record.state, record.submitted_by.username) == ("submitted", "leader")
    assert 'action="/registration/unit/decide"' not in client.get("/registration/unit").get_data(as_text=True)
    assert client.post("/registration/unit/decide", data={"decision": "approve"}).status_code == 403

    switch(client, "chief")
    page = client.get("/registration/unit").get_data(as_text=True)
    assert 'action="/registration/unit/decide"' in page and "Lê Minh Ngọc" in page
    with app.test_request_context():
        chief = db.session.query(Account).filter_by(username="chief").one()
        assert "Duyệt đăng ký thi đua của đơn vị năm 2026" in [item.title for item in tasks_for(chief, date(2026, 3, 2))]
    approved = client.post("/registration/unit/decide", data={"decision": "approve", "reason": "Đồng ý.",
                                                              "version": str(unit_record(app).version)}, headers=HX)
    assert approved.status_code == 204 and approved.headers["HX-Redirect"] == "/registration/unit"
    record = unit_record(app)
    assert (record.state, record.decision_reason) == ("approved", "Đồng ý.")
    with app.app_context():
        actions = [e.action for e in db.session.query(AuditEvent).filter_by(entity="unit_registration")
                   .order_by(AuditEvent.id)]
    assert actions == ["create", "submit", "approve"]


def test_a_rejected_unit_registration_shows_its_reason_and_is_sent_again(client, org, app):
    with app.app_context():
        factories.year(2026, states={3: "commitments"})
    login(client, "admin")  # an admin may prepare it too
    client.post("/registration/unit", data={**PLAN, "action": "submit"})
    switch(client, "chief")
    version = str(unit_record(app).version)
    bare = client.post("/registration/unit/decide", data={"decision": "reject", "version": version}, headers=HX)
    assert bare.status_code == 422 and "Hãy ghi lý do từ chối" in bare.get_data(as_text=True)
    assert 'id="unit-registration"' in bare.get_data(as_text=True)
    client.post("/registration/unit/decide", data={"decision": "reject", "reason": "Bổ sung chỉ tiêu sáng kiến.",
                                                   "version": version})
    assert unit_record(app).state == "rejected"
    switch(client, "leader")
    page = client.get("/registration/unit").get_data(as_text=True)
    assert "Lý do từ chối" in page and "Bổ sung chỉ tiêu sáng kiến." in page and 'name="plan"' in page
    again = client.post("/registration/unit", data={**PLAN, "plan": "Mỗi phòng một sáng kiến.", "action": "submit",
                                                    "version": str(unit_record(app).version)})
    assert again.status_code == 303 and unit_record(app).state == "submitted"


def test_bad_input_and_wrong_states_are_refused(client, org, app):
    with app.app_context():
        factories.year(2026, states={3: "commitments"})
    login(client, "staff")
    assert client.post("/registration/unit", data={**PLAN, "action": "save"}).status_code == 403
    switch(client, "chief")
    nothing = client.post("/registration/unit/decide", data={"decision": "approve"})
    assert nothing.status_code == 409 and "chưa có gì để duyệt" in nothing.get_data(as_text=True)
    person_title = client.post("/registration/unit", data={**PLAN, "target_title": "ldtt", "action": "save"})
    assert person_title.status_code == 422
    assert "Danh hiệu này không có trong danh sách danh hiệu của năm 2026." in person_title.get_data(as_text=True)
    empty = client.post("/registration/unit", data={**PLAN, "plan": "", "action": "submit"}, headers=HX)
    assert empty.status_code == 422 and "Hãy ghi nội dung, biện pháp thực hiện" in empty.get_data(as_text=True)
    client.post("/registration/unit", data={**PLAN, "action": "submit"})
    frozen = client.post("/registration/unit", data={**PLAN, "action": "save",
                                                     "version": str(unit_record(app).version)})
    assert frozen.status_code == 409 and unit_record(app).plan == PLAN["plan"]


def test_the_unit_page_before_any_year_says_what_to_do(client, org):
    login(client, "chief")
    assert "Lãnh đạo Ban cần mở năm thi đua trước" in client.get("/registration/unit").get_data(as_text=True)
