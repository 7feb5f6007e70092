"""Every write route, posted hostile form data by an account allowed to use it: never a 500.

The routes come from app.url_map (a new route is covered without editing this file) and the field names from what
the route reads while it runs (tests/property/world.py). Each example posts the route's real fields, each one
missing, repeated or filled with a hostile value, plus random extra fields, as a plain form, a multipart form or a
JSON body, with and without htmx headers. An answer is never a 500, a 4xx answer says why in Vietnamese, and an
injected <script> never comes back unescaped — neither in the answer nor on the page a redirect leads to.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import given

from tests.property.posting import check_answer, follow, send, submissions
from tests.property.world import form_settings, write_routes

STATS = os.environ.get("PROPERTY_STATS")


@pytest.mark.parametrize(("endpoint", "method"), write_routes())
def test_hostile_form_data_never_gives_a_500(world, endpoint, method):
    route = world.route(world.rule(endpoint), method)

    @form_settings()
    @given(submission=submissions(route.fields))
    def post(submission):
        world.restore()
        client = world.client(route.account)
        what = f"{route.account} {method} {route.url} {submission['encoding']}{' htmx' if submission['htmx'] else ''}"
        response = send(client, route.url, method, submission)
        if STATS:  # PROPERTY_STATS=file: which answers each route gave, to see how deep the examples reach
            with open(STATS, "a", encoding="utf-8") as stats:
                stats.write(f"{endpoint} {response.status_code}\n")
        check_answer(response, what)
        follow(client, response, what)

    post()


def test_every_write_route_is_posted_to_by_an_account_it_lets_in(world):
    """Otherwise the examples above would test nothing but a refusal: give the route URL values (OVERRIDES) or an
    account (ACCOUNTS) in tests/property/world.py that reach its form."""
    refused = {}
    for endpoint, method in write_routes():
        route = world.route(world.rule(endpoint), method)
        if route.probe_status in (401, 403, 404):
            refused[f"{endpoint} {method}"] = (route.account, route.url, route.probe_status)
    assert refused == {}
