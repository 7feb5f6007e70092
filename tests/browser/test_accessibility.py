"""axe-core on every main page, for each role that sees it, including the states htmx brings in place (an open
inline editor, a row sent back with errors, a history panel) and the error pages.

Zero serious or critical WCAG 2.1 A/AA violations: a failure lists each one with its rule, impact, the selectors of
the offending elements, and the page it was found on. Moderate and minor ones do not fail the test; they are shown
as warnings in pytest's summary.

axe is evaluated in the page through the DevTools protocol (tests/browser/axe.py): the pages keep their strict
Content-Security-Policy, no `bypass_csp`.

The demo accounts: trang.dt (Đinh Thu Trang, chuyên viên), hang.ct (Cao Thị Hằng, trưởng phòng, reviews Trang),
huy.pq (Phạm Quang Huy, Trưởng ban), admin. One demo server for the module; only the last test writes (it moves
November on to review and saves nothing else), so it comes last.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from app.extensions import db
from app.models import CommitmentItem, CommitmentSheet, Initiative, Month, Person, Year
from tests.browser import axe
from tests.browser.conftest import BrowserWatch, LiveServer, serve_demo

YEAR = 2026
STAFF, HEAD, LEADER, ADMIN = "trang.dt", "hang.ct", "huy.pq", "admin"
STAFF_NAME, HEAD_NAME = "Đinh Thu Trang", "Cao Thị Hằng"
REVIEWED_IN_EDITOR = "Tạ Văn Khôi"  # one of Hằng's people who did not self-assess November


@pytest.fixture(scope="module")
def live_server(tmp_path_factory) -> Iterator[LiveServer]:
    with serve_demo(tmp_path_factory.mktemp("accessibility")) as server:
        yield server


@dataclass(frozen=True)
class Records:
    staff: int  # Trang's person id
    head: int  # Hằng's
    november_item: int  # one of Trang's November items
    submitted_initiative: int | None  # one waiting for the leaders' decision


@pytest.fixture(scope="module")
def records(live_server: LiveServer) -> Records:
    with live_server.app.app_context():
        people = {person.full_name: person.id for person in db.session.scalars(select(Person))}
        item = db.session.scalar(
            select(CommitmentItem.id).join(CommitmentSheet).join(Month).join(Year)
            .where(CommitmentSheet.person_id == people[STAFF_NAME], Year.year == YEAR, Month.number == 11)
            .order_by(CommitmentItem.id))
        initiative = db.session.scalar(select(Initiative.id).where(Initiative.status == "submitted")
                                       .order_by(Initiative.id))
    assert item is not None, "the demo must give Trang November items"
    return Records(people[STAFF_NAME], people[HEAD_NAME], item, initiative)


@dataclass
class Audit:
    """Runs axe on each page state and keeps what it found, to report it all at the end of the test."""

    page: Page
    role: str
    found: list[axe.Violation] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    def visit(self, url: str, name: str, status: int = 200) -> None:
        response = self.page.goto(url)
        assert response is not None, f"{name}: no response from {url}"
        assert response.status == status, f"{name}: {url} answered {response.status}, not {status}"
        expect(self.page.get_by_role("heading", level=1)).to_be_visible()
        self.page.wait_for_load_state()
        self.check(name)

    def check(self, name: str, include: str | None = None) -> None:
        label = f"{name} [{self.role}]"
        self.found += axe.audit(self.page, label, include)
        self.checked.append(label)

    def assert_clean(self) -> None:
        blocking = axe.blocking(self.found)
        others = [v for v in self.found if v not in blocking]
        if others:
            warnings.warn(f"axe: moderate or minor findings ({len(others)}):\n{axe.report(others)}", stacklevel=2)
        assert not blocking, (f"{len(blocking)} serious or critical accessibility violations on the "
                              f"{len(self.checked)} page states checked for {self.role}:\n{axe.report(blocking)}")


def test_signed_out_pages(page: Page, watch: BrowserWatch):
    audit = Audit(page, "signed out")
    audit.visit("/login", "login")
    watch.allow_status(422, 404)
    page.get_by_label("Tên đăng nhập", exact=True).fill(STAFF)
    page.get_by_label("Mật khẩu", exact=True).fill("not the password")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator(".error-summary, .field__error").first).to_be_visible()
    audit.check("login, wrong password")
    audit.visit("/no-such-page", "404 page", status=404)
    audit.assert_clean()


def test_a_staff_members_pages(page: Page, log_in, watch: BrowserWatch, records: Records):
    log_in(STAFF)
    audit = Audit(page, STAFF)
    audit.check("Việc của tôi")
    audit.visit("/registration/", "registration")
    audit.visit(f"/commitments/{YEAR}/12", "commitments sheet, December (open for commitments)")
    with page.expect_response(lambda r: r.url.endswith(f"/commitments/{YEAR}/12/items/new")):
        page.get_by_role("link", name="Thêm nội dung").click()
    expect(page.locator("tr#item-new")).to_be_visible()
    audit.check("commitments sheet, new item row open")
    watch.allow_status(422, 403, 404)
    page.locator("tr#item-new").get_by_role("button", name="Lưu").click()
    expect(page.locator("tr#item-new [aria-invalid=true]").first).to_be_visible()
    audit.check("commitments sheet, new item row with errors")
    audit.visit(f"/commitments/{YEAR}/11", "commitments sheet, November (with outcomes)")
    audit.visit(f"/people/history/commitment_item/{records.november_item}", "history page")
    audit.visit(f"/commitments/{YEAR}/11/self-assessment", "self-assessment")
    audit.visit("/initiatives/", "initiatives list")
    audit.visit("/initiatives/new", "initiative form")
    page.locator("#initiative-form").get_by_role("button", name="Lưu").click()
    expect(page.locator("#initiative-form [aria-invalid=true]").first).to_be_visible()
    audit.check("initiative form with errors")
    audit.visit(f"/reviews/mine/{YEAR}/10", "my review of October")
    audit.visit(f"/reviews/people/{records.staff}/shortcomings", "shortcoming ledger (own)")
    audit.visit("/years/", "years page")
    audit.visit("/account/password", "change password")
    audit.visit("/admin/people", "403 page", status=403)
    audit.visit(f"/commitments/{YEAR}/11/people/999999", "404 page (signed in)", status=404)
    audit.assert_clean()


def test_a_heads_pages(page: Page, log_in, records: Records):
    log_in(HEAD)
    audit = Audit(page, HEAD)
    audit.check("Việc của tôi (reviews others)")
    audit.visit(f"/commitments/{YEAR}/11/team", "commitments of the team")
    audit.visit(f"/commitments/{YEAR}/11/people/{records.staff}", "a person's commitments sheet")
    audit.visit(f"/reviews/{YEAR}/10", "review board, October (closed)")
    audit.visit(f"/reviews/{YEAR}/11", "review board, November (self-assessment)")
    audit.visit(f"/reviews/{YEAR}/10/people/{records.staff}", "a person's review page")
    audit.visit(f"/reviews/people/{records.staff}/shortcomings", "a person's shortcoming ledger")
    audit.visit(f"/reviews/{YEAR}/overview", "year overview heatmap")
    audit.visit("/registration/people", "registrations of the people she reviews")
    audit.visit("/people/discipline", "discipline")
    audit.assert_clean()


def test_a_leaders_pages(page: Page, log_in, records: Records):
    log_in(LEADER)
    audit = Audit(page, LEADER)
    audit.visit("/years/", "years page")
    audit.visit(f"/years/{YEAR}", "a year's months")
    audit.visit(f"/years/{YEAR}/settings", "year settings")
    with page.expect_response(lambda r: "/people/history/year/" in r.url):
        page.get_by_role("link", name="Lịch sử thay đổi").click()
    expect(page.locator(".history-slot .history")).to_be_visible()
    audit.check("year settings, history panel open")
    audit.visit(f"/year-end/{YEAR}", "year end")
    audit.visit(f"/year-end/{YEAR}/people/{records.head}", "year end, a person")
    audit.visit(f"/year-end/{YEAR}/people/{records.head}/what-if", "year end, what-if")
    page.locator("#whatif").get_by_role("button", name="Xem kết quả").click()
    expect(page.locator(".ye-whatif__result")).to_be_visible()
    audit.check("year end, what-if result")
    audit.visit(f"/year-end/{YEAR}/quota", "year end, HTXS quota")
    audit.visit(f"/year-end/{YEAR}/meeting", "year end, bình xét meeting")
    audit.visit("/registration/unit", "the unit's registration")
    audit.visit("/people/reviewers", "who reviews whom")
    audit.visit(f"/reviews/{YEAR}/overview", "year overview heatmap (whole unit)")
    if records.submitted_initiative is not None:
        audit.visit(f"/initiatives/{records.submitted_initiative}", "an initiative")
        audit.visit(f"/initiatives/{records.submitted_initiative}/decision", "an initiative's decision form")
    audit.assert_clean()


def test_the_admins_pages(page: Page, log_in, watch: BrowserWatch):
    watch.allow_status(422)  # a score out of range, refused on purpose
    log_in(ADMIN)
    audit = Audit(page, ADMIN)
    audit.visit("/admin/people", "people and accounts")
    page.locator("#people-rows tr").first.get_by_role("link", name=re.compile("^Sửa")).click()
    expect(page.locator("#people-rows tr.editing")).to_be_visible()
    audit.check("people, a row open for editing")
    audit.visit("/admin/people/new", "people, new person")
    audit.visit("/admin/departments", "departments")
    audit.visit("/admin/unit", "unit settings")
    audit.visit("/admin/people/import", "people import")
    audit.visit("/admin/year-file", "year file")
    audit.visit("/people/history/unit/1", "the unit's history")
    audit.visit(f"/reviews/{YEAR}/superior", "the superior body's results")
    page.get_by_role("link", name="Sửa tháng 10/2026").click()
    expect(page.locator("input[name=superior_ref]")).to_be_visible()
    audit.check("the superior body's results, a month open for editing")
    page.locator("input[name=score]").fill("101")
    page.locator("tr:has(input[name=superior_ref])").get_by_role("button", name=re.compile("^Lưu")).click()
    expect(page.locator(".field__error").first).to_be_visible()
    audit.check("the superior body's results, a refused score")
    audit.assert_clean()


def test_the_review_board_with_an_open_editor(page: Page, log_in, watch: BrowserWatch, records: Records):
    """Last in the module: it moves November on to review."""
    log_in(LEADER)
    page.goto(f"/years/{YEAR}")
    page.get_by_role("button", name=f"Chuyển sang đánh giá 11/{YEAR}").click()
    expect(page.get_by_role("button", name=f"Chuyển sang đánh giá 11/{YEAR}")).to_have_count(0)
    page.wait_for_load_state()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_label("Tên đăng nhập", exact=True)).to_be_visible()

    log_in(HEAD)
    audit = Audit(page, HEAD)
    audit.visit(f"/reviews/{YEAR}/11", "review board, November (review)")
    row = page.locator("tr[id^=review-row-]").filter(
        has=page.get_by_role("rowheader", name=re.compile(REVIEWED_IN_EDITOR)))
    row.get_by_role("link", name=re.compile(f"^(Đánh giá|Sửa) {REVIEWED_IN_EDITOR}$")).click()
    editor = page.locator(".review-editor")
    expect(editor).to_contain_text(REVIEWED_IN_EDITOR)
    audit.check("review board, inline editor open")
    watch.allow_status(422)
    editor.get_by_role("button", name="Lưu đánh giá").click()
    expect(editor.locator("[aria-invalid=true]").first).to_be_visible()
    audit.check("review board, inline editor with errors")
    audit.visit(f"/reviews/{YEAR}/11/people/{records.staff}", "a person's review page (review open)")
    audit.assert_clean()
