"""The rulebook's settings for one year: everyone signed in reads them with their sources; the year's managers adjust
them, with a reason, before assessing the year. An adjustment lives in Year.settings (only the values that differ
from the rulebook's) and in the year's history. The year is not month-locked: a closed month does not stop it."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, flash, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm.exc import StaleDataError

from app import audit, htmx
from app.domain import year_settings
from app.domain.rulebooks import Rulebook, rulebook
from app.extensions import db
from app.models import Year
from app.permissions import can_manage_year, year_manager_required
from app.years.settings_forms import SettingsBase, setting_label, settings_form_class
from app.years.views import _load, bp

PAGE = "years/settings.html"
PARTIAL = "years/partials/settings_form.html"


@dataclass(frozen=True)
class SettingRow:
    name: str
    label: str
    default: object
    source: str
    value: object  # the year's value
    adjusted: bool
    is_bool: bool


def _defaults(book: Rulebook) -> dict[str, object]:
    return {name: item.value for name, item in book.settings.items()}


def _rows(year: Year, book: Rulebook) -> list[SettingRow]:
    overrides = year.settings or {}
    return [SettingRow(name, setting_label(name), item.value, item.source, overrides.get(name, item.value),
                       name in overrides and overrides[name] != item.value, isinstance(item.value, bool))
            for name, item in book.settings.items()]


def _form(year: Year, book: Rulebook) -> SettingsBase:
    values = year_settings.effective(_defaults(book), year.settings)
    data = {name: value if isinstance(value, bool) else str(value) for name, value in values.items()}
    return settings_form_class(book)(book=book, data={**data, "version": year.version})


def _render(year: Year, book: Rulebook, form: SettingsBase | None, status: int = 200, **context):
    return htmx.render(PAGE, PARTIAL, status, year=year, book=book, rows=_rows(year, book), form=form,
                       can_manage=can_manage_year(current_user), **context)


@bp.route("/<int:year>/settings")
@login_required
def settings(year: int):
    record = _load(year)
    book = rulebook(record.rulebook_code)
    return _render(record, book, _form(record, book) if can_manage_year(current_user) else None)


@bp.route("/<int:year>/settings", methods=["POST"])
@year_manager_required
def settings_save(year: int):
    record = _load(year)
    book = rulebook(record.rulebook_code)
    form = settings_form_class(book)(book=book)
    if not form.validate_on_submit():
        return _render(record, book, form, 422)
    defaults = _defaults(book)
    before = year_settings.effective(defaults, record.settings)
    if form.version.data != str(record.version):
        # Someone saved this year's settings (or the year) since the form was opened: keep this user's input, name
        # where it differs from what is stored now, and let a second save go through deliberately.
        differing = [setting_label(name) for name, value in form.values.items() if before.get(name) != value]
        form.version.data = record.version
        message = _("Người khác vừa lưu thay đổi của năm %(year)s trong lúc bạn sửa. Các quy định khác với bản đang "
                    "lưu: %(fields)s. Kiểm tra lại rồi bấm Lưu lần nữa để ghi phần của bạn.", year=record.year,
                    fields=", ".join(differing) or _("không có"))
        return _render(record, book, form, 409, notices=[("error", message)])
    overrides = year_settings.overrides_for(defaults, record.settings, form.values)
    after = year_settings.effective(defaults, overrides)
    problem = year_settings.reason_problem(before, after, form.reason.data)
    if problem:
        form.reason.errors = [*form.reason.errors, _(problem.message, **problem.params)]
        return _render(record, book, form, 422)
    if not year_settings.changed(before, after) and overrides == (record.settings or {}):
        flash(_("Không có giá trị nào thay đổi."), "info")
        return htmx.redirect(url_for("years.settings", year=record.year))
    record.settings = overrides
    try:
        db.session.flush()
    except StaleDataError:
        db.session.rollback()
        abort(409)
    audit.record("year", record.id, "settings", before, after, form.reason.data or "")
    db.session.commit()
    changed = year_settings.changed(before, after)
    flash(_("Đã điều chỉnh quy định cho năm %(year)s: %(fields)s.", year=record.year,
            fields=", ".join(setting_label(name) for name in changed) or _("không có")), "success")
    return htmx.redirect(url_for("years.settings", year=record.year))
