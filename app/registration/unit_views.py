"""The unit's registration of its collective title: a board leader or an admin prepares and sends it, the
Trưởng ban approves or rejects it."""

from __future__ import annotations

from collections import Counter

from flask import abort, flash, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app import htmx
from app.domain.registration import can_decide, can_edit, year_accepts_registrations
from app.extensions import db
from app.models import Registration, UnitRegistration, Year
from app.permissions import can_prepare_unit_registration, is_chief
from app.registration import queries, workflow
from app.registration.forms import DecisionForm, UnitRegistrationForm, unit_form
from app.registration.views import bp

FIELDS = ("target_title", "plan")
PAGE = "registration/unit.html"
PANEL = "registration/partials/unit_panel.html"
ENTITY = "unit_registration"


def approved_titles(year: Year) -> Counter:
    """How many people's approved registrations aim for each title: what the unit's own title stands on."""
    return Counter(db.session.scalars(
        select(Registration.target_title).where(Registration.year_id == year.id, Registration.state == "approved")
    ))


def _render(status: int = 200, form: UnitRegistrationForm | None = None,
            decision: DecisionForm | None = None, **context):
    year = queries.current_year()
    record = queries.unit_registration_of(year) if year else None
    may_prepare = can_prepare_unit_registration(current_user)
    open_year = bool(year and year_accepts_registrations(m.state for m in year.months))
    if form is None and year and may_prepare and open_year and can_edit(record and record.state):
        form = unit_form(year, record)
    if decision is None and record is not None and is_chief(current_user) and can_decide(record.state):
        decision = workflow.decision_form(record)
    return htmx.render(PAGE, PANEL, status, year=year, record=record, form=form, decision=decision,
                       may_prepare=may_prepare, open_year=open_year,
                       titles=approved_titles(year) if year else Counter(), **context)


@bp.route("/unit")
@login_required
def unit():
    return _render()


@bp.route("/unit", methods=["POST"])
@login_required
def unit_save():
    if not can_prepare_unit_registration(current_user):
        abort(403)
    year = workflow.open_year_or_refuse()
    record = queries.unit_registration_of(year)
    workflow.require_editable(record)
    form = unit_form(year, record)
    refused = workflow.check_form(form, record, FIELDS, _("Người khác vừa lưu bản đăng ký của đơn vị"))
    if refused:
        status, notices = refused
        return _render(status, form, notices=notices)
    workflow.write(record, lambda: UnitRegistration(year_id=year.id, state="draft"), form, FIELDS, ENTITY)
    flash(_("Đã gửi bản đăng ký thi đua của đơn vị; chờ Trưởng ban duyệt.") if form.submitting
          else _("Đã lưu nháp bản đăng ký của đơn vị."), "success")
    return htmx.redirect(url_for("registration.unit"))


@bp.route("/unit/decide", methods=["POST"])
@login_required
def unit_decide():
    if not is_chief(current_user):
        abort(403)
    year = workflow.current_year_or_refuse()
    record = queries.unit_registration_of(year)
    if record is None:
        workflow.refuse(_("Đơn vị chưa đăng ký thi đua năm %(year)s: chưa có gì để duyệt.", year=year.year))
    workflow.require_waiting(record, _("đơn vị"))
    decision = workflow.decision_form(record)
    refused = workflow.check_decision(decision, record, _("Bản đăng ký của đơn vị vừa được sửa và gửi lại trong lúc "
                                                          "bạn xem. Hãy đọc lại rồi quyết định."))
    if refused:
        status, notices = refused
        return _render(status, decision=decision, notices=notices)
    action = workflow.decide(record, decision, ENTITY)
    db.session.commit()
    flash(_("Đã duyệt bản đăng ký thi đua của đơn vị.") if action == "approve"
          else _("Đã từ chối bản đăng ký của đơn vị; người chuẩn bị sẽ thấy lý do."), "success")
    return htmx.redirect(url_for("registration.unit"))
