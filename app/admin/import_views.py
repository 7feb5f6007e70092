"""People imported from an XLSX or CSV file (placeholder until the import lands)."""

from __future__ import annotations

from flask import abort, render_template

from app.admin.views import bp
from app.permissions import admin_required


@bp.route("/people/import", methods=["GET", "POST"])
@admin_required
def people_import():
    return render_template("admin/people_import.html")


@bp.route("/people/import/template.<fmt>")
@admin_required
def people_import_template(fmt: str):
    abort(404)
