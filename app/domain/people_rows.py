"""A list of people as it arrives in a spreadsheet: the check every row must pass before any is saved.

A row whose code (Mã) already belongs to someone updates that person; a row without a code adds a new person, and
the application gives them the next free code. How each column and cell is read is in domain.people_columns.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from datetime import date

from app.domain.names import full_name
from app.domain.org import DEPARTMENT_LEADER_POSITIONS
from app.domain.people_columns import (
    COLUMNS,
    DATES_OUT_OF_ORDER,
    LEADER_NEEDS_DEPARTMENT,
    N_,
    Checked,
    Known,
    KnownPerson,
    Layout,
    PersonRow,
    RowError,
    blank_row,
    read_cells,
    read_header,
    vocabulary_key,
)


def _check_row(number: int, row: Sequence[object], layout: Layout, known: Known) -> tuple[PersonRow, list[RowError]]:
    values, errors = read_cells(number, row, layout, known)
    department = values.get("department")
    if (values.get("position") in DEPARTMENT_LEADER_POSITIONS and "department" in layout.indexes
            and "department" in values and department is None):
        errors.append(layout.error(number, "department", LEADER_NEEDS_DEPARTMENT))
    start, end = values.get("employed_from"), values.get("employed_to")
    if isinstance(start, date) and isinstance(end, date) and end < start:
        errors.append(layout.error(number, "employed_to", DATES_OUT_OF_ORDER))
    text = {key: str(values.get(key) or "") for key in ("code", "family_name", "middle_name", "given_name", "gender",
                                                        "position", "username")}
    person = PersonRow(row=number, department_id=department if isinstance(department, int) else None,
                       employed_from=start if isinstance(start, date) else None,
                       employed_to=end if isinstance(end, date) else None, columns=frozenset(layout.indexes), **text)
    return person, errors


# Checks across rows, and against the database.

def _name_key(family_name: str, middle_name: str, given_name: str) -> str:
    return full_name(family_name, middle_name, given_name).casefold()


def _duplicates(people: Sequence[PersonRow], value_of, layout: Layout, key: str, message: str) -> list[RowError]:
    first_row: dict[str, int] = {}
    errors = []
    for person in people:
        value = value_of(person)
        if not value:
            continue
        if value in first_row:
            errors.append(layout.error(person.row, key, message, value=value, row=first_row[value]))
        else:
            first_row[value] = person.row
    return errors


def _match_existing(people: Sequence[PersonRow], known: Known,
                    layout: Layout) -> tuple[list[PersonRow], list[RowError]]:
    """Link each coded row to the person it updates, refusing a code that plainly belongs to someone else."""
    by_code = {person.code.upper(): person for person in known.people}
    matched, errors = [], []
    for person in people:
        existing = by_code.get(person.code)
        if existing is None:
            matched.append(person)
            continue
        if person.family_name and person.given_name and (
                vocabulary_key(person.given_name) != vocabulary_key(existing.given_name)
                and vocabulary_key(person.family_name) != vocabulary_key(existing.family_name)):
            errors.append(layout.error(
                person.row, "code", N_("Mã %(code)s là của %(name)s, còn dòng này ghi %(row_name)s. Nếu ghi nhầm mã, "
                                       "hãy sửa mã; nếu muốn đổi hẳn họ tên người này, hãy sửa trong danh sách cán "
                                       "bộ."),
                code=existing.code, name=full_name(existing.family_name, existing.middle_name, existing.given_name),
                row_name=person.full_name))
        matched.append(replace(person, existing_id=existing.id))
    return matched, errors


def _username_errors(people: Sequence[PersonRow], known: Known, layout: Layout) -> list[RowError]:
    owners = {person.username.lower(): person.id for person in known.people if person.username}
    unowned = {username.lower() for username in known.unowned_usernames}
    errors = _duplicates(people, lambda p: p.username, layout, "username",
                         N_("Tên đăng nhập “%(value)s” trùng với dòng %(row)s."))
    for person in people:
        if person.username in unowned or (
                person.username in owners and owners[person.username] != person.existing_id):
            errors.append(layout.error(person.row, "username", N_("Tên đăng nhập “%(value)s” đã có người dùng."),
                                       value=person.username))
    return errors


def _namesake_errors(people: Sequence[PersonRow], known: Known, layout: Layout) -> list[RowError]:
    """A row without a code must name someone not already listed, or a second import would add everyone twice."""
    listed = {}
    for existing in known.people:
        listed.setdefault(_name_key(existing.family_name, existing.middle_name, existing.given_name), existing.code)
    rows_by_name: dict[str, list[int]] = {}
    for person in people:
        rows_by_name.setdefault(_name_key(person.family_name, person.middle_name, person.given_name), []).append(
            person.row)
    errors = []
    for person in people:
        if person.code or not (person.family_name and person.given_name):
            continue
        name = _name_key(person.family_name, person.middle_name, person.given_name)
        if name in listed:
            errors.append(layout.error(
                person.row, "code", N_("Đã có %(name)s (mã %(code)s). Nếu là cùng người, ghi mã %(code)s ở cột Mã để "
                                       "cập nhật; nếu là người khác trùng tên, hãy ghi một mã mới cho người này."),
                name=person.full_name, code=listed[name]))
            continue
        other = next((row for row in rows_by_name[name] if row != person.row), None)
        if other is not None:
            errors.append(layout.error(person.row, "code", N_("Trùng họ tên với dòng %(row)s. Nếu là hai người khác "
                                                              "nhau, hãy ghi mã cho từng người."), row=other))
    return errors


def _as_saved(person: PersonRow, existing: KnownPerson | None, key: str, attribute: str) -> object:
    """A field as it will be once saved: from the file if it has the column, else as on record."""
    return getattr(person if key in person.columns else existing, attribute, None)


def _record_checks(people: Sequence[PersonRow], known: Known, layout: Layout) -> list[RowError]:
    """The rules between two columns when the file leaves one out: the value on record stands in for it."""
    on_record = {person.id: person for person in known.people}
    errors = []
    for person in people:
        existing = on_record.get(person.existing_id)
        if "department" not in person.columns and person.position in DEPARTMENT_LEADER_POSITIONS and (
                _as_saved(person, existing, "department", "department_id") is None):
            errors.append(layout.error(person.row, "department", LEADER_NEEDS_DEPARTMENT))
        start = _as_saved(person, existing, "employed_from", "employed_from")
        end = _as_saved(person, existing, "employed_to", "employed_to")
        given = {"employed_from", "employed_to"} & person.columns
        if len(given) == 1 and isinstance(start, date) and isinstance(end, date) and end < start:
            errors.append(layout.error(person.row, given.pop(), DATES_OUT_OF_ORDER))
    return errors


def _check_across(people: list[PersonRow], known: Known, layout: Layout) -> tuple[list[PersonRow], list[RowError]]:
    matched, errors = _match_existing(people, known, layout)
    errors += _record_checks(matched, known, layout)
    errors += _duplicates(matched, lambda p: p.code, layout, "code", N_("Mã “%(value)s” trùng với dòng %(row)s."))
    errors += _username_errors(matched, known, layout)
    errors += _namesake_errors(matched, known, layout)
    return matched, errors


def check_rows(rows: Sequence[Sequence[object]], known: Known) -> Checked:
    """Every problem of every row, or, when there is none, the people ready to save. rows[0] is spreadsheet row 1."""
    numbered = [(number, row) for number, row in enumerate(rows, start=1) if not blank_row(row)]
    if not numbered:
        return Checked(errors=(RowError(1, "", N_("Tệp không có dữ liệu.")),))
    (header_number, header), data = numbered[0], numbered[1:]
    layout, errors = read_header(header_number, header, [row for _, row in data])
    if errors:  # with the columns in doubt, row messages would only repeat the header's problem
        return Checked(errors=tuple(errors))
    if not data:
        return Checked(errors=(RowError(header_number + 1, "", N_("Chưa có người nào: dưới dòng tiêu đề chưa có "
                                                                  "dòng dữ liệu.")),))
    people = []
    for number, row in data:
        person, row_errors = _check_row(number, row, layout, known)
        people.append(person)
        errors += row_errors
    people, across = _check_across(people, known, layout)
    errors += across
    if errors:
        order = {layout.label(column.key): position for position, column in enumerate(COLUMNS)}
        return Checked(errors=tuple(sorted(errors, key=lambda e: (e.row, order.get(e.column, -1)))))
    return Checked(people=tuple(people))


def next_free_code(taken: Collection[str]) -> str:
    """The next 'CBnn' code after as many as are taken, skipping any already used."""
    number = len(taken) + 1
    while f"CB{number:02d}" in taken:
        number += 1
    return f"CB{number:02d}"


def assign_codes(people: Iterable[PersonRow], taken: Iterable[str]) -> list[PersonRow]:
    """Give each new person without a code the next free one, clear of the database's codes and the file's."""
    people = list(people)
    used = {code.upper() for code in taken} | {person.code for person in people if person.code}
    assigned = []
    for person in people:
        if not person.code:
            code = next_free_code(used)
            used.add(code)
            person = replace(person, code=code)
        assigned.append(person)
    return assigned
