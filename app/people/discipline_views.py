"""Discipline and pending cases: the board's leaders (and admins) record them, a department's head reads his
people's, everyone reads their own. They cap the level and hold back titles (app/domain/discipline.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from app import audit, htmx, roster
from app.clock import today
from app.domain import discipline as rules
from app.errors import error_response
from app.extensions import db
from app.models import Discipline, PendingCase, Person
from app.people import discipline_labels
from app.people.discipline_forms import DisciplineForm, PendingCaseForm
from app.people.discipline_labels import CONSEQUENCE_DISCIPLINED, CONSEQUENCE_PENDING
from app.people.views import bp
from app.permissions import can_record_discipline, can_view_person, load_person_or_404, requires

PAGE = "people/discipline_person.html"
UNIT_PAGE = "people/discipline.html"


@dataclass(frozen=True)
class Spec:
    """What differs between a discipline and a pending case; the views below serve both."""

    entity: str  # the audit trail's entity name
    model: type
    form_class: type
    fields: tuple[str, ...]
    dates: tuple[str, ...]
    table: str
    table_id: str
    row: str
    row_edit: str
    endpoint: str  # prefix of the endpoints: discipline_… or case_…
    id_arg: str


DISCIPLINE = Spec("discipline", Discipline, DisciplineForm, ("form", "decision_number", "decided_on", "ends_on", "reason"),
                  ("decided_on", "ends_on"), "people/partials/discipline_table.html", "#discipline-table",
                  "people/partials/discipline_row.html", "people/partials/discipline_row_edit.html", "discipline",
                  "discipline_id")
CASE = Spec("pending_case", PendingCase, PendingCaseForm, ("kind", "opened_on", "closed_on", "note"),
            ("opened_on", "closed_on"), "people/partials/discipline_cases_table.html", "#cases-table",
            "people/partials/discipline_case_row.html", "people/partials/discipline_case_row_edit.html", "case",
            "case_id")


recorder_required = requires(can_record_discipline)


def status_of(disciplines: list[Discipline], cases: list[PendingCase], year: int, on_date: date) -> dict:
    """What the records mean this year, in words citing the rule (shown on the person's page and the list)."""
    disciplined = rules.disciplined_in_year(disciplines, year)
    pending = [case for case in cases if rules.is_open(case, on_date)]
    consequences = ([CONSEQUENCE_DISCIPLINED] if disciplined else []) + ([CONSEQUENCE_PENDING] if pending else [])
    return {"disciplined": disciplined, "heaviest": rules.heaviest_form_in_year(disciplines, year),
            "in_period": rules.under_discipline_on(disciplines, on_date), "pending": pending,
            "count_from": rules.achievements_count_from(disciplines), "consequences": consequences}


# --- The unit's list -----------------------------------------------------------------------------------------

@bp.route("/discipline")
@login_required
def discipline_unit():
    on_date = today()
    people = db.session.scalars(select(Person).options(selectinload(Person.department)))
    visible = {person.id: person for person in people if can_view_person(current_user, person)}
    disciplines = db.session.scalars(select(Discipline).where(Discipline.person_id.in_(list(visible))))
    cases = db.session.scalars(select(PendingCase).where(PendingCase.person_id.in_(list(visible))))
    by_person: dict[int, tuple[list, list]] = {}
    for record in disciplines:
        by_person.setdefault(record.person_id, ([], []))[0].append(record)
    for record in cases:
        by_person.setdefault(record.person_id, ([], []))[1].append(record)
    rows = []
    for person in roster.sort_by_name([visible[person_id] for person_id in by_person]):
        status = status_of(*by_person[person.id], on_date.year, on_date)
        if status["disciplined"] or status["in_period"] or status["pending"]:
            rows.append((person, status))
    return htmx.render(UNIT_PAGE, UNIT_PAGE, rows=rows, year=on_date.year, today=on_date, discipline_labels=discipline_labels,
                       can_record=can_record_discipline(current_user))


# --- One person's page ---------------------------------------------------------------------------------------

def _records(person: Person) -> dict:
    disciplines = list(db.session.scalars(select(Discipline).where(Discipline.person_id == person.id)
                                          .order_by(Discipline.decided_on.desc(), Discipline.id.desc())))
    cases = list(db.session.scalars(select(PendingCase).where(PendingCase.person_id == person.id)
                                    .order_by(PendingCase.closed_on.is_(None).desc(), PendingCase.opened_on.desc(),
                                              PendingCase.id.desc())))
    on_date = today()
    return {"disciplines": disciplines, "cases": cases, "standing": status_of(disciplines, cases, on_date.year, on_date)}


def _render(person: Person, partial: str, status: int = 200, **context):
    return htmx.render(PAGE, partial, status, person=person, can_record=can_record_discipline(current_user),
                       discipline_labels=discipline_labels, **_records(person), **context)


@bp.route("/<int:person_id>/discipline")
@login_required
def discipline_person(person_id: int):
    # htmx asks for one of the page's two tables (cancelling a new row brings its table back).
    spec = CASE if request.args.get("table") == "cases" else DISCIPLINE
    return _render(load_person_or_404(person_id), spec.table)


def _load_item(spec: Spec, person: Person, item_id: int):
    item = db.session.get(spec.model, item_id)
    if item is None or item.person_id != person.id:
        abort(404)
    return item


def _form(spec: Spec, item=None):
    form = spec.form_class(obj=item)
    if item is not None and request.method == "GET":
        form.version.data = item.version
    return form


def _snapshot(spec: Spec, item) -> dict:
    return audit.snapshot(item, ("person_id", *spec.fields))


def _value(spec: Spec, form, name: str):
    field = form[name]
    if name in spec.dates:
        return field.date
    return field.data if field.data is not None else ""  # a text box left out of the post is empty, not NULL


def _changed_fields(spec: Spec, form, item) -> list[str]:
    return [str(form[name].label.text) for name in spec.fields if _value(spec, form, name) != getattr(item, name)]


def _apply(spec: Spec, form, item) -> None:
    for name in spec.fields:
        setattr(item, name, _value(spec, form, name))


def _saved(spec: Spec, person: Person, item):
    """After a write: htmx gets the whole table back with the row marked, a plain form the person's page."""
    if not htmx.is_htmx():
        return htmx.redirect(url_for("people.discipline_person", person_id=person.id))
    return htmx.retarget(_render(person, spec.table, saved=(spec.entity, item.id)), spec.table_id)


def _new(spec: Spec, person_id: int):
    person = load_person_or_404(person_id)
    form = _form(spec)
    return _render(person, spec.row_edit, new=spec.entity, form=form, item=None)


def _create(spec: Spec, person_id: int):
    person = load_person_or_404(person_id)
    form = _form(spec)
    if not form.validate_on_submit():
        return _render(person, spec.row_edit, 422, new=spec.entity, form=form, item=None)
    item = spec.model(person_id=person.id)
    _apply(spec, form, item)
    db.session.add(item)
    db.session.flush()
    audit.record(spec.entity, item.id, "create", None, _snapshot(spec, item))
    db.session.commit()
    flash(_("Đã ghi cho %(name)s.", name=person.full_name), "success")
    return _saved(spec, person, item)


def _row(spec: Spec, person_id: int, item_id: int):
    person = load_person_or_404(person_id)
    return _render(person, spec.row, item=_load_item(spec, person, item_id))


def _edit(spec: Spec, person_id: int, item_id: int):
    person = load_person_or_404(person_id)
    item = _load_item(spec, person, item_id)
    return _render(person, spec.row_edit, editing=(spec.entity, item.id), form=_form(spec, item), item=item)


def _update(spec: Spec, person_id: int, item_id: int):
    person = load_person_or_404(person_id)
    item = _load_item(spec, person, item_id)
    form = _form(spec)
    context = {"editing": (spec.entity, item.id), "form": form, "item": item}
    if not form.validate_on_submit():
        return _render(person, spec.row_edit, 422, **context)
    if str(item.version) != (form.version.data or ""):
        # Someone saved this record since the form was opened: keep this user's input, name what differs, and
        # let a second save (now against the current version) go through deliberately.
        changed = _changed_fields(spec, form, item)
        form.version.data = item.version
        message = _("Người khác vừa lưu bản ghi này trong lúc bạn sửa. Các ô khác với bản đang lưu: %(fields)s. "
                    "Kiểm tra lại rồi bấm Lưu lần nữa để ghi phần của bạn.", fields=", ".join(changed) or _("không có"))
        return _render(person, spec.row_edit, 409, conflict_fields=changed, notices=[("error", message)], **context)
    before = _snapshot(spec, item)
    _apply(spec, form, item)
    try:
        db.session.flush()
    except StaleDataError:
        db.session.rollback()
        abort(409)
    audit.record(spec.entity, item.id, "update", before, _snapshot(spec, item))
    db.session.commit()
    flash(_("Đã lưu thay đổi cho %(name)s.", name=person.full_name), "success")
    return _saved(spec, person, item)


def _delete(spec: Spec, person_id: int, item_id: int):
    person = load_person_or_404(person_id)
    item = _load_item(spec, person, item_id)
    if request.form.get("version") != str(item.version):
        abort(error_response(409, _("Bản ghi này vừa được người khác sửa. Hãy tải lại trang rồi xóa lại nếu vẫn "
                                    "cần.")))
    before = _snapshot(spec, item)
    db.session.delete(item)
    db.session.flush()
    audit.record(spec.entity, item_id, "delete", before, None)
    db.session.commit()
    flash(_("Đã xóa bản ghi của %(name)s.", name=person.full_name), "success")
    if not htmx.is_htmx():
        return htmx.redirect(url_for("people.discipline_person", person_id=person.id))
    return htmx.retarget(_render(person, spec.table), spec.table_id)


# --- Routes: thin, the same six for each kind of record ----------------------------------------------------

@bp.route("/<int:person_id>/discipline/new")
@recorder_required
def discipline_new(person_id: int):
    return _new(DISCIPLINE, person_id)


@bp.route("/<int:person_id>/discipline", methods=["POST"])
@recorder_required
def discipline_create(person_id: int):
    return _create(DISCIPLINE, person_id)


@bp.route("/<int:person_id>/discipline/<int:discipline_id>")
@login_required
def discipline_row(person_id: int, discipline_id: int):
    return _row(DISCIPLINE, person_id, discipline_id)


@bp.route("/<int:person_id>/discipline/<int:discipline_id>/edit")
@recorder_required
def discipline_edit(person_id: int, discipline_id: int):
    return _edit(DISCIPLINE, person_id, discipline_id)


@bp.route("/<int:person_id>/discipline/<int:discipline_id>", methods=["POST"])
@recorder_required
def discipline_update(person_id: int, discipline_id: int):
    return _update(DISCIPLINE, person_id, discipline_id)


@bp.route("/<int:person_id>/discipline/<int:discipline_id>/delete", methods=["POST"])
@recorder_required
def discipline_delete(person_id: int, discipline_id: int):
    return _delete(DISCIPLINE, person_id, discipline_id)


@bp.route("/<int:person_id>/discipline/cases/new")
@recorder_required
def case_new(person_id: int):
    return _new(CASE, person_id)


@bp.route("/<int:person_id>/discipline/cases", methods=["POST"])
@recorder_required
def case_create(person_id: int):
    return _create(CASE, person_id)


@bp.route("/<int:person_id>/discipline/cases/<int:case_id>")
@login_required
def case_row(person_id: int, case_id: int):
    return _row(CASE, person_id, case_id)


@bp.route("/<int:person_id>/discipline/cases/<int:case_id>/edit")
@recorder_required
def case_edit(person_id: int, case_id: int):
    return _edit(CASE, person_id, case_id)


@bp.route("/<int:person_id>/discipline/cases/<int:case_id>", methods=["POST"])
@recorder_required
def case_update(person_id: int, case_id: int):
    return _update(CASE, person_id, case_id)


@bp.route("/<int:person_id>/discipline/cases/<int:case_id>/delete", methods=["POST"])
@recorder_required
def case_delete(person_id: int, case_id: int):
    return _delete(CASE, person_id, case_id)
