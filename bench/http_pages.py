"""Benchmark over HTTP: the key pages and their htmx partials, served by gunicorn, against a bare Flask baseline.

    .venv/bin/python -m bench.http_pages [--sizes 20,2000] [--seconds 5] [--concurrency 8] [--runs 30] [--quick]
                                         [--database sqlite|postgresql] [--no-browser]

For each unit size it builds a synthetic unit with three years of data (bench/synthetic.py) in a temporary SQLite
database (`--database postgresql`: in a private PostgreSQL cluster, tests/postgres_cluster.py), serves it with
gunicorn (bench/instrumented_wsgi.py: the app plus server-time, CPU-time and SQL-count headers) and serves bench/baseline_app.py (a bare Flask + Jinja page of a 20-row SQLite table) with the same gunicorn
settings, in the same run. For each key page and partial it prints:

- the median and p95 server time (the instrumented header) over `--runs` sequential requests after warm-ups, and the
  median CPU time of the worker for the same requests;
- the SQL statements of one request and the HTML's bytes;
- the throughput: `--concurrency` client threads, each with its own connection (kept alive when the server allows
  it: gunicorn's sync worker closes it after each answer, for the baseline alike), for `--seconds` seconds, as
  requests per second and as a ratio to the baseline measured just before it (the machine's other load moves
  both alike);
- for full pages, the first load in Chromium (Playwright, a fresh cache): every request, the bytes transferred
  (headers and bodies), and whether any request left 127.0.0.1.

The page cache (app/page_cache.py) keeps rendered GET pages per worker until the next committed write. So the unit
is served twice, on the same database: by a gunicorn with the cache off (SOTD_PAGE_CACHE_ENTRIES=0: the cold
figures, every page built from scratch) and by one with it on, as deployed. With the cache on it also measures the
same person re-reading an unchanged page (warm: what a throughput run of one URL measures), the first request after
someone else's save (a miss: the page and the year end's memo are rebuilt), and the throughput while one more client
saves an item every second (mixed: each save makes every kept page unreachable). `--no-cache` and `--no-mixed` skip
those.

Then the verdicts against issue 6's targets: key pages at 20 people ≥ 50% of the baseline's throughput (judged on
the warm figure, the cold one shown beside it), first load ≤ 150 KB with nothing leaving the machine, partials
≤ 5 KB; at 2,000 people, a median under 150 ms (issue 4). Figures only: nothing is asserted, and `make test` does not
run it.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
from sqlalchemy import select, text

from app import create_app
from app.extensions import db
from app.models import CommitmentItem, CommitmentSheet, MonthlyReview, Person
from bench import synthetic
from bench.instrumented_wsgi import CPU_MS, QUERIES, SERVER_MS

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).parent / "gunicorn"
CHROMIUM = os.environ.get("SOTD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
HOST = "127.0.0.1"
HX = {"HX-Request": "true"}
CSRF = "_bench_csrf"  # where the signed-in cookies keep the session's token (never sent as a cookie)
RATIO_TARGET, FIRST_LOAD_KB, PARTIAL_KB, LARGE_MEDIAN_MS = 0.5, 150, 5, 150
SLOW_MS, SLOW_RUNS = 1000, 5


# ---- a small HTTP/1.1 client: cheap per request, so that the client costs the app and the baseline alike ----------

class Http:
    """One connection to 127.0.0.1, reopened when the server closes it; cookies kept by name."""

    def __init__(self, port: int, cookies: dict[str, str] | None = None):
        self.port = port
        self.cookies = dict(cookies or {})
        self.sock: socket.socket | None = None
        self.buffer = b""

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
            self.sock = None

    def request(self, method: str, path: str, headers: dict[str, str] | None = None,
                body: bytes = b"") -> tuple[int, dict[str, str], bytes]:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{self.port}", "Connection: keep-alive"]
        sent = [f"{name}={value}" for name, value in self.cookies.items() if name != CSRF]
        if sent:
            lines.append("Cookie: " + "; ".join(sent))
        for name, value in (headers or {}).items():
            lines.append(f"{name}: {value}")
        if body or method == "POST":
            lines.append(f"Content-Length: {len(body)}")
        raw = ("\r\n".join(lines) + "\r\n\r\n").encode() + body
        for attempt in (1, 2):  # a kept-alive connection the server closed meanwhile: once more, on a new one
            if self.sock is None:
                self.sock = socket.create_connection((HOST, self.port))
                self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                self.buffer = b""
            try:
                self.sock.sendall(raw)
                return self._response()
            except (ConnectionError, EOFError):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _read_until(self, marker: bytes) -> bytes:
        while marker not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError
            self.buffer += chunk
        head, self.buffer = self.buffer.split(marker, 1)
        return head

    def _read(self, size: int) -> bytes:
        while len(self.buffer) < size:
            chunk = self.sock.recv(max(65536, size - len(self.buffer)))
            if not chunk:
                raise EOFError
            self.buffer += chunk
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data

    def _response(self) -> tuple[int, dict[str, str], bytes]:
        head = self._read_until(b"\r\n\r\n").decode("latin-1").split("\r\n")
        status = int(head[0].split()[1])
        headers: dict[str, str] = {}
        for line in head[1:]:
            name, _, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                cookie, _, _attributes = value.partition(";")
                cookie_name, _, cookie_value = cookie.partition("=")
                self.cookies[cookie_name.strip()] = cookie_value.strip()
            headers[name] = value
        if "content-length" in headers:
            body = self._read(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            body = self._chunked()
        else:
            body = self._until_close()
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers, body

    def _chunked(self) -> bytes:
        body = b""
        while True:
            size = int(self._read_until(b"\r\n").split(b";")[0], 16)
            if size == 0:
                self._read_until(b"\r\n")
                return body
            body += self._read(size)
            self._read(2)

    def _until_close(self) -> bytes:
        while True:
            chunk = self.sock.recv(65536)
            if not chunk:
                break
            self.buffer += chunk
        body, self.buffer = self.buffer, b""
        self.close()
        return body


def _form_body(data: dict[str, str]) -> bytes:
    from urllib.parse import urlencode
    return urlencode(data).encode()


def sign_in(port: int, username: str, password: str) -> dict[str, str]:
    """The cookies of a signed-in session (CSRF on, as in production)."""
    client = Http(port)
    _status, _headers, page = client.request("GET", "/login")
    token = _csrf(page.decode())
    status, headers, _body = client.request(
        "POST", "/login", {"Content-Type": "application/x-www-form-urlencoded"},
        _form_body({"username": username, "password": password, "csrf_token": token, "next": ""}))
    if status != 302 or headers.get("location", "").endswith("/login"):
        raise SystemExit(f"could not sign in as {username}: {status}")
    # The session's CSRF token as a page carries it (htmx sends it as X-CSRFToken from <body hx-headers>).
    _status, _headers, page = client.request("GET", "/")
    client.close()
    return client.cookies | {CSRF: _csrf(page.decode())}


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf-token" content="([^"]+)"', html) or re.search(
        r'name="csrf_token"[^>]*value="([^"]+)"', html)
    if not found:
        raise SystemExit("no CSRF token in the page")
    return found.group(1)


# ---- what is measured ----------------------------------------------------------------------------------------------

@dataclass
class Measure:
    name: str
    user: str  # the username signed in ("": no session)
    path: str
    kind: str  # "page" (a key page: throughput target, first load), "partial" (≤ 5 KB), "info"
    method: str = "GET"
    htmx: bool = False
    prepare: Callable | None = None  # untimed, before each run: returns (path, body) of a save
    throughput: bool = True


@dataclass
class Result:
    people: int
    name: str
    kind: str
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # the worker thread's CPU time of each run
    queries: int = 0
    bytes: int = 0
    rps: float | None = None
    baseline_rps: float | None = None
    gzip_bytes: int = 0  # as nginx's `gzip on` would send it
    errors: int = 0
    first_load: dict | None = None
    # The page cache (app/page_cache.py): the same page served by a gunicorn with the cache on.
    warm_times: list[float] = field(default_factory=list)  # the same person re-reading an unchanged page
    warm_cpu: list[float] = field(default_factory=list)
    warm_queries: list[int] = field(default_factory=list)
    after_times: list[float] = field(default_factory=list)  # the first request after a write (a cache miss)
    after_cpu: list[float] = field(default_factory=list)
    after_queries: list[int] = field(default_factory=list)
    warm_rps: float | None = None
    mixed_rps: float | None = None  # cache on, while one client saves an item every second
    mixed_writes: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def p95(self) -> float:
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    @property
    def ratio(self) -> float | None:
        return self.rps / self.baseline_rps if self.rps is not None and self.baseline_rps else None

    @property
    def warm_ratio(self) -> float | None:
        return self.warm_rps / self.baseline_rps if self.warm_rps is not None and self.baseline_rps else None

    @property
    def mixed_ratio(self) -> float | None:
        return self.mixed_rps / self.baseline_rps if self.mixed_rps is not None and self.baseline_rps else None


def _fields(html: str) -> tuple[str, dict[str, str]]:
    """The action and the values of the (first) form of an htmx fragment, fields tied to it by form= included."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    form = root.xpath("//form")[0]
    action = form.get("hx-post") or form.get("action")
    form_id = form.get("id")
    data: dict[str, str] = {}
    for element in root.xpath("//input[@name] | //select[@name] | //textarea[@name]"):
        owner = element.get("form")
        if owner and owner != form_id:
            continue
        if not owner and form not in element.iterancestors():
            continue
        name, tag = element.get("name"), element.tag
        if tag == "input":
            kind = (element.get("type") or "text").lower()
            if kind in ("submit", "button", "file"):
                continue
            if kind in ("checkbox", "radio"):
                if element.get("checked") is not None:
                    data[name] = element.get("value") or "on"
                continue
            data[name] = element.get("value") or ""
        elif tag == "select":
            chosen = element.xpath("option[@selected]") or element.xpath("option")
            data[name] = (chosen[0].get("value") if chosen else "") or ""
        else:
            data[name] = element.text or ""
    return action, data


