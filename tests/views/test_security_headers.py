"""Every response carries the security headers: a strict Content-Security-Policy (no inline script or style, no
framing), nosniff, a same-origin referrer; a sandboxed attachment keeps its own stricter policy."""

from __future__ import annotations

import pytest

from app.security_headers import CONTENT_SECURITY_POLICY
from tests.views.conftest import HX, login


@pytest.mark.parametrize("path", ["/login", "/", "/reviews/", "/years/", "/admin/people", "/no-such-page"])
def test_every_page_forbids_inline_script_framing_and_sniffing(client, org, path):
    login(client, "admin")
    for headers in ({}, HX):
        response = client.get(path, headers=headers)
        assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        directives = dict(part.split(" ", 1) for part in CONTENT_SECURITY_POLICY.split("; "))
        assert directives["script-src"] == "'self'" and "unsafe-" not in CONTENT_SECURITY_POLICY  # no inline, no eval
        assert directives["style-src"] == "'self'" and directives["object-src"] == "'none'"
        assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"


def test_an_anonymous_visitor_gets_them_too(client):
    response = client.get("/login")
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["X-Frame-Options"] == "DENY"
