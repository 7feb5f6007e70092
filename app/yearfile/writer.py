"""A valid year file's records into the database session, matched by code with what is already there.

People, departments and the unit are matched by code and updated, never deleted, so that accounts and other years'
records stay attached; records that several years' files may carry (disciplines from earlier years, pending cases,
the awards history, initiatives recognised in the two years before) are matched and updated instead of added
twice. Every change is noted by `audit.record`; nothing here commits: app/yearfile/importer.py does, or rolls back.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import or_, select

from app import audit, clock
from app.domain.calendar import default_deadlines
from app.domain.discipline import is_open
from app.domain.rulebooks import Rulebook
from app.domain.scoring import level_for_score
from app.domain.text import clean_text
from app.extensions import db
from app.models import (
    AnnualDecision,
    AwardHistory,
    Department,
    Discipline,
    Initiative,
    InitiativeAuthor,
    Month,
    MonthlyReview,
    PendingCase,
    Person,
    Registration,
    Shortcoming,
    Unit,
    UnitRegistration,
    Year,
)

PERSON_FIELDS = ("code", "family_name", "middle_name", "given_name", "gender", "position", "department_id",
                 "employed_from", "employed_to", "active")
DEPARTMENT_FIELDS = ("code", "name", "sort_order")
UNIT_FIELDS = ("name", "superior")
YEAR_FIELDS = ("year", "rulebook_code")
# The file's initiative statuses and the model's states.
STATUS_TO_STATE = {"registered": "draft", "submitted": "submitted", "recognised": "recognised", "rejected": "rejected"}


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class Writer:
    """Writes a valid year file's records, one method per kind, in the order `import_year` calls them; counts
    what it adds or matches in `counts`."""

    def __init__(self, doc: dict, book: Rulebook, reason: str, today: date):
        self.doc = doc
        self.book = book
        self.reason = reason
        self.today = today
        self.number = doc["year"]
        self.counts: dict[str, int] = {}
        self.people: dict[str, Person] = {}
        self.departments: dict[str, Department] = {}

    def count(self, kind: str, number: int = 1) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + number

    def unit(self) -> None:
        data = self.doc["unit"]
        unit = db.session.scalar(select(Unit).order_by(Unit.id).limit(1))
        before = audit.snapshot(unit, UNIT_FIELDS) if unit else None
        if unit is None:
            unit = Unit(place="Hà Nội")
            db.session.add(unit)
        unit.name = clean_text(data["name"])
        unit.superior = clean_text(data.get("superior"))
        db.session.flush()
        self.audit_changed("unit", [(unit, before)], UNIT_FIELDS)

    def department_rows(self) -> None:
        existing = {d.code: d for d in db.session.scalars(select(Department))}
        next_order = max((d.sort_order for d in existing.values()), default=0) + 1
        changed = []
        for data in self.doc["departments"]:
            code = data["code"].strip()
            department = existing.get(code)
            before = audit.snapshot(department, DEPARTMENT_FIELDS) if department else None
            if department is None:
                department = Department(code=code, sort_order=next_order)
                next_order += 1
                db.session.add(department)
                self.count("departments_created")
            department.name = clean_text(data["name"])
            self.departments[code] = department
            changed.append((department, before))
        db.session.flush()
        self.audit_changed("department", changed, DEPARTMENT_FIELDS)

    def person_rows(self) -> None:
        codes = [p["code"].strip() for p in self.doc["people"]]
        existing = {p.code: p for p in db.session.scalars(select(Person).where(Person.code.in_(codes)))}
        changed = []
        for data in self.doc["people"]:
            code = data["code"].strip()
            person = existing.get(code)
            before = audit.snapshot(person, PERSON_FIELDS) if person else None
            if person is None:
                person = Person(code=code)
                db.session.add(person)
                self.count("people_created")
            else:
                self.count("people_matched")
            person.family_name = clean_text(data["family_name"])
            person.middle_name = clean_text(data.get("middle_name"))
            person.given_name = clean_text(data["given_name"])
            person.gender = data["gender"]
            person.position = data["position"]
            department = data.get("department")
            person.department = self.departments[department] if department else None
            person.employed_from = _date(data.get("employed_from"))
            person.employed_to = _date(data.get("employed_to"))
            # Someone whose employment ended is kept (with their months and titles) among those who left.
            person.active = person.employed_to is None or person.employed_to > self.today
            self.people[code] = person
            changed.append((person, before))
        db.session.flush()
        self.audit_changed("person", changed, PERSON_FIELDS)

    def audit_changed(self, entity: str, changed: list, fields: tuple[str, ...]) -> None:
        """An audit event for each (record, its snapshot before) whose fields the import changed (flushed: ids set)."""
        for record, before in changed:
            after = audit.snapshot(record, fields)
            if before != after:
                audit.record(entity, record.id, "create" if before is None else "update", before, after, self.reason)

    def year(self, year: Year | None) -> Year:
        before = audit.snapshot(year, YEAR_FIELDS) if year else None
        if year is None:
            year = Year(year=self.number, settings={}, commitments_due_day=5)
            for number in range(1, 13):
                commitments_due, self_assessment_due = default_deadlines(self.number, number, 5)
                # A month already over when its data is imported is closed, as it would be had it been kept here.
                finished = date(self.number, number, 1) < self.today.replace(day=1)
                year.months.append(Month(number=number, state="closed" if finished else "not_open",
                                         commitments_due=commitments_due, self_assessment_due=self_assessment_due,
                                         state_changed_at=clock.utcnow() if finished else None))
            db.session.add(year)
        year.rulebook_code = self.book.code
        year.outstanding = bool(self.doc["unit"].get("outstanding"))
        db.session.flush()
        audit.record("year", year.id, "import", before, audit.snapshot(year, YEAR_FIELDS), self.reason)
        return year

    def registrations(self, year: Year) -> None:
        for data in self.doc.get("registrations") or []:
            db.session.add(Registration(year_id=year.id, person_id=self.people[data["person"]].id,
                                        target_title=data["title"], state="approved"))
            self.count("registrations")
        if self.doc.get("unit_registration"):
            db.session.add(UnitRegistration(year_id=year.id, target_title=self.doc["unit_registration"]["title"],
                                            state="approved"))
            self.count("unit_registration")

    def months(self, year: Year) -> None:
        months = {month.number: month for month in year.months}
        for data in self.doc["months"]:
            month = months[data["month"]]
            person = self.people[data["person"]]
            leave = data.get("leave")
            score = Decimal(str(data["score"])) if data.get("score") is not None else None
            level = data.get("level")
            if level is None and score is not None:
                level = level_for_score(score, self.book)
            review = MonthlyReview(
                person_id=person.id, month_id=month.id, leave=leave, review_state="approved",
                review_score=score, review_level=level,
                strengths="\n".join(clean_text(text) for text in data.get("strengths") or []),
            )
            db.session.add(review)
            self.count("months")
            for text in data.get("shortcomings") or []:
                db.session.add(Shortcoming(person_id=person.id, raised_in=review, raised_month_id=month.id,
                                           text=clean_text(text)))
                self.count("shortcomings")

    def _initiative_year(self, decided_on: date | None) -> int:
        """The year an initiative is filed under: its own when the file brings it as one of the two years before
        (the export gives those back by their date), else the file's year."""
        if decided_on is not None and self.number - 2 <= decided_on.year < self.number:
            return decided_on.year
        return self.number

    def initiatives(self) -> None:
        # What the database already holds, by kind and date: another year's file may have brought the same one.
        known: dict[tuple[str, date | None], set[str]] = {}
        for kind, title, decided_on in db.session.execute(select(Initiative.kind, Initiative.title,
                                                                 Initiative.decided_on)):
            group = "research" if kind == "research" else "initiative"
            known.setdefault((group, decided_on), set()).add(clean_text(title).casefold())
        entries = [(data, "initiative", STATUS_TO_STATE[data["status"]], data.get("decided_on"))
                   for data in self.doc.get("initiatives") or []]
        entries += [(data, "research", "recognised" if data.get("accepted_on") else "submitted",
                     data.get("accepted_on")) for data in self.doc.get("research") or []]
        for data, kind, status, decided_on in entries:
            title = clean_text(data["title"])
            decided = _date(decided_on)
            same = known.setdefault((kind, decided), set())
            if title.casefold() in same:
                self.count("initiatives_matched")
                continue
            same.add(title.casefold())
            initiative = Initiative(year=self._initiative_year(decided), kind=kind, title=title, status=status,
                                    level=data.get("level"), decision_number=clean_text(data.get("decision")),
                                    decided_on=decided)
            initiative.authors = [InitiativeAuthor(person_id=self.people[code].id, position=position)
                                  for position, code in enumerate(data["authors"])]
            db.session.add(initiative)
            self.count(kind)

    def _person_ids(self) -> list[int]:
        return [person.id for person in self.people.values()]

    def discipline(self) -> None:
        known = {(d.person_id, d.form, d.decided_on): d for d in db.session.scalars(
            select(Discipline).where(Discipline.person_id.in_(self._person_ids())))}
        for data in self.doc.get("discipline") or []:
            key = (self.people[data["person"]].id, data["form"], _date(data["decided_on"]))
            record = known.get(key)
            if record is None:
                record = Discipline(person_id=key[0], form=key[1], decided_on=key[2])
                db.session.add(record)
            record.ends_on = _date(data.get("ends_on"))
            self.count("discipline")

    def pending(self) -> None:
        year_end = date(self.number, 12, 31)
        under_way = {(case.person_id, case.kind) for case in db.session.scalars(
            select(PendingCase).where(PendingCase.person_id.in_(self._person_ids()))) if is_open(case, year_end)}
        for data in self.doc.get("pending") or []:
            person_id = self.people[data["person"]].id
            if (person_id, data["kind"]) in under_way:
                continue
            # The file says the case was under way when the year was assessed, not when it began or ended.
            db.session.add(PendingCase(person_id=person_id, kind=data["kind"],
                                       note=f"Nhập từ tệp năm {self.number}: đang xem xét khi bình xét năm "
                                            f"{self.number}."))
            self.count("pending")

    def annual(self, year: Year) -> None:
        for data in self.doc.get("annual") or []:
            db.session.add(AnnualDecision(year_id=year.id, person_id=self.people[data["person"]].id,
                                          level=data["level"], note=clean_text(data.get("note"))))
            self.count("annual")

    def history(self) -> None:
        known = {(h.person_id, h.year, h.title): h for h in db.session.scalars(select(AwardHistory).where(
            or_(AwardHistory.person_id.is_(None), AwardHistory.person_id.in_(self._person_ids()))))}
        for data in self.doc.get("history") or []:
            key = (self.people[data["person"]].id if data["person"] is not None else None, data["year"],
                   data["title"])
            record = known.get(key)
            if record is None:
                record = AwardHistory(person_id=key[0], year=key[1], title=key[2])
                db.session.add(record)
            record.decision = clean_text(data.get("decision"))
            self.count("history")
