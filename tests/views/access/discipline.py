"""Discipline and pending cases: department B's records are read by the board's leaders and admins (and by
department B's head and the person), recorded by the board's leaders and admins; everyone signed in sees the unit
list, filtered to the people they may see."""

from datetime import date

from app.extensions import db
from app.models import Discipline, PendingCase
from tests.views.access import LOGIN, OK, SIGNED_IN, WHOLE_UNIT

RECORDERS = {"anonymous": LOGIN, "staff": "forbidden", "head": "forbidden", "leader": OK, "chief": OK, "admin": OK}

EXPECTED = {
    "people.discipline_unit": SIGNED_IN,
    "people.discipline_person": WHOLE_UNIT,
    "people.discipline_row": WHOLE_UNIT,
    "people.case_row": WHOLE_UNIT,
    **{f"people.{prefix}_{action}": RECORDERS for prefix in ("discipline", "case")
       for action in ("new", "create", "edit", "update", "delete")},
}


def targets(org):
    discipline = Discipline(person_id=org.staff_b, form="khien_trach", decision_number="7/QĐ-BTĐKT",
                            decided_on=date(2026, 3, 2), ends_on=date(2026, 9, 2))
    case = PendingCase(person_id=org.staff_b, kind="complaint", opened_on=date(2026, 10, 1))
    db.session.add_all([discipline, case])
    db.session.commit()
    return {"discipline_id": discipline.id, "case_id": case.id}
