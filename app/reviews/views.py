"""The reviews blueprint and its index; the routes live in sibling modules on this blueprint:
the board and each review's editor (board_views), approval and closing (approval_views), one person's review
(person_views), the person's answer and the reply (answer_views), the amendment after closing (amend_views), the shortcoming ledger (ledger_views), and the year
overview (overview_views)."""

from __future__ import annotations

from flask import Blueprint, render_template, url_for
from flask_login import login_required

from app import clock, htmx
from app.years.queries import month_under_way

bp = Blueprint("reviews", __name__, url_prefix="/reviews")


@bp.route("/")
@login_required
def index():
    month = month_under_way(clock.today(), first_in_state="review")
    if month is None:
        return render_template("reviews/no_month.html")
    return htmx.redirect(url_for("reviews.board", year=month.year.year, month=month.number))


from app.reviews import (  # noqa: E402,F401  (routes on bp)
    amend_views,
    answer_views,
    approval_views,
    board_views,
    ledger_views,
    overview_views,
    person_views,
    superior_views,
)
