"""The year end: everyone signed in opens the year's page (seeing only the people they may see); a person's year and
its what-if are for whoever may see the person (department B's staff member: not department A's people); the quota
decision and the bình xét meeting are the board's leaders' (an admin runs the installation, not the year end); the
unit's documents are for the board's leaders and admins. Its year is the one the years area opens (2026)."""

from tests.views.access import BOARD_LEADERS, SIGNED_IN, WHOLE_UNIT

EXPECTED = {
    "year_end.index": SIGNED_IN,
    "year_end.person": WHOLE_UNIT,
    "year_end.whatif": WHOLE_UNIT,
    "year_end.quota": BOARD_LEADERS,
    "year_end.meeting": BOARD_LEADERS,
    # the unit's documents; a person's own report (another kind) follows who may see the person
    "year_end.document": WHOLE_UNIT,
}


def targets(org):
    return {"document_kind": "unit-report"}
