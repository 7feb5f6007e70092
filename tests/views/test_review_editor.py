"""A person's review written inline on the board: prefilled from the self-assessment, points changed only with a
reason, a level that agrees with the band (and with a discipline), shortcomings as items, verdicts on the earlier
ones, warnings that never block, and two leaders at once never losing an edit."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from sqlalchemy import event

from app.extensions import db
from app.models import AuditEvent, Discipline, MonthlyReview, Shortcoming, ShortcomingFollowUp
from tests import factories
from tests.views.conftest import HX, login
from tests.views.test_commitments import make_sheet, month_of
from tests.views.test_review_board import URL, add_people, raised, row_of, self_assessed, written


class _Fields(HTMLParser):
    """The values a form would send: inputs (not buttons), the selected option of each select, textareas."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") not in ("submit", "button", "radio", "checkbox"):
            self.values[attrs["name"]] = attrs.get("value") or ""
        elif tag == "select":
            self._select = attrs["name"]
            self.values[self._select] = ""
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value") or ""
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.values[self._textarea] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            # a browser drops the line break that follows <textarea>
            text = self.values[self._textarea]
            self.values[self._textarea] = text[2:] if text.startswith("\r\n") else text.removeprefix("\n")
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def fields_of(html: str) -> dict[str, str]:
    parser = _Fields()
    parser.feed(html)
    return parser.values


def with_own_side(client, html: str) -> str:
    """An htmx editor with the person's own side (the self-assessment, the items) it fetches once in place."""
    url = re.search(r'<section class="review-section review-section--self"[^>]* hx-get="([^"]+)" hx-trigger="load"',
                    html).group(1).replace("&amp;", "&")
    panel = client.get(url, headers=HX)
    assert panel.status_code == 200
    return html + panel.get_data(as_text=True)


def edit(client, person_id: int, scope: str = "mine"):
    return client.get(f"{URL}/people/{person_id}/edit?scope={scope}", headers=HX)


def with_earlier_verdicts(client, html: str) -> str:
    """An htmx editor with the verdict fields on earlier shortcomings it fetches once in place (if it has any)."""
    found = re.search(r'<section aria-labelledby="earlier-\d+" hx-get="([^"]+)" hx-trigger="load"[^>]*>', html)
    if found is None:
        return html
    panel = client.get(found.group(1).replace("&amp;", "&"), headers=HX)
    assert panel.status_code == 200
    inner_end = html.index("</section>", found.end())  # swapped in where it belongs, as htmx does (innerHTML)
    return html[:found.end()] + panel.get_data(as_text=True) + html[inner_end:]


def with_points(client, html: str) -> str:
    """An htmx editor with the points table it fetches once in place (a scored month's), swapped in where it belongs,
    as htmx does (innerHTML)."""
    found = re.search(r'<div class="review-points" hx-get="([^"]+)" hx-trigger="load"[^>]*>', html)
    if found is None:
        return html
    panel = client.get(found.group(1).replace("&amp;", "&"), headers=HX)
    assert panel.status_code == 200
    inner_end = html.index("</div>", found.end())
    return html[:found.end()] + panel.get_data(as_text=True) + html[inner_end:]


def in_place(client, html: str) -> str:
    """An htmx editor once its lazily fetched form panels (the verdicts, the points) are in place."""
    return with_points(client, with_earlier_verdicts(client, html))


def shown(client, person_id: int, scope: str = "mine") -> dict[str, str]:
    """What the editor shows once in place, as its form would send it."""
    response = edit(client, person_id, scope)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return fields_of(in_place(client, response.get_data(as_text=True)))


def save(client, person_id: int, data: dict, scope: str = "mine", headers=HX):
    return client.post(f"{URL}/people/{person_id}?scope={scope}", data=data, headers=headers)


def review_of(app, person_id: int, number: int = 11, year: int = 2026) -> MonthlyReview | None:
    with app.app_context():
        review = db.session.query(MonthlyReview).filter_by(person_id=person_id,
                                                           month_id=month_of(year, number).id).one_or_none()
        if review is not None:
            db.session.expunge(review)
        return review


