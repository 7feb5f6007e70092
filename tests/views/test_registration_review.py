"""The registrations list: a reviewer approves or rejects their reviewees' registrations inline (or with plain
forms), the Trưởng ban decides for everyone, the board's leaders and admins read the whole unit, and everyone
sees who has not registered yet. The 'Việc của tôi' items follow, in a constant number of queries."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import event

from app.extensions import db
from app.models import Account, AuditEvent, Department, Registration
from app.registration.tasks import tasks_for
from tests import factories
from tests.views.conftest import HX, login


def setup(app, org, states: dict[str, str]) -> dict[str, int]:
    """Year 2026 and a registration for each named person (org attribute → state); returns their ids."""
    with app.app_context():
        year = factories.year(2026, states={3: "commitments"})
        ids = {}
        for who, state in states.items():
            record = Registration(year_id=year.id, person_id=getattr(org, who), target_title="ldtt",
                                  initiative_plan=f"Sáng kiến của {who}.", study_commitment="Học tập theo Bác.",
                                  state=state)
            db.session.add(record)
            db.session.flush()
            ids[who] = record.id
        db.session.commit()
        return ids


def switch(client, username):
    """Sign out whoever was signed in, then sign in as another account."""
    client.post("/logout")
    login(client, username)


def names_in_table(page: str) -> list[str]:
    return re.findall(r'<th scope="row">([^<]+)<br>', page)


def decide_links(page: str) -> list[str]:
    return re.findall(r'hx-get="/registration/(\d+)/decide', page)


def state_of(app, registration_id) -> tuple[str, str]:
    with app.app_context():
        record = db.session.get(Registration, registration_id)
        return record.state, record.decision_reason


def test_a_department_head_sees_and_decides_their_own_people_only(client, org, app):
    ids = setup(app, org, {"staff": "submitted", "staff_b": "submitted"})
    login(client, "head")
    page = client.get("/registration/people").get_data(as_text=True)
    assert names_in_table(page) == ["Đỗ Thị Lan", "Hoàng Văn Ân"]
    assert decide_links(page) == [str(ids["staff"])] and "Tạ Văn Khôi" not in page


def test_the_board_reads_the_whole_unit_with_counts_and_who_has_not_registered(client, org, app):
    setup(app, org, {"staff": "approved", "staff_b": "submitted", "head": "rejected"})
    with app.app_context():
        factories.person("Tâm", "Lý", "Văn", dept=db.session.get(Department, org.dept_a))  # no login
    login(client, "leader")
    page = client.get("/registration/people").get_data(as_text=True)
    assert len(names_in_table(page)) == 6  # everyone with a login; the person with none need not register
    assert "Lý Văn Tâm" not in page
    assert "Tất cả (6)" in page and "Chưa đăng ký (3)" in page and "Chờ duyệt (1)" in page
    missing = client.get("/registration/people?state=none").get_data(as_text=True)
    assert names_in_table(missing) == ["Phạm Quang Huy", "Lê Minh Ngọc", "Cao Thị Hằng"]
    # the deputy in charge of department A reviews its head, whose registration is rejected: nothing to decide
    assert decide_links(page) == []
    switch(client, "admin")
    assert len(names_in_table(client.get("/registration/people").get_data(as_text=True))) == 6


def test_staff_see_only_themselves(client, org, app):
    setup(app, org, {"staff_b": "submitted"})
    login(client, "staff")
    page = client.get("/registration/people").get_data(as_text=True)
    assert names_in_table(page) == ["Hoàng Văn Ân"] and decide_links(page) == []


def test_rejecting_inline_needs_a_reason_and_returns_the_whole_table(client, org, app):
    ids = setup(app, org, {"staff": "submitted"})
    login(client, "head")
    row = client.get(f"/registration/{ids['staff']}/decide", headers=HX)
    assert row.status_code == 200 and f'id="decision-form-{ids["staff"]}"' in row.get_data(as_text=True)
    assert "Sáng kiến của staff." in row.get_data(as_text=True)  # the full plan, to read before deciding
    cancel = client.get(f"/registration/{ids['staff']}/row", headers=HX).get_data(as_text=True)
    assert cancel.startswith(f'<tr id="registration-row-{org.staff}"') and "registrations-table" not in cancel

    bare = client.post(f"/registration/{ids['staff']}/decide", data={"decision": "reject", "version": "1"},
                       headers=HX)
    assert bare.status_code == 422
    assert "Hãy ghi lý do từ chối" in bare.get_data(as_text=True)
    assert state_of(app, ids["staff"]) == ("submitted", "")

    reason = "Nêu rõ thời gian áp dụng sáng kiến."
    done = client.post(f"/registration/{ids['staff']}/decide?state=submitted",
                       data={"decision": "reject", "reason": reason, "version": "1"}, headers=HX)
    page = done.get_data(as_text=True)
    assert done.status_code == 200 and done.headers["HX-Retarget"] == "#registrations-table"
    assert "Đã từ chối đăng ký thi đua của Hoàng Văn Ân" in page
    # the reader's filter holds: the decided row leaves the waiting list, the counts follow
    assert names_in_table(page) == [] and "Chờ duyệt (0)" in page and "Từ chối (1)" in page
    assert state_of(app, ids["staff"]) == ("rejected", reason)
    with app.app_context():
        event_row = db.session.query(AuditEvent).filter_by(entity="registration", action="reject").one()
        assert event_row.reason == reason and event_row.after["state"] == "rejected"


def test_the_person_sees_the_reason_corrects_and_sends_again_then_it_is_approved_without_javascript(client, org, app):
    ids = setup(app, org, {"staff": "submitted"})
    login(client, "head")
    client.post(f"/registration/{ids['staff']}/decide", data={"decision": "reject", "reason": "Thiếu cam kết.",
                                                              "version": "1"})
    switch(client, "staff")
    page = client.get("/registration/").get_data(as_text=True)
    assert "Lý do từ chối" in page and "Thiếu cam kết." in page and 'name="target_title"' in page
    with app.app_context():
        version = db.session.get(Registration, ids["staff"]).version
    resent = client.post("/registration/", data={"target_title": "ldtt", "initiative_plan": "",
                                                 "study_commitment": "Học tập và làm theo Bác.",
                                                 "action": "submit", "version": str(version)})
    assert resent.status_code == 303 and state_of(app, ids["staff"])[0] == "submitted"

    switch(client, "head")
    form_page = client.get(f"/registration/{ids['staff']}/decide")
    assert "<html" in form_page.get_data(as_text=True)  # the whole list, with the decision row open
    with app.app_context():
        version = db.session.get(Registration, ids["staff"]).version
    approved = client.post(f"/registration/{ids['staff']}/decide",
                           data={"decision": "approve", "reason": "", "version": str(version)})
    assert approved.status_code == 303 and approved.headers["Location"] == "/registration/people"
    assert state_of(app, ids["staff"]) == ("approved", "")
    switch(client, "staff")
    assert "Đã duyệt" in client.get("/registration/").get_data(as_text=True)


def test_deciding_is_refused_for_others_for_oneself_and_in_the_wrong_state(client, org, app):
    ids = setup(app, org, {"staff": "submitted", "head": "approved"})
    login(client, "head_b")
    assert client.post(f"/registration/{ids['staff']}/decide", data={"decision": "approve"}).status_code == 403
    assert client.get(f"/registration/{ids['staff']}/row").status_code == 403
    switch(client, "staff")
    assert client.post(f"/registration/{ids['staff']}/decide", data={"decision": "approve"}).status_code == 403
    assert client.get("/registration/99999/row").status_code == 404
    switch(client, "chief")
    late = client.post(f"/registration/{ids['head']}/decide", data={"decision": "reject", "reason": "x"},
                       headers=HX)
    assert late.status_code == 409 and late.headers["HX-Retarget"] == "#flash"
    assert "không còn chờ duyệt (hiện: Đã duyệt)" in late.get_data(as_text=True)
    nonsense = client.post(f"/registration/{ids['staff']}/decide", data={"decision": "maybe", "version": "1"})
    assert nonsense.status_code == 422 and "Hãy bấm Duyệt hoặc Từ chối." in nonsense.get_data(as_text=True)
    too_long = client.post(f"/registration/{ids['staff']}/decide",
                           data={"decision": "reject", "reason": "x" * 1001, "version": "1"})
    assert too_long.status_code == 422 and "Không được dài quá 1000 ký tự." in too_long.get_data(as_text=True)


def test_a_decision_on_a_registration_sent_again_meanwhile_keeps_the_reason_typed(client, org, app):
    ids = setup(app, org, {"staff": "submitted"})
    with app.app_context():
        record = db.session.get(Registration, ids["staff"])
        record.initiative_plan = "Bản đã sửa."  # sent again while the reviewer had the old one open
        db.session.commit()
    login(client, "chief")
    stale = client.post(f"/registration/{ids['staff']}/decide",
                        data={"decision": "reject", "reason": "Chưa rõ sáng kiến.", "version": "1"}, headers=HX)
    page = stale.get_data(as_text=True)
    assert stale.status_code == 409
    assert "vừa gửi lại bản đăng ký đã sửa" in page and "Chưa rõ sáng kiến." in page and "Bản đã sửa." in page
    assert state_of(app, ids["staff"])[0] == "submitted"


def _account(username):
    return db.session.query(Account).filter_by(username=username).one()


def test_work_items_ask_to_register_and_to_decide(client, org, app):
    setup(app, org, {"staff": "submitted", "head": "rejected"})
    today = date(2026, 3, 10)
    with app.test_request_context():
        assert [item.title for item in tasks_for(_account("staff"), today)] == []
        head_items = tasks_for(_account("head"), today)
        assert [(item.title, item.kind, item.count) for item in head_items] == [
            ("Đăng ký thi đua năm 2026", "returned", None), ("Duyệt đăng ký thi đua", "decide", 1)]
        assert head_items[1].url == "/registration/people?state=submitted"
        assert [item.title for item in tasks_for(_account("staff_b"), today)] == ["Đăng ký thi đua năm 2026"]
        chief = [(item.title, item.count) for item in tasks_for(_account("chief"), today)]
        assert chief == [("Đăng ký thi đua năm 2026", None),
                         ("Đăng ký danh hiệu thi đua của đơn vị năm 2026", None), ("Duyệt đăng ký thi đua", 1)]
        assert tasks_for(_account("staff_b"), date(2027, 1, 2)) == []  # the year is behind us


def test_work_items_cost_the_same_number_of_queries_for_a_bigger_unit(app, org):
    setup(app, org, {"staff": "submitted"})

    def queries_for(username) -> int:
        with app.test_request_context():
            account = _account(username)
            account.person and account.person.department  # noqa: B018  (loaded before counting)
            statements = []
            listener = lambda *args: statements.append(args[2])  # noqa: E731
            event.listen(db.engine, "before_cursor_execute", listener)
            try:
                tasks_for(account, date(2026, 3, 10))
            finally:
                event.remove(db.engine, "before_cursor_execute", listener)
            return len(statements)

    small = queries_for("chief")
    with app.app_context():
        year_id = db.session.query(Registration).first().year_id
        for number in range(8):
            person = factories.person(f"Người{number}", username=f"nguoi{number}")
            db.session.add(Registration(year_id=year_id, person_id=person.id, target_title="ldtt", state="submitted"))
        db.session.commit()
    assert queries_for("chief") == small


def test_an_inline_approval_marks_the_row_in_the_refreshed_table(client, org, app):
    ids = setup(app, org, {"staff_b": "submitted"})
    login(client, "chief")
    done = client.post(f"/registration/{ids['staff_b']}/decide", data={"decision": "approve", "version": "1"},
                       headers=HX)
    page = done.get_data(as_text=True)
    assert done.status_code == 200 and f'id="registration-row-{org.staff_b}" class="just-saved' in page
    assert "Đã duyệt (1)" in page and decide_links(page) == []
    with app.app_context():
        record = db.session.get(Registration, ids["staff_b"])
        assert record.decided_by.username == "chief" and record.decided_at is not None
