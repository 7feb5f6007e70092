"""A staff member's year in a real browser, as one demo person: register for the year, plan December's work inline
(copying November's unfinished items), self-assess November with the live total, register an initiative with a
real PDF attached, and find on "Việc của tôi" what is still to do.

The person is Lý Văn Ưng (ung.lv), a chuyên viên whose demo state fits the whole journey without touching the
database: his 2026 registration is a draft, his November sheet was sent and nothing in it is assessed yet (so all
of it is "unfinished" and December's copy has something to bring), and he has no December sheet. Every write here
is his, so the other browser tests sharing the live server see the demo as it was for everyone else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from urllib.parse import quote, urlsplit

from playwright.sync_api import Locator, Page, Response, expect

from app.domain.rulebooks import rulebook

STAFF = "ung.lv"
STAFF_NAME = "Lý Văn Ưng"
CO_AUTHOR = "Phan Minh An"
DECEMBER = "/commitments/2026/12"
NOVEMBER = "/commitments/2026/11"
SELF_ASSESSMENT = f"{NOVEMBER}/self-assessment"
BOOK = rulebook("vn-2026")  # the demo year's rulebook: its 30/70 split, deductions, bands and group names
EDITING = re.compile(r"\bediting\b")

# The two items planned by hand in December: (title, measure, deadline, planned points).
FIRST_ITEM = ("Tổng hợp kết quả phong trào thi đua cao điểm cuối năm 2026", "Báo cáo trình lãnh đạo Ban",
              "18/12/2026", "20")
SECOND_ITEM = ("Rà soát danh sách đề nghị khen thưởng tổng kết năm", "Danh sách rà soát, ý kiến thẩm định",
               "22/12/2026", "10")
# What the first item becomes after its inline edit.
FIRST_MEASURE_EDITED = "Báo cáo và phụ lục số liệu trình lãnh đạo Ban"
FIRST_POINTS_EDITED = "25"

# November's outcomes, given to the items in order (repeated if there are more items): (outcome, major error).
OUTCOME_PLAN = (("on_time", False), ("late", False), ("on_time", True), ("not_done", False))
OUTCOME_LABELS = {"on_time": "Hoàn thành đúng hạn", "late": "Hoàn thành chậm", "not_done": "Chưa hoàn thành"}
UNFINISHED_ON_THE_SHEET = ("Chưa đánh giá", "Chưa hoàn thành")
EVIDENCE = "215/BC-BTĐKT ngày 20/11/2026"
# November's general points per criteria group, typed as a Vietnamese keyboard writes them.
GENERAL_TYPED = ("9,5", "9", "8")
OUT_OF_BOUNDS = "12"

INITIATIVE_TITLE = "Bảng theo dõi hạn xử lý hồ sơ đề nghị khen thưởng dùng chung trong Phòng"
PDF_NAME = "Thuyết minh giải pháp bảng theo dõi.pdf"


def test_staff_member_registers_plans_assesses_and_files_an_initiative(page: Page, log_in, watch, screenshot,
                                                                      tmp_path):
    log_in(STAFF)
    expect(page.get_by_role("heading", level=2, name=STAFF_NAME)).to_be_visible()
    # Before the journey: the year's registration is one of his open tasks.
    expect(_work_titles(page)).to_contain_text(["Đăng ký thi đua năm 2026"])

    _register_for_the_year(page, screenshot)
    unfinished = _unfinished_in_november(page)
    _plan_december(page, screenshot, unfinished)
    _self_assess_november(page, watch, screenshot)
    _register_an_initiative(page, screenshot, tmp_path)

    # What is left: the self-assessment (filled in, not sent) and December's sheet (planned, not sent). The
    # registration (sent) and the initiative (sent) are no longer there.
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Việc của tôi").click()
    expect(page.get_by_role("heading", level=1, name="Việc của tôi")).to_be_visible()
    expect(_work_titles(page)).to_have_text(["Tự đánh giá tháng 11/2026", "Đăng ký công việc tháng 12/2026"])
    work = page.locator(".work-items")
    expect(work.locator(".work-item", has_text="Tự đánh giá tháng 11/2026")).to_contain_text("hạn 30/11/2026")
    expect(work.locator(".work-item", has_text="Đăng ký công việc tháng 12/2026")).to_contain_text("hạn 05/12/2026")
    expect(work.get_by_role("link", name="Tự đánh giá tháng 11/2026")).to_have_attribute("href", SELF_ASSESSMENT)
    expect(work.get_by_role("link", name="Đăng ký công việc tháng 12/2026")).to_have_attribute("href", DECEMBER)
    page.wait_for_load_state()
    screenshot(page, "staff-journey-home-after")


# --- 1. The year's registration --------------------------------------------------------------------------------

def _register_for_the_year(page: Page, screenshot) -> None:
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Đăng ký thi đua").click()
    expect(page.get_by_role("heading", level=1, name="Đăng ký thi đua năm 2026")).to_be_visible()
    mine = page.locator("#my-registration")
    expect(_fact(mine, "Tình trạng")).to_have_text("Chưa gửi")  # the demo left his a draft
    expect(_fact(mine, "Người duyệt")).to_have_text("Trịnh Văn Đức")
    mine.get_by_label("Danh hiệu thi đua đăng ký").select_option(label="“Chiến sĩ thi đua cơ sở”")
    plan = ("Bảng theo dõi hạn xử lý hồ sơ đề nghị khen thưởng dùng chung trong Phòng, cảnh báo hồ sơ sắp đến hạn "
            "(áp dụng từ quý I/2027).")
    mine.get_by_label("Sáng kiến, giải pháp mới dự kiến thực hiện").fill(plan)
    commitment = mine.get_by_label("Cam kết học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh")
    expect(commitment).not_to_have_value("")  # a suggested commitment he may adapt
    commitment.fill("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; đúng giờ, đúng hạn trong mọi "
                    "việc được giao; tận tụy phục vụ, đoàn kết, giúp đỡ đồng nghiệp.")
    screenshot(page, "staff-journey-registration-form")
    with page.expect_response(_post("/registration/")) as sent:
        mine.get_by_role("button", name="Gửi duyệt").click()
    assert sent.value.status == 204 and sent.value.headers.get("hx-redirect") == "/registration/"
    expect(page.locator("#flash")).to_contain_text("Đã gửi bản đăng ký thi đua năm 2026.")
    mine = page.locator("#my-registration")
    expect(_fact(mine, "Tình trạng").locator(".state")).to_have_text("Chờ duyệt")
    expect(_fact(mine, "Tình trạng")).to_contain_text("gửi ngày")
    expect(_fact(mine, "Danh hiệu đăng ký")).to_have_text("“Chiến sĩ thi đua cơ sở”")
    expect(_fact(mine, "Sáng kiến, giải pháp mới")).to_have_text(plan)
    expect(mine.get_by_role("button", name="Gửi duyệt")).to_have_count(0)  # sent: no longer editable
    page.wait_for_load_state()
    screenshot(page, "staff-journey-registration-sent")


# --- 2. December's commitments ---------------------------------------------------------------------------------

def _unfinished_in_november(page: Page) -> list[tuple[str, Decimal]]:
    """November's items not done or not yet assessed, in order, with their planned points: what December copies."""
    page.goto(NOVEMBER)
    expect(page.get_by_role("heading", level=1, name="Công việc tháng 11/2026")).to_be_visible()
    rows = page.locator("#item-rows tr")
    expect(rows.first).to_be_visible()
    unfinished = []
    for row in rows.all():
        cells = row.locator("td")
        if cells.nth(5).inner_text().strip() in UNFINISHED_ON_THE_SHEET:
            unfinished.append((_own_text(cells.nth(1)), _points(cells.nth(4).inner_text())))
    assert unfinished, "the demo must leave this person at least one unfinished November item to copy"
    return unfinished


