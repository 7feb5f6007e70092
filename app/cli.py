"""flask commands: create-admin, seed-demo, copy-database, backup and restore (and `flask db …` from Flask-Migrate)."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import with_appcontext
from sqlalchemy import func, select

from app import audit
from app.cli_errors import CliCommand, CliError
from app.extensions import db
from app.models import Account, Person


def init_app(app: Flask) -> None:
    from app.backup import cli as backup_cli
    from app.yearfile.cli import year_cli

    app.cli.add_command(create_admin)
    app.cli.add_command(seed_demo)
    app.cli.add_command(year_cli)
    backup_cli.register(app)  # flask backup, flask restore
    app.cli.add_command(copy_database)


@click.command("create-admin", cls=CliCommand)
@with_appcontext
@click.argument("username")
@click.option("--password", help="Mật khẩu; bỏ trống thì sẽ được hỏi (không hiện khi gõ).")
def create_admin(username: str, password: str | None) -> None:
    """Tạo tài khoản quản trị USERNAME (hoặc đặt lại mật khẩu nếu đã có)."""
    from app.auth.forms import MIN_PASSWORD_LENGTH

    username = username.strip().lower()
    if password is None:
        try:
            password = click.prompt("Mật khẩu", hide_input=True, confirmation_prompt="Nhập lại mật khẩu")
        except click.Abort:  # Ctrl-C or the end of the input: click would print its English "Aborted!"
            raise CliError("Đã huỷ: không có tài khoản nào thay đổi.") from None
    if len(password) < MIN_PASSWORD_LENGTH:
        raise CliError(f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự.")
    account = db.session.scalar(select(Account).where(Account.username == username))
    created = account is None
    if created:
        account = Account(username=username)
        db.session.add(account)
    account.is_admin = True
    account.active = True
    account.set_password(password)
    db.session.flush()
    audit.record("account", account.id, "create_admin" if created else "reset_admin", actor_id=None,
                 reason="flask create-admin")
    db.session.commit()
    click.echo(f"{username}: {'đã tạo tài khoản quản trị' if created else 'đã cập nhật tài khoản quản trị'}")


@click.command("seed-demo", cls=CliCommand)
@with_appcontext
@click.option("--password", help="Một mật khẩu chung cho mọi tài khoản mẫu; bỏ trống thì mỗi tài khoản một mật khẩu ngẫu nhiên.")
@click.option("--if-empty", is_flag=True, help="Không làm gì (và không báo lỗi) nếu cơ sở dữ liệu đã có người.")
def seed_demo(password: str | None, if_empty: bool) -> None:
    """Nạp đơn vị mẫu: một Ban 20 người, 4 phòng, với tên hư cấu."""
    from app import demo

    if db.session.scalar(select(func.count()).select_from(Person)):
        if if_empty:
            click.echo("Cơ sở dữ liệu đã có dữ liệu: bỏ qua dữ liệu mẫu.")
            return
        raise CliError("Cơ sở dữ liệu đã có người; dữ liệu mẫu chỉ nạp vào cơ sở dữ liệu trống.")
    for line in demo.seed(password):
        click.echo(line)


@click.command("copy-database", cls=CliCommand)
@with_appcontext
@click.argument("target_url")
def copy_database(target_url: str) -> None:
    """Chép toàn bộ dữ liệu sang cơ sở dữ liệu TARGET_URL (trống, đã `flask db upgrade`), ví dụ từ SQLite sang
    PostgreSQL. Dừng ứng dụng trước khi chép."""
    from app.dbcopy import CopyRefused
    from app.dbcopy import copy_database as copy

    try:
        result = copy(db.engine, target_url)
    except CopyRefused as refused:
        raise CliError(str(refused)) from None
    for table, count in result.rows.items():
        if count:
            click.echo(f"  {table}: {count}")
    click.echo(f"Đã chép {result.total} dòng. Nhớ chép cả thư mục tệp đính kèm (instance/uploads/).")
