"""The superior body's results, recorded by the office month by month: the year's page, and each month's row edited
inline (GET the editor, POST the result, POST to clear it). Reads and writes are in app.reviews.superior.

Admin only (app.permissions.superior), checked before anything is loaded or validated. A month after today's is
refused; a closed month is not (the result arrives after closing). htmx gets the row back; a plain form a 303.
"""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _

from app import clock, htmx
from app.permissions import requires
from app.permissions.superior import can_record_superior
from app.reviews import superior
from app.reviews.superior_forms import ClearForm
from app.reviews.views import bp

PAGE = "reviews/superior.html"
ROW = "reviews/partials/superior_row.html"
ROW_EDIT = "reviews/partials/superior_row_edit.html"

superior_only = requires(can_record_superior)


def _render(year, partial: str, status: int = 200, **context):
    """The page (every assessed person's twelve months) or, for htmx, the one fragment."""
    today = clock.today()
    people = superior.assessed_people(year)
    return htmx.render(PAGE, partial, status, year=year, book=superior.book_of(year), people=people,
                       rows=superior.months_of(year, people, today), **context)


def _load(year: int, assessed_id: int, month_number: int):
    year_record = superior.year_or_404(year)
    person = superior.assessed_person_or_404(assessed_id)
    month_record = superior.month_of_year_or_404(year_record, month_number)
    return year_record, superior.one_month(person, month_record, clock.today())


def _require_editable(row: superior.SuperiorMonth) -> None:
    if not row.ended:
        superior.refuse(409, _("Tháng %(month)s chưa kết thúc: chưa thể ghi kết quả cấp trên đánh giá.",
                               month=row.month.label))
    if not row.employed:
        superior.refuse(409, _("%(name)s không làm việc trong tháng %(month)s.", name=row.person.full_name,
                               month=row.month.label))


@bp.route("/superior", endpoint="superior", defaults={"year": None})
@bp.route("/<int:year>/superior", endpoint="superior")
@superior_only
def superior_page(year: int | None):
    if year is None:  # the office's menu: the year of the month that ended last
        return redirect(url_for("reviews.superior", year=superior.year_to_record(clock.today()).year))
    return _render(superior.year_or_404(year), PAGE)


@bp.route("/<int:year>/superior/<int:assessed_id>/<int:month_number>/row")
@superior_only
def superior_row(year: int, assessed_id: int, month_number: int):
    year_record, row = _load(year, assessed_id, month_number)
    return _render(year_record, ROW, row=row)


@bp.route("/<int:year>/superior/<int:assessed_id>/<int:month_number>/edit")
@superior_only
def superior_edit(year: int, assessed_id: int, month_number: int):
    year_record, row = _load(year, assessed_id, month_number)
    _require_editable(row)
    form = superior.result_form(superior.book_of(year_record), row, formdata=False)
    return _render(year_record, ROW_EDIT, row=row, form=form, editing=row.dom_id)


@bp.route("/<int:year>/superior/<int:assessed_id>/<int:month_number>", methods=["POST"])
@superior_only
def superior_save(year: int, assessed_id: int, month_number: int):
    year_record, row = _load(year, assessed_id, month_number)
    _require_editable(row)
    book = superior.book_of(year_record)
    is_disciplined = superior.disciplined(row.person, year_record)
    form = superior.result_form(book, row)
    context = {"row": row, "form": form, "editing": row.dom_id}
    if not superior.validate(form, book, is_disciplined):
        return _render(year_record, ROW_EDIT, 422, **context)
    current = str(row.review.version) if row.review is not None else ""
    if (form.version.data or "") != current:
        # Saved elsewhere since this row was opened: keep this user's input, say what differs; a second save (now
        # against the current version) goes through deliberately.
        changed = superior.changed_since(form, row.review)
        form.version.data = current
        message = _("Kết quả tháng %(month)s vừa được ghi ở nơi khác trong lúc bạn sửa. Các ô khác với bản đang lưu: "
                    "%(fields)s. Kiểm tra lại rồi bấm Lưu lần nữa để ghi phần của bạn.", month=row.month.label,
                    fields=", ".join(changed) or _("không có"))
        return _render(year_record, ROW_EDIT, 409, conflict_fields=changed, notices=[("error", message)], **context)
    superior.record(row, form, book, is_disciplined)
    flash(_("Đã ghi kết quả cấp trên đánh giá tháng %(month)s của %(name)s.", month=row.month.label,
            name=row.person.full_name), "success")
    if not htmx.is_htmx():
        return htmx.redirect(url_for("reviews.superior", year=year) + "#" + row.dom_id)
    saved = superior.one_month(row.person, row.month, clock.today())
    return _render(year_record, ROW, row=saved, saved_id=saved.dom_id)


@bp.route("/<int:year>/superior/<int:assessed_id>/<int:month_number>/clear", methods=["POST"])
@superior_only
def superior_clear(year: int, assessed_id: int, month_number: int):
    year_record, row = _load(year, assessed_id, month_number)
    if not row.from_superior:
        superior.refuse(409, _("Tháng %(month)s chưa có kết quả cấp trên đánh giá để xoá.", month=row.month.label))
    if (ClearForm().version.data or "") != str(row.review.version):
        superior.refuse(409, _("Kết quả tháng %(month)s vừa được sửa ở nơi khác. Hãy tải lại trang, xem lại rồi mới "
                               "xoá.", month=row.month.label))
    superior.clear(row.review)
    flash(_("Đã xoá kết quả cấp trên đánh giá tháng %(month)s của %(name)s; tháng này trở lại “chưa đánh giá”.",
            month=row.month.label, name=row.person.full_name), "success")
    if not htmx.is_htmx():
        return htmx.redirect(url_for("reviews.superior", year=year) + "#" + row.dom_id)
    return _render(year_record, ROW, row=superior.one_month(row.person, row.month, clock.today()))
