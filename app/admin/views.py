"""The admin blueprint, and the unit's own settings. Departments, people and import live in sibling modules."""

from __future__ import annotations

from flask import Blueprint, flash, render_template, request, url_for
from flask_babel import gettext as _

from app import audit, htmx
from app.admin.forms import UnitForm
from app.extensions import db
from app.models import Unit
from app.permissions import admin_required

bp = Blueprint("admin", __name__, url_prefix="/admin")

UNIT_FIELDS = ("name", "superior", "place")


@bp.route("/unit", methods=["GET", "POST"])
@admin_required
def unit_settings():
    unit = db.session.query(Unit).first() or Unit(name="", superior="", place="Hà Nội")
    form = UnitForm(obj=unit)
    if form.validate_on_submit():
        before = audit.snapshot(unit, UNIT_FIELDS) if unit.id else None
        form.populate_obj(unit)
        db.session.add(unit)
        db.session.flush()
        audit.record("unit", unit.id, "update" if before else "create", before, audit.snapshot(unit, UNIT_FIELDS))
        db.session.commit()
        flash(_("Đã lưu thông tin đơn vị."), "success")
        return htmx.redirect(url_for("admin.unit_settings"))
    status = 422 if request.method == "POST" else 200
    return render_template("admin/unit.html", form=form), status


from app.admin import department_views, import_views, people_views, year_file_views  # noqa: E402,F401  (routes on bp)
