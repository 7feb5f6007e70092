"""The migrations build exactly the schema the models describe, and take it down again, on both databases."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from app import create_app
from app.extensions import db


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_app(request, tmp_path):
    if request.param == "postgresql":
        url = request.getfixturevalue("pg_cluster").create_database(f"migrations_{tmp_path.name[-12:].lower()}")
    else:
        url = f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x",
                      "INSTANCE_PATH": str(tmp_path)})
    yield app
    with app.app_context():
        db.engine.dispose()


def test_upgrade_from_empty_matches_the_models_and_downgrade_removes_everything(empty_app):
    with empty_app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, db.metadata)
        assert differences == [], f"models and migrations disagree: run `flask db migrate`: {differences}"
        tables = set(inspect(db.engine).get_table_names())
        assert {"unit", "department", "person", "account", "login_throttle", "audit_event"} <= tables

        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
