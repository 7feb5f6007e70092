"""Configuration: defaults, then the environment, then instance/config.py.

Zero configuration gives an embedded SQLite database in instance/. Production sets DATABASE_URL
(PostgreSQL through psycopg 3) and SOTD_HTTPS=1 behind an HTTPS proxy.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

SECRET_KEY_FILE = "secret_key"  # noqa: S105  # nosec B105 # a file name, not a secret


class Defaults:
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = 8 * 3600  # a working day; the staff log in again next morning
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session, so a form left open all day still saves
    BABEL_DEFAULT_LOCALE = "vi"
    BABEL_DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
    LANGUAGES = ("vi", "en")
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024
    PEOPLE_IMPORT_MAX_ROWS = 2000
    # Above this many people the board, the year overview and the year end show one department at a time.
    ONE_DEPARTMENT_ABOVE = 200
    # How many reverse proxies stand in front of the app (nginx = 1); 0 trusts no X-Forwarded-* header.
    PROXY_COUNT = 0


def database_url_from_env(instance_path: str) -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return "sqlite:///" + str(Path(instance_path) / "sotd.sqlite3")
    return normalise_database_url(url)


def normalise_database_url(url: str) -> str:
    """Accept the usual spellings of a PostgreSQL address and route them to psycopg 3, the only driver we ship."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def secret_key(instance_path: str) -> str:
    """SECRET_KEY from the environment, else one generated on first start and kept in instance/."""
    from_env = os.environ.get("SECRET_KEY", "").strip()
    if from_env:
        return from_env
    path = Path(instance_path) / SECRET_KEY_FILE
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    # O_EXCL: two workers starting at once must not write two different keys.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def configure(app, test_config: dict | None) -> None:
    app.config.from_object(Defaults)
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url_from_env(app.instance_path)
    if os.environ.get("SOTD_HTTPS") == "1":
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
    app.config["PROXY_COUNT"] = int(os.environ.get("SOTD_PROXY_COUNT", "0") or 0)
    # Several app servers behind one proxy must see the same attachments: a shared folder (NFS, a mounted volume).
    app.config["UPLOAD_FOLDER"] = os.environ.get("SOTD_UPLOAD_FOLDER", "").strip() or None
    # Rendered pages kept per worker (app/page_cache.py); 0 turns the cache off (the benchmark's cold figures).
    app.config["PAGE_CACHE_ENTRIES"] = int(os.environ.get("SOTD_PAGE_CACHE_ENTRIES", "500") or 0)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secret_key(app.instance_path)
