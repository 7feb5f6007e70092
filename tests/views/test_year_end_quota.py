"""The Hoàn thành xuất sắc quota: two people reach it where the rulebook allows one; the board's leaders keep one
and rate the other Hoàn thành tốt with a reason. Too many kept or a missing reason is refused at the fields (422);
a decision saved by someone else meanwhile is a 409 that keeps the input; the titles then follow the decided level.
"""

from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.models import AnnualDecision, AuditEvent, Year
from tests import factories
from tests.views.conftest import HX, login
from tests.views.test_year_end_pages import CLOSED, NAMES, document, people_rows, text, unit_year, write_month


def quota_rows(page: str) -> list[str]:
    table = document(page).find_class("ye-quota-table")[0]
    return [text(row.find("th")) for row in table.iter("tr") if row.find("th") is not None and row.findall("td")]


def decisions() -> dict[int, tuple[str, str, int | None]]:
    return {d.person_id: (d.level, d.note, d.decided_by_id) for d in db.session.scalars(select(AnnualDecision))}


def test_the_leaders_see_who_reached_it_highest_score_first(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "leader")
    page = client.get("/year-end/2026/quota").get_data(as_text=True)
    assert quota_rows(page) == [NAMES["chief"], NAMES["leader"]]
    figures = text(document(page).find_class("ye-quota")[0])
    assert "Đạt Hoàn thành xuất sắc: 2 người / tối đa 1 người theo tỷ lệ 20%" in figures
    assert "Còn vượt 1 người." in figures


def test_keeping_more_than_the_quota_is_refused_with_the_numbers(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "chief")
    response = client.post("/year-end/2026/quota", headers=HX, data={
        "version": "", f"choice_{org.chief}": "htxs", f"choice_{org.leader}": "htxs"})
    assert response.status_code == 422
    summary = text(document(response.get_data(as_text=True)).find_class("error-summary")[0])
    assert ("Theo tỷ lệ 20% chỉ có 1 chỗ Hoàn thành xuất sắc nhiệm vụ, nhưng bạn đang giữ 2 người: hãy xếp thêm 1 "
            "người Hoàn thành tốt nhiệm vụ.") in summary
    with app.app_context():
        assert decisions() == {}


def test_a_person_moved_down_needs_a_reason(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "chief")
    response = client.post("/year-end/2026/quota", data={
        "version": "", f"choice_{org.chief}": "htxs", f"choice_{org.leader}": "htt", f"note_{org.leader}": "  "})
    assert response.status_code == 422
    page = document(response.get_data(as_text=True))
    assert text(page.get_element_by_id(f"note_{org.leader}-error")) == (
        f"Hãy ghi lý do xếp {NAMES['leader']} Hoàn thành tốt nhiệm vụ.")
    empty = client.post("/year-end/2026/quota", data={})
    assert empty.status_code == 422
    assert "Hãy chọn giữ Hoàn thành xuất sắc hay xếp Hoàn thành tốt." in empty.get_data(as_text=True)
    with app.app_context():
        assert decisions() == {}


