"""The reviews blueprint and its index; the routes live in sibling modules on this blueprint:
the board and each review's editor (board_views), approval and closing (approval_views), one person's review
with acknowledgement, objection and reply (person_views), the shortcoming ledger (ledger_views), and the year
overview (overview_views)."""

from __future__ import annotations

from flask import Blueprint, render_template, url_for
from flask_login import login_required

from app import clock, htmx
from app.years.queries import active_months

bp = Blueprint("reviews", __name__, url_prefix="/reviews")


def month_to_review(today):
    """The oldest month at review; else today's month under way; else the newest month under way."""
    months = active_months()
    at_review = [month for month in months if month.state == "review"]
    if at_review:
        return at_review[0]
    for month in months:
        if (month.year.year, month.number) == (today.year, today.month):
            return month
    return months[-1] if months else None


@bp.route("/")
@login_required
def index():
    month = month_to_review(clock.today())
    if month is None:
        return render_template("reviews/no_month.html")
    return htmx.redirect(url_for("reviews.board", year=month.year.year, month=month.number))


from app.reviews import (  # noqa: E402,F401  (routes on bp)
    approval_views,
    board_views,
    ledger_views,
    overview_views,
    person_views,
)
