"""The Hoàn thành xuất sắc quota: when more people reach Hoàn thành xuất sắc than the rulebook allows (Nghị định
335/2025 Điều 20 khoản 5), the board's leaders decide who keeps it and rate the others Hoàn thành tốt, with a
reason for each. The decisions are the year's AnnualDecision rows; the assessment then judges the titles on them.

Above ONE_DEPARTMENT_ABOVE people (a few hundred may reach it) the form holds one department's candidates at a
time, picked with `?department=`; the figures stay the whole unit's: the places, how many keep it, each
department's count of candidates and decisions, and each candidate's rank in the unit (the place cut-off). A
department's save may keep no more than the places the other departments' decisions left."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app import audit, clock, department_picker, htmx
from app.department_picker import Section
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
    rank: int = 0  # in the unit, highest annual score first (1 = first)

    @property
    def kept(self) -> bool:
        """Keeps Hoàn thành xuất sắc as things stand (no decision yet: the level the rules gave)."""
        return self.decision is None or self.decision.level == KEEP


def candidates(year_end: queries.YearEnd) -> list[Candidate]:
    """The people the rules rate Hoàn thành xuất sắc, highest annual score first (then in official order); only
    they are read from the database, not the whole unit."""
    codes = [code for code, result in year_end.results.items() if result.get("rated") and result.get("level") == KEEP]
    chosen = [(person, year_end.result_of(person))
              for person in queries.in_official_order(year_end.people_of(codes))]
    chosen.sort(key=lambda pair: -(pair[1].get("annual_score") or 0))  # stable: official order among equals
    decisions = queries.decisions_of(year_end.year, [person.id for person, _result in chosen]) if chosen else {}
    return [Candidate(person, result, decisions.get(person.id), rank)
            for rank, (person, result) in enumerate(chosen, start=1)]


@dataclass(frozen=True)
class DepartmentCount:
    """A department's candidates and the leaders' decisions on them, for the unit-wide table."""

    section: Section
    candidates: int
    kept: int  # decided to keep it
    moved: int  # decided Hoàn thành tốt
    undecided: int


@dataclass(frozen=True)
class Scope:
    """The candidates the form holds: all, or one department's in a large unit (with every department's counts)."""

    rows: list[Candidate]
    everyone: list[Candidate]
    section: Section | None  # None: everyone
    sections: list[Section]
    counts: list[DepartmentCount]

    @property
    def one_at_a_time(self) -> bool:
        return self.section is not None

    @property
    def elsewhere(self) -> list[Candidate]:
        shown = {row.person.id for row in self.rows}
        return [row for row in self.everyone if row.person.id not in shown]


def scope_of(year_end: queries.YearEnd, everyone: list[Candidate], requested: int | None) -> Scope:
    if not department_picker.one_at_a_time(len(year_end.results)) or not everyone:
        return Scope(everyone, everyone, None, [], [])
    sections = department_picker.sections_of(row.person for row in everyone)
    section = department_picker.pick(sections, requested, True)
    by_group: dict[int, list[Candidate]] = {}
    for row in everyone:
        by_group.setdefault(department_picker.group_of(row.person), []).append(row)
    counts = [DepartmentCount(
        s, len(by_group[s.key]), sum(1 for r in by_group[s.key] if r.decision and r.decision.level == KEEP),
        sum(1 for r in by_group[s.key] if r.decision and r.decision.level == DOWN),
        sum(1 for r in by_group[s.key] if r.decision is None)) for s in sections]
    return Scope(by_group[section.key], everyone, section, sections, counts)


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


def _render(year_end: queries.YearEnd, scope: Scope, form, status: int = 200, **extra):
    quota = year_end.quota()
    last_place = scope.everyone[quota.htxs_max - 1] if scope.one_at_a_time and 0 < quota.htxs_max <= len(
        scope.everyone) else None
    return htmx.render(PAGE, BODY, status, year_end=year_end, quota=quota, rows=scope.rows, scope=scope,
                       last_place=last_place, form=form, KEEP=KEEP, DOWN=DOWN, **extra)


def _check(form, scope: Scope, quota: queries.Quota) -> bool:
    ok = form.validate_on_submit()
    rows = scope.rows
    kept = 0
    for row in rows:
        choice, note = form[f"choice_{row.person.id}"], form[f"note_{row.person.id}"]
        if choice.data == KEEP:
            kept += 1
        elif choice.data == DOWN and not note.data:
            note.errors = [*note.errors, _("Hãy ghi lý do xếp %(name)s Hoàn thành tốt nhiệm vụ.",
                                           name=row.person.full_name)]
            ok = False
    elsewhere = sum(1 for row in scope.elsewhere if row.decision is not None and row.decision.level == KEEP)
    if scope.one_at_a_time and kept + elsewhere > quota.htxs_max:
        left = max(0, quota.htxs_max - elsewhere)
        form.form_errors.append(_(
            "Theo tỷ lệ %(percent)s%% chỉ có %(max)s chỗ Hoàn thành xuất sắc nhiệm vụ cho cả đơn vị; các phòng khác đã "
            "quyết định giữ %(elsewhere)s người nên còn %(left)s chỗ, nhưng ở đây bạn đang giữ %(kept)s người: hãy xếp "
            "thêm %(more)s người Hoàn thành tốt nhiệm vụ.",
            percent=quota.percent, max=quota.htxs_max, elsewhere=elsewhere, left=left, kept=kept, more=kept - left))
        ok = False
    elif not scope.one_at_a_time and kept > quota.htxs_max:
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
    everyone = candidates(year_end)
    scope = scope_of(year_end, everyone, request.args.get("department", type=int))
    rows = scope.rows
    form_class = quota_form_class([(row.person.id, row.person.full_name) for row in rows])
    if request.method == "GET":
        return _render(year_end, scope, form_class(formdata=None, data=_initial(rows)))
    quota_now = year_end.quota()
    if not quota_now.over and not any(row.decision for row in everyone):
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
        return _render(year_end, scope, form, 409, notices=[("error", message)])
    if not _check(form, scope, quota_now):
        return _render(year_end, scope, form, 422)
    try:
        kept, moved = _save(year_end, rows, form)
        db.session.commit()
    except (StaleDataError, IntegrityError):
        db.session.rollback()
        abort(error_response(409, _("Quyết định vừa được người khác lưu. Hãy tải lại trang rồi thử lại.")))
    if scope.section is not None:
        flash(_("Đã lưu quyết định năm %(year)s của %(department)s: giữ %(kept)s người Hoàn thành xuất sắc nhiệm vụ, "
                "xếp %(moved)s người Hoàn thành tốt nhiệm vụ.", year=year, department=scope.section.name, kept=kept,
                moved=moved), "success")
        return htmx.redirect(url_for("year_end.quota", year=year, department=scope.section.key))
    flash(_("Đã lưu quyết định năm %(year)s: giữ %(kept)s người Hoàn thành xuất sắc nhiệm vụ, xếp %(moved)s người "
            "Hoàn thành tốt nhiệm vụ.", year=year, kept=kept, moved=moved), "success")
    return htmx.redirect(url_for("year_end.quota", year=year))
