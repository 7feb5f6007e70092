"""Dates the Vietnamese way: dd/mm/yyyy in tables and forms, the long form in documents."""

from __future__ import annotations

import re
from datetime import date

_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(text: str) -> date | None:
    """Read 5/1/2026, 05/01/2026, 05-01-2026 or 2026-01-05 (what a date picker sends); None if not a real date."""
    text = text.strip()
    match = _DMY.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
    else:
        match = _ISO.match(text)
        if not match:
            return None
        year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def format_dmy(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def date_line(place: str, value: date) -> str:
    """The place-and-date line of an administrative document (Nghị định 30/2020): 'Hà Nội, ngày 05 tháng 01 năm 2026'."""
    return f"{place}, ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"
