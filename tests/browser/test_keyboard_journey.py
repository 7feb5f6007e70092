"""A staff member plans her month with the keyboard alone: no click, no fill — only Tab, Shift+Tab, Enter, Space
and typing (Ctrl+A to select what a field holds), as someone who cannot use a mouse works.

Đinh Thu Trang (trang.dt, chuyên viên of the Phòng Nghiệp vụ Khen thưởng) signs in, skips the header with the skip
link, opens December's commitments from "Việc của tôi", adds an item, types points the year does not allow, is
taken back to that field with the message read out with it, corrects it and saves. On every Tab stop the focused
element must show a focus indicator, and every form field met must have an accessible name.

It adds an item to her December sheet, so it runs against a demo server of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect

from app.domain.rulebooks import rulebook
from tests.browser.conftest import DEMO_PASSWORD, LiveServer, serve_demo

STAFF = "trang.dt"
DECEMBER = "/commitments/2026/12"
TITLE = "Tổng hợp hồ sơ đề nghị khen thưởng chuyên đề quý IV"
MEASURE = "Danh sách trình Hội đồng"
DEADLINE = "20/12/2026"
TASK_POINTS = rulebook("vn-2026").scoring.task_points  # an item's planned points are a share of these
TOO_MANY_POINTS = "250"
POINTS = "25"
MAX_TABS = 60  # more Tab presses than this to reach something means the page's order is wrong

# What the focused element looks like, and whether a sighted keyboard user can see that it has the focus.
_FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== "none";
  return {
    tag: el.tagName.toLowerCase(), id: el.id, type: el.getAttribute("type") || "",
    text: (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 80),
    field: el.matches("input:not([type=hidden]), select, textarea"),
    indicator: outline || shadow, onScreen: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0,
    outline: style.outlineStyle + " " + style.outlineWidth, shadow: style.boxShadow,
  };
}"""


@pytest.fixture(scope="module")
def live_server(tmp_path_factory) -> Iterator[LiveServer]:
    with serve_demo(tmp_path_factory.mktemp("keyboard-journey")) as server:
        yield server


