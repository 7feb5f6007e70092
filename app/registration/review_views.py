"""The list of people's registrations: what each person registered for, who has not registered yet, and the
inline approve / reject of those the current account decides (their reviewees; the Trưởng ban decides all)."""

from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import htmx
from app.domain.registration import NOT_REGISTERED, STATES, state_counts
from app.extensions import db
from app.labels import REGISTRATION_STATE_LABELS
from app.models import Registration
from app.permissions import can_decide_for
from app.registration import queries, workflow
from app.registration.views import bp
from app.registration.workflow import decision_form

PAGE = "registration/people.html"
TABLE = "registration/partials/people_table.html"
ROW = "registration/partials/person_row.html"
ROW_DECIDE = "registration/partials/person_row_decide.html"
FILTERS = (NOT_REGISTERED, *STATES)


def list_args() -> dict[str, str]:
    """The state the reader filtered on, carried through every inline request so a decision keeps their view."""
    state = request.args.get("state", "")
    return {"state": state} if state in FILTERS else {}


def _render(partial: str, status: int = 200, **context):
    if htmx.is_htmx() and partial != TABLE:  # one row for htmx: the list and its counts are not needed
        return htmx.render(PAGE, partial, status, args=list_args(), **context)
    year = queries.current_year()
    rows = queries.rows(year) if year else []
    counts = state_counts(row.state for row in rows)
    wanted = list_args().get("state")
    shown = [row for row in rows if wanted is None or (row.state or NOT_REGISTERED) == wanted]
    return htmx.render(PAGE, partial, status, year=year, rows=shown, total=len(rows), counts=counts, args=list_args(),
                       filter_labels=_filter_labels(), deciding_any=any(row.can_decide for row in rows), **context)


def _filter_labels() -> dict[str, str]:
    return {NOT_REGISTERED: _("Chưa đăng ký"), **{code: str(REGISTRATION_STATE_LABELS[code]) for code in STATES}}


def _row_context(registration: Registration) -> dict:
    person = registration.person
    return {"row": queries.Row(person, registration, can_decide_for(current_user, person))}


def _load_for_decision(registration_id: int) -> Registration:
    registration = queries.load_registration(registration_id)
    if not can_decide_for(current_user, registration.person):
        abort(403)
    workflow.require_waiting(registration, registration.person.full_name)
    return registration


@bp.route("/people")
@login_required
def people():
    return _render(TABLE)


@bp.route("/<int:registration_id>/row")
@login_required
def row(registration_id: int):
    return _render(ROW, **_row_context(queries.load_registration(registration_id)))


@bp.route("/<int:registration_id>/decide", methods=["GET", "POST"])
@login_required
def decide(registration_id: int):
    registration = _load_for_decision(registration_id)
    form = decision_form(registration)
    context = {**_row_context(registration), "deciding": registration.id, "form": form}
    if request.method == "GET":
        return _render(ROW_DECIDE, **context)
    refused = workflow.check_decision(form, registration, _(
        "%(name)s vừa gửi lại bản đăng ký đã sửa trong lúc bạn xem. Hãy đọc lại nội dung mới rồi quyết định.",
        name=registration.person.full_name))
    if refused:
        status, notices = refused
        return _render(ROW_DECIDE, status, notices=notices, **context)
    action = workflow.decide(registration, form, "registration")
    db.session.commit()
    name = registration.person.full_name
    flash(_("Đã duyệt đăng ký thi đua của %(name)s.", name=name) if action == "approve"
          else _("Đã từ chối đăng ký thi đua của %(name)s; người đăng ký sẽ thấy lý do.", name=name), "success")
    if not htmx.is_htmx():
        return htmx.redirect(url_for("registration.people", **list_args()))
    response = _render(TABLE, saved_id=registration.id)
    return htmx.retarget(response, "#registrations-table")
