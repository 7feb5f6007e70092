"""The year file and its assessment read once into what the documents print: each person's twelve months, level,
titles, initiatives and awards history, in the official order (the board's leaders, then each department by
position and name). Plain values in (two dicts and a YearEndContext), plain values out; no database."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property

from app.documents.official import Letterhead
from app.documents.year_end import words
from app.documents.year_end.inputs import YearEndContext
from app.domain.names import full_name, person_sort_key
from app.domain.org import BOARD_LEADER_POSITIONS, position_rank
from app.domain.rulebooks import Rulebook, rulebook, rulebook_for_year

MONTHS = range(1, 13)


@dataclass(frozen=True)
class MonthCell:
    """One month of one person: reviewed (score and/or level), on leave, not reviewed yet, or not employed."""

    month: int
    state: str  # "reviewed", "leave", "missing", "not_employed"
    score: Decimal | None = None
    level: str | None = None
    leave: str | None = None

    @property
    def score_text(self) -> str:
        return words.number(self.score) if self.score is not None else ""

    @property
    def level_text(self) -> str:
        """What the cell of a table says: 'HTXS', 'Nghỉ TS', 'Chưa ĐG', '—'."""
        if self.state == "reviewed":
            return words.LEVEL_SHORT.get(self.level or "", "")
        if self.state == "leave":
            return words.LEAVE_SHORT.get(self.leave or "", words.LEAVE_SHORT["other"])
        return words.NOT_REVIEWED if self.state == "missing" else words.NOT_EMPLOYED


@dataclass(frozen=True)
class TitleCheck:
    code: str
    name: str
    eligible: bool
    reasons: tuple[str, ...]


@dataclass
class PersonYear:
    code: str
    family_name: str
    middle_name: str
    given_name: str
    gender: str
    department: str | None
    department_name: str
    position: str
    employed_from: date | None
    employed_to: date | None
    months: tuple[MonthCell, ...]
    result: Mapping  # the person's entry of the assessment ({} when the assessment has none)
    titles: tuple[TitleCheck, ...]  # in the rulebook's order
    decided: tuple[str, ...]  # title codes proposed, in the law's order
    registered: tuple[str, ...]
    discipline: tuple[Mapping, ...]  # decisions dated in the year
    pending: tuple[Mapping, ...]
    initiatives: tuple[Mapping, ...]  # authored, any status
    research: tuple[Mapping, ...]
    history: tuple[Mapping, ...]  # by year
    judged: tuple[str | None] | None = None  # the engine's judged level, when the caller has it (one-element tuple)

    @property
    def full_name(self) -> str:
        return full_name(self.family_name, self.middle_name, self.given_name)

    @property
    def gender_name(self) -> str:
        return words.GENDERS.get(self.gender, "")

    @property
    def position_name(self) -> str:
        return words.POSITIONS.get(self.position, self.position)

    @property
    def rated(self) -> bool:
        return bool(self.result.get("rated"))

    @property
    def months_worked(self) -> int:
        return int(self.result.get("months_worked") or 0)

    @property
    def annual_score(self) -> Decimal | None:
        score = self.result.get("annual_score")
        return None if score is None else Decimal(str(score))

    @property
    def computed_level(self) -> str | None:
        return self.result.get("level")

    @property
    def decided_level(self) -> str | None:
        return self.result.get("decided_level")

    @property
    def level(self) -> str | None:
        """The year's level as the titles are judged on it: the leaders' decision if any, else the computed one;
        `kht` for anyone disciplined in the year; None for a person not rated."""
        if not self.rated:
            return None
        if self.judged is not None:  # the engine's word: it also knows the rules the document does not show
            return self.judged[0]
        if self.discipline:
            return "kht"
        return self.decided_level or self.computed_level

    @property
    def level_name(self) -> str:
        return words.LEVELS.get(self.level or "", "")

    def title(self, code: str) -> TitleCheck | None:
        return next((check for check in self.titles if check.code == code), None)

    def recognised_initiatives(self, year: int) -> list[Mapping]:
        return [item for item in self.initiatives if item.get("status") == "recognised" and _in_year(item, year)]


@dataclass
class YearData:
    year: int
    book: Rulebook | None
    scored: bool
    context: YearEndContext
    unit_name: str
    superior: str
    departments: dict[str, str]  # code -> name, in the file's order
    people: tuple[PersonYear, ...]  # official order
    unit_titles: tuple[TitleCheck, ...]
    unit_decided: tuple[str, ...]
    unit_registration: str | None
    unit_history: tuple[Mapping, ...]
    initiatives: tuple[Mapping, ...]
    research: tuple[Mapping, ...]
    quota: Mapping

    @cached_property
    def by_code(self) -> dict[str, PersonYear]:
        return {person.code: person for person in self.people}

    def letterhead(self, number: str = "") -> Letterhead:
        return Letterhead(superior=self.superior, unit_name=self.unit_name, place=self.context.place,
                          signed_on=self.context.signed_on, number=number)

    def person_title_name(self, code: str) -> str:
        return _title_name(self.book, "person", code)

    def unit_title_name(self, code: str) -> str:
        return _title_name(self.book, "unit", code)

    def title_source(self, kind: str, code: str) -> str:
        """The article a title rests on, as the rulebook cites it ('' when the rulebook does not say)."""
        rules = getattr(self.book, "title_rules", None)
        rule = (rules.person if kind == "person" else rules.unit).get(code) if rules else None
        return rule.source if rule else ""

    def author_names(self, codes: Iterable[str]) -> str:
        return ", ".join(self.by_code[code].full_name if code in self.by_code else code for code in codes)

    def in_year(self, item: Mapping, key: str = "decided_on") -> bool:
        return _in_year(item, self.year, key)

    @classmethod
    def of(cls, doc: Mapping, assessment: Mapping, context: YearEndContext) -> YearData:
        year = int(doc["year"])
        book = _rulebook(assessment.get("rulebook") or doc.get("rulebook"), year)
        departments = {d["code"]: d["name"] for d in doc.get("departments", ())}
        results = {entry["person"]: entry for entry in assessment.get("people", ())}
        per_person: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for key in ("months", "registrations", "discipline", "pending"):
            for item in doc.get(key) or ():
                per_person[item["person"]][key].append(item)
        for key in ("initiatives", "research"):
            for item in doc.get(key) or ():
                for author in item.get("authors", ()):
                    per_person[author][key].append(item)
        unit_history = []
        for item in doc.get("history") or ():
            if item.get("person") is None:
                unit_history.append(item)
            else:
                per_person[item["person"]]["history"].append(item)

        meeting = context.meeting
        person_order = book.person_titles if book else tuple(words.PERSON_TITLES)
        people = []
        for raw in doc.get("people", ()):
            code = raw["code"]
            own = per_person.get(code, {})
            result = results.get(code, {})
            titles = _checks(result.get("titles", {}), person_order, lambda c: _title_name(book, "person", c))
            if context.person_titles is not None:
                decided = tuple(context.person_titles.get(code, ()))
            else:
                decided = tuple(check.code for check in titles if check.eligible
                                and not (meeting and (vote := meeting.vote_on(code, check.code))
                                         and not meeting.passed(vote)))
            employed_from, employed_to = _date(raw.get("employed_from")), _date(raw.get("employed_to"))
            people.append(PersonYear(
                code=code, family_name=raw.get("family_name", ""), middle_name=raw.get("middle_name", ""),
                given_name=raw.get("given_name", ""), gender=raw.get("gender", ""), department=raw.get("department"),
                department_name=departments.get(raw.get("department") or "", ""),
                position=raw.get("position", ""), employed_from=employed_from, employed_to=employed_to,
                months=_months(year, own.get("months", ()), employed_from, employed_to),
                result=result, titles=titles, decided=_law_order("person", decided),
                registered=tuple(item["title"] for item in own.get("registrations", ())),
                discipline=tuple(item for item in own.get("discipline", ()) if _in_year(item, year)),
                pending=tuple(own.get("pending", ())),
                initiatives=tuple(own.get("initiatives", ())), research=tuple(own.get("research", ())),
                history=tuple(sorted(own.get("history", ()), key=lambda item: item["year"])),
                judged=(context.judged_levels.get(code),) if context.judged_levels is not None else None,
            ))
        people.sort(key=_official_order(list(departments)))

        unit_order = book.unit_titles if book else tuple(words.UNIT_TITLES)
        unit_titles = _checks(assessment.get("unit", {}), unit_order, lambda c: _title_name(book, "unit", c))
        if context.unit_titles is not None:
            unit_decided = tuple(context.unit_titles)
        else:
            unit_decided = tuple(check.code for check in unit_titles if check.eligible
                                 and not (meeting and (vote := meeting.vote_on(None, check.code))
                                          and not meeting.passed(vote)))
        unit = doc.get("unit") or {}
        scored = book.is_scored if book else any(m.get("score") is not None for m in doc.get("months", ()))
        return cls(
            year=year, book=book, scored=scored, context=context,
            unit_name=context.unit_name or unit.get("name", ""), superior=context.superior or unit.get("superior", ""),
            departments=departments, people=tuple(people), unit_titles=unit_titles,
            unit_decided=_law_order("unit", unit_decided),
            unit_registration=(doc.get("unit_registration") or {}).get("title"),
            unit_history=tuple(sorted(unit_history, key=lambda item: item["year"])),
            initiatives=tuple(doc.get("initiatives") or ()), research=tuple(doc.get("research") or ()),
            quota=assessment.get("quota") or {},
        )


def _rulebook(code: str | None, year: int) -> Rulebook | None:
    try:
        return rulebook(code) if code else rulebook_for_year(year)
    except (KeyError, LookupError):
        return None  # a rulebook this installation does not ship: the documents still print, with the law's names


def _title_name(book: Rulebook | None, kind: str, code: str) -> str:
    rules = getattr(book, "title_rules", None)
    rule = (rules.person if kind == "person" else rules.unit).get(code) if rules else None
    if rule:
        return rule.name
    names = words.PERSON_TITLES if kind == "person" else words.UNIT_TITLES
    return names.get(code, code)


def _checks(raw: Mapping, order: Iterable[str], name) -> tuple[TitleCheck, ...]:
    codes = [code for code in order if code in raw] + [code for code in raw if code not in order]
    return tuple(TitleCheck(code, name(code), bool(raw[code].get("eligible")), tuple(raw[code].get("reasons", ())))
                 for code in codes)


def _law_order(kind: str, codes: Iterable[str]) -> tuple[str, ...]:
    ranks = {entry: rank for rank, entry in enumerate(words.LAW_ORDER)}
    return tuple(sorted(dict.fromkeys(codes), key=lambda code: ranks.get((kind, code), len(ranks))))


def _official_order(departments: list[str]):
    """The board's leaders first, then each department in the file's order, by position, then by name."""
    rank = {code: number for number, code in enumerate(departments)}

    def key(person: PersonYear):
        return (person.position not in BOARD_LEADER_POSITIONS, rank.get(person.department or "", -1),
                position_rank(person.position),
                person_sort_key(person.given_name, person.middle_name, person.family_name), person.code)

    return key


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _in_year(item: Mapping, year: int, key: str | None = None) -> bool:
    """An initiative, research or discipline counts in the year its date falls in; one without a date never."""
    keys = (key,) if key else ("decided_on", "accepted_on")
    value = next((item.get(k) for k in keys if item.get(k)), None)
    return bool(value) and int(str(value)[:4]) == year


def _employed(year: int, month: int, start: date | None, end: date | None) -> bool:
    first = date(year, month, 1)
    last = date(year + (month == 12), month % 12 + 1, 1)  # the first day of the next month
    return (start is None or start < last) and (end is None or end >= first)


def _months(year: int, records: Iterable[Mapping], start: date | None, end: date | None) -> tuple[MonthCell, ...]:
    by_month = {int(record["month"]): record for record in records}
    cells = []
    for month in MONTHS:
        record = by_month.get(month)
        if record is None:
            state = "missing" if _employed(year, month, start, end) else "not_employed"
            cells.append(MonthCell(month, state))
        elif record.get("leave"):
            cells.append(MonthCell(month, "leave", leave=record["leave"]))
        else:
            score = record.get("score")
            cells.append(MonthCell(month, "reviewed", None if score is None else Decimal(str(score)),
                                   record.get("level")))
    return tuple(cells)
