"""A record's history panel: whoever may see the record reads its history. The target is department B's staff
member (entity "person"): the board's leaders and admins see him, department A's people do not."""

from tests.views.access import WHOLE_UNIT

EXPECTED = {
    "people.history_panel": WHOLE_UNIT,
}


def targets(org):
    return {"entity": "person", "entity_id": org.staff_b}
