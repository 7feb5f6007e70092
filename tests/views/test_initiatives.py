"""Initiatives: registered with co-authors, submitted, recognised or rejected by the board's leaders, marked once
used for an award; seen by their authors and by whoever may see one of them."""

from __future__ import annotations

import unicodedata
from datetime import date

from sqlalchemy import select

from app import demo, uploads
from app.extensions import db
from app.initiatives.tasks import tasks_for
from app.models import Account, Attachment, AuditEvent, Initiative, InitiativeAuthor
from tests.views.conftest import HX, login


def sign_in(client, username):
    """Sign in as someone else on the same client (the login page ignores a signed-in user)."""
    client.post("/logout")
    login(client, username)

FULL = {"problem": "Hồ sơ giấy, nhập lại nhiều lần.", "solution": "Dùng một phần mềm chung.",
        "benefit": "Giảm một nửa thời gian tiếp nhận."}


def make(app, *author_ids, status="draft", **fields) -> int:
    values = {"year": 2026, "kind": "initiative", "title": "Số hoá hồ sơ đề nghị khen thưởng", **FULL, **fields}
    with app.app_context():
        initiative = Initiative(status=status, created_by_id=author_ids[0], **values,
                                authors=[InitiativeAuthor(person_id=pid, position=n) for n, pid in enumerate(author_ids)])
        db.session.add(initiative)
        db.session.commit()
        return initiative.id


def load(app, initiative_id) -> Initiative:
    with app.app_context():
        initiative = db.session.get(Initiative, initiative_id)
        initiative.author_ids = [a.person_id for a in initiative.authors]
        db.session.expunge(initiative)
        return initiative


def registration(**overrides) -> dict:
    return {"title": "Bảng kiểm thẩm định hồ sơ Chiến sĩ thi đua", "kind": "solution", "year": "2026",
            "co_authors-0": "0", "co_authors-1": "0", "co_authors-2": "0", "version": "", **FULL, **overrides}


def version_of(app, initiative_id) -> str:
    return str(load(app, initiative_id).version)


def test_register_submit_and_recognise(client, org, app):
    sign_in(client, "staff")
    form = client.get("/initiatives/new").get_data(as_text=True)
    assert "Tác giả thứ 2" in form and "Hoàng Văn Ân" in form  # the creator, always the first author
    response = client.post("/initiatives/", data=registration(**{
        "title": unicodedata.normalize("NFD", "Bảng kiểm thẩm định hồ sơ"), "co_authors-0": str(org.staff_b),
        "co_authors-2": str(org.head)}))
    assert response.status_code == 303
    initiative_id = int(response.headers["Location"].rsplit("/", 1)[-1])
    initiative = load(app, initiative_id)
    assert initiative.title == "Bảng kiểm thẩm định hồ sơ"  # stored composed (NFC)
    assert initiative.author_ids == [org.staff, org.staff_b, org.head]
    assert initiative.status == "draft"

    submitted = client.post(f"/initiatives/{initiative_id}/submit", headers=HX,
                            data={"version": version_of(app, initiative_id)})
    assert submitted.status_code == 204 and submitted.headers["HX-Redirect"] == f"/initiatives/{initiative_id}"
    assert load(app, initiative_id).status == "submitted"
    assert client.get(f"/initiatives/{initiative_id}/edit").status_code == 409

    sign_in(client, "leader")
    assert "Chờ công nhận" in client.get("/initiatives/?status=submitted").get_data(as_text=True)
    decided = client.post(f"/initiatives/{initiative_id}/decision", data={
        "outcome": "recognised", "decision_number": "15/QĐ-TĐKT", "decided_on": "12/6/2026", "level": "co_so",
        "scope": "Áp dụng tại các phòng của Ban.", "version": version_of(app, initiative_id)})
    assert decided.status_code == 303
    initiative = load(app, initiative_id)
    assert (initiative.status, initiative.decision_number, initiative.decided_on, initiative.level) == (
        "recognised", "15/QĐ-TĐKT", date(2026, 6, 12), "co_so")
    page = client.get(f"/initiatives/{initiative_id}").get_data(as_text=True)
    assert "15/QĐ-TĐKT" in page and "12/06/2026" in page and "Cấp cơ sở (đơn vị công nhận)" in page
    with app.app_context():
        actions = list(db.session.scalars(select(AuditEvent.action).where(AuditEvent.entity == "initiative")))
        assert actions == ["create", "submit", "decide"]