def _plan_december(page: Page, screenshot, unfinished: list[tuple[str, Decimal]]) -> None:
    months = page.get_by_role("navigation", name="Các tháng trong năm 2026")
    months.get_by_role("link", name=re.compile(r"^12\s*\/2026")).click()  # "12" and "/2026" for screen readers
    expect(page).to_have_url(re.compile(f"{DECEMBER}$"))
    expect(page.get_by_role("heading", level=1, name="Công việc tháng 12/2026")).to_be_visible()
    expect(_fact(page, "Bản cam kết")).to_have_text("Chưa đăng ký")
    page.wait_for_load_state()

    # From here to the copy everything happens in place: no navigation, the window keeps its state.
    page.evaluate("window.samePageMarker = 'still here'")
    navigations: list[str] = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)
    total = page.locator("#items-table tfoot strong")

    _add_item(page, *FIRST_ITEM)
    expect(total).to_have_text(FIRST_ITEM[3])
    _add_item(page, *SECOND_ITEM)
    expect(_titles(page)).to_have_text([FIRST_ITEM[0], SECOND_ITEM[0]])
    expect(page.locator("#items-table tfoot")).to_contain_text("Tổng điểm dự kiến")
    expect(total).to_have_text(_vi(Decimal(FIRST_ITEM[3]) + Decimal(SECOND_ITEM[3])))

    # Edit the first item in its row.
    with page.expect_response(lambda r: urlsplit(r.url).path.endswith("/edit")):
        page.get_by_role("link", name="Sửa nội dung 1", exact=True).click()
    row = page.locator("#item-rows tr.editing")
    expect(row).to_have_count(1)
    expect(row.get_by_label("Công việc, sản phẩm sẽ hoàn thành")).to_have_value(FIRST_ITEM[0])
    expect(row.get_by_label("Công việc, sản phẩm sẽ hoàn thành")).to_be_focused()
    row.get_by_label("Tiêu chí đo, số lượng").fill(FIRST_MEASURE_EDITED)
    row.get_by_label("Điểm dự kiến").fill(FIRST_POINTS_EDITED)
    with page.expect_response(lambda r: r.request.method == "POST"
                              and re.search(r"/commitments/items/\d+$", urlsplit(r.url).path) is not None) as saved:
        row.get_by_role("button", name="Lưu").click()
    assert saved.value.status == 200
    expect(page.locator("#item-rows tr.editing")).to_have_count(0)
    expect(page.locator("#flash")).to_contain_text("Đã lưu nội dung công việc.")
    first = page.locator("#item-rows tr").nth(0)
    expect(first.locator("td").nth(2)).to_have_text(FIRST_MEASURE_EDITED)
    expect(first.locator("td").nth(4)).to_have_text(FIRST_POINTS_EDITED)
    planned = Decimal(FIRST_POINTS_EDITED) + Decimal(SECOND_ITEM[3])
    expect(total).to_have_text(_vi(planned))

    # Move the second item up: the order changes, the numbers follow.
    with page.expect_response(_post("/move")):
        page.get_by_role("button", name="Lên nội dung 2", exact=True).click()
    expect(_titles(page)).to_have_text([SECOND_ITEM[0], FIRST_ITEM[0]])
    expect(page.locator("#item-rows tr td.num:first-child")).to_have_text(["1", "2"])
    expect(page.get_by_role("button", name="Lên nội dung 1", exact=True)).to_have_count(0)
    expect(total).to_have_text(_vi(planned))

    # Bring November's unfinished work over, once.
    copy = page.get_by_role("button", name="Sao chép việc chưa xong tháng trước")
    with page.expect_response(_post(f"{DECEMBER}/copy-unfinished")) as copied:
        copy.click()
    assert copied.value.status == 200
    expect(page.locator("#flash")).to_contain_text(
        f"Đã sao chép {len(unfinished)} việc chưa xong từ tháng 11/2026.")
    expect(_titles(page)).to_have_text([SECOND_ITEM[0], FIRST_ITEM[0],
                                        *(f"{title} chuyển từ tháng trước" for title, _ in unfinished)])
    carried = page.locator("#item-rows tr").filter(has=page.get_by_text("chuyển từ tháng trước", exact=True))
    expect(carried).to_have_count(len(unfinished))
    planned += sum((points for _, points in unfinished), Decimal(0))
    expect(total).to_have_text(_vi(planned))
    if planned != BOOK.scoring.task_points:
        expect(page.locator("#items-table .warning").first).to_contain_text(
            f"Tổng điểm dự kiến ({_vi(planned)}) khác {_vi(BOOK.scoring.task_points)} điểm kết quả thực hiện nhiệm vụ.")
    with page.expect_response(_post(f"{DECEMBER}/copy-unfinished")):
        copy.click()
    expect(page.locator("#flash")).to_contain_text("Tháng trước không còn việc chưa xong nào cần sao chép")
    expect(page.locator("#item-rows tr")).to_have_count(2 + len(unfinished))

    assert page.evaluate("window.samePageMarker") == "still here"
    assert navigations == []
    screenshot(page, "staff-journey-december-commitments")


