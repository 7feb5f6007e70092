"""What the review board sends over the wire: the row editor of a realistic month (twelve items, three open
shortcomings) and the three panels it fetches once in place (the person's own side, the verdicts, the points), each
within 5 KB; and the close-blockers of a large unit (the first names on the board, every name on demand). Size
budgets, not timings."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import MonthlyReview
from tests import factories
from tests.views.conftest import HX, login
from tests.views.test_commitments import month_of
from tests.views.test_review_board import URL, add_people, raised, self_assessed
from tests.views.test_review_editor import fields_of, in_place, save, with_earlier_verdicts

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


def lazy_panels(html: str) -> list[str]:
    """The URLs an htmx editor fetches once in place (hx-trigger="load")."""
    return [url.replace("&amp;", "&") for url in re.findall(r'hx-get="([^"]+)" hx-trigger="load"', html)]


def test_the_editor_and_each_panel_it_fetches_stay_within_5_kb(client, org, realistic):
    login(client, "head")
    editor = client.get(f"{URL}/people/{org.staff}/edit", headers=HX)
    html = editor.get_data(as_text=True)
    assert editor.status_code == 200 and len(editor.data) <= BUDGET, len(editor.data)
    values = fields_of(html)
    assert values["level"] == "htt" and not any(re.fullmatch(r"verdict_\d+|g_\w+|tasks|reason_\w+", name)
                                                for name in values)
    assert 'name="csrf_token"' not in html and html.count('type="hidden"') == 4  # version, rows, was, sc_id_0
    panels = {url.rsplit("/", 1)[1]: client.get(url, headers=HX) for url in lazy_panels(html)}
    assert sorted(panels) == ["earlier", "points", "self"]
    for name, panel in panels.items():
        assert panel.status_code == 200 and len(panel.data) <= BUDGET, (name, len(panel.data))
    own_side = panels["self"].get_data(as_text=True)
    assert own_side.count("<li>") == 12 and "Chưa hoàn thành" in own_side
    # once in place: the verdicts above the strengths, the points between the direction and the level, prefilled
    whole = in_place(client, html)
    verdicts = [name for name in fields_of(whole) if re.fullmatch(r"verdict_\d+", name)]
    assert len(verdicts) == 3 and whole.index("lần 1 trong tháng") < whole.index('name="strengths"')
    assert whole.index('name="direction"') < whole.index('name="g_competence"') < whole.index('name="level"')
    assert fields_of(whole)["g_competence"] == "9" and fields_of(whole)["tasks"] != ""


def test_a_written_review_opened_again_stays_within_5_kb(client, org, realistic, app):
    """The review written (texts, a changed figure with its reason, a shortcoming raised, the verdicts): opened
    again, the editor and its points are still within the budget, and show what was saved."""
    login(client, "head")
    first = fields_of(in_place(client, client.get(f"{URL}/people/{org.staff}/edit", headers=HX)
                                .get_data(as_text=True)))
    verdicts = {name: "partly_fixed" for name in first if re.fullmatch(r"verdict_\d+", name)}
    written = {**first, **verdicts, "strengths": "Nắm chắc quy trình thẩm định, chủ động phối hợp với các phòng.",
               "direction": "Hoàn thành dứt điểm hồ sơ đợt 2 trước ngày 15/12.", "g_innovation": "7",
               "reason_innovation": "Chưa có đề xuất cải tiến nào trong tháng.",
               "sc_text_0": "Còn chậm tổng hợp số liệu báo cáo tháng.", "sc_fix_0": "Lập lịch tổng hợp từ ngày 25.",
               "level_comment": "Mức xếp loại khớp khung điểm."}
    assert save(client, org.staff, written).status_code == 200
    editor = client.get(f"{URL}/people/{org.staff}/edit", headers=HX)
    html = editor.get_data(as_text=True)
    assert len(editor.data) <= BUDGET, len(editor.data)
    assert "Lập lịch tổng hợp từ ngày 25." in html and "Mức xếp loại khớp khung điểm." in html
    points = client.get(next(url for url in lazy_panels(html) if url.endswith("/points")), headers=HX)
    assert len(points.data) <= BUDGET and "Tổng điểm đang lưu:" in points.get_data(as_text=True)
    values = fields_of(points.get_data(as_text=True))
    assert values["g_innovation"] == "7" and values["reason_innovation"] == "Chưa có đề xuất cải tiến nào trong tháng."


def test_each_box_of_the_points_table_is_named_by_its_headers(client, org, realistic):
    """No hidden label per box: a figure is named by its criterion, a reason by the column and the criterion."""
    login(client, "head")
    html = client.get(f"{URL}/people/{org.staff}/edit/points", headers=HX).get_data(as_text=True)
    texts = {found: re.sub(r"<[^>]+>", "", text) for tag in ("th", "span")
             for found, text in re.findall(rf'<{tag}[^>]* id="([^"]+)">(.*?)</{tag}>', html)}
    parts = {re.search(r' name="([^"]+)"', box).group(1):
             [texts[ref] for ref in re.search(r'aria-labelledby="([^"]+)"', box).group(1).split()]
             for box in re.findall(r"<input [^>]+>", html)}
    names = {name: " ".join(words) for name, words in parts.items()}
    assert "<label" not in html and len(names) == 8
    assert names["tasks"] == "Điểm kết quả thực hiện nhiệm vụ"
    assert names["reason_tasks"] == "Lý do thay đổi Điểm kết quả thực hiện nhiệm vụ (tối đa 70)"
    assert names["g_competence"] == "Năng lực, trách nhiệm, tinh thần thái độ phục vụ nhân dân"
    assert names["reason_competence"] == f"Lý do thay đổi {names['g_competence']} (tối đa 10)"
    # every name differs, and no part of a reason's name is a figure's whole name: looking a figure up by its
    # criterion (as a label) finds that figure alone
    figures = [name for name in names if not name.startswith("reason_")]
    assert len(set(names.values())) == 8
    assert not any(names[figure] in parts[f"reason_{figure.removeprefix('g_')}"] for figure in figures)


def test_a_save_sent_before_the_points_arrived_keeps_the_figures_as_shown(client, org, realistic, app):
    login(client, "head")
    first = fields_of(in_place(client, client.get(f"{URL}/people/{org.staff}/edit", headers=HX)
                                .get_data(as_text=True)))
    assert save(client, org.staff, {**first, "g_innovation": "7", "level": "htt",
                                    "reason_innovation": "Chưa có đề xuất cải tiến."}).status_code == 200
    # opened again and saved at once, before its points table came: the leader's figure and reason stay
    again = fields_of(client.get(f"{URL}/people/{org.staff}/edit", headers=HX).get_data(as_text=True))
    assert "g_innovation" not in again
    assert save(client, org.staff, {**again, "strengths": "Nắm chắc quy trình."}).status_code == 200
    with app.app_context():
        review = db.session.scalar(select(MonthlyReview).where(MonthlyReview.person_id == org.staff,
                                                               MonthlyReview.month_id == month_of(2026, 11).id))
        assert review.review_general["innovation"] == "7" and review.strengths == "Nắm chắc quy trình."
        assert review.change_reasons == {"innovation": "Chưa có đề xuất cải tiến."}


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