class Save:
    """A save through htmx: the editor read first (untimed), one field changed each time, posted."""

    def __init__(self, port: int, cookies: dict[str, str], edit_path: str, change: Callable[[dict, int], dict]):
        self.client = Http(port, cookies)
        self.edit_path = edit_path
        self.change = change
        self.count = 0

    def __call__(self) -> tuple[str, bytes]:
        status, _headers, body = self.client.request("GET", self.edit_path, HX)
        if status != 200:
            raise SystemExit(f"{self.edit_path}: {status}")
        action, data = _fields(body.decode())
        self.count += 1
        return action, _form_body(self.change(data, self.count))


def _review_change(data: dict, count: int) -> dict:
    # New strengths each time: a text pasted from another person would add a warning.
    return data | {"strengths": f"Lần lưu thứ {count}: chủ động nắm chắc quy trình thẩm định hồ sơ.",
                   "direction": "Hoàn thành dứt điểm hồ sơ đợt 2 trước ngày 15/12."}


def _item_change(data: dict, count: int) -> dict:
    return data | {"title": f"Thẩm định hồ sơ khen thưởng đợt {count} của các phòng"}


@dataclass(frozen=True)
class Targets:
    """The records the URLs point at, read from the built database."""

    reviewee: int  # a member of the head's department whose November review the head may still change
    item: int  # an item of the staff member's December sheet


