"""Every route × every role against the expectations in tests/views/access/.

A new route without an expectation fails the suite: decide who may use it before it ships.
"""

from __future__ import annotations

import pytest
from flask import url_for

from tests.views import access
from tests.views.access import LOGIN, OK, ROLES
from tests.views.conftest import HX, login

FORBIDDEN = access.FORBIDDEN


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
    expected = set(access.expected())
    assert endpoints == expected, (
        f"routes without an expectation: {sorted(endpoints - expected)}; "
        f"expectations without a route: {sorted(expected - endpoints)}"
    )


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_exactly_what_the_table_allows(app, org, role):
    expected = access.expected()
    with app.app_context():
        values = access.targets(org)
    seen = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            for headers in ({}, HX):  # a fragment endpoint is checked exactly like its page
                client = app.test_client()
                if role != "anonymous":
                    login(client, role)
                with app.test_request_context():
                    url = url_for(rule.endpoint, **{name: values[name] for name in rule.arguments})
                response = client.open(url, method=method, headers=headers, data={})
                got = _outcome(response)
                seen.append((rule.endpoint, method, bool(headers), got))
                assert got == expected[rule.endpoint][role], (
                    f"{role} {method} {url} ({'htmx' if headers else 'page'}): expected "
                    f"{expected[rule.endpoint][role]}, got {got} ({response.status_code})"
                )
    assert seen and OK in {outcome for *_, outcome in seen}
