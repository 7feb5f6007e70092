"""The foundation's journeys in a real browser: the admin keeps the people list inline, staff see their own
page and nothing more, and the same list works with JavaScript turned off."""

from __future__ import annotations

import re
import unicodedata

import pytest
from playwright.sync_api import Page, Response, expect

# The demo unit's given names in Vietnamese dictionary order (a ă â b … đ … ơ … ư … y; tones break ties),
# with the person the admin adds ("Bảo") in their place. A code-point sort would put Ánh, Ân, Đức, Ơn and
# Ưng at the end.
GIVEN_NAMES_IN_ORDER = ["An", "Anh", "Ánh", "Ân", "Bảo", "Bình", "Dũng", "Đức", "Hải", "Hằng", "Huy", "Khôi", "Lan",
                        "Mai", "Ngọc", "Ơn", "Phúc", "Thắng", "Trang", "Ưng", "Yến"]
EDITING = re.compile(r"\bediting\b")

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1366, "height": 768},
             "projector": {"width": 1920, "height": 1080}}


def _people_post(response: Response) -> bool:
    return response.request.method == "POST" and response.url.split("?")[0].endswith("/admin/people")


def _given_names(page: Page) -> list[str]:
    return page.locator("#people-rows td.given-name").all_inner_texts()


def _active_count(page: Page) -> int:
    return int(page.locator("#people-table .table-count").inner_text().split()[0])