def _targets(unit: synthetic.SyntheticUnit) -> Targets:
    head_id = int(unit.head_username.removeprefix("nguoi"))
    staff_id = int(unit.staff_username.removeprefix("nguoi"))
    head = db.session.get(Person, head_id)
    reviewee = db.session.scalar(
        select(MonthlyReview.person_id).join(Person, MonthlyReview.person_id == Person.id)
        .where(Person.department_id == head.department_id, Person.id != head.id,
               MonthlyReview.month_id == synthetic.AT_REVIEW, MonthlyReview.review_state != "approved")
        .order_by(Person.id).limit(1))
    item = db.session.scalar(
        select(CommitmentItem.id).join(CommitmentSheet)
        .where(CommitmentSheet.person_id == staff_id, CommitmentSheet.month_id == synthetic.OPEN_FOR_COMMITMENTS)
        .order_by(CommitmentItem.position).limit(1))
    return Targets(reviewee, item)


def measures(unit: synthetic.SyntheticUnit, targets: Targets, port: int, cookies: dict) -> list[Measure]:
    year, month, december = unit.year, synthetic.AT_REVIEW, synthetic.OPEN_FOR_COMMITMENTS
    staff, head, chief = unit.staff_username, unit.head_username, unit.leader_username
    review_save = Save(port, cookies[head], f"/reviews/{year}/{month}/people/{targets.reviewee}/edit", _review_change)
    item_save = Save(port, cookies[staff], f"/commitments/items/{targets.item}/edit", _item_change)
    return [
        # What every page pays before its own work: the sign-in page (no session), then a small signed-in form.
        Measure("sign-in page (no session)", "", "/login", "info"),
        Measure("password form (signed in)", staff, "/account/password", "info"),
        Measure("my work (staff)", staff, "/", "page"),
        Measure("my work (Trưởng ban)", chief, "/", "page"),
        Measure("commitments sheet (staff, 12)", staff, f"/commitments/{year}/{december}", "page"),
        Measure("review board (head)", head, f"/reviews/{year}/{month}", "page"),
        Measure("review board (TB, one dept)", chief, f"/reviews/{year}/{month}?scope=all&department=1", "page"),
        Measure("year overview (TB)", chief, f"/reviews/{year}/overview", "page"),
        Measure("year end (TB)", chief, f"/year-end/{year}", "page"),
        # The year end's two working pages: one department at a time above ONE_DEPARTMENT_ABOVE people.
        Measure("year-end quota (TB)", chief, f"/year-end/{year}/quota", "page", throughput=False),
        Measure("year-end meeting (TB)", chief, f"/year-end/{year}/meeting", "page", throughput=False),
        Measure("board row editor (htmx)", head, f"/reviews/{year}/{month}/people/{targets.reviewee}/edit", "partial",
                htmx=True),
        # The three panels the row editor fetches once in place (the person's own side, the earlier shortcomings'
        # verdicts, the points table): each is a partial too.
        *(Measure(f"row editor: {panel} (htmx)", head,
                  f"/reviews/{year}/{month}/people/{targets.reviewee}/edit/{path}", "partial", htmx=True,
                  throughput=False)
          for panel, path in (("own side", "self"), ("earlier", "earlier"), ("points", "points"))),
        Measure("save one review (htmx)", head, "", "partial", method="POST", htmx=True, prepare=review_save,
                throughput=False),
        Measure("item editor (htmx)", staff, f"/commitments/items/{targets.item}/edit", "partial", htmx=True),
        Measure("save one item (htmx)", staff, "", "partial", method="POST", htmx=True, prepare=item_save,
                throughput=False),
    ]


