"""The registration sheets in the official layout: a print view and the same document as .docx. A person's
sheet is for whoever may see the person; the unit's is for everyone signed in."""

from __future__ import annotations

from datetime import UTC, date, datetime
from io import BytesIO
from zoneinfo import ZoneInfo

from flask import abort, current_app, render_template, send_file, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import clock, roster
from app.documents.docx_writer import to_docx
from app.documents.official import Letterhead, OfficialDocument
from app.documents.registration_sheet import (
    PersonRegistrationValues,
    RegisteredPerson,
    UnitRegistrationValues,
    file_name,
    person_document,
    unit_document,
)
from app.extensions import db
from app.labels import PERSON_TITLE_LABELS, POSITION_LABELS, REGISTRATION_STATE_LABELS, UNIT_TITLE_LABELS
from app.models import Person, Registration, Unit, UnitRegistration
from app.registration import queries
from app.registration.views import bp

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _local_date(moment: datetime | None) -> date:
    """The day a registration was sent, as the unit counts days (stored times are UTC); today for a draft."""
    if moment is None:
        return clock.today()
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return moment.replace(tzinfo=UTC).astimezone(zone).date()


def _letterhead(sent_at: datetime | None) -> Letterhead:
    return Letterhead.of_unit(db.session.scalar(select(Unit).limit(1)), _local_date(sent_at))


def _approver(record) -> str:
    return record.decided_by.display_name if record.state == "approved" and record.decided_by else ""


def _person_document(registration: Registration) -> OfficialDocument:
    person = registration.person
    # An official document has one language: the labels are taken in Vietnamese whatever the reader's choice.
    with force_locale("vi"):
        values = PersonRegistrationValues(
            year=registration.year.year, full_name=person.full_name, position=str(POSITION_LABELS[person.position]),
            department=person.department.name if person.department else "",
            title=str(PERSON_TITLE_LABELS.get(registration.target_title, registration.target_title)),
            initiative_plan=registration.initiative_plan, study_commitment=registration.study_commitment,
            approved=registration.state == "approved", state=str(REGISTRATION_STATE_LABELS[registration.state]),
            approver=_approver(registration),
        )
    return person_document(_letterhead(registration.submitted_at), values)


def _unit_document(record: UnitRegistration) -> OfficialDocument:
    approved = db.session.scalars(
        select(Registration).where(Registration.year_id == record.year_id, Registration.state == "approved")
        .options(selectinload(Registration.person).selectinload(Person.department))
    ).all()
    title_of = {registration.person_id: registration.target_title for registration in approved}
    with force_locale("vi"):
        people = tuple(
            RegisteredPerson(person.full_name, str(POSITION_LABELS[person.position]),
                             str(PERSON_TITLE_LABELS.get(title_of[person.id], title_of[person.id])))
            for person in roster.sort_by_department([registration.person for registration in approved])
        )
        values = UnitRegistrationValues(
            year=record.year.year, title=str(UNIT_TITLE_LABELS.get(record.target_title, record.target_title)),
            plan=record.plan, approved=record.state == "approved", state=str(REGISTRATION_STATE_LABELS[record.state]),
            signer_title=str(POSITION_LABELS["truong_ban"]), signer=_approver(record), people=people,
        )
    return unit_document(_letterhead(record.submitted_at), values)


def _docx_response(document: OfficialDocument, name: str):
    response = send_file(BytesIO(to_docx(document)), mimetype=DOCX_TYPE, as_attachment=True, download_name=name,
                         max_age=0)
    response.headers["Cache-Control"] = "private, no-store"  # a person's plans, not for shared caches
    return response


def _unit_record() -> UnitRegistration:
    year = queries.current_year()
    record = queries.unit_registration_of(year) if year else None
    if record is None:
        abort(404)
    return record


def _back_to(registration: Registration) -> dict[str, str]:
    if registration.person_id == current_user.person_id:
        return {"back_url": url_for("registration.index"), "back_label": _("Về bản đăng ký của tôi")}
    return {"back_url": url_for("registration.people"), "back_label": _("Về danh sách đăng ký thi đua")}


@bp.route("/<int:registration_id>/sheet")
@login_required
def sheet(registration_id: int):
    registration = queries.load_registration(registration_id)
    return render_template(
        "documents/print_page.html", document=_person_document(registration),
        page_title=_("Bản đăng ký thi đua năm %(year)s — %(name)s", year=registration.year.year,
                     name=registration.person.full_name),
        docx_url=url_for("registration.sheet_docx", registration_id=registration.id),
        **_back_to(registration),
    )


@bp.route("/<int:registration_id>/sheet.docx")
@login_required
def sheet_docx(registration_id: int):
    registration = queries.load_registration(registration_id)
    return _docx_response(_person_document(registration), file_name(registration.year.year,
                                                                    registration.person.code))


@bp.route("/unit/sheet")
@login_required
def unit_sheet():
    record = _unit_record()
    return render_template(
        "documents/print_page.html", document=_unit_document(record),
        page_title=_("Bản đăng ký thi đua năm %(year)s của đơn vị", year=record.year.year),
        docx_url=url_for("registration.unit_sheet_docx"),
        back_url=url_for("registration.unit"), back_label=_("Về đăng ký thi đua của đơn vị"),
    )


@bp.route("/unit/sheet.docx")
@login_required
def unit_sheet_docx():
    record = _unit_record()
    return _docx_response(_unit_document(record), file_name(record.year.year))
