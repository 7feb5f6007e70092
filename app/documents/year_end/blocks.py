"""Pieces several year-end documents share: headings, the awards-history tables, the proposal's wording, the
articles a list cites."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date

from app.documents.official import Paragraph, Table
from app.documents.year_end import words
from app.domain.dates import format_dmy

PLACEHOLDER = "………………………………"
HISTORY_HEADER_TITLES = ("Năm", "Danh hiệu thi đua",
                         "Số, ngày, tháng, năm của quyết định công nhận danh hiệu thi đua; cơ quan ban hành quyết định")
HISTORY_HEADER_AWARDS = ("Năm", "Hình thức khen thưởng",
                         "Số, ngày, tháng, năm của quyết định khen thưởng; cơ quan ban hành quyết định")
HISTORY_WIDTHS = (20, 65, 80)


def heading(text: str) -> Paragraph:
    """A section heading: 'I. SƠ LƯỢC LÝ LỊCH' (bold, kept with what follows)."""
    return Paragraph(label=text, keep_with_next=True)


def line(label: str, text: str = "") -> Paragraph:
    """A line of particulars: '- Chức vụ: Trưởng phòng'; an empty value leaves dots to fill in by hand."""
    return Paragraph(text or PLACEHOLDER, label=label)


def text_lines(text: str, empty: str) -> tuple[Paragraph, ...]:
    lines = [part.strip() for part in text.splitlines() if part.strip()]
    return tuple(Paragraph(part, indent=True) for part in lines) or (Paragraph(empty, italic=True, indent=True),)


def none_line(text: str = "Không có.") -> Paragraph:
    return Paragraph(text, italic=True, indent=True)


def history_tables(items: Iterable[Mapping], name: Callable[[str], str]) -> tuple[Paragraph | Table, ...]:
    """III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG: 1. the emulation titles, 2. the commendations, each a table."""
    items = list(items)
    titles = [item for item in items if item["title"] in words.EMULATION_TITLES]
    awards = [item for item in items if item["title"] not in words.EMULATION_TITLES]
    blocks: list[Paragraph | Table] = []
    for number, (label, header, chosen) in enumerate(
            (("Danh hiệu thi đua:", HISTORY_HEADER_TITLES, titles),
             ("Hình thức khen thưởng:", HISTORY_HEADER_AWARDS, awards)), 1):
        blocks.append(Paragraph(label=f"{number}. {label}", keep_with_next=bool(chosen)))
        if chosen:
            rows = tuple((str(item["year"]), name(item["title"]), item.get("decision") or "") for item in chosen)
            blocks.append(Table(header=header, rows=rows, widths_mm=HISTORY_WIDTHS, centred=(0,)))
        else:
            blocks.append(none_line("Chưa có."))
    return tuple(blocks)


def proposal(codes: Iterable[str], name: Callable[[str], str]) -> str:
    """'danh hiệu “Chiến sĩ thi đua cơ sở”, danh hiệu “Lao động tiên tiến” và Giấy khen'."""
    phrases = [words.title_phrase(code, name(code)) for code in codes]
    if len(phrases) <= 1:
        return "".join(phrases)
    return ", ".join(phrases[:-1]) + " và " + phrases[-1]


def proposal_title(codes: tuple[str, ...], name: Callable[[str], str], year: int) -> tuple[str, ...]:
    """The title lines of an achievement report: 'BÁO CÁO THÀNH TÍCH' / 'ĐỀ NGHỊ TẶNG …' / 'NĂM 2026'."""
    if not codes:
        return ("BÁO CÁO THÀNH TÍCH", f"NĂM {year}")
    return ("BÁO CÁO THÀNH TÍCH", f"ĐỀ NGHỊ TẶNG {proposal(codes, name).upper()}", f"NĂM {year}")


def long_date(value: date) -> str:
    return f"ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"


def iso_dmy(value: str | None) -> str:
    return format_dmy(date.fromisoformat(value)) if value else ""


def initiative_line(item: Mapping) -> str:
    """'“Số hóa hồ sơ…”: Đã công nhận, Cấp cơ sở, Quyết định số 15/QĐ-BTĐKT ngày 20/10/2026'."""
    parts = [words.INITIATIVE_STATUS.get(item.get("status", ""), "")]
    if item.get("status") == "recognised":
        parts.append(words.INITIATIVE_LEVELS.get(item.get("level", ""), "").lower())
        if item.get("decision"):
            decided = iso_dmy(item.get("decided_on"))
            parts.append(f"Quyết định số {item['decision']}" + (f" ngày {decided}" if decided else ""))
    return f"“{item['title']}”: " + ", ".join(part for part in parts if part)


# A citation as the rulebook and the assessment's reasons write them: "Luật Thi đua, khen thưởng 2022, Điều 24",
# "Nghị định 335/2025/NĐ-CP, Điều 20 khoản 5", "Điều 23 Luật Thi đua, khen thưởng 2022", "Quy định 3814-QĐ/TU".
_LAW = (r"(?:Luật Thi đua,? khen thưởng(?: năm)? \d{4}|Luật [A-ZĐ][^,;()]*? \d{4}|Nghị định \d+/\d{4}/NĐ-CP"
        r"|Quy định \d[\w/.-]*|Quyết định \d+/\d{4}/QĐ-[\w]+)")
_ARTICLE = r"Điều \d+(?: khoản \d+)?(?: điểm [a-zđ])?"
_CITATION = re.compile(rf"{_LAW}(?:,? {_ARTICLE})?|{_ARTICLE}(?:,? (?:của )?{_LAW})?")


def citations(reasons: Iterable[str], fallback: str = "") -> str:
    """The articles a decision's reasons cite, each once, in order: the 'Căn cứ' of a nomination list."""
    found = dict.fromkeys(match.group(0) for reason in reasons for match in _CITATION.finditer(reason))
    return "; ".join(found) or fallback