def test_the_decision_is_saved_audited_and_the_titles_follow_it(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "chief")
    reason = "Cùng đạt điểm cao; ưu tiên người chủ trì nhiều nhiệm vụ trọng tâm hơn trong năm."
    response = client.post("/year-end/2026/quota", data={
        "version": "", f"choice_{org.chief}": "htxs", f"choice_{org.leader}": "htt", f"note_{org.leader}": reason})
    assert response.status_code == 303 and response.headers["Location"].endswith("/year-end/2026/quota")
    with app.app_context():
        saved = decisions()
        assert {person: values[:2] for person, values in saved.items()} == {
            org.chief: ("htxs", ""), org.leader: ("htt", reason)}
        events = list(db.session.scalars(select(AuditEvent).where(AuditEvent.entity == "annual_decision")))
        assert len(events) == 2 and {e.action for e in events} == {"create"}
        assert any(e.reason == reason and e.after["level"] == "htt" for e in events)
    page = client.get("/year-end/2026").get_data(as_text=True)
    assert "Đã lưu quyết định năm 2026: giữ 1 người Hoàn thành xuất sắc nhiệm vụ, xếp 1 người" in page
    leader = people_rows(page)[NAMES["leader"]]
    assert leader[3] == "Hoàn thành xuất sắc nhiệm vụ" and leader[4] == "Hoàn thành tốt nhiệm vụ"
    assert "“Chiến sĩ thi đua cơ sở”" not in leader[5] and "“Lao động tiên tiến”" in leader[5]
    assert "“Chiến sĩ thi đua cơ sở”" in people_rows(page)[NAMES["chief"]][5]
    assert "Lãnh đạo đã quyết định: giữ 1 người" in text(document(page).find_class("ye-quota")[0])
    person = document(client.get(f"/year-end/2026/people/{org.leader}").get_data(as_text=True))
    result = text(person.get_element_by_id("ye-result-heading").getparent())
    assert "Mức lãnh đạo quyết định Hoàn thành tốt nhiệm vụ" in result and reason in result


def test_changing_a_decision_updates_it_and_saving_it_unchanged_writes_nothing(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "chief")
    first = {"version": "", f"choice_{org.chief}": "htxs", f"choice_{org.leader}": "htt",
             f"note_{org.leader}": "Ít nhiệm vụ trọng tâm hơn."}
    assert client.post("/year-end/2026/quota", data=first).status_code == 303
    form = document(client.get("/year-end/2026/quota").get_data(as_text=True)).forms[-1]
    assert form.fields[f"choice_{org.leader}"] == "htt"
    version = form.fields["version"]
    assert version
    assert client.post("/year-end/2026/quota", data={**first, "version": version}).status_code == 303
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AuditEvent)
                                 .where(AuditEvent.entity == "annual_decision")) == 2
    swapped = {"version": version, f"choice_{org.chief}": "htt", f"note_{org.chief}": "Nhường chỗ.",
               f"choice_{org.leader}": "htxs"}
    assert client.post("/year-end/2026/quota", data=swapped).status_code == 303
    with app.app_context():
        assert {p: v[0] for p, v in decisions().items()} == {org.chief: "htt", org.leader: "htxs"}
        updates = db.session.scalars(select(AuditEvent).where(AuditEvent.entity == "annual_decision",
                                                              AuditEvent.action == "update")).all()
        assert len(updates) == 2


def test_a_decision_saved_meanwhile_by_another_leader_is_a_409_that_keeps_the_input(app, client, org):
    with app.app_context():
        unit_year(org)
    other = app.test_client()
    login(other, "leader")
    assert other.post("/year-end/2026/quota", data={
        "version": "", f"choice_{org.chief}": "htt", f"note_{org.chief}": "Ý kiến của Phó trưởng ban.",
        f"choice_{org.leader}": "htxs"}).status_code == 303
    login(client, "chief")
    mine = {"version": "", f"choice_{org.chief}": "htxs", f"choice_{org.leader}": "htt",
            f"note_{org.leader}": "Lý do của Trưởng ban."}
    response = client.post("/year-end/2026/quota", data=mine, headers=HX)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "vừa được người khác lưu" in page and NAMES["chief"] in page and NAMES["leader"] in page
    form = document(page).forms[-1]
    assert form.fields[f"choice_{org.chief}"] == "htxs"
    assert form.fields[f"note_{org.leader}"].strip() == "Lý do của Trưởng ban."
    assert form.fields["version"]
    assert client.post("/year-end/2026/quota", data={**mine, "version": "x:y,,3"}).status_code == 409  # a forged one
    with app.app_context():
        assert decisions()[org.chief][0] == "htt"


