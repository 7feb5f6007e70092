"""A year file into the database: all of it in one transaction, or nothing.

The file is validated first (app.domain.year_file); a year that already has data is refused unless the caller
asks to replace it. What a replacement removes is the year's own data — see `clear_year` — and nothing that
belongs to other years. People, departments and the unit are matched by code and updated, never deleted, so that
accounts and other years' records stay attached. Records that several years' files may carry (disciplines from
earlier years, pending cases, the awards history, initiatives recognised in the two years before) are matched
and updated instead of added twice: the writing, record by record, is app/yearfile/writer.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from app import clock, month_lock, uploads
from app.domain.text import clean_text
from app.domain.year_file import book_of, validate
from app.extensions import db
from app.models import Department, Year
from app.yearfile.replace import clear_year, existing_data
from app.yearfile.writer import Writer


class YearFileError(Exception):
    """The file cannot be imported; `lines` say why — `PATH: message` lines (`by_path`), or a sentence — and nothing
    changed."""

    def __init__(self, lines: list[str], by_path: bool = True):
        super().__init__("\n".join(lines))
        self.lines = lines
        self.by_path = by_path


@dataclass
class ImportSummary:
    year: int
    rulebook: str
    replaced: bool
    counts: dict[str, int] = field(default_factory=dict)


def _department_conflicts(doc: dict) -> list[str]:
    """A department name the database gives to a department the file does not carry (names are unique)."""
    codes = {d["code"].strip() for d in doc["departments"]}
    taken = {d.name.casefold(): d for d in db.session.scalars(select(Department).where(Department.code.not_in(codes)))}
    lines = []
    for index, data in enumerate(doc["departments"]):
        other = taken.get(clean_text(data["name"]).casefold())
        if other is not None:
            lines.append(f"departments[{index}].name: đã có phòng {other.name} (mã {other.code}) trong cơ sở dữ liệu")
    return lines


def import_year(doc: object, source: str, replace: bool = False, today: date | None = None) -> ImportSummary:
    """Validate and load a year file; raises YearFileError (nothing changed) when it cannot."""
    errors = validate(doc)
    if errors:
        raise YearFileError(errors)
    assert isinstance(doc, dict)  # nosec B101 # narrows the type only: validate() above already refused a non-object
    book = book_of(doc)
    number = doc["year"]
    year = db.session.scalar(select(Year).where(Year.year == number))
    held = existing_data(year) if year is not None else {}
    if held and not replace:
        what = ", ".join(f"{count} {kind}" for kind, count in held.items())
        raise YearFileError([f"Năm {number} đã có dữ liệu ({what}): không nhập chồng lên. Dùng --replace để xoá "
                             f"dữ liệu của năm {number} và thay bằng dữ liệu của tệp."], by_path=False)
    conflicts = _department_conflicts(doc)
    if conflicts:
        raise YearFileError(conflicts)
    reason = f"Nhập tệp năm “{source}”" + (" (thay dữ liệu cũ của năm)" if held else "")
    writer = Writer(doc, book, reason, today or clock.today())
    try:
        with month_lock.unlocked(db.session, "import"):
            removed_files = clear_year(year) if held else []
            writer.unit()
            writer.department_rows()
            writer.person_rows()
            year = writer.year(year)
            writer.registrations(year)
            writer.months(year)
            writer.initiatives()
            writer.discipline()
            writer.pending()
            writer.annual(year)
            writer.history()
            db.session.commit()
    except SQLAlchemyError as error:
        db.session.rollback()
        detail = str(getattr(error, "orig", None) or error).splitlines()[0]
        raise YearFileError([f"Cơ sở dữ liệu từ chối dữ liệu của tệp, không có gì thay đổi: {detail}"],
                            by_path=False) from error
    except BaseException:
        db.session.rollback()
        raise
    for stored_name in removed_files:
        uploads.remove(stored_name, uploads.folder())
    return ImportSummary(number, book.code, bool(held), writer.counts)

