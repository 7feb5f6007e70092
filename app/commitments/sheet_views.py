"""A person's own sheet for a month: the page, copying last month's unfinished work, sending it to the reviewer."""

from __future__ import annotations

from flask import flash, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import login_required
from sqlalchemy.orm.attributes import flag_modified

from app import audit, htmx
from app.clock import utcnow
from app.commitments.common import (
    ITEM_FIELDS,
    ITEMS_TABLE,
    SHEET_FIELDS,
    check_version,
    flush_or_409,
    me_or_403,
    own_editable_sheet,
    refuse,
    render_sheet,
    snapshot,
)
from app.commitments.forms import VersionForm
from app.commitments.queries import month_or_404, previous_sheet, sheet_for_writing, sheet_of
from app.commitments.views import bp
from app.domain.commitments import PreviousItem, items_to_carry
from app.extensions import db
from app.models import CommitmentItem
from app.permissions import require_month_allows


@bp.route("/<int:year>/<int:month>")
@login_required
def sheet(year: int, month: int):
    person = me_or_403()
    return render_sheet(person, month_or_404(year, month), ITEMS_TABLE)


def table_saved(person, month, saved_ids=()):
    """After a write: htmx gets the whole table back (order and sums change), a plain form the page again."""
    if not htmx.is_htmx():
        return htmx.redirect(url_for("commitments.sheet", year=month.year.year, month=month.number))
    return htmx.retarget(render_sheet(person, month, ITEMS_TABLE, saved_ids=set(saved_ids)), "#items-table")


@bp.route("/<int:year>/<int:month>/copy-unfinished", methods=["POST"])
@login_required
def copy_unfinished(year: int, month: int):
    person, month_record, sheet = own_editable_sheet(year, month)
    previous = previous_sheet(person.id, month_record)
    carry = set(items_to_carry([PreviousItem(i.id, i.outcome) for i in previous.items] if previous else [],
                               {item.carried_from_id for item in sheet.items} if sheet else set()))
    if not carry:
        flash(_("Tháng trước không còn việc chưa xong nào cần sao chép (hoặc đã sao chép hết)."), "info")
        return table_saved(person, month_record)
    sheet = sheet or sheet_for_writing(person, month_record)
    position = max((item.position for item in sheet.items), default=0)
    copies = []
    for source in (item for item in previous.items if item.id in carry):
        position += 1
        copies.append(CommitmentItem(position=position, title=source.title, measure=source.measure,
                                     planned_points=source.planned_points, carried_from_id=source.id))
    sheet.items.extend(copies)
    # Touching the sheet makes a second tab copying at the same moment fail on the sheet's version: never twice.
    flag_modified(sheet, "state")
    flush_or_409()
    reason = _("Sao chép việc chưa xong của tháng %(month)s", month=previous.month.label)
    for copy in copies:
        audit.record("commitment_item", copy.id, "create", None, snapshot(copy, ITEM_FIELDS), reason=reason)
    db.session.commit()
    flash(ngettext("Đã sao chép %(num)s việc chưa xong từ tháng %(month)s.",
                   "Đã sao chép %(num)s việc chưa xong từ tháng %(month)s.", len(copies),
                   month=previous.month.label), "success")
    return table_saved(person, month_record, [copy.id for copy in copies])


@bp.route("/<int:year>/<int:month>/submit", methods=["POST"])
@login_required
def submit(year: int, month: int):
    person = me_or_403()
    month_record = month_or_404(year, month)
    require_month_allows(month_record, "submit_commitments")
    sheet = sheet_of(person.id, month_record.id)
    if sheet is None or not sheet.items:
        refuse(422, _("Chưa có nội dung công việc nào: hãy thêm ít nhất một nội dung rồi mới gửi."))
    if sheet.state == "submitted":
        refuse(409, _("Bản cam kết tháng %(month)s đã được gửi rồi.", month=month_record.label))
    check_version(sheet, VersionForm().version.data,
                  _("Bản cam kết vừa được thay đổi ở nơi khác (có thể ở một thẻ khác). Hãy tải lại trang, xem lại "
                    "rồi gửi."))
    before = snapshot(sheet, SHEET_FIELDS)
    sheet.state = "submitted"
    sheet.submitted_at = utcnow()
    flush_or_409()
    audit.record("commitment_sheet", sheet.id, "submit", before, snapshot(sheet, SHEET_FIELDS))
    db.session.commit()
    flash(_("Đã gửi bản cam kết tháng %(month)s cho người đánh giá. Bạn không sửa được nữa, trừ khi người đánh giá "
            "trả lại.", month=month_record.label), "success")
    return htmx.redirect(url_for("commitments.sheet", year=year, month=month))
