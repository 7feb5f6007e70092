"""The what-if on a person's year: change months on screen and see the annual score, the level, each title and the
unit's titles before → after — with nothing written to the database."""

from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.models import AnnualDecision, AuditEvent, MonthlyReview
from tests import factories
from tests.views.conftest import HX, login
from tests.views.test_year_end_pages import CLOSED, document, text, unit_year


def whatif_query(person_scores: dict[int, str], **overrides) -> dict[str, str]:
    """The what-if form as the page fills it (months 1–10 worked with their scores, 11–12 not reviewed), with
    `overrides` on top."""
    data = {"run": "1"}
    for number in range(1, 13):
        if number in CLOSED:
            data[f"status_{number}"] = "worked"
            data[f"score_{number}"] = person_scores.get(number, "")
        else:
            data[f"status_{number}"] = "absent"
    data.update(overrides)
    return data


def row_counts() -> tuple[int, ...]:
    return tuple(db.session.scalar(select(func.count()).select_from(model))
                 for model in (MonthlyReview, AnnualDecision, AuditEvent))


def changes(page: str, css_class: str) -> dict[str, str]:
    table = document(page).find_class(css_class)[0]
    return {text(row.find("th")): " ".join(text(cell) for cell in row.findall("td"))
            for row in table.iter("tr") if row.find("th") is not None and row.findall("td")}


def test_raising_a_persons_months_shows_the_new_level_and_titles_and_saves_nothing(app, client, org):
    with app.app_context():
        unit_year(org)
        before = row_counts()
    login(client, "leader")
    scores = dict.fromkeys(CLOSED, "72")
    query = whatif_query(scores, **{f"score_{n}": "96" for n in range(1, 11)})
    response = client.get(f"/year-end/2026/people/{org.staff_b}/what-if", query_string=query, headers=HX)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<html" not in page and 'id="whatif"' in page
    assert "Chưa có gì được lưu." in page
    person = changes(page, "ye-whatif__changes")
    assert person["Điểm năm"].startswith("72 → 96")
    assert "Hoàn thành tốt nhiệm vụ → Hoàn thành xuất sắc nhiệm vụ" in person["Mức xếp loại năm"]
    titles = changes(page, "ye-whatif__titles")
    assert titles["“Chiến sĩ thi đua cơ sở”"].startswith("Chưa đủ điều kiện → Đủ điều kiện")
    assert "Điều 23" in titles["“Chiến sĩ thi đua cơ sở”"]
    assert "(không đổi)" in titles["“Lao động tiên tiến”"]
    quota = changes(page, "ye-whatif__unit")
    assert quota["Số người đạt Hoàn thành xuất sắc"].startswith("2 → 3")
    with app.app_context():
        assert row_counts() == before
    # the real year is untouched
    real = client.get(f"/year-end/2026/people/{org.staff_b}").get_data(as_text=True)
    assert "Chưa đủ điều kiện" in text(document(real).get_element_by_id("ye-title-cstdcs"))


def test_a_month_at_kht_costs_the_unit_its_excellent_title(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "chief")
    query = whatif_query(dict.fromkeys(CLOSED, "85"), **{f"score_{n}": "40" for n in range(1, 11)})
    page = client.get(f"/year-end/2026/people/{org.head}/what-if", query_string=query).get_data(as_text=True)
    assert "<html" in page  # without htmx: the whole person page, the comparison in place
    unit = changes(page, "ye-whatif__unit")
    assert unit["“Tập thể lao động xuất sắc”"].startswith("Đủ điều kiện → Chưa đủ điều kiện")
    assert "Điều 27" in unit["“Tập thể lao động xuất sắc”"]
    months = text(document(page).find_class("ye-whatif__result")[0])
    assert "01: 85 — Hoàn thành tốt nhiệm vụ → 40 — Không hoàn thành nhiệm vụ" in months