def shortcomings_raised(app, person_id: int, number: int = 11) -> list[tuple[str, str]]:
    with app.app_context():
        return [(s.text, s.expected_fix) for s in db.session.query(Shortcoming).filter_by(
            person_id=person_id, raised_month_id=month_of(2026, number).id).order_by(Shortcoming.id)]


GOOD = {"strengths": "Chủ động nắm chắc quy trình thẩm định hồ sơ khen thưởng.",
        "direction": "Hoàn thành dứt điểm hồ sơ đợt 2 trước ngày 15/12."}


@pytest.fixture
def reviewing(app, org):
    """November 2026 at review: the department A staff member sent a self-assessment (9 + 9 + 8 general points,
    one item on time and one late: 61,25 task points, 87,3 in all, Hoàn thành tốt nhiệm vụ)."""
    with app.app_context():
        factories.year(2026, states={9: "closed", 10: "closed", 11: "review", 12: "commitments"})
        self_assessed(org.staff)


def test_the_editor_replaces_the_row_prefilled_from_the_self_assessment(client, org, reviewing):
    login(client, "head")
    response = edit(client, org.staff)
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith(f'<tr id="review-row-{org.staff}" class="editing review-editor">')
    assert '<td colspan="12">' in html and "<html" not in html
    values = fields_of(with_points(client, html))
    assert (values["g_politics_ethics"], values["g_competence"], values["g_innovation"]) == ("9", "9", "8")
    assert values["tasks"] == "61,25" and values["level"] == "htt" and values["version"] == "1"
    # the person's own side comes with the panel the editor fetches once in place: their words, their items
    own_side = with_own_side(client, html)
    assert "Có lúc còn chậm tổng hợp số liệu." in own_side
    assert "Thẩm định hồ sơ khen thưởng đợt 2 — <span class=\"outcome outcome--late\">" in own_side
    # without JavaScript the same editor sits in the whole board, the person's side inline
    page = client.get(f"{URL}/people/{org.staff}/edit").get_data(as_text=True)
    assert "<html" in page and f'<tr id="review-row-{org.staff}" class="editing review-editor">' in page
    assert "Có lúc còn chậm tổng hợp số liệu." in page and 'hx-trigger="load"' not in page
    # Cancel brings the plain row back
    cancel = client.get(f"{URL}/people/{org.staff}/row?scope=mine", headers=HX).get_data(as_text=True)
    assert cancel.lstrip().startswith(f'<tr id="review-row-{org.staff}">')


def test_saving_writes_the_review_and_answers_with_the_row_and_the_counters_in_a_few_kb(client, org, reviewing, app):
    login(client, "head")
    data = {**shown(client, org.staff), **GOOD, "sc_text_0": "Còn chậm tổng hợp số liệu báo cáo tháng.",
            "sc_fix_0": "Lập lịch tổng hợp từ ngày 25 hằng tháng."}
    response = save(client, org.staff, data)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert len(body) < 5000
    assert body.lstrip().startswith(f'<tr id="review-row-{org.staff}" class="just-saved saved">')
    assert "Đã đánh giá, chờ duyệt" in body and "87,3" in body
    assert '<section id="board-counters"' in body and 'hx-swap-oob="true"' in body
    assert re.search(r"Đã đánh giá</dt><dd>1 / 1</dd>", body)
    assert "Đã lưu đánh giá tháng 11/2026 của Hoàng Văn Ân." in body  # the flash, out of band
    review = review_of(app, org.staff)
    assert review.review_state == "reviewed" and review.review_level == "htt"
    assert review.review_general == {"politics_ethics": "9", "competence": "9", "innovation": "8"}
    assert review.review_task_points == Decimal("61.25") and review.review_score == Decimal("87.3")
    assert review.strengths == GOOD["strengths"] and review.direction == GOOD["direction"]
    assert review.change_reasons == {} and review.reviewer_id is not None and review.reviewed_at is not None
    assert shortcomings_raised(app, org.staff) == [("Còn chậm tổng hợp số liệu báo cáo tháng.",
                                                     "Lập lịch tổng hợp từ ngày 25 hằng tháng.")]
    with app.app_context():
        actions = {(e.entity, e.action) for e in db.session.query(AuditEvent)}
        assert {("monthly_review", "review"), ("shortcoming", "create")} <= actions


