"""The leaders' month in a real browser: November moves to review; the head of the Phòng Nghiệp vụ Khen thưởng,
Cao Thị Hằng (hang.ct), reviews her three people from the board without a page reload and names a shortcoming;
the board's leaders approve and close the month; an edit after closing is refused; in December the shortcoming is
back on her board and the month cannot close until she gives it a verdict.

This journey moves the demo's calendar on, so it runs against a demo server of its own. The reviews of the other
departments — other heads' work, not this journey's — are written straight into that server's database.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import Locator, Page, expect
from sqlalchemy import select

from app import roster
from app.domain.rulebooks import rulebook
from app.domain.scoring import level_for_score
from app.extensions import db
from app.models import Month, MonthlyReview, Person, Year
from app.reviews.queries import shortcomings_to_judge
from tests.browser.conftest import LiveServer, serve_demo

HEAD = "hang.ct"
LEADER = "huy.pq"  # the Trưởng ban: runs the calendar, approves every review (a deputy cannot approve her own), closes
REVIEWED = ("Đinh Thu Trang", "Mai Xuân Phúc", "Tạ Văn Khôi")  # Trang and Phúc self-assessed November; Khôi did not
WITH_SHORTCOMING = "Đinh Thu Trang"
SHORTCOMING = "Tổng hợp số liệu khen thưởng chuyên đề còn chậm, phải nhắc nhiều lần"
EXPECTED_FIX = "Lập bảng theo dõi hạn, báo cáo lãnh đạo phòng trước ngày 25 hằng tháng"
BOOK = rulebook("vn-2026")
KHOI_GENERAL = ("9", "8,5", "8")  # typed as a Vietnamese keyboard writes them
KHOI_TASKS = "60"


@pytest.fixture(scope="module")
def live_server(tmp_path_factory) -> Iterator[LiveServer]:
    with serve_demo(tmp_path_factory.mktemp("review-journey")) as server:
        yield server


def test_a_head_reviews_her_people_the_month_closes_and_the_shortcoming_follows(page: Page, live_server, log_in,
                                                                              watch, screenshot):
    page.on("dialog", lambda dialog: dialog.accept())  # "Chốt tháng…?" confirmations
    _sign_in_as(page, log_in, LEADER)
    _advance(page, 11, "Chuyển sang đánh giá")

    # The head's board: her three people, nobody reviewed yet.
    _sign_in_as(page, log_in, HEAD)
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Bình xét").click()
    expect(page).to_have_url(re.compile(r"/reviews/2026/11"))
    for name in REVIEWED:
        expect(_row(page, name)).to_be_visible()
    counters = page.locator("#board-counters")
    expect(counters).to_contain_text("0 / 3")
    page.evaluate("window.__sameDocument = true")

    # Trang: strengths, one shortcoming with the fix expected, the direction; the points come from her own.
    editor = _open_editor(page, WITH_SHORTCOMING)
    editor.get_by_label("Ưu điểm").fill("Thẩm định hồ sơ cẩn thận, đúng quy trình; chủ động phối hợp với các sở.")
    editor.get_by_label("Tồn tại, hạn chế").first.fill(SHORTCOMING)
    editor.get_by_label("Hướng khắc phục").first.fill(EXPECTED_FIX)
    editor.get_by_label("Phương hướng, nhiệm vụ tháng tới").fill("Hoàn thành tổng hợp hồ sơ khen thưởng cuối năm.")
    _save(editor)
    expect(_row(page, WITH_SHORTCOMING)).to_contain_text("Đã đánh giá, chờ duyệt")
    expect(counters).to_contain_text("1 / 3")

    # Phúc: strengths only, his points and level as he assessed them.
    editor = _open_editor(page, "Mai Xuân Phúc")
    editor.get_by_label("Ưu điểm").fill("Trả lời đơn thư đúng hạn, văn bản rõ ràng.")
    _save(editor)
    expect(counters).to_contain_text("2 / 3")

    # Khôi never self-assessed: the head gives every figure; saving without a level is refused at the field.
    editor = _open_editor(page, "Tạ Văn Khôi")
    for group, typed in zip(BOOK.scoring.general_groups, KHOI_GENERAL, strict=True):
        editor.get_by_label(group.name, exact=False).first.fill(typed)
    editor.get_by_label("Điểm kết quả thực hiện nhiệm vụ", exact=True).fill(KHOI_TASKS)
    editor.get_by_label("Mức xếp loại", exact=True).select_option("")
    watch.allow_status(422)
    editor.get_by_role("button", name="Lưu đánh giá").click()
    expect(page.locator(".review-editor")).to_contain_text("Hãy chọn mức xếp loại.")
    editor = page.locator(".review-editor")
    total = sum(Decimal(value.replace(",", ".")) for value in KHOI_GENERAL) + Decimal(KHOI_TASKS)
    level = BOOK.level(level_for_score(total, BOOK))
    editor.get_by_label("Mức xếp loại", exact=True).select_option(label=level.name)
    _save(editor)
    expect(_row(page, "Tạ Văn Khôi")).to_contain_text(level.name)
    expect(counters).to_contain_text("3 / 3")
    assert page.evaluate("window.__sameDocument === true"), "the board reloaded while reviewing"
    screenshot(page, "review-board-head-reviewed")

    # The other departments' reviews and verdicts (their heads' work), then the leaders approve and close.
    _review_everyone_else(live_server.app, 11)
    _sign_in_as(page, log_in, LEADER)
    page.goto("/reviews/2026/11?scope=all")
    page.get_by_role("button", name="Duyệt tất cả đã đánh giá").click()
    expect(page.locator("#flash")).to_contain_text("Đã duyệt")
    page.wait_for_load_state()  # the board came back as a new page: let its scripts load before the next click
    page.get_by_role("button", name="Chốt tháng").click()
    expect(page.locator("#flash")).to_contain_text("Đã chốt tháng 11/2026")
    page.wait_for_load_state()
    with live_server.app.app_context():
        assert _month(11).state == "closed"

    # After closing: no edit link, and a hand-made save is refused by the server.
    _sign_in_as(page, log_in, HEAD)
    page.goto("/reviews/2026/11")
    expect(_row(page, WITH_SHORTCOMING)).to_contain_text("Đã duyệt")
    expect(_row(page, WITH_SHORTCOMING).get_by_role("link", name=re.compile("^(Sửa|Đánh giá)"))).to_have_count(0)
    token = page.locator("meta[name=csrf-token]").get_attribute("content")
    refused = page.request.post(f"/reviews/2026/11/people/{_person_id(live_server.app, WITH_SHORTCOMING)}",
                                form={"strengths": "Sửa sau khi chốt"}, headers={"X-CSRFToken": token})
    assert refused.status == 409 and "đã chốt" in refused.text()

    # December: the calendar moves on to review; the shortcoming is on Trang's review and holds the month open.
    _sign_in_as(page, log_in, LEADER)
    _advance(page, 12, "Chuyển sang tự đánh giá")
    _advance(page, 12, "Chuyển sang đánh giá")
    page.goto("/reviews/2026/12?scope=all")
    page.wait_for_load_state()
    watch.allow_status(409)  # the refused closes
    page.get_by_role("button", name="Chốt tháng").click()
    expect(page.locator("#flash")).to_contain_text(f"{WITH_SHORTCOMING} (1)")

    _sign_in_as(page, log_in, HEAD)
    page.goto("/reviews/2026/12")
    expect(_row(page, WITH_SHORTCOMING)).to_contain_text("1 chưa kết luận")
    editor = _open_editor(page, WITH_SHORTCOMING)
    expect(editor).to_contain_text(SHORTCOMING)
    expect(editor).to_contain_text(EXPECTED_FIX)
    editor.get_by_label("Kết luận", exact=True).select_option(label="Đã khắc phục")
    for group in BOOK.scoring.general_groups:
        editor.get_by_label(group.name, exact=False).first.fill("9")
    editor.get_by_label("Điểm kết quả thực hiện nhiệm vụ", exact=True).fill("62")
    december_level = BOOK.level(level_for_score(Decimal(3 * 9 + 62), BOOK))
    editor.get_by_label("Mức xếp loại", exact=True).select_option(label=december_level.name)
    _save(editor)
    expect(_row(page, WITH_SHORTCOMING)).not_to_contain_text("chưa kết luận")

    _sign_in_as(page, log_in, LEADER)
    page.goto("/reviews/2026/12?scope=all")
    page.get_by_role("button", name="Chốt tháng").click()
    expect(page.locator("#flash")).to_contain_text("Chưa thể chốt tháng 12/2026")
    expect(page.locator("#flash")).not_to_contain_text(f"{WITH_SHORTCOMING} (1)")
    screenshot(page, "review-board-december-blockers")


# --- Steps ----------------------------------------------------------------------------------------------------

def _sign_in_as(page: Page, log_in, username: str) -> None:
    if page.url.startswith("http"):  # someone is signed in: sign out the way people do
        page.wait_for_load_state()
        page.get_by_role("button", name="Đăng xuất").click()
        expect(page.get_by_label("Tên đăng nhập", exact=True)).to_be_visible()
    log_in(username)


def _advance(page: Page, number: int, button: str) -> None:
    page.goto("/years/2026")
    page.get_by_role("button", name=f"{button} {number:02d}/2026").click()
    row = page.locator("tr").filter(has=page.get_by_role("rowheader", name=f"{number:02d}/2026", exact=True))
    expect(row.get_by_role("button", name=f"{button} {number:02d}/2026")).to_have_count(0)


def _row(page: Page, name: str) -> Locator:
    return page.locator("tr[id^=review-row-]").filter(has=page.get_by_role("rowheader", name=re.compile(name)))


def _open_editor(page: Page, name: str) -> Locator:
    _row(page, name).get_by_role("link", name=re.compile(f"^(Đánh giá|Sửa) {name}$")).click()
    editor = page.locator(".review-editor")
    expect(editor).to_contain_text(name)
    return editor


def _save(editor: Locator) -> None:
    editor.get_by_role("button", name="Lưu đánh giá").click()
    expect(editor).to_have_count(0)


# --- What the other heads did, straight in the database -------------------------------------------------------

def _month(number: int) -> Month:
    return db.session.scalar(select(Month).join(Year).where(Year.year == 2026, Month.number == number))


def _person_id(app, name: str) -> int:
    with app.app_context():
        return next(p.id for p in db.session.scalars(select(Person)) if p.full_name == name)


def _review_everyone_else(app, number: int) -> None:
    """Every other person with a reviewer gets a written review at the band of 85 points, and every shortcoming
    still open from earlier months a verdict of "khắc phục một phần"."""
    from app.models import ShortcomingFollowUp

    with app.test_request_context():
        month = _month(number)
        choices = roster.reviewer_choices()
        reviews = {r.person_id: r for r in db.session.scalars(
            select(MonthlyReview).where(MonthlyReview.month_id == month.id))}
        for person in db.session.scalars(select(Person).where(Person.active.is_(True))):
            if person.full_name in REVIEWED or choices[person.id].reviewer_id is None:
                continue
            review = reviews.get(person.id) or MonthlyReview(person_id=person.id, month_id=month.id,
                                                             self_general={})
            if not review.leave:
                review.review_score, review.review_level = Decimal("85.0"), "htt"
            review.review_state, review.reviewed_at = "reviewed", datetime(2026, 12, 2, 9)
            db.session.add(review)
        for pairs in shortcomings_to_judge(month).values():
            for shortcoming, follow_up in pairs:
                follow_up = follow_up or ShortcomingFollowUp(shortcoming_id=shortcoming.id, month_id=month.id)
                follow_up.verdict = "partly_fixed"
                db.session.add(follow_up)
        db.session.commit()
