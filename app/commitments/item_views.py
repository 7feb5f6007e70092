"""The items of a person's own sheet, edited inline: add, edit, remove, move up or down.

A saved item answers htmx with its row (its place cannot change) and the sum under the table out-of-band; adding,
removing, moving and copying answer with the whole table, whose order and numbers they change.

Each item has its own version: two tabs editing the same item meet a 409 naming what changed; editing
different items never collides. Moving changes only the order, which is the sheet's, so it leaves versions alone.
"""

from __future__ import annotations

from flask import flash, request
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import update
from sqlalchemy.orm.attributes import flag_modified
from wtforms.validators import ValidationError

from app import audit, htmx
from app.commitments.common import (
    ITEM_FIELDS,
    ITEMS_NOTES,
    ITEMS_TABLE,
    ITEMS_TOTAL,
    book_of,
    check_version,
    flush_or_409,
    own_editable_item,
    own_editable_sheet,
    refuse,
    render_sheet,
    snapshot,
    viewable_item_or_404,
)
from app.commitments.forms import ItemForm, MoveForm, VersionForm
from app.commitments.queries import sheet_for_writing
from app.commitments.sheet_views import table_saved
from app.commitments.views import bp
from app.domain.commitments import deadline_window, reorder
from app.domain.dates import format_dmy
from app.extensions import db
from app.models import CommitmentItem, Month
from app.permissions import can_edit_own

ROW = "commitments/partials/item_row.html"
ROW_EDIT = "commitments/partials/item_row_edit.html"
EDITABLE = ("title", "measure", "deadline", "planned_points")


def item_form(month: Month, item: CommitmentItem | None = None) -> ItemForm:
    """The item form with this month's bounds: deadlines within reason, planned points only where tasks are
    scored, up to the rulebook's task points."""
    form = ItemForm(obj=item) if request.method == "GET" else ItemForm()
    book = book_of(month)
    if book.scoring is None:
        del form.planned_points
    else:
        form.planned_points.maximum = book.scoring.task_points
    if item is not None and request.method == "GET":
        form.version.data = item.version
    start, end = deadline_window(month.year.year, month.number)

    def deadline_within_reason(form, field):
        if field.date and not start <= field.date <= end:
            raise ValidationError(_("Thời hạn phải từ %(start)s đến %(end)s.", start=format_dmy(start),
                                    end=format_dmy(end)))

    form.deadline.validators = [*form.deadline.validators, deadline_within_reason]
    return form


def _apply(form: ItemForm, item: CommitmentItem) -> None:
    item.title = form.title.data
    item.measure = form.measure.data
    item.deadline = form.deadline.date
    item.planned_points = form.planned_points.points if "planned_points" in form else None


def _changed_since(form: ItemForm, item: CommitmentItem) -> list[str]:
    """Labels of the fields whose stored value differs from what this user submitted."""
    mine = {"title": form.title.data, "measure": form.measure.data, "deadline": form.deadline.date,
            "planned_points": form.planned_points.points if "planned_points" in form else item.planned_points}
    return [str(form[name].label.text) for name in EDITABLE
            if name in form and (mine[name] or None) != (getattr(item, name) or None)]


@bp.route("/<int:year>/<int:month>/items/new")
@login_required
def item_new(year: int, month: int):
    person, month_record, sheet = own_editable_sheet(year, month)
    return render_sheet(person, month_record, ITEMS_TABLE, sheet=sheet, new_form=item_form(month_record))


@bp.route("/<int:year>/<int:month>/items", methods=["POST"])
@login_required
def item_create(year: int, month: int):
    person, month_record, sheet = own_editable_sheet(year, month)
    form = item_form(month_record)
    if not form.validate_on_submit():
        return render_sheet(person, month_record, ROW_EDIT, 422, sheet=sheet, new_form=form, form=form, item=None)
    sheet = sheet or sheet_for_writing(person, month_record)
    item = CommitmentItem(position=max((i.position for i in sheet.items), default=0) + 1)
    _apply(form, item)
    sheet.items.append(item)
    # Touching the sheet makes a second tab adding at the same moment, or sending the sheet, fail on the sheet's
    # version (409): never two items in one position, never an item slipped into a sheet just sent.
    flag_modified(sheet, "state")
    flush_or_409()
    audit.record("commitment_item", item.id, "create", None, snapshot(item, ITEM_FIELDS))
    db.session.commit()
    flash(_("Đã thêm nội dung công việc."), "success")
    return table_saved(person, month_record, [item.id])


