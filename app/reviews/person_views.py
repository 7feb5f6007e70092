"""One person's review of one month, read-only: the self-assessment, the leader's review and its approval, the
amendments made after the month closed (the original stays visible). A person's own month is at /reviews/mine/…
"""

from __future__ import annotations

from flask import abort, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.errors import error_response
from app.reviews.person_page import BODY, load_page, render_page
from app.reviews.views import bp


@bp.route("/<int:year>/<int:month>/people/<int:person_id>")
@login_required
def person_review(year: int, month: int, person_id: int):
    return render_page(load_page(year, month, person_id), BODY)


@bp.route("/mine/<int:year>/<int:month>")
@login_required
def my_review(year: int, month: int):
    me = current_user.person
    if me is None:
        abort(error_response(403, _("Tài khoản này không gắn với cán bộ nào nên không có đánh giá tháng riêng.")))
    return redirect(url_for("reviews.person_review", year=year, month=month, person_id=me.id))

