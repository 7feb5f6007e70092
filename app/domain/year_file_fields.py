"""The year file's checks of one value (../shared/spec/year-file.md): a field's type, range, code, date or
vocabulary, and the objects and lists that hold them.

Each check reports what is wrong to an `Errors` collector as a `PATH: message` line and returns the value as the
import will store it, or `INVALID` when it was reported; the checks across records (references, duplicates, one
record per person and month) are in year_file_sections.py, and `validate` in year_file.py.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from app.domain.org import CODE_PATTERN, MAX_LENGTH
from app.domain.year_file_format import FORMAT

NOT_A_DATE = "không phải ngày hợp lệ (YYYY-MM-DD)"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CODE = re.compile(CODE_PATTERN)
_ONE_DECIMAL = Decimal("0.1")
INVALID = object()  # a value already reported as wrong: later checks leave it alone


def child(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class Errors:
    """The `PATH: message` lines found so far, each one printable line."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, path: str, message: str) -> None:
        self.lines.append(printable(f"{path or '$'}: {message}"))


def printable(text: str) -> str:
    """One line of visible text: the file's own control and invisible characters (a line break inside a code, a
    terminal escape, a right-to-left override) are written as escapes (\\r, \\x1b, \\u202e), so that a message
    never spans two lines, recolours a terminal or reads backwards."""
    return "".join(char if char.isprintable() else char.encode("unicode_escape").decode("ascii") for char in text)


def quoted(value: object) -> str:
    return f"“{value}”"


def choices(values: tuple[str, ...]) -> str:
    return "phải là một trong: " + ", ".join(values)


def an_object(value: Any, path: str, keys: dict[str, bool], errors: Errors) -> dict | None:
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


def a_list(value: Any, path: str, errors: Errors) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        errors.add(path, "phải là một danh sách ([…])")
        return []
    return value


def objects(doc: dict, key: str, keys: dict[str, bool], errors: Errors) -> list[tuple[int, str, dict]]:
    """(index, path, object) for each item of a top-level list that is an object."""
    found = []
    for index, item in enumerate(a_list(doc.get(key), key, errors)):
        path = child(key, index)
        record = an_object(item, path, keys, errors)
        if record is not None:
            found.append((index, path, record))
    return found


def text(record: dict, key: str, path: str, errors: Errors, max_length: int, required: bool = True) -> Any:
    """A string field: required ones must not be blank; optional ones may be absent or null (→ "")."""
    value = record.get(key)
    where = child(path, key)
    if value is None:
        if key in record and required:
            errors.add(where, "phải là một chuỗi, không được để trống")
        return INVALID if required else ""
    if not isinstance(value, str):
        errors.add(where, "phải là một chuỗi")
        return INVALID
    value = unicodedata.normalize("NFC", value).strip()  # as the import will store it
    if required and not value:
        errors.add(where, "không được để trống")
        return INVALID
    if len(value) > max_length:
        errors.add(where, f"dài quá {max_length} ký tự")
        return INVALID
    return value


def code(record: dict, key: str, path: str, errors: Errors) -> Any:
    value = text(record, key, path, errors, MAX_LENGTH["code"])
    if value is not INVALID and not _CODE.match(value):
        errors.add(child(path, key), "mã chỉ gồm chữ không dấu, số và . _ -")
        return INVALID
    return value


def choice(record: dict, key: str, path: str, errors: Errors, values: tuple[str, ...],
            required: bool = True) -> Any:
    value = record.get(key)
    if value is None:
        if key in record and required:
            errors.add(child(path, key), choices(values))
        return INVALID if required else None
    if value not in values:
        errors.add(child(path, key), choices(values))
        return INVALID
    return value


def integer(record: dict, key: str, path: str, errors: Errors, low: int, high: int) -> Any:
    value = record.get(key)
    if key not in record:
        return INVALID
    if isinstance(value, bool) or not isinstance(value, int):
        errors.add(child(path, key), "phải là một số nguyên")
        return INVALID
    if not low <= value <= high:
        errors.add(child(path, key), f"phải từ {low} đến {high}")
        return INVALID
    return value


def iso_date(record: dict, key: str, path: str, errors: Errors, required: bool = False) -> Any:
    """A YYYY-MM-DD date, or None when absent or null (and allowed to be)."""
    value = record.get(key)
    if value is None:
        if key in record and required:
            errors.add(child(path, key), NOT_A_DATE)
        return INVALID if required else None
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    errors.add(child(path, key), NOT_A_DATE)
    return INVALID


def boolean(record: dict, key: str, path: str, errors: Errors) -> Any:
    value = record.get(key)
    if value is None:
        return False
    if not isinstance(value, bool):
        errors.add(child(path, key), "phải là true hoặc false")
        return INVALID
    return value


def score(record: dict, path: str, errors: Errors) -> Any:
    value = record.get("score")
    if value is None:
        return None
    where = child(path, "score")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        errors.add(where, "phải là một số")
        return INVALID
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        errors.add(where, "phải là một số")
        return INVALID
    if not 0 <= number <= 100:
        errors.add(where, "phải từ 0 đến 100")
        return INVALID
    if number != number.quantize(_ONE_DECIMAL):
        errors.add(where, "tối đa một chữ số thập phân")
        return INVALID
    return number


def texts(record: dict, key: str, path: str, errors: Errors, one_line: bool) -> None:
    where = child(path, key)
    for index, item in enumerate(a_list(record.get(key), where, errors)):
        if not isinstance(item, str):
            errors.add(child(where, index), "phải là một chuỗi")
        elif not item.strip():
            errors.add(child(where, index), "không được để trống")
        elif one_line and "\n" in item.strip():
            errors.add(child(where, index), "mỗi mục một dòng: hãy tách thành nhiều mục")

