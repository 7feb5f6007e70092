"""Monthly commitments and the self-assessment: one's own sheet is one's own; a reviewer sends a sheet back;
whoever may see a person reads their sheet."""

from sqlalchemy import select

from app.extensions import db
from app.models import CommitmentItem, CommitmentSheet, Year
from tests import factories
from tests.views.access import LOGIN, OK, SIGNED_IN, WHOLE_UNIT

FORBIDDEN = "forbidden"
# Only people have sheets: an administrator's account that is nobody is refused.
PEOPLE = {"anonymous": LOGIN, "staff": OK, "head": OK, "leader": OK, "chief": OK, "admin": FORBIDDEN}
# Someone else's item (department B's staff member's): nobody but its owner may write it.
OWNER_ONLY = {"anonymous": LOGIN, "staff": FORBIDDEN, "head": FORBIDDEN, "leader": FORBIDDEN, "chief": FORBIDDEN,
              "admin": FORBIDDEN}
# Sending department B's staff member's sheet back: their reviewer (department B's head) or the Trưởng ban.
DECIDERS = {**OWNER_ONLY, "chief": OK}

EXPECTED = {
    "commitments.index": SIGNED_IN,
    "commitments.sheet": PEOPLE,
    "commitments.copy_unfinished": PEOPLE,
    "commitments.submit": PEOPLE,
    "commitments.item_new": PEOPLE,
    "commitments.item_create": PEOPLE,
    "commitments.item_row": WHOLE_UNIT,
    "commitments.item_edit": OWNER_ONLY,
    "commitments.item_update": OWNER_ONLY,
    "commitments.item_delete": OWNER_ONLY,
    "commitments.item_move": OWNER_ONLY,
    "commitments.item_assess": OWNER_ONLY,
    "commitments.self_assessment": PEOPLE,
    "commitments.self_summary": PEOPLE,
    "commitments.self_general": PEOPLE,
    "commitments.self_texts": PEOPLE,
    "commitments.self_leave": PEOPLE,
    "commitments.self_submit": PEOPLE,
    "commitments.team": SIGNED_IN,
    "commitments.person_sheet": WHOLE_UNIT,
    "commitments.return_sheet": DECIDERS,
}

# A year of its own for the item the item routes point at, so that no other area's year is in the way.
ITEMS_YEAR = 2031


def targets(org):
    year = db.session.scalar(select(Year).where(Year.year == ITEMS_YEAR)) or factories.year(
        ITEMS_YEAR, states={3: "commitments"})
    sheet = CommitmentSheet(person_id=org.staff_b, month_id=factories.month(year, 3).id, state="draft")
    sheet.items.append(CommitmentItem(position=1, title="Thẩm định hồ sơ khen thưởng"))
    db.session.add(sheet)
    db.session.commit()
    # The year and month of the sheet routes are the ones the years area opens (2026, with March open).
    return {"item_id": sheet.items[0].id, "month": 3}
