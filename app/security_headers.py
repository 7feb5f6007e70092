"""The response headers every page carries, set in one place.

The pages load scripts and styles only from this server, with no inline script or style (htmx is configured for
that in base.html's htmx-config: no eval, no script tags, no indicator styles, and no style attribute copied
from the old element on a swap), so the Content-Security-Policy can be strict. A response that sets its own policy (an attachment served sandboxed) keeps it. Cookies' Secure flag is
set by SOTD_HTTPS (app/config.py), not here.
"""

from __future__ import annotations

from flask import Flask, Response

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


_NAMES = frozenset(name.lower() for name in HEADERS)
_ITEMS = tuple(HEADERS.items())


def init_app(app: Flask) -> None:
    @app.after_request
    def set_security_headers(response: Response) -> Response:
        headers = response.headers
        # One pass over what the response has (a few headers) instead of one search per header; most have none of
        # ours, and get them all at once.
        if any(name.lower() in _NAMES for name, _value in headers.items()):
            for name, value in _ITEMS:
                headers.setdefault(name, value)
        else:
            headers.extend(_ITEMS)
        return response
