"""What the commitments views share: who is asking, refusals with their reason, and the sheet page's context."""

from __future__ import annotations

from decimal import Decimal

from flask import abort, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from app import audit, htmx, roster
from app.commitments.queries import month_or_404, sheet_of
from app.domain.calendar import month_allows
from app.domain.commitments import item_edit_action, planned_total
from app.domain.rulebooks import Rulebook, rulebook
from app.errors import error_response
from app.extensions import db
from app.initiatives.panels import item_panels
from app.models import CommitmentItem, CommitmentSheet, Month, Person
from app.permissions import can_edit_own, can_view_person, require_month_allows

SHEET_PAGE = "commitments/sheet.html"
ITEMS_TABLE = "commitments/partials/items_table.html"
SHEET_STATE = "commitments/partials/sheet_state.html"
ITEMS_TOTAL = "commitments/partials/items_total.html"  # the planned points' sum (a <tfoot>)
ITEMS_NOTES = "commitments/partials/items_notes.html"  # the warnings about the planned points, under the table
ITEM_FIELDS = ("position", "title", "measure", "deadline", "planned_points", "outcome", "major_error", "evidence",
               "carried_from_id")
SHEET_FIELDS = ("state", "submitted_at", "return_comment", "returned_by_id", "returned_at")


def snapshot(record, fields: tuple[str, ...]) -> dict:
    """audit.snapshot with points (Decimal) as text, so that the audit event's JSON can hold them."""
    return {name: str(value) if isinstance(value, Decimal) else value
            for name, value in audit.snapshot(record, fields).items()}


def refuse(status: int, message: str):
    """Stop here with a reason the person can act on (in the flash area for htmx, on an error page otherwise)."""
    abort(error_response(status, message))


def me_or_403() -> Person:
    """The person behind this account: only people have sheets (an administrator's account may have none)."""
    person = current_user.person
    if person is None:
        refuse(403, _("Tài khoản này không gắn với cán bộ nào nên không có công việc tháng riêng. "
                      "Hãy xem công việc của từng người ở trang “Công việc tháng … của những người tôi đánh giá”."))
    return person


def book_of(month: Month) -> Rulebook:
    return rulebook(month.year.rulebook_code)


def _item_or_404(item_id: int) -> CommitmentItem:
    item = db.session.get(CommitmentItem, item_id)
    if item is None:
        abort(404)
    return item


def own_item_or_404(item_id: int) -> CommitmentItem:
    """An item of this person's own sheet: 404 when unknown, 403 when it is someone else's."""
    item = _item_or_404(item_id)
    if not can_edit_own(current_user, item.sheet.person):
        abort(403)
    return item


def viewable_item_or_404(item_id: int) -> CommitmentItem:
    item = _item_or_404(item_id)
    if not can_view_person(current_user, item.sheet.person):
        abort(403)
    return item


def items_editable(sheet: CommitmentSheet | None, month: Month) -> bool:
    """For showing buttons only; the write routes ask require_items_editable, which says why not."""
    action = item_edit_action(sheet.state if sheet else None)
    return action is not None and month_allows(month.state, action, month.label).allowed


def require_items_editable(sheet: CommitmentSheet | None, month: Month) -> None:
    action = item_edit_action(sheet.state if sheet else None)
    if action is None:
        refuse(409, _("Bản cam kết tháng %(month)s đã gửi nên không sửa được nữa. Nếu cần sửa, hãy đề nghị người "
                      "đánh giá trả lại bản cam kết.", month=month.label))
    require_month_allows(month, action)


def flush_or_409(message: str | None = None) -> None:
    """Write now; if another request changed the same row meanwhile (its version moved), refuse with a 409."""
    try:
        db.session.flush()
    except StaleDataError:
        db.session.rollback()
        refuse(409, message or _("Bản ghi vừa được thay đổi ở nơi khác. Hãy tải lại trang rồi thử lại."))


def own_editable_sheet(year: int, number: int) -> tuple[Person, Month, CommitmentSheet | None]:
    """This person's sheet of a month (None before its first item), if its items may be changed now."""
    person = me_or_403()
    month = month_or_404(year, number)
    sheet = sheet_of(person.id, month.id)
    require_items_editable(sheet, month)
    return person, month, sheet


def own_editable_item(item_id: int) -> tuple[CommitmentItem, CommitmentSheet, Month]:
    """An item of this person's own sheet, if it may be changed now."""
    item = own_item_or_404(item_id)
    require_items_editable(item.sheet, item.sheet.month)
    return item, item.sheet, item.sheet.month


def check_version(record, posted: str | None, message: str) -> None:
    if (posted or "") != str(record.version):
        refuse(409, message)


def sheet_context(person: Person, month: Month, sheet: CommitmentSheet | None, own: bool) -> dict:
    book = book_of(month)
    items = list(sheet.items) if sheet else []
    show_outcomes = month.state in ("self_assessment", "review", "closed") and bool(items)
    return {
        "person": person, "month": month, "sheet": sheet, "items": items, "own": own, "book": book,
        "editable": own and items_editable(sheet, month),
        "can_submit": own and bool(items) and sheet.state != "submitted"
        and month_allows(month.state, "submit_commitments", month.label).allowed,
        "planned": planned_total([item.planned_points for item in items], book.scoring.task_points)
        if book.scoring else None,
        "show_outcomes": show_outcomes,
        # The evidence files, for whoever reads someone else's assessed month (the owner adds them while
        # self-assessing, on that page).
        "panels": item_panels(items, return_url=url_for("commitments.person_sheet", year=month.year.year,
                                                        month=month.number, person_id=person.id))
        if show_outcomes and not own else {},
        "months": [m for m in month.year.months if m.state != "not_open"],
        "reviews_others": own and any(choice.reviewer_id == person.id for choice in roster.reviewer_choices().values()),
    }


def render_sheet(person: Person, month: Month, partial: str, status: int = 200, own: bool = True,
                 sheet: CommitmentSheet | None = None, oob: tuple[str, ...] | None = None, **context):
    sheet = sheet or sheet_of(person.id, month.id)
    if oob is None:
        # The items table's changes can create the sheet: its state above the table follows out-of-band.
        oob = (SHEET_STATE,) if partial == ITEMS_TABLE else ()
    return htmx.render(SHEET_PAGE, partial, status, oob=oob, **sheet_context(person, month, sheet, own), **context)
