"""The year file (`tdkt-year/1`, ../shared/spec/year-file.md): what a valid one is, said as `PATH: message` lines.

Pure: a parsed JSON document in, Vietnamese error lines out, each naming the JSON path that is wrong
(`people[3].employed_from: không phải ngày hợp lệ (YYYY-MM-DD)`); an empty list means the file may be imported.
Paths count list items from 0, as JSON paths do. Beyond the shape (required and unknown keys, types, vocabularies,
dates) the checks cover what the database and the round trip need: codes unique, every reference known, one record
per person and month, months inside the person's employment, at most one annual decision per person, the score
and level of each month against the rulebook, and nothing the export could not give back (a person the year does
not concern, a discipline decided after the year, the same entry twice).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from app.domain.discipline import FORMS as DISCIPLINE_FORMS
from app.domain.discipline import KINDS as PENDING_KINDS
from app.domain.org import CODE_PATTERN, DEPARTMENT_LEADER_POSITIONS, GENDERS, MAX_LENGTH, POSITIONS
from app.domain.rulebooks import LEVELS, Rulebook, all_rulebooks, rulebook_for_year
from app.domain.scoring import level_for_score

FORMAT = "tdkt-year/1"
LEAVES = ("maternity", "sick", "other")
PERSON_TITLES = ("ldtt", "cstdcs", "cstd_tp", "bang_khen_tp", "giay_khen")
UNIT_TITLES = ("ttldtt", "ttldxs", "bang_khen_tp")
INITIATIVE_STATUSES = ("registered", "submitted", "recognised", "rejected")
INITIATIVE_LEVELS = ("co_so", "thanh_pho")
FIRST_YEAR, LAST_YEAR = 2000, 2100  # the years the product opens (the years page's limits)
FIRST_HISTORY_YEAR = 1945

# The database's column sizes (app/models): a longer text would fail at the end of the import instead of here.
DEPARTMENT_NAME_LENGTH = 200
UNIT_NAME_LENGTH = 200
TITLE_LENGTH = 300
DECISION_LENGTH = 100
HISTORY_DECISION_LENGTH = 200

# Every key a document may carry, with whether it is required. Optional keys may also be null (= absent).
TOP_KEYS = {"format": True, "year": True, "unit": True, "departments": True, "people": True, "months": True,
            "rulebook": False, "registrations": False, "unit_registration": False, "initiatives": False,
            "research": False, "discipline": False, "pending": False, "annual": False, "history": False}
LIST_KEYS = ("departments", "people", "months", "registrations", "initiatives", "research", "discipline",
             "pending", "annual", "history")
UNIT_KEYS = {"name": True, "superior": False, "outstanding": False}
DEPARTMENT_KEYS = {"code": True, "name": True}
PERSON_KEYS = {"code": True, "family_name": True, "middle_name": False, "given_name": True, "gender": True,
               "department": False, "position": True, "employed_from": False, "employed_to": False}
REGISTRATION_KEYS = {"person": True, "title": True}
UNIT_REGISTRATION_KEYS = {"title": True}
MONTH_KEYS = {"person": True, "month": True, "score": False, "level": False, "leave": False, "strengths": False,
              "shortcomings": False}
INITIATIVE_KEYS = {"title": True, "authors": True, "status": True, "level": False, "decision": False,
                   "decided_on": False}
RESEARCH_KEYS = {"title": True, "authors": True, "accepted_on": False}
DISCIPLINE_KEYS = {"person": True, "form": True, "decided_on": True, "ends_on": False}
PENDING_KEYS = {"person": True, "kind": True}
ANNUAL_KEYS = {"person": True, "level": True, "note": False}
# `person` is required even though it may be null: null says the entry is the unit's, never a forgotten key.
HISTORY_KEYS = {"person": True, "year": True, "title": True, "decision": False}

NOT_A_DATE = "không phải ngày hợp lệ (YYYY-MM-DD)"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CODE = re.compile(CODE_PATTERN)
_ONE_DECIMAL = Decimal("0.1")
_INVALID = object()  # a value already reported as wrong: later checks leave it alone


def child(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class _Errors:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, path: str, message: str) -> None:
        self.lines.append(printable(f"{path or '$'}: {message}"))


def printable(text: str) -> str:
    """One line of visible text: the file's own control and invisible characters (a line break inside a code, a
    terminal escape, a right-to-left override) are written as escapes (\\r, \\x1b, \\u202e), so that a message
    never spans two lines, recolours a terminal or reads backwards."""
    return "".join(char if char.isprintable() else char.encode("unicode_escape").decode("ascii") for char in text)


def _quoted(value: object) -> str:
    return f"“{value}”"


def _choices(values: tuple[str, ...]) -> str:
    return "phải là một trong: " + ", ".join(values)


# --- Shapes ---------------------------------------------------------------------------------------------------

def _object(value: Any, path: str, keys: dict[str, bool], errors: _Errors) -> dict | None:
    """The object if it is one; unknown keys and missing required keys are reported at their own paths."""
    if not isinstance(value, dict):
        errors.add(path, "phải là một đối tượng JSON ({…})")
        return None
    for key in value:
        if key not in keys:
            errors.add(child(path, str(key)), f"trường không có trong định dạng {FORMAT}")
    for key, required in keys.items():
        if required and key not in value:
            errors.add(child(path, key), "thiếu trường bắt buộc")
    return value


def _list(value: Any, path: str, errors: _Errors) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        errors.add(path, "phải là một danh sách ([…])")
        return []
    return value


def _objects(doc: dict, key: str, keys: dict[str, bool], errors: _Errors) -> list[tuple[int, str, dict]]:
    """(index, path, object) for each item of a top-level list that is an object."""
    found = []
    for index, item in enumerate(_list(doc.get(key), key, errors)):
        path = child(key, index)
        record = _object(item, path, keys, errors)
        if record is not None:
            found.append((index, path, record))
    return found


def _text(record: dict, key: str, path: str, errors: _Errors, max_length: int, required: bool = True) -> Any:
    """A string field: required ones must not be blank; optional ones may be absent or null (→ "")."""
    value = record.get(key)
    where = child(path, key)
    if value is None:
        if key in record and required:
            errors.add(where, "phải là một chuỗi, không được để trống")
        return _INVALID if required else ""
    if not isinstance(value, str):
        errors.add(where, "phải là một chuỗi")
        return _INVALID
    value = unicodedata.normalize("NFC", value).strip()  # as the import will store it
    if required and not value:
        errors.add(where, "không được để trống")
        return _INVALID
    if len(value) > max_length:
        errors.add(where, f"dài quá {max_length} ký tự")
        return _INVALID
    return value


def _code(record: dict, key: str, path: str, errors: _Errors) -> Any:
    value = _text(record, key, path, errors, MAX_LENGTH["code"])
    if value is not _INVALID and not _CODE.match(value):
        errors.add(child(path, key), "mã chỉ gồm chữ không dấu, số và . _ -")
        return _INVALID
    return value


def _choice(record: dict, key: str, path: str, errors: _Errors, values: tuple[str, ...],
            required: bool = True) -> Any:
    value = record.get(key)
    if value is None:
        if key in record and required:
            errors.add(child(path, key), _choices(values))
        return _INVALID if required else None
    if value not in values:
        errors.add(child(path, key), _choices(values))
        return _INVALID
    return value


def _integer(record: dict, key: str, path: str, errors: _Errors, low: int, high: int) -> Any:
    value = record.get(key)
    if key not in record:
        return _INVALID
    if isinstance(value, bool) or not isinstance(value, int):
        errors.add(child(path, key), "phải là một số nguyên")
        return _INVALID
    if not low <= value <= high:
        errors.add(child(path, key), f"phải từ {low} đến {high}")
        return _INVALID
    return value


def _date(record: dict, key: str, path: str, errors: _Errors, required: bool = False) -> Any:
    """A YYYY-MM-DD date, or None when absent or null (and allowed to be)."""
    value = record.get(key)
    if value is None:
        if key in record and required:
            errors.add(child(path, key), NOT_A_DATE)
        return _INVALID if required else None
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    errors.add(child(path, key), NOT_A_DATE)
    return _INVALID


def _boolean(record: dict, key: str, path: str, errors: _Errors) -> Any:
    value = record.get(key)
    if value is None:
        return False
    if not isinstance(value, bool):
        errors.add(child(path, key), "phải là true hoặc false")
        return _INVALID
    return value


def _score(record: dict, path: str, errors: _Errors) -> Any:
    value = record.get("score")
    if value is None:
        return None
    where = child(path, "score")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        errors.add(where, "phải là một số")
        return _INVALID
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        errors.add(where, "phải là một số")
        return _INVALID
    if not 0 <= number <= 100:
        errors.add(where, "phải từ 0 đến 100")
        return _INVALID
    if number != number.quantize(_ONE_DECIMAL):
        errors.add(where, "tối đa một chữ số thập phân")
        return _INVALID
    return number


def _texts(record: dict, key: str, path: str, errors: _Errors, one_line: bool) -> None:
    where = child(path, key)
    for index, item in enumerate(_list(record.get(key), where, errors)):
        if not isinstance(item, str):
            errors.add(child(where, index), "phải là một chuỗi")
        elif not item.strip():
            errors.add(child(where, index), "không được để trống")
        elif one_line and "\n" in item.strip():
            errors.add(child(where, index), "mỗi mục một dòng: hãy tách thành nhiều mục")


# --- Sections -------------------------------------------------------------------------------------------------

class _Context:
    """What the sections learn about the document, for the checks that look across sections."""

    def __init__(self, year: int | None, book: Rulebook | None):
        self.year = year
        self.book = book
        self.department_codes: set[str] = set()
        self.people: dict[str, tuple[date | None, date | None]] = {}  # code → employment (None: open)
        self.person_paths: dict[str, str] = {}
        self.named: set[str] = set()  # people the year's records name (besides the months)

    def reference(self, record: dict, key: str, path: str, errors: _Errors, named: bool = True) -> str | None:
        """A person code that must be one of `people`; None when absent, wrong or unknown."""
        if key not in record:
            return None
        return self.person(record[key], child(path, key), errors, named)

    def person(self, value: Any, where: str, errors: _Errors, named: bool = True) -> str | None:
        if not isinstance(value, str):
            errors.add(where, "phải là mã của một người trong people")
            return None
        if value not in self.people:
            errors.add(where, f"không có người mã {_quoted(value)} trong people")
            return None
        if named:
            self.named.add(value)
        return value


def _format_year_rulebook(doc: dict, errors: _Errors) -> _Context:
    if "format" in doc and doc["format"] != FORMAT:
        errors.add("format", f"phải là {_quoted(FORMAT)}")
    year = _integer(doc, "year", "", errors, FIRST_YEAR, LAST_YEAR)
    year = None if year is _INVALID else year
    book = None
    code = doc.get("rulebook")
    if code is not None:
        books = all_rulebooks()
        if not isinstance(code, str) or code not in books:
            errors.add("rulebook", _choices(tuple(books)))
        else:
            book = books[code]
    elif year is not None:
        try:
            book = rulebook_for_year(year)
        except LookupError:
            errors.add("year", f"không có quy định nào áp dụng cho năm {year}: hãy ghi trường rulebook")
    return _Context(year, book)


def _unit(doc: dict, errors: _Errors) -> None:
    if "unit" not in doc:
        return
    record = _object(doc["unit"], "unit", UNIT_KEYS, errors)
    if record is None:
        return
    _text(record, "name", "unit", errors, UNIT_NAME_LENGTH)
    _text(record, "superior", "unit", errors, UNIT_NAME_LENGTH, required=False)
    _boolean(record, "outstanding", "unit", errors)


def _departments(doc: dict, context: _Context, errors: _Errors) -> None:
    first_code: dict[str, str] = {}
    first_name: dict[str, str] = {}
    for _index, path, record in _objects(doc, "departments", DEPARTMENT_KEYS, errors):
        code = _code(record, "code", path, errors)
        name = _text(record, "name", path, errors, DEPARTMENT_NAME_LENGTH)
        if code is not _INVALID:
            if code in first_code:
                errors.add(child(path, "code"), f"mã {_quoted(code)} trùng với {first_code[code]}")
            else:
                first_code[code] = path
                context.department_codes.add(code)
        if name is not _INVALID:
            key = name.casefold()
            if key in first_name:
                errors.add(child(path, "name"), f"tên phòng {_quoted(name)} trùng với {first_name[key]}")
            else:
                first_name[key] = path


def _people(doc: dict, context: _Context, errors: _Errors) -> list[tuple[str, str]]:
    """Checks each person; returns (path, code) of the valid codes, for the check that each belongs here."""
    found = []
    for _index, path, record in _objects(doc, "people", PERSON_KEYS, errors):
        code = _code(record, "code", path, errors)
        for key in ("family_name", "given_name"):
            _text(record, key, path, errors, MAX_LENGTH[key])
        _text(record, "middle_name", path, errors, MAX_LENGTH["middle_name"], required=False)
        _choice(record, "gender", path, errors, GENDERS)
        position = _choice(record, "position", path, errors, POSITIONS)
        department = record.get("department")
        if department is not None and (not isinstance(department, str) or department not in context.department_codes):
            errors.add(child(path, "department"), f"không có phòng mã {_quoted(department)} trong departments")
        elif department is None and position in DEPARTMENT_LEADER_POSITIONS:
            errors.add(child(path, "department"), "lãnh đạo phòng phải thuộc một phòng")
        employed_from = _date(record, "employed_from", path, errors)
        employed_to = _date(record, "employed_to", path, errors)
        if isinstance(employed_from, date) and isinstance(employed_to, date) and employed_to < employed_from:
            errors.add(child(path, "employed_to"), "trước ngày bắt đầu công tác (employed_from)")
            employed_to = _INVALID
        if code is _INVALID:
            continue
        if code in context.person_paths:
            errors.add(child(path, "code"), f"mã {_quoted(code)} trùng với {context.person_paths[code]}")
            continue
        context.person_paths[code] = path
        context.people[code] = (employed_from if isinstance(employed_from, date) else None,
                                employed_to if isinstance(employed_to, date) else None)
        found.append((path, code))
    return found


def _registrations(doc: dict, context: _Context, errors: _Errors) -> None:
    first: dict[str, str] = {}
    for _index, path, record in _objects(doc, "registrations", REGISTRATION_KEYS, errors):
        person = context.reference(record, "person", path, errors)
        _choice(record, "title", path, errors, PERSON_TITLES)
        if person is not None:
            if person in first:
                errors.add(child(path, "person"), f"{person} đã đăng ký ở {first[person]}: mỗi người một đăng ký")
            else:
                first[person] = path
    if doc.get("unit_registration") is not None:
        record = _object(doc["unit_registration"], "unit_registration", UNIT_REGISTRATION_KEYS, errors)
        if record is not None:
            _choice(record, "title", "unit_registration", errors, UNIT_TITLES)


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


def _month_level(record: dict, path: str, context: _Context, errors: _Errors) -> None:
    """Score and level against the leave and the rulebook."""
    score = _score(record, path, errors)
    level = _choice(record, "level", path, errors, LEVELS, required=False)
    leave = _choice(record, "leave", path, errors, LEAVES, required=False)
    book = context.book
    if leave is _INVALID:
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
        elif score is not _INVALID and level not in (None, _INVALID):
            band = level_for_score(score, book)
            if band != level:
                errors.add(child(path, "level"), f"điểm {score} thuộc mức {book.level(band).name} ({band}), "
                                                 f"không phải {level} ({book.level(band).source})")
    else:
        if score is not None:
            errors.add(child(path, "score"), f"quy định {book.code} xếp loại theo mức, không chấm điểm: bỏ điểm")
        if level is None:
            errors.add(child(path, "level"), f"quy định {book.code} yêu cầu mức xếp loại cho mỗi tháng làm việc")


def _months(doc: dict, context: _Context, errors: _Errors) -> None:
    first: dict[tuple[str, int], str] = {}
    for _index, path, record in _objects(doc, "months", MONTH_KEYS, errors):
        person = context.reference(record, "person", path, errors, named=False)
        month = _integer(record, "month", path, errors, 1, 12)
        _month_level(record, path, context, errors)
        _texts(record, "strengths", path, errors, one_line=True)
        _texts(record, "shortcomings", path, errors, one_line=False)
        if person is None or month is _INVALID:
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


def _authors(record: dict, path: str, context: _Context, errors: _Errors) -> None:
    if "authors" not in record:
        return
    where = child(path, "authors")
    authors = _list(record["authors"], where, errors)
    seen = set()
    for index, author in enumerate(authors):
        code = context.person(author, child(where, index), errors)
        if code is not None and code in seen:
            errors.add(child(where, index), f"{code} đã có trong danh sách tác giả")
        seen.add(code)


def _initiatives(doc: dict, context: _Context, errors: _Errors) -> None:
    for key, keys, date_key in (("initiatives", INITIATIVE_KEYS, "decided_on"),
                                ("research", RESEARCH_KEYS, "accepted_on")):
        first: dict[tuple[str, date | None], str] = {}
        for _index, path, record in _objects(doc, key, keys, errors):
            title = _text(record, "title", path, errors, TITLE_LENGTH)
            _authors(record, path, context, errors)
            if key == "initiatives":
                _choice(record, "status", path, errors, INITIATIVE_STATUSES)
                _choice(record, "level", path, errors, INITIATIVE_LEVELS, required=False)
                _text(record, "decision", path, errors, DECISION_LENGTH, required=False)
            decided_on = _date(record, date_key, path, errors)
            if title is _INVALID or decided_on is _INVALID:
                continue
            same = (title.casefold(), decided_on)
            if same in first:
                errors.add(child(path, "title"), f"trùng tên và ngày với {first[same]}")
            else:
                first[same] = path


def _discipline(doc: dict, context: _Context, errors: _Errors) -> None:
    first: dict[tuple, str] = {}
    for _index, path, record in _objects(doc, "discipline", DISCIPLINE_KEYS, errors):
        person = context.reference(record, "person", path, errors, named=False)
        form = _choice(record, "form", path, errors, DISCIPLINE_FORMS)
        decided_on = _date(record, "decided_on", path, errors, required=True)
        ends_on = _date(record, "ends_on", path, errors)
        if not isinstance(decided_on, date):
            continue
        if context.year is not None and decided_on.year > context.year:
            errors.add(child(path, "decided_on"), f"quyết định sau năm {context.year}: không thuộc tệp của năm này")
        if isinstance(ends_on, date) and ends_on < decided_on:
            errors.add(child(path, "ends_on"), "trước ngày quyết định (decided_on)")
        same = (person, form, decided_on)
        if person is not None and form is not _INVALID:
            if same in first:
                errors.add(path, f"trùng với {first[same]}")
            else:
                first[same] = path


def _pending(doc: dict, context: _Context, errors: _Errors) -> None:
    first: dict[tuple, str] = {}
    for _index, path, record in _objects(doc, "pending", PENDING_KEYS, errors):
        person = context.reference(record, "person", path, errors, named=False)
        kind = _choice(record, "kind", path, errors, PENDING_KINDS)
        if person is not None and kind is not _INVALID:
            if (person, kind) in first:
                errors.add(path, f"trùng với {first[person, kind]}")
            else:
                first[person, kind] = path


def _annual(doc: dict, context: _Context, errors: _Errors) -> None:
    first: dict[str, str] = {}
    for _index, path, record in _objects(doc, "annual", ANNUAL_KEYS, errors):
        person = context.reference(record, "person", path, errors)
        _choice(record, "level", path, errors, LEVELS)
        note = record.get("note")
        if note is not None and not isinstance(note, str):
            errors.add(child(path, "note"), "phải là một chuỗi")
        if person is not None:
            if person in first:
                errors.add(child(path, "person"), f"{person} đã có quyết định ở {first[person]}: "
                                                  "mỗi người một mức xếp loại năm")
            else:
                first[person] = path


def _history(doc: dict, context: _Context, errors: _Errors) -> None:
    first: dict[tuple, str] = {}
    last_year = context.year if context.year is not None else LAST_YEAR
    for _index, path, record in _objects(doc, "history", HISTORY_KEYS, errors):
        person = None
        if record.get("person") is not None:
            person = context.reference(record, "person", path, errors, named=False)
            if person is None:
                continue
        year = _integer(record, "year", path, errors, FIRST_HISTORY_YEAR, last_year)
        if "person" not in record:
            titles = PERSON_TITLES + UNIT_TITLES[:-1]  # whose it is is already reported
        else:
            titles = PERSON_TITLES if record["person"] is not None else UNIT_TITLES
        title = _choice(record, "title", path, errors, titles)
        _text(record, "decision", path, errors, HISTORY_DECISION_LENGTH, required=False)
        if year is _INVALID or title is _INVALID:
            continue
        if (person, year, title) in first:
            errors.add(path, f"trùng với {first[person, year, title]}")
        else:
            first[person, year, title] = path


def _everyone_belongs(people: list[tuple[str, str]], context: _Context, doc: dict, errors: _Errors) -> None:
    """A person the year does not concern would not come back out of the export: refuse them here."""
    if context.year is None:
        return
    start, end = date(context.year, 1, 1), date(context.year, 12, 31)
    in_months = {record.get("person") for record in _list(doc.get("months"), "", _Errors())
                 if isinstance(record, dict) and isinstance(record.get("person"), str)}
    for path, code in people:
        if _employed_in(context.people[code], start, end) or code in context.named or code in in_months:
            continue
        errors.add(path, f"{code} không công tác trong năm {context.year} và không có đăng ký, sáng kiến, đề tài "
                         "hay quyết định xếp loại nào của năm: hãy bỏ khỏi tệp")


SECTIONS: tuple[Callable[[dict, _Context, _Errors], None], ...] = (
    _registrations, _months, _initiatives, _discipline, _pending, _annual, _history,
)


def validate(doc: Any) -> list[str]:
    """Every error of the document as a `PATH: message` line, in document order by section; [] when valid."""
    errors = _Errors()
    record = _object(doc, "", TOP_KEYS, errors)
    if record is None:
        return errors.lines
    context = _format_year_rulebook(record, errors)
    _unit(record, errors)
    _departments(record, context, errors)
    people = _people(record, context, errors)
    for section in SECTIONS:
        section(record, context, errors)
    _everyone_belongs(people, context, record, errors)
    return errors.lines


def book_of(doc: dict) -> Rulebook:
    """The rulebook of a valid document: its own, else the one in force for its year."""
    code = doc.get("rulebook")
    return all_rulebooks()[code] if code else rulebook_for_year(doc["year"])


def canonical(doc: dict) -> dict:
    """A valid document with every optional key written out, empty texts as null and lists in a fixed order, so
    that two equivalent documents compare equal (the round trip: import, then export)."""

    def none_if_blank(value):
        return value.strip() or None if isinstance(value, str) else value

    def sort(items: list[dict]) -> list[dict]:
        return sorted(items, key=lambda item: repr(sorted(item.items(), key=lambda pair: pair[0])))

    book = book_of(doc)

    def month_level(record: dict):
        """A scored month without its level has the level of its score's band."""
        if record.get("level") is None and record.get("score") is not None:
            return level_for_score(Decimal(str(record["score"])), book)
        return record.get("level")

    unit = doc["unit"]
    result: dict[str, Any] = {
        "format": FORMAT, "year": doc["year"], "rulebook": book.code,
        "unit": {"name": unit["name"].strip(), "superior": (unit.get("superior") or "").strip(),
                 "outstanding": bool(unit.get("outstanding"))},
        "departments": sort([{"code": d["code"].strip(), "name": d["name"].strip()} for d in doc["departments"]]),
        "people": sorted(({"code": p["code"].strip(), "family_name": p["family_name"].strip(),
                           "middle_name": (p.get("middle_name") or "").strip(),
                           "given_name": p["given_name"].strip(), "gender": p["gender"],
                           "department": p.get("department"), "position": p["position"],
                           "employed_from": p.get("employed_from"), "employed_to": p.get("employed_to")}
                          for p in doc["people"]), key=lambda p: p["code"]),
        "registrations": sort([{"person": r["person"], "title": r["title"]}
                               for r in doc.get("registrations") or []]),
        "unit_registration": ({"title": doc["unit_registration"]["title"]}
                              if doc.get("unit_registration") else None),
        "months": sort([{"person": m["person"], "month": m["month"],
                         "score": float(m["score"]) if m.get("score") is not None else None,
                         "level": month_level(m), "leave": m.get("leave"),
                         "strengths": [s.strip() for s in m.get("strengths") or []],
                         "shortcomings": [s.strip() for s in m.get("shortcomings") or []]}
                        for m in doc["months"]]),
        "initiatives": sort([{"title": i["title"].strip(), "authors": list(i["authors"]), "status": i["status"],
                              "level": i.get("level"), "decision": none_if_blank(i.get("decision")),
                              "decided_on": i.get("decided_on")} for i in doc.get("initiatives") or []]),
        "research": sort([{"title": r["title"].strip(), "authors": list(r["authors"]),
                           "accepted_on": r.get("accepted_on")} for r in doc.get("research") or []]),
        "discipline": sort([{"person": d["person"], "form": d["form"], "decided_on": d["decided_on"],
                             "ends_on": d.get("ends_on")} for d in doc.get("discipline") or []]),
        "pending": sort([{"person": p["person"], "kind": p["kind"]} for p in doc.get("pending") or []]),
        "annual": sort([{"person": a["person"], "level": a["level"], "note": (a.get("note") or "").strip()}
                        for a in doc.get("annual") or []]),
        "history": sort([{"person": h["person"], "year": h["year"], "title": h["title"],
                          "decision": none_if_blank(h.get("decision"))} for h in doc.get("history") or []]),
    }
    return result
