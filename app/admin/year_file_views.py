"""The year file (`tdkt-year/1`) from the admin screens: the same import and export as `flask year import/export`.

The file is checked and loaded by app.yearfile (validation in app.domain.year_file): a file with any error changes
nothing, and the page lists every `PATH: message` line. Export is the document `year_document` gives, as a download.
"""

from __future__ import annotations

import json

from flask import abort, current_app, flash, make_response, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import select
from wtforms import BooleanField

from app import htmx, roster
from app.admin.views import bp
from app.domain.text import clean_text
from app.extensions import db
from app.form_base import BaseForm
from app.models import Year
from app.permissions import admin_required
from app.yearfile.cli import COUNT_LABELS
from app.yearfile.exporter import find_year, year_document
from app.yearfile.importer import ImportSummary, YearFileError, import_year

PAGE = "admin/year_file.html"
PARTIAL = "admin/partials/year_file_import.html"
JSON_MIMETYPE = "application/json; charset=utf-8"
# The importer's refusal of a year that has data names the CLI's option; on this page it is the checkbox.
CLI_REPLACE_OPTION = "--replace"


class YearFileImportForm(BaseForm):
    file = FileField(_l("Tệp năm thi đua (.json)"), [FileRequired(_l("Hãy chọn tệp năm thi đua (.json) để nhập."))],
                     render_kw={"accept": ".json,application/json"})
    replace = BooleanField(_l("Thay thế dữ liệu năm đã có"))


def _years() -> list[int]:
    return list(db.session.scalars(select(Year.year).order_by(Year.year.desc())))


def _max_megabytes() -> int:
    return (current_app.config.get("MAX_CONTENT_LENGTH") or 0) // (1024 * 1024)


def _render(form: YearFileImportForm, status: int = 200, errors: list[str] | None = None):
    return htmx.render(PAGE, PARTIAL, status, form=form, errors=errors or [], years=_years(),
                       max_megabytes=_max_megabytes())


def _upload_name(filename: str | None) -> str:
    # Some browsers send the whole client-side path; the admin knows the file by its name.
    return clean_text((filename or "").replace("\\", "/").rsplit("/", 1)[-1])[:100] or "tệp tải lên"


def _parse(raw: bytes) -> tuple[object, str | None]:
    """The file's JSON, or the reason it is not JSON."""
    try:
        return json.loads(raw.decode("utf-8-sig")), None
    except UnicodeDecodeError:
        return None, _("Tệp không phải JSON hợp lệ: tệp không phải văn bản UTF-8.")
    except json.JSONDecodeError as error:
        return None, _("Tệp không phải JSON hợp lệ: lỗi ở dòng %(line)s, cột %(column)s.",
                       line=error.lineno, column=error.colno)
    except (ValueError, RecursionError):  # Python's limits: an integer of thousands of digits, nesting too deep
        return None, _("Tệp không phải JSON hợp lệ: có số quá dài hoặc mảng, đối tượng lồng nhau quá sâu.")


def _shown(line: str) -> str:
    return line.replace(CLI_REPLACE_OPTION, _("“Thay thế dữ liệu năm đã có”"))


def _summary(summary: ImportSummary, filename: str) -> str:
    """The sentence `flask year import` prints."""
    parts = ", ".join(f"{summary.counts[key]} {label}" for key, label in COUNT_LABELS if summary.counts.get(key))
    values = {"year": summary.year, "rulebook": summary.rulebook, "name": filename,
              "counts": parts or _("không có bản ghi nào")}
    if summary.replaced:
        return _("Đã thay dữ liệu năm %(year)s (quy định %(rulebook)s) từ “%(name)s”: %(counts)s.", **values)
    return _("Đã nhập năm %(year)s (quy định %(rulebook)s) từ “%(name)s”: %(counts)s.", **values)


@bp.route("/year-file")
@admin_required
def year_file():
    return _render(YearFileImportForm())


@bp.route("/year-file/export")
@admin_required
def year_file_export():
    number = request.args.get("year", type=int)
    if number is None or find_year(number) is None:
        abort(404)
    body = json.dumps(year_document(number), ensure_ascii=False, indent=2) + "\n"
    response = make_response(body.encode("utf-8"))
    response.headers["Content-Type"] = JSON_MIMETYPE
    response.headers["Content-Disposition"] = f'attachment; filename="tdkt-year-{number}.json"'
    response.headers["Cache-Control"] = "no-store"  # people's records: keep them out of shared caches
    return response


@bp.route("/year-file/import", methods=["POST"])
@admin_required
def year_file_import():
    form = YearFileImportForm()
    if not form.validate_on_submit():
        return _render(form, 422)
    filename = _upload_name(form.file.data.filename)
    doc, unreadable = _parse(form.file.data.read())
    if unreadable:
        form.file.errors.append(unreadable)
        return _render(form, 422)
    try:
        summary = import_year(doc, filename, replace=form.replace.data)
    except YearFileError as error:  # nothing changed: the importer rolled back or never wrote
        return _render(form, 422, [_shown(line) for line in error.lines])
    roster.forget()
    flash(_summary(summary, filename), "success")
    return htmx.redirect(url_for("admin.year_file"))
