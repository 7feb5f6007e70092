"""Each person's báo cáo thành tích (Nghị định 152/2025, Mẫu 05): I. sơ lược lý lịch, II. thành tích đạt được
(the twelve months' scores and levels, the annual level, initiatives), III. the awards already received; the
proposal in the title; the head of the unit confirms, the person signs.

What the year file does not hold (date of birth, home town, qualifications) is left as dots for the person to fill
in, as on the printed form."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from app.documents.docx_writer import to_docx, to_docx_many
from app.documents.official import OfficialDocument, Paragraph, Signature, Table
from app.documents.year_end import words
from app.documents.year_end.blocks import (
    heading,
    history_tables,
    initiative_line,
    iso_dmy,
    line,
    none_line,
    proposal,
    proposal_title,
)
from app.documents.year_end.inputs import YearEndContext
from app.documents.year_end.year_data import PersonYear, YearData
from app.domain.dates import format_dmy

SEAL = "(Ký, đóng dấu)"


def document(doc: Mapping, assessment: Mapping, context: YearEndContext, person: str) -> OfficialDocument:
    """The report of the person whose code is `person` (KeyError if the year file has no such person)."""
    data = YearData.of(doc, assessment, context)
    return person_report(data, data.by_code[person])


def docx(doc: Mapping, assessment: Mapping, context: YearEndContext, person: str) -> bytes:
    return to_docx(document(doc, assessment, context, person))


def documents(doc: Mapping, assessment: Mapping, context: YearEndContext,
              people: Iterable[str] | None = None) -> tuple[OfficialDocument, ...]:
    """Every person's report in the official order (or those of `people`, still in that order)."""
    data = YearData.of(doc, assessment, context)
    return all_reports(data, people)


def all_docx(doc: Mapping, assessment: Mapping, context: YearEndContext, people: Iterable[str] | None = None) -> bytes:
    """Every person's report in one file, each starting on a new page."""
    data = YearData.of(doc, assessment, context)
    return to_docx_many(all_reports(data, people), title=f"Báo cáo thành tích cá nhân năm {data.year}")


def all_reports(data: YearData, people: Iterable[str] | None = None) -> tuple[OfficialDocument, ...]:
    chosen = None if people is None else set(people)
    return tuple(person_report(data, person) for person in data.people if chosen is None or person.code in chosen)


def person_report(data: YearData, person: PersonYear) -> OfficialDocument:
    body = (
        heading("I. SƠ LƯỢC LÝ LỊCH"),
        line("- Họ và tên: ", person.full_name),
        line("- Giới tính: ", person.gender_name),
        line("- Sinh ngày, tháng, năm: "),
        line("- Quê quán: "),
        line("- Trú quán: "),
        line("- Đơn vị công tác: ", ", ".join(part for part in (person.department_name, data.unit_name) if part)),
        line("- Chức vụ: ", person.position_name),
        line("- Công tác tại đơn vị từ: ", format_dmy(person.employed_from)),
        line("- Trình độ chuyên môn, nghiệp vụ: "),
        line("- Học hàm, học vị, danh hiệu, giải thưởng: "),
        heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"),
        heading("1. Quyền hạn, nhiệm vụ được giao"),
        Paragraph(f"{person.position_name}"
                  + (f", {person.department_name}" if person.department_name else "") + ".", indent=True),
        Paragraph("(Cá nhân ghi tóm tắt nhiệm vụ được giao.)", italic=True, indent=True),
        heading(f"2. Kết quả đánh giá, xếp loại hằng tháng năm {data.year}"),
        _months_table(data, person),
        Paragraph(f"({words.LEVEL_LEGEND}; Nghỉ TS: nghỉ thai sản; Chưa ĐG: chưa đánh giá.)", italic=True,
                  align="left"),
        heading(f"3. Kết quả xếp loại năm {data.year}"),
        *_annual(data, person),
        heading("4. Sáng kiến, giải pháp, đề tài khoa học"),
        *_initiatives(person),
        heading("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"),
        *history_tables(person.history, data.person_title_name),
        *_proposal(data, person),
    )
    context = data.context
    return OfficialDocument(
        letterhead=data.letterhead(),
        title=proposal_title(person.decided, data.person_title_name, data.year),
        body=body,
        signatures=(Signature("THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ", context.signer_name, note=SEAL),
                    Signature("NGƯỜI BÁO CÁO THÀNH TÍCH", person.full_name)),
    )


