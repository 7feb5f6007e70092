"""Logging in and out, the slowdown after repeated failures, passwords, and the language switch."""

from __future__ import annotations

from datetime import timedelta

from app import clock
from app.extensions import db
from app.models import Account
from tests.factories import PASSWORD
from tests.views.conftest import HX, login


def test_anonymous_visitors_are_sent_to_the_login_page(client, org):
    response = client.get("/admin/people")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_an_expired_session_on_an_htmx_request_redirects_the_whole_page(client, org):
    response = client.get("/admin/people/new", headers=HX)
    assert response.status_code == 401
    assert response.headers["HX-Redirect"] == "/login"
    assert response.get_data() == b""


def test_login_lands_on_the_page_asked_for(client, org):
    response = client.post("/login", data={"username": "admin", "password": PASSWORD, "next": "/admin/people"})
    assert response.headers["Location"] == "/admin/people"


def test_login_never_redirects_to_another_site(client, org):
    for target in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        response = client.post("/login", data={"username": "staff", "password": PASSWORD, "next": target})
        assert response.headers["Location"] == "/"
        client.post("/logout")


def test_username_is_not_case_sensitive_and_is_normalised(client, org):
    response = client.post("/login", data={"username": "  STAFF ", "password": PASSWORD})
    assert response.status_code == 302


def test_wrong_password_gets_one_message_that_does_not_tell_which_part_was_wrong(client, org):
    wrong_password = client.post("/login", data={"username": "staff", "password": "sai-mat-khau"})
    unknown_user = client.post("/login", data={"username": "khong-co-ai", "password": "sai-mat-khau"})
    for response in (wrong_password, unknown_user):
        assert response.status_code == 422
        assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.get_data(as_text=True)


def test_empty_fields_are_named(client, org):
    page = client.post("/login", data={}).get_data(as_text=True)
    assert "Hãy nhập tên đăng nhập." in page
    assert "Hãy nhập mật khẩu." in page


def test_repeated_failures_slow_down_that_account_even_with_the_right_password(client, org, app, monkeypatch):
    for _ in range(5):
        client.post("/login", data={"username": "staff", "password": "sai-mat-khau"})
    response = client.post("/login", data={"username": "staff", "password": PASSWORD})
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert "Đăng nhập sai quá nhiều lần" in page
    assert "30 giây" in page
    # other people are not affected
    assert client.post("/login", data={"username": "head", "password": PASSWORD}).status_code == 302
    client.post("/logout")
    # once the wait is over the right password works again
    later = clock.utcnow() + timedelta(seconds=31)
    monkeypatch.setattr(clock, "utcnow", lambda: later)
    assert client.post("/login", data={"username": "staff", "password": PASSWORD}).status_code == 302


def test_many_failures_from_one_address_slow_down_every_name_tried_from_it(client, org):
    for number in range(30):
        client.post("/login", data={"username": f"doan-{number}", "password": "x"})
    response = client.post("/login", data={"username": "head", "password": PASSWORD})
    assert response.status_code == 429
    other_address = client.post("/login", data={"username": "head", "password": PASSWORD},
                                environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert other_address.status_code == 302


def test_a_person_who_has_left_cannot_log_in(client, org, app):
    with app.app_context():
        account = db.session.query(Account).filter_by(username="staff").one()
        account.person.active = False
        db.session.commit()
    response = client.post("/login", data={"username": "staff", "password": PASSWORD})
    assert response.status_code == 403
    assert "đã nghỉ" in response.get_data(as_text=True)


def test_logout_ends_the_session(client, org):
    login(client, "staff")
    response = client.post("/logout")
    assert response.headers["Location"] == "/login?signed_out=1"
    assert "Bạn đã đăng xuất." in client.get("/login?signed_out=1").get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_change_password(client, org):
    login(client, "staff")
    response = client.post("/account/password", data={
        "current_password": PASSWORD, "new_password": "mat-khau-moi-2026", "confirm_password": "mat-khau-moi-2026"})
    assert response.headers["Location"] == "/"
    assert client.get("/").status_code == 200  # this session stays signed in
    client.post("/logout")
    assert client.post("/login", data={"username": "staff", "password": PASSWORD}).status_code == 422
    login(client, "staff", "mat-khau-moi-2026")


def test_changing_the_password_signs_out_other_sessions(app, org):
    laptop, phone = app.test_client(), app.test_client()
    login(laptop, "staff")
    login(phone, "staff")
    laptop.post("/account/password", data={
        "current_password": PASSWORD, "new_password": "mat-khau-moi-2026", "confirm_password": "mat-khau-moi-2026"})
    assert laptop.get("/").status_code == 200
    assert phone.get("/").status_code == 302


def test_bad_new_passwords_are_explained(client, org):
    login(client, "staff")
    cases = [
        ({"current_password": "sai", "new_password": "mat-khau-moi-2026", "confirm_password": "mat-khau-moi-2026"},
         "Mật khẩu hiện tại không đúng."),
        ({"current_password": PASSWORD, "new_password": "ngan", "confirm_password": "ngan"},
         "Mật khẩu phải có ít nhất 8 ký tự."),
        ({"current_password": PASSWORD, "new_password": "mat-khau-moi-2026", "confirm_password": "khac-han-2026"},
         "Hai lần nhập mật khẩu mới không khớp."),
        ({"current_password": PASSWORD, "new_password": "STAFF", "confirm_password": "STAFF"},
         "Mật khẩu phải có ít nhất 8 ký tự."),
        ({"current_password": PASSWORD, "new_password": PASSWORD, "confirm_password": PASSWORD},
         "Mật khẩu mới phải khác mật khẩu hiện tại."),
    ]
    for data, message in cases:
        response = client.post("/account/password", data=data)
        assert response.status_code == 422
        assert message in response.get_data(as_text=True)


def test_a_temporary_password_must_be_changed_before_anything_else(client, org, app):
    with app.app_context():
        account = db.session.query(Account).filter_by(username="staff").one()
        account.set_password("tam-thoi-123", temporary=True)
        db.session.commit()
    response = client.post("/login", data={"username": "staff", "password": "tam-thoi-123"})
    assert response.headers["Location"] == "/account/password"
    assert client.get("/").headers["Location"] == "/account/password"
    assert client.get("/people/reviewers", headers=HX).headers["HX-Redirect"] == "/account/password"
    client.post("/account/password", data={
        "current_password": "tam-thoi-123", "new_password": "mat-khau-that-2026", "confirm_password": "mat-khau-that-2026"})
    assert client.get("/").status_code == 200


def test_the_interface_switches_to_english_and_back(client, org):
    login(client, "staff")
    assert "Việc của tôi" in client.get("/").get_data(as_text=True)
    client.post("/language", data={"lang": "en", "next": "/"})
    page = client.get("/").get_data(as_text=True)
    assert 'lang="en"' in page
    assert "My work" in page and "Việc của tôi" not in page
    assert "Specialist (Chuyên viên)" in page  # positions too
    client.post("/language", data={"lang": "xx", "next": "/"})  # unknown languages are ignored
    assert 'lang="en"' in client.get("/").get_data(as_text=True)
    client.post("/language", data={"lang": "vi", "next": "/"})
    assert 'lang="vi"' in client.get("/").get_data(as_text=True)
