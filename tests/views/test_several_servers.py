"""Several app servers behind one proxy (docs/deploy.md, "Every district's office"): what that needs, tested here.

Two app instances with instance folders of their own share the database, the SECRET_KEY and the attachments folder,
as two machines behind nginx would. A person's requests may land on either: nothing a request needs lives in one
server's memory. The session is a signed cookie, the CSRF token lives in it, the login slowdown and the sessions'
sign-out token live in the database, the attachments in the shared folder.
"""

from __future__ import annotations

import io
import re

import pytest
from sqlalchemy import select

from app import create_app
from app.extensions import db
from app.initiatives.demo import minimal_pdf
from app.models import Attachment
from tests.factories import PASSWORD
from tests.views.conftest import HX
from tests.views.test_initiatives import make

SHARED_SECRET = "one-secret-for-every-server"


@pytest.fixture
def servers(app, org, tmp_path):
    """Two servers on the test database, with CSRF on as in production."""
    def server(name: str, secret: str = SHARED_SECRET):
        return create_app({
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "SECRET_KEY": secret,
            "INSTANCE_PATH": str(tmp_path / name),
            "UPLOAD_FOLDER": str(tmp_path / "shared-uploads"),
        })
    made = [server("server-a"), server("server-b")]
    yield made + [server("server-c", secret="another-secret")]
    for one in made:
        with one.app_context():
            db.engine.dispose()


def csrf_token(client, url: str) -> str:
    page = client.get(url).get_data(as_text=True)
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)


def sign_in(client, username: str, password: str = PASSWORD):
    token = csrf_token(client, "/login")
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token})


def move_session(source, target) -> None:
    """What the proxy does when the next request goes to the other server: the browser sends the same cookie."""
    cookie = source.get_cookie("session")
    target.set_cookie("session", cookie.value)


def test_a_session_started_on_one_server_is_honoured_by_the_other(servers, org):
    server_a, server_b, _ = servers
    on_a, on_b = server_a.test_client(), server_b.test_client()
    assert sign_in(on_a, "staff").status_code == 302
    move_session(on_a, on_b)
    page = on_b.get("/")
    assert page.status_code == 200 and "Đăng xuất" in page.get_data(as_text=True)


def test_a_form_read_on_one_server_saves_on_the_other(servers, org):
    server_a, server_b, _ = servers
    on_a, on_b = server_a.test_client(), server_b.test_client()
    sign_in(on_a, "staff")
    token = csrf_token(on_a, "/account/password")
    move_session(on_a, on_b)
    response = on_b.post("/account/password", data={
        "csrf_token": token, "current_password": PASSWORD,
        "new_password": "mat-khau-moi-2026", "confirm_password": "mat-khau-moi-2026"})
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_changing_the_password_on_one_server_signs_out_the_sessions_on_the_other(servers, org):
    server_a, server_b, _ = servers
    laptop, phone = server_a.test_client(), server_b.test_client()
    sign_in(laptop, "staff")
    sign_in(phone, "staff")
    laptop.post("/account/password", data={
        "csrf_token": csrf_token(laptop, "/account/password"), "current_password": PASSWORD,
        "new_password": "mat-khau-moi-2026", "confirm_password": "mat-khau-moi-2026"})
    assert laptop.get("/").status_code == 200
    assert phone.get("/").status_code == 302  # back to the login page


def test_failed_logins_on_one_server_slow_down_the_account_on_the_other(servers, org):
    server_a, server_b, _ = servers
    on_a, on_b = server_a.test_client(), server_b.test_client()
    for _ in range(5):
        assert sign_in(on_a, "staff", "sai-mat-khau").status_code == 422
    refused = sign_in(on_b, "staff", PASSWORD)  # even the right password waits
    assert refused.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in refused.get_data(as_text=True)


def test_a_file_uploaded_through_one_server_downloads_through_the_other(servers, app, org):
    server_a, server_b, _ = servers
    initiative_id = make(app, org.staff)
    pdf = minimal_pdf(["Thuyet minh"])
    on_a, on_b = server_a.test_client(), server_b.test_client()
    sign_in(on_a, "staff")
    token = csrf_token(on_a, f"/initiatives/{initiative_id}")
    uploaded = on_a.post(f"/initiatives/{initiative_id}/attachments", content_type="multipart/form-data",
                         data={"file": (io.BytesIO(pdf), "thuyet-minh.pdf"), "csrf_token": token},
                         headers={**HX, "X-CSRFToken": token})
    assert uploaded.status_code == 200, uploaded.get_data(as_text=True)[:300]
    with server_b.app_context():
        attachment_id = db.session.scalar(select(Attachment.id))
    move_session(on_a, on_b)
    download = on_b.get(f"/initiatives/attachments/{attachment_id}")
    assert download.status_code == 200 and download.data == pdf


def test_a_server_with_another_secret_key_refuses_the_cookie(servers, org):
    """Why docs/deploy.md says every server gets the same SECRET_KEY: otherwise each request may sign the user out."""
    server_a, _, stranger = servers
    on_a, elsewhere = server_a.test_client(), stranger.test_client()
    sign_in(on_a, "staff")
    move_session(on_a, elsewhere)
    assert elsewhere.get("/").status_code == 302