def _add_item(page: Page, title: str, measure: str, deadline: str, points: str) -> None:
    with page.expect_response(lambda r: urlsplit(r.url).path == f"{DECEMBER}/items/new"):
        page.get_by_role("link", name="Thêm nội dung").click()
    row = page.locator("tr#item-new")
    expect(row).to_have_class(EDITING)
    expect(row.get_by_label("Công việc, sản phẩm sẽ hoàn thành")).to_be_focused()
    row.get_by_label("Công việc, sản phẩm sẽ hoàn thành").fill(title)
    row.get_by_label("Tiêu chí đo, số lượng").fill(measure)
    row.get_by_label("Thời hạn").fill(deadline)
    row.get_by_label("Điểm dự kiến").fill(points)
    with page.expect_response(_post(f"{DECEMBER}/items")) as saved:
        row.get_by_role("button", name="Lưu").click()
    assert saved.value.status == 200
    expect(row).to_have_count(0)
    expect(page.locator("#flash")).to_contain_text("Đã thêm nội dung công việc.")
    added = page.locator("#item-rows tr", has_text=title)
    expect(added).to_have_class(re.compile(r"\bjust-saved\b"))
    expect(added.locator("td").nth(3)).to_have_text(deadline)


# --- 3. November's self-assessment -----------------------------------------------------------------------------

