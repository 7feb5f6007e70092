"""What the bình xét meeting's page reads and shows, apart from its form: the council's threshold, a row per title
within reach (and per title voted on earlier), each vote's outcome, and — above ONE_DEPARTMENT_ABOVE people — which
department the form holds, with every department's figures (app/year_end/meeting_views.py draws and saves it)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from app import department_picker
from app.commitments.forms import points_text
from app.department_picker import BOARD_GROUP, Section
from app.domain.rulebooks import setting
from app.domain.year_end import share_percent
from app.extensions import db
from app.models import Department, Meeting, MeetingVote, Person
from app.year_end import queries
from app.year_end.forms import vote_key


@dataclass(frozen=True)
class Threshold:
    percent: Decimal
    source: str
    adjusted: bool  # the unit changed the rulebook's value for this year

    @property
    def places(self) -> int:
        return max(0, -self.percent.normalize().as_tuple().exponent)

    @property
    def text(self) -> str:
        """As the unit set it, in the reader's language: "80", "66,67"."""
        return points_text(self.percent, self.places)

    def passes(self, votes_for: int, council_size: int) -> bool:
        return Decimal(votes_for) * 100 >= self.percent * council_size


@dataclass(frozen=True)
class VoteRow:
    key: str
    person: Person | None  # None: the unit's collective title
    title: str
    eligible: bool  # the assessment finds the title within reach
    vote: MeetingVote | None


@dataclass(frozen=True)
class Outcome:
    share: Decimal  # votes for, in per cent of the council's members, as shown beside the threshold
    passes: bool

    @property
    def share_text(self) -> str:
        return points_text(self.share, max(1, -self.share.as_tuple().exponent))


def threshold_of(year_end: queries.YearEnd) -> Threshold:
    overrides = year_end.year.settings or {}
    return Threshold(Decimal(str(setting(year_end.book, overrides, "council_vote_percent"))),
                     year_end.book.settings["council_vote_percent"].source, "council_vote_percent" in overrides)


def vote_rows(year_end: queries.YearEnd, meeting: Meeting | None, people: list[Person] | None = None) -> list[VoteRow]:
    """Each title within reach of each person (official order, the rulebook's order of titles), then the unit's;
    and any title voted on earlier that is no longer within reach, so that its vote stays visible. `people`: only
    theirs (one department), else everyone's."""
    votes = {vote_key(vote.person_id, vote.title): vote for vote in (meeting.votes if meeting else [])}
    rows: list[VoteRow] = []
    for person in queries.in_official_order(year_end.people.values() if people is None else people):
        titles = (year_end.result_of(person) or {}).get("titles", {})
        for code in year_end.book.person_titles:
            key = vote_key(person.id, code)
            eligible = bool(titles.get(code, {}).get("eligible"))
            if eligible or key in votes:
                rows.append(VoteRow(key, person, code, eligible, votes.get(key)))
    unit = year_end.assessment.get("unit", {})
    for code in year_end.book.unit_titles:
        key = vote_key(None, code)
        eligible = bool(unit.get(code, {}).get("eligible"))
        if eligible or key in votes:
            rows.append(VoteRow(key, None, code, eligible, votes.get(key)))
    return rows


@dataclass(frozen=True)
class DepartmentVotes:
    """A department's part of the meeting, for the unit-wide table."""

    section: Section
    proposals: int  # titles within reach of its people
    voted: int
    recognised: int
    present: int  # its people among the attendees


@dataclass(frozen=True)
class Scope:
    """What the form holds: everyone, or one department of a large unit (`people`: its people on record)."""

    section: Section | None  # None: everyone
    sections: list[Section]
    people: list[Person] | None
    counts: list[DepartmentVotes]

    @property
    def one_at_a_time(self) -> bool:
        return self.section is not None

    def totals(self) -> DepartmentVotes | None:
        if not self.counts:
            return None
        return DepartmentVotes(Section(-1, ""), *(sum(getattr(c, name) for c in self.counts)
                                                  for name in ("proposals", "voted", "recognised", "present")))


def scope_of(year_end: queries.YearEnd, record: Meeting | None, requested: int | None) -> Scope:
    """One department at a time above the threshold; its people are the only ones read from the database."""
    if not department_picker.one_at_a_time(len(year_end.results)):
        return Scope(None, [], None, [])
    departments = {d.code: d for d in db.session.scalars(select(Department))}
    group_of_code = {code: departments[dept].id if dept in departments else BOARD_GROUP
                     for code, dept in year_end.departments_of_codes().items() if code in year_end.results}
    used = set(group_of_code.values())
    ordered = sorted((d for d in departments.values() if d.id in used), key=department_picker.department_order)
    sections = ([Section(BOARD_GROUP, department_picker.name_of(None))] if BOARD_GROUP in used else []) + [
        Section(d.id, d.name) for d in ordered]
    section = department_picker.pick(sections, requested, True)
    if section is None:
        return Scope(None, [], None, [])
    proposals = dict.fromkeys(used, 0)
    for code, group in group_of_code.items():
        titles = year_end.results[code].get("titles", {})
        proposals[group] += sum(1 for title in year_end.book.person_titles if titles.get(title, {}).get("eligible"))
    group_of_id = {person_id: department_id if department_id is not None else BOARD_GROUP for person_id, department_id
                   in db.session.execute(select(Person.id, Person.department_id))}
    voted, recognised, present = dict.fromkeys(used, 0), dict.fromkeys(used, 0), dict.fromkeys(used, 0)
    for vote in record.votes if record else []:
        if vote.person_id is not None and group_of_id.get(vote.person_id) in voted:
            voted[group_of_id[vote.person_id]] += 1
            recognised[group_of_id[vote.person_id]] += bool(vote.decided)
    for attendee in record.attendees if record else []:
        if attendee.person_id is not None and group_of_id.get(attendee.person_id) in present:
            present[group_of_id[attendee.person_id]] += 1
    counts = [DepartmentVotes(s, proposals[s.key], voted[s.key], recognised[s.key], present[s.key]) for s in sections]
    shown = [code for code, group in group_of_code.items() if group == section.key]
    return Scope(section, sections, year_end.people_of(shown), counts)


def outcomes(form, rows: list[VoteRow], threshold: Threshold) -> dict[str, Outcome]:
    """The result of each vote as the form holds it (nothing for a vote not given or a council size missing)."""
    size = form.council_size.data if not form.council_size.errors else None
    if not isinstance(size, int) or size < 1:
        return {}
    result = {}
    for row in rows:
        votes_for = form[f"for_{row.key}"].data
        if not isinstance(votes_for, int) or form[f"for_{row.key}"].errors:
            continue
        result[row.key] = Outcome(share_percent(votes_for, size, threshold.percent), threshold.passes(votes_for, size))
    return result


def vote_groups(rows: list[VoteRow]) -> list[list[VoteRow]]:
    """The rows of each person (then of the unit) together: the table names each once."""
    groups: list[list[VoteRow]] = []
    for row in rows:
        if groups and groups[-1][0].person == row.person:
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups
