"""Every route × every role against one table of expectations.

A new route without a line here fails the suite: decide who may use it before it ships.
The target of routes with an id is someone in department B, so that a department A head or staff member,
who has no business there, must be refused.
"""

from __future__ import annotations

import pytest

from tests.views.conftest import HX, login

ROLES = ("anonymous", "staff", "head", "leader", "chief", "admin")
OK, LOGIN, FORBIDDEN = "ok", "login", "forbidden"

EVERYONE = dict.fromkeys(ROLES, OK)
SIGNED_IN = {**dict.fromkeys(ROLES, OK), "anonymous": LOGIN}
ADMIN_ONLY = {**dict.fromkeys(ROLES, FORBIDDEN), "anonymous": LOGIN, "admin": OK}
WHOLE_UNIT = {"anonymous": LOGIN, "staff": FORBIDDEN, "head": FORBIDDEN, "leader": OK, "chief": OK, "admin": OK}

EXPECTED = {
    "static": EVERYONE,
    "auth.login": EVERYONE,
    "auth.choose_language": EVERYONE,
    "auth.logout": SIGNED_IN,
    "auth.change_password": SIGNED_IN,
    "main.home": SIGNED_IN,
    "people.reviewers": SIGNED_IN,
    "people.reviewer_row": WHOLE_UNIT,
    "people.reviewer_edit": ADMIN_ONLY,
    "people.reviewer_update": ADMIN_ONLY,
    "admin.unit_settings": ADMIN_ONLY,
    "admin.departments": ADMIN_ONLY,
    "admin.department_new": ADMIN_ONLY,
    "admin.department_create": ADMIN_ONLY,
    "admin.department_row": ADMIN_ONLY,
    "admin.department_edit": ADMIN_ONLY,
    "admin.department_update": ADMIN_ONLY,
    "admin.department_delete": ADMIN_ONLY,
    "admin.people": ADMIN_ONLY,
    "admin.person_new": ADMIN_ONLY,
    "admin.person_create": ADMIN_ONLY,
    "admin.person_row": ADMIN_ONLY,
    "admin.person_edit": ADMIN_ONLY,
    "admin.person_update": ADMIN_ONLY,
    "admin.person_deactivate": ADMIN_ONLY,
    "admin.person_activate": ADMIN_ONLY,
    "admin.person_reset_password": ADMIN_ONLY,
    "admin.people_import": ADMIN_ONLY,
    "admin.people_import_template": ADMIN_ONLY,
}


def _url_args(rule, org) -> dict:
    values = {"person_id": org.staff_b, "department_id": org.dept_b, "filename": "css/app.css", "fmt": "xlsx"}
    return {name: values[name] for name in rule.arguments}


def _outcome(response) -> str:
    location = response.headers.get("Location", "") + response.headers.get("HX-Redirect", "")
    if response.status_code in (302, 401) and "/login" in location and "signed_out" not in location:
        return LOGIN
    if response.status_code == 403:
        return FORBIDDEN
    assert response.status_code < 500, response.get_data(as_text=True)[:300]
    return OK


def test_every_route_has_an_expectation(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints == set(EXPECTED), (
        f"routes without an expectation: {sorted(endpoints - set(EXPECTED))}; "
        f"expectations without a route: {sorted(set(EXPECTED) - endpoints)}"
    )


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_exactly_what_the_table_allows(app, org, role):
    seen = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            for headers in ({}, HX):  # a fragment endpoint is checked exactly like its page
                client = app.test_client()
                if role != "anonymous":
                    login(client, role)
                with app.test_request_context():
                    from flask import url_for

                    url = url_for(rule.endpoint, **_url_args(rule, org))
                response = client.open(url, method=method, headers=headers, data={})
                got = _outcome(response)
                seen.append((rule.endpoint, method, bool(headers), got))
                assert got == EXPECTED[rule.endpoint][role], (
                    f"{role} {method} {url} ({'htmx' if headers else 'page'}): expected "
                    f"{EXPECTED[rule.endpoint][role]}, got {got} ({response.status_code})"
                )
    assert seen
