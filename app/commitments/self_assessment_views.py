"""The month-end self-assessment: each item's outcome and evidence, the general points (or the proposed level),
own strengths and shortcomings, the report on earlier shortcomings, leave, and sending it.

Every change is saved as it is made (htmx posts on change) and answered with an HX-Trigger that makes the live
summary fetch itself again; without JavaScript each part has its own Lưu button. The total is always the domain's
computation of what is stored: a posted total is never read.
"""

from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from app import audit, htmx
from app.clock import utcnow
from app.commitments.common import (
    ITEM_FIELDS,
    flush_or_409,
    own_item_or_404,
    refuse,
    snapshot,
)
from app.commitments.forms import (
    LEVEL_NAME,
    AssessItemForm,
    LeaveForm,
    SubmitSelfForm,
    general_form_class,
    texts_form_class,
)
from app.commitments.queries import follow_up_for_writing, review_for_writing
from app.commitments.self_assessment import (
    BODY,
    REVIEW_FIELDS,
    SUMMARY,
    Merge,
    SelfAssessment,
    gap_messages,
    item_forms,
    keep_input_after_conflict,
    load,
    render,
    stored_general,
)
from app.commitments.summary import stored_task_points
from app.commitments.views import bp
from app.domain.points import canonical
from app.extensions import db

ASSESS_ROW = "commitments/partials/assess_row.html"
GENERAL = "commitments/partials/general_form.html"
GENERAL_FIELD = "commitments/partials/general_field.html"
TEXTS = "commitments/partials/self_texts.html"
LEAVE = "commitments/partials/self_leave.html"
ASSESS_FIELDS = ("outcome", "major_error", "evidence")


def _page_url(state: SelfAssessment, anchor: str = "") -> str:
    return url_for("commitments.self_assessment", year=state.month.year.year, month=state.month.number) + anchor


def _saved(state: SelfAssessment, partial: str, anchor: str, **context):
    """After a save: htmx gets the fragment back and the summary is told to refresh; a plain form the page."""
    if not htmx.is_htmx():
        return htmx.redirect(_page_url(state, anchor))
    fresh = load(state.month.year.year, state.month.number)  # what is stored now, versions and all
    return htmx.trigger(render(fresh, partial, **context), htmx.SELF_ASSESSMENT_CHANGED)


def _refuse_on_leave(state: SelfAssessment) -> None:
    if state.on_leave:
        refuse(409, _("Tháng %(month)s bạn đã ghi là nghỉ nên không chấm điểm. Muốn tự chấm, hãy bỏ ghi nghỉ trước.",
                      month=state.month.label))


@bp.route("/<int:year>/<int:month>/self-assessment")
@login_required
def self_assessment(year: int, month: int):
    return render(load(year, month), BODY)


@bp.route("/<int:year>/<int:month>/self-assessment/summary")
@login_required
def self_summary(year: int, month: int):
    return render(load(year, month), SUMMARY)


@bp.route("/items/<int:item_id>/assessment", methods=["POST"])
@login_required
def item_assess(item_id: int):
    item = own_item_or_404(item_id)
    state = load(item.sheet.month.year.year, item.sheet.month.number)
    state.require_open()
    _refuse_on_leave(state)
    form = AssessItemForm()
    forms = item_forms(state) | {item.id: form}
    if not form.validate_on_submit():
        return render(state, ASSESS_ROW, 422, item=item, item_forms=forms)
    if (form.version.data or "") != str(item.version):
        mine = {"outcome": form.outcome.data or None, "major_error": form.major_error.data,
                "evidence": form.evidence.data}
        changed = [str(form[name].label.text) for name in ASSESS_FIELDS
                   if (mine[name] or None) != (getattr(item, name) or None)]
        form.version.data = item.version
        message = _("Nội dung này vừa được tự đánh giá ở nơi khác (có thể ở một thẻ khác). Các ô khác với bản đang "
                    "lưu: %(fields)s. Kiểm tra lại rồi bấm Lưu lần nữa để ghi phần của bạn.",
                    fields=", ".join(changed) or _("không có"))
        return render(state, ASSESS_ROW, 409, item=item, item_forms=forms, conflict_fields=changed,
                      notices=[("error", message)])
    before = snapshot(item, ITEM_FIELDS)
    item.outcome = form.outcome.data or None
    item.major_error = bool(form.major_error.data)
    item.evidence = form.evidence.data
    flush_or_409()
    audit.record("commitment_item", item.id, "self_assess", before, snapshot(item, ITEM_FIELDS))
    db.session.commit()
    return _saved(state, ASSESS_ROW, f"#assess-item-{item.id}", item=item, saved_id=item.id)


def _general_names(state: SelfAssessment) -> list[str]:
    if state.book.scoring is None:
        return [LEVEL_NAME]
    return [group.code for group in state.book.scoring.general_groups]