# ---- servers -------------------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(application: str, env: dict[str, str], options: argparse.Namespace, log: Path):
    """`application` served on a free port of 127.0.0.1 by the venv's gunicorn, `--workers` workers."""
    port = free_port()
    command = [str(GUNICORN), "--workers", str(options.workers), "--worker-class", options.worker_class,
               "--threads", str(options.threads), "--bind", f"{HOST}:{port}", "--log-level", "warning",
               "--timeout", "120", application]
    with open(log, "ab") as output:
        process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, stdout=output,  # noqa: S603
                                   stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                Http(port).request("GET", "/")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"gunicorn {application} did not start; see {log}") from None
                time.sleep(0.2)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# ---- the measurements ----------------------------------------------------------------------------------------------

def _request(client: Http, item: Measure) -> tuple[int, dict, bytes]:
    headers = dict(HX) if item.htmx else {}
    if item.method == "POST":
        path, body = item.prepare()
        headers |= {"Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": client.cookies[CSRF]}
        return client.request("POST", path, headers, body)
    return client.request("GET", item.path, headers)


def timed_runs(port: int, cookies: dict, item: Measure, result: Result, runs: int, warmups: int) -> None:
    client = Http(port, cookies[item.user] if item.user else {})
    number = 0
    while number < warmups + runs:
        status, headers, body = _request(client, item)
        if status != 200:
            raise SystemExit(f"{item.name}: {status}\n{body[:500].decode(errors='replace')}")
        server_ms = float(headers[SERVER_MS.lower()])
        if number == 0 and server_ms > SLOW_MS:
            runs = min(runs, SLOW_RUNS)  # a page of seconds: a few runs say enough
        if number >= warmups:
            result.times.append(server_ms)
            result.cpu.append(float(headers[CPU_MS.lower()]))
            result.queries = int(headers[QUERIES.lower()])
            result.bytes = len(body)
            result.gzip_bytes = len(gzip.compress(body, 6))
        number += 1
    client.close()


