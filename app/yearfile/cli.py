"""`flask year import FILE [--replace]`, `flask year export --year Y`, `flask year assess --year Y --json`.

Messages for people are Vietnamese; errors go to standard error with exit status 1 (app/cli_errors.py: a sentence
after "Lỗi: ", a file's `PATH: message` lines one per line as the spec writes them); documents go to standard
output as UTF-8 JSON.
"""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask.cli import AppGroup

from app.cli_errors import CliCommand, CliError
from app.domain.year_file import book_of, validate
from app.yearfile.exporter import find_year, year_document
from app.yearfile.importer import YearFileError, import_year

year_cli = AppGroup("year", help="Tệp năm thi đua (tdkt-year/1): nhập, xuất và đánh giá một năm.")
year_cli.command_class = CliCommand

COUNT_LABELS = (
    ("people_created", "người mới"), ("people_matched", "người đã có (cập nhật theo mã)"),
    ("departments_created", "phòng mới"), ("months", "tháng đánh giá"), ("shortcomings", "tồn tại, hạn chế"),
    ("registrations", "đăng ký thi đua"), ("unit_registration", "đăng ký thi đua của đơn vị"),
    ("initiative", "sáng kiến"), ("research", "đề tài"), ("initiatives_matched", "sáng kiến, đề tài đã có"),
    ("discipline", "kỷ luật"), ("pending", "vụ việc đang xem xét"), ("annual", "quyết định xếp loại năm"),
    ("history", "khen thưởng đã nhận"),
)


def read_document(path: Path) -> object:
    """The parsed JSON of FILE; exits with a Vietnamese message when it cannot be read or parsed."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CliError(f"Không có tệp “{path}”.") from None
    except OSError as error:
        raise CliError(f"Không đọc được tệp “{path}”: {error.strerror}.") from None
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise CliError("", ["$: tệp không phải văn bản UTF-8"]) from None
    except json.JSONDecodeError as error:
        raise CliError("", [f"$: không phải JSON hợp lệ (dòng {error.lineno}, cột {error.colno})"]) from None
    except (ValueError, RecursionError):  # Python's limits: an integer of thousands of digits, nesting too deep
        raise CliError("", ["$: không phải JSON hợp lệ (có số quá dài hoặc mảng, đối tượng lồng nhau quá sâu)"]) from None


def _year_or_fail(number: int):
    year = find_year(number)
    if year is None:
        raise CliError(f"Chưa có năm {number} trong cơ sở dữ liệu.")
    return year


@year_cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True,
              help="Xoá dữ liệu đã có của năm (đánh giá tháng, đăng ký, sáng kiến của năm, quyết định xếp loại…) "
                   "rồi nhập từ tệp.")
def import_command(file: Path, replace: bool) -> None:
    """Kiểm tra tệp năm FILE và nạp vào cơ sở dữ liệu trong một giao dịch: tệp có lỗi thì không thay đổi gì."""
    doc = read_document(file)
    try:
        summary = import_year(doc, file.name, replace=replace)
    except YearFileError as error:
        if error.by_path:
            raise CliError("", error.lines) from None
        raise CliError(error.lines[0], error.lines[1:]) from None
    parts = [f"{summary.counts[key]} {label}" for key, label in COUNT_LABELS if summary.counts.get(key)]
    action = "Đã thay dữ liệu năm" if summary.replaced else "Đã nhập năm"
    click.echo(f"{action} {summary.year} (quy định {summary.rulebook}) từ “{file.name}”: "
               f"{', '.join(parts) or 'không có bản ghi nào'}.")


@year_cli.command("export")
@click.option("--year", "number", type=int, required=True, help="Năm cần xuất.")
def export_command(number: int) -> None:
    """Ghi tệp năm của năm Y (tdkt-year/1) ra đầu ra chuẩn."""
    _year_or_fail(number)
    click.echo(json.dumps(year_document(number), ensure_ascii=False, indent=2))


def _titles(titles: dict) -> str:
    eligible = [code for code, decision in titles.items() if decision.get("eligible")]
    return ", ".join(eligible) or "—"


@year_cli.command("assess")
@click.option("--year", "number", type=int, required=True, help="Năm cần đánh giá.")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON (tdkt-assessment/1).")
def assess_command(number: int, as_json: bool) -> None:
    """Đánh giá năm Y: xếp loại năm, hạn mức Hoàn thành xuất sắc, danh hiệu đủ điều kiện và lý do."""
    year = _year_or_fail(number)
    try:
        from app.domain.year_end import assess
    except ImportError:
        raise CliError("Chưa có bộ quy tắc đánh giá cuối năm (app/domain/year_end.py).") from None
    doc = year_document(number)
    errors = validate(doc)
    if errors:
        raise CliError(f"Dữ liệu năm {number} chưa đủ để đánh giá:", errors)
    result = assess(doc, book_of(doc), dict(year.settings or {}))
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    for person in result["people"]:
        score = person.get("annual_score")
        click.echo(f"{person['person']}\t{person['months_worked']} tháng\t{score if score is not None else '—'}\t"
                   f"{person.get('decided_level') or person.get('level') or '—'}\t{_titles(person['titles'])}")
    quota = result["quota"]
    click.echo(f"Hạn mức Hoàn thành xuất sắc: {quota['htxs_count']}/{quota['htxs_max']}"
               + (" (vượt hạn mức)" if quota["over"] else ""))
    click.echo(f"Đơn vị: {_titles(result['unit'])}")