@bp.route("/<int:year>/<int:month>/self-assessment/general", methods=["POST"])
@login_required
def self_general(year: int, month: int):
    state = load(year, month)
    state.require_open()
    _refuse_on_leave(state)
    names = _general_names(state)
    only = request.args.get("only")
    if only is not None:
        if only not in names:
            abort(404)
        names = [only]
    # An htmx change of one field gets that field back (the person has already moved to the next one).
    partial, context = (GENERAL_FIELD, {"name": only}) if only and htmx.is_htmx() else (GENERAL, {})
    form = general_form_class(state.book)()
    scored = state.book.scoring is not None
    form.validate_on_submit()
    if any(form[f"g_{name}" if scored else name].errors for name in names):
        return render(state, partial, 422, general_form=form, **context)
    stored = stored_general(state) if scored else {LEVEL_NAME: (state.review.self_level if state.review else "")
                                                              or ""}
    merge = Merge()
    for name in names:
        posted = canonical(form[f"g_{name}"].points) if scored else (form[name].data or "")
        merge.check(name, posted, form[f"was_{name}"].data, stored.get(name, ""))
    if merge.conflicts:
        keep_input_after_conflict(form, merge)
        return render(state, partial, 409, general_form=form, **context)
    if merge.apply:
        review = review_for_writing(state.person, state.month)
        before = snapshot(review, REVIEW_FIELDS)
        if scored:
            general = dict(review.self_general or {})
            for code, value in merge.apply.items():
                if value:
                    general[code] = value
                else:
                    general.pop(code, None)
            review.self_general = general
        else:
            review.self_level = merge.apply[LEVEL_NAME] or None
        flush_or_409()
        audit.record("monthly_review", review.id, "self_update", before, snapshot(review, REVIEW_FIELDS))
        db.session.commit()
    return _saved(state, partial, "#general", **context)


@bp.route("/<int:year>/<int:month>/self-assessment/texts", methods=["POST"])
@login_required
def self_texts(year: int, month: int):
    state = load(year, month)
    state.require_open()
    form = texts_form_class(tuple(s.id for s, _f in state.reports))()
    if not form.validate_on_submit():
        return render(state, TEXTS, 422, texts_form=form)
    review = state.review
    stored = {"strengths": review.self_strengths if review else "",
              "shortcomings": review.self_shortcomings if review else ""}
    stored |= {f"fix_{s.id}": f.person_report if f else "" for s, f in state.reports}
    merge = Merge()
    for name, value in stored.items():
        merge.check(name, form[name].data or "", form[f"was_{name}"].data, value)
    if merge.conflicts:
        keep_input_after_conflict(form, merge)
        return render(state, TEXTS, 409, texts_form=form)
    if merge.apply:
        _save_texts(state, merge.apply)
    flash(_("Đã lưu ưu điểm, hạn chế và kết quả khắc phục."), "success")
    return _saved(state, TEXTS, "#texts")


def _save_texts(state: SelfAssessment, changes: dict[str, str]) -> None:
    if "strengths" in changes or "shortcomings" in changes:
        review = review_for_writing(state.person, state.month)
        before = snapshot(review, REVIEW_FIELDS)
        review.self_strengths = changes.get("strengths", review.self_strengths)
        review.self_shortcomings = changes.get("shortcomings", review.self_shortcomings)
        flush_or_409()
        audit.record("monthly_review", review.id, "self_update", before, snapshot(review, REVIEW_FIELDS))
    for shortcoming, follow_up in state.reports:
        report = changes.get(f"fix_{shortcoming.id}")
        if report is None:
            continue
        follow_up = follow_up_for_writing(shortcoming, state.month, follow_up)
        before = {"person_report": follow_up.person_report}
        follow_up.person_report = report
        follow_up.reported_at = utcnow()
        flush_or_409()
        audit.record("shortcoming_follow_up", follow_up.id, "report", before, {"person_report": report})
    db.session.commit()


@bp.route("/<int:year>/<int:month>/self-assessment/leave", methods=["POST"])
@login_required
def self_leave(year: int, month: int):
    state = load(year, month)
    state.require_open(leave=True)
    form = LeaveForm()
    if not form.validate_on_submit():
        return render(state, LEAVE, 422, leave_form=form)
    merge = Merge()
    merge.check("leave", form.leave.data or "", form.was_leave.data, (state.review.leave if state.review else "")
                or "")
    if merge.conflicts:
        keep_input_after_conflict(form, merge)
        return render(state, LEAVE, 409, leave_form=form)
    if merge.apply:
        review = review_for_writing(state.person, state.month)
        before = snapshot(review, REVIEW_FIELDS)
        review.leave = merge.apply["leave"] or None
        flush_or_409()
        audit.record("monthly_review", review.id, "self_update", before, snapshot(review, REVIEW_FIELDS))
        db.session.commit()
        flash(_("Đã ghi tháng %(month)s là tháng nghỉ: tháng này không chấm điểm.", month=state.month.label)
              if review.leave else _("Đã bỏ ghi nghỉ: hãy tự đánh giá tháng %(month)s.", month=state.month.label),
              "success")
    return htmx.redirect(_page_url(state))


@bp.route("/<int:year>/<int:month>/self-assessment/submit", methods=["POST"])
@login_required
def self_submit(year: int, month: int):
    state = load(year, month)
    state.require_open()
    form = SubmitSelfForm()
    form.validate_on_submit()
    summary = state.summary()
    problems = gap_messages(state, summary)
    if problems:
        return render(state, SUMMARY, 422, submit_errors=problems)
    if form.seen.data != summary.seen:
        return render(state, SUMMARY, 409, submit_errors=[_(
            "Kết quả tự đánh giá vừa thay đổi ở nơi khác (có thể ở một thẻ khác). Hãy xem lại tổng điểm và mức "
            "xếp loại bên dưới rồi bấm Gửi lần nữa.")])
    review = review_for_writing(state.person, state.month)
    before = snapshot(review, REVIEW_FIELDS)
    # The figures stored are the domain's computation of what is stored, never anything the browser sent.
    review.self_task_points = stored_task_points(summary.task_points)
    review.self_score = summary.total
    review.self_level = summary.level if not summary.leave else None
    review.self_state = "submitted"
    review.self_submitted_at = utcnow()
    flush_or_409()
    audit.record("monthly_review", review.id, "self_submit", before, snapshot(review, REVIEW_FIELDS))
    db.session.commit()
    flash(_("Đã gửi tự đánh giá tháng %(month)s cho người đánh giá.", month=state.month.label), "success")
    return htmx.redirect(_page_url(state))