def _self_assess_november(page: Page, watch, screenshot) -> None:
    page.goto(NOVEMBER)
    page.get_by_role("link", name="Tự đánh giá tháng 11/2026").click()
    expect(page).to_have_url(re.compile(f"{SELF_ASSESSMENT}$"))
    expect(page.get_by_role("heading", level=1, name="Tự đánh giá tháng 11/2026")).to_be_visible()
    page.wait_for_load_state()
    page.evaluate("window.samePageMarker = 'still here'")
    navigations: list[str] = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)

    rows = page.locator(".assess-table tbody tr")
    expect(rows.first).to_be_visible()
    summary = page.locator("#self-summary")
    # The summary sticks to the bottom of the window and the table's header to its top: on a laptop screen the
    # two together must leave at least half the window to the items, or an item scrolled to the middle is hidden.
    stuck = _height(summary) + _height(page.locator(".assess-table thead"))
    assert stuck <= page.viewport_size["height"] / 2, f"the sticky summary and header take {stuck}px of the window"
    planned = [_points(text) for text in rows.locator("td:nth-child(3)").all_inner_texts()]
    outcomes: list[tuple[str | None, bool]] = [(None, False)] * len(planned)
    general: list[Decimal] = []
    _expect_summary(summary, planned, outcomes, general)  # nothing assessed yet

    # Each item's outcome: saved on change, the summary refreshes itself in place.
    for index in range(len(planned)):
        outcome, major_error = OUTCOME_PLAN[index % len(OUTCOME_PLAN)]
        row = rows.nth(index)
        with page.expect_response(_summary_refresh):
            row.get_by_label("Kết quả", exact=True).select_option(label=OUTCOME_LABELS[outcome])
        outcomes[index] = (outcome, False)
        _expect_summary(summary, planned, outcomes, general)
        if major_error:
            with page.expect_response(_summary_refresh):
                row.get_by_label("Có sai sót lớn").check()
            outcomes[index] = (outcome, True)
            _expect_summary(summary, planned, outcomes, general)
        if outcome != "not_done":
            with page.expect_response(_summary_refresh):
                row.get_by_label("Minh chứng (số văn bản hoặc đường dẫn)").fill(EVIDENCE)
                row.get_by_label("Minh chứng (số văn bản hoặc đường dẫn)").press("Tab")
            expect(row.get_by_label("Minh chứng (số văn bản hoặc đường dẫn)")).to_have_value(EVIDENCE)
        expect(row.get_by_label("Kết quả", exact=True)).to_have_value(outcome)

    # The general points, group by group; the total follows each one.
    groups = BOOK.scoring.general_groups
    for group, typed in zip(groups, GENERAL_TYPED, strict=True):
        box = page.get_by_label(group.name, exact=True)
        if group == groups[-1]:
            # Out of bounds first: the field says why, in place, and nothing is saved.
            watch.allow_status(422)
            with page.expect_response(_general_post(group.code)) as refused:
                box.fill(OUT_OF_BOUNDS)
                box.press("Tab")
            assert refused.value.status == 422
            box = page.get_by_label(group.name, exact=True)
            expect(box).to_have_attribute("aria-invalid", "true")
            expect(box).to_have_value(OUT_OF_BOUNDS)
            expect(page.locator(f"#general-{group.code} .field__error")).to_have_text(
                f"Điểm từ 0 đến {_vi(group.max_points)}.")
            expect(box).to_be_focused()
            _expect_summary(summary, planned, outcomes, general)  # unchanged
            _full_height_screenshot(page, screenshot, "staff-journey-self-assessment-point-error")
        with page.expect_response(_summary_refresh):
            box.fill(typed)
            box.press("Tab")
        general.append(_points(typed))
        box = page.get_by_label(group.name, exact=True)
        expect(box).not_to_have_attribute("aria-invalid", "true")
        expect(page.locator(f"#general-{group.code} .field__error")).to_have_count(0)
        expect(box).to_have_value(typed)
        _expect_summary(summary, planned, outcomes, general)

    # Own strengths and shortcomings, and what was done about any shortcoming still open from earlier months (the
    # demo raises none for him yet: the loop fills whatever the page asks for).
    texts = page.locator("#texts-form")
    texts.get_by_label("Ưu điểm", exact=True).fill(
        "Chủ động tham mưu tổng hợp kết quả chấm điểm; hoàn thành đúng hạn phần lớn công việc được giao.")
    texts.get_by_label("Tồn tại, hạn chế và nguyên nhân").fill(
        "Một nội dung chưa hoàn thành, một nội dung chậm do chờ số liệu của các đơn vị; nguyên nhân: chưa đôn đốc "
        "sớm.")
    for report in texts.get_by_label("Kết quả khắc phục").all():
        report.fill("Đã lập lịch đôn đốc hằng tuần; các báo cáo tháng 11 nộp đúng hạn.")
    with page.expect_response(_post(f"{SELF_ASSESSMENT}/texts")) as saved, page.expect_response(_summary_refresh):
        texts.get_by_role("button", name="Lưu").click()
    assert saved.value.status == 200
    expect(page.locator("#flash")).to_contain_text("Đã lưu ưu điểm, hạn chế và kết quả khắc phục.")
    expect(page.get_by_label("Ưu điểm", exact=True)).to_have_value(re.compile("^Chủ động tham mưu"))

    # Everything answered: nothing left to fill before sending, and the total is the one computed here.
    expect(summary).not_to_contain_text("Trước khi gửi, còn cần:")
    expect(summary.get_by_role("button", name="Gửi tự đánh giá")).to_be_visible()
    _expect_summary(summary, planned, outcomes, general)
    assert page.evaluate("window.samePageMarker") == "still here"
    assert navigations == []
    _full_height_screenshot(page, screenshot, "staff-journey-self-assessment-live-total")


