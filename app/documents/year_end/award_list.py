"""The danh sách đề nghị khen thưởng: everyone proposed, grouped by title in the law's order (the titles of
persons from the highest, the unit's, then Bằng khen and Giấy khen), with the article each title rests on — the
rulebook's source for the title (the full reasons, with every setting they apply, are in the eligibility sheet and
on the screens; in this column they would run to a page per person), else the articles the reasons cite. It goes
with the unit's tờ trình."""

from __future__ import annotations

from collections.abc import Mapping

from app.documents.docx_writer import to_docx
from app.documents.official import GroupRow, OfficialDocument, Paragraph, Signature, Table
from app.documents.year_end import words
from app.documents.year_end.blocks import citations
from app.documents.year_end.inputs import YearEndContext
from app.documents.year_end.year_data import YearData
from app.domain.dates import format_dmy

HEADER = ("TT", "Họ và tên", "Chức vụ", "Đơn vị, phòng", "Danh hiệu, hình thức đề nghị", "Căn cứ")
WIDTHS = (11, 36, 25, 29, 30, 34)


def document(doc: Mapping, assessment: Mapping, context: YearEndContext) -> OfficialDocument:
    return award_list(YearData.of(doc, assessment, context))


def docx(doc: Mapping, assessment: Mapping, context: YearEndContext) -> bytes:
    return to_docx(document(doc, assessment, context))


def groups(data: YearData) -> list[tuple[str, str, list[tuple[str, ...]]]]:
    """(kind, title code, rows) in the law's order; a row is (name, position, department, title, basis)."""
    found = []
    for kind, code in words.LAW_ORDER + _other_titles(data):
        if kind == "person":
            name = data.person_title_name(code)
            rows = []
            for person in data.people:
                if code not in person.decided:
                    continue
                check = person.title(code)
                basis = data.title_source("person", code) or citations(check.reasons if check else ())
                rows.append((person.full_name, person.position_name, person.department_name, name, basis))
        else:
            if code not in data.unit_decided:
                continue
            name = data.unit_title_name(code)
            check = next((check for check in data.unit_titles if check.code == code), None)
            basis = data.title_source("unit", code) or citations(check.reasons if check else ())
            rows = [(data.unit_name, "", "Tập thể", name, basis)]
        if rows:
            found.append((kind, code, rows))
    return found


def _other_titles(data: YearData) -> tuple[tuple[str, str], ...]:
    """Titles a rulebook adds that the law's order above does not know: after the others, in the rulebook's order."""
    known = set(words.LAW_ORDER)
    extra = [("person", code) for person in data.people for code in person.decided]
    extra += [("unit", code) for code in data.unit_decided]
    return tuple(entry for entry in dict.fromkeys(extra) if entry not in known)


def award_list(data: YearData) -> OfficialDocument:
    context = data.context
    rows: list[tuple[str, ...] | GroupRow] = []
    people, units = set(), 0
    found = groups(data)
    for number, (kind, code, entries) in enumerate(found):
        name = data.person_title_name(code) if kind == "person" else data.unit_title_name(code)
        count = f"{len(entries)} người" if kind == "person" else "tập thể"
        roman = words.ROMAN[number] if number < len(words.ROMAN) else str(number + 1)
        rows.append(GroupRow(f"{roman}. {words.sentence(words.title_phrase(code, name))} ({count})"))
        rows += [(str(row_number), *entry) for row_number, entry in enumerate(entries, 1)]
        if kind == "person":
            people.update(entry[0] for entry in entries)
        else:
            units += 1
    proposals = sum(len(entries) for kind, _, entries in found if kind == "person")
    summary = (f"Tổng số: {proposals} lượt đề nghị cho {len(people)} cá nhân"
               + (f"; {units} lượt đề nghị cho tập thể." if units else "."))
    body: tuple[Paragraph | Table, ...] = (
        (Table(header=HEADER, rows=tuple(rows), widths_mm=WIDTHS, centred=(0,), repeat_header=True, font_pt=12),
         Paragraph(summary, indent=True))
        if rows else (Paragraph("Không có cá nhân, tập thể nào được đề nghị.", italic=True, indent=True),)
    )
    submission = context.number(context.submission_number, "TTr")
    return OfficialDocument(
        letterhead=data.letterhead(),
        title=("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", f"NĂM {data.year}"),
        subtitle=f"(Kèm theo Tờ trình số {submission} ngày {format_dmy(context.signed_on)} của {data.unit_name})",
        body=body,
        signatures=(Signature(context.signer_position.upper(), context.signer_name, note="(Ký, đóng dấu)"),),
    )
