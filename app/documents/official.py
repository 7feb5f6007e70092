"""The layout every official document shares (Nghị định 30/2020/NĐ-CP): A4, Times New Roman, the two-column
header block, the place-and-date line, the body, the signature blocks.

A document is described as plain values (OfficialDocument) and `docx_writer.to_docx` writes it; the HTML print view
(templates/documents/official.html) draws the same description. Its words are Vietnamese whatever the interface
language: an administrative document has one language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar, Literal

from app.domain.dates import date_line

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
SIGN_HERE = "(Ký, ghi rõ họ tên)"

# Nghị định 30/2020, Phụ lục I: A4; margins top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm;
# Times New Roman, the body 13–14 pt, the header block 12–13 pt, the motto 13–14 pt.
# The state's name in bold 13 pt is 96 mm wide: its block gets 97 mm, the unit's the other 68 mm, where the unit's
# lines are set in 12 pt so that a name such as "BAN THI ĐUA – KHEN THƯỞNG THÀNH PHỐ HÀ NỘI" breaks once, after
# "KHEN THƯỞNG", and the superior body ("SỞ NỘI VỤ THÀNH PHỐ HÀ NỘI") stays on one line.
FONT = "Times New Roman"
BODY_PT = 14
HEADER_PT = 13
UNIT_PT = 12
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
LETTERHEAD_LEFT_MM = 68  # the unit's block; the state's gets the rest (97 mm)

Align = Literal["left", "center", "justify"]


@dataclass(frozen=True)
class Letterhead:
    """The header block: the superior body and the unit (left), the state's name and motto and the date (right)."""

    superior: str
    unit_name: str
    place: str
    signed_on: date
    number: str = ""  # "15/BC-BTĐKT": printed "Số: 15/BC-BTĐKT" under the unit; empty for papers without one
    nation: ClassVar[str] = NATION
    motto: ClassVar[str] = MOTTO

    @classmethod
    def of_unit(cls, unit, signed_on: date) -> Letterhead:
        """From the Unit row (anything with name, superior and place); a unit not yet named gives blanks."""
        return cls(superior=getattr(unit, "superior", "") or "", unit_name=getattr(unit, "name", "") or "",
                   place=getattr(unit, "place", "") or "Hà Nội", signed_on=signed_on)

    @property
    def superior_caps(self) -> str:
        return self.superior.upper()

    @property
    def unit_caps(self) -> str:
        return self.unit_name.upper()

    @property
    def date_line(self) -> str:
        return date_line(self.place, self.signed_on)

    @property
    def number_line(self) -> str:
        return f"Số: {self.number}" if self.number else ""


@dataclass(frozen=True)
class Paragraph:
    """A line of the body: an optional bold lead-in ("Họ và tên: ") followed by the text."""

    text: str = ""
    label: str = ""
    bold: bool = False
    italic: bool = False
    indent: bool = False  # running text under a numbered heading
    align: Align = "justify"
    keep_with_next: bool = False  # a heading: never left alone at the foot of a page
    kind: ClassVar[str] = "paragraph"


@dataclass(frozen=True)
class GroupRow:
    """A row of a Table spanning every column: the heading of the rows under it ("I. “Lao động tiên tiến”")."""

    text: str
    kind: ClassVar[str] = "group"


@dataclass(frozen=True)
class Table:
    """A ruled table of the body (a list of people); `centred` columns hold short values such as the number."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...] | GroupRow, ...]
    widths_mm: tuple[int, ...]
    centred: tuple[int, ...] = (0,)
    repeat_header: bool = False  # a table that may run over pages: the header repeats, no row splits
    font_pt: int | None = None  # smaller type for a wide table (the body's size when None)
    kind: ClassVar[str] = "table"


@dataclass(frozen=True)
class Signature:
    title: str  # upper case: "NGƯỜI ĐĂNG KÝ", "TRƯỞNG BAN"
    name: str = ""  # empty: signed and named by hand
    note: str = SIGN_HERE


@dataclass(frozen=True)
class OfficialDocument:
    letterhead: Letterhead
    title: tuple[str, ...]  # upper case lines, bold and centred
    subtitle: str = ""  # an italic line under the title
    body: tuple[Paragraph | Table, ...] = ()
    signatures: tuple[Signature, ...] = ()
