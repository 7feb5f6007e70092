"""Who reviews whom: visible to everyone, changed by admins."""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from wtforms import SelectChoice

from app import audit, htmx, roster
from app.admin import choices as admin_choices
from app.admin.forms import ReviewerOverrideForm
from app.extensions import db
from app.models import Person
from app.permissions import admin_required, load_person_or_404

bp = Blueprint("people", __name__, url_prefix="/people")


def _active_people() -> list[Person]:
    people = db.session.scalars(
        select(Person).where(Person.active.is_(True)).options(selectinload(Person.department))
    )
    return roster.sort_by_department(list(people))


def _override_form(person: Person) -> ReviewerOverrideForm:
    form = ReviewerOverrideForm()
    form.reviewer_id.choices = [SelectChoice(admin_choices.NONE, _("— Theo mặc định —"))] + admin_choices.active_people_choices(
        excluding=person.id
    )
    if request.method == "GET":
        form.reviewer_id.data = person.reviewer_override_id or admin_choices.NONE
    return form


def _row_context(person: Person) -> dict:
    return {"person": person, "choice": roster.reviewer_choices()[person.id],
            "names": {p.id: p for p in _active_people()}}


@bp.route("/reviewers")
@login_required
def reviewers():
    people = _active_people()
    return render_template("people/reviewers.html", people=people, names={p.id: p for p in people},
                           choices=roster.reviewer_choices(), approver_of=roster.approver_of)


@bp.route("/<int:person_id>/reviewer")
@login_required
def reviewer_row(person_id: int):
    person = load_person_or_404(person_id)
    return htmx.render("people/reviewer_page.html", "people/partials/reviewer_row.html", **_row_context(person),
                       approver_of=roster.approver_of)


@bp.route("/<int:person_id>/reviewer/edit")
@admin_required
def reviewer_edit(person_id: int):
    person = load_person_or_404(person_id)
    return htmx.render("people/reviewer_page.html", "people/partials/reviewer_row_edit.html",
                       **_row_context(person), form=_override_form(person), approver_of=roster.approver_of)


@bp.route("/<int:person_id>/reviewer", methods=["POST"])
@admin_required
def reviewer_update(person_id: int):
    person = load_person_or_404(person_id)
    form = _override_form(person)
    if not form.validate_on_submit():
        return htmx.render("people/reviewer_page.html", "people/partials/reviewer_row_edit.html", 422,
                           **_row_context(person), form=form, approver_of=roster.approver_of)
    before = {"reviewer_override_id": person.reviewer_override_id}
    person.reviewer_override_id = form.reviewer_id.data or None
    db.session.flush()
    audit.record("person", person.id, "set_reviewer", before, {"reviewer_override_id": person.reviewer_override_id})
    db.session.commit()
    roster.forget()
    if not htmx.is_htmx():
        return htmx.redirect(url_for("people.reviewers"))
    return htmx.render("people/reviewers.html", "people/partials/reviewer_row.html", **_row_context(person),
                       approver_of=roster.approver_of)


from app.people import discipline_views, history_views  # noqa: E402,F401  (routes on bp)
