"""Kept pages (app/page_cache.py) and the data version they rest on (app/data_version.py): a person re-reading an
unchanged page gets it from memory, and never a page older than the data, whoever wrote and however."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import event, update

from app import data_version
from app.extensions import db
from app.models import Person
from tests import factories
from tests.views.conftest import HX, login


def statements_of(app, client, url, headers=None) -> tuple[int, str]:
    seen = []
    with app.app_context():
        listener = lambda *args: seen.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            response = client.get(url, headers=headers or {})
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
    assert response.status_code == 200
    return len(seen), response.get_data(as_text=True)


def version(app) -> int:
    with app.app_context():
        return data_version.current(db.session)


def rename(app, person_id, given) -> None:
    with app.app_context():
        db.session.get(Person, person_id).given_name = given
        db.session.commit()


@pytest.fixture
def reader(app, org, client):
    login(client, "admin")
    client.get("/admin/people")  # the first page after signing in settles the session (its CSRF token)
    return client


def test_a_committed_write_changes_the_version_a_read_or_a_rollback_does_not(app, org):
    before = version(app)
    with app.app_context():
        db.session.get(Person, org.staff).given_name = "Thử"
        db.session.rollback()
    assert version(app) == before
    with app.app_context():
        db.session.get(Person, org.staff)
        db.session.commit()
    assert version(app) == before
    rename(app, org.staff, "Nhàn")
    assert version(app) != before


def test_a_bulk_statement_changes_the_version_too(app, org):
    before = version(app)
    with app.app_context():
        db.session.execute(update(Person).where(Person.id == org.staff).values(given_name="Quyên"))
        db.session.commit()
    assert version(app) != before


def test_a_refused_write_into_a_closed_month_leaves_the_version_alone(app, org, client):
    with app.app_context():
        factories.year(2026, states={10: "closed", 11: "review"})
    login(client, "staff")  # signing in writes (the time of the last login)
    before = version(app)
    client.post("/commitments/2026/10/items", data={"title": "Viết thêm vào tháng đã chốt", "points": "5"})
    assert version(app) == before


def test_re_reading_an_unchanged_page_costs_one_query(app, org, reader):
    cold, first = statements_of(app, reader, "/admin/people")
    warm, again = statements_of(app, reader, "/admin/people")
    assert cold > 3 and warm == 1
    assert again == first


def test_a_write_by_anyone_shows_at_once(app, org, reader):
    _, page = statements_of(app, reader, "/admin/people")
    assert "Nhàn" not in page
    rename(app, org.staff, "Nhàn")  # another worker, another server, a script: only the database is shared
    queries, page = statements_of(app, reader, "/admin/people")
    assert "Nhàn" in page and queries > 1


def test_a_write_through_the_app_shows_on_the_next_read(app, org, client):
    with app.app_context():
        factories.year(2026, states={11: "commitments"})
    login(client, "staff")
    client.get("/commitments/2026/11")
    page = client.get("/commitments/2026/11").get_data(as_text=True)
    assert "Soạn báo cáo sơ kết" not in page
    saved = client.post("/commitments/2026/11/items", data={"title": "Soạn báo cáo sơ kết", "points": "10"},
                        headers=HX)
    assert saved.status_code == 200
    assert "Soạn báo cáo sơ kết" in client.get("/commitments/2026/11").get_data(as_text=True)


def test_each_person_gets_their_own_page(app, org):
    with app.app_context():
        factories.year(2026, states={11: "commitments"})
    staff, head = app.test_client(), app.test_client()
    login(staff, "staff")
    login(head, "head")
    # The first page after signing in settles the session (its CSRF token) and is not kept; the second is kept
    # and the third served from it (built again, its CSRF token's time stamp could differ by a second).
    pages = {name: [client.get("/").get_data(as_text=True) for _ in range(3)]
             for name, client in (("staff", staff), ("head", head))}
    assert "Hoàng Văn Ân" in pages["staff"][2] and "Hoàng Văn Ân" not in pages["head"][2].split("<main")[0]
    assert "Đỗ Thị Lan" in pages["head"][2].split("<main")[0]
    assert pages["staff"][1] == pages["staff"][2] and pages["head"][1] == pages["head"][2]


def test_the_htmx_fragment_and_the_page_of_one_url_are_kept_apart(app, org, reader):
    _, page = statements_of(app, reader, "/admin/people")
    _, fragment = statements_of(app, reader, "/admin/people", HX)
    _, page_again = statements_of(app, reader, "/admin/people")
    assert "<html" in page and "<html" not in fragment and page_again == page


def test_a_message_waiting_in_the_session_is_never_skipped(app, org, reader):
    statements_of(app, reader, "/admin/people")
    with reader.session_transaction() as session:
        session["_flashes"] = [("success", "Đã lưu thay đổi của bạn.")]
    _, page = statements_of(app, reader, "/admin/people")
    assert "Đã lưu thay đổi của bạn." in page


def test_signing_out_and_in_again_builds_the_page_afresh(app, org, reader):
    statements_of(app, reader, "/admin/people")
    reader.post("/logout")
    assert reader.get("/admin/people").status_code == 302  # the kept page is not served to a signed-out browser
    login(reader, "admin")
    assert statements_of(app, reader, "/admin/people")[0] > 1


def test_the_cache_can_be_turned_off(org, app):
    from app import create_app

    off = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                      "SECRET_KEY": "x", "WTF_CSRF_ENABLED": False, "PAGE_CACHE_ENTRIES": 0})
    client = off.test_client()
    login(client, "admin")
    client.get("/admin/people")
    assert statements_of(off, client, "/admin/people")[0] > 1
    with off.app_context():
        db.engine.dispose()


def test_the_store_forgets_the_oldest_pages_beyond_its_bytes():
    from app.page_cache import PageStore

    store = PageStore(capacity=100, max_bytes=10_000)
    for number in range(5):
        store.put(("page", number), (200, [], b"x" * 3_000))
    assert store.size <= 10_000 and len(store) == 3
    assert store.get(("page", 0)) is None and store.get(("page", 4)) is not None
    store.put(("page", 4), (200, [], b"y" * 100))  # the same page kept again replaces the old one
    assert store.size == 2 * 3_000 + 100


# ---- the session cookie (app/auth/session_cookie.py): verified once per worker, signed again once a minute ----------

class Clock:
    """time.time() moved on by hand: what the session cookie's signature and age are measured with."""

    def __init__(self, monkeypatch):
        self.offset = 0.0
        real = time.time
        monkeypatch.setattr(time, "time", lambda: real() + self.offset)

    def later(self, **delta) -> None:
        self.offset += timedelta(**delta).total_seconds()


