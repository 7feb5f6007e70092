"""`flask backup PATH [--force]` and `flask restore PATH [--yes]`. Messages in Vietnamese; errors exit with 1."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import click
from flask import Flask
from flask.cli import with_appcontext

from app.backup import KIND_LABELS, BackupError, code_head, prepare_restore, take_backup
from app.cli_errors import CliCommand, CliError
from app.uploads import human_size

LOCAL_TIME = ZoneInfo("Asia/Ho_Chi_Minh")


def register(app: Flask) -> None:
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")  # 12.345: the Vietnamese thousands separator


def _when(created_at: str) -> str:
    try:
        moment = datetime.fromisoformat(created_at.replace("Z", "+00:00")).astimezone(LOCAL_TIME)
    except (ValueError, AttributeError):
        return str(created_at)
    return moment.strftime("%d/%m/%Y %H:%M")


def _contents(manifest: dict) -> str:
    tables = manifest["tables"]
    files = sum(1 for name in manifest["members"] if name.startswith("uploads/"))
    revision = manifest.get("revision") or "không rõ"
    return (f"{KIND_LABELS[manifest['database']]}, phiên bản cơ sở dữ liệu {revision}, {_number(len(tables))} bảng, "
            f"{_number(sum(tables.values()))} dòng, {_number(files)} tệp đính kèm")


@click.command("backup", cls=CliCommand)
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Ghi đè nếu PATH đã có.")
@with_appcontext
def backup_command(path: Path, force: bool) -> None:
    """Sao lưu toàn bộ dữ liệu (cơ sở dữ liệu và tệp đính kèm) vào một tệp PATH, trong khi ứng dụng vẫn chạy."""
    try:
        result = take_backup(path, force=force)
    except BackupError as error:
        raise CliError(error.message) from None
    click.echo(f"Đã sao lưu vào “{result.path}” ({human_size(result.size)}): {_contents(result.manifest)}.")
    if result.missing_files:
        click.echo(f"Chú ý: {len(result.missing_files)} tệp đính kèm có trong cơ sở dữ liệu nhưng không có trong "
                   f"thư mục uploads (có thể vừa bị xoá trong lúc sao lưu): {', '.join(result.missing_files[:5])}",
                   err=True)


@click.command("restore", cls=CliCommand)
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--yes", is_flag=True, help="Không hỏi lại: dùng khi chạy trong kịch bản.")
@with_appcontext
def restore_command(path: Path, yes: bool) -> None:
    """Khôi phục từ tệp sao lưu PATH: THAY TOÀN BỘ cơ sở dữ liệu và tệp đính kèm hiện có.

    Tệp được kiểm tra kỹ trước (bản kê, mã sha256 từng thành phần, loại cơ sở dữ liệu, phiên bản); tệp hỏng thì
    không có gì bị thay đổi. Nên dừng ứng dụng trong lúc khôi phục.
    """
    try:
        prepared = prepare_restore(path)
    except BackupError as error:
        raise CliError(error.message) from None
    with prepared:
        manifest = prepared.manifest
        click.echo(f"Tệp sao lưu “{prepared.source}” hợp lệ, tạo lúc {_when(manifest.get('created_at'))}: "
                   f"{_contents(manifest)}.")
        if not yes:
            try:
                confirmed = click.confirm("Khôi phục sẽ THAY TOÀN BỘ dữ liệu hiện có (cơ sở dữ liệu và tệp đính kèm) "
                                          "bằng dữ liệu của bản sao lưu này. Tiếp tục?", default=False)
            except click.Abort:
                confirmed = False
            if not confirmed:
                raise CliError("Đã huỷ: không có gì bị thay đổi. (Thêm --yes để khôi phục mà không "
                                           "hỏi lại.)")
        try:
            prepared.apply()
        except BackupError as error:
            raise CliError(error.message) from None
    click.echo(f"Đã khôi phục dữ liệu từ “{prepared.source}”. Hãy khởi động lại ứng dụng để mọi tiến trình "
               "đọc dữ liệu vừa khôi phục.")
    if prepared.older_revision:
        click.echo(f"Bản sao lưu thuộc phiên bản cơ sở dữ liệu cũ hơn ({manifest['revision']}; ứng dụng: "
                   f"{code_head()}): hãy chạy `flask db upgrade` ngay bây giờ, trước khi mở lại ứng dụng.")
