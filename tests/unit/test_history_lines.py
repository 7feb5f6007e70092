"""How an audit event's before/after reads: one line per changed field, in the interface's words."""

from __future__ import annotations

import pytest

from app.domain.history import EMPTY, FieldSpec, changes, referenced_ids, shorten, value_text

SPECS = {
    "given_name": FieldSpec("Tên"),
    "position": FieldSpec("Chức vụ", "code", {"chuyen_vien": "Chuyên viên", "truong_phong": "Trưởng phòng"}),
    "employed_from": FieldSpec("Làm việc từ", "date"),
    "submitted_at": FieldSpec("Gửi lúc", "datetime"),
    "active": FieldSpec("Đang làm việc", "code", {True: "Có", False: "Không"}),
    "department_id": FieldSpec("Phòng", "ref", ref="department"),
    "authors": FieldSpec("Tác giả", "ref", ref="person"),
}
NAMES = {"department": {1: "Phòng Tổng hợp", 2: "Phòng Khen thưởng"}, "person": {7: "Lê Thị Hoa", 8: "Tạ Văn Khôi"}}


@pytest.mark.parametrize(("field", "value", "shown"), [
    ("given_name", "Hòa", "Hòa"),
    ("given_name", "", EMPTY),
    ("given_name", None, EMPTY),
    ("position", "truong_phong", "Trưởng phòng"),
    ("position", "unknown_code", "unknown_code"),  # a code no longer listed still shows what was stored
    ("employed_from", "2024-01-05", "05/01/2024"),
    ("submitted_at", "2026-11-02T03:04:00", "02/11/2026 03:04"),
    ("active", False, "Không"),
    ("department_id", 2, "Phòng Khen thưởng"),
    ("department_id", 99, "#99"),  # a department since deleted
    ("authors", [7, 8], "Lê Thị Hoa, Tạ Văn Khôi"),
    ("authors", [], EMPTY),
])
def test_values_read_as_the_interface_writes_them(field, value, shown):
    assert value_text(value, SPECS[field], NAMES) == shown


def test_an_update_lists_changed_fields_in_the_form_order():
    lines = changes({"position": "chuyen_vien", "given_name": "Hoa"}, {"position": "truong_phong", "given_name": "Hòa"},
                    SPECS, NAMES)
    assert [(line.label, line.before.full, line.after.full) for line in lines] == [
        ("Tên", "Hoa", "Hòa"), ("Chức vụ", "Chuyên viên", "Trưởng phòng")]


def test_a_create_has_no_before_and_skips_empty_fields():
    lines = changes(None, {"given_name": "Hoa", "employed_from": None}, SPECS)
    assert [(line.label, line.before, line.after.full) for line in lines] == [("Tên", None, "Hoa")]


def test_a_delete_has_no_after():
    [line] = changes({"given_name": "Hoa"}, None, SPECS)
    assert line.before.full == "Hoa" and line.after is None


def test_unknown_fields_come_last_under_their_own_name():
    lines = changes({"given_name": "Hoa", "zeta": 1}, {"given_name": "Hòa", "zeta": 2}, SPECS)
    assert [line.label for line in lines] == ["Tên", "zeta"]


def test_the_clock_shows_times_in_the_unit_time_zone():
    [line] = changes({"submitted_at": None}, {"submitted_at": "2026-11-02T03:04:00"}, SPECS,
                     clock=lambda moment: f"{moment.hour + 7:02d}h")
    assert line.after.full == "10h"


def test_long_texts_are_shortened_at_a_word_with_the_whole_kept():
    text = "Hoàn thành thẩm định hồ sơ đề nghị khen thưởng " * 5
    [line] = changes({"given_name": ""}, {"given_name": text}, SPECS)
    assert line.after.shortened and line.after.short.endswith("…") and len(line.after.short) <= 81
    assert line.after.full == text  # the whole text, as written
    assert shorten("ngắn") == "ngắn"


def test_referenced_ids_are_gathered_by_kind_for_one_query_each():
    events = [({"department_id": 1}, {"department_id": 2}), (None, {"authors": [7, 8], "given_name": "x"})]
    assert referenced_ids(events, [SPECS, SPECS]) == {"department": {1, 2}, "person": {7, 8}}


def test_a_datetime_that_is_not_one_stays_as_stored():
    assert value_text("soon", SPECS["submitted_at"], {}) == "soon"
