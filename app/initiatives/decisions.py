"""The board's leaders decide on a submitted initiative, and mark a recognised one once it has served an award."""

from __future__ import annotations

from flask import flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import audit, htmx
from app.clock import today
from app.domain import initiatives as rules
from app.extensions import db
from app.initiatives.forms import AwardForm, DecisionForm, UnmarkAwardForm
from app.initiatives.labels import state_label
from app.initiatives.views import STATUS, bp, conflict, render, render_show, saved_or_conflict, snapshot
from app.models import Initiative
from app.permissions import can_recognise_initiatives
from app.permissions import initiatives as access

DECISION_PAGE = "initiatives/decide.html"
DECISION_FORM = "initiatives/partials/decision_form.html"


def _load_for_leaders(initiative_id: int) -> Initiative:
    initiative = access.load_initiative(initiative_id)
    access.require(can_recognise_initiatives(current_user))
    return initiative


def _render_decision(initiative: Initiative, form: DecisionForm, status: int = 200, **context):
    return render(DECISION_PAGE, DECISION_FORM, status, initiative=initiative, form=form, **context)


@bp.route("/<int:initiative_id>/decision", methods=["GET", "POST"])
@login_required
def decide(initiative_id: int):
    initiative = _load_for_leaders(initiative_id)
    if not rules.can_decide(initiative.status, initiative.used_for_award):
        conflict(_("“%(title)s” không ở trạng thái chờ công nhận (hiện: %(state)s%(award)s).",
                   title=initiative.title, state=state_label(initiative.kind, initiative.status),
                   award=_(", đã dùng cho %(award)s", award=initiative.used_for_award)
                   if initiative.used_for_award else ""))
    form = DecisionForm(obj=initiative if request.method == "GET" else None, today=today())
    if request.method == "GET":
        form.version.data = initiative.version
        form.outcome.data = "recognised" if initiative.status == "recognised" else None
        return _render_decision(initiative, form)
    if not form.validate_on_submit():
        return _render_decision(initiative, form, 422)
    if form.version.data != str(initiative.version):
        form.version.data = initiative.version
        message = _("“%(title)s” vừa được thay đổi (trạng thái hiện tại: %(state)s). Nội dung bạn nhập vẫn giữ "
                    "nguyên: kiểm tra lại rồi bấm Lưu quyết định lần nữa.", title=initiative.title,
                    state=state_label(initiative.kind, initiative.status))
        return _render_decision(initiative, form, 409, notices=[("error", message)])
    before = snapshot(initiative)
    _apply_decision(form, initiative)
    saved_or_conflict(initiative)
    audit.record("initiative", initiative.id, "decide", before, snapshot(initiative))
    db.session.commit()
    flash(_("Đã ghi quyết định: “%(title)s” — %(state)s.", title=initiative.title,
            state=state_label(initiative.kind, initiative.status)), "success")
    return htmx.redirect(url_for("initiatives.show", initiative_id=initiative.id))


def _apply_decision(form: DecisionForm, initiative: Initiative) -> None:
    initiative.status = form.outcome.data
    initiative.decided_by_id = current_user.id
    if form.outcome.data == "recognised":
        initiative.decision_number = form.decision_number.data
        initiative.decided_on = form.decided_on.date
        initiative.level = form.level.data
        initiative.scope = form.scope.data or ""  # a field left out of the request is None
        initiative.rejection_reason = ""
    else:
        initiative.decision_number, initiative.decided_on, initiative.level, initiative.scope = "", None, None, ""
        initiative.rejection_reason = form.rejection_reason.data


def _status_after(initiative: Initiative, message: str):
    """After a change of the award mark: the status panel for htmx, the page for a plain form."""
    flash(message, "success")
    if not htmx.is_htmx():
        return htmx.redirect(url_for("initiatives.show", initiative_id=initiative.id))
    return render_show(initiative, STATUS)


def _set_award(initiative: Initiative, version: str | None, award: str, action: str, reason: str = "") -> None:
    """Write the award mark (the audit keeps every mark and unmark, with the unmarking reason)."""
    if version != str(initiative.version):
        conflict(_("“%(title)s” vừa được người khác thay đổi. Hãy tải lại trang để xem rồi thử lại.",
                   title=initiative.title))
    before = snapshot(initiative)
    initiative.used_for_award = award
    saved_or_conflict(initiative)
    audit.record("initiative", initiative.id, action, before, snapshot(initiative), reason=reason)
    db.session.commit()


@bp.route("/<int:initiative_id>/award", methods=["POST"])
@login_required
def mark_award(initiative_id: int):
    initiative = _load_for_leaders(initiative_id)
    form = AwardForm()
    if not rules.can_mark_used(initiative.status, initiative.used_for_award):
        conflict(_("Chỉ đánh dấu được sáng kiến đã công nhận và chưa dùng cho khen thưởng nào."))
    if not form.validate_on_submit():
        return render_show(initiative, STATUS, 422, award_form=form)
    _set_award(initiative, form.version.data, form.used_for_award.data, "mark_used")
    return _status_after(initiative, _("Đã đánh dấu “%(title)s” đã dùng cho %(award)s: sáng kiến này không được "
                                       "tính cho khen thưởng khác.", title=initiative.title,
                                       award=initiative.used_for_award))


@bp.route("/<int:initiative_id>/award/remove", methods=["POST"])
@login_required
def unmark_award(initiative_id: int):
    initiative = _load_for_leaders(initiative_id)
    form = UnmarkAwardForm()
    if not rules.can_unmark_used(initiative.used_for_award):
        conflict(_("“%(title)s” chưa được đánh dấu dùng cho khen thưởng nào.", title=initiative.title))
    if not form.validate_on_submit():
        return render_show(initiative, STATUS, 422, unmark_form=form)
    _set_award(initiative, form.version.data, "", "unmark_used", reason=form.reason.data)
    return _status_after(initiative, _("Đã bỏ đánh dấu: “%(title)s” lại có thể dùng cho một khen thưởng.",
                                       title=initiative.title))
