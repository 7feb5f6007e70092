"""Expectations for the route × role access test, one module per area.

Each module in this package defines EXPECTED (endpoint → {role: outcome}) and may define
`targets(org) -> dict` returning values for URL arguments (called inside an app context, after
factories.small_unit(); create the records the area's routes point at). The target of a route with an id is
someone else's record — department B's staff member's — so that a department A head or staff member, who has no
business there, must be refused.
"""

from __future__ import annotations

import importlib
import pkgutil

ROLES = ("anonymous", "staff", "head", "leader", "chief", "admin")
OK, LOGIN, FORBIDDEN = "ok", "login", "forbidden"

EVERYONE = dict.fromkeys(ROLES, OK)
SIGNED_IN = {**dict.fromkeys(ROLES, OK), "anonymous": LOGIN}
ADMIN_ONLY = {**dict.fromkeys(ROLES, FORBIDDEN), "anonymous": LOGIN, "admin": OK}
# Department B's records: the board's leaders and admins see them, department A's people do not.
WHOLE_UNIT = {"anonymous": LOGIN, "staff": FORBIDDEN, "head": FORBIDDEN, "leader": OK, "chief": OK, "admin": OK}
BOARD_LEADERS = {"anonymous": LOGIN, "staff": FORBIDDEN, "head": FORBIDDEN, "leader": OK, "chief": OK,
                 "admin": FORBIDDEN}


def _area_modules():
    for info in pkgutil.iter_modules(__path__):
        yield importlib.import_module(f"{__name__}.{info.name}")


def expected() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for module in _area_modules():
        for endpoint, outcomes in module.EXPECTED.items():
            assert endpoint not in merged, f"{endpoint} is expected in two modules"
            assert set(outcomes) == set(ROLES), f"{endpoint}: give an outcome for every role"
            merged[endpoint] = outcomes
    return merged


def targets(org) -> dict[str, object]:
    values: dict[str, object] = {"person_id": org.staff_b, "department_id": org.dept_b, "filename": "css/app.css"}
    for module in _area_modules():
        if hasattr(module, "targets"):
            values.update(module.targets(org))
    return values
