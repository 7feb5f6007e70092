"""The emulation registration sheet (bản đăng ký thi đua) of a person and of the unit: plain values in, a document
description out (for the print view), DOCX bytes out (for the download)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from app.documents.docx_writer import to_docx
from app.documents.official import Letterhead, OfficialDocument, Paragraph, Signature, Table

LEGAL_BASIS = "Căn cứ Luật Thi đua, khen thưởng năm 2022 và kế hoạch phát động phong trào thi đua năm {year}"


@dataclass(frozen=True)
class PersonRegistrationValues:
    """Everything the sheet shows, already in Vietnamese (labels resolved by the caller)."""

    year: int
    full_name: str
    position: str
    department: str  # empty for the board's leaders
    title: str  # the law's name of the title, quotes included
    initiative_plan: str
    study_commitment: str
    approved: bool
    state: str  # the state's name, printed on a sheet not yet approved
    approver: str = ""  # who approved it, when approved


@dataclass(frozen=True)
class RegisteredPerson:
    full_name: str
    position: str
    title: str


@dataclass(frozen=True)
class UnitRegistrationValues:
    year: int
    title: str
    plan: str
    approved: bool
    state: str
    signer_title: str  # "Trưởng ban": the head of the unit signs the unit's registration
    signer: str = ""
    people: tuple[RegisteredPerson, ...] = ()  # the approved individual registrations, in official order


def _lines(text: str, empty: str) -> tuple[Paragraph, ...]:
    lines = [line for line in text.splitlines() if line.strip()]
    return tuple(Paragraph(line, indent=True) for line in lines) or (Paragraph(empty, italic=True, indent=True),)


def _draft_note(approved: bool, state: str) -> str:
    return "" if approved else f"(Bản chưa được duyệt — {state})"


def person_document(letterhead: Letterhead, values: PersonRegistrationValues) -> OfficialDocument:
    workplace = ", ".join(part for part in (values.department, letterhead.unit_name) if part)
    body = (
        Paragraph(values.full_name, label="Họ và tên: "),
        Paragraph(values.position, label="Chức vụ: "),
        Paragraph(workplace, label="Đơn vị công tác: "),
        Paragraph(LEGAL_BASIS.format(year=values.year) + f" của đơn vị, tôi đăng ký thi đua năm {values.year} "
                  "như sau:", indent=True),
        Paragraph(values.title, label="1. Danh hiệu thi đua đăng ký: "),
        Paragraph(label="2. Sáng kiến, giải pháp mới dự kiến thực hiện:"),
        *_lines(values.initiative_plan, "Không đăng ký."),
        Paragraph(label="3. Cam kết học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh:"),
        *_lines(values.study_commitment, "Chưa ghi."),
        Paragraph("Tôi xin cam kết thực hiện tốt các nội dung đã đăng ký.", indent=True),
    )
    return OfficialDocument(
        letterhead=letterhead, title=(f"BẢN ĐĂNG KÝ THI ĐUA NĂM {values.year}",),
        subtitle=_draft_note(values.approved, values.state), body=body,
        signatures=(Signature("NGƯỜI DUYỆT", values.approver), Signature("NGƯỜI ĐĂNG KÝ", values.full_name)),
    )


def _people_summary(people: tuple[RegisteredPerson, ...]) -> str:
    by_title = Counter(person.title for person in people)
    parts = "; ".join(f"{title}: {count}" for title, count in by_title.most_common())
    return f"Tổng số: {len(people)} người ({parts})." if people else "Chưa có cá nhân nào được duyệt đăng ký."


def unit_document(letterhead: Letterhead, values: UnitRegistrationValues) -> OfficialDocument:
    people_table = Table(
        header=("STT", "Họ và tên", "Chức vụ", "Danh hiệu đăng ký"),
        rows=tuple((str(number), p.full_name, p.position, p.title) for number, p in enumerate(values.people, 1)),
        widths_mm=(15, 55, 40, 55),
    )
    body = (
        Paragraph(letterhead.unit_name, label="Tập thể: "),
        Paragraph(LEGAL_BASIS.format(year=values.year) + f", {letterhead.unit_name} đăng ký thi đua năm "
                  f"{values.year} như sau:", indent=True),
        Paragraph(values.title, label="1. Danh hiệu thi đua tập thể đăng ký: "),
        Paragraph(label="2. Nội dung, biện pháp thực hiện:"),
        *_lines(values.plan, "Chưa ghi."),
        Paragraph(label="3. Danh hiệu thi đua cá nhân đã đăng ký và được duyệt:"),
        Paragraph(_people_summary(values.people), indent=True),
        *((people_table,) if values.people else ()),
        Paragraph("Tập thể đơn vị cam kết thực hiện tốt các nội dung đã đăng ký.", indent=True),
    )
    return OfficialDocument(
        letterhead=letterhead, title=(f"BẢN ĐĂNG KÝ THI ĐUA NĂM {values.year}", "CỦA TẬP THỂ"),
        subtitle=_draft_note(values.approved, values.state), body=body,
        signatures=(Signature(values.signer_title.upper(), values.signer),),
    )


def person_docx(letterhead: Letterhead, values: PersonRegistrationValues) -> bytes:
    return to_docx(person_document(letterhead, values))


def unit_docx(letterhead: Letterhead, values: UnitRegistrationValues) -> bytes:
    return to_docx(unit_document(letterhead, values))


def file_name(year: int, person_code: str | None = None) -> str:
    """A name any system accepts: 'dang-ky-thi-dua-2026-CB05.docx', or '…-tap-the.docx' for the unit's."""
    owner = "tap-the"
    if person_code:
        # The code as people know it (upper case kept), its letters stripped of diacritics, nothing a path could use.
        plain = unicodedata.normalize("NFKD", person_code.replace("đ", "d").replace("Đ", "D"))
        owner = re.sub(r"[^A-Za-z0-9_-]+", "-", plain.encode("ascii", "ignore").decode()).strip("-")
    return f"dang-ky-thi-dua-{year}-{owner or 'ca-nhan'}.docx"
