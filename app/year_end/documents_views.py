"""The year's documents (app/documents/year_end): the unit's báo cáo thành tích, everyone's báo cáo thành tích
(Mẫu 05) in one file or one person's, the biên bản họp bình xét, the danh sách đề nghị khen thưởng — each as .docx
and as a print view — and the .xlsx workbook. Made from the same year document and assessment as the screens,
with the meeting recorded here.

One route, `/year-end/<year>/documents/<document_kind>`: "minutes.docx" downloads, "minutes" is the print view.
The unit's documents are for the board's leaders and admins; a person's own report (`person-report?person=<id>`)
for whoever may see the person.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from flask import abort, render_template, request, send_file, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import select

from app import clock
from app.documents import year_end as documents
from app.documents.year_end import award_list, meeting_minutes, person_report, print_views, unit_report, workbook
from app.documents.year_end.inputs import Attendee, Meeting, Vote, YearEndContext
from app.domain.rulebooks import setting
from app.errors import error_response
from app.extensions import db
from app.labels import POSITION_LABELS
from app.models import Meeting as MeetingRecord
from app.models import Person, Unit
from app.permissions import load_person_or_404
from app.year_end import queries
from app.year_end.permissions import can_see_unit
from app.year_end.views import bp

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Kind:
    """A document as the route names it: its key in app.documents.year_end.KINDS, its name on the page, whether it
    has a print view, and whether it is one person's."""

    slug: str
    key: str
    label: object
    printable: bool = True
    personal: bool = False


KINDS = {kind.slug: kind for kind in (
    Kind("unit-report", "unit_report", _l("Báo cáo thành tích của tập thể")),
    Kind("person-reports", "person_reports", _l("Báo cáo thành tích cá nhân (Mẫu 05), mọi người trong một tệp")),
    Kind("minutes", "minutes", _l("Biên bản họp bình xét")),
    Kind("award-list", "award_list", _l("Danh sách đề nghị khen thưởng")),
    Kind("workbook", "workbook", _l("Bảng tổng hợp thi đua (Excel): điểm, mức xếp loại, danh hiệu, sáng kiến"),
         printable=False),
    Kind("person-report", "person_report", _l("Báo cáo thành tích cá nhân (Mẫu 05)"), personal=True),
)}


@dataclass(frozen=True)
class Link:
    url: str
    label: str
    download: bool


@dataclass(frozen=True)
class DocumentLinks:
    label: str
    links: list[Link]


def _links(year: int, kind: Kind, **args) -> DocumentLinks:
    extension = "xlsx" if kind.key == "workbook" else "docx"
    links = []
    if kind.printable:
        links.append(Link(url_for("year_end.document", year=year, document_kind=kind.slug, **args),
                          _("Xem, in"), False))
    links.append(Link(url_for("year_end.document", year=year, document_kind=f"{kind.slug}.{extension}", **args),
                      _("Tải .%(extension)s", extension=extension), True))
    return DocumentLinks(str(kind.label), links)


def available_documents(year_end: queries.YearEnd, account) -> list[DocumentLinks]:
    """The unit's documents, for the year-end page (the minutes once the meeting is recorded)."""
    if not can_see_unit(account):
        return []
    has_meeting = queries.meeting_of(year_end.year) is not None
    return [_links(year_end.number, kind) for kind in KINDS.values()
            if not kind.personal and (kind.key != "minutes" or has_meeting)]


def person_documents(year_end: queries.YearEnd, person: Person) -> DocumentLinks:
    return _links(year_end.number, KINDS["person-report"], person=person.id)


# --- What the documents need besides the year file and its assessment ----------------------------------------------

def _meeting(year_end: queries.YearEnd, record: MeetingRecord | None) -> Meeting | None:
    if record is None:
        return None
    codes = {person.id: person.code for person in year_end.people.values()}
    roles = {attendee.role: attendee for attendee in record.attendees}

    def attendee(name: str, role: str) -> Attendee:
        found = roles.get(role)
        return Attendee(name, found.position if found is not None and found.name == name else "")

    overrides = year_end.year.settings or {}
    return Meeting(
        held_on=record.held_on, place=record.place, chair=attendee(record.chair, "chair"),
        secretary=attendee(record.secretary, "secretary"),
        attendees=tuple(Attendee(a.name, a.position) for a in record.attendees), members=record.council_size,
        threshold_percent=Decimal(str(setting(year_end.book, overrides, "council_vote_percent"))),
        threshold_source=year_end.book.settings["council_vote_percent"].source,
        votes=tuple(Vote(vote.title, vote.votes_for, vote.votes_against,
                         person=codes.get(vote.person_id) if vote.person_id is not None else None,
                         decided=True if vote.decided else None)
                    for vote in record.votes if vote.person_id is None or vote.person_id in codes),
        conclusion=record.note,
    )


