"""Writing an OfficialDocument (app/documents/official.py) as a .docx: the page, the styles, the letterhead's
borderless grid, tables with widths LibreOffice keeps, signature blocks — and, for a unit's two thousand reports,
each document written into a body of its own and blocks of a shape already written copied with their own words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from copy import deepcopy
from dataclasses import replace
from datetime import datetime, time
from io import BytesIO
from zipfile import ZIP_DEFLATED, ZipFile

from docx import Document
from docx.blkcntnr import BlockItemContainer
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from app.documents.official import (
    BODY_PT,
    FONT,
    HEADER_PT,
    LETTERHEAD_LEFT_MM,
    MARGINS_MM,
    MOTTO,
    NATION,
    PAGE_MM,
    TEXT_WIDTH_MM,
    UNIT_PT,
    Align,
    GroupRow,
    Letterhead,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
)

_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


def to_docx(document: OfficialDocument) -> bytes:
    return to_docx_many((document,))


def to_docx_many(documents: Iterable[OfficialDocument], title: str = "") -> bytes:
    """Several documents in one file (each person's report), each starting on a new page; `title` names the file
    (the first document's title when empty).

    Built for a unit's two thousand reports: each document is written into a body of its own and kept as XML text
    (_Story), and a block shaped like one already written is a copy of it with its own words (_Copies)."""
    doc = Document()
    _set_up_page(doc)
    _set_up_normal_style(doc)
    copies = _Copies()
    written: list[bytes] = []
    first: OfficialDocument | None = None
    for document in documents:
        story = _Story(doc)
        if first is None:
            first = document
        else:
            copies.block(story, ("page break",), (), lambda story=story: _write_page_break(story))
        _write_document(story, document, copies)
        written.append(story.xml())
    if first is None:
        raise ValueError("no document to write")
    properties = doc.core_properties
    properties.title = title or " ".join(first.title)
    properties.author = first.letterhead.unit_name
    properties.language = "vi-VN"
    properties.created = properties.modified = datetime.combine(first.letterhead.signed_on, time())
    properties.last_modified_by = ""
    properties.revision = 1
    buffer = BytesIO()
    doc.save(buffer)
    return _with_body(buffer.getvalue(), written)


_TEXT = qn("w:t")
_PRESERVE = "{http://www.w3.org/XML/1998/namespace}space"
_SECTION_START = b"<w:sectPr"


class _Copies:
    """Blocks python-docx wrote once, copied for each later block of the same shape with its own words.

    python-docx builds a paragraph property by property through Python objects; a unit's reports would take
    minutes. A shape is everything about a block but its words (and which of them are empty), so a copy with the
    words put in is what python-docx would have written. A shape is kept only when python-docx's block holds the
    words in the order given; words with tabs or line breaks (which python-docx turns into elements) are never
    copied."""

    def __init__(self) -> None:
        self._shapes: dict[tuple, list[BaseOxmlElement]] = {}

    def write(self, key: tuple, texts: tuple[str, ...], make: Callable[[], list[BaseOxmlElement]],
              place: Callable[[BaseOxmlElement], None]) -> list[BaseOxmlElement]:
        """`make` writes the block with python-docx and returns its elements; a copy is put where `place` says."""
        words = [text for text in texts if text]
        if any(mark in text for text in words for mark in "\t\n\r"):
            return make()
        shape = (key, tuple(bool(text) for text in texts))
        kept = self._shapes.get(shape)
        if kept is None:
            made = make()
            if [t.text for element in made for t in element.iter(_TEXT)] == words:
                self._shapes[shape] = [deepcopy(element) for element in made]
            return made
        copies = [deepcopy(element) for element in kept]
        for t, text in zip([t for element in copies for t in element.iter(_TEXT)], words, strict=True):
            t.text = text
            if text.strip() == text:
                t.attrib.pop(_PRESERVE, None)
            else:
                t.set(_PRESERVE, "preserve")
        for element in copies:
            place(element)
        return copies

    def block(self, story: _Story, key: tuple, texts: tuple[str, ...], write: Callable[[], object]) -> None:
        """A block of the body: `write` adds it with python-docx (before the body's sectPr, the last child)."""
        body = story.body

        def make() -> list[BaseOxmlElement]:
            before = len(body)
            write()
            return list(body)[before - 1:-1]

        self.write(key, texts, make, body[-1].addprevious)


class _Story:
    """The body one document is written into, on its own: python-docx looks for the end of the body from its top
    at every insertion (quadratic in a file of thousands of reports), lxml takes blocks out of a big tree slowly,
    and a tree of two thousand reports would take gigabytes. So each document gets a small body, is turned into XML
    text, and the body is dropped as a whole."""

    def __init__(self, doc: DocxDocument) -> None:
        self.body = OxmlElement("w:body")
        self.body.append(OxmlElement("w:sectPr"))  # python-docx inserts blocks before it, as in a real body
        self._blocks = BlockItemContainer(self.body, doc)

    def add_paragraph(self) -> DocxParagraph:
        return self._blocks.add_paragraph()

    def add_table(self, rows: int, cols: int) -> DocxTable:
        return self._blocks.add_table(rows, cols, Mm(TEXT_WIDTH_MM))

    def table(self, element: BaseOxmlElement) -> DocxTable:
        return DocxTable(element, self._blocks)

    def xml(self) -> bytes:
        """The blocks as XML text: inside <w:body …>, before its <w:sectPr/>."""
        xml = etree.tostring(self.body, encoding="utf-8")
        return xml[xml.index(b">") + 1:xml.rindex(_SECTION_START)]


def _with_body(package: bytes, blocks: list[bytes]) -> bytes:
    """The saved package with the blocks put back into word/document.xml, before the body's sectPr."""
    output = BytesIO()
    with ZipFile(BytesIO(package)) as source, ZipFile(output, "w", ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                end = data.rindex(_SECTION_START)
                with target.open(item, "w") as stream:
                    stream.write(data[:end])
                    for part in blocks:
                        stream.write(part)
                    stream.write(data[end:])
            else:
                target.writestr(item, data)
    return output.getvalue()


def _write_document(story: _Story, document: OfficialDocument, copies: _Copies) -> None:
    _write_letterhead(story, document.letterhead, copies)
    for number, line in enumerate(document.title):
        copies.block(story, ("title", number == 0), (line,),
                     lambda line=line, first=number == 0: _write_title_line(story, line, first))
    if document.subtitle:
        copies.block(story, ("subtitle",), (document.subtitle,),
                     lambda: _run(_paragraph(story, "center", space_after=0), document.subtitle, italic=True))
    copies.block(story, ("blank",), (), lambda: _paragraph(story, "center", space_after=0))
    for block in document.body:
        if isinstance(block, Table):
            _write_table(story, block, copies)
        else:
            copies.block(story, (replace(block, text="", label=""),), (block.label, block.text),
                         lambda block=block: _write_paragraph(story, block))
    if document.signatures:
        signatures = document.signatures  # the titles' row, the notes' row, the names' row
        texts = (*(s.title for s in signatures), *(s.note for s in signatures), *(s.name for s in signatures))
        copies.block(story, ("signatures", len(signatures)), texts, lambda: _write_signatures(story, signatures))


def _write_title_line(story: _Story, line: str, first: bool) -> None:
    _run(_paragraph(story, "center", space_before=18 if first else 0, space_after=0), line, bold=True)


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


def _borderless_row(story: _Story, widths_mm: tuple[int, ...], *, flush: bool = False) -> list[_Cell]:
    """One row of invisible cells; `flush` drops the cells' side padding, so the text gets the whole width."""
    return list(_borderless_table(story, widths_mm, flush=flush).rows[0].cells)


def _borderless_table(story: _Story, widths_mm: tuple[int, ...], *, rows: int = 1,
                      flush: bool = False) -> DocxTable:
    table = story.add_table(rows, len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    if flush:
        margins = OxmlElement("w:tblCellMar")
        for side in ("w:left", "w:right"):
            margin = OxmlElement(side)
            margin.set(qn("w:w"), "0")
            margin.set(qn("w:type"), "dxa")
            margins.append(margin)
        table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription",
                                               "w:tblPrChange")
    # Word reads the cells' widths, LibreOffice the table grid's: set both, or the columns come out equal.
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
    return table


def _write_letterhead(story: _Story, letterhead: Letterhead, copies: _Copies) -> None:
    texts = (letterhead.superior_caps, letterhead.unit_caps, letterhead.number_line, NATION, MOTTO,
             letterhead.date_line)  # in the order of the page: the unit's block, then the state's
    copies.block(story, ("letterhead",), texts, lambda: _write_letterhead_docx(story, letterhead))


def _write_letterhead_docx(story: _Story, letterhead: Letterhead) -> None:
    left, right = _borderless_row(story, (LETTERHEAD_LEFT_MM, TEXT_WIDTH_MM - LETTERHEAD_LEFT_MM), flush=True)
    first = True
    if letterhead.superior:
        _run(_cell_paragraph(left, first), letterhead.superior_caps, size=UNIT_PT)
        first = False
    _run(_cell_paragraph(left, first), letterhead.unit_caps, bold=True, size=UNIT_PT)
    _short_rule(_cell_paragraph(left, False), LETTERHEAD_LEFT_MM)
    if letterhead.number:
        number_paragraph = _cell_paragraph(left, False)
        number_paragraph.paragraph_format.space_before = Pt(8)
        _run(number_paragraph, letterhead.number_line, size=HEADER_PT)
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


def _write_paragraph(story: _Story, block: Paragraph) -> None:
    paragraph = _paragraph(story, block.align, indent=block.indent)
    if block.keep_with_next:
        paragraph.paragraph_format.keep_with_next = True
    if block.label:
        _run(paragraph, block.label, bold=True)
    if block.text:
        _run(paragraph, block.text, bold=block.bold, italic=block.italic)


def _write_table(story: _Story, block: Table, copies: _Copies) -> None:
    shape = (block.header, block.widths_mm, block.centred, block.repeat_header, block.font_pt)
    made: list[DocxTable] = []

    def skeleton() -> None:
        made.append(story.add_table(1, len(block.header)))
        _write_row(made[0], 0, block.header, block)

    copies.block(story, ("table", *shape), block.header, skeleton)
    tbl = story.body[-2]  # the table just written or copied, before the sectPr
    table = made[0] if made else story.table(tbl)
    for row_number, values in enumerate(block.rows, 1):
        texts = (values.text,) if isinstance(values, GroupRow) else values
        copies.write(("row", isinstance(values, GroupRow), *shape), texts,
                     lambda number=row_number, values=values: [_write_row(table, number, values, block)._tr],
                     tbl.append)
    copies.block(story, ("gap",), (), lambda: _paragraph(story, space_after=0))


def _write_row(table: DocxTable, row_number: int, values: tuple[str, ...] | GroupRow, block: Table):
    """The header (row 0, on a new table: it sets the table up) or a row added under the others."""
    if row_number == 0:
        table.style = table.part.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for column, width in zip(table.columns, block.widths_mm, strict=True):
            column.width = Mm(width)  # the grid, which LibreOffice reads (Word reads the cells')
    row = table.rows[0] if row_number == 0 else table.add_row()
    if block.repeat_header:
        _row_property(row, "w:tblHeader" if row_number == 0 else "w:cantSplit")
    cells = row.cells
    if isinstance(values, GroupRow):
        _write_group_row(cells, values, block)
        return row
    for column, (cell, value) in enumerate(zip(cells, values, strict=True)):
        cell.width = Mm(block.widths_mm[column])
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        if row_number == 0 or column in block.centred:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(paragraph, value, bold=row_number == 0, size=block.font_pt)
    return row


def _row_property(row, name: str) -> None:
    """A row flag: w:tblHeader (repeat at the top of each page) or w:cantSplit (keep the row on one page)."""
    row._tr.get_or_add_trPr().append(OxmlElement(name))


def _write_group_row(cells: list[_Cell], group: GroupRow, block: Table) -> None:
    for cell, width in zip(cells, block.widths_mm, strict=True):
        cell.width = Mm(width)
    merged = cells[0].merge(cells[-1])
    paragraph = merged.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.keep_with_next = True
    _run(paragraph, group.text, bold=True, size=block.font_pt)


def _write_signatures(story: _Story, signatures: tuple[Signature, ...]) -> None:
    """Signature blocks side by side; a single one stands on the right, where the signer of a document signs.

    Titles, notes and names are rows of their own, so the names line up even when one title runs onto two lines;
    the rows stay together on one page."""
    blocks: tuple[Signature | None, ...] = signatures if len(signatures) > 1 else (None, *signatures)
    width = TEXT_WIDTH_MM // len(blocks)
    _paragraph(story, space_after=0).paragraph_format.keep_with_next = True
    table = _borderless_table(story, (width,) * len(blocks), rows=3)
    for row in table.rows:
        _row_property(row, "w:cantSplit")
    titles, notes, names = (row.cells for row in table.rows)
    for title, note, name, signature in zip(titles, notes, names, blocks, strict=True):
        if signature is None:
            continue
        _run(_kept(_cell_paragraph(title, True)), signature.title, bold=True)
        _run(_kept(_cell_paragraph(note, True)), signature.note, italic=True)
        for _ in range(3):  # room for the signature and the seal
            _kept(_cell_paragraph(note, False))
        _run(_cell_paragraph(name, True), signature.name, bold=True)


def _kept(paragraph: DocxParagraph) -> DocxParagraph:
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def _write_page_break(story: _Story) -> None:
    """The next document starts a new page: a paragraph that breaks before itself and is 1 pt high, so neither a
    blank page (a full last page) nor a blank line at the top of the next one."""
    paragraph = _paragraph(story, "left", space_after=0)
    paragraph.paragraph_format.page_break_before = True
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph.paragraph_format.line_spacing = Pt(1)
