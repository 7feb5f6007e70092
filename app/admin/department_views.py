"""Departments (phòng), edited inline: row → edit row → save or cancel."""

from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from app import audit, htmx, roster
from app.admin import choices
from app.admin.forms import DepartmentForm
from app.admin.views import bp
from app.extensions import db
from app.models import Department, Person
from app.permissions import admin_required

FIELDS = ("code", "name", "sort_order", "supervisor_id")
PAGE = "admin/departments.html"


def _form(department: Department | None = None, **kwargs) -> DepartmentForm:
    form = DepartmentForm(obj=department, **kwargs)
    form.supervisor_id.choices = choices.board_leader_choices()
    if department is not None and request.method == "GET":
        form.supervisor_id.data = department.supervisor_id or choices.NONE
        form.version.data = department.version
    return form


def _render(partial: str, status: int = 200, **context):
    member_counts = dict(
        db.session.execute(select(Person.department_id, func.count()).where(Person.active.is_(True))
                           .group_by(Person.department_id)).all()
    )
    return htmx.render(PAGE, partial, status, departments=choices.departments(), member_counts=member_counts,
                       **context)


def _load(department_id: int) -> Department:
    department = db.session.get(Department, department_id)
    if department is None:
        abort(404)
    return department


def _duplicate_errors(form: DepartmentForm, department_id: int | None) -> bool:
    found = False
    for field, column in ((form.code, Department.code), (form.name, Department.name)):
        clash = db.session.scalar(select(Department.id).where(func.lower(column) == field.data.lower()))
        if clash and clash != department_id:
            field.errors.append(_("Đã có phòng khác dùng giá trị này."))
            found = True
    return found


def _apply(form: DepartmentForm, department: Department) -> None:
    department.code = form.code.data.upper()
    department.name = form.name.data
    department.sort_order = form.sort_order.data or 0
    department.supervisor_id = form.supervisor_id.data or None


@bp.route("/departments")
@admin_required
def departments():
    return _render("admin/partials/departments_table.html")


@bp.route("/departments/new")
@admin_required
def department_new():
    form = _form()
    return _render("admin/partials/department_row_edit.html", new_form=form, form=form)


@bp.route("/departments", methods=["POST"])
@admin_required
def department_create():
    form = _form()
    if not form.validate_on_submit() or _duplicate_errors(form, None):
        return _render("admin/partials/department_row_edit.html", 422, new_form=form, form=form)
    department = Department()
    _apply(form, department)
    db.session.add(department)
    db.session.flush()
    audit.record("department", department.id, "create", None, audit.snapshot(department, FIELDS))
    db.session.commit()
    flash(_("Đã thêm phòng %(name)s.", name=department.name), "success")
    return _saved(department)


@bp.route("/departments/<int:department_id>/row")
@admin_required
def department_row(department_id: int):
    return _render("admin/partials/department_row.html", department=_load(department_id))


@bp.route("/departments/<int:department_id>/edit")
@admin_required
def department_edit(department_id: int):
    department = _load(department_id)
    return _render("admin/partials/department_row_edit.html", department=department, editing=department.id,
                   form=_form(department))


@bp.route("/departments/<int:department_id>", methods=["POST"])
@admin_required
def department_update(department_id: int):
    department = _load(department_id)
    form = _form()
    context = {"department": department, "editing": department.id, "form": form}
    if not form.validate_on_submit() or _duplicate_errors(form, department.id):
        return _render("admin/partials/department_row_edit.html", 422, **context)
    if str(department.version) != (form.version.data or ""):
        form.version.data = department.version
        message = _("Phòng %(name)s vừa được người khác sửa trong lúc bạn sửa. Kiểm tra lại rồi bấm Lưu lần nữa "
                    "để ghi phần của bạn.", name=department.name)
        return _render("admin/partials/department_row_edit.html", 409, notices=[("error", message)], **context)
    before = audit.snapshot(department, FIELDS)
    _apply(form, department)
    try:
        db.session.flush()
    except StaleDataError:
        db.session.rollback()
        abort(409)
    audit.record("department", department.id, "update", before, audit.snapshot(department, FIELDS))
    db.session.commit()
    roster.forget()
    flash(_("Đã lưu phòng %(name)s.", name=department.name), "success")
    return _saved(department)


@bp.route("/departments/<int:department_id>/delete", methods=["POST"])
@admin_required
def department_delete(department_id: int):
    department = _load(department_id)
    in_use = db.session.scalar(select(func.count()).select_from(Person).where(Person.department_id == department.id))
    if in_use:
        flash(_("Không thể xóa phòng %(name)s vì còn %(n)s người thuộc phòng (kể cả người đã nghỉ). "
                "Hãy chuyển họ sang phòng khác trước.", name=department.name, n=in_use), "error")
        return _render("admin/partials/departments_table.html", 422)
    audit.record("department", department.id, "delete", audit.snapshot(department, FIELDS), None)
    db.session.delete(department)
    db.session.commit()
    flash(_("Đã xóa phòng %(name)s.", name=department.name), "success")
    return _saved(None)


def _saved(department: Department | None):
    """After a write: htmx gets the whole table (re-sorted), a plain form a redirect to the list."""
    if not htmx.is_htmx():
        return htmx.redirect(url_for("admin.departments"))
    response = _render("admin/partials/departments_table.html", saved_id=department.id if department else None)
    return htmx.trigger(htmx.retarget(response, "#departments-table"), htmx.DEPARTMENTS_CHANGED)
