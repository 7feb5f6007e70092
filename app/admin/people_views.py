"""People (cán bộ) and their accounts, edited inline. People are deactivated, never deleted."""

from __future__ import annotations

import secrets

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from app import audit, htmx, roster
from app.admin import choices
from app.admin.forms import PersonForm
from app.admin.views import bp
from app.domain.people_rows import next_free_code
from app.extensions import db
from app.models import Account, Person
from app.permissions import admin_required

FIELDS = ("code", "family_name", "middle_name", "given_name", "gender", "position", "department_id",
          "employed_from", "employed_to", "active")
FORM_FIELDS = ("code", "family_name", "middle_name", "given_name", "gender", "position", "department_id",
               "employed_from", "employed_to", "username")
PAGE = "admin/people.html"
ROW_EDIT = "admin/partials/person_row_edit.html"
TABLE = "admin/partials/people_table.html"


def temporary_password() -> str:
    # Readable aloud over the phone: no 0/O or 1/l look-alikes.
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


def list_args() -> dict[str, str]:
    """The list's sort and filter, carried through every inline request so a save keeps the reader's view."""
    sort = request.args.get("sort", "name")
    args = {"sort": sort if sort in ("name", "department") else "name"}
    if request.args.get("inactive") == "1":
        args["inactive"] = "1"
    return args


def _people() -> list[Person]:
    query = select(Person).options(selectinload(Person.department), selectinload(Person.account))
    if "inactive" not in list_args():
        query = query.where(Person.active.is_(True))
    people = list(db.session.scalars(query))
    return roster.sort_by_department(people) if list_args()["sort"] == "department" else roster.sort_by_name(people)


def _render(partial: str, status: int = 200, **context):
    counts = dict(db.session.execute(select(Person.active, func.count()).group_by(Person.active)).all())
    return htmx.render(PAGE, partial, status, people=_people(), args=list_args(), active_count=counts.get(True, 0),
                       inactive_count=counts.get(False, 0), **context)


def _form(person: Person | None = None) -> PersonForm:
    form = PersonForm(obj=person)
    form.department_id.choices = choices.department_choices()
    if person is not None and request.method == "GET":
        form.department_id.data = person.department_id or choices.NONE
        form.username.data = person.account.username if person.account else ""
        form.version.data = person.version
    return form


def _load(person_id: int) -> Person:
    person = db.session.get(Person, person_id)
    if person is None:
        abort(404)
    return person


def _next_code() -> str:
    return next_free_code(set(db.session.scalars(select(Person.code))))


def _check_unique(form: PersonForm, person: Person | None) -> bool:
    ok = True
    if form.code.data:
        clash = db.session.scalar(select(Person.id).where(func.upper(Person.code) == form.code.data.upper()))
        if clash and (person is None or clash != person.id):
            form.code.errors.append(_("Mã cán bộ này đã có người dùng."))
            ok = False
    if form.username.data:
        clash = db.session.scalar(select(Account).where(Account.username == form.username.data))
        if clash and (person is None or clash.person_id != person.id):
            form.username.errors.append(_("Tên đăng nhập này đã có người dùng."))
            ok = False
    if person is not None and person.account and not form.username.data:
        form.username.errors.append(_("Người này đã có tài khoản: không thể bỏ trống tên đăng nhập. "
                                      "Muốn chặn đăng nhập, hãy cho người đó nghỉ."))
        ok = False
    return ok


def _apply(form: PersonForm, person: Person) -> str | None:
    """Copy the form onto the person and their account; return a new temporary password if one was made."""
    person.code = (form.code.data or _next_code()).upper()
    person.family_name = form.family_name.data
    person.middle_name = form.middle_name.data
    person.given_name = form.given_name.data
    person.gender = form.gender.data
    person.position = form.position.data
    person.department_id = form.department_id.data or None
    person.employed_from = form.employed_from.date
    person.employed_to = form.employed_to.date
    if not form.username.data:
        return None
    if person.account is None:
        return open_account(person, form.username.data)
    person.account.username = form.username.data
    return None


def open_account(person: Person, username: str) -> str:
    """Give a person a login; return its temporary password, to be shown once and never stored."""
    password = temporary_password()
    account = Account(username=username, person=person)
    account.set_password(password, temporary=True)
    db.session.add(account)
    return password


def _password_notice(person: Person, password: str) -> tuple[str, str]:
    return ("secret", _("Mật khẩu tạm thời của %(name)s (tên đăng nhập %(username)s): %(password)s — hãy chuyển "
                        "cho người dùng; họ sẽ phải đổi mật khẩu ở lần đăng nhập đầu tiên. Mật khẩu này chỉ hiện "
                        "một lần.", name=person.full_name, username=person.account.username, password=password))


def _saved(person: Person, notices=()):
    """After a write: htmx gets the whole table re-sorted with the row marked, a plain form the list page."""
    if not htmx.is_htmx():
        if notices:  # a one-time secret cannot survive a redirect, so show it on the list directly
            return _render(TABLE, notices=notices, saved_id=person.id)
        return htmx.redirect(url_for("admin.people", **list_args()))
    response = _render(TABLE, notices=notices, saved_id=person.id)
    return htmx.trigger(htmx.retarget(response, "#people-table"), htmx.PEOPLE_CHANGED)


