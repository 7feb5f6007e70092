"""What the property tests found, pinned down example by example."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.year_file import validate
from app.extensions import db
from app.models import Month, Year

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "year_files"


@pytest.mark.parametrize("body", ["[1, 2]", "false", "5", '"nom"', "null", '{"name": {"a": 1}}'])
def test_a_json_body_is_an_empty_form_not_a_500(world, body):
    """Flask-WTF turned a JSON body into form data and failed on anything but an object."""
    world.restore()
    response = world.client("admin").post("/admin/departments", data=body, content_type="application/json")
    assert response.status_code == 422
    assert "Hãy nhập" in response.get_data(as_text=True)


@pytest.mark.parametrize("blank", [" ", "\t\n\r\x0b\x0c", "\u3000"])
def test_a_deadline_of_blanks_is_no_date(world, blank):
    """InputRequired let blanks through, the filter stripped them, and the view compared None with a date."""
    world.restore()
    client = world.client("chief")
    response = client.post("/years/2026/months/2/deadlines",
                           data={"commitments_due": blank, "self_assessment_due": "27/02/2026", "version": "1"})
    assert response.status_code == 422
    assert "Hãy nhập ngày." in response.get_data(as_text=True)
    with world.app.app_context():
        month = db.session.scalar(select(Month).join(Year).where(Year.year == 2026, Month.number == 2))
        assert month.commitments_due is not None


@pytest.mark.parametrize("raw", [b"[" * 100_000, b"1" + b"0" * 5_000, b'{"year": 1' + b"0" * 5_000 + b"}"])
def test_the_year_file_screen_refuses_json_python_cannot_read(world, raw):
    """json.loads raises RecursionError and ValueError (not JSONDecodeError) past Python's limits."""
    world.restore()
    response = world.client("admin").post("/admin/year-file/import", data={"file": (io.BytesIO(raw), "nam.json")},
                                          content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Tệp không phải JSON hợp lệ" in response.get_data(as_text=True)



NAMELESS_PART = b'--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b\r\nContent-Disposition: form-data; name="version"\r\n\r\n1\r\n--b--\r\n'


@pytest.mark.parametrize("csrf", [True, False])
def test_a_multipart_part_without_a_name_is_refused_not_a_500(world, csrf):
    """werkzeug files a nameless part under the key None; Flask-WTF's search for the CSRF token failed on it."""
    world.restore()
    client = world.client("chief")
    world.app.config["WTF_CSRF_ENABLED"] = csrf
    try:
        response = client.post("/years/2026/settings", data=NAMELESS_PART, content_type="multipart/form-data; boundary=b")
    finally:
        world.app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == (400 if csrf else 422)
    assert ("Yêu cầu không hợp lệ." if csrf else "Hãy nhập") in response.get_data(as_text=True)


def test_year_file_messages_are_one_line_of_visible_text():
    """A code with a line break or a terminal escape in it is quoted as escapes: `flask year import` printed it raw,
    splitting the message and recolouring the terminal."""
    doc = json.loads((FIXTURES / "rich-2026.json").read_text(encoding="utf-8"))
    doc["months"][0]["person"] = "X\r\nSet-Cookie: a=1\x1b[31m\u202e"
    lines = validate(doc)
    assert lines == ["months[0].person: không có người mã “X\\r\\nSet-Cookie: a=1\\x1b[31m\\u202e” trong people"]
