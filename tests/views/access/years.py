"""Years and months: everyone signed in reads the calendar; the board's leaders and admins run it."""

from tests import factories
from tests.views.access import LOGIN, OK, SIGNED_IN

YEAR_MANAGERS = {"anonymous": LOGIN, "staff": "forbidden", "head": "forbidden", "leader": OK, "chief": OK,
                 "admin": OK}

EXPECTED = {
    "years.index": SIGNED_IN,
    "years.open_year": YEAR_MANAGERS,
    "years.show": SIGNED_IN,
    "years.month_row": SIGNED_IN,
    "years.advance": YEAR_MANAGERS,
    "years.back": YEAR_MANAGERS,
    "years.deadlines": YEAR_MANAGERS,
}


def targets(org):
    factories.year(2026, states={1: "closed", 2: "review", 3: "commitments"})
    return {"year": 2026, "number": 2}
