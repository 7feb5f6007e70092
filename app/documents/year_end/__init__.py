"""The documents a unit sends up at year end, from the year file (tdkt-year/1), its assessment (tdkt-assessment/1)
and a YearEndContext (who signs, when, the titles decided, the bình xét meeting):

- unit_report: the unit's báo cáo thành tích (.docx);
- person_report: each person's báo cáo thành tích, Mẫu 05 (.docx; one person, or everyone in one file);
- meeting_minutes: the biên bản họp bình xét (.docx);
- award_list: the danh sách đề nghị khen thưởng (.docx);
- workbook: the year grid, the titles and the initiatives (.xlsx);
- print_views: each of them as an HTML print view.

Every generator takes plain values and returns bytes (or a document description); nothing here reads the database
or Flask. `files()` makes them all at once, reading the year once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from app.documents.docx_writer import to_docx, to_docx_many
from app.documents.year_end import award_list, meeting_minutes, person_report, unit_report, workbook
from app.documents.year_end.inputs import Attendee, Meeting, Vote, YearEndContext
from app.documents.year_end.year_data import YearData

__all__ = ["Attendee", "Meeting", "Vote", "YearEndContext", "file_name", "files"]

KINDS = {
    "unit_report": "bao-cao-thanh-tich-tap-the",
    "person_reports": "bao-cao-thanh-tich-ca-nhan",
    "person_report": "bao-cao-thanh-tich",
    "minutes": "bien-ban-hop-binh-xet",
    "award_list": "danh-sach-de-nghi-khen-thuong",
    "workbook": "tong-hop-thi-dua",
}


def file_name(kind: str, year: int, person_code: str | None = None) -> str:
    """A name any system accepts: 'bien-ban-hop-binh-xet-2026.docx', 'bao-cao-thanh-tich-2026-CB05.docx'."""
    extension = "xlsx" if kind == "workbook" else "docx"
    owner = ""
    if person_code:
        plain = unicodedata.normalize("NFKD", person_code.replace("đ", "d").replace("Đ", "D"))
        owner = "-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", plain.encode("ascii", "ignore").decode()).strip("-")
                       or "ca-nhan")
    return f"{KINDS[kind]}-{year}{owner}.{extension}"


def files(doc: Mapping, assessment: Mapping, context: YearEndContext) -> dict[str, bytes]:
    """Every document of the year, by file name: the unit's report, everyone's reports in one file, the minutes
    (when the context has the meeting), the nomination list and the workbook."""
    data = YearData.of(doc, assessment, context)
    made = {
        file_name("unit_report", data.year): to_docx(unit_report.unit_report(data)),
        file_name("person_reports", data.year): to_docx_many(person_report.all_reports(data),
                                                             title=f"Báo cáo thành tích cá nhân năm {data.year}"),
    }
    if context.meeting is not None:
        made[file_name("minutes", data.year)] = to_docx(meeting_minutes.minutes(data))
    made[file_name("award_list", data.year)] = to_docx(award_list.award_list(data))
    made[file_name("workbook", data.year)] = workbook.workbook(data)
    return made
