"""Spreadsheets in and out: an uploaded list of people read into raw rows, and the template offered for download.

The kind of an upload is decided by its content, not its name: an .xlsx is a zip holding the OOXML workbook parts,
anything else must be UTF-8 text to be read as CSV. What cannot be read becomes an UnreadableFile whose message
tells the admin, in Vietnamese, what to do about it.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from flask_babel import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from app.domain.people_columns import COLUMN_BY_KEY, COLUMNS, GENDER_WORDS, POSITION_WORDS, cell_text

XLSX_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97–2003, and any password-protected workbook
NOT_TEXT_SIGNATURES = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"Rar!", b"\x1f\x8b", b"7z\xbc\xaf")
# A few megabytes of upload may unpack to far more XML; past this it is not a list of a unit's people.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
CSV_DELIMITERS = (",", ";", "\t")

EXAMPLE = {"family_name": "Nguyễn", "middle_name": "Thị", "given_name": "Mai", "gender": GENDER_WORDS["female"],
           "position": POSITION_WORDS["chuyen_vien"], "employed_from": "01/03/2020", "username": "mai.nt"}


class UnreadableFile(ValueError):
    """The upload cannot be read as a list of people; str(error) says why and what to do, in Vietnamese."""


# Reading an upload.

def read_rows(data: bytes, filename: str, max_rows: int) -> list[list[object]]:
    """The first sheet (or the CSV) as rows of cell values; rows[0] is the spreadsheet's row 1."""
    if not data.strip():
        raise UnreadableFile(_("Tệp “%(name)s” trống: chưa có dữ liệu nào.", name=filename))
    rows = _xlsx_rows(data, filename) if _is_xlsx(data, filename) else _csv_rows(data, filename)
    return _within_limit(rows, max_rows)


def _is_xlsx(data: bytes, filename: str) -> bool:
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        _check_workbook_zip(data, filename)
        return True
    if data.startswith(OLE2_SIGNATURE):
        raise UnreadableFile(_("Tệp “%(name)s” là tệp Excel 97–2003 (.xls) hoặc tệp Excel có đặt mật khẩu. Hãy mở "
                               "bằng Excel, bỏ mật khẩu nếu có, rồi chọn Lưu thành → Excel Workbook (.xlsx).",
                               name=filename))
    if data.startswith(NOT_TEXT_SIGNATURES) or (
            b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))):
        raise _not_a_spreadsheet(filename)
    return False


def _not_a_spreadsheet(filename: str) -> UnreadableFile:
    return UnreadableFile(_("Tệp “%(name)s” không phải bảng tính. Hãy chọn tệp Excel (.xlsx) hoặc CSV, ví dụ điền "
                            "vào tệp mẫu.", name=filename))