def test_admin_adds_a_person_inline_meets_errors_edits_and_signs_out(page: Page, log_in, log_out, watch,
                                                                     screenshot):
    log_in("admin")
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Quản trị").click()
    expect(page).to_have_url(re.compile(r"/admin/people$"))
    expect(page.get_by_role("heading", level=1, name="Cán bộ")).to_be_visible()
    count_before = _active_count(page)

    # From here to "Đăng xuất" everything happens in place: no navigation, the window keeps its state.
    page.evaluate("window.samePageMarker = 'still here'")
    navigations: list[str] = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)

    # Add a person in the inline row.
    with page.expect_response(lambda r: "/admin/people/new" in r.url) as opened:
        page.get_by_role("link", name="Thêm người").click()
    assert opened.value.status == 200
    new_row = page.locator("tr#person-new")
    expect(new_row).to_have_class(EDITING)
    expect(new_row.get_by_label("Mã cán bộ")).to_be_focused()
    new_row.get_by_label("Họ", exact=True).fill("Nguyễn")
    new_row.get_by_label("Tên đệm", exact=True).fill("Gia")
    # Typed decomposed (as some keyboards send it): the server must store and sort the composed form.
    new_row.get_by_label("Tên", exact=True).fill(unicodedata.normalize("NFD", "Bảo"))
    new_row.get_by_label("Giới tính").select_option(label="Nam")
    new_row.get_by_label("Chức vụ").select_option(label="Chuyên viên")
    new_row.get_by_label("Phòng", exact=True).select_option(label="Văn phòng")
    new_row.get_by_label("Làm việc từ").fill("02/01/2025")
    new_row.get_by_label("Tên đăng nhập").fill("bao.ng")
    # A row fetched by htmx carries no hidden csrf_token (that field is for the no-JavaScript page): the header that
    # <body hx-headers> adds carries the token alone.
    expect(page.locator("#person-form-new ~ input[name=csrf_token]")).to_have_count(0)
    with page.expect_response(_people_post) as saved:
        new_row.get_by_role("button", name="Lưu").click()
    request = saved.value.request
    assert saved.value.status == 200
    assert request.headers.get("hx-request") == "true"
    assert request.headers.get("x-csrftoken") == page.locator("meta[name=csrf-token]").get_attribute("content")
    assert "csrf_token" not in (request.post_data or "")

    expect(page.locator("tr#person-new")).to_have_count(0)
    saved_row = page.locator("#people-rows tr.just-saved")
    expect(saved_row).to_have_count(1)
    expect(saved_row.locator("td.given-name")).to_have_text("Bảo")
    expect(saved_row).to_contain_text("bao.ng")
    expect(saved_row).to_contain_text("Văn phòng")
    given_names = _given_names(page)
    assert unicodedata.normalize("NFC", "Bảo") in given_names
    assert [name for name in given_names if name in GIVEN_NAMES_IN_ORDER] == GIVEN_NAMES_IN_ORDER
    assert given_names.index("Ân") < given_names.index("Bảo") < given_names.index("Bình")
    assert _active_count(page) == count_before + 1
    flash = page.locator("#flash")
    expect(flash).to_contain_text("Đã thêm Nguyễn Gia Bảo.")
    expect(flash.locator(".flash--secret")).to_contain_text(
        "Mật khẩu tạm thời của Nguyễn Gia Bảo (tên đăng nhập bao.ng): ")
    expect(flash.locator(".flash--secret")).to_contain_text("Mật khẩu này chỉ hiện một lần.")
    screenshot(page, "people-after-add-1366")

    # An invalid row: no given name, left before starting. The 422 comes back into the same row.
    with page.expect_response(lambda r: "/admin/people/new" in r.url):
        page.get_by_role("link", name="Thêm người").click()
    expect(new_row).to_have_class(EDITING)
    expect(new_row.get_by_label("Mã cán bộ")).to_be_focused()  # settled: typing now goes where it is aimed
    new_row.get_by_label("Họ", exact=True).fill("Trần")
    new_row.get_by_label("Làm việc từ").fill("01/03/2024")
    new_row.get_by_label("Làm việc đến").fill("01/02/2024")
    watch.allow_status(422)
    with page.expect_response(_people_post) as rejected:
        new_row.get_by_role("button", name="Lưu").click()
    assert rejected.value.status == 422
    expect(new_row).to_have_class(EDITING)
    expect(new_row.get_by_text("Hãy nhập tên.", exact=True)).to_be_visible()
    expect(new_row.get_by_text("Ngày nghỉ việc không được trước ngày bắt đầu làm việc.")).to_be_visible()
    given = new_row.get_by_label("Tên", exact=True)
    expect(given).to_have_attribute("aria-invalid", "true")
    expect(given).to_be_focused()
    expect(new_row.get_by_label("Làm việc đến")).to_have_attribute("aria-invalid", "true")
    expect(new_row.get_by_label("Họ", exact=True)).to_have_value("Trần")
    expect(new_row.get_by_label("Làm việc từ")).to_have_value("01/03/2024")
    _no_sideways_page_scroll(page)  # the messages fit in the row without widening the page
    screenshot(page, "people-invalid-row-1366")
    with page.expect_response(lambda r: r.request.method == "GET" and r.url.endswith("/admin/people?sort=name")):
        new_row.get_by_role("link", name="Hủy").click()
    expect(new_row).to_have_count(0)
    assert _active_count(page) == count_before + 1

    # Edit someone in place, change a field, think better of it.
    row_id = page.get_by_role("row").filter(has=page.get_by_role("cell", name="Ân", exact=True)).get_attribute("id")
    row = page.locator(f"tr#{row_id}")
    person_url = f"/admin/people/{row_id.removeprefix('person-')}"
    with page.expect_response(lambda r: r.url.split("?")[0].endswith(f"{person_url}/edit")):
        row.get_by_role("link", name="Sửa Hoàng Văn Ân").click()
    expect(row).to_have_class(EDITING)
    expect(row.get_by_label("Tên", exact=True)).to_have_value("Ân")
    expect(row.get_by_label("Tên đăng nhập")).to_have_value("an.hv")
    expect(row.get_by_label("Mã cán bộ")).to_be_focused()
    row.get_by_label("Tên", exact=True).fill("Ấn")
    with page.expect_response(lambda r: r.url.split("?")[0].endswith(f"{person_url}/row")):
        row.get_by_role("link", name="Hủy").click()
    expect(row).not_to_have_class(EDITING)
    expect(row.locator("td.given-name")).to_have_text("Ân")
    expect(row.get_by_role("link", name="Sửa Hoàng Văn Ân")).to_be_visible()

    assert page.evaluate("window.samePageMarker") == "still here"
    assert navigations == []

    log_out()
    expect(page.locator("#flash")).to_contain_text("Bạn đã đăng xuất.")


def test_staff_member_sees_their_own_page_and_is_refused_administration(page: Page, log_in, watch, screenshot):
    log_in("an.pm")
    expect(page.get_by_role("heading", level=2, name="Phan Minh An")).to_be_visible()
    expect(page.locator(".facts dt", has_text="Người đánh giá tôi").locator("+ dd")).to_contain_text("Trịnh Văn Đức")
    expect(page.locator(".site-header")).to_contain_text("Phan Minh An · Cán bộ")
    navigation = page.get_by_role("navigation", name="Điều hướng chính")
    expect(navigation.get_by_role("link", name="Việc của tôi")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("link", name="Quản trị")).to_have_count(0)
    screenshot(page, "home-staff-1366")

    watch.allow_status(403)
    response = page.goto("/admin/people")
    assert response is not None and response.status == 403
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bạn không có quyền thực hiện thao tác này.")
    expect(page.get_by_role("link", name="Về trang Việc của tôi")).to_be_visible()
    expect(page.locator("#people-table")).to_have_count(0)


