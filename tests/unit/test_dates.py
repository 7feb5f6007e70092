from datetime import date

import pytest

from app.domain.dates import date_line, format_dmy, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05/01/2026", date(2026, 1, 5)),
        ("5/1/2026", date(2026, 1, 5)),
        ("05-01-2026", date(2026, 1, 5)),
        ("05.01.2026", date(2026, 1, 5)),
        ("2026-01-05", date(2026, 1, 5)),
        (" 29/02/2024 ", date(2024, 2, 29)),
        ("29/02/2025", None),
        ("31/04/2026", None),
        ("01/13/2026", None),
        ("2026/01/05", None),
        ("hôm qua", None),
        ("", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_tables_show_dd_mm_yyyy():
    assert format_dmy(date(2026, 1, 5)) == "05/01/2026"
    assert format_dmy(None) == ""


def test_document_date_line_pads_day_and_month():
    assert date_line("Hà Nội", date(2026, 1, 5)) == "Hà Nội, ngày 05 tháng 01 năm 2026"
    assert date_line("Hà Nội", date(2026, 12, 25)) == "Hà Nội, ngày 25 tháng 12 năm 2026"
