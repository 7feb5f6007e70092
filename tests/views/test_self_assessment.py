"""The month-end self-assessment: outcomes and evidence per item, general points per criteria group, the live
total recomputed by the server after each change, the report on earlier shortcomings, leave, and sending it."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest

from app.domain.commitments import fingerprint
from app.extensions import db
from app.models import AuditEvent, MonthlyReview, Shortcoming, ShortcomingFollowUp
from tests import factories
from tests.views.conftest import HX, login
from tests.views.test_commitments import items_of, make_sheet, month_of

URL = "/commitments/2026/11/self-assessment"
EMPTY = fingerprint("")


def review_of(app, person_id, number=11) -> MonthlyReview | None:
    with app.app_context():
        review = db.session.query(MonthlyReview).filter_by(person_id=person_id,
                                                           month_id=month_of(2026, number).id).one_or_none()
        if review is not None:
            db.session.expunge(review)
        return review


def assess(client, item, outcome, error=False, evidence="", version=None, headers=HX):
    data = {"outcome": outcome, "evidence": evidence, "version": str(version or item.version)}
    if error:
        data["major_error"] = "y"
    return client.post(f"/commitments/items/{item.id}/assessment", data=data, headers=headers)


def general(client, code, value, was=EMPTY, headers=HX):
    return client.post(f"{URL}/general?only={code}", data={f"g_{code}": value, f"was_{code}": was}, headers=headers)


def seen(client) -> str:
    return re.search(r'name="seen" value="([0-9a-f]+)"', client.get(URL).get_data(as_text=True)).group(1)


@pytest.fixture
def assessing(app, org):
    """November at self-assessment; the staff member's sheet was sent with two items (no planned points)."""
    with app.app_context():
        factories.year(2026, states={10: "closed", 11: "self_assessment", 12: "commitments"})
        make_sheet(org.staff, 2026, 11, state="submitted",
                   items=[{"title": "Thẩm định hồ sơ"}, {"title": "Tổng hợp báo cáo"}])


def test_the_live_total_is_the_servers_computation_of_what_is_stored(client, org, assessing, app):
    login(client, "staff")
    first, second = items_of(app, org.staff)
    response = assess(client, first, "on_time", evidence="Tờ trình số 125/TTr-BTĐKT")
    assert response.status_code == 200
    assert "self-assessment-changed" in json.loads(response.headers["HX-Trigger"])
    assert response.get_data(as_text=True).lstrip().startswith(f'<tr id="assess-item-{first.id}" class="just-saved')
    assert assess(client, second, "late").status_code == 200
    for code, value in (("politics_ethics", "10"), ("competence", "10"), ("innovation", "8")):
        saved = general(client, code, value)
        assert saved.status_code == 200 and "self-assessment-changed" in saved.headers["HX-Trigger"]
        assert saved.get_data(as_text=True).lstrip().startswith(f'<div id="general-{code}"')
    summary = client.get(f"{URL}/summary", headers=HX).get_data(as_text=True)
    # 28 general + 70 × (1 + 0.75) / 2 = 28 + 61.25 = 89.25, shown rounded half up: 89.3, "Hoàn thành tốt".
    assert "<dd>28 / 30</dd>" in summary and "61,25 / 70" in summary
    assert '<strong class="score-total">89,3</strong>' in summary
    assert "Hoàn thành tốt nhiệm vụ" in summary and "1 nội dung hoàn thành chậm." in summary
    assert 'hx-trigger="self-assessment-changed from:body"' in summary
    assert review_of(app, org.staff).self_general == {"politics_ethics": "10", "competence": "10", "innovation": "8"}


def test_a_major_error_and_a_late_item_each_lose_a_quarter(client, org, assessing, app):
    login(client, "staff")
    first, second = items_of(app, org.staff)
    assess(client, first, "late", error=True)
    assess(client, second, "on_time")
    for code in ("politics_ethics", "competence", "innovation"):
        general(client, code, "10")
    summary = client.get(f"{URL}/summary", headers=HX).get_data(as_text=True)
    # 30 + 70 × (0.5 + 1) / 2 = 82.5
    assert '<strong class="score-total">82,5</strong>' in summary and "1 nội dung có sai sót lớn." in summary


