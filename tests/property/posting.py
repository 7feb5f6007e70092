"""Posting hostile submissions and judging the answers: shared by the form and CSRF property tests."""

from __future__ import annotations

import io
import json
from urllib.parse import quote_from_bytes, urlsplit

from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from tests.property import hostile

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
        if info.kind == "file" and draw(st.integers(0, 4)):
            files.append((name, draw(hostile.upload())))
            continue  # else the file field gets text: the wrong type
        for value in draw(st.lists(hostile.values_for(info), min_size=1, max_size=3)):  # duplicates too
            pairs.append((name, value))
    pairs += draw(st.lists(st.tuples(hostile.extra_names, hostile.text_values()), max_size=3))
    if pairs and draw(st.integers(0, 3)) == 0:  # one huge value (100 KB) in a quarter of the examples
        index = draw(st.integers(0, len(pairs) - 1))
        pairs[index] = (pairs[index][0], draw(st.sampled_from(hostile.HUGE)))
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
        return client.open(url, method=method, headers=headers, data=MultiDict(data),
                           content_type="multipart/form-data")
    body = "&".join(f"{quote_from_bytes(_bytes(name))}={quote_from_bytes(_bytes(value))}"
                    for name, value in submission["pairs"])
    return client.open(url, method=method, headers=headers, data=body.encode("ascii"),
                       content_type="application/x-www-form-urlencoded")


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
