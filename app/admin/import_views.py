"""People imported from an XLSX or CSV file: every row is checked first, then all are saved in one transaction.

A row whose code (Mã) belongs to someone already listed updates that person: the columns present in the file
overwrite theirs, an existing account is kept (renamed if the file gives another username). A row without a code adds
a new person with the next free code. A file with any bad row saves nothing.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from flask import abort, current_app, make_response, render_template, send_file
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from app import audit, roster
from app.admin import choices, spreadsheet
from app.admin.people_views import open_account, person_snapshot
from app.admin.views import bp
from app.domain import people_rows
from app.domain.people_columns import COLUMN_BY_KEY, Known, KnownDepartment, KnownPerson, PersonRow, RowError
from app.domain.text import clean_text
from app.extensions import db
from app.form_base import BaseForm
from app.models import Account, Person
from app.permissions import admin_required

PAGE = "admin/people_import.html"
RESULT = "admin/people_import_result.html"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Which Person attribute each file column fills; the code is only ever set on a new person.
ATTRIBUTES = {"family_name": "family_name", "middle_name": "middle_name", "given_name": "given_name",
              "gender": "gender", "position": "position", "department": "department_id",
              "employed_from": "employed_from", "employed_to": "employed_to"}
# person_snapshot's keys as the file's columns, to tell the admin what an update changed.
SNAPSHOT_COLUMNS = {**{attribute: key for key, attribute in ATTRIBUTES.items()}, "username": "username"}


class PeopleImportForm(BaseForm):
    file = FileField(_l("Tệp danh sách cán bộ"), [FileRequired(_l("Hãy chọn tệp Excel (.xlsx) hoặc CSV để nhập."))],
                     description=_l("Tệp Excel (.xlsx) hoặc CSV lưu bằng mã UTF-8. Dữ liệu đọc ở trang tính đầu tiên."),
                     render_kw={"accept": f".xlsx,.csv,text/csv,{XLSX_MIMETYPE}"})


@dataclass
class Imported:
    """One saved row, in plain values: the result page needs no query per person."""

    row: int
    code: str
    name: str
    position: str
    department_id: int | None
    username: str | None
    action: str  # "create", "update" or "unchanged"
    changed: list[str] = field(default_factory=list)  # headers of the columns an update changed
    password: str | None = None  # shown once on the result page, stored nowhere


def _department_pairs() -> list[tuple[str, str]]:
    return [(department.code, department.name) for department in choices.departments()]


def _known() -> Known:
    people = db.session.scalars(select(Person).options(selectinload(Person.account)))
    return Known(
        people=[KnownPerson(p.id, p.code, p.family_name, p.middle_name, p.given_name,
                            p.account.username if p.account else None, p.department_id, p.employed_from,
                            p.employed_to) for p in people],
        departments=[KnownDepartment(d.id, d.code, d.name) for d in choices.departments()],
        unowned_usernames=frozenset(db.session.scalars(select(Account.username).where(Account.person_id.is_(None)))),
    )


def _shown_error(error: RowError) -> dict[str, object]:
    return {"row": error.row, "column": error.column, "letter": error.letter,
            "message": _(error.message, **error.params)}


def _page(form: PeopleImportForm, status: int = 200, errors: tuple[RowError, ...] = ()):
    shown = [_shown_error(error) for error in errors]
    html = render_template(PAGE, form=form, errors=shown, error_rows=len({error.row for error in errors}),
                           guide=spreadsheet.column_guide(_department_pairs()),
                           max_rows=current_app.config["PEOPLE_IMPORT_MAX_ROWS"])
    return make_response(html, status)


def _upload_name(filename: str | None) -> str:
    # Some browsers send the whole client-side path; the admin knows the file by its name.
    return clean_text((filename or "").replace("\\", "/").rsplit("/", 1)[-1])[:100]


def _copy(row: PersonRow, person: Person, columns: frozenset[str] | set[str]) -> None:
    for key, attribute in ATTRIBUTES.items():
        if key in columns:
            setattr(person, attribute, getattr(row, attribute))


def _create(row: PersonRow) -> tuple[Person, str | None]:
    person = Person(code=row.code, active=True)
    _copy(row, person, set(ATTRIBUTES))
    db.session.add(person)
    return person, open_account(person, row.username) if row.username else None


def _update(row: PersonRow, person: Person) -> str | None:
    _copy(row, person, row.columns)
    if "username" not in row.columns or not row.username:
        return None  # an account is never taken away by an import
    if person.account is None:
        return open_account(person, row.username)
    person.account.username = row.username
    return None


def _imported(row: PersonRow, person: Person, password: str | None, before: dict | None, reason: str) -> Imported:
    after = person_snapshot(person)
    if before is None:
        audit.record("person", person.id, "create", None, after, reason)
        action, changed = "create", []
    else:
        changed = [COLUMN_BY_KEY[SNAPSHOT_COLUMNS[key]].header for key in SNAPSHOT_COLUMNS
                   if before.get(key) != after.get(key)]
        action = "update" if changed else "unchanged"
        if changed:
            audit.record("person", person.id, "update", before, after, reason)
    return Imported(row.row, person.code, person.full_name, person.position, person.department_id,
                    person.account.username if person.account else None, action, changed, password)


def _save(rows: tuple[PersonRow, ...], filename: str) -> list[Imported]:
    """All rows in one transaction: people, their accounts and one audit event each, committed together."""
    rows_with_codes = people_rows.assign_codes(rows, db.session.scalars(select(Person.code)))
    existing_ids = [row.existing_id for row in rows_with_codes if row.existing_id is not None]
    existing = {person.id: person for person in db.session.scalars(
        select(Person).where(Person.id.in_(existing_ids)).options(selectinload(Person.account)))}
    saved = []
    for row in rows_with_codes:
        if row.existing_id is None:
            person, password = _create(row)
            saved.append((row, person, password, None))
        else:
            person = existing[row.existing_id]
            before = person_snapshot(person)
            saved.append((row, person, _update(row, person), before))
    db.session.flush()  # new people need their ids for the audit trail
    reason = _("Nhập từ tệp “%(name)s”", name=filename)
    imported = [_imported(*item, reason) for item in saved]
    db.session.commit()
    return imported


def _result(imported: list[Imported], filename: str):
    departments = {department.id: department.name for department in choices.departments()}
    counts = {action: sum(1 for item in imported if item.action == action)
              for action in ("create", "update", "unchanged")}
    response = make_response(render_template(RESULT, imported=imported, counts=counts, filename=filename,
                                             departments=departments))
    response.headers["Cache-Control"] = "no-store"  # the page shows one-time passwords: keep it out of caches
    return response


@bp.route("/people/import", methods=["GET", "POST"])
@admin_required
def people_import():
    form = PeopleImportForm()
    if not form.validate_on_submit():
        return _page(form, 422 if form.is_submitted() else 200)
    filename = _upload_name(form.file.data.filename)
    try:
        rows = spreadsheet.read_rows(form.file.data.read(), filename, current_app.config["PEOPLE_IMPORT_MAX_ROWS"])
    except spreadsheet.UnreadableFile as error:
        form.file.errors.append(str(error))
        return _page(form, 422)
    checked = people_rows.check_rows(rows, _known())
    if checked.errors:
        return _page(form, 422, checked.errors)
    try:
        imported = _save(checked.people, filename)
    except (IntegrityError, StaleDataError):
        # Someone saved people or accounts between the check and the commit: nothing of this file was kept.
        db.session.rollback()
        form.file.errors.append(_("Trong lúc nhập, danh sách cán bộ vừa được người khác thay đổi nên chưa ai được "
                                  "nhập. Hãy tải tệp lên lại."))
        return _page(form, 409)
    roster.forget()
    return _result(imported, filename)


@bp.route("/people/import/template.<fmt>")
@admin_required
def people_import_template(fmt: str):
    departments = _department_pairs()
    if fmt == "xlsx":
        data = spreadsheet.template_xlsx(departments, current_app.config["PEOPLE_IMPORT_MAX_ROWS"])
        mimetype = XLSX_MIMETYPE
    elif fmt == "csv":
        data, mimetype = spreadsheet.template_csv(departments), "text/csv; charset=utf-8"
    else:
        abort(404)
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True,
                     download_name=f"mau-nhap-can-bo.{fmt}", max_age=0)
