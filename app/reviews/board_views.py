"""The review board of a month (bình xét) and each person's review written inline on it: the board, a person's
row, the editor that replaces the row, and the save.

htmx callers get fragments (the row, the editor; after a save the row with any warnings under it, and the counters
and the department picker out-of-band), each reading that one row, not the board; everyone else gets the board
page with the same fragments in place, and a plain save is answered with a redirect back to the board.
"""

from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app import htmx
from app.clock import today
from app.commitments.queries import month_or_404
from app.documents.official import Letterhead
from app.extensions import db
from app.models import Account, Person, Unit
from app.permissions import load_person_or_404, require_month_allows
from app.permissions.reviews import can_close_month, can_review
from app.reviews.board import Frame, frame_of, load_board, load_row
from app.reviews.conflict import conflict as conflict_message
from app.reviews.editor import Editor, load_editor
from app.reviews.views import bp

PAGE = "reviews/board.html"
BODY = "reviews/partials/board_body.html"
ROW = "reviews/partials/board_row.html"
SAVED = "reviews/partials/board_saved.html"  # the row, and the warnings under it after a save
EDITOR = "reviews/partials/editor.html"
EDITOR_SELF = "reviews/partials/editor_self.html"  # the person's own side, fetched by the htmx editor
EDITOR_EARLIER = "reviews/partials/editor_earlier.html"  # the earlier shortcomings' verdicts, fetched likewise
EDITOR_POINTS = "reviews/partials/editor_points.html"  # the points table, fetched likewise
COUNTERS = "reviews/partials/board_counters.html"
DEPARTMENTS = "reviews/partials/board_departments.html"  # the department picker
BLOCKERS_PAGE = "reviews/blockers.html"
BLOCKERS = "reviews/partials/board_blockers.html"  # every name that blocks the close (the board shows a few)


def me() -> Account:
    """The signed-in account itself, not its proxy: the board asks about it once per row."""
    return current_user._get_current_object()


def frame_for(year: int, month: int, person: Person | None = None) -> Frame:
    """The board's frame from the request's scope and department; `person`: the one the request is about."""
    return frame_of(month_or_404(year, month), me(), request.args.get("scope"),
                    request.args.get("department", type=int), person)


def render_board(frame: Frame, partial: str, status: int = 200, person: Person | None = None, **context):
    """The board page, or its body for htmx; `person` is the row the request is about."""
    board = load_board(frame, also=person)
    may_close = can_close_month(current_user) and frame.at_review
    reasons = None
    if may_close and (partial == BODY or not htmx.is_htmx()):  # shown with the whole board only
        reasons = frame.roll.blockers_shown()
    page = {}
    if not htmx.is_htmx():
        page = {"months": [m for m in frame.month.year.months if m.state != "not_open"],
                "letterhead": Letterhead.of_unit(db.session.scalar(select(Unit)), today())}
    return htmx.render(PAGE, partial, status, frame=frame, board=board, may_close=may_close, blockers=reasons,
                       person_id=person.id if person else None, **page, **context)


def render_row(frame: Frame, person: Person, oob: tuple[str, ...] = (), **context):
    """A person's row for htmx (after a cancel, a save, an approval), reading that row alone, with `oob`'s
    fragments; the board page with the row in place for everyone else."""
    if not htmx.is_htmx():
        return render_board(frame, SAVED, person=person, **context)
    return htmx.render(PAGE, SAVED, oob=oob, frame=frame, board=load_row(frame, person), person_id=person.id,
                       **context)


def render_saved(frame: Frame, person: Person, warnings: list[str] | tuple = ()):
    """After a save or an approval: the row, marked, with any warnings under it; the counters and the department
    picker's figures out-of-band."""
    frame.reread()
    return render_row(frame, person, oob=(COUNTERS, DEPARTMENTS), saved_id=person.id, warnings=warnings)


def _render_editor(frame: Frame, editor: Editor, form, status: int = 200, conflict: str | None = None):
    context = {"editor": editor, "form": form, "conflict": conflict}
    if htmx.is_htmx():
        # The editor stands alone: no need to read the whole board for it.
        return htmx.render(PAGE, EDITOR, status, frame=frame, **context)
    return render_board(frame, EDITOR, status, person=editor.person, **context)


