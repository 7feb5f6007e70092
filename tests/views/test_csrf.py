"""CSRF protection on every write, htmx included: the token travels in the X-CSRFToken header."""

from __future__ import annotations

import re

import pytest

from app import create_app
from app.extensions import db
from tests import factories


@pytest.fixture
def protected_app(tmp_path):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'csrf.sqlite3'}",
                      "SECRET_KEY": "csrf-test", "INSTANCE_PATH": str(tmp_path)})
    with app.app_context():
        db.create_all()
        factories.small_unit()
    return app


def _token(page: str) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)


def test_login_without_the_token_is_refused(protected_app):
    client = protected_app.test_client()
    response = client.post("/login", data={"username": "admin", "password": factories.PASSWORD})
    assert response.status_code == 400
    assert "Phiên làm việc đã hết hạn hoặc biểu mẫu thiếu mã bảo vệ" in response.get_data(as_text=True)


def test_an_htmx_write_needs_the_header_token(protected_app):
    client = protected_app.test_client()
    token = _token(client.get("/login").get_data(as_text=True))
    client.post("/login", data={"username": "admin", "password": factories.PASSWORD, "csrf_token": token})
    page = client.get("/admin/people").get_data(as_text=True)
    assert 'hx-headers=\'{"X-CSRFToken": "' in page  # every htmx request from this page carries it
    token = _token(page)
    person = {"family_name": "Trần", "given_name": "Bảo", "gender": "male", "position": "chuyen_vien",
              "department_id": "0"}

    refused = client.post("/admin/people", data=person, headers={"HX-Request": "true"})
    assert refused.status_code == 400
    assert refused.headers["HX-Retarget"] == "#flash"  # the message goes to the flash area, not into the row
    with protected_app.app_context():
        assert not db.session.query(factories.Person).filter_by(given_name="Bảo").count()

    accepted = client.post("/admin/people", data=person, headers={"HX-Request": "true", "X-CSRFToken": token})
    assert accepted.status_code == 200
    with protected_app.app_context():
        assert db.session.query(factories.Person).filter_by(given_name="Bảo").count() == 1
