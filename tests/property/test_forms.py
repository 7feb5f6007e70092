"""Every write route, posted hostile form data by an account allowed to use it: never a 500.

The routes come from app.url_map (a new route is covered without editing this file) and the field names from what
the route reads while it runs (tests/property/world.py). Each example posts the route's real fields, each one
missing, repeated or filled with a hostile value, plus random extra fields, as a plain form, a multipart form or a
JSON body, with and without htmx headers. An answer is never a 500, a 4xx answer says why in Vietnamese, and an
injected <script> never comes back unescaped — neither in the answer nor on the page a redirect leads to.
"""

from __future__ import annotations

import io
import json
from urllib.parse import quote_from_bytes, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.property import hostile
from tests.property.world import form_settings, write_routes

HX = {"HX-Request": "true"}


def _bytes(value) -> bytes:
    return value if isinstance(value, bytes) else value.encode("utf-8")


def _text(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


@st.composite
def submissions(draw, fields):
    pairs: list[tuple[str, str | bytes]] = []
    files: list[tuple[str, tuple[bytes, str]]] = []
    for name, info in sorted(fields.items()):
        if not draw(st.booleans()) and draw(st.booleans()):  # a quarter of the fields go missing
            continue
        if info.kind == "file":
            files.append((name, draw(hostile.upload())))
            continue
        for value in draw(st.lists(hostile.values_for(info), min_size=1, max_size=3)):  # duplicates too
            pairs.append((name, value))
    pairs += draw(st.lists(st.tuples(hostile.extra_names, hostile.text_values()), max_size=3))
    encoding = draw(st.sampled_from(("form", "form", "form", "multipart", "json")))
    if files and encoding == "form":
        encoding = "multipart"
    body = draw(json_values) if encoding == "json" else None
    return {"pairs": pairs, "files": files, "encoding": encoding, "json": body, "htmx": draw(st.booleans())}


def send(client, url: str, method: str, submission):
    headers = dict(HX) if submission["htmx"] else {}
    if submission["encoding"] == "json":
        return client.open(url, method=method, headers=headers, data=json.dumps(submission["json"]),
                           content_type="application/json")
    if submission["encoding"] == "multipart":
        data: list[tuple[str, object]] = [(name, _text(value)) for name, value in submission["pairs"]]
        data += [(name, (io.BytesIO(content), filename)) for name, (content, filename) in submission["files"]]
        return client.open(url, method=method, headers=headers, data=_multidict(data),
                           content_type="multipart/form-data")
    body = "&".join(f"{quote_from_bytes(_bytes(name))}={quote_from_bytes(_bytes(value))}"
                    for name, value in submission["pairs"])
    return client.open(url, method=method, headers=headers, data=body.encode("ascii"),
                       content_type="application/x-www-form-urlencoded")


def _multidict(pairs):
    from werkzeug.datastructures import MultiDict

    return MultiDict(pairs)


def check_answer(response, what: str) -> None:
    body = response.get_data().decode("utf-8", "replace")
    assert response.status_code < 500, f"{what}: {response.status_code}\n{body[:2000]}"
    for marker in hostile.UNESCAPED:
        assert marker not in body, f"{what}: {marker!r} came back unescaped"
    if 400 <= response.status_code < 500:
        assert hostile.has_vietnamese(body), f"{what}: {response.status_code} without a Vietnamese message: {body[:300]}"


def follow(client, response, what: str) -> None:
    """The page a redirect leads to shows what was just saved: it must be as safe as the answer."""
    location = response.headers.get("HX-Redirect") or (
        response.headers.get("Location") if 300 <= response.status_code < 400 else None)
    if not location:
        return
    parts = urlsplit(location)
    assert parts.netloc in ("", "localhost"), f"{what}: redirected off the site to {location}"
    page = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
    check_answer(page, f"{what} → {location}")


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
        check_answer(response, what)
        follow(client, response, what)

    post()
