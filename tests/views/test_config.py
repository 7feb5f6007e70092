"""The secret key, the session cookie and the database URL: safe without any configuration."""

from __future__ import annotations

import os
import stat

from app import create_app
from app.config import database_url_from_env
from tests.views.conftest import login


def test_secret_key_is_generated_once_and_kept_in_instance(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    config = {"TESTING": True, "INSTANCE_PATH": str(tmp_path), "SQLALCHEMY_DATABASE_URI": "sqlite://"}
    first = create_app(dict(config)).config["SECRET_KEY"]
    second = create_app(dict(config)).config["SECRET_KEY"]
    assert first == second and len(first) >= 64
    key_file = tmp_path / "secret_key"
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600


def test_secret_key_from_the_environment_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "tu-moi-truong")
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path), "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["SECRET_KEY"] == "tu-moi-truong"
    assert not (tmp_path / "secret_key").exists()


def test_database_url_defaults_to_sqlite_in_instance_and_routes_postgres_to_psycopg(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert database_url_from_env("/srv/sotd/instance") == "sqlite:////srv/sotd/instance/sotd.sqlite3"
    monkeypatch.setenv("DATABASE_URL", "postgresql://sotd@db/sotd")
    assert database_url_from_env("/x") == "postgresql+psycopg://sotd@db/sotd"
    monkeypatch.setenv("DATABASE_URL", "postgres://sotd@db/sotd")
    assert database_url_from_env("/x") == "postgresql+psycopg://sotd@db/sotd"


def test_session_cookie_is_http_only_and_same_site(client, org):
    response = login(client, "staff")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_https_deployments_mark_the_cookie_secure(tmp_path, monkeypatch):
    monkeypatch.setenv("SOTD_HTTPS", "1")
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path), "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["SESSION_COOKIE_SECURE"] is True