def warm_runs(port: int, cookies: dict, item: Measure, result: Result, runs: int, warmups: int) -> None:
    """Cache on: the same person asking again for an unchanged page. Each worker's first answer is a miss, and the
    sync workers take connections in no fixed order, hence at least 8 warm-ups; the median is a hit's figure."""
    client = Http(port, cookies[item.user] if item.user else {})
    warmups, number = max(warmups, 8), 0
    while number < warmups + runs:
        status, headers, body = _request(client, item)
        if status != 200:
            raise SystemExit(f"{item.name} (cache on): {status}\n{body[:500].decode(errors='replace')}")
        if number == 0 and float(headers[SERVER_MS.lower()]) > SLOW_MS:
            warmups, runs = 2, min(runs, SLOW_RUNS)
        if number >= warmups:
            result.warm_times.append(float(headers[SERVER_MS.lower()]))
            result.warm_cpu.append(float(headers[CPU_MS.lower()]))
            result.warm_queries.append(int(headers[QUERIES.lower()]))
        number += 1
    client.close()


def after_write_runs(port: int, cookies: dict, item: Measure, result: Result, runs: int,
                     write: Callable[[], bool]) -> None:
    """Cache on: a save by someone else, then the page: the first request after a write builds it from scratch (the
    page cache and the year end's memo are keyed by the data version)."""
    client = Http(port, cookies[item.user] if item.user else {})
    for number in range(runs):
        if not write():
            raise SystemExit("the writer's save failed")
        status, headers, body = _request(client, item)
        if status != 200:
            raise SystemExit(f"{item.name} (after a write): {status}\n{body[:500].decode(errors='replace')}")
        result.after_times.append(float(headers[SERVER_MS.lower()]))
        result.after_cpu.append(float(headers[CPU_MS.lower()]))
        result.after_queries.append(int(headers[QUERIES.lower()]))
        if number == 0 and result.after_times[0] > SLOW_MS:
            runs = min(runs, 3)
    client.close()


class Writer:
    """One save of the staff member's first December item, as htmx sends it (editor read, title changed, posted)."""

    def __init__(self, port: int, cookies: dict[str, str], item_id: int):
        self.save = Save(port, cookies, f"/commitments/items/{item_id}/edit", _item_change)

    def __call__(self) -> bool:
        action, body = self.save()
        headers = HX | {"Content-Type": "application/x-www-form-urlencoded",
                        "X-CSRFToken": self.save.client.cookies[CSRF]}
        status, _headers, _body = self.save.client.request("POST", action, headers, body)
        return status == 200


def mixed_throughput(port: int, path: str, cookies: dict[str, str], headers: dict[str, str], seconds: float,
                     concurrency: int, write: Callable[[], bool]) -> tuple[float, int, int]:
    """Throughput while one more client saves an item every second (each save changes the data version, so every
    worker's kept pages become unreachable): requests per second, answers other than 200, saves made."""
    stop = threading.Event()
    saves = [0, 0]

    def writer() -> None:
        while True:
            saves[0] += 1
            if not write():
                saves[1] += 1
            if stop.wait(1.0):
                return

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    try:
        rps, errors = throughput(port, path, cookies, headers, seconds, concurrency)
    finally:
        stop.set()
        thread.join()
    return rps, errors + saves[1], saves[0]


def throughput(port: int, path: str, cookies: dict[str, str], headers: dict[str, str], seconds: float,
               concurrency: int) -> tuple[float, int]:
    """Requests per second of `concurrency` clients asking for `path` for `seconds`; and the answers other than 200."""
    counts = [0] * concurrency
    errors = [0] * concurrency
    start = threading.Barrier(concurrency + 1)
    stop = threading.Event()

    def client(index: int) -> None:
        connection = Http(port, cookies)
        start.wait()
        while not stop.is_set():
            try:
                status, _headers, _body = connection.request("GET", path, headers)
            except OSError:
                errors[index] += 1
                connection.close()
                continue
            if status == 200:
                counts[index] += 1
            else:
                errors[index] += 1
        connection.close()

    threads = [threading.Thread(target=client, args=(index,), daemon=True) for index in range(concurrency)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.perf_counter() - began), sum(errors)


def first_load(port: int, cookies: dict[str, str], path: str) -> dict:
    """The page's first load in a fresh Chromium context: requests, bytes transferred, hosts asked."""
    from playwright.sync_api import sync_playwright

    requests: list = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context()
            context.add_cookies([{"name": name, "value": value, "domain": HOST, "path": "/"}
                                 for name, value in cookies.items() if name != CSRF])
            page = context.new_page()
            page.on("requestfinished", lambda request: requests.append(request))
            page.on("requestfailed", lambda request: requests.append(request))
            page.goto(f"http://{HOST}:{port}{path}", wait_until="networkidle")
            total, hosts, failed = 0, set(), 0
            for request in requests:
                hosts.add(urlsplit(request.url).hostname or request.url.split(":", 1)[0])
                if request.failure:
                    failed += 1
                    continue
                sizes = request.sizes()
                total += sizes["responseHeadersSize"] + sizes["responseBodySize"]
            context.close()
        finally:
            browser.close()
    hosts.discard(HOST)
    return {"requests": len(requests), "bytes": total, "other_hosts": sorted(hosts), "failed": failed}