def _reviewable(year: int, month: int, person_id: int) -> tuple[Person, Frame]:
    """The person, if this account writes their review, and the month, if it is at review."""
    person = load_person_or_404(person_id)
    if not can_review(current_user, person):
        abort(403)
    frame = frame_for(year, month, person)
    require_month_allows(frame.month, "review")
    return person, frame


@bp.route("/<int:year>/<int:month>")
@login_required
def board(year: int, month: int):
    return render_board(frame_for(year, month), BODY)


@bp.route("/<int:year>/<int:month>/blockers")
@login_required
def blockers(year: int, month: int):
    """Everyone who still stands in the way of the month's close, every name: the board shows the first few."""
    if not can_close_month(current_user):
        abort(403)
    frame = frame_of(month_or_404(year, month), me(), "all")
    return htmx.render(BLOCKERS_PAGE, BLOCKERS, frame=frame, blockers=frame.roll.blockers_shown(None))


@bp.route("/<int:year>/<int:month>/people/<int:person_id>/row")
@login_required
def row(year: int, month: int, person_id: int):
    person = load_person_or_404(person_id)
    return render_row(frame_for(year, month, person), person)


@bp.route("/<int:year>/<int:month>/people/<int:person_id>/edit")
@login_required
def edit(year: int, month: int, person_id: int):
    person, frame = _reviewable(year, month, person_id)
    editor = load_editor(frame.month, person)
    return _render_editor(frame, editor, editor.form())


@bp.route("/<int:year>/<int:month>/people/<int:person_id>/edit/self")
@login_required
def editor_self(year: int, month: int, person_id: int):
    """The self-assessment and the items beside the editor, which an htmx editor fetches once in place (the page
    has them inline): the editor's own answer stays a few KB however many items and shortcomings the month has."""
    person, frame = _reviewable(year, month, person_id)
    if not htmx.is_htmx():
        return htmx.redirect(url_for("reviews.edit", year=year, month=month, person_id=person_id))
    return htmx.render(PAGE, EDITOR_SELF, editor=load_editor(frame.month, person))


@bp.route("/<int:year>/<int:month>/people/<int:person_id>/edit/earlier")
@login_required
def editor_earlier(year: int, month: int, person_id: int):
    """The verdict fields on earlier shortcomings, fetched by an htmx editor once in place, filled as stored."""
    person, frame = _reviewable(year, month, person_id)
    if not htmx.is_htmx():
        return htmx.redirect(url_for("reviews.edit", year=year, month=month, person_id=person_id))
    editor = load_editor(frame.month, person)
    return htmx.render(PAGE, EDITOR_EARLIER, editor=editor, form=editor.form(), p=person)


@bp.route("/<int:year>/<int:month>/people/<int:person_id>/edit/points")
@login_required
def editor_points(year: int, month: int, person_id: int):
    """The points table (a row per criterion, with the reasons for changes), fetched by an htmx editor once in place,
    filled as the form first shows it: the editor's own answer stays under 5 KB."""
    person, frame = _reviewable(year, month, person_id)
    if not htmx.is_htmx():
        return htmx.redirect(url_for("reviews.edit", year=year, month=month, person_id=person_id))
    editor = load_editor(frame.month, person)
    return htmx.render(PAGE, EDITOR_POINTS, editor=editor, form=editor.form())


@bp.route("/<int:year>/<int:month>/people/<int:person_id>", methods=["POST"])
@login_required
def save(year: int, month: int, person_id: int):
    person, frame = _reviewable(year, month, person_id)
    editor = load_editor(frame.month, person)
    form = editor.posted_form()
    if editor.add_row_requested():
        return _render_editor(frame, editor, form)  # one more blank shortcoming row, nothing saved
    form.validate()
    if not editor.check(form):
        return _render_editor(frame, editor, form, 422)
    conflict = conflict_message(editor, form)
    if conflict:
        return _render_editor(frame, editor, form, 409, conflict=conflict)
    review = editor.save(form, current_user)
    warnings = editor.warnings(review)
    db.session.commit()
    flash(_("Đã lưu đánh giá tháng %(month)s của %(name)s.", month=frame.month.label, name=person.full_name),
          "success")
    if not htmx.is_htmx():
        for warning in warnings:
            flash(warning, "warning")
        return htmx.redirect(frame.urls.at_row(person.id))
    return render_saved(frame, person, warnings)
