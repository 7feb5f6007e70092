"""The Hoàn thành xuất sắc quota: when more people reach Hoàn thành xuất sắc than the rulebook allows (Nghị định
335/2025 Điều 20 khoản 5), the board's leaders decide who keeps it and rate the others Hoàn thành tốt, with a
reason for each. The decisions are the year's AnnualDecision rows; the assessment then judges the titles on them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app import audit, clock, htmx
from app.errors import error_response
from app.extensions import db
from app.models import AnnualDecision, Person
from app.year_end import queries
from app.year_end.forms import DOWN, KEEP, quota_form_class
from app.year_end.permissions import can_decide_year_end
from app.year_end.views import bp

PAGE = "year_end/quota.html"
BODY = "year_end/partials/quota_form.html"
DECISION_FIELDS = ("level", "note", "decided_by_id", "decided_at")


@dataclass(frozen=True)
class Candidate:
    person: Person
    result: dict[str, Any]
    decision: AnnualDecision | None


def candidates(year_end: queries.YearEnd) -> list[Candidate]:
    """The people the rules rate Hoàn thành xuất sắc, highest annual score first (then in official order)."""
    results = [(person, year_end.result_of(person)) for person in queries.in_official_order(year_end.people.values())]
    chosen = [(person, result) for person, result in results
              if result and result.get("rated") and result.get("level") == KEEP]
    chosen.sort(key=lambda pair: -(pair[1].get("annual_score") or 0))  # stable: official order among equals
    decisions = queries.decisions_of(year_end.year, [person.id for person, _result in chosen]) if chosen else {}
    return [Candidate(person, result, decisions.get(person.id)) for person, result in chosen]


def version_of(rows: list[Candidate]) -> str:
    """What the leaders saw: each decision on record and its version ("12:1,15:3")."""
    return ",".join(f"{row.person.id}:{row.decision.version}" for row in sorted(rows, key=lambda r: r.person.id)
                    if row.decision is not None)


def _changed_since(seen: str, rows: list[Candidate]) -> list[str]:
    """The people whose decision changed since the form was drawn (`seen` is its version)."""
    before = {}
    for item in seen.split(","):
        person_id, separator, version = item.partition(":")
        if separator and person_id.isdigit():
            before[int(person_id)] = version
    return [row.person.full_name for row in rows
            if before.get(row.person.id) != (str(row.decision.version) if row.decision is not None else None)]


def _initial(rows: list[Candidate]) -> dict[str, Any]:
    data: dict[str, Any] = {"version": version_of(rows)}
    for row in rows:
        if row.decision is not None:
            data[f"choice_{row.person.id}"] = KEEP if row.decision.level == KEEP else DOWN
            data[f"note_{row.person.id}"] = row.decision.note
    return data


def _render(year_end: queries.YearEnd, rows: list[Candidate], form, status: int = 200, **extra):
    return htmx.render(PAGE, BODY, status, year_end=year_end, quota=year_end.quota(), rows=rows, form=form,
                       KEEP=KEEP, DOWN=DOWN, **extra)


def _check(form, rows: list[Candidate], quota: queries.Quota) -> bool:
    ok = form.validate_on_submit()
    kept = 0
    for row in rows:
        choice, note = form[f"choice_{row.person.id}"], form[f"note_{row.person.id}"]
        if choice.data == KEEP:
            kept += 1
        elif choice.data == DOWN and not note.data:
            note.errors = [*note.errors, _("Hãy ghi lý do xếp %(name)s Hoàn thành tốt nhiệm vụ.",
                                           name=row.person.full_name)]
            ok = False
    if kept > quota.htxs_max:
        form.form_errors.append(_(
            "Theo tỷ lệ %(percent)s%% chỉ có %(max)s chỗ Hoàn thành xuất sắc nhiệm vụ, nhưng bạn đang giữ %(kept)s "
            "người: hãy xếp thêm %(more)s người Hoàn thành tốt nhiệm vụ.",
            percent=quota.percent, max=quota.htxs_max, kept=kept, more=kept - quota.htxs_max))
        ok = False
    return ok


def _save(year_end: queries.YearEnd, rows: list[Candidate], form) -> tuple[int, int]:
    now = clock.utcnow()
    kept = moved = 0
    for row in rows:
        level = form[f"choice_{row.person.id}"].data
        note = form[f"note_{row.person.id}"].data or ""
        kept += level == KEEP
        moved += level == DOWN
        decision = row.decision
        if decision is not None and decision.level == level and decision.note == note:
            continue
        if decision is None:
            decision = AnnualDecision(year_id=year_end.year.id, person_id=row.person.id, level=level, note=note,
                                      decided_by_id=current_user.id, decided_at=now)
            db.session.add(decision)
            db.session.flush()
            audit.record("annual_decision", decision.id, "create", None,
                         audit.snapshot(decision, DECISION_FIELDS), reason=note)
            continue
        before = audit.snapshot(decision, DECISION_FIELDS)
        decision.level, decision.note, decision.decided_by_id, decision.decided_at = level, note, current_user.id, now
        db.session.flush()
        audit.record("annual_decision", decision.id, "update", before, audit.snapshot(decision, DECISION_FIELDS),
                     reason=note)
    return kept, moved


@bp.route("/<int:year>/quota", methods=["GET", "POST"])
@login_required
def quota(year: int):
    if not can_decide_year_end(current_user):
        abort(403)
    year_end = queries.load(year)
    rows = candidates(year_end)
    form_class = quota_form_class([(row.person.id, row.person.full_name) for row in rows])
    if request.method == "GET":
        return _render(year_end, rows, form_class(formdata=None, data=_initial(rows)))
    quota_now = year_end.quota()
    if not quota_now.over and not any(row.decision for row in rows):
        abort(error_response(409, _(
            "Số người đạt Hoàn thành xuất sắc nhiệm vụ (%(count)s) không vượt số chỗ theo tỷ lệ (%(max)s): không "
            "cần quyết định.", count=quota_now.htxs_count, max=quota_now.htxs_max)))
    form = form_class()
    current = version_of(rows)
    if (form.version.data or "") != current:
        changed = _changed_since(form.version.data or "", rows)
        form.version.data = current
        message = _("Quyết định về tỷ lệ Hoàn thành xuất sắc vừa được người khác lưu trong lúc bạn chọn (thay đổi ở: "
                    "%(names)s). Lựa chọn của bạn vẫn còn trên trang: xem lại rồi bấm Lưu lần nữa.",
                    names=", ".join(changed) or _("danh sách"))
        return _render(year_end, rows, form, 409, notices=[("error", message)])
    if not _check(form, rows, quota_now):
        return _render(year_end, rows, form, 422)
    try:
        kept, moved = _save(year_end, rows, form)
        db.session.commit()
    except (StaleDataError, IntegrityError):
        db.session.rollback()
        abort(error_response(409, _("Quyết định vừa được người khác lưu. Hãy tải lại trang rồi thử lại.")))
    flash(_("Đã lưu quyết định năm %(year)s: giữ %(kept)s người Hoàn thành xuất sắc nhiệm vụ, xếp %(moved)s người "
            "Hoàn thành tốt nhiệm vụ.", year=year, kept=kept, moved=moved), "success")
    return htmx.redirect(url_for("year_end.quota", year=year))