@pytest.mark.parametrize(("value", "message"), [
    ("10,5", "Điểm từ 0 đến 10."), ("mười", "Hãy nhập một số điểm"), ("9,25", "tối đa một chữ số thập phân"),
])
def test_points_out_of_bounds_are_refused_at_the_field(client, org, assessing, app, value, message):
    login(client, "staff")
    response = general(client, "competence", value)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert page.lstrip().startswith('<div id="general-competence" class="field general-field field--error"')
    assert message in page and 'aria-invalid="true"' in page and "HX-Trigger" not in response.headers
    assert review_of(app, org.staff) is None  # nothing saved


def test_unknown_fields_items_and_someone_elses_items_are_refused(client, org, assessing, app):
    with app.app_context():
        make_sheet(org.staff_b, 2026, 11, state="submitted", items=[{"title": "Việc phòng B"}])
    other = items_of(app, org.staff_b)[0]
    login(client, "staff")
    assert general(client, "kinh_nghiem", "5").status_code == 404
    assert assess(client, other, "on_time").status_code == 403
    assert client.post("/commitments/items/999999/assessment", data={"outcome": "on_time"}).status_code == 404
    bad = assess(client, items_of(app, org.staff)[0], "xong")
    assert bad.status_code == 422 and "Lựa chọn không hợp lệ." in bad.get_data(as_text=True)
    assert items_of(app, org.staff_b)[0].outcome is None


def test_two_tabs_never_lose_an_edit_silently(client, org, assessing, app):
    login(client, "staff")
    item = items_of(app, org.staff)[0]
    assert assess(client, item, "on_time", version=1).status_code == 200
    stale = assess(client, item, "late", evidence="CV 12", version=1)
    assert stale.status_code == 409
    page = stale.get_data(as_text=True)
    assert "vừa được tự đánh giá ở nơi khác" in page and 'value="CV 12"' in page
    assert items_of(app, org.staff)[0].outcome == "on_time"
    # The general points merge field by field: another tab's change to one group does not block this one's.
    assert general(client, "competence", "9").status_code == 200
    other_group = general(client, "innovation", "7")
    assert other_group.status_code == 200
    same_group = general(client, "competence", "8")  # this tab still shows competence empty
    assert same_group.status_code == 409
    page = same_group.get_data(as_text=True)
    assert "vừa lưu: “9”" in page and 'value="8"' in page and f'value="{fingerprint("9")}"' in page
    assert review_of(app, org.staff).self_general == {"competence": "9", "innovation": "7"}
    deliberate = general(client, "competence", "8", was=fingerprint("9"))
    assert deliberate.status_code == 200
    assert review_of(app, org.staff).self_general["competence"] == "8"


def test_sending_stores_the_computed_figures_never_a_posted_total(client, org, assessing, app):
    login(client, "staff")
    first, second = items_of(app, org.staff)
    assess(client, first, "on_time")
    assess(client, second, "late")
    for code, value in (("politics_ethics", "10"), ("competence", "10"), ("innovation", "8")):
        general(client, code, value)
    response = client.post(f"{URL}/submit", data={"seen": seen(client), "total": "100", "self_score": "100"},
                           headers=HX)
    assert response.status_code == 204 and response.headers["HX-Redirect"] == URL
    review = review_of(app, org.staff)
    assert (review.self_state, review.self_score, review.self_level) == ("submitted", Decimal("89.3"), "htt")
    assert review.self_task_points == Decimal("61.250")
    page = client.get(URL).get_data(as_text=True)
    assert "Bạn đã gửi tự đánh giá tháng 11/2026: không sửa được nữa." in page
    assert "Gửi tự đánh giá</button>" not in page and 'name="outcome"' not in page
    assert assess(client, first, "late", version=2).status_code == 409
    assert general(client, "competence", "5", was=fingerprint("10")).status_code == 409
    assert client.post(f"{URL}/submit", data={"seen": "x"}).status_code == 409
    with app.app_context():
        assert db.session.query(AuditEvent).filter_by(entity="monthly_review", action="self_submit").count() == 1


def test_sending_names_what_is_missing(client, org, assessing, app):
    login(client, "staff")
    assess(client, items_of(app, org.staff)[0], "on_time")
    general(client, "competence", "9")
    response = client.post(f"{URL}/submit", data={"seen": seen(client)}, headers=HX)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert page.lstrip().startswith('<section id="self-summary"')
    assert "Còn 1 nội dung chưa chọn kết quả." in page
    assert "Chưa nhập điểm: Chính trị, tư tưởng" in page
    assert review_of(app, org.staff).self_state == "draft"