def _months_table(data: YearData, person: PersonYear) -> Table:
    """Months 1–6 on the left, 7–12 on the right: the twelve months on six lines."""
    rows = []
    for left, right in zip(person.months[:6], person.months[6:], strict=True):
        if data.scored:
            rows.append((str(left.month), left.score_text, left.level_text,
                         str(right.month), right.score_text, right.level_text))
        else:
            rows.append((str(left.month), left.level_text, str(right.month), right.level_text))
    if data.scored:
        return Table(header=("Tháng", "Điểm", "Xếp loại") * 2, rows=tuple(rows), widths_mm=(18, 26, 38, 18, 26, 39),
                     centred=(0, 1, 2, 3, 4, 5))
    return Table(header=("Tháng", "Xếp loại") * 2, rows=tuple(rows), widths_mm=(25, 57, 25, 58),
                 centred=(0, 1, 2, 3))


def _annual(data: YearData, person: PersonYear) -> tuple[Paragraph, ...]:
    worked = person.months_worked
    maternity = sum(cell.leave == "maternity" for cell in person.months)
    worked_text = f"Số tháng làm việc trong năm: {worked}"
    worked_text += f" (kể cả {maternity} tháng nghỉ thai sản)." if maternity else "."
    blocks = [Paragraph(worked_text, indent=True)]
    if not person.rated:
        blocks.append(Paragraph(f"Không được xếp loại năm {data.year} do thời gian làm việc trong năm chưa đủ "
                                "theo quy định.", indent=True))
        return tuple(blocks)
    if data.scored and person.annual_score is not None:
        score = f"Điểm bình quân năm: {words.number(person.annual_score)} điểm"
        if not person.discipline:  # the computed level of someone disciplined is kht whatever the score
            score += f"; mức xếp loại theo điểm: {words.LEVELS.get(person.computed_level or '', '')}"
        blocks.append(Paragraph(score + ".", indent=True))
    if person.decided_level and person.decided_level != person.computed_level:
        blocks.append(Paragraph(f"Mức xếp loại do lãnh đạo đơn vị quyết định: "
                                f"{words.LEVELS.get(person.decided_level, '')}.", indent=True))
    for item in person.discipline:
        form = words.DISCIPLINE_FORMS.get(item.get("form", ""), item.get("form", ""))
        until = f", thời hạn đến {iso_dmy(item['ends_on'])}" if item.get("ends_on") else ""
        blocks.append(Paragraph(f"Bị kỷ luật {form.lower()} theo quyết định ngày {iso_dmy(item.get('decided_on'))}"
                                f"{until}: người bị kỷ luật trong năm xếp loại Không hoàn thành nhiệm vụ.",
                                indent=True))
    for item in person.pending:
        blocks.append(Paragraph(f"Đang có vụ việc: {words.PENDING_KINDS.get(item.get('kind', ''), '')}.",
                                indent=True))
    level = person.level_name or "chưa có mức xếp loại"
    blocks.append(Paragraph(level, label=f"Xếp loại năm {data.year}: ", indent=True))
    return tuple(blocks)


def _initiatives(person: PersonYear) -> tuple[Paragraph, ...]:
    lines = [Paragraph(f"- {initiative_line(item)}.", indent=True) for item in person.initiatives]
    lines += [Paragraph(f"- Đề tài “{item['title']}”: nghiệm thu ngày {iso_dmy(item.get('accepted_on'))}.",
                        indent=True) for item in person.research]
    return tuple(lines) or (none_line(),)


def _proposal(data: YearData, person: PersonYear) -> tuple[Paragraph, ...]:
    if not person.decided:
        return ()
    asked = proposal(person.decided, data.person_title_name)
    return (Paragraph(f"Căn cứ thành tích đạt được, đề nghị cấp có thẩm quyền xem xét, tặng {asked} năm {data.year} "
                      f"cho {person.full_name}.", indent=True),)
