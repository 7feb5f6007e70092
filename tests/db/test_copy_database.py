"""Moving from the embedded SQLite to PostgreSQL (`flask copy-database`, docs/deploy.md): every row arrives, as it
was, and the PostgreSQL database then works on its own."""

from __future__ import annotations

import pytest
from flask_migrate import upgrade
from sqlalchemy import select

from app import create_app
from app.extensions import db
from app.models import Person

PASSWORD = "demo-mat-khau"


def make_app(url: str, instance):
    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x",
                       "WTF_CSRF_ENABLED": False, "INSTANCE_PATH": str(instance)})


def every_row(app) -> dict[str, list[tuple]]:
    with app.app_context():
        return {table.name: [tuple(row) for row in db.session.execute(
                    select(table).order_by(*table.primary_key.columns))]
                for table in db.metadata.sorted_tables if table.name != "data_version"}


@pytest.fixture(scope="module")
def demo_sqlite(tmp_path_factory):
    """The demo unit (twenty people, a year of reviews and amendments, award history, attachments) in a migrated
    SQLite."""
    folder = tmp_path_factory.mktemp("source")
    app = make_app(f"sqlite:///{folder / 'sotd.sqlite3'}", folder)
    with app.app_context():
        upgrade()
        from app import demo

        list(demo.seed(PASSWORD))
    return app


@pytest.fixture
def empty_postgres(pg_cluster, tmp_path):
    app = make_app(pg_cluster.create_database(f"copy_{tmp_path.name[-12:].lower()}"), tmp_path)
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()


def run_copy(source, target):
    return source.test_cli_runner().invoke(args=["copy-database", target.config["SQLALCHEMY_DATABASE_URI"]])


def test_every_row_arrives_as_it_was(demo_sqlite, empty_postgres):
    result = run_copy(demo_sqlite, empty_postgres)
    assert result.exit_code == 0, result.output
    assert "Đã chép" in result.output
    before, after = every_row(demo_sqlite), every_row(empty_postgres)
    # the demo is substantial, not a token
    assert all(before[table] for table in ("person", "account", "monthly_review", "shortcoming", "attachment",
                                           "audit_event", "review_amendment", "award_history"))
    for table, rows in before.items():
        assert after[table] == rows, f"table {table} differs after the copy"


def test_the_copy_works_on_its_own_new_rows_and_logins(demo_sqlite, empty_postgres):
    assert run_copy(demo_sqlite, empty_postgres).exit_code == 0
    with empty_postgres.app_context():
        highest = db.session.scalar(select(Person.id).order_by(Person.id.desc()).limit(1))
        newcomer = Person(code="CB-MOI", family_name="Đinh", middle_name="Thị", given_name="Mai", position="chuyen_vien",
                          gender="female")
        db.session.add(newcomer)
        db.session.commit()  # the id sequence continues after the copied rows
        assert newcomer.id == highest + 1
    client = empty_postgres.test_client()
    response = client.post("/login", data={"username": "huy.pq", "password": PASSWORD})
    assert response.status_code == 302 and client.get("/").status_code == 200


def test_a_target_with_data_is_refused_and_left_alone(demo_sqlite, empty_postgres):
    assert run_copy(demo_sqlite, empty_postgres).exit_code == 0
    before = every_row(empty_postgres)
    again = run_copy(demo_sqlite, empty_postgres)
    assert again.exit_code != 0 and "đã có dữ liệu" in again.output
    assert every_row(empty_postgres) == before


def test_an_unmigrated_target_is_refused(demo_sqlite, pg_cluster, tmp_path):
    bare = make_app(pg_cluster.create_database(f"bare_{tmp_path.name[-12:].lower()}"), tmp_path)
    result = run_copy(demo_sqlite, bare)
    assert result.exit_code != 0 and "flask db upgrade" in result.output
    with bare.app_context():
        db.engine.dispose()
