"""Yearly emulation registration: everyone signed in registers and reads the lists; a registration is seen by
whoever may see its person and decided by the person's reviewer or the Trưởng ban; the unit's registration is
prepared by the board's leaders or an admin and decided by the Trưởng ban."""

from sqlalchemy import select

from app.extensions import db
from app.models import Registration, UnitRegistration, Year
from tests import factories
from tests.views.access import FORBIDDEN, LOGIN, OK, SIGNED_IN, WHOLE_UNIT

PEOPLE_WITH_A_PERSON = {**SIGNED_IN, "admin": FORBIDDEN}  # an admin account belongs to nobody: it cannot register
CHIEF_ONLY = {"anonymous": LOGIN, "staff": FORBIDDEN, "head": FORBIDDEN, "leader": FORBIDDEN, "chief": OK,
              "admin": FORBIDDEN}
UNIT_PREPARERS = {"anonymous": LOGIN, "staff": FORBIDDEN, "head": FORBIDDEN, "leader": OK, "chief": OK, "admin": OK}

EXPECTED = {
    "registration.index": SIGNED_IN,
    "registration.save": PEOPLE_WITH_A_PERSON,
    "registration.people": SIGNED_IN,
    "registration.row": WHOLE_UNIT,
    # staff_b's reviewer is department B's head: of the walked roles only the Trưởng ban decides for him.
    "registration.decide": CHIEF_ONLY,
    "registration.sheet": WHOLE_UNIT,
    "registration.sheet_docx": WHOLE_UNIT,
    "registration.unit": SIGNED_IN,
    "registration.unit_save": UNIT_PREPARERS,
    "registration.unit_decide": CHIEF_ONLY,
    "registration.unit_sheet": SIGNED_IN,
    "registration.unit_sheet_docx": SIGNED_IN,
}


def targets(org):
    # A year no other area's targets open (the years area opens 2026): registrations are found by id, and the unit's
    # pages answer for whichever year is the latest.
    year = db.session.scalar(select(Year).where(Year.year == 2024)) or factories.year(2024)
    registration = Registration(year_id=year.id, person_id=org.staff_b, target_title="ldtt",
                                study_commitment="Học tập và làm theo Bác.", state="submitted")
    db.session.add_all([registration, UnitRegistration(year_id=year.id, target_title="ttldxs", plan="Kế hoạch.",
                                                       state="submitted")])
    db.session.commit()
    return {"registration_id": registration.id}
