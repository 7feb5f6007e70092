"""Every text input is normalised to NFC and stripped, so search, sort and uniqueness work."""

import unicodedata

import pytest

from app.domain.text import clean_text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (unicodedata.normalize("NFD", "Nguyễn Thị Ánh"), "Nguyễn Thị Ánh"),
        ("  Hoa  ", "Hoa"),
        ("Trần   Văn\tBình", "Trần Văn Bình"),
        ("Lê\u00a0Hoa", "Lê Hoa"),
        ("dòng một\r\n  dòng hai  ", "dòng một\ndòng hai"),
        ("", ""),
        (None, ""),
    ],
)
def test_clean_text(raw, clean):
    result = clean_text(raw)
    assert result == clean
    assert unicodedata.is_normalized("NFC", result)
