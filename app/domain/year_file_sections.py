"""The year file's checks across records (../shared/spec/year-file.md): one function per section of the document.

What a section learns (the department codes, each person's code and employment, who the records name) is kept in
a `Context` for the sections after it: every reference must be known, codes and entries unique, one record per
person and month inside the person's employment, at most one annual decision per person, each month's score and
level against the rulebook, and no person the year does not concern. The checks of one value are in
year_file_fields.py.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date
from typing import Any

from app.domain import year_file_fields as fields
from app.domain.discipline import FORMS as DISCIPLINE_FORMS
from app.domain.discipline import KINDS as PENDING_KINDS
from app.domain.org import DEPARTMENT_LEADER_POSITIONS, GENDERS, MAX_LENGTH, POSITIONS
from app.domain.rulebooks import LEVELS, Rulebook, all_rulebooks, rulebook_for_year
from app.domain.scoring import level_for_score
from app.domain.year_file_fields import INVALID, Errors, child, choices, quoted
from app.domain.year_file_format import (
    ANNUAL_KEYS,
    DECISION_LENGTH,
    DEPARTMENT_KEYS,
    DEPARTMENT_NAME_LENGTH,
    DISCIPLINE_KEYS,
    FIRST_HISTORY_YEAR,
    FIRST_YEAR,
    FORMAT,
    HISTORY_DECISION_LENGTH,
    HISTORY_KEYS,
    INITIATIVE_KEYS,
    INITIATIVE_LEVELS,
    INITIATIVE_STATUSES,
    LAST_YEAR,
    LEAVES,
    MONTH_KEYS,
    PENDING_KEYS,
    PERSON_KEYS,
    PERSON_TITLES,
    REGISTRATION_KEYS,
    RESEARCH_KEYS,
    TITLE_LENGTH,
    UNIT_KEYS,
    UNIT_NAME_LENGTH,
    UNIT_REGISTRATION_KEYS,
    UNIT_TITLES,
)


class Context:
    """What the sections learn about the document, for the checks that look across sections."""

    def __init__(self, year: int | None, book: Rulebook | None):
        self.year = year
        self.book = book
        self.department_codes: set[str] = set()
        self.people: dict[str, tuple[date | None, date | None]] = {}  # code → employment (None: open)
        self.person_paths: dict[str, str] = {}
        self.named: set[str] = set()  # people the year's records name (besides the months)

    def reference(self, record: dict, key: str, path: str, errors: Errors, named: bool = True) -> str | None:
        """A person code that must be one of `people`; None when absent, wrong or unknown."""
        if key not in record:
            return None
        return self.person(record[key], child(path, key), errors, named)

    def person(self, value: Any, where: str, errors: Errors, named: bool = True) -> str | None:
        if not isinstance(value, str):
            errors.add(where, "phải là mã của một người trong people")
            return None
        if value not in self.people:
            errors.add(where, f"không có người mã {quoted(value)} trong people")
            return None
        if named:
            self.named.add(value)
        return value


def _format_year_rulebook(doc: dict, errors: Errors) -> Context:
    if "format" in doc and doc["format"] != FORMAT:
        errors.add("format", f"phải là {quoted(FORMAT)}")
    year = fields.integer(doc, "year", "", errors, FIRST_YEAR, LAST_YEAR)
    year = None if year is INVALID else year
    book = None
    code = doc.get("rulebook")
    if code is not None:
        books = all_rulebooks()
        if not isinstance(code, str) or code not in books:
            errors.add("rulebook", choices(tuple(books)))
        else:
            book = books[code]
    elif year is not None:
        try:
            book = rulebook_for_year(year)
        except LookupError:
            errors.add("year", f"không có quy định nào áp dụng cho năm {year}: hãy ghi trường rulebook")
    return Context(year, book)


def _unit(doc: dict, errors: Errors) -> None:
    if "unit" not in doc:
        return
    record = fields.an_object(doc["unit"], "unit", UNIT_KEYS, errors)
    if record is None:
        return
    fields.text(record, "name", "unit", errors, UNIT_NAME_LENGTH)
    fields.text(record, "superior", "unit", errors, UNIT_NAME_LENGTH, required=False)
    fields.boolean(record, "outstanding", "unit", errors)


def _departments(doc: dict, context: Context, errors: Errors) -> None:
    first_code: dict[str, str] = {}
    first_name: dict[str, str] = {}
    for _index, path, record in fields.objects(doc, "departments", DEPARTMENT_KEYS, errors):
        code = fields.code(record, "code", path, errors)
        name = fields.text(record, "name", path, errors, DEPARTMENT_NAME_LENGTH)
        if code is not INVALID:
            if code in first_code:
                errors.add(child(path, "code"), f"mã {quoted(code)} trùng với {first_code[code]}")
            else:
                first_code[code] = path
                context.department_codes.add(code)
        if name is not INVALID:
            key = name.casefold()
            if key in first_name:
                errors.add(child(path, "name"), f"tên phòng {quoted(name)} trùng với {first_name[key]}")
            else:
                first_name[key] = path


def _people(doc: dict, context: Context, errors: Errors) -> list[tuple[str, str]]:
    """Checks each person; returns (path, code) of the valid codes, for the check that each belongs here."""
    found = []
    for _index, path, record in fields.objects(doc, "people", PERSON_KEYS, errors):
        code = fields.code(record, "code", path, errors)
        for key in ("family_name", "given_name"):
            fields.text(record, key, path, errors, MAX_LENGTH[key])
        fields.text(record, "middle_name", path, errors, MAX_LENGTH["middle_name"], required=False)
        fields.choice(record, "gender", path, errors, GENDERS)
        position = fields.choice(record, "position", path, errors, POSITIONS)
        department = record.get("department")
        if department is not None and (not isinstance(department, str) or department not in context.department_codes):
            errors.add(child(path, "department"), f"không có phòng mã {quoted(department)} trong departments")
        elif department is None and position in DEPARTMENT_LEADER_POSITIONS:
            errors.add(child(path, "department"), "lãnh đạo phòng phải thuộc một phòng")
        employed_from = fields.iso_date(record, "employed_from", path, errors)
        employed_to = fields.iso_date(record, "employed_to", path, errors)
        if isinstance(employed_from, date) and isinstance(employed_to, date) and employed_to < employed_from:
            errors.add(child(path, "employed_to"), "trước ngày bắt đầu công tác (employed_from)")
            employed_to = INVALID
        if code is INVALID:
            continue
        if code in context.person_paths:
            errors.add(child(path, "code"), f"mã {quoted(code)} trùng với {context.person_paths[code]}")
            continue
        context.person_paths[code] = path
        context.people[code] = (employed_from if isinstance(employed_from, date) else None,
                                employed_to if isinstance(employed_to, date) else None)
        found.append((path, code))
    return found


def _registrations(doc: dict, context: Context, errors: Errors) -> None:
    first: dict[str, str] = {}
    for _index, path, record in fields.objects(doc, "registrations", REGISTRATION_KEYS, errors):
        person = context.reference(record, "person", path, errors)
        fields.choice(record, "title", path, errors, PERSON_TITLES)
        if person is not None:
            if person in first:
                errors.add(child(path, "person"), f"{person} đã đăng ký ở {first[person]}: mỗi người một đăng ký")
            else:
                first[person] = path
    if doc.get("unit_registration") is not None:
        record = fields.an_object(doc["unit_registration"], "unit_registration", UNIT_REGISTRATION_KEYS, errors)
        if record is not None:
            fields.choice(record, "title", "unit_registration", errors, UNIT_TITLES)


def _employed_in(employment: tuple[date | None, date | None], start: date, end: date) -> bool:
    employed_from, employed_to = employment
    return (employed_from is None or employed_from <= end) and (employed_to is None or employed_to >= start)


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _dmy(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def _employment_text(employment: tuple[date | None, date | None]) -> str:
    employed_from, employed_to = employment
    parts = []
    if employed_from:
        parts.append(f"từ {_dmy(employed_from)}")
    if employed_to:
        parts.append(f"đến {_dmy(employed_to)}")
    return " ".join(parts)


def _month_level(record: dict, path: str, context: Context, errors: Errors) -> None:
    """Score and level against the leave and the rulebook."""
    score = fields.score(record, path, errors)
    level = fields.choice(record, "level", path, errors, LEVELS, required=False)
    leave = fields.choice(record, "leave", path, errors, LEAVES, required=False)
    book = context.book
    if leave is INVALID:
        return
    if leave is not None:
        if score is not None:
            errors.add(child(path, "score"), f"tháng nghỉ ({leave}) không có điểm")
        if level is not None:
            errors.add(child(path, "level"), f"tháng nghỉ ({leave}) không có mức xếp loại")
        return
    if book is None:
        return
    if book.is_scored:
        if score is None:
            errors.add(child(path, "score"), f"quy định {book.code} yêu cầu điểm cho mỗi tháng làm việc")
        elif score is not INVALID and level not in (None, INVALID):
            band = level_for_score(score, book)
            if band != level:
                errors.add(child(path, "level"), f"điểm {score} thuộc mức {book.level(band).name} ({band}), "
                                                 f"không phải {level} ({book.level(band).source})")
    else:
        if score is not None:
            errors.add(child(path, "score"), f"quy định {book.code} xếp loại theo mức, không chấm điểm: bỏ điểm")
        if level is None:
            errors.add(child(path, "level"), f"quy định {book.code} yêu cầu mức xếp loại cho mỗi tháng làm việc")


def _months(doc: dict, context: Context, errors: Errors) -> None:
    first: dict[tuple[str, int], str] = {}
    for _index, path, record in fields.objects(doc, "months", MONTH_KEYS, errors):
        person = context.reference(record, "person", path, errors, named=False)
        month = fields.integer(record, "month", path, errors, 1, 12)
        _month_level(record, path, context, errors)
        fields.texts(record, "strengths", path, errors, one_line=True)
        fields.texts(record, "shortcomings", path, errors, one_line=False)
        if person is None or month is INVALID:
            continue
        if (person, month) in first:
            errors.add(child(path, "month"), f"{person} đã có tháng {month} ở {first[person, month]}: "
                                             "mỗi người mỗi tháng một bản ghi")
            continue
        first[person, month] = path
        if context.year is not None:
            employment = context.people[person]
            if not _employed_in(employment, *_month_span(context.year, month)):
                errors.add(child(path, "month"), f"tháng {month}/{context.year} nằm ngoài thời gian công tác của "
                                                 f"{person} ({_employment_text(employment)})")


def _authors(record: dict, path: str, context: Context, errors: Errors) -> None:
    if "authors" not in record:
        return
    where = child(path, "authors")
    authors = fields.a_list(record["authors"], where, errors)
    seen = set()
    for index, author in enumerate(authors):
        code = context.person(author, child(where, index), errors)
        if code is not None and code in seen:
            errors.add(child(where, index), f"{code} đã có trong danh sách tác giả")
        seen.add(code)


def _initiatives(doc: dict, context: Context, errors: Errors) -> None:
    for key, keys, date_key in (("initiatives", INITIATIVE_KEYS, "decided_on"),
                                ("research", RESEARCH_KEYS, "accepted_on")):
        first: dict[tuple[str, date | None], str] = {}
        for _index, path, record in fields.objects(doc, key, keys, errors):
            title = fields.text(record, "title", path, errors, TITLE_LENGTH)
            _authors(record, path, context, errors)
            if key == "initiatives":
                fields.choice(record, "status", path, errors, INITIATIVE_STATUSES)
                fields.choice(record, "level", path, errors, INITIATIVE_LEVELS, required=False)
                fields.text(record, "decision", path, errors, DECISION_LENGTH, required=False)
            decided_on = fields.iso_date(record, date_key, path, errors)
            if title is INVALID or decided_on is INVALID:
                continue
            same = (title.casefold(), decided_on)
            if same in first:
                errors.add(child(path, "title"), f"trùng tên và ngày với {first[same]}")
            else:
                first[same] = path


def _discipline(doc: dict, context: Context, errors: Errors) -> None:
    first: dict[tuple, str] = {}
    for _index, path, record in fields.objects(doc, "discipline", DISCIPLINE_KEYS, errors):
        person = context.reference(record, "person", path, errors, named=False)
        form = fields.choice(record, "form", path, errors, DISCIPLINE_FORMS)
        decided_on = fields.iso_date(record, "decided_on", path, errors, required=True)
        ends_on = fields.iso_date(record, "ends_on", path, errors)
        if not isinstance(decided_on, date):
            continue
        if context.year is not None and decided_on.year > context.year:
            errors.add(child(path, "decided_on"), f"quyết định sau năm {context.year}: không thuộc tệp của năm này")
        if isinstance(ends_on, date) and ends_on < decided_on:
            errors.add(child(path, "ends_on"), "trước ngày quyết định (decided_on)")
        same = (person, form, decided_on)
        if person is not None and form is not INVALID:
            if same in first:
                errors.add(path, f"trùng với {first[same]}")
            else:
                first[same] = path


def _pending(doc: dict, context: Context, errors: Errors) -> None:
    first: dict[tuple, str] = {}
    for _index, path, record in fields.objects(doc, "pending", PENDING_KEYS, errors):
        person = context.reference(record, "person", path, errors, named=False)
        kind = fields.choice(record, "kind", path, errors, PENDING_KINDS)
        if person is not None and kind is not INVALID:
            if (person, kind) in first:
                errors.add(path, f"trùng với {first[person, kind]}")
            else:
                first[person, kind] = path


def _annual(doc: dict, context: Context, errors: Errors) -> None:
    first: dict[str, str] = {}
    for _index, path, record in fields.objects(doc, "annual", ANNUAL_KEYS, errors):
        person = context.reference(record, "person", path, errors)
        fields.choice(record, "level", path, errors, LEVELS)
        note = record.get("note")
        if note is not None and not isinstance(note, str):
            errors.add(child(path, "note"), "phải là một chuỗi")
        if person is not None:
            if person in first:
                errors.add(child(path, "person"), f"{person} đã có quyết định ở {first[person]}: "
                                                  "mỗi người một mức xếp loại năm")
            else:
                first[person] = path


def _history(doc: dict, context: Context, errors: Errors) -> None:
    first: dict[tuple, str] = {}
    last_year = context.year if context.year is not None else LAST_YEAR
    for _index, path, record in fields.objects(doc, "history", HISTORY_KEYS, errors):
        person = None
        if record.get("person") is not None:
            person = context.reference(record, "person", path, errors, named=False)
            if person is None:
                continue
        year = fields.integer(record, "year", path, errors, FIRST_HISTORY_YEAR, last_year)
        if "person" not in record:
            titles = PERSON_TITLES + UNIT_TITLES[:-1]  # whose it is is already reported
        else:
            titles = PERSON_TITLES if record["person"] is not None else UNIT_TITLES
        title = fields.choice(record, "title", path, errors, titles)
        fields.text(record, "decision", path, errors, HISTORY_DECISION_LENGTH, required=False)
        if year is INVALID or title is INVALID:
            continue
        if (person, year, title) in first:
            errors.add(path, f"trùng với {first[person, year, title]}")
        else:
            first[person, year, title] = path


def _everyone_belongs(people: list[tuple[str, str]], context: Context, doc: dict, errors: Errors) -> None:
    """A person the year does not concern would not come back out of the export: refuse them here."""
    if context.year is None:
        return
    start, end = date(context.year, 1, 1), date(context.year, 12, 31)
    in_months = {record.get("person") for record in fields.a_list(doc.get("months"), "", Errors())
                 if isinstance(record, dict) and isinstance(record.get("person"), str)}
    for path, code in people:
        if _employed_in(context.people[code], start, end) or code in context.named or code in in_months:
            continue
        errors.add(path, f"{code} không công tác trong năm {context.year} và không có đăng ký, sáng kiến, đề tài "
                         "hay quyết định xếp loại nào của năm: hãy bỏ khỏi tệp")


SECTIONS: tuple[Callable[[dict, Context, Errors], None], ...] = (
    _registrations, _months, _initiatives, _discipline, _pending, _annual, _history,
)


def check(doc: dict, errors: Errors) -> None:
    """Every section of a document that is an object, in document order."""
    context = _format_year_rulebook(doc, errors)
    _unit(doc, errors)
    _departments(doc, context, errors)
    people = _people(doc, context, errors)
    for section in SECTIONS:
        section(doc, context, errors)
    _everyone_belongs(people, context, doc, errors)
