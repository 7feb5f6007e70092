"""The columns of a people spreadsheet and how each cell is read.

The file's vocabulary is Vietnamese and fixed (column headers, Nữ/Nam, the position names), whatever language the
interface is shown in: a template downloaded by one admin must import for every other. Headers and values are
matched without regard to case or diacritics, and the code names (family_name, truong_phong) work too.

Row numbers are those the spreadsheet shows (the header is row 1), so a message points at a cell the admin can find.
Messages are Vietnamese msgids marked with N_ and translated by the view, so that this module stays free of Flask.
The checks across rows and against the database are in domain.people_rows.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from app.domain import org
from app.domain.dates import format_dmy, parse_date
from app.domain.names import ascii_fold, full_name
from app.domain.text import clean_text


def N_(message: str) -> str:
    """Marks a message for the translation catalogue (pybabel's default keyword); the view translates it."""
    return message


# The person form's own rules (domain.org), so a file accepts exactly what the form does.
CODE_PATTERN = re.compile(org.CODE_PATTERN)
USERNAME_PATTERN = re.compile(org.USERNAME_PATTERN)

GENDER_WORDS = {"female": "Nữ", "male": "Nam"}
POSITION_WORDS = {
    "truong_ban": "Trưởng ban",
    "pho_truong_ban": "Phó trưởng ban",
    "truong_phong": "Trưởng phòng",
    "pho_truong_phong": "Phó trưởng phòng",
    "chuyen_vien": "Chuyên viên",
    "nhan_vien": "Nhân viên",
}


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False  # the column must be in the file and filled on every row
    max_length: int | None = None
    aliases: tuple[str, ...] = ()


COLUMNS = (
    Column("code", "Mã", max_length=org.MAX_LENGTH["code"], aliases=("Mã cán bộ", "Mã CB")),
    Column("family_name", "Họ", required=True, max_length=org.MAX_LENGTH["family_name"]),
    Column("middle_name", "Tên đệm", max_length=org.MAX_LENGTH["middle_name"], aliases=("Tên lót",)),
    Column("given_name", "Tên", required=True, max_length=org.MAX_LENGTH["given_name"]),
    Column("gender", "Giới tính", required=True),
    Column("position", "Chức vụ", required=True),
    Column("department", "Phòng", aliases=("Phòng ban",)),
    Column("employed_from", "Làm việc từ"),
    Column("employed_to", "Làm việc đến"),
    Column("username", "Tên đăng nhập", max_length=org.MAX_LENGTH["username"], aliases=("Tài khoản",)),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}

# A numbering column is in nearly every Vietnamese list; it carries nothing to import.
IGNORED_HEADERS = frozenset({"stt", "tt", "so tt", "so thu tu"})
FULL_NAME_HEADERS = frozenset({"ho va ten", "ho ten"})

LEADER_NEEDS_DEPARTMENT = N_("Lãnh đạo phòng phải thuộc một phòng; hãy ghi phòng.")
DATES_OUT_OF_ORDER = N_("Ngày nghỉ việc không được trước ngày bắt đầu làm việc.")
REQUIRED_MESSAGES = {
    "family_name": N_("Hãy ghi họ."),
    "given_name": N_("Hãy ghi tên."),
    "gender": N_("Hãy ghi giới tính: Nữ hoặc Nam."),
    "position": N_("Hãy ghi chức vụ."),
}


@dataclass(frozen=True)
class KnownPerson:
    id: int
    code: str
    family_name: str
    middle_name: str
    given_name: str
    username: str | None = None
    department_id: int | None = None
    employed_from: date | None = None
    employed_to: date | None = None


@dataclass(frozen=True)
class KnownDepartment:
    id: int
    code: str
    name: str


@dataclass(frozen=True)
class Known:
    """What the database already holds that a file's rows must agree with."""

    people: Sequence[KnownPerson] = ()
    departments: Sequence[KnownDepartment] = ()
    unowned_usernames: Collection[str] = ()  # accounts of nobody's person, such as the admin's


@dataclass(frozen=True)
class RowError:
    row: int
    column: str  # the header as the file writes it; "" when the message is about the whole row
    message: str  # a msgid, formatted with params once translated
    params: Mapping[str, object] = field(default_factory=dict)
    letter: str = ""  # the spreadsheet's column letter, when the column is in the file


@dataclass(frozen=True)
class PersonRow:
    row: int
    code: str  # upper case; "" until assign_codes gives a new person the next free one
    family_name: str
    middle_name: str
    given_name: str
    gender: str
    position: str
    department_id: int | None
    employed_from: date | None
    employed_to: date | None
    username: str  # "" for no account
    existing_id: int | None = None  # the person this row updates
    columns: frozenset[str] = frozenset()  # the columns in the file; an update leaves the others as they are

    @property
    def full_name(self) -> str:
        return full_name(self.family_name, self.middle_name, self.given_name)


@dataclass(frozen=True)
class Checked:
    """Either people ready to save or the errors that stop the whole file, never both."""

    people: tuple[PersonRow, ...] = ()
    errors: tuple[RowError, ...] = ()


@dataclass(frozen=True)
class Layout:
    """Where each known column sits in the file, and its header as written there."""

    indexes: Mapping[str, int]
    headers: Mapping[str, str]

    def label(self, key: str) -> str:
        return self.headers.get(key, COLUMN_BY_KEY[key].header)

    def letter(self, key: str) -> str:
        return column_letter(self.indexes[key]) if key in self.indexes else ""

    def error(self, row: int, key: str, message: str, /, **params: object) -> RowError:
        return RowError(row, self.label(key), message, params, self.letter(key))


class _Invalid(ValueError):
    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


def column_letter(index: int) -> str:
    """0 -> 'A', 26 -> 'AA', as the spreadsheet labels its columns."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def vocabulary_key(text: str) -> str:
    """'Phó Trưởng  phòng', 'pho_truong_phong' and 'PHO TRUONG PHONG' all become 'pho truong phong'."""
    folded = ascii_fold(clean_text(text))
    return " ".join(re.sub(r"[_\-.:*]+", " ", folded).split())


def _lookup(words: Mapping[str, str]) -> dict[str, str]:
    return {vocabulary_key(spelling): code for code, word in words.items() for spelling in (code, word)}


_HEADER_LOOKUP = {vocabulary_key(spelling): column.key
                  for column in COLUMNS for spelling in (column.key, column.header, *column.aliases)}
_GENDER_LOOKUP = _lookup(GENDER_WORDS)
_POSITION_LOOKUP = _lookup(POSITION_WORDS)


def cell_text(value: object) -> str:
    """A cell as text: numbers without a stray '.0', dates as dd/mm/yyyy, everything NFC and stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return format_dmy(value.date())
    if isinstance(value, date):
        return format_dmy(value)
    return clean_text(str(value))


def blank_row(row: Sequence[object]) -> bool:
    return not any(cell_text(value) for value in row)


def _shown(text: str, limit: int = 40) -> str:
    """A value quoted back in a message, cut short so a pasted paragraph does not flood the error table."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Reading the header row.

def read_header(number: int, header: Sequence[object],
                 data: Sequence[Sequence[object]]) -> tuple[Layout, list[RowError]]:
    indexes: dict[str, int] = {}
    headers: dict[str, str] = {}
    errors: list[RowError] = []
    for index, value in enumerate(header):
        text = cell_text(value).replace("\n", " ")
        if not text:
            if any(index < len(row) and cell_text(row[index]) for row in data):
                errors.append(RowError(number, "", N_("Cột %(letter)s có dữ liệu nhưng chưa có tên cột."),
                                       {"letter": column_letter(index)}, column_letter(index)))
            continue
        key = _HEADER_LOOKUP.get(vocabulary_key(text))
        if key is None:
            error = _unknown_header(number, index, text)
            if error:
                errors.append(error)
        elif key in indexes:
            errors.append(RowError(number, text, N_("Cột “%(column)s” bị lặp: cùng nghĩa với cột “%(other)s” (cột "
                                                    "%(letter)s)."),
                                   {"column": text, "other": headers[key], "letter": column_letter(indexes[key])},
                                   column_letter(index)))
        else:
            indexes[key], headers[key] = index, text
    for column in COLUMNS:
        if column.required and column.key not in indexes:
            errors.append(RowError(number, column.header, N_("Thiếu cột “%(column)s”: cột này bắt buộc."),
                                   {"column": column.header}))
    return Layout(indexes, headers), errors


def _unknown_header(number: int, index: int, text: str) -> RowError | None:
    key = vocabulary_key(text)
    if key in IGNORED_HEADERS:
        return None
    if key in FULL_NAME_HEADERS:
        message = N_("Hãy tách cột “%(column)s” thành ba cột Họ, Tên đệm, Tên.")
    else:
        message = N_("Cột “%(column)s” không có trong mẫu. Các tên cột dùng được: %(allowed)s.")
    params = {"column": _shown(text), "allowed": ", ".join(column.header for column in COLUMNS)}
    return RowError(number, text, message, params, column_letter(index))


# Reading one row's cells.

def _text(column: Column, value: object) -> str:
    # A line break inside a name or a code is a stray Alt+Enter, not meant to be kept.
    text = " ".join(line for line in cell_text(value).split("\n") if line)
    if not text and column.required:
        raise _Invalid(REQUIRED_MESSAGES[column.key])
    if column.max_length and len(text) > column.max_length:
        raise _Invalid(N_("Dài %(length)s ký tự, quá giới hạn %(max)s ký tự."), length=len(text),
                       max=column.max_length)
    return text


def _code(column: Column, value: object) -> str:
    code = _text(column, value).upper()
    if code and not CODE_PATTERN.match(code):
        raise _Invalid(N_("Mã chỉ gồm chữ không dấu, số và . _ -"))
    return code


def _username(column: Column, value: object) -> str:
    username = _text(column, value).lower()
    if username and not USERNAME_PATTERN.match(username):
        raise _Invalid(N_("Tên đăng nhập dài 3–60 ký tự, chỉ gồm chữ thường không dấu, số và . _ -"))
    return username


def _word(column: Column, value: object, lookup: Mapping[str, str], message: str, allowed: str) -> str:
    text = _text(column, value)
    code = lookup.get(vocabulary_key(text))
    if code is None:
        raise _Invalid(message, value=_shown(text), allowed=allowed)
    return code


def _gender(column: Column, value: object) -> str:
    return _word(column, value, _GENDER_LOOKUP, N_("Giới tính “%(value)s” không hợp lệ; ghi %(allowed)s."),
                 " hoặc ".join(GENDER_WORDS.values()))


def _position(column: Column, value: object) -> str:
    return _word(column, value, _POSITION_LOOKUP, N_("Chức vụ “%(value)s” không hợp lệ; ghi một trong: %(allowed)s."),
                 ", ".join(POSITION_WORDS.values()))


def _date(column: Column, value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(column, value)
    if not text:
        return None
    parsed = parse_date(text)
    if parsed is None:
        raise _Invalid(N_("Ngày “%(value)s” không hợp lệ; ghi theo dạng ngày/tháng/năm, ví dụ 05/01/2026."),
                       value=_shown(text))
    return parsed


def find_department(text: str, departments: Sequence[KnownDepartment]) -> int | None:
    """By code, else by name, else by name without diacritics; only an unambiguous match counts."""
    wanted = text.casefold()
    tests = (lambda d: d.code.casefold() == wanted, lambda d: clean_text(d.name).casefold() == wanted,
             lambda d: vocabulary_key(d.name) == vocabulary_key(text))
    for test in tests:
        matches = [department.id for department in departments if test(department)]
        if len(matches) == 1:
            return matches[0]
    return None


def _department(column: Column, value: object, departments: Sequence[KnownDepartment]) -> int | None:
    text = _text(column, value)
    if not text:
        return None
    if not departments:
        raise _Invalid(N_("Chưa có phòng nào; hãy tạo các phòng ở trang Phòng trước khi nhập."))
    found = find_department(text, departments)
    if found is None:
        raise _Invalid(N_("Không có phòng “%(value)s”; ghi mã hoặc tên một phòng đã có: %(allowed)s."),
                       value=_shown(text), allowed=", ".join(department.code for department in departments))
    return found


def read_cells(number: int, row: Sequence[object], layout: Layout,
                known: Known) -> tuple[dict[str, object], list[RowError]]:
    """The row's values by column key; a cell that could not be read is absent, and has its error."""
    readers = {"code": _code, "username": _username, "gender": _gender, "position": _position,
               "employed_from": _date, "employed_to": _date,
               "department": lambda column, value: _department(column, value, known.departments)}
    values: dict[str, object] = {}
    errors: list[RowError] = []
    for column in COLUMNS:
        index = layout.indexes.get(column.key)
        raw = row[index] if index is not None and index < len(row) else None
        try:
            values[column.key] = readers.get(column.key, _text)(column, raw)
        except _Invalid as problem:
            errors.append(layout.error(number, column.key, problem.message, **problem.params))
    return values, errors
