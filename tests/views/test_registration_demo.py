"""The demo unit's registrations: most approved, two waiting, one rejected and sent again, one draft, and the
unit registered for “Tập thể lao động xuất sắc”, approved by the Trưởng ban."""

from __future__ import annotations

from collections import Counter

from app.extensions import db
from app.models import AuditEvent, Registration, UnitRegistration
from tests.views.conftest import login


def test_the_demo_registers_the_unit_with_realistic_states(app, client):
    result = app.test_cli_runner().invoke(args=["seed-demo", "--password", "demo1234"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        records = db.session.query(Registration).all()
        states = Counter(record.state for record in records)
        titles = Counter(record.target_title for record in records if record.state == "approved")
        assert len(records) == 20 and states["approved"] >= 15 and states["draft"] == 1
        assert states["submitted"] == 3  # two wait for their reviewer; the Trưởng ban's goes to the superior body
        assert titles["ldtt"] > titles["cstdcs"] >= 5
        assert all(record.study_commitment for record in records)
        rejected = db.session.query(AuditEvent).filter_by(entity="registration", action="reject").one()
        assert "Chiến sĩ thi đua thành phố" in rejected.reason
        assert db.session.get(Registration, rejected.entity_id).state == "submitted"  # corrected and sent again
        unit = db.session.query(UnitRegistration).one()
        assert (unit.target_title, unit.state, unit.decided_by.username) == ("ttldxs", "approved", "huy.pq")
    login(client, "huy.pq", "demo1234")
    page = client.get("/registration/people").get_data(as_text=True)
    assert "Chờ duyệt (3)" in page and "Chưa gửi (1)" in page
