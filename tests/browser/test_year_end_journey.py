"""The year end in a real browser: the Trưởng ban, Phạm Quang Huy (huy.pq), opens the year end of the demo year 2026,
sees a person's eligibility with the reasons and their articles, tries a what-if (nothing saved), resolves the
Hoàn thành xuất sắc overflow (keeping too many is refused first), records the bình xét vote, and downloads the
unit's report, which opens again as a Word document.

The demo holds August to October from the app; the months before (January to July, reviewed on paper) come from
app/year_end/demo.py. This journey writes decisions and a meeting, so it runs against a demo server of its own.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from app import demo, month_lock
from app.extensions import db
from app.models import AnnualDecision, Meeting, MeetingVote, Person, Year
from app.year_end import demo as year_end_demo
from tests.browser.conftest import LiveServer, serve_demo

LEADER = "huy.pq"
YEAR = 2026
REASON = "Tỷ lệ Hoàn thành xuất sắc nhiệm vụ có hạn; Hội đồng ưu tiên người có điểm năm cao hơn."


@pytest.fixture(scope="module")
def live_server(tmp_path_factory) -> Iterator[LiveServer]:
    with serve_demo(tmp_path_factory.mktemp("year-end-journey")) as server:
        if "app.year_end.demo" not in demo.AREA_SEEDS:  # the months before August, as the year-end demo adds them
            with server.app.app_context(), month_lock.unlocked(db.session, "demo"):
                people = list(db.session.scalars(select(Person).order_by(Person.id)))
                year_end_demo.seed(people, db.session.scalar(select(Year).where(Year.year == YEAR)),
                                   demo.DEMO_TODAY, random.Random(YEAR))  # noqa: S311  (the invented demo)
                db.session.commit()
        yield server


def test_a_leader_takes_the_year_to_its_end(page: Page, live_server: LiveServer, log_in, watch, screenshot):
    log_in(LEADER)
    page.goto(f"/year-end/{YEAR}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Tổng kết thi đua năm {YEAR}")
    quota = page.locator(".ye-quota")
    expect(quota).to_contain_text("Vượt tỷ lệ")
    figures = re.search(r"Đạt Hoàn thành xuất sắc: (\d+) người / tối đa (\d+) người",
                        quota.locator(".ye-quota__figures").inner_text())
    reached, allowed = int(figures.group(1)), int(figures.group(2))
    assert reached > allowed
    expect(page.locator(".ye-unit")).to_contain_text("“Tập thể lao động tiên tiến”")
    screenshot(page, "year-end-index")

    # A person's year: every title with its reasons, each citing its article.
    page.locator(".ye-people").get_by_role("link", name="Cao Thị Hằng", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Năm {YEAR}: Cao Thị Hằng")
    ldtt = page.locator("#ye-title-ldtt")
    expect(ldtt).to_contain_text("Đủ điều kiện")
    expect(ldtt.locator("cite").filter(has_text="Luật Thi đua, khen thưởng 2022, Điều 24")).not_to_have_count(0)
    expect(page.locator("#ye-title-bang_khen_tp cite").filter(has_text="Điều 74")).not_to_have_count(0)
    expect(page.locator("#ye-title-cstd_tp")).to_contain_text("Chưa đủ điều kiện")
    screenshot(page, "year-end-person")

    # Someone at Hoàn thành tốt with “Lao động tiên tiến” but not “Chiến sĩ thi đua cơ sở”: what if all their months
    # had been excellent? The level and “Chiến sĩ thi đua cơ sở” change; nothing is saved.
    page.goto(f"/year-end/{YEAR}")
    candidate = page.locator(".ye-people tbody tr").filter(has_text="Hoàn thành tốt nhiệm vụ").filter(
        has_text="“Lao động tiên tiến”").filter(has_not_text="“Chiến sĩ thi đua cơ sở”").first
    candidate.get_by_role("link").click()
    whatif = page.locator("#whatif")
    expect(whatif.locator("#ye-title-cstdcs")).to_have_count(0)
    expect(page.locator("#ye-title-cstdcs")).to_contain_text("Chưa đủ điều kiện")
    page.evaluate("window.__sameDocument = true")
    for number in range(1, 11):
        status = whatif.get_by_label(f"Tháng {number:02d}", exact=True)
        if status.input_value() == "worked":
            whatif.get_by_label(f"Điểm tháng {number:02d}", exact=True).fill("99")
    whatif.get_by_role("button", name="Xem kết quả").click()
    result = page.locator(".ye-whatif__result")
    expect(result).to_contain_text("Chưa có gì được lưu.")
    expect(result.locator(".ye-whatif__changes")).to_contain_text(
        "Hoàn thành tốt nhiệm vụ → Hoàn thành xuất sắc nhiệm vụ")
    cstdcs = result.locator(".ye-whatif__titles tr").filter(has_text="“Chiến sĩ thi đua cơ sở”")
    expect(cstdcs).to_contain_text("Chưa đủ điều kiện → Đủ điều kiện")
    assert page.evaluate("window.__sameDocument === true"), "the what-if reloaded the page"
    screenshot(page, "year-end-whatif")
    page.reload()
    expect(page.locator("#ye-title-cstdcs")).to_contain_text("Chưa đủ điều kiện")  # the real year is untouched

    # The quota: keeping one too many is refused with the numbers; then the leaders keep the highest scores.
    page.goto(f"/year-end/{YEAR}/quota")
    rows = page.locator(".ye-quota-table tbody tr")
    expect(rows).to_have_count(reached)
    for index in range(reached):
        row = rows.nth(index)
        if index <= allowed:  # one more than allowed
            row.get_by_label("Giữ Hoàn thành xuất sắc", exact=False).check()
        else:
            row.get_by_label("Xếp Hoàn thành tốt", exact=False).check()
            row.locator("textarea").fill(REASON)
    watch.allow_status(422)
    page.get_by_role("button", name="Lưu quyết định").click()
    expect(page.locator(".error-summary")).to_contain_text(
        f"chỉ có {allowed} chỗ Hoàn thành xuất sắc nhiệm vụ, nhưng bạn đang giữ {allowed + 1} người")
    moved = rows.nth(allowed)
    moved.get_by_label("Xếp Hoàn thành tốt", exact=False).check()
    moved.locator("textarea").fill(REASON)
    page.get_by_role("button", name="Lưu quyết định").click()
    expect(page.locator("#flash")).to_contain_text(
        f"giữ {allowed} người Hoàn thành xuất sắc nhiệm vụ, xếp {reached - allowed} người Hoàn thành tốt nhiệm vụ")
    page.wait_for_load_state()
    with live_server.app.app_context():
        levels = [level for (level,) in db.session.execute(select(AnnualDecision.level))]
        assert sorted(levels) == sorted(["htxs"] * allowed + ["htt"] * (reached - allowed))
    page.goto(f"/year-end/{YEAR}")
    expect(page.locator(".ye-quota")).to_contain_text(f"Lãnh đạo đã quyết định: giữ {allowed} người")
    screenshot(page, "year-end-quota-resolved")

    # The bình xét meeting: seven of the unit attend; the council votes on a “Chiến sĩ thi đua cơ sở”.
    page.goto(f"/year-end/{YEAR}/meeting")
    page.get_by_label("Ngày họp").fill("15/12/2026")
    page.get_by_label("Địa điểm").fill("Phòng họp tầng 3, trụ sở Ban")
    page.get_by_label("Thư ký").fill("Đỗ Thị Lan")
    page.get_by_label("Số thành viên Hội đồng Thi đua – Khen thưởng").fill("7")
    boxes = page.locator(".ye-attendees input[type=checkbox]")
    for index in range(7):
        boxes.nth(index).check()
    group = page.locator(".ye-votes tbody").filter(has_text="“Chiến sĩ thi đua cơ sở”").first
    candidate = group.locator("th").inner_text().strip()
    vote = group.locator("tr").filter(has_text="“Chiến sĩ thi đua cơ sở”")
    vote.get_by_label("Đồng ý", exact=False).first.fill("7")
    vote.get_by_label("Không đồng ý", exact=False).fill("0")
    vote.get_by_role("checkbox").check()
    page.get_by_role("button", name="Lưu kết quả họp").click()
    expect(page.locator("#flash")).to_contain_text(f"Đã lưu kết quả họp bình xét năm {YEAR}.")
    page.wait_for_load_state()
    expect(page.locator(".ye-votes tbody").filter(has_text=candidate).locator("tr").filter(
        has_text="“Chiến sĩ thi đua cơ sở”")).to_contain_text("100% — Đạt")
    with live_server.app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Meeting)) == 1
        assert db.session.scalar(select(MeetingVote.decided)) is True
    screenshot(page, "year-end-meeting")

    # The documents: the unit's report downloads as a Word file and opens again.
    page.goto(f"/year-end/{YEAR}")
    documents = page.locator("#ye-documents")
    expect(documents).to_contain_text("Biên bản họp bình xét")
    with page.expect_download() as downloading:
        documents.locator("li").filter(has_text="Báo cáo thành tích của tập thể").get_by_role(
            "link", name="Tải .docx").click()
    download = downloading.value
    assert download.failure() is None
    assert download.suggested_filename == f"bao-cao-thanh-tich-tap-the-{YEAR}.docx"
    report = Document(BytesIO(Path(download.path()).read_bytes()))
    text = "\n".join([paragraph.text for paragraph in report.paragraphs]
                     + [cell.text for table in report.tables for row in table.rows for cell in row.cells])
    assert "BÁO CÁO THÀNH TÍCH" in text and "“TẬP THỂ LAO ĐỘNG TIÊN TIẾN”" in text
    assert "Phạm Quang Huy" in text  # the Trưởng ban signs for the unit