def _check_workbook_zip(data: bytes, filename: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            is_ods = "mimetype" in names and archive.read("mimetype").startswith(ODS_MIMETYPE)
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise _damaged(filename) from error
    if is_ods:
        raise UnreadableFile(_("Tệp “%(name)s” là bảng tính LibreOffice (.ods). Hãy chọn Lưu thành → Excel 2007–365 "
                               "(.xlsx) rồi tải lên tệp đó.", name=filename))
    if not all(part in names for part in XLSX_PARTS):
        raise _not_a_spreadsheet(filename)
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableFile(_("Tệp “%(name)s” quá lớn để là một danh sách cán bộ.", name=filename))


def _damaged(filename: str) -> UnreadableFile:
    return UnreadableFile(_("Không đọc được tệp Excel “%(name)s”: tệp bị hỏng hoặc không phải .xlsx. Hãy mở lại bằng "
                            "Excel, Lưu thành .xlsx rồi thử lại.", name=filename))


def _xlsx_rows(data: bytes, filename: str) -> Iterator[list[object]]:
    # openpyxl reports a damaged workbook with whatever its zip and XML layers raise, so any failure means damaged.
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:
        raise _damaged(filename) from error
    try:
        sheet = workbook.worksheets[0]  # not the active sheet: a template saved on its guide sheet still imports
        sheet.reset_dimensions()  # some writers record a wrong sheet size, which read-only mode would trust
        for row in sheet.iter_rows(values_only=True):
            yield list(row)
    except Exception as error:
        raise _damaged(filename) from error
    finally:
        workbook.close()


def _csv_rows(data: bytes, filename: str) -> Iterator[list[object]]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UnreadableFile(_("Tệp “%(name)s” được lưu ở dạng Unicode Text (UTF-16). Trong Excel, hãy chọn Lưu "
                               "thành → CSV UTF-8 (Comma delimited), hoặc dùng tệp mẫu Excel.", name=filename))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UnreadableFile(_("Tệp CSV “%(name)s” không được lưu bằng mã UTF-8 (chữ lỗi ở dòng %(line)s), nên tiếng "
                               "Việt sẽ bị sai. Trong Excel, hãy chọn Lưu thành → CSV UTF-8 (Comma delimited), hoặc "
                               "dùng tệp mẫu Excel.", name=filename, line=line)) from error
    first = next((line for line in text.splitlines() if line.strip()), "")
    if text.lower().startswith("sep=") and len(first) == 5:  # Excel's own hint line, which Excel does not show
        text = text.split("\n", 1)[1] if "\n" in text else ""
        delimiter = first[4]
    else:
        delimiter = max(CSV_DELIMITERS, key=first.count)  # a Vietnamese-locale Excel writes ';'
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as error:
        raise UnreadableFile(_("Tệp CSV “%(name)s” sai định dạng gần dòng %(line)s (thường do một dấu ngoặc kép chưa "
                               "đóng).", name=filename, line=reader.line_num)) from error


def _within_limit(rows: Iterable[Sequence[object]], max_rows: int) -> list[list[object]]:
    """All rows, trailing empty cells dropped; stops reading as soon as the data rows pass the limit."""
    kept: list[list[object]] = []
    filled = 0
    for row in rows:
        cells = list(row)
        while cells and not cell_text(cells[-1]):
            cells.pop()
        kept.append(cells)
        if cells:
            filled += 1
            if filled > max_rows + 1:  # the header row is not a person
                raise UnreadableFile(_("Tệp có hơn %(max)s dòng dữ liệu; mỗi lần chỉ nhập được tối đa %(max)s "
                                       "người. Hãy chia thành nhiều tệp.", max=max_rows))
    if not filled:
        raise UnreadableFile(_("Tệp không có dữ liệu: mọi dòng đều trống."))
    return kept


# The template offered for download.

@dataclass(frozen=True)
class GuideRow:
    header: str
    required: bool
    how: str
    allowed: str


def column_guide(departments: Sequence[tuple[str, str]]) -> list[GuideRow]:
    """How to fill each column: shown on the import page and on the template's second sheet."""
    dept_list = "; ".join(f"{code} ({name})" for code, name in departments) or _("chưa có phòng nào")
    date_form = _("ngày/tháng/năm, ví dụ 05/01/2026")

    def up_to(key: str) -> str:
        return _("Tối đa %(max)s ký tự.", max=COLUMN_BY_KEY[key].max_length)

    how = {
        "code": (_("Để trống để thêm người mới: hệ thống tự cấp mã (CB01, CB02…). Ghi mã của một người đã có để "
                   "cập nhật người đó."),
                 _("Chữ không dấu, số và . _ -; tối đa %(max)s ký tự.", max=COLUMN_BY_KEY["code"].max_length)),
        "family_name": (_("Ví dụ: Nguyễn."), up_to("family_name")),
        "middle_name": (_("Ví dụ: Thị Minh. Để trống nếu không có."), up_to("middle_name")),
        "given_name": (_("Ví dụ: Mai. Danh sách xếp theo tên."), up_to("given_name")),
        "gender": ("", ", ".join(GENDER_WORDS.values())),
        "position": (_("Trưởng phòng và Phó trưởng phòng phải có Phòng."), ", ".join(POSITION_WORDS.values())),
        "department": (_("Mã hoặc tên của một phòng đã tạo ở trang Phòng. Để trống với Lãnh đạo Ban."), dept_list),
        "employed_from": (_("Ngày bắt đầu làm việc ở đơn vị."), date_form),
        "employed_to": (_("Để trống nếu người này còn đang làm việc."), date_form),
        "username": (_("Ghi để tạo tài khoản: mật khẩu tạm thời hiện một lần sau khi nhập. Để trống nếu người này "
                       "không cần đăng nhập."), _("3–60 ký tự: chữ thường không dấu, số và . _ -")),
    }
    return [GuideRow(column.header, column.required, *how[column.key]) for column in COLUMNS]


def example_row(departments: Sequence[tuple[str, str]]) -> list[str]:
    values = {**EXAMPLE, "department": departments[0][1] if departments else ""}
    return [values.get(column.key, "") for column in COLUMNS]


def template_csv(departments: Sequence[tuple[str, str]]) -> bytes:
    """UTF-8 with a byte-order mark: without it Excel opens the file as ANSI and garbles every Vietnamese letter."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([column.header for column in COLUMNS])
    writer.writerow(example_row(departments))
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8")


def template_xlsx(departments: Sequence[tuple[str, str]], max_rows: int) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Cán bộ")
    guide = workbook.create_sheet(_("Hướng dẫn"))
    lists = _write_guide(guide, departments)
    _write_people_sheet(sheet, departments, lists, max_rows)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="F3F2F1")
EXAMPLE_FONT = Font(italic=True, color="505A5F")
WRAP = Alignment(wrap_text=True, vertical="top")


def _write_people_sheet(sheet: Worksheet, departments: Sequence[tuple[str, str]], lists: dict[str, str],
                        max_rows: int) -> None:
    sheet.append([column.header for column in COLUMNS])
    sheet.append(example_row(departments))
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        # Text format keeps what is typed: 05/01/2026 stays 5 January whatever the computer's date settings,
        # and a code like 007 keeps its zeros.
        sheet.column_dimensions[letter].number_format = "@"
        sheet.column_dimensions[letter].width = max(12, len(column.header) + 4)
        sheet.cell(1, index).font = HEADER_FONT
        sheet.cell(1, index).fill = HEADER_FILL
        sheet.cell(2, index).font = EXAMPLE_FONT
        if column.key in lists:
            # A list to pick from, not a rule: other spellings (codes, no diacritics) import as well.
            choice = DataValidation(type="list", formula1=lists[column.key], allow_blank=True, showErrorMessage=False)
            sheet.add_data_validation(choice)
            choice.add(f"{letter}2:{letter}{max_rows + 1}")
    sheet.freeze_panes = "A2"


def _write_guide(guide: Worksheet, departments: Sequence[tuple[str, str]]) -> dict[str, str]:
    """The columns explained, then the lists the first sheet's drop-downs read; returns those lists' ranges."""
    guide.append([_("Hướng dẫn điền danh sách cán bộ")])
    guide["A1"].font = Font(bold=True, size=14)
    for note in _notes():
        guide.append([note])
    guide.append([])
    guide.append([_("Cột"), _("Bắt buộc"), _("Cách ghi"), _("Giá trị được phép")])
    _bold_row(guide)
    for row in column_guide(departments):
        guide.append([row.header, _("Bắt buộc") if row.required else "", row.how, row.allowed])
        for cell in guide[guide.max_row]:
            cell.alignment = WRAP
    guide.append([])
    guide.append([COLUMN_BY_KEY["gender"].header, COLUMN_BY_KEY["position"].header, COLUMN_BY_KEY["department"].header])
    _bold_row(guide)
    first = guide.max_row + 1
    values = {"gender": list(GENDER_WORDS.values()), "position": list(POSITION_WORDS.values()),
              "department": [name for _code, name in departments]}
    for offset in range(max(len(items) for items in values.values())):
        guide.append([items[offset] if offset < len(items) else None for items in values.values()])
    for width, letter in zip((18, 14, 60, 50), "ABCD", strict=True):
        guide.column_dimensions[letter].width = width
    title = guide.title.replace("'", "''")
    return {key: f"'{title}'!${letter}${first}:${letter}${first + len(items) - 1}"
            for letter, (key, items) in zip("ABC", values.items(), strict=True) if items}


def _notes() -> list[str]:
    return [
        _("Mỗi dòng ở trang Cán bộ là một người. Dòng 1 là tên cột: giữ nguyên; có thể bỏ các cột không bắt buộc."),
        _("Dòng 2 là ví dụ: hãy ghi đè hoặc xoá trước khi nhập."),
        _("Nếu có dòng sai, không ai được nhập: trang nhập liệt kê từng lỗi theo dòng và cột để sửa rồi tải lên lại."),
        _("Dòng có Mã của người đã có sẽ cập nhật người đó: các cột có trong tệp được ghi đè; tài khoản đã có "
          "được giữ."),
    ]


def _bold_row(sheet: Worksheet) -> None:
    for cell in sheet[sheet.max_row]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
