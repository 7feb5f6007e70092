"""The reviewer's side: the sheets of the people I review for a month, one person's sheet read-only, and sending a
submitted sheet back with a comment."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import audit, htmx, roster
from app.clock import utcnow
from app.commitments.common import (
    ITEMS_TABLE,
    SHEET_FIELDS,
    book_of,
    check_version,
    flush_or_409,
    refuse,
    render_sheet,
    snapshot,
)
from app.commitments.forms import ReturnForm
from app.commitments.queries import month_or_404, review_of, sheet_of, team_rows
from app.commitments.summary import summarise
from app.commitments.views import bp
from app.domain.calendar import month_allows
from app.extensions import db
from app.models import CommitmentSheet, Month, MonthlyReview, Person
from app.permissions import can_decide_for, can_view_person, load_person_or_404, require_month_allows

RETURN_FORM = "commitments/partials/return_form.html"


def _reviewee_ids() -> set[int]:
    me = current_user.person
    if me is None:
        return set()
    return {pid for pid, choice in roster.reviewer_choices().items() if choice.reviewer_id == me.id}


@bp.route("/<int:year>/<int:month>/team")
@login_required
def team(year: int, month: int):
    month_record = month_or_404(year, month)
    reviewees = _reviewee_ids()
    scope = request.args.get("scope")
    if scope not in ("mine", "all"):
        scope = "mine" if reviewees else "all"
    me_id = current_user.person.id if current_user.person else None
    people = list(db.session.scalars(select(Person).options(selectinload(Person.department))
                                     .where(Person.active.is_(True))))
    if scope == "mine":
        shown = [p for p in people if p.id in reviewees]
    else:
        shown = [p for p in people if p.id != me_id and can_view_person(current_user, p)]
    shown = roster.sort_by_department(shown)
    rows = team_rows(shown, month_record)
    waiting = sum(1 for sheet, _count, _review in rows.values() if sheet and sheet.state == "submitted")
    return htmx.render("commitments/team.html", "commitments/team.html", month=month_record, people=shown,
                       rows=rows, scope=scope, has_reviewees=bool(reviewees), waiting=waiting,
                       months=[m for m in month_record.year.months if m.state != "not_open"])


def _can_return(person: Person, month: Month, sheet: CommitmentSheet | None, review: MonthlyReview | None) -> bool:
    """For showing the form only; return_sheet says why not."""
    return bool(sheet and sheet.state == "submitted" and can_decide_for(current_user, person)
                and month_allows(month.state, "submit_commitments", month.label).allowed
                and not (review and review.self_state == "submitted"))


def _person_page(person: Person, month: Month, partial: str, status: int = 200, form: ReturnForm | None = None):
    sheet = sheet_of(person.id, month.id)
    review = review_of(person.id, month.id)
    if form is None and sheet is not None:
        form = ReturnForm(formdata=None, version=sheet.version)
    summary = summarise(book_of(month), review, sheet.items if sheet else [], []) if review else None
    return render_sheet(person, month, partial, status, own=False, sheet=sheet, review=review, summary=summary,
                        return_form=form, can_return=_can_return(person, month, sheet, review))


@bp.route("/<int:year>/<int:month>/people/<int:person_id>")
@login_required
def person_sheet(year: int, month: int, person_id: int):
    person = load_person_or_404(person_id)
    month_record = month_or_404(year, month)
    if current_user.person is not None and current_user.person.id == person.id:
        return redirect(url_for("commitments.sheet", year=year, month=month))
    return _person_page(person, month_record, ITEMS_TABLE)


@bp.route("/<int:year>/<int:month>/people/<int:person_id>/return", methods=["POST"])
@login_required
def return_sheet(year: int, month: int, person_id: int):
    person = load_person_or_404(person_id)
    if not can_decide_for(current_user, person):
        abort(403)
    month_record = month_or_404(year, month)
    sheet = sheet_of(person.id, month_record.id)
    if sheet is None:
        abort(404)
    require_month_allows(month_record, "submit_commitments")
    if sheet.state != "submitted":
        refuse(409, _("Bản cam kết của %(name)s không ở trạng thái đã gửi (có thể vừa được trả lại).",
                      name=person.full_name))
    review = review_of(person.id, month_record.id)
    if review is not None and review.self_state == "submitted":
        refuse(409, _("%(name)s đã gửi tự đánh giá tháng %(month)s: không trả lại bản cam kết được nữa.",
                      name=person.full_name, month=month_record.label))
    form = ReturnForm()
    if not form.validate_on_submit():
        return _person_page(person, month_record, RETURN_FORM, 422, form=form)
    check_version(sheet, form.version.data,
                  _("Bản cam kết vừa thay đổi trong lúc bạn xem. Hãy tải lại trang rồi thử lại."))
    before = snapshot(sheet, SHEET_FIELDS)
    sheet.state = "returned"
    sheet.return_comment = form.comment.data
    sheet.returned_by_id = current_user.id
    sheet.returned_at = utcnow()
    flush_or_409()
    audit.record("commitment_sheet", sheet.id, "return", before, snapshot(sheet, SHEET_FIELDS),
                 reason=form.comment.data)
    db.session.commit()
    flash(_("Đã trả lại bản cam kết tháng %(month)s của %(name)s kèm ý kiến.", month=month_record.label,
            name=person.full_name), "success")
    return htmx.redirect(url_for("commitments.person_sheet", year=year, month=month, person_id=person.id))