def context_of(year_end: queries.YearEnd) -> YearEndContext:
    unit = db.session.scalar(select(Unit).order_by(Unit.id).limit(1))
    chief = next((p for p in year_end.people.values() if p.position == "truong_ban" and p.active), None)
    with force_locale("vi"):  # an official document has one language
        position = str(POSITION_LABELS["truong_ban"])
    return YearEndContext(
        signed_on=clock.today(), signer_name=chief.full_name if chief else "", signer_position=position,
        unit_name=unit.name if unit else "", superior=unit.superior if unit else "",
        place=unit.place if unit and unit.place else "Hà Nội",
        meeting=_meeting(year_end, queries.meeting_of(year_end.year)),
        judged_levels=year_end.judged_on,
    )


# --- The route -------------------------------------------------------------------------------------------------

def _download(data: bytes, name: str, mimetype: str):
    response = send_file(BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=name, max_age=0)
    response.headers["Cache-Control"] = "private, no-store"  # people's ratings, not for shared caches
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _person_of(year_end: queries.YearEnd) -> Person:
    person_id = request.args.get("person", type=int)
    if person_id is None:
        abort(404)
    person = load_person_or_404(person_id)
    if year_end.result_of(person) is None:
        abort(404)
    return person


@bp.route("/<int:year>/documents/<document_kind>")
@login_required
def document(year: int, document_kind: str):
    slug, _dot, extension = document_kind.partition(".")
    kind = KINDS.get(slug)
    if kind is None or extension not in ("", "xlsx" if kind.key == "workbook" else "docx"):
        abort(404)
    if not kind.personal and not can_see_unit(current_user):
        abort(403)
    year_end = queries.load(year)
    person = _person_of(year_end) if kind.personal else None
    context = context_of(year_end)
    if kind.key == "minutes" and context.meeting is None:
        abort(error_response(404, _("Chưa có biên bản: hãy ghi kết quả họp bình xét năm %(year)s trước.",
                                    year=year)))
    doc, assessment = year_end.doc, year_end.assessment
    if extension == "docx":
        data = {
            "unit_report": lambda: unit_report.docx(doc, assessment, context),
            "person_reports": lambda: person_report.all_docx(doc, assessment, context),
            "minutes": lambda: meeting_minutes.docx(doc, assessment, context),
            "award_list": lambda: award_list.docx(doc, assessment, context),
            "person_report": lambda: person_report.docx(doc, assessment, context, person.code),
        }[kind.key]()
        return _download(data, documents.file_name(kind.key, year, person.code if person else None), DOCX)
    if extension == "xlsx":
        return _download(workbook.xlsx(doc, assessment, context), documents.file_name(kind.key, year), XLSX)
    if not kind.printable:
        abort(404)
    view = {
        "unit_report": lambda: print_views.unit_report(doc, assessment, context),
        "person_reports": lambda: print_views.person_reports(doc, assessment, context),
        "minutes": lambda: print_views.minutes(doc, assessment, context),
        "award_list": lambda: print_views.award_list(doc, assessment, context),
        "person_report": lambda: print_views.person_reports(doc, assessment, context, [person.code]),
    }[kind.key]()
    args = {"person": person.id} if person else {}
    if person is not None:
        back_url, back_label = (url_for("year_end.person", year=year, person_id=person.id),
                                _("Về năm %(year)s của %(name)s", year=year, name=person.full_name))
    else:
        back_url, back_label = url_for("year_end.index", year=year), _("Về tổng kết năm %(year)s", year=year)
    title = str(kind.label) + (f" — {person.full_name}" if person else "") + f" — {year}"
    return render_template(view.template, **view.context, page_title=title, back_url=back_url, back_label=back_label,
                           docx_url=url_for("year_end.document", year=year, document_kind=f"{slug}.docx", **args))
