"""The review board: everyone signed in opens a month's board (it shows only the people they may see); a review is
written by the person's reviewer or the Trưởng ban; approving and closing are the board leaders'.

The walked routes point at department B's staff member, whose reviewer is department B's head: of the walked roles
only the Trưởng ban writes his review. The year (2026) and the month (3) are the ones the other areas open."""

from tests.views.access import BOARD_LEADERS, FORBIDDEN, LOGIN, OK, SIGNED_IN, WHOLE_UNIT

WRITERS = {"anonymous": LOGIN, "staff": FORBIDDEN, "head": FORBIDDEN, "leader": FORBIDDEN, "chief": OK,
           "admin": FORBIDDEN}

EXPECTED = {
    "reviews.board": SIGNED_IN,
    "reviews.row": WHOLE_UNIT,
    "reviews.edit": WRITERS,
    "reviews.editor_self": WRITERS,
    "reviews.editor_earlier": WRITERS,
    "reviews.editor_points": WRITERS,
    "reviews.save": WRITERS,
    "reviews.approve": BOARD_LEADERS,
    "reviews.approve_all": BOARD_LEADERS,
    "reviews.close": BOARD_LEADERS,
    "reviews.blockers": BOARD_LEADERS,
}