def build_unit(folder: Path, people: int, cluster=None) -> tuple[str, synthetic.SyntheticUnit, Targets]:
    """The unit in SQLite under `folder`, or in a new database of the PostgreSQL `cluster`."""
    url = cluster.create_database(f"bench_{people}") if cluster else f"sqlite:///{folder / 'bench.sqlite3'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench",  # noqa: S106  (a throwaway database)
                      "INSTANCE_PATH": str(folder / "instance")})
    with app.app_context():
        db.create_all()
        unit = synthetic.build(people)
        if cluster:
            _advance_sequences()
        targets = _targets(unit)
        db.session.remove()
        db.engine.dispose()
    return url, unit, targets


def _advance_sequences() -> None:
    """PostgreSQL: the rows came with explicit ids, so each id sequence starts after the largest (the saves add
    audit events)."""
    for table in db.metadata.sorted_tables:
        column = table.c.get("id")
        if column is None or not column.primary_key or not column.autoincrement:
            continue
        db.session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # noqa: S608
                                f"coalesce((SELECT max(id) FROM {table.name}), 0) + 1, false)"))
    db.session.commit()


@contextmanager
def database_cluster(kind: str):
    """A private PostgreSQL cluster (tests/postgres_cluster.py) for `--database postgresql`, else nothing."""
    if kind != "postgresql":
        yield None
        return
    from tests.postgres_cluster import Cluster

    cluster = Cluster().start()
    try:
        yield cluster
    finally:
        cluster.stop()


