"""Rendered pages kept in the worker's memory, per person, until anything in the database changes.

Why: most requests are the same people reading the same pages again (the board on the projector during the
meeting, "Việc của tôi" after each save, a htmx panel re-opened), while building a page of even a 20-person unit
costs 10–30 ms of Python (docs/performance.md). A hit costs one primary-key query.

What makes a hit safe — the key holds everything a page depends on:
- the data version (app/data_version.py): any committed write, by anyone, in any worker or server, changes it;
- who is asking: the account and its session token (a password change or reset replaces it), and the session's
  CSRF token, which the page's forms carry;
- the language, the date (deadlines and "late" marks move with it), the full path with its query, and every HX-*
  request header (htmx asks for fragments of the same URL).
Only a GET by a signed-in person with no message waiting in the session is served from here, and only a 200
text/html response is kept — one that committed no write itself and did not change the session. (A write committed
elsewhere while the page was being built can only make the kept page newer than its key, never older.)
Each app has its own store, bounded by PAGE_CACHE_ENTRIES pages and PAGE_CACHE_BYTES (32 MB); 0 entries turns the
cache off.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from flask import Flask, Response, current_app, g, request, session

from app import clock, data_version
from app.extensions import db

MAX_BODY = 512 * 1024  # a year-end list of a big unit is not worth a worker's memory
KEPT_HEADERS = ("Content-Type", "HX-Trigger", "HX-Retarget", "HX-Reswap", "Content-Language")


class PageStore:
    """A least-recently-used store of (status, headers, body), bounded by entries and by bytes, safe for threaded
    workers."""

    def __init__(self, capacity: int, max_bytes: int = 32 * 1024 * 1024):
        self.capacity = capacity
        self.max_bytes = max_bytes
        self.size = 0  # bytes of the bodies kept
        self._entries: OrderedDict[tuple, tuple[int, list[tuple[str, str]], bytes]] = OrderedDict()
        self._lock = threading.Lock()
        self.engine = None  # the app's engine, looked up once

    def bind(self, engine):
        self.engine = engine
        return engine

    def get(self, key: tuple):
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: tuple, entry) -> None:
        with self._lock:
            replaced = self._entries.pop(key, None)
            if replaced is not None:
                self.size -= len(replaced[2])
            self._entries[key] = entry
            self.size += len(entry[2])
            while len(self._entries) > self.capacity or self.size > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self.size -= len(dropped[2])

    def __len__(self) -> int:
        return len(self._entries)


def init_app(app: Flask) -> None:
    capacity = app.config.setdefault("PAGE_CACHE_ENTRIES", 500)
    if not capacity:
        return
    # 32 MB a worker at most, whatever the pages weigh (a 20-person unit's pages are 5–50 KB).
    app.extensions["page_cache"] = PageStore(capacity, app.config.setdefault("PAGE_CACHE_BYTES", 32 * 1024 * 1024))
    app.before_request(_serve_from_store)
    app.after_request(_keep)


def _cacheable() -> bool:
    """A GET of a page by a signed-in person with no message waiting: checked before any query is spent."""
    return (request.method == "GET" and request.endpoint not in (None, "static")
            and bool(session.get("_user_id")) and not session.get("_flashes"))


def _key(version: int) -> tuple:
    # The HX-* request headers as the WSGI environ holds them (HTTP_HX_REQUEST…): one pass, no header objects.
    environ = request.environ
    htmx_headers = tuple(sorted(item for item in environ.items() if item[0].startswith("HTTP_HX_")))
    return (version, session.get("_user_id"), session.get("csrf_token"), session.get("lang"), clock.today(),
            request.full_path, htmx_headers)


def _serve_from_store():
    if not _cacheable():
        g.page_cache_key = None
        return None
    store = current_app.extensions["page_cache"]
    # On a connection of its own: a hit then needs no ORM session at all (nothing to open, nothing to close).
    key = g.page_cache_key = _key(data_version.current_on(store.engine or store.bind(db.engine)))
    entry = store.get(key)
    if entry is None:
        return None
    g.page_cache_hit = True
    status, headers, body = entry
    return Response(body, status=status, headers=headers)


def _keep(response: Response) -> Response:
    key = g.pop("page_cache_key", None)
    if key is None or g.pop("page_cache_hit", False):
        return response
    if (response.status_code != 200 or response.mimetype != "text/html" or response.direct_passthrough
            or session.modified or "Set-Cookie" in response.headers):
        return response
    body = response.get_data()
    if len(body) > MAX_BODY or db.session.info.get(data_version.WROTE):
        return response  # too big to keep, or this request itself wrote something
    headers = [(name, value) for name, value in response.headers.items() if name in KEPT_HEADERS]
    current_app.extensions["page_cache"].put(key, (response.status_code, headers, body))
    return response