def test_leave_and_months_not_reviewed_change_the_months_worked(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "leader")
    sick = {f"status_{n}": "sick" for n in range(1, 6)}
    query = whatif_query(dict.fromkeys(CLOSED, "75"), **sick)
    page = client.get(f"/year-end/2026/people/{org.head_b}/what-if", query_string=query).get_data(as_text=True)
    person = changes(page, "ye-whatif__changes")
    assert person["Số tháng làm việc được tính"].startswith("10 → 5")
    assert person["Được xếp loại năm"].startswith("Có → Không")
    assert changes(page, "ye-whatif__titles")["“Lao động tiên tiến”"].startswith("Đủ điều kiện → Chưa đủ điều kiện")


def test_a_staff_member_tries_their_own_year_without_the_units_part(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "staff_b")
    query = whatif_query(dict.fromkeys(CLOSED, "72"), score_1="100")
    page = client.get(f"/year-end/2026/people/{org.staff_b}/what-if", query_string=query,
                      headers=HX).get_data(as_text=True)
    assert changes(page, "ye-whatif__changes")["Điểm năm"].startswith("72 → 74,8")
    assert not document(page).find_class("ye-whatif__unit")


def test_bad_scores_are_refused_at_their_month(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "leader")
    query = whatif_query(dict.fromkeys(CLOSED, "72"), score_2="101", score_3="8,55", score_4="")
    response = client.get(f"/year-end/2026/people/{org.staff_b}/what-if", query_string=query, headers=HX)
    assert response.status_code == 422
    page = document(response.get_data(as_text=True))
    errors = {element.get("id"): text(element) for element in page.find_class("field__error")}
    assert errors["score_2-error"] == "Điểm từ 0 đến 100."
    assert errors["score_3-error"] == "Chỉ ghi tối đa một chữ số thập phân, ví dụ 9,5."
    assert "Hãy nhập điểm của tháng này" in errors["score_4-error"]
    assert not page.find_class("ye-whatif__result")


def test_the_person_page_starts_the_form_with_the_real_months(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "leader")
    page = document(client.get(f"/year-end/2026/people/{org.staff}").get_data(as_text=True))
    form = page.get_element_by_id("whatif").find(".//form")
    assert form.get("method") == "get" and form.get("hx-get") == f"/year-end/2026/people/{org.staff}/what-if"
    assert form.fields["status_3"] == "maternity" and form.fields["score_2"] == "80"
    assert form.fields["status_11"] == "absent"


def test_a_levels_only_year_is_tried_with_levels(app, client, org):
    """2025 under vn-2024: no scores; the annual level is the most common monthly level."""
    with app.app_context():
        year = factories.year(2025, states=dict.fromkeys(range(1, 13), "closed"))
        with factories.past_writable():
            for number in range(1, 13):
                db.session.add(MonthlyReview(person_id=org.staff_b, month_id=factories.month(year, number).id,
                                             self_general={}, review_state="approved",
                                             review_level="htxs" if number <= 5 else "htt"))
            db.session.commit()
    login(client, "chief")
    page = client.get(f"/year-end/2025/people/{org.staff_b}").get_data(as_text=True)
    form = document(page).get_element_by_id("whatif").find(".//form")
    assert form.fields["level_1"] == "htxs" and "score_1" not in form.fields
    query = {"run": "1", **{f"status_{n}": "worked" for n in range(1, 13)},
             **{f"level_{n}": "htxs" if n <= 8 else "htt" for n in range(1, 13)}}
    page = client.get(f"/year-end/2025/people/{org.staff_b}/what-if", query_string=query,
                      headers=HX).get_data(as_text=True)
    person = changes(page, "ye-whatif__changes")
    assert "Điểm năm" not in person
    assert person["Mức xếp loại năm"].startswith("Hoàn thành tốt nhiệm vụ → Hoàn thành xuất sắc nhiệm vụ")
    missing = client.get(f"/year-end/2025/people/{org.staff_b}/what-if", headers=HX,
                         query_string={**query, "level_3": ""})
    assert missing.status_code == 422
    assert "Hãy chọn mức xếp loại của tháng này" in missing.get_data(as_text=True)