def test_a_session_in_use_stays_open_and_an_idle_one_closes_after_eight_hours(app, org, client, monkeypatch):
    clock = Clock(monkeypatch)
    login(client, "staff")
    client.get("/")
    assert "Set-Cookie" not in client.get("/").headers  # read again within the minute: the cookie is not re-signed
    for _ in range(3):  # a working day and more, one read every 7 hours: each re-signs the cookie
        clock.later(hours=7)
        response = client.get("/")
        assert response.status_code == 200 and "Set-Cookie" in response.headers
    clock.later(hours=8, minutes=2)
    response = client.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_cookie_seen_before_is_refused_once_it_is_older_than_the_session_lifetime(app, org, client, monkeypatch):
    clock = Clock(monkeypatch)
    login(client, "staff")
    client.get("/")
    old = client.get_cookie("session").value
    assert client.get("/").status_code == 200  # this worker has now seen (and remembered) that cookie
    clock.later(hours=8, minutes=2)
    client.set_cookie("session", old)  # kept aside and sent again, e.g. copied from another browser
    response = client.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_remembered_cookie_never_shares_a_list_between_requests(app):
    """Flask adds a flash message to the session's list in place: a cookie's contents must be fresh each request."""
    from flask import session

    with app.test_request_context("/"):
        session["_flashes"] = [("info", "Đã lưu.")]
        session["lang"] = "vi"
        cookie = app.session_interface.get_signing_serializer(app).dumps(dict(session))
    for _ in range(2):
        with app.test_request_context("/", headers={"Cookie": f"session={cookie}"}):
            assert session["_flashes"] == [("info", "Đã lưu.")] and session["lang"] == "vi"
            session["_flashes"].append(("info", "Thêm một tin."))


def test_the_units_new_name_heads_the_next_page_whoever_renamed_it(app, org, reader):
    from app.models import Unit

    with app.app_context():
        if db.session.query(Unit).first() is None:
            db.session.add(Unit(name="Ban Thi đua"))
            db.session.commit()
    reader.get("/admin/people")
    for name in ("Ban Thi đua - Khen thưởng", "Ban Tổ chức"):
        with app.app_context():  # written outside this app: only the database is shared
            db.session.query(Unit).first().name = name
            db.session.commit()
        for _ in range(2):  # built afresh, then kept
            header = reader.get("/admin/people").get_data(as_text=True).split("<main")[0]
            assert f'<span class="brand__unit">{name}</span>' in header
