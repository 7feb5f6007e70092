"""The ONLY place that reads HX-* request headers or writes HX-* response headers.

Views call render() with the full page and the fragment the page includes; htmx callers get the fragment,
everyone else the page. Event names sent with HX-Trigger are listed here once.
"""

from __future__ import annotations

import json

from flask import Response, make_response, render_template, request
from flask import redirect as flask_redirect

# Events the browser may listen for (kebab-case, one list).
PEOPLE_CHANGED = "people-changed"
DEPARTMENTS_CHANGED = "departments-changed"
SELF_ASSESSMENT_CHANGED = "self-assessment-changed"  # the live total of a self-assessment
EVENTS = (PEOPLE_CHANGED, DEPARTMENTS_CHANGED, SELF_ASSESSMENT_CHANGED)


def is_htmx() -> bool:
    """A request made by htmx that wants a fragment (a history restore wants the whole page)."""
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-History-Restore-Request") != "true"


def render(page: str, partial: str, status: int = 200, oob: tuple[str, ...] = (), **context) -> Response:
    """The fragment for htmx (with any pending messages swapped out-of-band into the flash area), else the page.

    `notices` in the context are messages shown once and never stored in the session (a temporary password).
    `oob` names small fragments elsewhere on the page that the change also alters (a status, a counter): htmx
    callers get them out-of-band, rendered with `oob=True` so that they carry hx-swap-oob; the page includes them
    as usual.
    """
    if not is_htmx():
        return make_response(render_template(page, **context), status)
    body = render_template(partial, **context)
    for fragment in oob:
        body += render_template(fragment, **{**context, "oob": True})
    body += render_template("partials/flash_oob.html", notices=context.get("notices", ()))
    return make_response(body, status)


def redirect(location: str) -> Response:
    """After a successful write: htmx follows HX-Redirect in the browser; a plain form gets 303 See Other."""
    if is_htmx():
        response = make_response("", 204)
        response.headers["HX-Redirect"] = location
        return response
    return flask_redirect(location, 303)


def retarget(response: Response, selector: str, swap: str = "outerHTML") -> Response:
    """Send the fragment somewhere other than where the request aimed (a saved row refreshes its whole table)."""
    response.headers["HX-Retarget"] = selector
    response.headers["HX-Reswap"] = swap
    return response


def trigger(response: Response, event: str, detail: object | None = None) -> Response:
    if event not in EVENTS:
        raise ValueError(f"unknown htmx event {event!r}: list it in app/htmx.py")
    events = json.loads(response.headers.get("HX-Trigger", "{}") or "{}")
    events[event] = detail if detail is not None else {}
    response.headers["HX-Trigger"] = json.dumps(events)
    return response


def login_redirect(location: str) -> Response:
    """A fragment request whose session ran out: send the whole browser to the login page, not into a table cell."""
    response = make_response("", 401)
    response.headers["HX-Redirect"] = location
    return response
