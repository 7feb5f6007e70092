"""The unit's báo cáo thành tích for the year (the collective's report, Nghị định 152/2025 Mẫu 04 headings):
I. the unit and its staff, II. the year's results (monthly reviews, annual levels, initiatives, titles proposed for
people), III. the awards already received; the proposal in the title and the closing paragraph."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from decimal import Decimal

from app.documents.docx_writer import to_docx
from app.documents.official import OfficialDocument, Paragraph, Signature, Table
from app.documents.year_end import words
from app.documents.year_end.blocks import (
    heading,
    history_tables,
    initiative_line,
    iso_dmy,
    none_line,
    proposal,
    proposal_title,
    text_lines,
)
from app.documents.year_end.inputs import YearEndContext
from app.documents.year_end.year_data import MONTHS, YearData
from app.domain.org import BOARD_LEADER_POSITIONS, DEPARTMENT_LEADER_POSITIONS

LEADERS = BOARD_LEADER_POSITIONS | DEPARTMENT_LEADER_POSITIONS
SEAL = "(Ký, đóng dấu)"


def document(doc: Mapping, assessment: Mapping, context: YearEndContext) -> OfficialDocument:
    return unit_report(YearData.of(doc, assessment, context))


def docx(doc: Mapping, assessment: Mapping, context: YearEndContext) -> bytes:
    return to_docx(document(doc, assessment, context))


def unit_report(data: YearData) -> OfficialDocument:
    context = data.context
    body = (
        Paragraph(data.unit_name, label="Tên tập thể: "),
        Paragraph(data.superior, label="Cơ quan cấp trên trực tiếp: ") if data.superior else None,
        heading("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"),
        heading("1. Đặc điểm, tình hình"),
        *_staff(data),
        heading("2. Chức năng, nhiệm vụ"),
        *text_lines(context.unit_functions, "(Đơn vị ghi chức năng, nhiệm vụ được giao.)"),
        heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"),
        *_monthly_reviews(data),
        *_annual_levels(data),
        *_initiatives(data),
        *_people_titles(data),
        heading("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"),
        *history_tables(data.unit_history, data.unit_title_name),
        *_closing(data),
    )
    return OfficialDocument(
        letterhead=data.letterhead(context.number(context.report_number, "BC")),
        title=proposal_title(data.unit_decided, data.unit_title_name, data.year),
        body=tuple(block for block in body if block is not None),
        signatures=(Signature("XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG", note=SEAL),
                    Signature(context.signer_position.upper(), context.signer_name, note=SEAL)),
    )


def _staff(data: YearData) -> tuple[Paragraph | Table, ...]:
    people = data.people
    women = sum(person.gender == "female" for person in people)
    year_end = f"{data.year}-12-31"
    staying = sum(person.employed_to is None or person.employed_to.isoformat() >= year_end for person in people)
    joined = sum(bool(person.employed_from and person.employed_from.year == data.year) for person in people)
    summary = (f"Tổng số cán bộ, công chức, người lao động trong năm {data.year}: {len(people)} người "
               f"(nữ: {women} người, chiếm {words.percent(women, len(people))}%); đến ngày 31/12/{data.year} "
               f"có {staying} người")
    summary += f"; trong năm tiếp nhận {joined} người." if joined else "."
    positions = Counter(person.position for person in people)
    by_position = "; ".join(f"{name}: {positions[code]}" for code, name in words.POSITIONS.items() if positions[code])
    rows = []
    for number, (code, name) in enumerate(data.departments.items(), 1):
        members = [person for person in people if person.department == code]
        rows.append(_structure_row(str(number), name, members))
    outside = [person for person in people if person.department not in data.departments]
    if outside:
        rows.append(_structure_row(str(len(rows) + 1), "Lãnh đạo Ban và chưa xếp phòng", outside))
    rows.append(_structure_row("", "Tổng cộng", list(people)))
    return (
        Paragraph(summary, indent=True),
        Paragraph(f"Cơ cấu theo chức vụ: {by_position}." if by_position else "", indent=True),
        Paragraph("Cơ cấu theo phòng:", indent=True, keep_with_next=True),
        Table(header=("TT", "Phòng", "Số người", "Nữ", "Lãnh đạo", "Chuyên viên, nhân viên"), rows=tuple(rows),
              widths_mm=(12, 61, 22, 20, 25, 25), centred=(0, 2, 3, 4, 5)),
    )


def _structure_row(number: str, name: str, members: list) -> tuple[str, ...]:
    leaders = sum(person.position in LEADERS for person in members)
    women = sum(person.gender == "female" for person in members)
    return (number, name, str(len(members)), str(women), str(leaders), str(len(members) - leaders))


def _monthly_reviews(data: YearData) -> tuple[Paragraph | Table, ...]:
    counts = {month: Counter() for month in MONTHS}
    for person in data.people:
        for cell in person.months:
            key = cell.level if cell.state == "reviewed" else cell.state
            counts[cell.month][key] += 1
    done = sum(sum(counts[m][level] for level in words.LEVELS) for m in MONTHS)
    leave = sum(counts[m]["leave"] for m in MONTHS)
    missing = sum(counts[m]["missing"] for m in MONTHS)
    basis = f" theo {data.book.source}" if data.book else ""
    text = (f"Đơn vị tổ chức đánh giá, nhận xét, xếp loại hằng tháng đối với cán bộ, công chức{basis}: "
            f"đã đánh giá {done} lượt (người × tháng); {leave} lượt nghỉ (thai sản, ốm, việc riêng) không đánh giá")
    text += f"; còn {missing} lượt chưa đánh giá." if missing else "; không còn tháng nào chưa đánh giá."
    rows = tuple((f"Tháng {month}", *(str(counts[month][level]) for level in words.LEVELS),
                  str(counts[month]["leave"]), str(counts[month]["missing"])) for month in MONTHS)
    return (
        heading("1. Kết quả đánh giá, xếp loại hằng tháng"),
        Paragraph(text, indent=True),
        Table(header=("Tháng", *words.LEVEL_SHORT.values(), "Nghỉ", "Chưa ĐG"), rows=rows,
              widths_mm=(27, 23, 23, 23, 23, 23, 23), centred=(1, 2, 3, 4, 5, 6), font_pt=12,
              repeat_header=True),
        Paragraph(f"({words.LEVEL_LEGEND}; Chưa ĐG: chưa đánh giá.)", italic=True, align="left"),
    )


def _annual_levels(data: YearData) -> tuple[Paragraph | Table, ...]:
    rated = [person for person in data.people if person.rated]
    levels = Counter(person.level for person in rated)
    rows = [(name, str(levels[code]), words.percent(levels[code], len(rated))) for code, name in words.LEVELS.items()]
    unlevelled = sum(person.level is None for person in rated)
    if unlevelled:
        rows.append(("Chưa có mức xếp loại", str(unlevelled), words.percent(unlevelled, len(rated))))
    not_rated = len(data.people) - len(rated)
    text = f"Số người được xếp loại năm {data.year}: {len(rated)}/{len(data.people)} người"
    text += (f" ({not_rated} người không đủ thời gian làm việc trong năm để xếp loại)." if not_rated else ".")
    blocks: list[Paragraph | Table] = [
        heading(f"2. Kết quả xếp loại năm {data.year}"),
        Paragraph(text, indent=True),
        Table(header=("Mức xếp loại", "Số người", "Tỷ lệ (%)"), rows=tuple(rows), widths_mm=(95, 35, 35),
              centred=(1, 2)),
    ]
    scores = [person.annual_score for person in rated if person.annual_score is not None]
    if data.scored and scores:
        mean = sum(scores, Decimal(0)) / len(scores)
        blocks.append(Paragraph(f"Điểm bình quân năm của cán bộ, công chức trong đơn vị: {words.number(mean)} điểm.",
                                indent=True))
    if data.quota:
        decided = sum(person.decided_level is not None for person in rated)
        quota = (f"Tỷ lệ Hoàn thành xuất sắc nhiệm vụ: tối đa {data.quota.get('htxs_max', 0)} người theo quy định; "
                 f"{data.quota.get('htxs_count', 0)} người đạt mức này theo kết quả chấm điểm")
        quota += f"; lãnh đạo đã quyết định mức xếp loại của {decided} người." if decided else "."
        blocks.append(Paragraph(quota, indent=True))
    disciplined = [person for person in data.people if person.discipline]
    if disciplined:
        forms = "; ".join(f"{person.full_name} ({words.DISCIPLINE_FORMS.get(item['form'], item['form']).lower()}, "
                          f"quyết định ngày {iso_dmy(item.get('decided_on'))})"
                          for person in disciplined for item in person.discipline)
        blocks.append(Paragraph(f"Số người bị kỷ luật trong năm: {len(disciplined)} — {forms}.", indent=True))
    else:
        blocks.append(Paragraph("Trong năm không có cán bộ, công chức bị kỷ luật.", indent=True))
    return tuple(blocks)


def _initiatives(data: YearData) -> tuple[Paragraph | Table, ...]:
    recognised = [item for item in data.initiatives if item.get("status") == "recognised" and data.in_year(item)]
    research = [item for item in data.research if data.in_year(item, "accepted_on")]
    waiting = sum(item.get("status") in ("registered", "submitted") for item in data.initiatives)
    text = (f"Trong năm có {len(recognised)} sáng kiến, giải pháp được công nhận và {len(research)} đề tài, đề án "
            "khoa học được nghiệm thu")
    text += f"; {waiting} sáng kiến đang thực hiện hoặc chờ công nhận." if waiting else "."
    blocks: list[Paragraph | Table] = [heading("3. Sáng kiến, giải pháp, đề tài khoa học"), Paragraph(text, indent=True)]
    rows = [(data.author_names(item.get("authors", ())), initiative_line(item)) for item in recognised]
    rows += [(data.author_names(item.get("authors", ())),
              f"Đề tài “{item['title']}”: nghiệm thu ngày {iso_dmy(item.get('accepted_on'))}") for item in research]
    if rows:
        blocks.append(Table(header=("TT", "Tác giả", "Sáng kiến, đề tài; cấp và quyết định công nhận"),
                            rows=tuple((str(number), *row) for number, row in enumerate(rows, 1)),
                            widths_mm=(12, 45, 108), repeat_header=True))
    return tuple(blocks)


def _people_titles(data: YearData) -> tuple[Paragraph, ...]:
    counts = Counter(code for person in data.people for code in person.decided)
    lines = [f"{words.sentence(words.title_phrase(code, data.person_title_name(code)))}: {counts[code]} người"
             for kind, code in words.LAW_ORDER if kind == "person" and counts[code]]
    blocks = [heading("4. Danh hiệu thi đua, hình thức khen thưởng đề nghị cho cá nhân")]
    blocks += [Paragraph(f"- {text};" if number < len(lines) else f"- {text}.", indent=True)
               for number, text in enumerate(lines, 1)]
    return tuple(blocks) if lines else (*blocks, none_line("Không đề nghị."))


def _closing(data: YearData) -> tuple[Paragraph, ...]:
    if not data.unit_decided:
        return ()
    asked = proposal(data.unit_decided, data.unit_title_name)
    return (Paragraph(f"Căn cứ thành tích đạt được, {data.unit_name} kính đề nghị cấp có thẩm quyền xem xét, "
                      f"tặng {asked} năm {data.year}.", indent=True),)