def test_a_staff_member_adds_a_commitment_with_the_keyboard_alone(page: Page, watch, screenshot):
    page.goto("/login")
    page.wait_for_load_state()

    # The first Tab stop is the skip link, shown when it has the focus.
    stop = _tab(page)
    assert stop["tag"] == "a" and stop["text"] == "Bỏ qua, tới nội dung chính", stop
    expect(page.get_by_role("link", name="Bỏ qua, tới nội dung chính")).to_be_in_viewport()

    # Sign in: Tab to each field, type, Enter.
    _fields_have_names(page.locator("main"))
    _tab_to(page, page.get_by_label("Tên đăng nhập", exact=True))
    page.keyboard.type(STAFF)
    _tab_to(page, page.get_by_label("Mật khẩu", exact=True))
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Việc của tôi")).to_be_visible()
    page.wait_for_load_state()

    # The skip link takes the focus past the header: the next Tab lands inside the main content, on her task.
    _tab_to(page, page.get_by_role("link", name="Bỏ qua, tới nội dung chính"))
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    stop = _tab(page)
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)"), stop
    task = page.locator("main").get_by_role("link", name="Đăng ký công việc tháng 12/2026")
    expect(task).to_be_focused()  # "Việc của tôi" puts what is due first
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"{DECEMBER}$"))
    expect(page.get_by_role("heading", level=1, name="Công việc tháng 12/2026")).to_be_visible()
    page.wait_for_load_state()
    page.evaluate("window.samePageMarker = 'still here'")  # from here on, everything happens in place

    # Shift+Tab goes back the way it came: from "Thêm nội dung" back to the month chips, and forward again.
    add = page.get_by_role("link", name="Thêm nội dung")
    _tab_to(page, add)
    page.keyboard.press("Shift+Tab")
    assert _focus(page)["indicator"]
    expect(add).not_to_be_focused()
    page.keyboard.press("Tab")
    expect(add).to_be_focused()

    # A new row opens with the cursor in its first field; every field of the row has a name.
    with page.expect_response(lambda r: urlsplit(r.url).path == f"{DECEMBER}/items/new"):
        page.keyboard.press("Enter")
    row = page.locator("tr#item-new")
    expect(row).to_have_class(re.compile(r"\bediting\b"))
    title = row.get_by_label("Công việc, sản phẩm sẽ hoàn thành")
    expect(title).to_be_focused()
    _fields_have_names(row)
    page.keyboard.type(TITLE)
    _tab_to(page, row.get_by_label("Tiêu chí đo, số lượng"))
    page.keyboard.type(MEASURE)
    _tab_to(page, row.get_by_label("Thời hạn"))
    page.keyboard.type(DEADLINE)
    points = row.get_by_label("Điểm dự kiến")
    _tab_to(page, points)
    page.keyboard.type(TOO_MANY_POINTS)

    # Save with Enter on the button: refused, and the cursor is back on the wrong field, the message tied to it.
    save = row.get_by_role("button", name="Lưu")
    _tab_to(page, save)
    watch.allow_status(422)
    with page.expect_response(lambda r: r.request.method == "POST" and urlsplit(r.url).path == f"{DECEMBER}/items") \
            as refused:
        page.keyboard.press("Enter")
    assert refused.value.status == 422
    expect(points).to_be_focused()
    expect(points).to_have_attribute("aria-invalid", "true")
    expect(points).to_have_accessible_description(f"Điểm từ 0 đến {TASK_POINTS:f}.")
    expect(row.get_by_label("Công việc, sản phẩm sẽ hoàn thành")).to_have_value(TITLE)  # nothing typed is lost
    _fields_have_names(row)
    screenshot(page, "keyboard-journey-invalid-points")

    # Correct it (select what is there with the keyboard, type over it) and save with Space this time.
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(POINTS)
    _tab_to(page, save)
    with page.expect_response(lambda r: r.request.method == "POST" and urlsplit(r.url).path == f"{DECEMBER}/items") \
            as saved:
        page.keyboard.press("Space")
    assert saved.value.status == 200
    expect(page.locator("tr#item-new")).to_have_count(0)
    expect(page.locator("#flash")).to_contain_text("Đã thêm nội dung công việc.")
    added = page.locator("#item-rows tr", has_text=TITLE)
    expect(added).to_have_class(re.compile(r"\bjust-saved\b"))
    expect(added).to_contain_text(MEASURE)
    expect(added).to_contain_text(DEADLINE)
    expect(added.locator("td").nth(4)).to_have_text(POINTS)
    # The keyboard user stays on the row just saved, not thrown back to the top of the page.
    assert page.evaluate("() => document.activeElement.closest('tr') !== null "
                         "&& document.activeElement.closest('tr').classList.contains('just-saved')")
    assert _focus(page)["indicator"]
    assert page.evaluate("window.samePageMarker") == "still here"
    screenshot(page, "keyboard-journey-saved")


# --- Steps ----------------------------------------------------------------------------------------------------

def _focus(page: Page) -> dict:
    return page.evaluate(_FOCUS)


def _tab(page: Page) -> dict:
    """Press Tab; the element that gets the focus must show it (and be on screen), and a field must be named."""
    page.keyboard.press("Tab")
    stop = _focus(page)
    assert stop is not None, f"Tab left the page on {page.url}"
    assert stop["indicator"], f"no visible focus indicator on {stop} at {page.url}"
    assert stop["onScreen"], f"the focused element is off screen: {stop} at {page.url}"
    if stop["field"]:
        expect(page.locator("*:focus")).to_have_accessible_name(re.compile(r"\w"))
    return stop


def _tab_to(page: Page, target: Locator) -> None:
    """Tab until `target` has the focus, checking every stop on the way."""
    expect(target).to_be_visible()
    passed = []
    for _ in range(MAX_TABS):
        if target.evaluate("el => el === document.activeElement"):
            return
        stop = _tab(page)
        passed.append(f"{stop['tag']}#{stop['id']} {stop['text']!r}")
    raise AssertionError(f"{MAX_TABS} Tab presses did not reach {target} on {page.url}; passed:\n  "
                         + "\n  ".join(passed))


def _fields_have_names(scope: Locator) -> None:
    fields = scope.locator("input:not([type=hidden]), select, textarea")
    assert fields.count() > 0
    for field in fields.all():
        expect(field).to_have_accessible_name(re.compile(r"\w"))
