"""The flask commands an admin runs on the server."""

from __future__ import annotations

from sqlalchemy import text

from app.extensions import db
from app.models import Account, Department, Person
from tests.views.conftest import login


def test_create_admin_with_a_password(app):
    result = app.test_cli_runner().invoke(args=["create-admin", "Quantri", "--password", "mat-khau-quan-tri"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("quantri:")
    login(app.test_client(), "quantri", "mat-khau-quan-tri")


def test_create_admin_prompts_for_the_password_without_echoing_it(app):
    result = app.test_cli_runner().invoke(args=["create-admin", "quantri"],
                                          input="mat-khau-quan-tri\nmat-khau-quan-tri\n")
    assert result.exit_code == 0, result.output
    assert "mat-khau-quan-tri" not in result.output
    with app.app_context():
        assert db.session.query(Account).filter_by(username="quantri", is_admin=True).count() == 1


def test_create_admin_refuses_a_short_password(app):
    result = app.test_cli_runner().invoke(args=["create-admin", "quantri", "--password", "ngan"])
    assert result.exit_code != 0
    assert "ít nhất 8 ký tự" in result.output


def test_seed_demo_builds_a_20_person_unit_and_prints_one_line_per_account(app):
    result = app.test_cli_runner().invoke(args=["seed-demo", "--password", "demo1234"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 21  # 20 people and the admin
    assert all(line.split("\t")[0] and line.endswith("demo1234") for line in lines)
    with app.app_context():
        assert db.session.query(Person).count() == 20
        assert db.session.query(Department).count() == 4
        positions = [p.position for p in db.session.query(Person)]
        assert positions.count("truong_ban") == 1 and positions.count("truong_phong") == 4
    login(app.test_client(), "an.pm", "demo1234")


def test_seed_demo_never_touches_a_database_with_people(app):
    runner = app.test_cli_runner()
    runner.invoke(args=["seed-demo", "--password", "demo1234"])
    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code != 0 and "chỉ nạp vào cơ sở dữ liệu trống" in again.output
    quiet = runner.invoke(args=["seed-demo", "--if-empty"])
    assert quiet.exit_code == 0
    with app.app_context():
        assert db.session.query(Person).count() == 20


def test_seed_demo_without_a_password_gives_each_account_its_own(app):
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    passwords = [line.split("\t")[-1] for line in result.output.strip().splitlines()]
    assert len(set(passwords)) == len(passwords)


def test_sqlite_runs_with_foreign_keys_and_wal(app):
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            return
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
