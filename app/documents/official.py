"""The layout every official document shares (Nghị định 30/2020/NĐ-CP): A4, Times New Roman, the two-column
header block, the place-and-date line, the body, the signature blocks.

A document is described as plain values (OfficialDocument) and `to_docx` writes it; the HTML print view
(templates/documents/official.html) draws the same description. Its words are Vietnamese whatever the interface
language: an administrative document has one language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from io import BytesIO
from typing import ClassVar, Literal

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from app.domain.dates import date_line

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
SIGN_HERE = "(Ký, ghi rõ họ tên)"

# Nghị định 30/2020, Phụ lục I: A4; margins top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm;
# Times New Roman, the body 13–14 pt, the header block 12–13 pt, the motto 13–14 pt.
FONT = "Times New Roman"
BODY_PT = 14
HEADER_PT = 13
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
LETTERHEAD_LEFT_MM = 63  # the unit's block; the state's gets the rest, room for its 95 mm title at 13 pt

Align = Literal["left", "center", "justify"]
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


@dataclass(frozen=True)
class Letterhead:
    """The header block: the superior body and the unit (left), the state's name and motto and the date (right)."""

    superior: str
    unit_name: str
    place: str
    signed_on: date
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


@dataclass(frozen=True)
class Paragraph:
    """A line of the body: an optional bold lead-in ("Họ và tên: ") followed by the text."""

    text: str = ""
    label: str = ""
    bold: bool = False
    italic: bool = False
    indent: bool = False  # running text under a numbered heading
    align: Align = "justify"
    kind: ClassVar[str] = "paragraph"


@dataclass(frozen=True)
class Table:
    """A ruled table of the body (a list of people); `centred` columns hold short values such as the number."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths_mm: tuple[int, ...]
    centred: tuple[int, ...] = (0,)
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


def to_docx(document: OfficialDocument) -> bytes:
    doc = Document()
    _set_up_page(doc)
    _set_up_normal_style(doc)
    _write_letterhead(doc, document.letterhead)
    for number, line in enumerate(document.title):
        title = _paragraph(doc, "center", space_before=18 if number == 0 else 0, space_after=0)
        _run(title, line, bold=True)
    if document.subtitle:
        _run(_paragraph(doc, "center", space_after=0), document.subtitle, italic=True)
    _paragraph(doc, "center", space_after=0)
    for block in document.body:
        if isinstance(block, Table):
            _write_table(doc, block)
        else:
            _write_paragraph(doc, block)
    if document.signatures:
        _write_signatures(doc, document.signatures)
    properties = doc.core_properties
    properties.title = " ".join(document.title)
    properties.author = document.letterhead.unit_name
    properties.language = "vi-VN"
    properties.created = properties.modified = datetime.combine(document.letterhead.signed_on, time())
    properties.last_modified_by = ""
    properties.revision = 1
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _set_up_page(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])


def _set_up_normal_style(doc: DocxDocument) -> None:
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    # Word picks the font by script: Vietnamese letters are Latin, but set every slot so none falls back.
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "vi-VN")
    style.element.get_or_add_rPr().append(language)  # Word's spelling checker then reads Vietnamese
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.space_after = Pt(6)


def _paragraph(container, align: Align = "justify", *, space_before: int = 0, space_after: int | None = None,
               indent: bool = False) -> DocxParagraph:
    paragraph = container.add_paragraph()
    paragraph.alignment = _ALIGN[align]
    paragraph.paragraph_format.space_before = Pt(space_before)
    if space_after is not None:
        paragraph.paragraph_format.space_after = Pt(space_after)
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(10)
    return paragraph


def _run(paragraph: DocxParagraph, text: str, *, bold: bool = False, italic: bool = False,
         underline: bool = False, size: int | None = None) -> None:
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
    if size:
        run.font.size = Pt(size)


def _cell_paragraph(cell: _Cell, first: bool) -> DocxParagraph:
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    return paragraph


def _borderless_row(doc: DocxDocument, widths_mm: tuple[int, ...]) -> list[_Cell]:
    table = doc.add_table(rows=1, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    cells = list(table.rows[0].cells)
    # Word reads the cells' widths, LibreOffice the table grid's: set both, or the columns come out equal.
    for column, cell, width in zip(table.columns, cells, widths_mm, strict=True):
        column.width = Mm(width)
        cell.width = Mm(width)
    return cells


def _write_letterhead(doc: DocxDocument, letterhead: Letterhead) -> None:
    left, right = _borderless_row(doc, (LETTERHEAD_LEFT_MM, TEXT_WIDTH_MM - LETTERHEAD_LEFT_MM))
    first = True
    if letterhead.superior:
        _run(_cell_paragraph(left, first), letterhead.superior_caps, size=HEADER_PT)
        first = False
    _run(_cell_paragraph(left, first), letterhead.unit_caps, bold=True, size=HEADER_PT)
    _short_rule(_cell_paragraph(left, False), LETTERHEAD_LEFT_MM)
    _run(_cell_paragraph(right, True), NATION, bold=True, size=HEADER_PT)
    _run(_cell_paragraph(right, False), MOTTO, bold=True, underline=True, size=BODY_PT)
    date_paragraph = _cell_paragraph(right, False)
    date_paragraph.paragraph_format.space_before = Pt(12)
    _run(date_paragraph, letterhead.date_line, italic=True, size=BODY_PT)


# Elements a paragraph's properties may hold after its border, in the order the schema wants them.
_AFTER_BORDER = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
                 "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
                 "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                 "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
                 "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _short_rule(paragraph: DocxParagraph, block_mm: int) -> None:
    """The short line under the unit's name: a third of the block, centred (a border, so it never wraps)."""
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(name), value)
    borders.append(bottom)
    properties.insert_element_before(borders, *_AFTER_BORDER)
    side = Mm(block_mm / 3)
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = side
    paragraph.paragraph_format.line_spacing = Pt(4)  # a hairline under the name, not a blank line with a rule


def _write_paragraph(doc: DocxDocument, block: Paragraph) -> None:
    paragraph = _paragraph(doc, block.align, indent=block.indent)
    if block.label:
        _run(paragraph, block.label, bold=True)
    if block.text:
        _run(paragraph, block.text, bold=block.bold, italic=block.italic)


def _write_table(doc: DocxDocument, block: Table) -> None:
    table = doc.add_table(rows=1, cols=len(block.header))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for row_number, values in enumerate((block.header, *block.rows)):
        cells = table.rows[0].cells if row_number == 0 else table.add_row().cells
        for column, (cell, value) in enumerate(zip(cells, values, strict=True)):
            cell.width = Mm(block.widths_mm[column])
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            if row_number == 0 or column in block.centred:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _run(paragraph, value, bold=row_number == 0)
    _paragraph(doc, space_after=0)


def _write_signatures(doc: DocxDocument, signatures: tuple[Signature, ...]) -> None:
    """Signature blocks side by side; a single one stands on the right, where the signer of a document signs."""
    blocks: tuple[Signature | None, ...] = signatures if len(signatures) > 1 else (None, *signatures)
    width = TEXT_WIDTH_MM // len(blocks)
    _paragraph(doc, space_after=0)
    for cell, signature in zip(_borderless_row(doc, (width,) * len(blocks)), blocks, strict=True):
        if signature is None:
            continue
        _run(_cell_paragraph(cell, True), signature.title, bold=True)
        _run(_cell_paragraph(cell, False), signature.note, italic=True)
        for _ in range(3):  # room for the signature and the seal
            _cell_paragraph(cell, False)
        _run(_cell_paragraph(cell, False), signature.name, bold=True)
