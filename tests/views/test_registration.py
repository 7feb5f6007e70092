"""A person registers for the year's emulation: picks a title, plans initiatives, commits to study; saves a draft,
sends it, sees the decision; a rejected one is corrected and sent again. Bad input is explained, stale pages and
wrong states are refused, every write is audited."""

from __future__ import annotations

import unicodedata

from app.extensions import db
from app.models import AuditEvent, Registration
from tests import factories
from tests.views.conftest import HX, login

GOOD = {"target_title": "ldtt", "initiative_plan": "Số hóa hồ sơ thi đua của phòng.",
        "study_commitment": "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.", "version": ""}


def open_year(app, states=None):
    with app.app_context():
        factories.year(2026, states=states or {3: "commitments"})


def registration_of(app, person_id) -> Registration | None:
    with app.app_context():
        record = db.session.query(Registration).filter_by(person_id=person_id).one_or_none()
        if record is not None:
            db.session.expunge(record)
        return record


def actions(app, entity="registration") -> list[str]:
    with app.app_context():
        return [event.action for event in db.session.query(AuditEvent).filter_by(entity=entity)
                .order_by(AuditEvent.id)]


def test_before_a_year_is_opened_the_page_says_who_must_open_it(client, org):
    login(client, "staff")
    page = client.get("/registration/").get_data(as_text=True)
    assert "Lãnh đạo Ban cần mở năm thi đua trước" in page
    refused = client.post("/registration/", data={**GOOD, "action": "save"})
    assert refused.status_code == 409 and "Chưa mở năm thi đua nào" in refused.get_data(as_text=True)


def test_the_form_offers_the_titles_of_the_years_rulebook_and_a_commitment_to_adapt(client, org, app):
    open_year(app)
    login(client, "staff")
    page = client.get("/registration/").get_data(as_text=True)
    assert "Đăng ký thi đua năm 2026" in page
    for label in ("“Lao động tiên tiến”", "“Chiến sĩ thi đua cơ sở”", "“Chiến sĩ thi đua thành phố”"):
        assert label in page
    assert "Thường xuyên học tập, quán triệt và làm theo tư tưởng" in page
    assert "Đỗ Thị Lan" in page  # the reviewer who will decide


def test_a_draft_is_saved_then_sent_and_becomes_read_only(client, org, app):
    open_year(app)
    login(client, "staff")
    saved = client.post("/registration/", data={**GOOD, "action": "save"})
    assert saved.status_code == 303 and saved.headers["Location"] == "/registration/"
    draft = registration_of(app, org.staff)
    assert (draft.state, draft.target_title, draft.submitted_at) == ("draft", "ldtt", None)
    assert "Đã lưu nháp bản đăng ký." in client.get("/registration/").get_data(as_text=True)

    sent = client.post("/registration/", data={**GOOD, "target_title": "cstdcs", "action": "submit",
                                               "version": str(draft.version)}, headers=HX)
    assert sent.status_code == 204 and sent.headers["HX-Redirect"] == "/registration/"
    record = registration_of(app, org.staff)
    assert (record.state, record.target_title) == ("submitted", "cstdcs") and record.submitted_at
    page = client.get("/registration/").get_data(as_text=True)
    assert "Chờ duyệt" in page and 'name="target_title"' not in page
    assert "“Chiến sĩ thi đua cơ sở”" in page
    assert actions(app) == ["create", "update", "submit"]

    again = client.post("/registration/", data={**GOOD, "action": "save", "version": str(record.version)},
                        headers=HX)
    assert again.status_code == 409
    assert "không sửa được nữa" in again.get_data(as_text=True)
    assert registration_of(app, org.staff).target_title == "cstdcs"