@bp.route("/people")
@admin_required
def people():
    return _render(TABLE)


@bp.route("/people/new")
@admin_required
def person_new():
    form = _form()
    return _render(ROW_EDIT, new_form=form, form=form)


@bp.route("/people", methods=["POST"])
@admin_required
def person_create():
    form = _form()
    if not form.validate_on_submit() or not _check_unique(form, None):
        return _render(ROW_EDIT, 422, new_form=form, form=form)
    person = Person(active=True)
    password = _apply(form, person)
    db.session.add(person)
    db.session.flush()
    audit.record("person", person.id, "create", None, person_snapshot(person))
    db.session.commit()
    roster.forget()
    flash(_("Đã thêm %(name)s.", name=person.full_name), "success")
    return _saved(person, [_password_notice(person, password)] if password else ())


@bp.route("/people/<int:person_id>/row")
@admin_required
def person_row(person_id: int):
    return _render("admin/partials/person_row.html", person=_load(person_id))


@bp.route("/people/<int:person_id>/edit")
@admin_required
def person_edit(person_id: int):
    person = _load(person_id)
    return _render(ROW_EDIT, person=person, editing=person.id, form=_form(person))


@bp.route("/people/<int:person_id>", methods=["POST"])
@admin_required
def person_update(person_id: int):
    person = _load(person_id)
    form = _form()
    context = {"person": person, "editing": person.id, "form": form}
    if not form.validate_on_submit() or not _check_unique(form, person):
        return _render(ROW_EDIT, 422, **context)
    if str(person.version) != (form.version.data or ""):
        # Someone saved this person since the form was opened: show what they changed, keep this user's input,
        # and let a second save (now against the current version) go through deliberately.
        changed = _fields_changed_since(form, person)
        form.version.data = person.version
        message = _("Người khác vừa lưu thay đổi cho %(name)s trong lúc bạn sửa. Các ô khác với bản đang lưu: "
                    "%(fields)s. Kiểm tra lại rồi bấm Lưu lần nữa để ghi phần của bạn.", name=person.full_name,
                    fields=", ".join(changed) or _("không có"))
        return _render(ROW_EDIT, 409, conflict_fields=changed, notices=[("error", message)], **context)
    before = person_snapshot(person)
    password = _apply(form, person)
    try:
        db.session.flush()
    except StaleDataError:
        db.session.rollback()
        abort(409)
    audit.record("person", person.id, "update", before, person_snapshot(person))
    db.session.commit()
    roster.forget()
    flash(_("Đã lưu %(name)s.", name=person.full_name), "success")
    return _saved(person, [_password_notice(person, password)] if password else ())


@bp.route("/people/<int:person_id>/deactivate", methods=["POST"])
@admin_required
def person_deactivate(person_id: int):
    person = _load(person_id)
    if current_user.person_id == person.id:
        flash(_("Bạn không thể tự cho mình nghỉ. Hãy nhờ một quản trị khác."), "error")
        return _render(TABLE, 422)
    return _set_active(person, False, _("%(name)s đã được chuyển sang danh sách đã nghỉ; tài khoản không đăng nhập "
                                        "được nữa. Hồ sơ và dữ liệu cũ vẫn được giữ.", name=person.full_name))


@bp.route("/people/<int:person_id>/activate", methods=["POST"])
@admin_required
def person_activate(person_id: int):
    person = _load(person_id)
    return _set_active(person, True, _("%(name)s đã làm việc trở lại.", name=person.full_name))


def _set_active(person: Person, active: bool, message: str):
    before = person_snapshot(person)
    person.active = active
    db.session.flush()
    audit.record("person", person.id, "activate" if active else "deactivate", before, person_snapshot(person))
    db.session.commit()
    roster.forget()
    flash(message, "success")
    return _saved(person)


@bp.route("/people/<int:person_id>/reset-password", methods=["POST"])
@admin_required
def person_reset_password(person_id: int):
    person = _load(person_id)
    if person.account is None:
        flash(_("%(name)s chưa có tài khoản: hãy đặt tên đăng nhập trước.", name=person.full_name), "error")
        return _render(TABLE, 422)
    password = temporary_password()
    person.account.set_password(password, temporary=True)  # also signs out their open sessions
    audit.record("account", person.account.id, "reset_password", reason=_("Quản trị đặt lại mật khẩu"))
    db.session.commit()
    return _saved(person, [_password_notice(person, password)])


def person_snapshot(person: Person) -> dict:
    values = audit.snapshot(person, FIELDS)
    values["username"] = person.account.username if person.account else None
    return values


def _fields_changed_since(form: PersonForm, person: Person) -> list[str]:
    """Labels of the fields whose stored value differs from what this user submitted."""
    submitted = {"code": (form.code.data or "").upper(), "department_id": form.department_id.data or None,
                 "employed_from": form.employed_from.date, "employed_to": form.employed_to.date,
                 "username": form.username.data or None}
    stored = {"department_id": person.department_id, "username": person.account.username if person.account else None}
    changed = []
    for name in FORM_FIELDS:
        mine = submitted[name] if name in submitted else getattr(form, name).data
        theirs = stored[name] if name in stored else getattr(person, name)
        if (mine or None) != (theirs or None):
            changed.append(str(getattr(form, name).label.text))
    return changed
