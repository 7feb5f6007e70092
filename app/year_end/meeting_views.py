"""The bình xét meeting of the Hội đồng Thi đua – Khen thưởng: when and where, who chaired and who kept the
minutes, who attended (people of the unit, and guests by name), and the council's vote on each title within reach
of a person or of the unit. A vote passes when its votes for reach the rulebook's threshold (council_vote_percent)
of all the council's members; the leaders then confirm the title ("Công nhận"). One meeting per year, audited.

Above ONE_DEPARTMENT_ABOVE people the form holds one department at a time (`?department=`): its people's votes and
its people among the attendees, with the meeting's details, the guests and the unit's titles always there. A save
keeps the other departments' votes and attendees as they are; the totals (proposals, votes, titles recognised, people
present) stay the whole meeting's, and the documents drawn from it cover the whole unit. What the page reads (the
threshold, the vote rows, the department shown) is app/year_end/meeting.py; this module is the form and its save."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app import audit, clock, htmx
from app.errors import error_response
from app.extensions import db
from app.labels import PERSON_TITLE_LABELS, POSITION_LABELS, UNIT_TITLE_LABELS
from app.models import Meeting, MeetingAttendee, MeetingVote, Person
from app.year_end import queries
from app.year_end.forms import NAME_MAX, meeting_form_class, vote_key
from app.year_end.meeting import (
    Scope,
    Threshold,
    VoteRow,
    outcomes,
    scope_of,
    threshold_of,
    vote_groups,
    vote_rows,
)
from app.year_end.permissions import can_decide_year_end
from app.year_end.views import bp

PAGE = "year_end/meeting.html"
BODY = "year_end/partials/meeting_form.html"
MEETING_FIELDS = ("held_on", "place", "chair", "secretary", "council_size", "note")


def _subject(row: VoteRow) -> str:
    """What a vote is on, as a label says it: "Đỗ Thị Lan, “Chiến sĩ thi đua cơ sở”"."""
    if row.person is None:
        return _("tập thể, %(title)s", title=UNIT_TITLE_LABELS.get(row.title, row.title))
    return f"{row.person.full_name}, {PERSON_TITLE_LABELS.get(row.title, row.title)}"


def _people(year_end: queries.YearEnd, scope: Scope) -> list[Person]:
    people = year_end.people.values() if scope.people is None else scope.people
    return [person for person in queries.in_official_order(people) if person.active]


def _chief(year_end: queries.YearEnd, scope: Scope) -> Person | None:
    if scope.people is None:
        return next((p for p in year_end.people.values() if p.position == "truong_ban" and p.active), None)
    return next((p for p in db.session.scalars(select(Person).where(Person.position == "truong_ban", Person.active)
                                               .order_by(Person.id)) if p.code in year_end.results), None)


def _elsewhere(meeting: Meeting | None, people: list[Person], scope: Scope) -> list[MeetingAttendee]:
    """The attendees of the unit the form does not hold (another department's): a save keeps them."""
    if meeting is None or not scope.one_at_a_time:
        return []
    shown = {person.id for person in people}
    return [a for a in meeting.attendees if a.person_id is not None and a.person_id not in shown]


def _attendee_label(person: Person) -> str:
    return f"{person.full_name} — {POSITION_LABELS.get(person.position, person.position)}"


def _outside_lines(meeting: Meeting) -> str:
    return "\n".join(f"{a.name}, {a.position}" if a.position else a.name
                     for a in meeting.attendees if a.person_id is None)


def _initial(year_end: queries.YearEnd, meeting: Meeting | None, rows: list[VoteRow], scope: Scope) -> dict[str, Any]:
    if meeting is None:
        chief = _chief(year_end, scope)
        return {"held_on": clock.today(), "chair": chief.full_name if chief else "", "version": ""}
    data: dict[str, Any] = {name: getattr(meeting, name) for name in MEETING_FIELDS}
    data.update(version=str(meeting.version), outside=_outside_lines(meeting))
    for attendee in meeting.attendees:
        if attendee.person_id is not None:
            data[f"attendee_{attendee.person_id}"] = True
    for row in rows:
        if row.vote is not None:
            data.update({f"for_{row.key}": row.vote.votes_for, f"against_{row.key}": row.vote.votes_against,
                         f"decided_{row.key}": row.vote.decided})
    return data


def _parse_outside(text: str) -> list[tuple[str, str]] | None:
    """'Họ và tên, chức vụ' per line; None when a name is too long."""
    people = []
    for line in (text or "").splitlines():
        name, _sep, position = line.partition(",")
        name, position = name.strip(), position.strip()
        if not name:
            continue
        if len(name) > NAME_MAX or len(position) > NAME_MAX:
            return None
        people.append((name, position))
    return people


def _chosen(form, people: list[Person]) -> list[Person]:
    return [person for person in people if form[f"attendee_{person.id}"].data]


def _check(form, rows: list[VoteRow], people: list[Person], threshold: Threshold,
           elsewhere: int = 0) -> list[tuple[str, str]] | None:
    ok = form.validate_on_submit()
    outside = _parse_outside(form.outside.data)
    if outside is None:
        form.outside.errors = [*form.outside.errors, _("Mỗi họ tên, chức vụ không dài quá %(max)s ký tự.",
                                                       max=NAME_MAX)]
        ok, outside = False, []
    present = len(_chosen(form, people)) + elsewhere + len(outside)
    size = form.council_size.data if isinstance(form.council_size.data, int) and not form.council_size.errors else None
    for row in rows:
        field_for, field_against = form[f"for_{row.key}"], form[f"against_{row.key}"]
        if field_for.errors or field_against.errors:
            continue
        votes_for, votes_against = field_for.data or 0, field_against.data or 0
        if votes_for + votes_against > present:
            field_for.errors = [_("Số phiếu đồng ý và không đồng ý (%(votes)s) nhiều hơn số người dự họp "
                                  "(%(present)s).", votes=votes_for + votes_against, present=present)]
            ok = False
        elif size is not None and votes_for + votes_against > size:
            field_for.errors = [_("Số phiếu đồng ý và không đồng ý (%(votes)s) nhiều hơn số thành viên Hội đồng "
                                  "(%(size)s).", votes=votes_for + votes_against, size=size)]
            ok = False
        elif form[f"decided_{row.key}"].data and (size is None or not threshold.passes(votes_for, size)):
            form[f"decided_{row.key}"].errors = [_(
                "Chưa đạt %(percent)s%% số thành viên Hội đồng đồng ý nên chưa thể công nhận.",
                percent=threshold.text)]
            ok = False
    return outside if ok else None


def _snapshot(meeting: Meeting) -> dict[str, Any]:
    values = audit.snapshot(meeting, MEETING_FIELDS)
    values["attendees"] = [f"{a.name} ({a.position})" if a.position else a.name for a in meeting.attendees]
    values["votes"] = {vote_key(v.person_id, v.title): [v.votes_for, v.votes_against, v.decided]
                       for v in meeting.votes}
    return values


def _role(name: str, form) -> str:
    folded = name.casefold()
    if folded == (form.chair.data or "").casefold():
        return "chair"
    if folded == (form.secretary.data or "").casefold():
        return "secretary"
    return "member"


def _save(year_end: queries.YearEnd, meeting: Meeting | None, form, rows: list[VoteRow], people: list[Person],
          outside: list[tuple[str, str]], elsewhere: list[MeetingAttendee], partial: bool) -> Meeting:
    creating = meeting is None
    before = None if creating else _snapshot(meeting)
    if creating:
        meeting = Meeting(year_id=year_end.year.id)
        db.session.add(meeting)
    meeting.held_on = form.held_on.date
    meeting.place, meeting.chair, meeting.secretary = form.place.data, form.chair.data, form.secretary.data
    meeting.council_size, meeting.note = form.council_size.data, form.note.data or ""
    meeting.updated_at = clock.utcnow()  # the row changes (and its version moves on) even when only votes did
    attendees = [MeetingAttendee(person_id=p.id, name=p.full_name,
                                 position=str(POSITION_LABELS.get(p.position, p.position)), role=_role(p.full_name, form))
                 for p in _chosen(form, people)]
    attendees += [MeetingAttendee(person_id=a.person_id, name=a.name, position=a.position, role=_role(a.name, form))
                  for a in elsewhere]
    attendees += [MeetingAttendee(name=name, position=position, role=_role(name, form)) for name, position in outside]
    meeting.attendees = attendees
    existing = {vote_key(v.person_id, v.title): v for v in meeting.votes}
    shown = {row.key for row in rows}
    # One department's form: the other departments' votes stay as they are.
    kept = [vote for key, vote in existing.items() if key not in shown] if partial else []
    for row in rows:
        votes_for = form[f"for_{row.key}"].data or 0
        votes_against = form[f"against_{row.key}"].data or 0
        decided = bool(form[f"decided_{row.key}"].data)
        if not (votes_for or votes_against or decided):
            continue
        vote = existing.get(row.key) or MeetingVote(person_id=row.person.id if row.person else None, title=row.title)
        vote.votes_for, vote.votes_against, vote.decided = votes_for, votes_against, decided
        kept.append(vote)
    meeting.votes = kept
    db.session.flush()
    audit.record("meeting", meeting.id, "create" if creating else "update", before, _snapshot(meeting))
    return meeting


def _differences(meeting: Meeting, form, people: list[Person], rows: list[VoteRow]) -> list[str]:
    """What the saved meeting holds differently from this user's input, named as the form names it."""
    names = []
    for name in MEETING_FIELDS:
        field = form[name]
        saved = getattr(meeting, name)
        typed = field.date if name == "held_on" else field.data
        if (saved or None) != (typed or None):
            names.append(str(field.label.text))
    chosen, shown = {p.id for p in _chosen(form, people)}, {p.id for p in people}
    if chosen != {a.person_id for a in meeting.attendees if a.person_id in shown} or \
            (form.outside.data or "").strip() != _outside_lines(meeting):
        names.append(_("Người dự họp"))
    saved_votes = {vote_key(v.person_id, v.title): (v.votes_for, v.votes_against, v.decided) for v in meeting.votes}
    for row in rows:
        typed = (form[f"for_{row.key}"].data or 0, form[f"against_{row.key}"].data or 0,
                 bool(form[f"decided_{row.key}"].data))
        if saved_votes.get(row.key, (0, 0, False)) != typed:
            names.append(_("Phiếu bầu"))
            break
    return names


def _render(year_end, meeting, rows, people, form, threshold, scope: Scope, status: int = 200, **extra):
    return htmx.render(PAGE, BODY, status, year_end=year_end, meeting=meeting, groups=vote_groups(rows), people=people,
                       form=form, threshold=threshold, outcomes=outcomes(form, rows, threshold), scope=scope,
                       elsewhere=_elsewhere(meeting, people, scope), **extra)


@bp.route("/<int:year>/meeting", methods=["GET", "POST"])
@login_required
def meeting(year: int):
    if not can_decide_year_end(current_user):
        abort(403)
    year_end = queries.load(year)
    record = queries.meeting_of(year_end.year)
    scope = scope_of(year_end, record, request.args.get("department", type=int))
    rows = vote_rows(year_end, record, scope.people)
    people = _people(year_end, scope)
    threshold = threshold_of(year_end)
    form_class = meeting_form_class([(p.id, _attendee_label(p)) for p in people],
                                    [(row.key, _subject(row)) for row in rows])
    if request.method == "GET":
        return _render(year_end, record, rows, people,
                       form_class(formdata=None, data=_initial(year_end, record, rows, scope)), threshold, scope)
    form = form_class()
    current = str(record.version) if record is not None else ""
    if (form.version.data or "") != current:
        changed = _differences(record, form, people, rows) if record is not None else []
        form.version.data = current
        message = _("Biên bản họp bình xét vừa được người khác lưu trong lúc bạn nhập. Các phần khác với bản đang lưu: "
                    "%(fields)s. Nội dung bạn nhập vẫn còn trên trang: xem lại rồi bấm Lưu lần nữa.",
                    fields=", ".join(changed) or _("không có"))
        return _render(year_end, record, rows, people, form, threshold, scope, 409, notices=[("error", message)])
    elsewhere = _elsewhere(record, people, scope)
    outside = _check(form, rows, people, threshold, len(elsewhere))
    if outside is None:
        return _render(year_end, record, rows, people, form, threshold, scope, 422)
    try:
        _save(year_end, record, form, rows, people, outside, elsewhere, scope.one_at_a_time)
        db.session.commit()
    except (StaleDataError, IntegrityError):
        db.session.rollback()
        abort(error_response(409, _("Biên bản họp vừa được người khác lưu. Hãy tải lại trang rồi thử lại.")))
    if scope.section is not None:
        flash(_("Đã lưu kết quả họp bình xét năm %(year)s (phần của %(department)s và của tập thể).", year=year,
                department=scope.section.name), "success")
        return htmx.redirect(url_for("year_end.meeting", year=year, department=scope.section.key))
    flash(_("Đã lưu kết quả họp bình xét năm %(year)s.", year=year), "success")
    return htmx.redirect(url_for("year_end.meeting", year=year))