@bp.route("/items/<int:item_id>/row")
@login_required
def item_row(item_id: int):
    item = viewable_item_or_404(item_id)
    sheet = item.sheet
    own = can_edit_own(current_user, sheet.person)
    return render_sheet(sheet.person, sheet.month, ROW, own=own, sheet=sheet, item=item)


@bp.route("/items/<int:item_id>/edit")
@login_required
def item_edit(item_id: int):
    item, sheet, month = own_editable_item(item_id)
    return render_sheet(sheet.person, month, ROW_EDIT, sheet=sheet, item=item, editing=item.id,
                        form=item_form(month, item))


@bp.route("/items/<int:item_id>", methods=["POST"])
@login_required
def item_update(item_id: int):
    item, sheet, month = own_editable_item(item_id)
    form = item_form(month)
    context = {"sheet": sheet, "item": item, "editing": item.id, "form": form}
    if not form.validate_on_submit():
        return render_sheet(sheet.person, month, ROW_EDIT, 422, **context)
    if (form.version.data or "") != str(item.version):
        # Saved elsewhere since this row was opened: keep this user's input, say what differs, and let a second
        # save (now against the current version) go through deliberately.
        changed = _changed_since(form, item)
        form.version.data = item.version
        message = _("Nội dung này vừa được lưu ở nơi khác (có thể ở một thẻ khác) trong lúc bạn sửa. Các ô khác với "
                    "bản đang lưu: %(fields)s. Kiểm tra lại rồi bấm Lưu lần nữa để ghi phần của bạn.",
                    fields=", ".join(changed) or _("không có"))
        return render_sheet(sheet.person, month, ROW_EDIT, 409, conflict_fields=changed,
                            notices=[("error", message)], **context)
    before = snapshot(item, ITEM_FIELDS)
    _apply(form, item)
    flush_or_409()
    audit.record("commitment_item", item.id, "update", before, snapshot(item, ITEM_FIELDS))
    db.session.commit()
    flash(_("Đã lưu nội dung công việc."), "success")
    if not htmx.is_htmx():
        return table_saved(sheet.person, month)
    # The order and the numbers stay as they were: the row alone comes back, with the planned points' sum and the
    # notes under the table out-of-band (the whole table only when a change can move rows).
    return render_sheet(sheet.person, month, ROW, sheet=sheet, item=item, saved_ids={item.id},
                        oob=(ITEMS_TOTAL, ITEMS_NOTES))


@bp.route("/items/<int:item_id>/delete", methods=["POST"])
@login_required
def item_delete(item_id: int):
    item, sheet, month = own_editable_item(item_id)
    check_version(item, VersionForm().version.data,
                  _("Nội dung này vừa được sửa ở nơi khác (có thể ở một thẻ khác). Hãy tải lại trang, xem lại rồi "
                    "mới xoá."))
    before = snapshot(item, ITEM_FIELDS)
    sheet.items.remove(item)
    flush_or_409()
    audit.record("commitment_item", item_id, "delete", before, None)
    db.session.commit()
    flash(_("Đã xoá nội dung “%(title)s”.", title=before["title"]), "success")
    return table_saved(sheet.person, month)


@bp.route("/items/<int:item_id>/move", methods=["POST"])
@login_required
def item_move(item_id: int):
    item, sheet, month = own_editable_item(item_id)
    direction = MoveForm().direction.data
    if direction not in ("up", "down"):
        refuse(422, _("Hướng di chuyển không hợp lệ."))
    before = [i.id for i in sheet.items]
    after = reorder(before, item.id, direction)
    if after != before:
        # A plain UPDATE of the positions: the order belongs to the sheet, so items' versions (and another tab's
        # open edit of a neighbour) are left alone.
        for position, moved_id in enumerate(after, start=1):
            db.session.execute(update(CommitmentItem.__table__).where(CommitmentItem.__table__.c.id == moved_id)
                               .values(position=position))
        audit.record("commitment_sheet", sheet.id, "reorder", {"items": before}, {"items": after})
        db.session.commit()
    return table_saved(sheet.person, month, [item.id])