def _full_height_screenshot(page: Page, screenshot, name: str) -> None:
    """A full-page screenshot draws the sticky summary and table header where they stick in the window, over the
    items. With the window as tall as the page, nothing sticks: the screenshot shows the page as it is laid out."""
    viewport = page.viewport_size
    page.set_viewport_size({"width": viewport["width"], "height": page.evaluate("document.body.scrollHeight")})
    screenshot(page, name)
    page.set_viewport_size(viewport)


def _expect_summary(summary: Locator, planned: list[Decimal], outcomes: list[tuple[str | None, bool]],
                    general: list[Decimal]) -> None:
    """The live summary shows the score computed here, independently, from what the test entered."""
    scoring = BOOK.scoring
    earned = Decimal(0)
    for points, (outcome, major_error) in zip(planned, outcomes, strict=True):
        if outcome in ("on_time", "late"):
            share = Decimal(1) - (scoring.late_deduction if outcome == "late" else 0) \
                - (scoring.error_deduction if major_error else 0)
            earned += points * max(share, Decimal(0))
    task_points = scoring.task_points * earned / sum(planned, Decimal(0))
    general_sum = sum(general, Decimal(0))
    total = (general_sum + task_points).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    level = next(level for level in BOOK.levels if total >= level.min_score)  # highest first
    expect(summary.locator(".score-total")).to_have_text(_vi(total))
    expect(summary.locator(".level")).to_have_text(level.name)
    expect(_fact(summary, "Tiêu chí chung")).to_have_text(f"{_vi(general_sum)} / {_vi(scoring.general_points)}")
    expect(_fact(summary, "Kết quả thực hiện nhiệm vụ")).to_have_text(
        f"{_vi(task_points.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP))} / {_vi(scoring.task_points)}")