def test_a_summary_changed_elsewhere_must_be_looked_at_again_before_sending(client, org, assessing, app):
    login(client, "staff")
    for item in items_of(app, org.staff):
        assess(client, item, "on_time")
    for code in ("politics_ethics", "competence", "innovation"):
        general(client, code, "9")
    looked_at = seen(client)
    general(client, "innovation", "10", was=fingerprint("9"))  # another tab
    response = client.post(f"{URL}/submit", data={"seen": looked_at}, headers=HX)
    assert response.status_code == 409 and "vừa thay đổi ở nơi khác" in response.get_data(as_text=True)
    assert client.post(f"{URL}/submit", data={"seen": seen(client)}, headers=HX).status_code == 204
    assert review_of(app, org.staff).self_score == Decimal("98.0")  # 9 + 9 + 10 + 70


def test_the_page_works_without_javascript(client, org, assessing, app):
    login(client, "staff")
    page = client.get(URL).get_data(as_text=True)
    assert "<html" in page and 'id="general-form"' in page and "Lưu</button>" in page
    item = items_of(app, org.staff)[0]
    assert f'id="attachments-item-{item.id}"' in page  # the evidence files beside the evidence text
    response = assess(client, item, "not_done", headers={})
    assert response.status_code == 303 and response.headers["Location"] == f"{URL}#assess-item-{item.id}"
    everything = {"g_politics_ethics": "9,5", "was_politics_ethics": EMPTY, "g_competence": "9",
                  "was_competence": EMPTY, "g_innovation": "", "was_innovation": EMPTY}
    response = client.post(f"{URL}/general", data=everything)
    assert response.status_code == 303 and response.headers["Location"] == f"{URL}#general"
    assert review_of(app, org.staff).self_general == {"politics_ethics": "9.5", "competence": "9"}
    bad = client.post(f"{URL}/general", data={**everything, "g_innovation": "11"})
    assert bad.status_code == 422 and "<html" in bad.get_data(as_text=True)
    assert "Điểm từ 0 đến 10." in bad.get_data(as_text=True)


def test_open_shortcomings_ask_what_was_done_to_fix_them(client, org, assessing, app):
    with app.app_context():
        october = month_of(2026, 10)
        db.session.add_all([
            Shortcoming(person_id=org.staff, raised_month_id=october.id, text="Nộp báo cáo tháng còn chậm",
                        expected_fix="Lập lịch nhắc việc"),
            Shortcoming(person_id=org.staff, raised_month_id=october.id, text="Đã khắc phục xong",
                        closed_in_month_id=october.id),
        ])
        with factories.past_writable():
            db.session.commit()
        open_id = db.session.query(Shortcoming).filter_by(text="Nộp báo cáo tháng còn chậm").one().id
    login(client, "staff")
    page = client.get(URL).get_data(as_text=True)
    assert "Nộp báo cáo tháng còn chậm" in page and "Lập lịch nhắc việc" in page
    assert "Đã khắc phục xong" not in page
    for item in items_of(app, org.staff):
        assess(client, item, "on_time")
    for code in ("politics_ethics", "competence", "innovation"):
        general(client, code, "10")
    missing = client.post(f"{URL}/submit", data={"seen": seen(client)}, headers=HX)
    assert missing.status_code == 422
    assert "Còn 1 tồn tại chưa ghi kết quả khắc phục." in missing.get_data(as_text=True)
    texts = {"strengths": "Chủ động, đúng hạn", "was_strengths": EMPTY, "shortcomings": "", "was_shortcomings": EMPTY,
             f"fix_{open_id}": "Đã đặt lịch nhắc trước hạn 2 ngày", f"was_fix_{open_id}": EMPTY}
    saved = client.post(f"{URL}/texts", data=texts, headers=HX)
    assert saved.status_code == 200 and "self-assessment-changed" in saved.headers["HX-Trigger"]
    with app.app_context():
        follow_up = db.session.query(ShortcomingFollowUp).one()
        assert (follow_up.shortcoming_id, follow_up.month_id) == (open_id, month_of(2026, 11).id)
        assert follow_up.person_report == "Đã đặt lịch nhắc trước hạn 2 ngày"
    stale = client.post(f"{URL}/texts", data={**texts, f"fix_{open_id}": "Khác"}, headers=HX)
    assert stale.status_code == 409 and 'vừa lưu: “Đã đặt lịch nhắc trước hạn 2 ngày”' in stale.get_data(as_text=True)
    assert client.post(f"{URL}/submit", data={"seen": seen(client)}, headers=HX).status_code == 204
    assert review_of(app, org.staff).self_strengths == "Chủ động, đúng hạn"


