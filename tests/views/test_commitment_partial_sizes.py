"""What an item save sends back over the wire on a sheet of a realistic month (twelve items): the row alone and
the sum under the table, a few KB — not the whole table with every row's forms. A size budget, not a timing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.extensions import db
from tests import factories
from tests.views.conftest import HX, login
from tests.views.test_commitments import ITEM, items_of, make_sheet

BUDGET = 5 * 1024  # bytes of an htmx answer (issue 6)
TITLES = ("Thẩm định hồ sơ đề nghị khen thưởng đợt {n} của các phòng, ban chuyên môn",
          "Tổng hợp báo cáo kết quả phong trào thi đua tháng của đơn vị, lần {n}")


@pytest.fixture
def twelve_items(app, org):
    with app.app_context():
        factories.year(2026, states={10: "closed", 11: "commitments", 12: "not_open"})
        make_sheet(org.staff, 2026, 11, items=[
            {"title": TITLES[n % 2].format(n=n), "measure": f"{10 + n} hồ sơ, đúng quy trình và thời hạn",
             "deadline": date(2026, 11, 10 + n), "planned_points": Decimal("5.5")} for n in range(1, 13)])
        db.session.remove()


def test_saving_one_item_of_twelve_answers_with_its_row_and_the_sum_within_5_kb(client, org, twelve_items, app):
    login(client, "staff")
    item = items_of(app, org.staff)[4]
    sheet_html = client.get("/commitments/2026/11").get_data(as_text=True)
    assert sheet_html.count('name="csrf_token"') >= 12 * 2  # without JavaScript every row's forms carry the token
    saved = client.post(f"/commitments/items/{item.id}", headers=HX,
                        data={**ITEM, "deadline": "15/11/2026", "planned_points": "9", "version": "1"})
    html = saved.get_data(as_text=True)
    assert saved.status_code == 200 and len(saved.data) <= BUDGET, len(saved.data)
    # the row in place, numbered as before, the new sum (11 × 5,5 + 9 = 69,5) out-of-band, and the saved message
    assert html.lstrip().startswith(f'<tr id="item-{item.id}" class="just-saved">') and '<td class="num">5</td>' in html
    assert html.count("<tr") == 2  # its row and the sum's: no other item
    assert "<strong>69,5</strong> / 70" in html and "Đã lưu nội dung công việc." in html
    assert 'name="csrf_token"' not in html  # htmx sends it in the X-CSRFToken header
    assert items_of(app, org.staff)[4].planned_points == Decimal("9")


def test_without_javascript_a_save_still_posts_with_the_rows_token_and_redirects(client, org, twelve_items, app):
    login(client, "staff")
    item = items_of(app, org.staff)[0]
    edit_page = client.get(f"/commitments/items/{item.id}/edit").get_data(as_text=True)
    assert 'name="csrf_token" value="' in edit_page and f'form="item-form-{item.id}"' in edit_page
    saved = client.post(f"/commitments/items/{item.id}", data={**ITEM, "title": "Đổi tên", "version": "1"})
    assert saved.status_code == 303 and items_of(app, org.staff)[0].title == "Đổi tên"