@pytest.mark.browser_context(java_script_enabled=False)
def test_admin_adds_a_person_without_javascript(page: Page, log_in):
    log_in("admin")
    page.goto("/admin/people")
    page.get_by_role("link", name="Thêm người").click()
    expect(page).to_have_url(re.compile(r"/admin/people/new\?sort=name$"))
    expect(page.get_by_role("heading", level=1, name="Cán bộ")).to_be_visible()
    people_tab = page.get_by_role("navigation", name="Quản trị").get_by_role("link", name="Cán bộ")
    expect(people_tab).to_have_attribute("aria-current", "page")
    new_row = page.locator("tr#person-new")
    expect(new_row).to_have_class(EDITING)
    new_row.get_by_label("Họ", exact=True).fill("Lê")
    new_row.get_by_label("Tên đệm", exact=True).fill("Thị")
    new_row.get_by_label("Tên", exact=True).fill("Cúc")
    new_row.get_by_label("Giới tính").select_option(label="Nữ")
    new_row.get_by_label("Chức vụ").select_option(label="Nhân viên")
    new_row.get_by_label("Phòng", exact=True).select_option(label="Phòng Tổng hợp – Truyền thông")
    new_row.get_by_label("Tên đăng nhập").fill("cuc.lt")
    with page.expect_response(_people_post) as saved:
        new_row.get_by_role("button", name="Lưu").click()
    assert saved.value.status == 200
    assert "hx-request" not in saved.value.request.headers  # a plain form post, the page reloaded

    expect(page.locator("tr#person-new")).to_have_count(0)
    expect(people_tab).to_have_attribute("aria-current", "page")
    expect(page.locator("#people-rows tr.just-saved td.given-name")).to_have_text("Cúc")
    given_names = _given_names(page)
    assert given_names.index("Bình") < given_names.index("Cúc") < given_names.index("Dũng")
    expect(page.locator("#flash")).to_contain_text("Đã thêm Lê Thị Cúc.")
    expect(page.locator("#flash .flash--secret")).to_contain_text(
        "Mật khẩu tạm thời của Lê Thị Cúc (tên đăng nhập cuc.lt): ")


@pytest.mark.parametrize("width", VIEWPORTS)
def test_layout_at_phone_laptop_and_projector_widths(page: Page, log_in, log_out, screenshot, width):
    """The screenshots are for a person to look at; the checks are what breaks first on a small or big screen."""
    viewport = VIEWPORTS[width]
    page.set_viewport_size(viewport)
    log_in("admin")
    _no_sideways_page_scroll(page)
    screenshot(page, f"home-admin-{width}")

    page.goto("/admin/people")
    rows = page.locator("#people-rows tr")
    expect(rows.first).to_be_visible()
    _no_sideways_page_scroll(page)
    table = page.locator("#people-table")
    if width == "phone":
        # Too wide for a phone: the table scrolls inside its frame, the page does not; one line per person.
        assert table.evaluate("frame => frame.scrollWidth > frame.clientWidth")
        assert rows.first.evaluate("row => row.getBoundingClientRect().height") < 48
    else:
        assert table.evaluate("frame => frame.scrollWidth <= frame.clientWidth")
    if width == "projector":
        # The whole demo unit (20 people) on one meeting-room screen, without scrolling.
        assert rows.nth(19).evaluate("row => row.getBoundingClientRect().bottom") <= viewport["height"]
    screenshot(page, f"people-{width}")
    if width == "laptop":
        # Scrolled down the list, the column headings stay at the top of the window.
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        assert page.evaluate("window.scrollY") > 300
        heading = table.get_by_role("columnheader", name="Tên", exact=True)
        expect(heading).to_be_in_viewport()
        assert abs(heading.evaluate("th => th.getBoundingClientRect().top")) < 1
        page.evaluate("window.scrollTo(0, 0)")
    if width != "phone":
        # A whole edit row, Lưu included, fits beside the list without the page scrolling sideways.
        page.get_by_role("link", name="Thêm người").click()
        new_row = page.locator("tr#person-new")
        expect(new_row).to_have_class(EDITING)
        expect(new_row.get_by_role("button", name="Lưu")).to_be_in_viewport()
        _no_sideways_page_scroll(page)
        screenshot(page, f"people-new-row-{width}")

    log_out()
    log_in("duc.tv")
    _no_sideways_page_scroll(page)
    screenshot(page, f"home-head-{width}")


def _no_sideways_page_scroll(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"