def measure_size(people: int, options: argparse.Namespace, baseline_port: int, log: Path,
                 cluster=None) -> list[Result]:
    results = []
    with tempfile.TemporaryDirectory(prefix="sotd-http-bench-") as folder_name:
        folder = Path(folder_name)
        started = time.perf_counter()
        url, unit, targets = build_unit(folder, people, cluster)
        print(f"  {people} people: unit of {len(unit.years)} years built in {time.perf_counter() - started:.1f} s; "
              f"load average {_load_average()}", flush=True)
        env = {"BENCH_INSTRUMENTED": "1", "DATABASE_URL": url, "SECRET_KEY": "bench"}
        # Two gunicorns on the same database: the page cache off (every page built from scratch: the cold figures)
        # and on, as deployed (the warm figures, the first request after a write, the mixed throughput).
        with gunicorn("bench.instrumented_wsgi:app", env | {"SOTD_PAGE_CACHE_ENTRIES": "0"}, options, log) as cold, \
                gunicorn("bench.instrumented_wsgi:app", env, options, log) as warm:
            users = {unit.staff_username, unit.head_username, unit.leader_username}
            cookies = {user: sign_in(warm, user, unit.password) for user in users}
            write = Writer(warm, cookies[unit.staff_username], targets.item)
            for item in measures(unit, targets, cold, cookies):
                if options.only and not any(word in item.name for word in options.only):
                    continue
                result = Result(people, item.name, item.kind)
                timed_runs(cold, cookies, item, result, options.runs, options.warmups)
                if item.method == "GET" and options.cache:
                    warm_runs(warm, cookies, item, result, options.runs, options.warmups)
                    if item.user:
                        after_write_runs(warm, cookies, item, result, max(3, options.runs // 3), write)
                if item.throughput and options.seconds > 0:
                    item_cookies = cookies[item.user] if item.user else {}
                    item_headers = dict(HX) if item.htmx else {}
                    result.baseline_rps, _ = throughput(baseline_port, "/", {}, {}, options.seconds,
                                                        options.concurrency)
                    result.rps, result.errors = throughput(cold, item.path, item_cookies, item_headers,
                                                           options.seconds, options.concurrency)
                    if options.cache:
                        result.warm_rps, errors = throughput(warm, item.path, item_cookies, item_headers,
                                                             options.seconds, options.concurrency)
                        result.errors += errors
                        if options.mixed and item.user:
                            result.mixed_rps, errors, result.mixed_writes = mixed_throughput(
                                warm, item.path, item_cookies, item_headers, options.seconds, options.concurrency,
                                write)
                            result.errors += errors
                if item.kind == "page" and options.browser:
                    result.first_load = first_load(warm, cookies[item.user], item.path)
                results.append(result)
                warm_note = (f"; warm {statistics.median(result.warm_times):.1f} ms"
                             if result.warm_times else "")
                print(f"    {item.name}: cold median {result.median:.1f} ms, {result.queries} queries{warm_note}",
                      flush=True)
    return results


# ---- the report ----------------------------------------------------------------------------------------------------

def verdicts(result: Result) -> list[str]:
    said = []
    if result.kind == "page":
        if result.people <= 20 and result.warm_ratio is not None:  # judged warm; the cold ratio beside it
            said.append(f"thr warm {'ok' if result.warm_ratio >= RATIO_TARGET else 'LOW'}")
            said.append(f"cold {'ok' if result.ratio >= RATIO_TARGET else 'LOW'}")
        elif result.people <= 20 and result.ratio is not None:
            said.append(f"thr {'ok' if result.ratio >= RATIO_TARGET else 'LOW'}")
        if result.first_load is not None:
            load = result.first_load
            fine = load["bytes"] <= FIRST_LOAD_KB * 1024 and not load["other_hosts"] and not load["failed"]
            said.append(f"load {'ok' if fine else 'OVER'}")
    if result.kind == "partial":
        limit = PARTIAL_KB * 1024
        said.append("size ok" if result.bytes <= limit else "size OVER (gz ok)" if result.gzip_bytes <= limit
                    else "size OVER")
    if result.people > 20 and result.kind in ("page", "partial"):
        said.append(f"<{LARGE_MEDIAN_MS}ms {'ok' if result.median < LARGE_MEDIAN_MS else 'OVER'}")
    return said


def report(results: list[Result], options: argparse.Namespace) -> None:
    print()
    print("Cold figures: every page built from scratch (a gunicorn with the page cache off, SOTD_PAGE_CACHE_ENTRIES=0); "
          "ratio = cold throughput / baseline. The cache's warm and after-write figures follow the first table.")
    print(f"HTTP pages: gunicorn {options.workers} workers ({options.worker_class}, {options.threads} thread(s)) on "
          f"{HOST}; {options.database}; {options.runs} sequential runs after {options.warmups} warm-ups; throughput with "
          f"{options.concurrency} clients for {options.seconds:g} s each, baseline measured just before each page.")
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; load average "
          f"{options.load_before} at the start, {_load_average()} at the end (above {os.cpu_count()}, other processes "
          f"share the CPUs: server times grow, CPU times much less).")
    print()
    print(f"{'people':>6}  {'request':<30} {'med ms':>7} {'p95 ms':>7} {'cpu ms':>6} {'SQL':>4} {'HTML KB':>8} {'gz KB':>6} "
          f"{'req/s':>7} "
          f"{'base/s':>7} {'ratio':>6} {'1st load KB':>11} {'reqs':>4}  verdict")
    for row in results:
        rps = f"{row.rps:>7.0f}" if row.rps is not None else f"{'—':>7}"
        base = f"{row.baseline_rps:>7.0f}" if row.baseline_rps is not None else f"{'—':>7}"
        ratio = f"{row.ratio:>6.2f}" if row.ratio is not None else f"{'—':>6}"
        if row.first_load:
            load = f"{row.first_load['bytes'] / 1024:>11.1f}"
            requests = f"{row.first_load['requests']:>4}"
        else:
            load, requests = f"{'—':>11}", f"{'—':>4}"
        errors = f" ({row.errors} errors)" if row.errors else ""
        print(f"{row.people:>6}  {row.name:<30} {row.median:>7.1f} {row.p95:>7.1f} "
              f"{statistics.median(row.cpu):>6.1f} {row.queries:>4} "
              f"{row.bytes / 1024:>8.1f} {row.gzip_bytes / 1024:>6.1f} {rps} {base} {ratio} {load} {requests}  "
              f"{', '.join(verdicts(row))}{errors}")
    cached = [row for row in results if row.warm_times]
    if cached:
        print()
        print("The page cache (app/page_cache.py): cold = built from scratch (a gunicorn with SOTD_PAGE_CACHE_ENTRIES=0, "
              "the table above); after write = the first request after someone's save, cache on; warm = the same person "
              "re-reading an unchanged page, cache on; mixed = cache on while one client saves an item every second. "
              "Ratios are to the same baseline measurement.")
        print()
        print(f"{'people':>6}  {'request':<30} {'aw med':>7} {'aw cpu':>6} {'SQL':>4} {'warm med':>8} {'w cpu':>6} "
              f"{'SQL':>4} {'base/s':>7} {'cold/s':>7} {'warm/s':>7} {'mix/s':>7} {'cold':>5} {'warm':>5} {'mix':>5} "
              f"{'saves':>5}")
        for row in cached:
            def number(value, width, digits=0):
                return f"{value:>{width}.{digits}f}" if value is not None else f"{'—':>{width}}"
            after = row.after_times
            print(f"{row.people:>6}  {row.name:<30} "
                  f"{number(statistics.median(after) if after else None, 7, 1)} "
                  f"{number(statistics.median(row.after_cpu) if after else None, 6, 1)} "
                  f"{number(max(row.after_queries) if after else None, 4)} "
                  f"{statistics.median(row.warm_times):>8.1f} {statistics.median(row.warm_cpu):>6.1f} "
                  f"{statistics.median(row.warm_queries):>4.0f} "
                  f"{number(row.baseline_rps, 7)} {number(row.rps, 7)} {number(row.warm_rps, 7)} "
                  f"{number(row.mixed_rps, 7)} {number(row.ratio, 5, 2)} {number(row.warm_ratio, 5, 2)} "
                  f"{number(row.mixed_ratio, 5, 2)} {row.mixed_writes if row.mixed_rps is not None else '—':>5}")
    loads = [row.first_load for row in results if row.first_load]
    if loads:
        others = sorted({host for load in loads for host in load["other_hosts"]})
        print()
        print(f"First loads: {sum(load['requests'] for load in loads)} requests in all, hosts other than {HOST}: "
              f"{', '.join(others) if others else 'none'}; failed requests: {sum(load['failed'] for load in loads)}.")
    print("Targets: key pages ≥ 50% of the baseline's throughput at 20 people (thr, judged on the warm figure with "
          "the page cache on, the cold one beside it); first load ≤ 150 KB, nothing "
          "off the machine (load); partials ≤ 5 KB as served (size; gz ok: within once gzipped, which the "
          "nginx example does not do for HTML); above 20 people a median under 150 ms. Rows marked info have no target.")


def _load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20,2000", help="unit sizes, comma-separated")
    parser.add_argument("--seconds", type=float, default=5.0, help="each throughput measurement (0: none)")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads of a throughput measurement")
    parser.add_argument("--runs", type=int, default=30, help="sequential timed requests per page")
    parser.add_argument("--warmups", type=int, default=3)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite",
                        help="postgresql: a private cluster (tests/postgres_cluster.py, fsync off)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--no-browser", dest="browser", action="store_false", help="skip the Chromium first loads")
    parser.add_argument("--no-cache", dest="cache", action="store_false",
                        help="cold figures only (skip the gunicorn with the page cache on)")
    parser.add_argument("--no-mixed", dest="mixed", action="store_false",
                        help="skip the throughput measured while one client saves every second")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 20 people, 5 runs, 1 s of throughput")
    parser.add_argument("--only", action="append", default=[], metavar="WORDS",
                        help="measure only the requests whose name contains WORDS (repeatable), e.g. --only quota")
    options = parser.parse_args(argv)
    options.load_before = _load_average()
    if options.quick:
        options.sizes, options.runs, options.warmups, options.seconds = "20", 5, 1, min(options.seconds, 1.0)
    if options.browser and not os.access(CHROMIUM, os.X_OK):
        print(f"No Chromium at {CHROMIUM}: first loads skipped (set SOTD_CHROMIUM, or pass --no-browser).")
        options.browser = False
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="sotd-baseline-") as folder:
        log = Path(folder) / "gunicorn.log"
        env = {"BASELINE_DATABASE": str(Path(folder) / "baseline.sqlite3")}
        with gunicorn("bench.baseline_app:app", env, options, log) as baseline_port, \
                database_cluster(options.database) as cluster:
            print(f"Building the synthetic units ({options.database}) and serving them…", flush=True)
            for people in (int(size) for size in options.sizes.split(",")):
                results += measure_size(people, options, baseline_port, log, cluster)
        if log.exists() and log.read_text().strip():
            print(f"\ngunicorn said:\n{log.read_text()[-3000:]}")
    report(results, options)
    return 0


if __name__ == "__main__":
    sys.exit(main())
