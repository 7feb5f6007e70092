"""The unit's year at a glance: the Hoàn thành xuất sắc quota, each person's row (months worked, annual score,
level, the leaders' decision, the titles within reach), the unit's titles with their reasons, and what is still
missing. Everyone signed in reads it, seeing the people they may see; the unit's part is for the board's leaders
and admins. One export and one assessment, whatever the number of people.

Above ONE_DEPARTMENT_ABOVE people the rows show one department at a time, with a picker (`?department=`, as the
review board and the year overview do): 2,000 rows weigh megabytes and nobody reads them whole. The quota, the
unit's titles and the counts above the table stay the whole unit's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import render_template, request
from flask_login import current_user, login_required

from app import department_picker, roster
from app.department_picker import Section
from app.models import Person
from app.permissions import can_view_person
from app.year_end import queries
from app.year_end.documents_views import available_documents
from app.year_end.permissions import can_decide_year_end, can_see_unit
from app.year_end.views import bp

# Above this many people the table shows one department at a time (no "every department" in the picker then): the
# same threshold as the review board's and the year overview's.


@dataclass(frozen=True)
class PersonRow:
    person: Person
    result: dict[str, Any]
    eligible: list[str]  # the person titles within reach, in the rulebook's order
    gaps: list[int]  # months worked in but not reviewed yet


@dataclass(frozen=True)
class Page:
    """Which of the people the account may see the table shows: all, or one department."""

    visible: list[Person]  # everyone the account may see who has a year to show: the counts count them
    sections: list[Section]  # their departments, in official order, for the picker
    section: Section | None  # the department shown; None: everyone visible
    one_at_a_time: bool  # too many to show at once: there is no "every department"
    shown: list[Person]  # in official order


def page_of(year_end: queries.YearEnd, account, department_id: int | None) -> Page:
    visible = [person for person in year_end.people.values()
               if year_end.result_of(person) is not None and can_view_person(account, person)]
    sections = department_picker.sections_of(visible)
    one_at_a_time = department_picker.one_at_a_time(len(visible))
    section = department_picker.pick(sections, department_id, one_at_a_time)
    shown = visible if section is None else [person for person in visible
                                              if department_picker.group_of(person) == section.key]
    return Page(visible, sections, section, one_at_a_time, roster.sort_by_department(shown))


def person_rows(year_end: queries.YearEnd, people: list[Person]) -> list[PersonRow]:
    """The rows of these people (in official order already)."""
    rows = []
    for person in people:
        result = year_end.result_of(person)
        titles = result.get("titles", {})
        rows.append(PersonRow(person, result, [code for code in year_end.book.person_titles
                                               if titles.get(code, {}).get("eligible")],
                              year_end.gaps(person.code)))
    return rows


@bp.route("/<int:year>")
@login_required
def index(year: int):
    year_end = queries.load(year)
    account = current_user._get_current_object()  # asked once per person
    page = page_of(year_end, account, request.args.get("department", type=int))
    rows = person_rows(year_end, page.shown)
    see_unit = can_see_unit(account)
    return render_template(
        "year_end/index.html", year_end=year_end, book=year_end.book, rows=rows, see_unit=see_unit, page=page,
        quota=year_end.quota() if see_unit else None, unit_titles=year_end.assessment.get("unit", {}),
        with_gaps=[row for row in rows if row.gaps], can_decide=can_decide_year_end(account),
        gaps_counted=sum(1 for person in page.visible if year_end.gaps(person.code)) if page.section else None,
        documents=available_documents(year_end, account) if see_unit else [],
    )
