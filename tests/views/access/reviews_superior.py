"""The superior body's results (the Trưởng ban's months): the office records them, nobody else sees the page. The
URLs point at the Trưởng ban's January (ended, so the office's empty form reaches its checks); the year (2026)
comes from the other modules."""

from tests.views.access import ADMIN_ONLY

EXPECTED = {
    "reviews.superior": ADMIN_ONLY,
    "reviews.superior_row": ADMIN_ONLY,
    "reviews.superior_edit": ADMIN_ONLY,
    "reviews.superior_save": ADMIN_ONLY,
    "reviews.superior_clear": ADMIN_ONLY,
}


def targets(org) -> dict:
    return {"assessed_id": org.chief, "month_number": 1}
