"""A person's review page, the answer to it, amendments and the shortcoming ledger. The target is department B's
staff member in March 2026 (the years area opens 2026, the commitments area provides month 3): the board's leaders
and admins read his page; only he answers it (nobody walked here is him); his reviewer (department B's head) or the
Trưởng ban replies; amending is for whoever may write his review or a board leader — refused with 409 here, as
March is not closed."""

from tests.views.access import FORBIDDEN, LOGIN, OK, WHOLE_UNIT

NOBODY_WALKED = {"anonymous": LOGIN, "staff": FORBIDDEN, "head": FORBIDDEN, "leader": FORBIDDEN,
                 "chief": FORBIDDEN, "admin": FORBIDDEN}
CHIEF_ONLY = {**NOBODY_WALKED, "chief": OK}
AMENDERS = {**NOBODY_WALKED, "leader": OK, "chief": OK}
WITH_A_PERSON = {"anonymous": LOGIN, "staff": OK, "head": OK, "leader": OK, "chief": OK, "admin": FORBIDDEN}

EXPECTED = {
    "reviews.person_review": WHOLE_UNIT,
    "reviews.my_review": WITH_A_PERSON,
    "reviews.acknowledge": NOBODY_WALKED,
    "reviews.object": NOBODY_WALKED,
    "reviews.reply": CHIEF_ONLY,
    "reviews.amend": AMENDERS,
    "reviews.ledger": WHOLE_UNIT,
}
