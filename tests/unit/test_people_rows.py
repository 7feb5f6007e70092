"""The check every row of an imported people list must pass, as tables: headers, values, errors, duplicates."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pytest
from wtforms.validators import Length, Regexp

from app.admin import forms
from app.domain import people_columns
from app.domain.org import GENDERS, POSITIONS
from app.domain.people_columns import COLUMN_BY_KEY, COLUMNS, Known, KnownDepartment, KnownPerson, column_letter
from app.domain.people_rows import assign_codes, check_rows, next_free_code
from app.labels import GENDER_LABELS, POSITION_LABELS

HEADER = [column.header for column in COLUMNS]
GOOD = {"code": "", "family_name": "Trần", "middle_name": "Thị", "given_name": "Hoa", "gender": "Nữ",
        "position": "Chuyên viên", "department": "TD", "employed_from": "01/02/2020", "employed_to": "",
        "username": "hoa.tt"}
KNOWN = Known(
    people=[KnownPerson(1, "CB01", "Phạm", "Quang", "Huy", "huy.pq"), KnownPerson(2, "CB02", "Lê", "Thị Minh", "Ngọc")],
    departments=[KnownDepartment(10, "TD", "Phòng Nghiệp vụ Thi đua"), KnownDepartment(11, "VP", "Văn phòng")],
    unowned_usernames=frozenset({"admin"}),
)


def row(**changes) -> list[object]:
    values = {**GOOD, **changes}
    return [values[column.key] for column in COLUMNS]


def check(*rows, header=HEADER, known=KNOWN):
    return check_rows([header, *rows], known)


def shown(checked) -> list[tuple[int, str, str]]:
    """The errors as the admin reads them: row, column, message with its values filled in."""
    return [(error.row, error.column, error.message % error.params if error.params else error.message)
            for error in checked.errors]


def only_person(checked):
    assert not checked.errors, shown(checked)
    (person,) = checked.people
    return person


# Headers.

@pytest.mark.parametrize("header", [
    ["Họ", "Tên", "Giới tính", "Chức vụ"],
    ["family_name", "given_name", "gender", "position"],
    ["HỌ", "TÊN", "GIOI TINH", "chuc vu"],
    [unicodedata.normalize("NFD", "Họ"), " Tên ", "Giới  tính", "Chức vụ *"],
    ["STT", "Họ", "Tên", "Giới tính", "Chức vụ"],
], ids=["vietnamese", "code names", "case and diacritics", "nfd spaces star", "numbering column"])
def test_header_spellings_are_recognised(header):
    data = [1] if header[0] == "STT" else []
    data += ["Trần", "Hoa", "Nữ", "Nhân viên"]
    person = only_person(check(data, header=header))
    assert (person.family_name, person.given_name, person.gender, person.position) == (
        "Trần", "Hoa", "female", "nhan_vien")
    assert person.columns == {"family_name", "given_name", "gender", "position"}


@pytest.mark.parametrize("header, expected", [
    (["Họ", "Tên", "Giới tính"], [(1, "Chức vụ", "Thiếu cột “Chức vụ”: cột này bắt buộc.")]),
    (["Tên đệm", "Giới tính", "Chức vụ"], [(1, "Họ", "Thiếu cột “Họ”: cột này bắt buộc."),
                                           (1, "Tên", "Thiếu cột “Tên”: cột này bắt buộc.")]),
    ([*HEADER, "Quê quán"], [(1, "Quê quán", "Cột “Quê quán” không có trong mẫu. Các tên cột dùng được: "
                                            + ", ".join(HEADER) + ".")]),
    ([*HEADER, "family name"], [(1, "family name", "Cột “family name” bị lặp: cùng nghĩa với cột “Họ” (cột B).")]),
    (["Họ và tên", "Giới tính", "Chức vụ", "Họ", "Tên"],
     [(1, "Họ và tên", "Hãy tách cột “Họ và tên” thành ba cột Họ, Tên đệm, Tên.")]),
], ids=["missing one", "missing two", "unknown", "duplicate", "full name"])
def test_header_problems_are_reported_on_row_1_and_stop_the_row_checks(header, expected):
    checked = check(["x"] * len(header), header=header)
    assert shown(checked) == expected
    assert checked.people == ()


def test_a_column_without_a_header_but_with_data_is_an_error():
    checked = check([*row(), "ghi chú"], header=[*HEADER, None])
    assert shown(checked) == [(1, "", "Cột K có dữ liệu nhưng chưa có tên cột.")]
    assert checked.errors[0].letter == "K"


def test_an_empty_column_without_a_header_is_ignored():
    only_person(check([*row(), None], header=[*HEADER, None]))


# Values.

@pytest.mark.parametrize("key, raw, attribute, expected", [
    ("gender", "nữ", "gender", "female"),
    ("gender", "NAM", "gender", "male"),
    ("gender", "Female", "gender", "female"),
    ("position", "Phó trưởng phòng", "position", "pho_truong_phong"),
    ("position", "pho_truong_phong", "position", "pho_truong_phong"),
    ("position", "TRUONG BAN", "position", "truong_ban"),
    ("department", "td", "department_id", 10),
    ("department", "Văn phòng", "department_id", 11),
    ("department", "phong nghiep vu thi dua", "department_id", 10),
    ("department", "", "department_id", None),
    ("employed_from", "5/1/2026", "employed_from", date(2026, 1, 5)),
    ("employed_from", "2026-01-05", "employed_from", date(2026, 1, 5)),
    ("employed_from", datetime(2026, 1, 5, 0, 0), "employed_from", date(2026, 1, 5)),
    ("employed_from", date(2026, 1, 5), "employed_from", date(2026, 1, 5)),
    ("employed_from", None, "employed_from", None),
    ("employed_to", "31/12/2030", "employed_to", date(2030, 12, 31)),
    ("code", "cb-07", "code", "CB-07"),
    ("code", 7, "code", "7"),
    ("code", 7.0, "code", "7"),
    ("username", " Hoa.TT ", "username", "hoa.tt"),
    ("username", "", "username", ""),
    ("family_name", unicodedata.normalize("NFD", "  Nguyễn   Phước "), "family_name", "Nguyễn Phước"),
    ("middle_name", "Thị\nMinh", "middle_name", "Thị Minh"),
    ("middle_name", None, "middle_name", ""),
], ids=lambda value: repr(value) if isinstance(value, str) else None)
def test_cell_values_are_read_into_clean_values(key, raw, attribute, expected):
    person = only_person(check(row(**{key: raw})))
    assert getattr(person, attribute) == expected


def test_a_full_good_row():
    person = only_person(check(row(code="T9", middle_name="Thị Minh", department="Văn phòng",
                                   employed_from="01/02/2020", employed_to="31/12/2025")))
    assert person == people_columns.PersonRow(
        row=2, code="T9", family_name="Trần", middle_name="Thị Minh", given_name="Hoa", gender="female",
        position="chuyen_vien", department_id=11, employed_from=date(2020, 2, 1), employed_to=date(2025, 12, 31),
        username="hoa.tt", existing_id=None, columns=frozenset(column.key for column in COLUMNS))
    assert person.full_name == "Trần Thị Minh Hoa"


USERNAME_RULE = "Tên đăng nhập dài 3–60 ký tự, chỉ gồm chữ thường không dấu, số và . _ -"


@pytest.mark.parametrize("changes, column, message", [
    ({"family_name": ""}, "Họ", "Hãy ghi họ."),
    ({"given_name": "   "}, "Tên", "Hãy ghi tên."),
    ({"gender": ""}, "Giới tính", "Hãy ghi giới tính: Nữ hoặc Nam."),
    ({"position": None}, "Chức vụ", "Hãy ghi chức vụ."),
    ({"family_name": "Ng" * 26}, "Họ", "Dài 52 ký tự, quá giới hạn 50 ký tự."),
    ({"middle_name": "x" * 51}, "Tên đệm", "Dài 51 ký tự, quá giới hạn 50 ký tự."),
    ({"given_name": "y" * 51}, "Tên", "Dài 51 ký tự, quá giới hạn 50 ký tự."),
    ({"code": "C" * 21}, "Mã", "Dài 21 ký tự, quá giới hạn 20 ký tự."),
    ({"code": "CB 01"}, "Mã", "Mã chỉ gồm chữ không dấu, số và . _ -"),
    ({"code": "Mã1"}, "Mã", "Mã chỉ gồm chữ không dấu, số và . _ -"),
    ({"username": "hoa tt"}, "Tên đăng nhập", USERNAME_RULE),
    ({"username": "hòa"}, "Tên đăng nhập", USERNAME_RULE),
    ({"username": "h" * 61}, "Tên đăng nhập", "Dài 61 ký tự, quá giới hạn 60 ký tự."),
    ({"gender": "Khác"}, "Giới tính", "Giới tính “Khác” không hợp lệ; ghi Nữ hoặc Nam."),
    ({"position": "Giám đốc"}, "Chức vụ", "Chức vụ “Giám đốc” không hợp lệ; ghi một trong: Trưởng ban, "
                                          "Phó trưởng ban, Trưởng phòng, Phó trưởng phòng, Chuyên viên, Nhân viên."),
    ({"department": "KT"}, "Phòng", "Không có phòng “KT”; ghi mã hoặc tên một phòng đã có: TD, VP."),
    ({"position": "Trưởng phòng", "department": ""}, "Phòng",
     "Lãnh đạo phòng phải thuộc một phòng; hãy ghi phòng."),
    ({"employed_from": "31/02/2020"}, "Làm việc từ",
     "Ngày “31/02/2020” không hợp lệ; ghi theo dạng ngày/tháng/năm, ví dụ 05/01/2026."),
    ({"employed_to": 45000}, "Làm việc đến",
     "Ngày “45000” không hợp lệ; ghi theo dạng ngày/tháng/năm, ví dụ 05/01/2026."),
    ({"employed_from": "01/06/2021", "employed_to": "31/05/2021"}, "Làm việc đến",
     "Ngày nghỉ việc không được trước ngày bắt đầu làm việc."),
    ({"username": "huy.pq"}, "Tên đăng nhập", "Tên đăng nhập “huy.pq” đã có người dùng."),
    ({"username": "ADMIN"}, "Tên đăng nhập", "Tên đăng nhập “admin” đã có người dùng."),
    ({"family_name": "Lê", "middle_name": "thị minh", "given_name": "Ngọc"}, "Mã",
     "Đã có Lê thị minh Ngọc (mã CB02). Nếu là cùng người, ghi mã CB02 ở cột Mã để cập nhật; nếu là người khác "
     "trùng tên, hãy ghi một mã mới cho người này."),
    ({"code": "cb01"}, "Mã", "Mã CB01 là của Phạm Quang Huy, còn dòng này ghi Trần Thị Hoa. Nếu ghi nhầm mã, hãy sửa "
                             "mã; nếu muốn đổi hẳn họ tên người này, hãy sửa trong danh sách cán bộ."),
], ids=lambda value: str(value)[:40] if isinstance(value, dict) else None)
def test_each_bad_cell_is_reported_at_its_row_and_column(changes, column, message):
    checked = check(row(given_name="Mai", family_name="Đào", username="mai.dt"), row(**changes))
    assert shown(checked) == [(3, column, message)]
    assert checked.people == ()


def test_the_message_points_at_the_header_as_written_and_its_letter():
    header = ["ho", "ten", "gioi tinh", "chuc vu", "phong"]
    checked = check(["Trần", "Hoa", "Nữ", "Trưởng phòng", "XX"], header=header)
    assert [(e.row, e.column, e.letter) for e in checked.errors] == [(2, "phong", "E")]


def test_a_department_leader_needs_the_department_column():
    checked = check(["Trần", "Hoa", "Nữ", "Trưởng phòng"], header=["Họ", "Tên", "Giới tính", "Chức vụ"])
    assert shown(checked) == [(2, "Phòng", "Lãnh đạo phòng phải thuộc một phòng; hãy ghi phòng.")]
    assert checked.errors[0].letter == ""


def test_without_the_department_column_a_leader_keeps_the_department_on_record():
    known = Known(people=[KnownPerson(3, "CB03", "Đỗ", "Thị", "Lan", department_id=10),
                          KnownPerson(4, "CB04", "Hoàng", "Văn", "Ân")], departments=KNOWN.departments)
    header = ["Mã", "Họ", "Tên", "Giới tính", "Chức vụ"]
    checked = check(["CB03", "Đỗ", "Lan", "Nữ", "Trưởng phòng"], ["CB04", "Hoàng", "Ân", "Nam", "Phó trưởng phòng"],
                    header=header, known=known)
    assert shown(checked) == [(3, "Phòng", "Lãnh đạo phòng phải thuộc một phòng; hãy ghi phòng.")]


def test_without_one_date_column_the_date_on_record_must_still_come_first():
    known = Known(people=[KnownPerson(3, "CB03", "Đỗ", "Thị", "Lan", employed_from=date(2020, 1, 1)),
                          KnownPerson(4, "CB04", "Hoàng", "Văn", "Ân", employed_to=date(2020, 1, 1))])
    header = ["Mã", "Họ", "Tên", "Giới tính", "Chức vụ", "Làm việc đến"]
    checked = check(["CB03", "Đỗ", "Lan", "Nữ", "Nhân viên", "31/12/2019"],
                    ["CB04", "Hoàng", "Ân", "Nam", "Nhân viên", "31/12/2019"], header=header, known=known)
    assert shown(checked) == [(2, "Làm việc đến", "Ngày nghỉ việc không được trước ngày bắt đầu làm việc.")]
    header = ["Mã", "Họ", "Tên", "Giới tính", "Chức vụ", "Làm việc từ"]
    checked = check(["CB04", "Hoàng", "Ân", "Nam", "Nhân viên", "02/01/2020"], header=header, known=known)
    assert shown(checked) == [(2, "Làm việc từ", "Ngày nghỉ việc không được trước ngày bắt đầu làm việc.")]


def test_a_department_cannot_be_named_before_any_exists():
    checked = check(row(), known=Known())
    assert shown(checked) == [(2, "Phòng", "Chưa có phòng nào; hãy tạo các phòng ở trang Phòng trước khi nhập.")]


def test_a_long_value_is_quoted_short():
    checked = check(row(position="Chuyên viên " * 10))
    assert "“Chuyên viên Chuyên viên Chuyên viên Chu…”" in shown(checked)[0][2]


# Across rows and against the database.

def test_duplicates_inside_the_file_point_at_the_first_row():
    checked = check(row(code="T1", username="hoa.tt"),
                    row(code="t1", username="HOA.TT", given_name="Lan"),
                    row(given_name="Mai", username="mai.tt"))
    assert shown(checked) == [
        (3, "Mã", "Mã “T1” trùng với dòng 2."),
        (3, "Tên đăng nhập", "Tên đăng nhập “hoa.tt” trùng với dòng 2."),
    ]


def test_namesakes_without_codes_must_be_told_apart():
    checked = check(row(username=""), row(username="", given_name="Lan"), row(username=""))
    assert shown(checked) == [
        (2, "Mã", "Trùng họ tên với dòng 4. Nếu là hai người khác nhau, hãy ghi mã cho từng người."),
        (4, "Mã", "Trùng họ tên với dòng 2. Nếu là hai người khác nhau, hãy ghi mã cho từng người."),
    ]
    assert not check(row(username="", code="T1"), row(username="", code="T2")).errors


def test_a_namesake_of_someone_listed_gets_in_with_a_new_code():
    person = only_person(check(row(family_name="Lê", middle_name="Thị Minh", given_name="Ngọc", code="CB99")))
    assert person.existing_id is None


def test_a_known_code_updates_that_person_and_may_keep_or_change_the_username():
    checked = check(row(code="cb01", family_name="Phạm", middle_name="Quang", given_name="Huy", username="huy.pq"),
                    row(code="CB02", family_name="Lê", middle_name="Minh", given_name="Ngọc", username="ngoc.ltm"))
    assert not checked.errors, shown(checked)
    assert [(p.code, p.existing_id, p.username) for p in checked.people] == [("CB01", 1, "huy.pq"),
                                                                            ("CB02", 2, "ngoc.ltm")]


def test_one_bad_row_among_good_ones_returns_no_people():
    checked = check(row(given_name="Lan", username="lan"), row(gender="?"), row(given_name="Mai", username="mai"))
    assert checked.people == ()
    assert [error.row for error in checked.errors] == [3]


def test_rows_keep_the_spreadsheet_numbers_past_blank_rows_and_errors_come_in_order():
    checked = check_rows([[], HEADER, row(given_name="Lan", username="lan"), [None, "", "  "],
                          row(given_name="", gender="?", username="x")], KNOWN)
    assert shown(checked) == [
        (5, "Tên", "Hãy ghi tên."),
        (5, "Giới tính", "Giới tính “?” không hợp lệ; ghi Nữ hoặc Nam."),
        (5, "Tên đăng nhập", USERNAME_RULE),
    ]


@pytest.mark.parametrize("rows, expected", [
    ([], [(1, "", "Tệp không có dữ liệu.")]),
    ([[None], ["", " "]], [(1, "", "Tệp không có dữ liệu.")]),
    ([HEADER], [(2, "", "Chưa có người nào: dưới dòng tiêu đề chưa có dòng dữ liệu.")]),
    ([HEADER, [], []], [(2, "", "Chưa có người nào: dưới dòng tiêu đề chưa có dòng dữ liệu.")]),
])
def test_a_file_without_people(rows, expected):
    assert shown(check_rows(rows, KNOWN)) == expected


# Codes for new people.

@pytest.mark.parametrize("taken, expected", [
    (set(), "CB01"),
    ({"CB01", "CB02"}, "CB03"),
    ({"T0001", "T0002"}, "CB03"),
    ({"CB01", "CB03"}, "CB04"),
])
def test_next_free_code(taken, expected):
    assert next_free_code(taken) == expected


def test_new_people_get_free_codes_clear_of_the_file_and_the_database():
    checked = check(row(username=""), row(given_name="Lan", code="CB02", username=""),
                    row(given_name="Mai", username=""), row(given_name="Huy", code="cb05", username=""),
                    known=Known(departments=KNOWN.departments))
    people = assign_codes(checked.people, ["CB01", "CB03", "X"])
    # Counted like the inline form's next code: after the five codes taken, CB06 is the first free one.
    assert [(p.row, p.code) for p in people] == [(2, "CB06"), (3, "CB02"), (4, "CB07"), (5, "CB05")]


# The file's rules and vocabulary stay those of the person form and the interface.

def _validator(field, kind):
    unbound = getattr(forms.PersonForm, field)
    return next(v for v in unbound.args[1] if isinstance(v, kind))


@pytest.mark.parametrize("key", ["code", "family_name", "middle_name", "given_name", "username"])
def test_length_limits_are_those_of_the_person_form(key):
    assert COLUMN_BY_KEY[key].max_length == _validator(key, Length).max


def test_patterns_are_those_of_the_person_form():
    assert people_columns.CODE_PATTERN.pattern == _validator("code", Regexp).regex.pattern
    assert people_columns.USERNAME_PATTERN.pattern == _validator("username", Regexp).regex.pattern


def test_the_file_vocabulary_is_the_interface_labels():
    assert tuple(people_columns.POSITION_WORDS) == POSITIONS
    assert tuple(people_columns.GENDER_WORDS) == GENDERS
    assert people_columns.POSITION_WORDS == {code: str(label) for code, label in POSITION_LABELS.items()}
    assert people_columns.GENDER_WORDS == {code: str(label) for code, label in GENDER_LABELS.items()}


@pytest.mark.parametrize("index, letter", [(0, "A"), (9, "J"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA")])
def test_column_letter(index, letter):
    assert column_letter(index) == letter
