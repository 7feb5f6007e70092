"""Years and months: the board's leaders open a year with its rulebook and move each month through its states."""

from __future__ import annotations

from flask import Blueprint, abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from wtforms import SelectChoice

from app import audit, htmx
from app.clock import utcnow
from app.domain.calendar import default_deadlines, next_state, previous_state
from app.domain.rulebooks import all_rulebooks, rulebook_for_year
from app.extensions import db
from app.labels import MONTH_STATE_LABELS
from app.models import Month, Year
from app.permissions import can_manage_year, year_manager_required
from app.reviews.closing import refuse_close_while_blocked
from app.years.forms import MonthDeadlinesForm, MonthStepForm, OpenYearForm
from app.years.queries import month_of

bp = Blueprint("years", __name__, url_prefix="/years")

MONTH_FIELDS = ("state", "commitments_due", "self_assessment_due")


def _open_year_form() -> OpenYearForm:
    form = OpenYearForm()
    form.rulebook_code.choices = [SelectChoice(book.code, book.name) for book in all_rulebooks().values()]
    if request.method == "GET":
        this_year = utcnow().year
        form.year.data = this_year
        form.rulebook_code.data = rulebook_for_year(this_year).code
    return form


def _years() -> list[Year]:
    return list(db.session.scalars(select(Year).order_by(Year.year.desc())))


def _load(year: int) -> Year:
    record = db.session.scalar(select(Year).where(Year.year == year))
    if record is None:
        abort(404)
    return record


def _load_month(year: int, number: int) -> Month:
    month = month_of(year, number)
    if month is None:
        abort(404)
    return month


@bp.route("/")
@login_required
def index():
    return htmx.render("years/index.html", "years/index.html", years=_years(), form=_open_year_form())


@bp.route("/", methods=["POST"])
@year_manager_required
def open_year():
    form = _open_year_form()
    if form.validate_on_submit() and db.session.scalar(select(Year.id).where(Year.year == form.year.data)):
        form.year.errors.append(_("Năm %(year)s đã được mở.", year=form.year.data))
    if form.errors:
        return htmx.render("years/index.html", "years/index.html", 422, years=_years(), form=form)
    year = Year(year=form.year.data, rulebook_code=form.rulebook_code.data, settings={},
                commitments_due_day=form.commitments_due_day.data)
    for number in range(1, 13):
        commitments_due, self_assessment_due = default_deadlines(year.year, number, year.commitments_due_day)
        year.months.append(Month(number=number, state="not_open", commitments_due=commitments_due,
                                 self_assessment_due=self_assessment_due))
    db.session.add(year)
    db.session.flush()
    audit.record("year", year.id, "create", None,
                 {"year": year.year, "rulebook_code": year.rulebook_code,
                  "commitments_due_day": year.commitments_due_day})
    db.session.commit()
    flash(_("Đã mở năm %(year)s với 12 tháng. Hãy mở tháng đầu tiên để mọi người đăng ký công việc.",
            year=year.year), "success")
    return htmx.redirect(url_for("years.show", year=year.year))


def _render_year(year: Year, partial: str, status: int = 200, **context):
    return htmx.render("years/show.html", partial, status, year=year, book=all_rulebooks()[year.rulebook_code],
                       can_manage=can_manage_year(current_user), step_form=MonthStepForm(), **context)


@bp.route("/<int:year>")
@login_required
def show(year: int):
    return _render_year(_load(year), "years/partials/months_table.html")


@bp.route("/<int:year>/months/<int:number>/row")
@login_required
def month_row(year: int, number: int):
    return _render_year(_load(year), "years/partials/month_row.html", month=_load_month(year, number))


@bp.route("/<int:year>/months/<int:number>/advance", methods=["POST"])
@year_manager_required
def advance(year: int, number: int):
    return _step(_load_month(year, number), next_state)


@bp.route("/<int:year>/months/<int:number>/back", methods=["POST"])
@year_manager_required
def back(year: int, number: int):
    return _step(_load_month(year, number), previous_state)


def _step(month: Month, direction):
    form = MonthStepForm()
    target = direction(month.state)
    if target is None:
        abort(409)
    if form.version.data and form.version.data != str(month.version):
        abort(409)
    if target == "closed":
        refuse_close_while_blocked(month)
    before = audit.snapshot(month, MONTH_FIELDS)
    month.state = target
    month.state_changed_at = utcnow()
    db.session.flush()
    audit.record("month", month.id, "set_state", before, audit.snapshot(month, MONTH_FIELDS))
    db.session.commit()
    flash(_("Tháng %(month)s: %(state)s.", month=month.label, state=MONTH_STATE_LABELS[target]), "success")
    if not htmx.is_htmx():
        return htmx.redirect(url_for("years.show", year=month.year.year))
    return _render_year(month.year, "years/partials/month_row.html", month=month, saved_id=month.id)


@bp.route("/<int:year>/months/<int:number>/deadlines", methods=["GET", "POST"])
@year_manager_required
def deadlines(year: int, number: int):
    month = _load_month(year, number)
    form = MonthDeadlinesForm(obj=month)
    if request.method == "GET":
        form.version.data = month.version
        return _render_year(month.year, "years/partials/month_row_edit.html", month=month, form=form,
                            editing=month.id)
    valid = form.validate_on_submit()
    if valid and form.self_assessment_due.date < form.commitments_due.date:
        form.self_assessment_due.errors.append(_("Hạn tự đánh giá phải sau hạn đăng ký công việc."))
        valid = False
    if not valid:
        return _render_year(month.year, "years/partials/month_row_edit.html", 422, month=month, form=form,
                            editing=month.id)
    if form.version.data != str(month.version):
        abort(409)
    before = audit.snapshot(month, MONTH_FIELDS)
    month.commitments_due = form.commitments_due.date
    month.self_assessment_due = form.self_assessment_due.date
    db.session.flush()
    audit.record("month", month.id, "update", before, audit.snapshot(month, MONTH_FIELDS))
    db.session.commit()
    if not htmx.is_htmx():
        return htmx.redirect(url_for("years.show", year=year))
    return _render_year(month.year, "years/partials/month_row.html", month=month, saved_id=month.id)


from app.years import settings_views  # noqa: E402, F401  (the rulebook's settings for a year, on this blueprint)
