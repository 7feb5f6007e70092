"""The Flask extensions, created unbound here and bound in create_app."""

from __future__ import annotations

from flask import abort, request
from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect as _FlaskWTFCSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.orm import DeclarativeBase

# Named constraints, so that Alembic can alter and drop them on SQLite and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class CSRFProtect(_FlaskWTFCSRFProtect):
    """Flask-WTF's, but a multipart form with a part that has no name is a bad request (400): werkzeug files such a
    part under the key None, and Flask-WTF's search of the form for the token then failed with a 500."""

    def _get_csrf_token(self):
        if None in request.form:
            abort(400)
        return super()._get_csrf_token()


db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True)  # batch mode: SQLite cannot ALTER most things in place
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()


def tune_sqlite(engine) -> None:
    """Foreign keys on, WAL so readers never wait for a writer, and a busy timeout instead of 'database is locked'."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
