"""Every refusal of our flask commands reads "Lỗi: …" in Vietnamese on standard error, never click's English."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.models import Account


def run(app, *args, **kwargs):
    return app.test_cli_runner().invoke(args=[*map(str, args)], **kwargs)


def refused(result, exit_code: int = 1) -> str:
    assert result.exit_code == exit_code, result.output
    assert result.stdout == ""
    assert "Error" not in result.stderr and "Usage" not in result.stderr and "Aborted" not in result.stderr
    return result.stderr


def test_a_short_admin_password_is_refused_in_vietnamese(app):
    stderr = refused(run(app, "create-admin", "quantri", "--password", "ngan"))
    assert stderr == "Lỗi: Mật khẩu phải có ít nhất 8 ký tự.\n"
    with app.app_context():
        assert db.session.query(Account).count() == 0


def test_an_interrupted_password_prompt_changes_nothing(app):
    result = run(app, "create-admin", "quantri", input="")
    assert result.exit_code == 1
    assert result.stderr.endswith("Lỗi: Đã huỷ: không có tài khoản nào thay đổi.\n")
    assert "Aborted" not in result.output
    with app.app_context():
        assert db.session.query(Account).count() == 0


def test_seeding_a_unit_twice_is_refused_in_vietnamese(app):
    assert run(app, "seed-demo", "--password", "demo1234").exit_code == 0
    stderr = refused(run(app, "seed-demo"))
    assert stderr == "Lỗi: Cơ sở dữ liệu đã có người; dữ liệu mẫu chỉ nạp vào cơ sở dữ liệu trống.\n"


def test_a_backup_onto_an_existing_file_is_refused_in_vietnamese(app, tmp_path):
    target = tmp_path / "da-co.backup"
    target.write_bytes(b"not ours")
    stderr = refused(run(app, "backup", target))
    assert stderr == f"Lỗi: Đã có tệp “{target}”: không ghi đè. Chọn tên khác, hoặc thêm --force.\n"
    assert target.read_bytes() == b"not ours"


def test_restoring_a_missing_file_is_refused_in_vietnamese(app, tmp_path):
    stderr = refused(run(app, "restore", tmp_path / "khong-co.backup", "--yes"))
    assert stderr == f"Lỗi: Không có tệp sao lưu “{tmp_path / 'khong-co.backup'}”.\n"


def test_importing_a_missing_year_file_is_refused_in_vietnamese(app, tmp_path):
    stderr = refused(run(app, "year", "import", tmp_path / "khong-co.json"))
    assert stderr == f"Lỗi: Không có tệp “{tmp_path / 'khong-co.json'}”.\n"


def test_a_year_files_errors_stay_one_path_line_each(app, tmp_path):
    path = tmp_path / "hong.json"
    path.write_text('{"format": "tdkt-year/1", "year": 2026, "nam": 1}', encoding="utf-8")
    stderr = refused(run(app, "year", "import", path))
    lines = stderr.splitlines()
    assert "nam: trường không có trong định dạng tdkt-year/1" in lines
    assert "unit: thiếu trường bắt buộc" in lines
    assert not any(line.startswith("Lỗi") for line in lines)


@pytest.mark.parametrize(("args", "usage", "message"), [
    (["year", "import"], "flask year import [OPTIONS] FILE", "Lỗi: thiếu tham số 'FILE'."),
    (["year", "export"], "flask year export [OPTIONS]", "Lỗi: thiếu tuỳ chọn '--year'."),
    (["year", "export", "--year", "hai nghìn"], "flask year export [OPTIONS]",
     "Lỗi: giá trị không hợp lệ cho '--year'."),
    (["create-admin"], "flask create-admin [OPTIONS] USERNAME", "Lỗi: thiếu tham số 'USERNAME'."),
    (["backup"], "flask backup [OPTIONS] PATH", "Lỗi: thiếu tham số 'PATH'."),
    (["restore", "x.backup", "--khong-hoi"], "flask restore [OPTIONS] PATH", "Lỗi: không có tuỳ chọn --khong-hoi."),
])
def test_usage_errors_name_what_is_missing_in_vietnamese(app, args, usage, message):
    stderr = refused(run(app, *args), exit_code=2)
    lines = stderr.splitlines()
    assert lines[0].startswith("Cách dùng: ") and lines[0].endswith(usage.removeprefix("flask"))
    assert message in lines
    assert lines[-1].startswith("Xem thêm: ") and lines[-1].endswith(" --help")