def test_co_authors_and_their_leaders_see_it_others_are_refused(client, org, app):
    initiative_id = make(app, org.staff_b, org.head_b)
    for username, status in (("staff_b", 200), ("head_b", 200), ("leader", 200), ("chief", 200), ("admin", 200),
                             ("staff", 403), ("head", 403)):
        sign_in(client, username)
        assert client.get(f"/initiatives/{initiative_id}").status_code == status, username
    sign_in(client, "staff")
    assert client.get("/initiatives/999999").status_code == 404
    assert "Số hoá hồ sơ" not in client.get("/initiatives/").get_data(as_text=True)


def test_the_list_shows_mine_and_for_leaders_the_whole_unit_filtered(client, org, app):
    make(app, org.staff, title="Sáng kiến của Ân")
    make(app, org.staff_b, title="Giải pháp của Khôi", kind="solution", status="submitted")
    sign_in(client, "staff")
    page = client.get("/initiatives/").get_data(as_text=True)
    assert "Sáng kiến của Ân" in page and "Giải pháp của Khôi" not in page
    assert 'name="mine"' not in page  # nobody else's to hide
    sign_in(client, "leader")
    page = client.get("/initiatives/").get_data(as_text=True)
    assert "Sáng kiến của Ân" in page and "Giải pháp của Khôi" in page
    filtered = client.get("/initiatives/?kind=solution&status=submitted&year=2026", headers=HX).get_data(as_text=True)
    assert "Giải pháp của Khôi" in filtered and "Sáng kiến của Ân" not in filtered and "<html" not in filtered
    assert "Không có sáng kiến nào khớp bộ lọc" in client.get("/initiatives/?year=2020").get_data(as_text=True)
    assert "Sáng kiến của Ân" not in client.get("/initiatives/?mine=1").get_data(as_text=True)


def test_bad_registrations_are_explained_and_nothing_is_saved(client, org, app):
    sign_in(client, "staff")
    response = client.post("/initiatives/", headers=HX, data=registration(**{
        "title": "  ", "kind": "khac", "year": "1999", "co_authors-0": str(org.head), "co_authors-1": str(org.head),
        "co_authors-2": "999999"}))
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "<html" not in page
    assert "Hãy nhập tên." in page
    assert "Người này đã có trong danh sách tác giả." in page
    assert page.count("Lựa chọn không hợp lệ.") >= 3  # kind, year, the unknown person
    assert "Có lỗi cần sửa" in page
    self_again = client.post("/initiatives/", data=registration(**{"co_authors-0": str(org.staff)}))
    assert self_again.status_code == 422  # the creator is already the first author
    with app.app_context():
        assert db.session.scalar(select(Initiative.id)) is None


def test_an_incomplete_initiative_cannot_be_submitted(client, org, app):
    initiative_id = make(app, org.staff, problem="", benefit=" ")
    sign_in(client, "staff")
    response = client.post(f"/initiatives/{initiative_id}/submit", headers=HX,
                           data={"version": version_of(app, initiative_id)})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Chưa gửi được: còn thiếu" in page and "Thực trạng, vấn đề cần giải quyết" in page
    assert "Hiệu quả dự kiến" in page and "Nội dung giải pháp" not in page.split("còn thiếu")[1].split("</ul>")[0]
    assert load(app, initiative_id).status == "draft"


def test_only_authors_edit_and_submit_and_only_board_leaders_decide(client, org, app):
    initiative_id = make(app, org.staff)
    sign_in(client, "head")  # sees it (his department), but it is not his
    assert client.get(f"/initiatives/{initiative_id}").status_code == 200
    assert client.get(f"/initiatives/{initiative_id}/edit").status_code == 403
    assert client.post(f"/initiatives/{initiative_id}/submit").status_code == 403
    assert client.get(f"/initiatives/{initiative_id}/decision").status_code == 403
    sign_in(client, "leader")
    assert client.post(f"/initiatives/{initiative_id}/edit", data=registration()).status_code == 403
    assert client.get(f"/initiatives/{initiative_id}/decision").status_code == 409  # a draft is not decided yet