def _summary_refresh(response: Response) -> bool:
    return response.request.method == "GET" and urlsplit(response.url).path == f"{SELF_ASSESSMENT}/summary"


def _general_post(code: str) -> Callable[[Response], bool]:
    def matches(response: Response) -> bool:
        url = urlsplit(response.url)
        return (response.request.method == "POST" and url.path == f"{SELF_ASSESSMENT}/general"
                and url.query == f"only={code}")
    return matches


# --- 4. An initiative with its file ----------------------------------------------------------------------------

def _register_an_initiative(page: Page, screenshot, tmp_path: Path) -> None:
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Sáng kiến").click()
    page.get_by_role("link", name="Đăng ký sáng kiến").click()
    expect(page.get_by_role("heading", level=1, name="Đăng ký sáng kiến, giải pháp, đề tài")).to_be_visible()
    form = page.locator("#initiative-form")
    form.get_by_label("Tên sáng kiến, giải pháp hoặc đề tài").fill(INITIATIVE_TITLE)
    form.get_by_label("Loại", exact=True).select_option(label="Giải pháp mới")
    form.get_by_label("Năm thi đua").select_option("2026")
    expect(form.locator(".author-boxes li").first).to_have_text(STAFF_NAME)  # the one registering comes first
    form.get_by_label("Tác giả thứ 2").select_option(label=CO_AUTHOR)
    form.get_by_label("Thực trạng, vấn đề cần giải quyết").fill(
        "Hạn xử lý từng hồ sơ đề nghị khen thưởng được theo dõi trên sổ giấy của từng người; hồ sơ sắp quá hạn "
        "thường chỉ được phát hiện khi đơn vị gọi hỏi.")
    form.get_by_label("Nội dung giải pháp").fill(
        "Một bảng tính dùng chung ghi ngày nhận, ngày hẹn và người xử lý của mỗi hồ sơ; hồ sơ còn dưới 3 ngày đến "
        "hạn tự đổi màu; trưởng phòng xem toàn bộ trên một trang.")
    form.get_by_label("Hiệu quả dự kiến").fill(
        "Không còn hồ sơ quá hạn vì bị quên; giảm thời gian tổng hợp báo cáo tiến độ hằng tuần từ nửa ngày xuống "
        "dưới một giờ; có thể dùng cho các phòng khác.")
    screenshot(page, "staff-journey-initiative-form")
    with page.expect_response(_post("/initiatives/")) as created:
        form.get_by_role("button", name="Lưu").click()
    assert created.value.status == 204
    expect(page.get_by_role("heading", level=1, name=INITIATIVE_TITLE)).to_be_visible()
    expect(page).to_have_url(re.compile(r"/initiatives/\d+$"))
    page_path = urlsplit(page.url).path
    expect(page.locator("#flash")).to_contain_text(f"Đã lưu “{INITIATIVE_TITLE}”.")
    expect(page.locator("#initiative-status")).to_contain_text("Chưa gửi")
    expect(page.locator(".lead")).to_contain_text("Giải pháp mới · năm 2026")
    authors = page.get_by_role("heading", level=2, name="Tác giả").locator("+ ol li")
    expect(authors).to_have_count(2)
    expect(authors.nth(0)).to_contain_text(STAFF_NAME)
    expect(authors.nth(1)).to_contain_text(CO_AUTHOR)
    page.wait_for_load_state()

    # Attach a small real PDF: checked by the server, listed in place.
    pdf_bytes = _minimal_pdf("Thuyet minh giai phap - bang theo doi han xu ly ho so")
    pdf = tmp_path / PDF_NAME
    pdf.write_bytes(pdf_bytes)
    files = page.locator(".attachments")
    expect(files).to_contain_text("Chưa có tệp đính kèm.")
    files.get_by_label("Thêm tệp").set_input_files(pdf)
    with page.expect_response(_post(f"{page_path}/attachments")) as uploaded:
        files.get_by_role("button", name="Tải lên").click()
    assert uploaded.value.status == 200
    expect(page.locator("#flash")).to_contain_text(f"Đã tải lên “{PDF_NAME}”")
    link = page.locator(".attachment-list").get_by_role("link", name=PDF_NAME, exact=True)
    expect(link).to_be_visible()
    expect(page.locator(".attachment-list li")).to_have_count(1)
    expect(page.locator(".attachment-list li")).to_contain_text(STAFF_NAME)  # who uploaded it
    assert urlsplit(page.url).path == page_path  # uploaded in place

    # Download it: in the browser, and once more to read the headers the server sends.
    with page.expect_download() as downloading:
        link.click()
    download = downloading.value
    assert download.failure() is None
    assert download.suggested_filename == PDF_NAME
    assert Path(download.path()).read_bytes() == pdf_bytes
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;"), disposition
    assert f"filename*=UTF-8''{quote(PDF_NAME)}" in disposition, disposition
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.body() == pdf_bytes
    screenshot(page, "staff-journey-initiative-with-file")

    # Send it for recognition (the button asks first).
    questions: list[str] = []

    def accept(dialog) -> None:
        questions.append(dialog.message)
        dialog.accept()

    page.once("dialog", accept)
    with page.expect_response(_post(f"{page_path}/submit")) as submitted:
        page.get_by_role("button", name="Gửi đề nghị công nhận").click()
    assert submitted.value.status == 204
    assert questions == [f"Gửi “{INITIATIVE_TITLE}” để lãnh đạo Ban xem xét công nhận? Sau khi gửi, bạn không sửa "
                         "được nội dung nữa."]
    expect(page.locator("#flash")).to_contain_text(f"Đã gửi “{INITIATIVE_TITLE}” để lãnh đạo Ban xem xét công nhận.")
    status = page.locator("#initiative-status")
    expect(status.locator(".state")).to_have_text("Chờ công nhận")
    expect(status).to_contain_text("Đang chờ lãnh đạo Ban xem xét, công nhận.")
    expect(status.get_by_role("button", name="Gửi đề nghị công nhận")).to_have_count(0)
    expect(status.get_by_role("link", name="Sửa", exact=True)).to_have_count(0)
    expect(page.locator(".attachment-list").get_by_role("link", name=PDF_NAME, exact=True)).to_be_visible()
    page.wait_for_load_state()
    screenshot(page, "staff-journey-initiative-sent")


