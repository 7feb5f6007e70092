"""Who may do what at the year end. The general rules are in app.permissions; these are the year end's own.

- Reading a person's year (months, titles, what-if): whoever may see the person (permissions.can_view_person).
- The unit's part (its titles, the quota, the documents of the whole unit): the board's leaders and admins.
- Deciding who keeps Hoàn thành xuất sắc when the quota overflows, and recording the bình xét meeting: the board's
  leaders (Trưởng ban, Phó trưởng ban), who run the year end.
"""

from __future__ import annotations

from app.models import Account
from app.permissions import can_manage_year, is_board_leader


def can_see_unit(account: Account) -> bool:
    return can_manage_year(account)


def can_decide_year_end(account: Account) -> bool:
    return bool(account.is_authenticated) and is_board_leader(account)