def test_rejection_needs_a_reason_and_the_author_reworks_and_resubmits(client, org, app):
    initiative_id = make(app, org.staff, status="submitted")
    sign_in(client, "chief")
    no_reason = client.post(f"/initiatives/{initiative_id}/decision", headers=HX,
                            data={"outcome": "rejected", "version": version_of(app, initiative_id)})
    assert no_reason.status_code == 422
    assert "Hãy ghi lý do không công nhận" in no_reason.get_data(as_text=True)
    client.post(f"/initiatives/{initiative_id}/decision", data={
        "outcome": "rejected", "rejection_reason": "Chưa có số liệu so sánh.", "version": version_of(app, initiative_id)})
    assert load(app, initiative_id).status == "rejected"

    sign_in(client, "staff")
    page = client.get(f"/initiatives/{initiative_id}").get_data(as_text=True)
    assert "Không công nhận" in page and "Chưa có số liệu so sánh." in page
    edit = client.get(f"/initiatives/{initiative_id}/edit").get_data(as_text=True)
    assert "Lý do không công nhận lần trước" in edit
    saved = client.post(f"/initiatives/{initiative_id}/edit", data=registration(
        benefit="Giảm 50% thời gian; số liệu 6 tháng kèm theo.", version=version_of(app, initiative_id)))
    assert saved.status_code == 303
    client.post(f"/initiatives/{initiative_id}/submit", data={"version": version_of(app, initiative_id)})
    initiative = load(app, initiative_id)
    assert (initiative.status, initiative.rejection_reason) == ("submitted", "")


def test_a_recognition_needs_number_date_and_level_and_no_future_date(client, org, app):
    initiative_id = make(app, org.staff, status="submitted")
    sign_in(client, "leader")
    response = client.post(f"/initiatives/{initiative_id}/decision", headers=HX, data={
        "outcome": "recognised", "decided_on": "31/12/2999", "version": version_of(app, initiative_id)})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Hãy nhập số quyết định." in page and "Hãy chọn cấp công nhận." in page
    assert "Ngày quyết định không được sau hôm nay." in page
    bad_date = client.post(f"/initiatives/{initiative_id}/decision", data={
        "outcome": "recognised", "decided_on": "31/02/2026", "decision_number": "1/QĐ", "level": "co_so",
        "version": version_of(app, initiative_id)})
    assert bad_date.status_code == 422 and "Ngày không hợp lệ" in bad_date.get_data(as_text=True)
    assert load(app, initiative_id).status == "submitted"


def test_research_is_accepted_on_a_date(client, org, app):
    initiative_id = make(app, org.staff, status="submitted", kind="research", title="Đề tài điển hình tiên tiến")
    sign_in(client, "chief")
    client.post(f"/initiatives/{initiative_id}/decision", data={
        "outcome": "recognised", "decision_number": "45/QĐ-HĐKH", "decided_on": "20/10/2026", "level": "thanh_pho",
        "version": version_of(app, initiative_id)})
    page = client.get(f"/initiatives/{initiative_id}").get_data(as_text=True)
    assert "Đã nghiệm thu" in page and "Ngày nghiệm thu" in page and "20/10/2026" in page


def test_a_stale_edit_gets_409_with_the_users_input_kept(client, org, app):
    initiative_id = make(app, org.staff, org.head)
    stale = version_of(app, initiative_id)
    sign_in(client, "head")  # the co-author saves first
    assert client.post(f"/initiatives/{initiative_id}/edit", data=registration(
        title="Tên do đồng tác giả sửa", version=stale)).status_code == 303
    sign_in(client, "staff")
    response = client.post(f"/initiatives/{initiative_id}/edit", headers=HX, data=registration(
        title="Tên tôi vừa gõ", version=stale))
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Tên tôi vừa gõ" in page and "Một đồng tác giả vừa lưu" in page
    assert "Tên sáng kiến, giải pháp hoặc đề tài" in page.split("Các mục khác")[1]
    assert load(app, initiative_id).title == "Tên do đồng tác giả sửa"
    stale_submit = client.post(f"/initiatives/{initiative_id}/submit", data={"version": stale})
    assert stale_submit.status_code == 409


