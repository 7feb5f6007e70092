"""One person's year as its page shows it: what the page and its what-if load (PersonYear), the rows it shows, and
the render. The routes are in person_views (the page) and whatif (the same page with months changed on screen)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import abort, url_for
from flask_login import current_user

from app import clock, htmx
from app.models import AnnualDecision, Initiative, MeetingVote, Person, Registration, Shortcoming
from app.permissions import load_person_or_404
from app.permissions.superior import can_record_superior, is_assessed_by_superior
from app.year_end import queries
from app.year_end.documents_views import person_documents
from app.yearfile.exporter import REGISTERED_STATES

PAGE = "year_end/person.html"
BODY = "year_end/partials/person_body.html"
WHATIF = "year_end/partials/whatif.html"


@dataclass(frozen=True)
class MonthRow:
    number: int
    employed: bool
    record: dict[str, Any] | None  # the year document's month (what the assessment counts)
    facts: queries.MonthFacts | None
    opened: bool  # the month has opened in the calendar: its review page exists

    @property
    def not_reviewed(self) -> bool:
        return self.employed and self.record is None


@dataclass(frozen=True)
class TitleRow:
    code: str
    eligible: bool
    reasons: list[str]
    registered: bool
    decided: bool  # voted and confirmed at the bình xét meeting


@dataclass
class PersonYear:
    year_end: queries.YearEnd
    person: Person
    result: dict[str, Any]

    @property
    def url_args(self) -> dict[str, int]:
        return {"year": self.year_end.number, "person_id": self.person.id}


def load_person_year(year: int, person_id: int) -> PersonYear:
    person = load_person_or_404(person_id)
    year_end = queries.load(year)
    result = year_end.result_of(person)
    if result is None:  # not working in that year: nothing to show
        abort(404)
    return PersonYear(year_end, person, result)


def month_rows(page: PersonYear) -> list[MonthRow]:
    year_end, code = page.year_end, page.person.code
    employed = set(year_end.employed_months(code))
    records = year_end.months.get(code, {})
    facts = queries.month_facts(year_end.year, page.person)
    opened = {month.number for month in year_end.year.months if month.state != "not_open"}
    return [MonthRow(n, n in employed, records.get(n), facts.get(n), n in opened) for n in queries.MONTHS]


def title_rows(page: PersonYear, registration: Registration | None, votes: list[MeetingVote]) -> list[TitleRow]:
    titles = page.result.get("titles", {})
    # a registration as the year file (and so the assessment) counts it: sent or approved
    registered = registration.target_title if registration and registration.state in REGISTERED_STATES else None
    decided = {vote.title for vote in votes if vote.decided}
    return [TitleRow(code, bool(titles.get(code, {}).get("eligible")), list(titles.get(code, {}).get("reasons", [])),
                     code == registered, code in decided)
            for code in page.year_end.book.person_titles]


def superior_context(page: PersonYear, rows: list[MonthRow]) -> dict[str, Any]:
    """For a person the superior body assesses: the ended months the office has not recorded yet, and (for the
    office) the page where it records them."""
    if not is_assessed_by_superior(page.person):
        return {"superior_missing": []}
    today = clock.today()
    missing = [row.number for row in rows if row.not_reviewed and (page.year_end.number, row.number) <= (
        today.year, today.month)]
    url = url_for("reviews.superior", year=page.year_end.number) if can_record_superior(current_user) else None
    return {"superior_missing": missing, "superior_url": url}


def page_context(page: PersonYear) -> dict[str, Any]:
    year, person = page.year_end.year, page.person
    shortcomings: list[Shortcoming] = queries.shortcomings_of_year(year, person)
    initiatives: list[Initiative] = queries.initiatives_of_year(year, person)
    registration = queries.registration_of(year, person)
    decision: AnnualDecision | None = queries.decisions_of(year, [person.id]).get(person.id)
    votes = queries.votes_of(year, person)
    rows = month_rows(page)
    return {
        "year_end": page.year_end, "book": page.year_end.book, "person": person, "result": page.result,
        "months": rows, "titles": title_rows(page, registration, votes),
        "fixed": [s for s in shortcomings if not s.is_open], "still_open": [s for s in shortcomings if s.is_open],
        "initiatives": initiatives, "registration": registration, "decision": decision,
        "url_args": page.url_args, "whatif_url": url_for("year_end.whatif", **page.url_args),
        "report": person_documents(page.year_end, person),
        **superior_context(page, rows),
    }


def render_person(page: PersonYear, partial: str = BODY, status: int = 200, **extra):
    return htmx.render(PAGE, partial, status, **{**page_context(page), **extra})
