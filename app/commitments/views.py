"""Monthly commitments (cam kết công việc tháng) and the month-end self-assessment: the blueprint and its index.

The routes live in sibling modules on this blueprint: the sheet (sheet_views), its items (item_views), the
reviewer's side (team_views) and the self-assessment (self_assessment_views).
"""

from __future__ import annotations

from flask import Blueprint, render_template, url_for
from flask_login import current_user, login_required

from app import clock, htmx
from app.commitments.forms import points_text
from app.years.queries import month_under_way

bp = Blueprint("commitments", __name__, url_prefix="/commitments")
bp.add_app_template_filter(points_text, "points")


@bp.route("/")
@login_required
def index():
    month = month_under_way(clock.today())
    if month is None:
        return render_template("commitments/no_month.html")
    endpoint = "commitments.sheet" if current_user.person is not None else "commitments.team"
    return htmx.redirect(url_for(endpoint, year=month.year.year, month=month.number))


from app.commitments import (  # noqa: E402,F401  (routes on bp)
    item_views,
    self_assessment_views,
    sheet_views,
    team_views,
)
