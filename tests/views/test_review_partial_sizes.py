"""What the review board sends over the wire: the row editor of a realistic month (twelve items, three open
shortcomings) and the person's own side it fetches, and the close-blockers of a large unit (the first names on the
board, every name on demand). Size budgets, not timings."""

from __future__ import annotations

import re

import pytest

from tests import factories
from tests.views.conftest import HX, login
from tests.views.test_review_board import URL, add_people, raised, self_assessed
from tests.views.test_review_editor import fields_of, save, with_earlier_verdicts, with_own_side

BUDGET = 5 * 1024  # bytes of an htmx answer (issue 6)
OUTCOMES = ("on_time", "late", "on_time", "on_time", "not_done", "on_time") * 2


@pytest.fixture
def realistic(app, org):
    """November at review: department A's staff member sent twelve items and a self-assessment, three shortcomings
    raised in October are open."""
    with app.app_context():
        factories.year(2026, states={9: "closed", 10: "closed", 11: "review", 12: "commitments"})
        self_assessed(org.staff, outcomes=OUTCOMES)
        for number in range(1, 4):
            raised(org.staff, f"Chậm tổng hợp số liệu báo cáo thi đua của phòng, lần {number} trong tháng.")


def test_the_editor_sends_the_form_and_fetches_the_persons_own_side_and_the_verdicts_separately(client, org,
                                                                                                  realistic):
    login(client, "head")
    editor = client.get(f"{URL}/people/{org.staff}/edit", headers=HX)
    html = editor.get_data(as_text=True)
    assert editor.status_code == 200
    values = fields_of(html)
    assert values["level"] == "htt" and not any(re.fullmatch(r"verdict_\d+", name) for name in values)
    assert 'name="csrf_token"' not in html and html.count('type="hidden"') == 4  # version, rows, was, sc_id_0
    # Not yet within the 5 KB target (issue 6): 7.5 KB here (from 14.5 KB), the points table and its labels being
    # most of it; see docs/performance.md.
    assert len(editor.data) <= 8 * 1024, len(editor.data)
    own_side = with_own_side(client, html)[len(html):]
    assert len(own_side.encode()) <= BUDGET
    assert own_side.count("<li>") == 12 and "Chưa hoàn thành" in own_side
    # the verdicts arrive in their place, each earlier shortcoming with its verdict field, under the budget too
    whole = with_earlier_verdicts(client, html)
    assert len(whole.encode()) - len(editor.data) <= BUDGET
    verdicts = [name for name in fields_of(whole) if re.fullmatch(r"verdict_\d+", name)]
    assert len(verdicts) == 3 and whole.index("lần 1 trong tháng") < whole.index('name="strengths"')


def test_a_save_sent_before_the_verdicts_arrived_keeps_the_stored_ones(client, org, realistic, app):
    login(client, "head")
    first = with_earlier_verdicts(client, client.get(f"{URL}/people/{org.staff}/edit", headers=HX)
                                  .get_data(as_text=True))
    judged = next(name for name in fields_of(first) if name.startswith("verdict_") and "note" not in name)
    assert save(client, org.staff, {**fields_of(first), judged: "partly_fixed",
                                    judged.replace("verdict_", "verdict_note_"): "Đã sửa một phần."}).status_code == 200
    # the editor opened again and saved at once, before its verdict panel came: the verdict stays
    again = fields_of(client.get(f"{URL}/people/{org.staff}/edit", headers=HX).get_data(as_text=True))
    assert save(client, org.staff, {**again, "strengths": "Nắm chắc quy trình."}).status_code == 200
    shown_now = fields_of(with_earlier_verdicts(client, client.get(f"{URL}/people/{org.staff}/edit", headers=HX)
                                                .get_data(as_text=True)))
    assert shown_now[judged] == "partly_fixed" and shown_now["strengths"] == "Nắm chắc quy trình."


def test_a_save_from_the_slimmer_editor_still_detects_what_another_leader_changed(client, org, realistic, app):
    login(client, "head")
    first = fields_of(client.get(f"{URL}/people/{org.staff}/edit", headers=HX).get_data(as_text=True))
    login(client, "chief")
    chief = fields_of(client.get(f"{URL}/people/{org.staff}/edit", headers=HX).get_data(as_text=True))
    assert save(client, org.staff, {**chief, "strengths": "Nhận xét của Trưởng ban.", "direction": "Tiếp tục."},
                scope="all").status_code == 200
    login(client, "head")
    late = save(client, org.staff, {**first, "strengths": "Nhận xét của trưởng phòng.", "direction": "Khác."})
    text = late.get_data(as_text=True)
    assert late.status_code == 409 and "Ưu điểm: Nhận xét của Trưởng ban." in text
    named = text.split("Hiện đang lưu:")[1].split("Nội dung bạn nhập")[0]
    assert "Mức xếp loại: Hoàn thành tốt nhiệm vụ" in named and "Kết luận khắc phục" not in named  # unchanged
    assert "Nhận xét của trưởng phòng." in text  # this leader's input kept
    tampered = save(client, org.staff, {**first, "version": "2", "was": "x"})
    assert tampered.status_code in (200, 409)  # a mangled fingerprint field never fails the request


@pytest.fixture
def large_month(app, org):
    with app.app_context():
        factories.year(2026, states={9: "closed", 10: "closed", 11: "review", 12: "commitments"})
        self_assessed(org.staff)
        add_people(org, 30)


def blockers_on(page: str) -> str:
    return re.search(r'<div class="warning board-blockers">.*?</div>', page, re.S).group(0)


def test_a_large_units_board_names_the_first_few_blockers_and_loads_the_rest_on_demand(client, org, large_month):
    login(client, "chief")
    page = client.get(f"{URL}?scope=all").get_data(as_text=True)
    shown = blockers_on(page)
    assert "Tồn tại, hạn chế của các tháng trước chưa có kết luận khắc phục: Nguyễn Văn Người 0 (1);" in shown
    assert "và 22 người khác." in shown and "Người 29" not in shown
    assert 'hx-trigger="toggle once"' in page
    full = client.get("/reviews/2026/11/blockers", headers=HX)
    names = full.get_data(as_text=True)
    assert full.status_code == 200 and "<html" not in names
    assert all(f"Nguyễn Văn Người {number} (1)" in names for number in range(30)) and "người khác" not in names
    assert "Đã đánh giá nhưng chưa được duyệt (30)" in names
    # without JavaScript the disclosure holds a link to the same list as a page
    assert "<html" in client.get("/reviews/2026/11/blockers").get_data(as_text=True)


def test_a_small_units_board_names_every_blocker_with_no_disclosure(client, org, realistic):
    login(client, "chief")
    page = client.get(f"{URL}?scope=all").get_data(as_text=True)
    assert "chưa có kết luận khắc phục: Hoàng Văn Ân (3)." in blockers_on(page)
    assert "toggle once" not in page and "người khác" not in blockers_on(page)


def test_only_the_board_leaders_read_the_full_list(client, org, large_month):
    login(client, "head")
    assert client.get("/reviews/2026/11/blockers", headers=HX).status_code == 403