def test_a_changed_figure_needs_a_reason_at_its_field(client, org, reviewing, app):
    login(client, "head")
    data = {**shown(client, org.staff), **GOOD, "g_innovation": "7"}
    response = save(client, org.staff, data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    error = re.search(rf'id="r{org.staff}-reason_innovation-error">([^<]+)<', html)
    assert error and error.group(1) == "Ghi lý do khi thay đổi điểm so với điểm tự chấm."
    assert fields_of(html)["g_innovation"] == "7"  # the input is kept
    assert review_of(app, org.staff).review_state == "pending"
    data |= {"reason_innovation": "Chưa có đề xuất cải tiến trong tháng.", "level": "htt"}
    assert save(client, org.staff, data).status_code == 200
    review = review_of(app, org.staff)
    assert review.review_score == Decimal("86.3")
    assert review.change_reasons == {"innovation": "Chưa có đề xuất cải tiến trong tháng."}


def test_a_level_that_disagrees_with_the_band_is_refused_naming_the_band(client, org, reviewing, app):
    login(client, "head")
    response = save(client, org.staff, {**shown(client, org.staff), **GOOD, "level": "htxs"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    error = re.search(rf'id="r{org.staff}-level-error">([^<]+)<', html).group(1)
    assert "thuộc mức Hoàn thành tốt nhiệm vụ, không phải Hoàn thành xuất sắc nhiệm vụ" in error
    assert review_of(app, org.staff).review_state == "pending"
    # points out of bounds and a missing level are refused at their fields too
    bad = save(client, org.staff, {**shown(client, org.staff), "tasks": "70,5", "level": ""})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422 and "Điểm từ 0 đến 70." in html and "Hãy chọn mức xếp loại." in html


def test_a_person_disciplined_this_year_is_rated_not_completed(client, org, reviewing, app):
    with app.app_context():
        db.session.add(Discipline(person_id=org.staff, form="canh_cao", decision_number="12/QĐ-BTĐKT",
                                  decided_on=date(2026, 3, 2), ends_on=date(2026, 9, 2)))
        db.session.commit()
    login(client, "head")
    response = edit(client, org.staff)
    html = response.get_data(as_text=True)
    assert fields_of(html)["level"] == "kht"
    assert "bị kỷ luật (Cảnh cáo) trong năm 2026: mức xếp loại là Không hoàn thành nhiệm vụ" in html
    refused = save(client, org.staff, {**fields_of(html), **GOOD, "level": "htt"})
    assert refused.status_code == 422
    assert "Người bị kỷ luật (khiển trách trở lên) trong năm xếp mức Không hoàn thành nhiệm vụ" in refused.get_data(
        as_text=True)
    assert save(client, org.staff, {**fields_of(html), **GOOD}).status_code == 200
    assert review_of(app, org.staff).review_level == "kht"


def test_a_levels_only_year_has_just_the_level(client, org, app):
    with app.app_context():
        factories.year(2025, states={11: "review"})
        self_assessed(org.staff, year=2025)
    login(client, "head")
    html = client.get(f"/reviews/2025/11/people/{org.staff}/edit", headers=HX).get_data(as_text=True)
    values = fields_of(html)
    assert "g_competence" not in values and "tasks" not in values and values["level"] == "htt"
    assert "Điểm lãnh đạo chấm" not in html
    response = client.post(f"/reviews/2025/11/people/{org.staff}", headers=HX, data={**values, **GOOD, "level": "htxs"})
    assert response.status_code == 200
    review = review_of(app, org.staff, year=2025)
    assert (review.review_level, review.review_score, review.review_general) == ("htxs", None, {})
    board = client.get("/reviews/2025/11").get_data(as_text=True)
    assert '<th colspan="10" scope="rowgroup">' in board and "Tự chấm" not in board


def test_a_month_on_leave_gets_only_texts(client, org, app):
    with app.app_context():
        factories.year(2026, states={11: "review"})
        self_assessed(org.staff, leave="maternity")
    login(client, "head")
    html = edit(client, org.staff).get_data(as_text=True)
    values = fields_of(html)
    assert "level" not in values and "tasks" not in values
    assert "Tháng này nghỉ (Nghỉ thai sản): không chấm điểm, không xếp loại" in with_own_side(client, html)
    assert save(client, org.staff, {**values, **GOOD}).status_code == 200
    review = review_of(app, org.staff)
    assert (review.review_state, review.review_level, review.review_score) == ("reviewed", None, None)
    assert review.strengths == GOOD["strengths"]


def test_a_person_who_never_self_assessed_gets_a_review_with_task_points_from_the_items(client, org, app):
    with app.app_context():
        factories.year(2026, states={11: "review"})
        make_sheet(org.staff, 2026, 11, state="submitted",
                   items=[{"title": "Thẩm định hồ sơ", "outcome": "on_time"}, {"title": "Báo cáo", "outcome": "late"}])
    login(client, "head")
    values = shown(client, org.staff)
    assert values["tasks"] == "61,25" and values["g_competence"] == "" and values["version"] == ""
    data = {**values, **GOOD, "g_politics_ethics": "8", "g_competence": "8", "g_innovation": "7", "level": "ht",
            "tasks": "55"}
    refused = save(client, org.staff, data)
    assert refused.status_code == 422 and "thuộc mức Hoàn thành tốt nhiệm vụ" in refused.get_data(as_text=True)
    assert save(client, org.staff, {**data, "level": "htt"}).status_code == 200  # 23 + 55 = 78, no reasons needed
    review = review_of(app, org.staff)
    assert (review.review_score, review.review_level, review.self_state) == (Decimal("78.0"), "htt", "draft")


def test_shortcomings_are_items_added_edited_and_deleted(client, org, reviewing, app):
    login(client, "head")
    values = shown(client, org.staff)
    assert values["rows"] == "1"
    # "Thêm tồn tại" gives one more blank row and saves nothing
    more = save(client, org.staff, {**values, "sc_text_0": "Chậm nộp báo cáo.", "add_row": "1"})
    assert more.status_code == 200
    values = fields_of(more.get_data(as_text=True))
    assert values["rows"] == "2" and values["sc_text_0"] == "Chậm nộp báo cáo." and values["sc_text_1"] == ""
    assert review_of(app, org.staff).review_state == "pending"
    values |= {**GOOD, "sc_fix_0": "Nộp trước ngày 5.", "sc_text_1": "Hồ sơ lưu chưa khoa học.",
               "sc_fix_1": "Sắp xếp theo số hồ sơ."}
    assert save(client, org.staff, values).status_code == 200
    assert shortcomings_raised(app, org.staff) == [("Chậm nộp báo cáo.", "Nộp trước ngày 5."),
                                                   ("Hồ sơ lưu chưa khoa học.", "Sắp xếp theo số hồ sơ.")]
    values = shown(client, org.staff)
    assert values["rows"] == "3" and values["sc_id_0"] and values["sc_text_2"] == ""
    values |= {"sc_text_0": "", "sc_text_1": "Hồ sơ lưu trữ chưa khoa học.", "sc_fix_2": "Một hướng không có tồn tại."}
    refused = save(client, org.staff, values)
    assert refused.status_code == 422 and "Hãy ghi tồn tại, hạn chế" in refused.get_data(as_text=True)
    values["sc_fix_2"] = ""
    assert save(client, org.staff, values).status_code == 200
    assert shortcomings_raised(app, org.staff) == [("Hồ sơ lưu trữ chưa khoa học.", "Sắp xếp theo số hồ sơ.")]
    with app.app_context():
        actions = sorted(e.action for e in db.session.query(AuditEvent).filter_by(entity="shortcoming"))
        assert actions == ["create", "create", "delete", "update"]


def test_earlier_shortcomings_come_first_and_a_fixed_verdict_closes_them(client, org, reviewing, app):
    with app.app_context():
        late = raised(org.staff, "Chậm gửi báo cáo tháng.")
        filing = raised(org.staff, "Hồ sơ lưu chưa đầy đủ.", number=9)
        db.session.add(ShortcomingFollowUp(shortcoming_id=late, month_id=month_of(2026, 11).id,
                                           person_report="Đã lập sổ theo dõi, gửi đúng hạn cả tháng."))
        db.session.commit()
    login(client, "head")
    html = with_earlier_verdicts(client, edit(client, org.staff).get_data(as_text=True))
    assert html.index("Hồ sơ lưu chưa đầy đủ.") < html.index("Chậm gửi báo cáo tháng.") < html.index('name="strengths"')
    assert "Đã lập sổ theo dõi, gửi đúng hạn cả tháng." in html and "Chưa báo cáo." in html
    values = {**fields_of(html), **GOOD, f"verdict_{late}": "fixed", f"verdict_{filing}": "partly_fixed",
              f"verdict_note_{filing}": "Còn thiếu hồ sơ quý III."}
    assert save(client, org.staff, values).status_code == 200
    with app.app_context():
        november = month_of(2026, 11).id
        assert db.session.get(Shortcoming, late).closed_in_month_id == november
        assert db.session.get(Shortcoming, filing).closed_in_month_id is None
        follow_up = db.session.query(ShortcomingFollowUp).filter_by(shortcoming_id=filing).one()
        assert (follow_up.verdict, follow_up.verdict_note) == ("partly_fixed", "Còn thiếu hồ sơ quý III.")
        assert follow_up.judged_by_id is not None and follow_up.judged_at is not None
        assert db.session.query(ShortcomingFollowUp).filter_by(shortcoming_id=late).one().person_report
    # the verdict changes away from fixed in the same month: the shortcoming is open again
    values = {**shown(client, org.staff), f"verdict_{late}": "not_fixed"}
    assert save(client, org.staff, values).status_code == 200
    with app.app_context():
        assert db.session.get(Shortcoming, late).closed_in_month_id is None
        assert db.session.query(AuditEvent).filter_by(entity="shortcoming_follow_up", action="verdict").count() == 3


def test_warnings_are_shown_under_the_saved_row_but_never_block(client, org, reviewing, app):
    pasted = "Chủ động, sáng tạo, hoàn thành xuất sắc mọi nhiệm vụ được giao trong tháng."
    with app.app_context():
        self_assessed(org.staff_b)
        written(org.staff_b, strengths=pasted)
        written(org.staff, number=10, level="ht", state="approved")
        raised(org.staff, "Chậm gửi báo cáo tháng.")
    login(client, "head")
    values = {**shown(client, org.staff), "strengths": pasted, "g_politics_ethics": "10", "g_competence": "10",
              "g_innovation": "10", "tasks": "65", "level": "htxs", "reason_politics_ethics": "Gương mẫu.",
              "reason_competence": "Tận tụy.", "reason_innovation": "Có sáng kiến.", "reason_tasks": "Khối lượng lớn."}
    response = save(client, org.staff, values)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    notice = re.search(rf'<tr id="review-notice-{org.staff}" class="review-notice">.*?</tr>', body, re.S).group(0)
    assert "Mức Hoàn thành xuất sắc nhiệm vụ nhưng còn 1 tồn tại, hạn chế" in notice
    assert "Mức xếp loại thay đổi hai bậc so với tháng trước" in notice
    assert "Phần ưu điểm giống hệt nhận xét của: Tạ Văn Khôi." in notice
    assert "Đã hiểu" in notice and 'hx-swap="delete"' in notice
    assert review_of(app, org.staff).review_level == "htxs"  # saved all the same
    # a comment on the level answers the jump warning
    values = {**shown(client, org.staff), "level_comment": "Tháng này vượt chỉ tiêu, được Ban biểu dương."}
    body = save(client, org.staff, values).get_data(as_text=True)
    assert "hai bậc" not in body


def test_without_javascript_a_save_redirects_to_the_board_with_the_warnings_flashed(client, org, reviewing, app):
    with app.app_context():
        raised(org.staff, "Chậm gửi báo cáo tháng.")
    login(client, "head")
    values = {**shown(client, org.staff), **GOOD, "g_innovation": "10", "reason_innovation": "Có sáng kiến.",
              "tasks": "70", "reason_tasks": "Vượt khối lượng.", "level": "htxs"}
    response = save(client, org.staff, values, headers={})
    assert response.status_code == 303
    assert response.headers["Location"] == f"{URL}?scope=mine#review-row-{org.staff}"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã lưu đánh giá tháng 11/2026" in page and "nhưng còn 1 tồn tại, hạn chế" in page
    # invalid input without JavaScript: the whole board with the editor in place, 422
    refused = save(client, org.staff, {**values, "level": "kht"}, headers={})
    assert refused.status_code == 422 and "<html" in refused.get_data(as_text=True)


def test_two_leaders_at_once_the_second_gets_409_naming_the_change_and_keeping_the_input(client, org, reviewing,
                                                                                           app):
    other = app.test_client()
    login(client, "head")
    login(other, "chief")  # the Trưởng ban may write anyone's review
    mine = shown(client, org.staff)
    theirs = shown(other, org.staff, scope="all")
    assert save(other, org.staff, {**theirs, **GOOD, "tasks": "60", "reason_tasks": "Một việc chậm ảnh hưởng tiến độ.",
                                   "level": "htt"}, scope="all").status_code == 200
    response = save(client, org.staff, {**mine, "strengths": "Nhận xét của trưởng phòng.", "level": "htt"})
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith(f'<tr id="review-row-{org.staff}" class="editing review-editor conflict">')
    message = re.search(r'<div class="error-summary" role="alert" tabindex="-1"><p>([^<]+)</p>', html).group(1)
    assert message.startswith("Phạm Quang Huy vừa lưu đánh giá tháng 11/2026 của Hoàng Văn Ân")
    assert "Mức xếp loại: Hoàn thành tốt nhiệm vụ" in message and "Điểm kết quả thực hiện nhiệm vụ: 60" in message
    assert "Trạng thái: Đã đánh giá, chờ duyệt" in message
    kept = fields_of(html)
    assert kept["strengths"] == "Nhận xét của trưởng phòng." and kept["version"] == "2"
    assert review_of(app, org.staff).strengths == GOOD["strengths"]  # nothing overwritten
    # the second save is a deliberate overwrite
    assert save(client, org.staff, kept).status_code == 200
    review = review_of(app, org.staff)
    assert review.strengths == "Nhận xét của trưởng phòng." and review.review_task_points == Decimal("61.25")


def test_only_the_reviewer_or_the_chief_writes_a_review(client, org, reviewing, app):
    with app.app_context():
        self_assessed(org.staff_b)
    for username, person_id in (("staff", org.staff), ("head_b", org.staff), ("head", org.staff_b),
                                ("leader", org.staff)):
        client = app.test_client()
        login(client, username)
        assert save(client, person_id, {**GOOD, "level": "htt"}).status_code == 403, username
        assert edit(client, person_id).status_code == 403, username
    assert review_of(app, org.staff).review_state == "pending"


def test_a_month_not_at_review_refuses_the_save_and_writes_nothing(client, org, reviewing, app):
    with app.app_context():
        written(org.staff, number=10, level="htt", state="approved")
    login(client, "head")
    values = {**GOOD, "g_politics_ethics": "9", "g_competence": "9", "g_innovation": "8", "tasks": "61,25",
              "level": "htt", "version": "", "rows": "1", "sc_text_0": "Không được ghi vào tháng đã chốt."}
    response = client.post(f"/reviews/2026/10/people/{org.staff}", data=values, headers=HX)
    assert response.status_code == 409
    assert response.headers["HX-Retarget"] == "#flash"
    assert "Tháng 10/2026 đã chốt" in response.get_data(as_text=True)
    assert edit(client, org.staff).status_code == 200
    assert client.get(f"/reviews/2026/12/people/{org.staff}/edit", headers=HX).status_code == 409
    assert review_of(app, org.staff, number=10).strengths != GOOD["strengths"]
    assert shortcomings_raised(app, org.staff, number=10) == []
    with app.app_context():
        assert db.session.query(AuditEvent).filter_by(entity="monthly_review").count() == 0


def test_the_saved_row_fits_the_board_it_came_from(client, org, reviewing, app):
    login(client, "chief")
    values = {**shown(client, org.staff, scope="all"), **GOOD}
    body = save(client, org.staff, values, scope="all").get_data(as_text=True)
    row = row_of(body, org.staff)
    assert f"/reviews/2026/11/people/{org.staff}/edit?scope=all" in row and ">Duyệt<" in row
    assert re.search(r"Đã đánh giá</dt><dd>1 / 5</dd>", body)  # the counters of the whole unit


def test_a_save_in_a_large_unit_sends_back_its_row_numbered_as_on_its_departments_page(client, org, reviewing, app):
    app.config["ONE_DEPARTMENT_ABOVE"] = 3  # more than three people: one department at a time
    with app.app_context():
        self_assessed(org.staff_b)
    login(client, "chief")
    values = {**shown(client, org.staff_b, scope="all"), **GOOD}
    body = save(client, org.staff_b, values, scope="all").get_data(as_text=True)
    row = row_of(body, org.staff_b)
    assert re.match(r'<tr[^>]*>\s*<td class="num">2</td>', row)  # after the head of department B
    assert f"/people/{org.staff_b}/edit?scope=all&amp;department={org.dept_b}" in row
    assert re.search(r"Đã đánh giá</dt><dd>1 / 5</dd>", body)  # the counters of the whole unit
    picker = re.search(r'<form id="board-departments".*?</form>', body, re.S).group(0)  # its figures, out of band
    assert 'hx-swap-oob="true"' in picker and "Phòng B — đã đánh giá 1/2, đã duyệt 0/2" in picker
    # without JavaScript, back to the board of the person's department
    plain = save(client, org.staff_b, {**shown(client, org.staff_b, scope="all"), **GOOD}, scope="all", headers={})
    assert plain.headers["Location"] == f"{URL}?scope=all&department={org.dept_b}#review-row-{org.staff_b}"


def _cost_of_a_save(app, client, person_id: int, strengths: str) -> tuple[int, int]:
    """The SQL statements a head's save of a first review costs, and the reviews it loads in full (the counters
    count the others from a few of their columns)."""
    values = {**shown(client, person_id), **GOOD, "strengths": strengths}
    statements, reviews = [], []

    def statement(*_args):
        statements.append(1)

    def review(*_args):
        reviews.append(1)

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", statement)
        event.listen(MonthlyReview, "load", review)
        try:
            response = save(client, person_id, values)
        finally:
            event.remove(db.engine, "before_cursor_execute", statement)
            event.remove(MonthlyReview, "load", review)
    assert response.status_code == 200
    return len(statements), len(reviews)


def _newcomer(org, given: str) -> int:
    """A member of department A who sent their self-assessment."""
    person = factories.person(given, "Nguyễn", "Văn", dept=db.session.get(factories.Department, org.dept_a),
                              gender="male")
    self_assessed(person.id)
    return person.id


def test_a_save_reads_its_own_row_whatever_the_number_of_people(app, org, reviewing, client):
    login(client, "head")
    with app.app_context():
        add_people(org, 5)
        first = _newcomer(org, "Phúc")
    few = _cost_of_a_save(app, client, first, "Nắm chắc quy trình thẩm định hồ sơ khen thưởng đợt 1.")
    with app.app_context():
        add_people(org, 45, first=5)
        second = _newcomer(org, "Quân")
    many = _cost_of_a_save(app, client, second, "Chủ động phối hợp với các phòng trong tháng.")
    assert few == many, f"5 people: {few} (queries, reviews read); 50 people: {many}"