def test_bad_input_is_explained_at_each_field_and_nothing_is_saved(client, org, app):
    open_year(app)
    login(client, "staff")
    unknown = client.post("/registration/", data={**GOOD, "target_title": "huan_chuong", "action": "save"},
                          headers=HX)
    assert unknown.status_code == 422
    assert "Danh hiệu này không có trong danh sách danh hiệu của năm 2026." in unknown.get_data(as_text=True)
    missing = client.post("/registration/", data={**GOOD, "target_title": "", "action": "save"})
    assert missing.status_code == 422 and "Hãy chọn danh hiệu thi đua đăng ký." in missing.get_data(as_text=True)
    long = client.post("/registration/", data={**GOOD, "initiative_plan": "x" * 4001, "action": "save"})
    assert long.status_code == 422 and "Không được dài quá 4000 ký tự." in long.get_data(as_text=True)
    city = client.post("/registration/", data={**GOOD, "target_title": "cstd_tp", "initiative_plan": "",
                                               "study_commitment": "", "action": "submit"}, headers=HX)
    page = city.get_data(as_text=True)
    assert city.status_code == 422
    assert "Điều 22" in page and "Hãy ghi cam kết học tập" in page
    assert 'id="my-registration"' in page and "<html" not in page  # the fragment, for htmx
    assert registration_of(app, org.staff) is None and actions(app) == []


def test_text_is_stored_composed_and_trimmed(client, org, app):
    open_year(app)
    login(client, "staff")
    typed = unicodedata.normalize("NFD", "  Sáng kiến số hóa hồ sơ  ")
    client.post("/registration/", data={**GOOD, "initiative_plan": typed, "action": "save"})
    assert registration_of(app, org.staff).initiative_plan == unicodedata.normalize("NFC", "Sáng kiến số hóa hồ sơ")


def test_a_stale_draft_is_refused_with_the_users_input_kept(client, org, app):
    open_year(app)
    login(client, "staff")
    client.post("/registration/", data={**GOOD, "action": "save"})
    first = registration_of(app, org.staff)
    client.post("/registration/", data={**GOOD, "target_title": "cstdcs", "action": "save",
                                        "version": str(first.version)})
    stale = client.post("/registration/", data={**GOOD, "initiative_plan": "Bảng kiểm hồ sơ.", "action": "save",
                                                "version": str(first.version)}, headers=HX)
    page = stale.get_data(as_text=True)
    assert stale.status_code == 409
    assert "vừa được lưu ở một thẻ hoặc máy khác" in page and "Danh hiệu thi đua đăng ký" in page
    assert "Bảng kiểm hồ sơ." in page  # what this user typed is still in the form
    assert registration_of(app, org.staff).target_title == "cstdcs"
    current = registration_of(app, org.staff).version
    resent = client.post("/registration/", data={**GOOD, "initiative_plan": "Bảng kiểm hồ sơ.", "action": "save",
                                                 "version": str(current)})
    assert resent.status_code == 303
    assert registration_of(app, org.staff).initiative_plan == "Bảng kiểm hồ sơ."


def test_an_account_with_no_person_cannot_register(client, org, app):
    open_year(app)
    login(client, "admin")
    assert "không gắn với cán bộ nào" in client.get("/registration/").get_data(as_text=True)
    assert client.post("/registration/", data={**GOOD, "action": "save"}).status_code == 403


def test_a_finished_year_takes_no_more_registrations(client, org, app):
    open_year(app, dict.fromkeys(range(1, 13), "closed"))
    login(client, "staff")
    assert "Năm 2026 đã kết thúc" in client.get("/registration/").get_data(as_text=True)
    refused = client.post("/registration/", data={**GOOD, "action": "save"})
    assert refused.status_code == 409 and "không nhận đăng ký thi đua nữa" in refused.get_data(as_text=True)


def test_the_trưởng_ban_is_told_his_registration_goes_to_the_superior_body(client, org, app):
    open_year(app)
    login(client, "chief")
    client.post("/registration/", data={**GOOD, "action": "submit"})
    page = client.get("/registration/").get_data(as_text=True)
    assert "do cơ quan cấp trên xem xét" in page and "Chờ duyệt" in page
