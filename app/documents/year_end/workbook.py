"""The year as an Excel workbook, the way units keep it: "Bảng tổng hợp" (people × the twelve months, score and level
in each cell, coloured by level as in the app; the year's score and level), "Danh hiệu" (each person and the unit
against each title, with the reasons) and "Sáng kiến" (the initiatives and research). Frozen headers, A4 landscape.

A month's cell holds the score as a number (sums and averages work) and shows the level beside it through the
cell's number format ("92,0 HTXS"); in a levels-only year it holds the level's abbreviation.

Cells take named styles (one per kind of cell, in the workbook's style list): styling cell by cell with font,
fill and border objects costs openpyxl a hash of each, too slow for a unit of two thousand."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.documents.year_end import words
from app.documents.year_end.blocks import iso_dmy
from app.documents.year_end.inputs import YearEndContext
from app.documents.year_end.year_data import MonthCell, PersonYear, YearData

SUMMARY, TITLES, INITIATIVES = "Bảng tổng hợp", "Danh hiệu", "Sáng kiến"
# The app's level colours (static/css/app.css, --level-*): four hues a colour-blind reader tells apart.
LEVEL_COLOURS = {"htxs": "009E73", "htt": "56B4E9", "ht": "E69F00", "kht": "D55E00"}
LEAVE_COLOUR, YES_COLOUR, HEADER_COLOUR = "E6E6E6", "D6F0E8", "F2F2F2"
FONT = "Times New Roman"
HEADER_ROW = 3  # row 1: the sheet's title, row 2: the unit; the header under them stays in view

# The named styles: name -> (bold, italic, size, centred, fill colour, bordered)
TITLE, NOTE, HEADER, TEXT, CENTRED, LEAVE, YES = ("TĐ Tiêu đề", "TĐ Ghi chú", "TĐ Đầu cột", "TĐ Ô chữ", "TĐ Ô giữa",
                                                 "TĐ Nghỉ", "TĐ Đủ điều kiện")
LEVEL_STYLES = {code: f"TĐ {words.LEVEL_SHORT[code]}" for code in LEVEL_COLOURS}
_STYLES = {
    TITLE: (True, False, 14, False, None, False),
    NOTE: (False, True, 11, False, None, False),
    HEADER: (True, False, 11, True, HEADER_COLOUR, True),
    TEXT: (False, False, 11, False, None, True),
    CENTRED: (False, False, 11, True, None, True),
    LEAVE: (False, True, 11, True, LEAVE_COLOUR, True),
    YES: (False, False, 11, True, YES_COLOUR, True),
    **{LEVEL_STYLES[code]: (False, False, 11, True, colour, True) for code, colour in LEVEL_COLOURS.items()},
}


def xlsx(doc: Mapping, assessment: Mapping, context: YearEndContext) -> bytes:
    return workbook(YearData.of(doc, assessment, context))


def workbook(data: YearData) -> bytes:
    book = Workbook()
    for name, look in _STYLES.items():
        book.add_named_style(_named_style(name, *look))
    _summary(book.active, data)
    _titles(book.create_sheet(TITLES), data)
    _initiatives(book.create_sheet(INITIATIVES), data)
    book.properties.title = f"Tổng hợp thi đua năm {data.year}"
    book.properties.creator = data.unit_name
    book.properties.language = "vi-VN"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _named_style(name: str, bold: bool, italic: bool, size: int, centred: bool, fill: str | None,
                 bordered: bool) -> NamedStyle:
    style = NamedStyle(name=name, font=Font(name=FONT, size=size, bold=bold, italic=italic))
    style.alignment = (Alignment(horizontal="center", vertical="center", wrap_text=True) if centred
                       else Alignment(vertical="top", wrap_text=bordered))
    if fill:
        style.fill = PatternFill("solid", start_color=fill, end_color=fill)
    if bordered:
        thin = Side(style="thin", color="808080")
        style.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    return style


class _Sheet:
    """A sheet filled row by row: title (row 1), the unit (row 2), the header (row 3), then the rows. The header
    and the first `frozen` columns stay in view; the header repeats on every printed page, A4 landscape."""

    def __init__(self, sheet: Worksheet, title: str, heading: str, data: YearData, header: tuple[str, ...],
                 widths: tuple[int, ...], frozen: int) -> None:
        self.sheet, self.width = sheet, len(header)
        sheet.title = title[:31]
        sheet.cell(1, 1, f"{heading} NĂM {data.year}").style = TITLE
        sheet.cell(2, 1, data.unit_name + (f" — {data.book.name}" if data.book else "")).style = NOTE
        for column, (text, width) in enumerate(zip(header, widths, strict=True), 1):
            sheet.column_dimensions[get_column_letter(column)].width = width
            sheet.cell(HEADER_ROW, column, text).style = HEADER
        self.row = HEADER_ROW
        sheet.freeze_panes = f"{get_column_letter(frozen + 1)}{HEADER_ROW + 1}"
        sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        setup = sheet.page_setup
        setup.paperSize, setup.orientation = sheet.PAPERSIZE_A4, sheet.ORIENTATION_LANDSCAPE
        setup.fitToWidth, setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_options.horizontalCentered = True
        sheet.page_margins.left = sheet.page_margins.right = 0.4
        sheet.page_margins.top = sheet.page_margins.bottom = 0.6
        sheet.oddFooter.center.text = "Trang &P/&N"

    def add(self, values: tuple, styles: tuple[str, ...]) -> int:
        """A row of the table; `styles` names each cell's style. Returns the row's number."""
        self.row += 1
        for column, (value, style) in enumerate(zip(values, styles, strict=True), 1):
            self.sheet.cell(self.row, column, value).style = style
        return self.row

    def note(self, text: str) -> None:
        self.row += 2
        self.sheet.cell(self.row, 1, text).style = NOTE

    def finish(self, last_row: int) -> None:
        """Filters on the header; the printed area down to the last note."""
        end = get_column_letter(self.width)
        self.sheet.auto_filter.ref = f"A{HEADER_ROW}:{end}{last_row}"
        self.sheet.print_area = f"A1:{end}{self.row}"


def _summary(sheet: Worksheet, data: YearData) -> None:
    header = ("TT", "Mã", "Họ và tên", "Phòng", "Chức vụ", *(f"Tháng {month}" for month in range(1, 13)),
              "Số tháng làm việc", "Điểm năm", "Xếp loại năm", "Ghi chú")
    table = _Sheet(sheet, SUMMARY, "BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI", data, header,
                   (5, 8, 24, 22, 15, *(11,) * 12, 9, 8, 9, 34), frozen=3)
    for number, person in enumerate(data.people, 1):
        months = [_month_cell(month, data.scored) for month in person.months]
        score = float(person.annual_score) if data.scored and person.annual_score is not None else None
        row = table.add(
            (number, person.code, person.full_name, person.department_name, person.position_name,
             *(value for value, _style, _format in months), person.months_worked, score,
             words.LEVEL_SHORT.get(person.level or "", ""), _note(person)),
            (CENTRED, TEXT, TEXT, TEXT, TEXT, *(style for _value, style, _format in months), CENTRED, CENTRED,
             LEVEL_STYLES.get(person.level or "", CENTRED), TEXT))
        for column, (_value, _style, number_format) in enumerate(months, 6):
            if number_format:
                sheet.cell(row, column).number_format = number_format
        if score is not None:
            sheet.cell(row, 19).number_format = "0.0"
    last = table.row
    table.note(f"Ký hiệu: {words.LEVEL_LEGEND}; Nghỉ TS: nghỉ thai sản; Chưa ĐG: chưa đánh giá; "
               "—: chưa công tác tại đơn vị.")
    table.finish(last)


def _month_cell(month: MonthCell, scored: bool) -> tuple[object, str, str]:
    """(value, style, number format) of one month: the score shown with the level, or what the month was."""
    if month.state == "reviewed":
        short = words.LEVEL_SHORT.get(month.level or "", "")
        style = LEVEL_STYLES.get(month.level or "", CENTRED)
        if scored and month.score is not None:
            return float(month.score), style, f'0.0" {short}"' if short else "0.0"
        return short, style, ""
    return month.level_text, LEAVE if month.state == "leave" else CENTRED, ""


def _note(person: PersonYear) -> str:
    notes = []
    if not person.rated:
        notes.append(f"Không đủ thời gian làm việc để xếp loại ({person.months_worked} tháng)")
    elif person.decided_level and person.decided_level != person.computed_level:
        computed = words.LEVEL_SHORT.get(person.computed_level or "", "—")
        notes.append(f"Lãnh đạo quyết định: {words.LEVELS[person.decided_level]} (theo điểm: {computed})")
    for item in person.discipline:
        notes.append(f"Kỷ luật {words.DISCIPLINE_FORMS.get(item.get('form', ''), '').lower()} "
                     f"{iso_dmy(item.get('decided_on'))}")
    for item in person.pending:
        notes.append(words.sentence(words.PENDING_KINDS.get(item.get("kind", ""), "")))
    return "; ".join(notes)


def _titles(sheet: Worksheet, data: YearData) -> None:
    header = ("TT", "Mã", "Họ và tên", "Phòng", "Xếp loại năm", "Danh hiệu, hình thức", "Đủ điều kiện", "Đề nghị",
              "Lý do")
    table = _Sheet(sheet, TITLES, "DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG: ĐIỀU KIỆN VÀ ĐỀ NGHỊ", data, header,
                   (5, 8, 24, 22, 9, 30, 9, 9, 90), frozen=3)
    number = 0
    for person in data.people:
        level = words.LEVEL_SHORT.get(person.level or "", "")
        for check in person.titles:
            number += 1
            _title_row(table, (number, person.code, person.full_name, person.department_name, level), check,
                       check.code in person.decided)
    for check in data.unit_titles:
        number += 1
        _title_row(table, (number, "", data.unit_name, "Tập thể", ""), check, check.code in data.unit_decided)
    table.finish(table.row)


def _title_row(table: _Sheet, who: tuple, check, proposed: bool) -> None:
    table.add((*who, check.name, "Có" if check.eligible else "Không", "Có" if proposed else "",
               "\n".join(check.reasons)),
              (CENTRED, TEXT, TEXT, TEXT, CENTRED, TEXT, YES if check.eligible else CENTRED, CENTRED, TEXT))


def _initiatives(sheet: Worksheet, data: YearData) -> None:
    header = ("TT", "Loại", "Tên sáng kiến, giải pháp, đề tài", "Tác giả", "Tình trạng", "Cấp công nhận",
              "Số quyết định", "Ngày công nhận, nghiệm thu", f"Tính cho năm {data.year}")
    table = _Sheet(sheet, INITIATIVES, "SÁNG KIẾN, GIẢI PHÁP, ĐỀ TÀI KHOA HỌC", data, header,
                   (5, 14, 50, 28, 15, 15, 18, 14, 12), frozen=2)
    styles = (CENTRED, TEXT, TEXT, TEXT, CENTRED, CENTRED, TEXT, CENTRED, CENTRED)
    rows = []
    for item in data.initiatives:
        recognised = item.get("status") == "recognised"
        rows.append(("Sáng kiến", item, words.INITIATIVE_STATUS.get(item.get("status", ""), ""),
                     words.INITIATIVE_LEVELS.get(item.get("level", ""), "") if recognised else "",
                     item.get("decision") or "", item.get("decided_on"), recognised and data.in_year(item)))
    for item in data.research:
        rows.append(("Đề tài, đề án khoa học", item, "Đã nghiệm thu" if item.get("accepted_on") else "", "", "",
                     item.get("accepted_on"), data.in_year(item, "accepted_on")))
    for number, (kind, item, status, level, decision, day, counts) in enumerate(rows, 1):
        row = table.add((number, kind, item["title"], data.author_names(item.get("authors", ())), status, level,
                         decision, date.fromisoformat(day) if day else None, "Có" if counts else ""), styles)
        sheet.cell(row, 8).number_format = "DD/MM/YYYY"
    if not rows:
        table.note("Chưa có sáng kiến, đề tài nào trong năm.")
    table.finish(table.row)