def test_a_month_on_leave_has_no_score(client, org, assessing, app):
    login(client, "staff")
    response = client.post(f"{URL}/leave", data={"leave": "maternity", "was_leave": EMPTY}, headers=HX)
    assert response.status_code == 204
    page = client.get(URL).get_data(as_text=True)
    assert "Tháng này nghỉ: Nghỉ thai sản" in page and 'id="general-form"' not in page
    assert general(client, "competence", "9").status_code == 409  # no points in a month on leave
    assert client.post(f"{URL}/submit", data={"seen": seen(client)}, headers=HX).status_code == 204
    review = review_of(app, org.staff)
    assert (review.leave, review.self_score, review.self_level, review.self_state) == ("maternity", None, None,
                                                                                        "submitted")
    assert client.post(f"{URL}/leave", data={"leave": "x", "was_leave": EMPTY}).status_code == 409


def test_leave_needs_no_sheet_but_the_self_assessment_does(client, org, assessing, app):
    login(client, "head")  # sent no sheet for November
    page = client.get(URL).get_data(as_text=True)
    assert "hãy gửi bản cam kết trước khi tự đánh giá" in page
    refused = general(client, "competence", "9")
    assert refused.status_code == 409 and "chưa được gửi" in refused.get_data(as_text=True)
    assert client.post(f"{URL}/leave", data={"leave": "sick", "was_leave": EMPTY}).status_code == 303
    assert review_of(app, org.head).leave == "sick"


@pytest.mark.parametrize(("state", "reason"), [("commitments", "không ở bước tự đánh giá"), ("closed", "đã chốt"),
                                               ("not_open", "chưa mở")])
def test_a_month_not_at_self_assessment_refuses_every_write(client, org, app, state, reason):
    with app.app_context():
        factories.year(2026, states={11: state})
        make_sheet(org.staff, 2026, 11, state="submitted", items=[{"title": "Việc"}])
    login(client, "staff")
    item = items_of(app, org.staff)[0]
    writes = [(f"/commitments/items/{item.id}/assessment", {"outcome": "on_time", "version": "1"}),
              (f"{URL}/general", {"g_competence": "9", "was_competence": EMPTY}),
              (f"{URL}/texts", {"strengths": "x", "was_strengths": EMPTY}),
              (f"{URL}/leave", {"leave": "sick", "was_leave": EMPTY}), (f"{URL}/submit", {"seen": "x"})]
    for url, data in writes:
        response = client.post(url, data=data, headers=HX)
        assert response.status_code == 409, url
        assert reason in response.get_data(as_text=True), url
    assert review_of(app, org.staff) is None and items_of(app, org.staff)[0].outcome is None
    assert client.get(URL).status_code == 200


def test_a_levels_only_year_proposes_a_level_instead_of_points(client, org, app):
    with app.app_context():
        factories.year(2025, states={6: "self_assessment"})
        make_sheet(org.staff, 2025, 6, state="submitted", items=[{"title": "Việc"}])
    url = "/commitments/2025/6/self-assessment"
    login(client, "staff")
    page = client.get(url).get_data(as_text=True)
    assert "Mức tự xếp loại" in page and "Tiêu chí chung" not in page
    item = items_of(app, org.staff, 2025, 6)[0]
    assess(client, item, "on_time")
    field = client.post(f"{url}/general?only=proposed_level", headers=HX,
                        data={"proposed_level": "htxs", "was_proposed_level": EMPTY})
    assert field.status_code == 200 and field.get_data(as_text=True).lstrip().startswith(
        '<div id="general-proposed_level"')
    summary_seen = re.search(r'name="seen" value="([0-9a-f]+)"', client.get(url).get_data(as_text=True)).group(1)
    assert client.post(f"{url}/submit", data={"seen": summary_seen}, headers=HX).status_code == 204
    with app.app_context():
        review = db.session.query(MonthlyReview).one()
        assert (review.self_level, review.self_score, review.self_task_points) == ("htxs", None, None)


def test_accounts_without_a_person_have_no_self_assessment(client, org, assessing):
    login(client, "admin")
    response = client.get(URL)
    assert response.status_code == 403 and "không gắn với cán bộ nào" in response.get_data(as_text=True)