def test_used_for_award_is_marked_shown_and_unmarked_with_a_reason(client, org, app):
    initiative_id = make(app, org.staff, status="recognised", decision_number="15/QĐ-TĐKT",
                         decided_on=date(2026, 6, 12), level="co_so")
    award = "“Chiến sĩ thi đua cơ sở” năm 2026"
    sign_in(client, "staff")
    assert client.post(f"/initiatives/{initiative_id}/award", data={"used_for_award": award}).status_code == 403
    sign_in(client, "leader")
    empty = client.post(f"/initiatives/{initiative_id}/award", headers=HX,
                        data={"used_for_award": " ", "version": version_of(app, initiative_id)})
    assert empty.status_code == 422 and "Hãy ghi danh hiệu" in empty.get_data(as_text=True)
    marked = client.post(f"/initiatives/{initiative_id}/award", headers=HX,
                         data={"used_for_award": award, "version": version_of(app, initiative_id)})
    assert marked.status_code == 200 and "Đã dùng cho “Chiến sĩ thi đua cơ sở” năm 2026" in marked.get_data(as_text=True)
    assert f"Đã dùng cho {award}" in client.get("/initiatives/").get_data(as_text=True)
    again = client.post(f"/initiatives/{initiative_id}/award",
                        data={"used_for_award": "Giấy khen", "version": version_of(app, initiative_id)})
    assert again.status_code == 409
    assert client.get(f"/initiatives/{initiative_id}/decision").status_code == 409  # no change once used

    no_reason = client.post(f"/initiatives/{initiative_id}/award/remove", headers=HX,
                            data={"version": version_of(app, initiative_id)})
    assert no_reason.status_code == 422 and "Hãy ghi lý do bỏ đánh dấu." in no_reason.get_data(as_text=True)
    unmarked = client.post(f"/initiatives/{initiative_id}/award/remove", data={
        "reason": "Hồ sơ đề nghị không được xét năm nay.", "version": version_of(app, initiative_id)})
    assert unmarked.status_code == 303 and load(app, initiative_id).used_for_award == ""
    with app.app_context():
        events = list(db.session.scalars(select(AuditEvent).where(AuditEvent.entity == "initiative")
                                         .order_by(AuditEvent.id)))
        assert [(e.action, e.after) for e in events] == [("mark_used", {"used_for_award": award}),
                                                         ("unmark_used", {"used_for_award": ""})]
        assert events[1].reason == "Hồ sơ đề nghị không được xét năm nay."


def test_work_items_for_leaders_and_for_authors(client, org, app):
    make(app, org.staff, status="submitted")
    make(app, org.staff_b, status="submitted")
    make(app, org.staff, title="Bản nháp một")
    with app.test_request_context():
        leader = db.session.scalar(select(Account).where(Account.username == "leader"))
        staff = db.session.scalar(select(Account).where(Account.username == "staff"))
        head = db.session.scalar(select(Account).where(Account.username == "head"))
        (decide,) = tasks_for(leader, date(2026, 11, 27))
        assert (decide.title, decide.count, decide.kind) == ("Công nhận sáng kiến", 2, "decide")
        (draft,) = tasks_for(staff, date(2026, 11, 27))
        assert "Bản nháp một" in draft.title and draft.url.startswith("/initiatives/")
        assert tasks_for(head, date(2026, 11, 27)) == []
    make(app, org.staff, title="Bản nháp hai")
    with app.test_request_context():
        staff = db.session.scalar(select(Account).where(Account.username == "staff"))
        (drafts,) = tasks_for(staff, date(2026, 11, 27))
        assert drafts.count == 2 and "status=draft" in drafts.url


def test_an_admin_account_that_is_nobody_cannot_register(client, org):
    sign_in(client, "admin")
    assert client.get("/initiatives/new").status_code == 403
    assert "Đăng ký sáng kiến</a>" not in client.get("/initiatives/").get_data(as_text=True)


def test_the_demo_unit_has_initiatives_in_every_state_and_a_real_pdf(app, monkeypatch):
    monkeypatch.setattr(demo, "AREA_SEEDS", ("app.initiatives.demo",))
    with app.app_context():
        list(demo.seed("demo1234"))
        initiatives = list(db.session.scalars(select(Initiative)))
        assert 6 <= len(initiatives) <= 8
        assert {i.status for i in initiatives} == {"draft", "submitted", "recognised", "rejected"}
        assert {i.level for i in initiatives if i.level} == {"co_so", "thanh_pho"}
        assert all(i.decision_number and i.decided_on for i in initiatives if i.status == "recognised")
        assert all(i.rejection_reason for i in initiatives if i.status == "rejected")
        assert any(i.kind == "research" for i in initiatives) and any(i.used_for_award for i in initiatives)
        (attachment,) = db.session.scalars(select(Attachment))
        data = uploads.path_of(attachment.stored_name, uploads.folder()).read_bytes()
        assert uploads.sniff(data) == "pdf" and data.rstrip().endswith(b"%%EOF")