def _minimal_pdf(text: str) -> bytes:
    """A valid one-page PDF with one line of ASCII text: the objects, then a cross-reference table to them."""
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, table)
    return bytes(out)


# --- Small helpers ---------------------------------------------------------------------------------------------

def _post(path_end: str) -> Callable[[Response], bool]:
    return lambda r: r.request.method == "POST" and urlsplit(r.url).path.endswith(path_end)


def _fact(scope: Page | Locator, term: str) -> Locator:
    """The value beside a term of a facts list (<dl class="facts">)."""
    return scope.locator(".facts dt", has_text=re.compile(f"^{re.escape(term)}$")).locator("+ dd")


def _work_titles(page: Page) -> Locator:
    return page.locator(".work-items .work-item > a")


def _titles(page: Page) -> Locator:
    """The items' titles on the sheet (the cell also holds the "carried over" tag)."""
    return page.locator("#item-rows tr td:nth-child(2)")


def _height(locator: Locator) -> float:
    return locator.evaluate("element => element.getBoundingClientRect().height")


def _own_text(cell: Locator) -> str:
    return cell.evaluate("cell => cell.firstChild.textContent.trim()")


def _points(text: str) -> Decimal:
    return Decimal(text.strip().replace(",", "."))


def _vi(value: Decimal) -> str:
    """Points as the Vietnamese pages write them: a decimal comma, no trailing zeros (75,3 · 48,75 · 70)."""
    text = format(value.normalize(), "f") if value != value.to_integral() else str(int(value))
    return text.replace(".", ",")
