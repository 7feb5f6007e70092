"""Yearly emulation registration (đăng ký thi đua): a person registers the title they aim for, their planned
initiatives and their study commitment; their reviewer approves or rejects it. The list, the unit's registration
and the printable sheets live in the sibling modules."""

from __future__ import annotations

from flask import Blueprint, abort, flash, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import htmx, roster
from app.domain.registration import can_edit, year_accepts_registrations
from app.extensions import db
from app.models import Person, Registration, Year
from app.registration import queries, workflow
from app.registration.forms import RegistrationForm, person_form

bp = Blueprint("registration", __name__, url_prefix="/registration")

FIELDS = ("target_title", "initiative_plan", "study_commitment")
PAGE = "registration/index.html"
MINE = "registration/partials/mine.html"


def _default_commitment() -> str:
    # A starting text the person adapts: most people write much the same commitment every year.
    return _("Thường xuyên học tập, quán triệt và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh gắn với "
             "nhiệm vụ được giao; giữ gìn phẩm chất đạo đức, lối sống; chấp hành nghiêm kỷ luật, kỷ cương hành "
             "chính; tận tụy phục vụ, đoàn kết, giúp đỡ đồng nghiệp.")


def registration_form(year: Year, record: Registration | None = None) -> RegistrationForm:
    form = person_form(year, record)
    if record is None and not form.is_submitted():
        form.study_commitment.data = _default_commitment()
    return form


def _registrant() -> Person:
    """Only a person registers, and only while working here: an admin account with no person, or someone who
    has left, is refused."""
    me = current_user.person
    if me is None or not me.active:
        abort(403)
    return me


def _reviewer_of(person: Person | None) -> Person | None:
    if person is None:
        return None
    reviewer_id = roster.reviewer_choices()[person.id].reviewer_id
    return db.session.get(Person, reviewer_id) if reviewer_id else None


def _render(status: int = 200, form: RegistrationForm | None = None, **context):
    year = queries.current_year()
    me = current_user.person
    registration = queries.registration_of(year, me) if year and me else None
    open_year = bool(year and year_accepts_registrations(m.state for m in year.months))
    if form is None and year and me and me.active and open_year and can_edit(registration and registration.state):
        form = registration_form(year, registration)
    return htmx.render(PAGE, MINE, status, year=year, me=me, registration=registration, form=form,
                       open_year=open_year, reviewer=_reviewer_of(me),
                       unit_registration=queries.unit_registration_of(year) if year else None, **context)


@bp.route("/")
@login_required
def index():
    return _render()


@bp.route("/", methods=["POST"])
@login_required
def save():
    me = _registrant()
    year = workflow.open_year_or_refuse()
    registration = queries.registration_of(year, me)
    workflow.require_editable(registration)
    form = registration_form(year, registration)
    refused = workflow.check_form(form, registration, FIELDS,
                                  _("Bản đăng ký của bạn vừa được lưu ở một thẻ hoặc máy khác"))
    if refused:
        status, notices = refused
        return _render(status, form, notices=notices)
    workflow.write(registration, lambda: Registration(year_id=year.id, person_id=me.id, state="draft"), form,
                   FIELDS, "registration")
    if form.submitting:
        flash(_("Đã gửi bản đăng ký thi đua năm %(year)s. Bản đăng ký chờ người đánh giá của bạn duyệt.",
                year=year.year), "success")
    else:
        flash(_("Đã lưu nháp bản đăng ký. Bấm “Gửi duyệt” khi đã xong."), "success")
    return htmx.redirect(url_for("registration.index"))


from app.registration import review_views, sheet_views, unit_views  # noqa: E402,F401  (routes on bp)
