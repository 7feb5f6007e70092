"""Initiatives and attached files. The target is department B's staff member's initiative (submitted, with a
file he uploaded) and one of his commitment items: nobody walked here is their author or owner."""

from sqlalchemy import select

from app import uploads
from app.extensions import db
from app.initiatives.demo import minimal_pdf
from app.models import (
    Account,
    Attachment,
    CommitmentItem,
    CommitmentSheet,
    Initiative,
    InitiativeAuthor,
    Month,
    Year,
)
from tests import factories
from tests.views.access import BOARD_LEADERS, FORBIDDEN, LOGIN, SIGNED_IN, WHOLE_UNIT

WITH_A_PERSON = {**SIGNED_IN, "admin": FORBIDDEN}  # an admin account is nobody: it cannot be an author
OWNER_ONLY = {**dict.fromkeys(("staff", "head", "leader", "chief", "admin"), FORBIDDEN), "anonymous": LOGIN}

EXPECTED = {
    "initiatives.index": SIGNED_IN,
    "initiatives.new": WITH_A_PERSON,
    "initiatives.create": WITH_A_PERSON,
    "initiatives.show": WHOLE_UNIT,
    "initiatives.edit": OWNER_ONLY,
    "initiatives.update": OWNER_ONLY,
    "initiatives.submit": OWNER_ONLY,
    "initiatives.decide": BOARD_LEADERS,
    "initiatives.mark_award": BOARD_LEADERS,
    "initiatives.unmark_award": BOARD_LEADERS,
    "initiatives.upload_initiative_file": BOARD_LEADERS,
    "initiatives.upload_item_file": OWNER_ONLY,
    "initiatives.download_attachment": WHOLE_UNIT,
    "initiatives.confirm_delete_attachment": BOARD_LEADERS,
    "initiatives.delete_attachment": BOARD_LEADERS,
}

def targets(org):
    initiative = Initiative(year=2026, kind="initiative", title="Sáng kiến của phòng B", status="submitted",
                            problem="Vấn đề.", solution="Giải pháp.", benefit="Hiệu quả.", created_by_id=org.staff_b,
                            authors=[InitiativeAuthor(person_id=org.staff_b, position=0)])
    db.session.add(initiative)
    db.session.flush()
    upload = uploads.check_bytes(minimal_pdf(["Thuyet minh"]), "Thuyết minh.pdf")
    uploader = db.session.scalar(select(Account.id).where(Account.person_id == org.staff_b))
    attachment = Attachment(initiative_id=initiative.id, original_name=upload.name, content_type="application/pdf",
                            stored_name=uploads.store(upload, uploads.folder()), size=len(upload.data),
                            uploaded_by_id=uploader)
    # A year no other area's targets open; its month is at self-assessment, when evidence is attached.
    year = db.session.scalar(select(Year).where(Year.year == 2023)) or factories.year(2023, states={5: "self_assessment"})
    month = db.session.scalar(select(Month).where(Month.year_id == year.id, Month.number == 5))
    sheet = CommitmentSheet(person_id=org.staff_b, month_id=month.id, state="submitted")
    sheet.items.append(CommitmentItem(title="Thẩm định 12 hồ sơ", position=0))
    db.session.add_all([attachment, sheet])
    db.session.commit()
    return {"initiative_id": initiative.id, "attachment_id": attachment.id, "commitment_item_id": sheet.items[0].id}