def test_nothing_to_decide_when_the_quota_holds(app, client, org):
    with app.app_context():
        year = factories.year(2026, states=dict.fromkeys(CLOSED, "closed"))
        with factories.past_writable():
            for number in CLOSED:
                month = factories.month(year, number)
                write_month(org.chief, month, "95")
                for role in ("leader", "head", "staff", "head_b", "staff_b"):
                    write_month(getattr(org, role), month, "80")
            db.session.commit()
    login(client, "chief")
    page = client.get("/year-end/2026/quota").get_data(as_text=True)
    assert "không vượt tỷ lệ: không cần quyết định" in page and NAMES["chief"] in page
    refused = client.post("/year-end/2026/quota", data={f"choice_{org.chief}": "htxs"}, headers=HX)
    assert refused.status_code == 409
    assert "không cần quyết định" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Year.year)) == 2026 and decisions() == {}


def test_only_the_board_leaders_decide(app, client, org):
    with app.app_context():
        unit_year(org)
    for username in ("head", "staff", "admin"):
        someone = app.test_client()
        login(someone, username)
        assert someone.get("/year-end/2026/quota").status_code == 403
        assert someone.post("/year-end/2026/quota", data={f"choice_{org.chief}": "htt"}).status_code == 403
    with app.app_context():
        assert decisions() == {}


def test_at_the_year_end_the_leaders_are_asked_to_decide(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "chief")
    assert "Quyết định người giữ Hoàn thành xuất sắc" not in client.get("/").get_data(as_text=True)  # in November
    with app.app_context():
        year = db.session.scalar(select(Year))
        with factories.past_writable():
            factories.month(year, 12).state = "review"
            db.session.commit()
    home = client.get("/").get_data(as_text=True)
    assert "Quyết định người giữ Hoàn thành xuất sắc nhiệm vụ năm 2026: vượt tỷ lệ 1 người" in home
    assert 'href="/year-end/2026/quota"' in home
    staff = app.test_client()
    login(staff, "staff")
    assert "Quyết định người giữ Hoàn thành xuất sắc" not in staff.get("/").get_data(as_text=True)
    assert client.post("/year-end/2026/quota", data={
        "version": "", f"choice_{org.chief}": "htxs", f"choice_{org.leader}": "htt",
        f"note_{org.leader}": "Theo tỷ lệ."}).status_code == 303
    assert "Quyết định người giữ Hoàn thành xuất sắc" not in client.get("/").get_data(as_text=True)


def test_a_person_disciplined_after_the_decision_no_longer_keeps_hoan_thanh_xuat_sac(app, client, org):
    """The leaders kept Phạm Quang Huy at Hoàn thành xuất sắc; a khiển trách dated in the year then makes his level
    Không hoàn thành nhiệm vụ whatever was decided (the assessment judges his titles so): the quota must not count
    him among those who keep it."""
    from datetime import date

    from app.models import Discipline

    with app.app_context():
        unit_year(org)
    login(client, "chief")
    assert client.post("/year-end/2026/quota", data={
        "version": "", f"choice_{org.chief}": "htxs", f"choice_{org.leader}": "htt",
        f"note_{org.leader}": "Theo tỷ lệ."}).status_code == 303
    with app.app_context():
        db.session.add(Discipline(person_id=org.chief, form="khien_trach", decision_number="3/QĐ-UBND",
                                  decided_on=date(2026, 11, 20), ends_on=date(2027, 5, 20)))
        db.session.commit()
    figures = text(document(client.get("/year-end/2026/quota").get_data(as_text=True)).find_class("ye-quota")[0])
    assert "Sau quyết định của lãnh đạo: 0 người giữ Hoàn thành xuất sắc." in figures
    chief = people_rows(client.get("/year-end/2026").get_data(as_text=True))[NAMES["chief"]]
    assert chief[3] == "Không hoàn thành nhiệm vụ" and "“Chiến sĩ thi đua cơ sở”" not in chief[5]
