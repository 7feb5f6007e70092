"""One person's year: the twelve months (score, level, leave, amendments), the shortcomings raised in the year and
whether each was fixed, the initiatives, what they registered against what they reached, every title with its
reasons, and the annual level the leaders decided. Whoever may see the person reads it."""

from __future__ import annotations

from flask_login import login_required

from app.year_end.person_page import load_person_year, render_person
from app.year_end.views import bp
from app.year_end.whatif import blank_whatif


@bp.route("/<int:year>/people/<int:person_id>")
@login_required
def person(year: int, person_id: int):
    page = load_person_year(year, person_id)
    return render_person(page, **blank_whatif(page))
