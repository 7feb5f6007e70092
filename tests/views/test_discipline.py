"""Discipline and pending cases: recorded by the board's leaders, read by the person's department head and the
person, shown with their consequence on the unit's list."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Discipline, PendingCase
from tests.views.conftest import HX, login

TODAY = date(2026, 11, 27)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("app.people.discipline_views.today", lambda: TODAY)


def _discipline(person_id, **values) -> int:
    record = Discipline(person_id=person_id, **{"form": "khien_trach", "decision_number": "5/QĐ-BTĐKT",
                                                "decided_on": date(2026, 4, 6), "ends_on": date(2026, 10, 6),
                                                **values})
    db.session.add(record)
    db.session.commit()
    return record.id


def _case(person_id, **values) -> int:
    record = PendingCase(person_id=person_id, **{"kind": "complaint", "opened_on": date(2026, 10, 12), **values})
    db.session.add(record)
    db.session.commit()
    return record.id


GOOD = {"form": "canh_cao", "decision_number": "21/QĐ-BTĐKT", "decided_on": "03/08/2026", "ends_on": "03/08/2027",
        "reason": "Vi phạm quy chế làm việc"}


def test_a_leader_records_a_discipline_and_gets_the_table_back(app, client, org):
    login(client, "leader")
    response = client.post(f"/people/{org.staff_b}/discipline", data=GOOD, headers=HX)
    assert response.status_code == 200
    assert response.headers["HX-Retarget"] == "#discipline-table"
    body = response.get_data(as_text=True)
    assert "21/QĐ-BTĐKT" in body and "Cảnh cáo" in body and "just-saved" in body
    with app.app_context():
        record = db.session.scalar(select(Discipline))
        assert (record.person_id, record.form, record.decided_on, record.ends_on) == (
            org.staff_b, "canh_cao", date(2026, 8, 3), date(2027, 8, 3))
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.entity == "discipline"))
        assert event.action == "create" and event.after["decision_number"] == "21/QĐ-BTĐKT"


def test_a_plain_form_is_redirected_to_the_persons_page(client, org):
    login(client, "admin")
    response = client.post(f"/people/{org.staff_b}/discipline", data=GOOD)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/people/{org.staff_b}/discipline")
    page = client.get(f"/people/{org.staff_b}/discipline").get_data(as_text=True)
    assert "xếp loại Không hoàn thành nhiệm vụ (Nghị định 335/2025/NĐ-CP, Điều 20)" in page


@pytest.mark.parametrize(("change", "message"), [
    ({"ends_on": "02/08/2026"}, "Ngày hết thời hạn kỷ luật không được trước ngày quyết định."),
    ({"decided_on": "31/02/2026"}, "Ngày không hợp lệ"),
    ({"decided_on": ""}, "Hãy nhập ngày quyết định."),
    ({"decision_number": "  "}, "Hãy nhập số quyết định kỷ luật."),
    ({"form": "nhac_nho"}, 'name="form"'),  # an unknown form is refused at its field
])
def test_invalid_input_is_refused_at_the_field(app, client, org, change, message):
    login(client, "leader")
    response = client.post(f"/people/{org.staff_b}/discipline", data={**GOOD, **change}, headers=HX)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert message in body and "field__error" in body
    with app.app_context():
        assert db.session.scalar(select(Discipline)) is None


def test_a_stale_version_is_a_conflict_that_keeps_the_input(app, client, org):
    with app.app_context():
        record_id = _discipline(org.staff_b)
    login(client, "leader")
    response = client.post(f"/people/{org.staff_b}/discipline/{record_id}",
                           data={**GOOD, "version": "0"}, headers=HX)
    assert response.status_code == 409
    body = response.get_data(as_text=True)
    assert "21/QĐ-BTĐKT" in body and "Số quyết định" in body
    saved = client.post(f"/people/{org.staff_b}/discipline/{record_id}", data={**GOOD, "version": "1"}, headers=HX)
    assert saved.status_code == 200
    with app.app_context():
        assert db.session.get(Discipline, record_id).form == "canh_cao"


def test_someone_elses_record_is_not_found_under_another_person(app, client, org):
    with app.app_context():
        record_id = _discipline(org.staff_b)
    login(client, "leader")
    assert client.get(f"/people/{org.staff}/discipline/{record_id}/edit").status_code == 404
    assert client.get(f"/people/{org.staff_b}/discipline/999/edit").status_code == 404


def test_who_reads_and_who_records(app, client, org):
    with app.app_context():
        _discipline(org.staff_b)
    login(client, "staff_b")
    assert client.get(f"/people/{org.staff_b}/discipline").status_code == 200
    assert client.post(f"/people/{org.staff_b}/discipline", data=GOOD).status_code == 403
    client = app.test_client()
    login(client, "head_b")
    page = client.get(f"/people/{org.staff_b}/discipline").get_data(as_text=True)
    assert "5/QĐ-BTĐKT" in page and "Ghi kỷ luật" not in page
    client = app.test_client()
    login(client, "head")
    assert client.get(f"/people/{org.staff_b}/discipline").status_code == 403


def test_a_pending_case_is_recorded_then_closed(app, client, org):
    login(client, "chief")
    created = client.post(f"/people/{org.staff_b}/discipline/cases",
                          data={"kind": "inspection", "opened_on": "01/09/2026"}, headers=HX)
    assert created.status_code == 200 and created.headers["HX-Retarget"] == "#cases-table"
    assert "đang xem xét" in created.get_data(as_text=True)
    with app.app_context():
        case_id = db.session.scalar(select(PendingCase.id))
    bad = client.post(f"/people/{org.staff_b}/discipline/cases/{case_id}",
                      data={"kind": "inspection", "opened_on": "01/09/2026", "closed_on": "31/08/2026",
                            "version": "1"}, headers=HX)
    assert bad.status_code == 422
    assert "Ngày kết thúc không được trước ngày bắt đầu." in bad.get_data(as_text=True)
    closed = client.post(f"/people/{org.staff_b}/discipline/cases/{case_id}",
                         data={"kind": "inspection", "opened_on": "01/09/2026", "closed_on": "30/10/2026",
                               "version": "1"}, headers=HX)
    assert closed.status_code == 200
    with app.app_context():
        assert db.session.get(PendingCase, case_id).closed_on == date(2026, 10, 30)
        assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.entity == "pending_case")
                                 .order_by(AuditEvent.id.desc())) == "update"


def test_delete_needs_the_current_version_and_is_audited(app, client, org):
    with app.app_context():
        record_id = _case(org.staff_b)
    login(client, "leader")
    assert client.post(f"/people/{org.staff_b}/discipline/cases/{record_id}/delete",
                       data={"version": "7"}).status_code == 409
    response = client.post(f"/people/{org.staff_b}/discipline/cases/{record_id}/delete", data={"version": "1"})
    assert response.status_code == 303
    with app.app_context():
        assert db.session.get(PendingCase, record_id) is None
        assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.entity == "pending_case")) == "delete"


def test_the_unit_list_shows_who_is_affected_with_the_rule(app, client, org):
    with app.app_context():
        _discipline(org.staff_b)
        _case(org.staff)
        _case(org.head, opened_on=date(2026, 6, 1), closed_on=date(2026, 7, 1))  # closed: not listed
    login(client, "leader")
    body = client.get("/people/discipline").get_data(as_text=True)
    assert "Tạ Văn Khôi" in body and "Hoàng Văn Ân" in body and "Đỗ Thị Lan" not in body
    assert "xếp loại Không hoàn thành nhiệm vụ (Nghị định 335/2025/NĐ-CP, Điều 20)" in body
    assert "chưa xét khen thưởng khi đang bị xem xét (Nghị định 152/2025/NĐ-CP, Điều 4)" in body
    client = app.test_client()
    login(client, "staff")  # sees only what they may see: themselves
    body = client.get("/people/discipline").get_data(as_text=True)
    assert "Hoàng Văn Ân" in body and "Tạ Văn Khôi" not in body


def test_the_demo_seed_records_one_of_each(app, org):
    import random

    from app.domain import discipline as rules
    from app.models import Person
    from app.people.discipline_demo import seed
    from tests import factories

    with app.app_context():
        factories.person("Minh", "Vũ", "Đức", "chuyen_vien")
        db.session.commit()
        seed(list(db.session.scalars(select(Person))), factories.year(2026), TODAY, random.Random(7))  # noqa: S311 (reproducible demo data)
        db.session.commit()
        disciplines = list(db.session.scalars(select(Discipline)))
        cases = {case.kind: case for case in db.session.scalars(select(PendingCase))}
        assert rules.disciplined_in_year(disciplines, 2026) and disciplines[0].form == "khien_trach"
        assert not rules.is_open(cases["inspection"], TODAY) and rules.is_open(cases["complaint"], TODAY)
        assert len({disciplines[0].person_id, cases["inspection"].person_id, cases["complaint"].person_id}) == 3
