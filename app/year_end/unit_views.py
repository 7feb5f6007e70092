"""The unit's year at a glance: the Hoàn thành xuất sắc quota, each person's row (months worked, annual score,
level, the leaders' decision, the titles within reach), the unit's titles with their reasons, and what is still
missing. Everyone signed in reads it, seeing the people they may see; the unit's part is for the board's leaders
and admins. One export and one assessment, whatever the number of people."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import render_template
from flask_login import current_user, login_required

from app.models import Person
from app.permissions import can_view_person
from app.year_end import queries
from app.year_end.documents_views import available_documents
from app.year_end.permissions import can_decide_year_end, can_see_unit
from app.year_end.views import bp


@dataclass(frozen=True)
class PersonRow:
    person: Person
    result: dict[str, Any]
    eligible: list[str]  # the person titles within reach, in the rulebook's order
    gaps: list[int]  # months worked in but not reviewed yet


def person_rows(year_end: queries.YearEnd, account) -> list[PersonRow]:
    visible = [person for person in year_end.people.values() if can_view_person(account, person)]
    rows = []
    for person in queries.in_official_order(visible):
        result = year_end.result_of(person)
        if result is None:
            continue
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
    rows = person_rows(year_end, account)
    see_unit = can_see_unit(account)
    return render_template(
        "year_end/index.html", year_end=year_end, book=year_end.book, rows=rows, see_unit=see_unit,
        quota=year_end.quota() if see_unit else None, unit_titles=year_end.assessment.get("unit", {}),
        with_gaps=[row for row in rows if row.gaps], can_decide=can_decide_year_end(account),
        documents=available_documents(year_end, account) if see_unit else [],
    )
