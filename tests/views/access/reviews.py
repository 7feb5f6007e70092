"""The reviews area's index (the board, person pages and overview have their own modules beside this one)."""

from tests.views.access import SIGNED_IN

EXPECTED = {
    "reviews.index": SIGNED_IN,
}
