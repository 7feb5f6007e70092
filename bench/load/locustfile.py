"""Locust users for the load and fault runs (run by bench/load/run.py from .venv-load; never imports the app).

Each user signs in with one demo account (50 users share the 20 people's accounts, so two or three users work on
the same records at once), then reads pages and saves as that person would through htmx: commitment items of
January 2027 (add, edit), the self-assessment of December 2026 (own strengths, an item's evidence) and, for those
who review others, November's reviews on the board. Every write carries a unique marker "tải thử #<uuid>"; when the
app acknowledges it (2xx and the fragment returned shows the write), the marker goes to the acknowledged log, which
run.py checks against the database afterwards.

A 409 carrying the app's Vietnamese conflict message is a correct answer (someone else saved first): it counts as a
success under its own name, and the user re-reads and tries again.

Settings come from the environment: SOTD_LOAD_PLAN (the JSON plan prepare.py wrote), SOTD_LOAD_ACKS (the log).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
import uuid
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from html import unescape
from html.parser import HTMLParser

from locust import FastHttpUser, between, events, task

PLAN = json.loads(open(os.environ["SOTD_LOAD_PLAN"], encoding="utf-8").read())  # noqa: SIM115
ACKS = open(os.environ["SOTD_LOAD_ACKS"], "a", encoding="utf-8")  # noqa: SIM115  (one per locust process)
ACCOUNTS = PLAN["accounts"]
NEXT_ACCOUNT = itertools.count()
REVIEW_Y, REVIEW_M = PLAN["review"]
SELF_Y, SELF_M = PLAN["self"]
ITEMS_Y, ITEMS_M = PLAN["items"]
YEAR = PLAN["year"]
LEVELS = [(code, Decimal(str(minimum))) for code, minimum in PLAN["levels"]]  # highest first
DISCIPLINED = set(PLAN["disciplined"])
GROUP_MAX = {code: Decimal(str(maximum)) for code, maximum in PLAN["groups"].items()}
ATTEMPTS = 4
RNG = random.Random()  # noqa: S311  (which record to touch next; nothing secret)
CONFLICTS: Counter[str] = Counter()  # 409s with the conflict message, by request name (written at the end)

# The app's conflict messages (409): items and the self-assessment say "ở nơi khác", reviews "trong lúc bạn sửa",
# the loser of a race to create the same record (app.commitments.queries._created) the generic "người khác thay đổi".
CONFLICT = ("ở nơi khác", "trong lúc bạn sửa", "vừa được người khác thay đổi")
CSRF_HEADER = re.compile(r'"X-CSRFToken":\s*"([^"]+)"')
ITEM_EDIT = re.compile(r'/commitments/items/(\d+)/edit')


def marker() -> str:
    return f"tải thử #{uuid.uuid4()}"


def acknowledge(kind: str, mark: str, **facts) -> None:
    ACKS.write(json.dumps({"kind": kind, "marker": mark, "at": time.time(), **facts}, ensure_ascii=False) + "\n")
    ACKS.flush()


class Fields(HTMLParser):
    """Every form's fields, by the form they belong to (the enclosing <form>, or the one named by form="…")."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: dict[str, dict] = {}
        self._open: str | None = None
        self._textarea: tuple[str, str, list] | None = None
        self._select: tuple[str, str, list] | None = None

    def _owner(self, attrs: dict) -> str | None:
        return attrs.get("form") or self._open

    def _put(self, owner: str | None, name: str | None, value: str) -> None:
        if owner and name:
            self.forms.setdefault(owner, {"action": None, "fields": {}})["fields"][name] = value

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._open = a.get("id") or a.get("action")
            self.forms.setdefault(self._open, {"action": None, "fields": {}})["action"] = a.get("hx-post") or a.get(
                "action")
        elif tag == "input":
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button", "file"):
                return
            self._put(self._owner(a), a.get("name"), a.get("value", "y" if kind == "checkbox" else ""))
        elif tag == "textarea":
            self._textarea = (self._owner(a), a.get("name"), [])
        elif tag == "select":
            self._select = (self._owner(a), a.get("name"), [])
        elif tag == "option" and self._select is not None:
            self._select[2].append((a.get("value", ""), "selected" in a))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[2].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = None
        elif tag == "textarea" and self._textarea is not None:
            owner, name, parts = self._textarea
            self._put(owner, name, "".join(parts).lstrip("\r\n"))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            owner, name, options = self._select
            chosen = [value for value, selected in options if selected]
            self._put(owner, name, chosen[0] if chosen else (options[0][0] if options else ""))
            self._select = None


def parse_forms(text: str) -> Fields:
    parser = Fields()
    parser.feed(text)
    return parser


def points(text: str) -> Decimal | None:
    text = (text or "").strip().replace(",", ".")
    try:
        return Decimal(text) if text else None
    except ArithmeticError:
        return None


def level_for(total: Decimal, disciplined: bool) -> str:
    if disciplined:
        return "kht"
    total = total.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return next(code for code, minimum in LEVELS if total >= minimum)


class Person(FastHttpUser):
    wait_time = between(1, 3)  # a click every 1–3 s: a busy office, not a benchmark loop

    def on_start(self):
        self.account = ACCOUNTS[next(NEXT_ACCOUNT) % len(ACCOUNTS)]
        self.csrf = ""
        self.login()

    # --- Helpers ---------------------------------------------------------------------------------------------

    def login(self) -> bool:
        """Sign in as a person would: read the form, send it; on a failure (a worker killed under the request)
        try again, as the person would."""
        for _attempt in range(ATTEMPTS):
            page = self.client.get("/login", name="GET /login")
            token = re.search(r'name="csrf_token" value="([^"]+)"', page.text or "")
            with self.client.post("/login", name="POST /login", catch_response=True,
                                  data={"csrf_token": token.group(1) if token else "", "next": "",
                                        "username": self.account["username"],
                                        "password": PLAN["password"]}) as answer:
                if answer.status_code == 200 and 'action="/logout"' in (answer.text or ""):
                    self._take_csrf(answer.text)
                    return True
                answer.failure(f"login refused: {answer.status_code}")
        return False

    def _take_csrf(self, text: str) -> None:
        found = CSRF_HEADER.search(unescape(text))
        if found:
            self.csrf = found.group(1)

    def signed_in(self) -> bool:
        return bool(self.csrf) or self.login()

    def hx(self) -> dict:
        return {"HX-Request": "true", "X-CSRFToken": self.csrf}

    def page(self, url: str, name: str):
        with self.client.get(url, name=name, catch_response=True) as answer:
            if answer.status_code != 200:
                answer.failure(f"HTTP {answer.status_code}")
            else:
                self._take_csrf(answer.text)
                answer.success()
            return answer

    def fragment(self, url: str, name: str):
        with self.client.get(url, name=name, headers=self.hx(), catch_response=True) as answer:
            if answer.status_code != 200:
                answer.failure(f"HTTP {answer.status_code}")
            return answer

    def save(self, url: str, data: dict, name: str, acknowledged) -> str:
        """POST through htmx; 'ok' when acknowledged(answer) says the fragment shows the write, 'conflict' on a 409
        with the app's message, 'failed' otherwise (a failure in locust's statistics)."""
        with self.client.post(url, data=data, name=name, headers=self.hx(), catch_response=True) as answer:
            body = answer.text or ""  # None when the connection broke (a worker killed under the request)
            if answer.status_code == 409 and any(text in body.lower() for text in CONFLICT):
                answer.success()
                CONFLICTS[name] += 1
                return "conflict"
            if 200 <= answer.status_code < 300 and acknowledged(body):
                answer.success()
                return "ok"
            answer.failure(f"HTTP {answer.status_code}: not acknowledged {body[:200]!r}")
            return "failed"

    def own_items(self) -> list[int]:
        answer = self.page(f"/commitments/{ITEMS_Y}/{ITEMS_M}", "GET commitments sheet")
        return [int(found) for found in ITEM_EDIT.findall(answer.text or "")]

    # --- Reading ---------------------------------------------------------------------------------------------

    @task(4)
    def my_work(self):
        if not self.signed_in():
            return
        self.page("/", "GET my work")

    @task(3)
    def sheet(self):
        if not self.signed_in():
            return
        self.page(f"/commitments/{ITEMS_Y}/{ITEMS_M}", "GET commitments sheet")

    @task(2)
    def self_assessment_page(self):
        if not self.signed_in():
            return
        self.page(f"/commitments/{SELF_Y}/{SELF_M}/self-assessment", "GET self-assessment")

    @task(3)
    def board(self):
        if not self.signed_in():
            return
        self.page(f"/reviews/{REVIEW_Y}/{REVIEW_M}", "GET review board")

    @task(1)
    def overview(self):
        if not self.signed_in():
            return
        self.page(f"/reviews/{YEAR}/overview", "GET year overview")

    @task(1)
    def year_end(self):
        if not self.signed_in():
            return
        self.page(f"/year-end/{YEAR}", "GET year end")

    # --- Writing ---------------------------------------------------------------------------------------------

    @task(2)
    def add_item(self):
        if not self.signed_in():
            return
        mark = marker()
        for _attempt in range(ATTEMPTS):
            data = {"csrf_token": self.csrf, "title": mark, "measure": "Báo cáo kết quả",
                    "deadline": f"{RNG.randint(10, 28)}/{ITEMS_M:02d}/{ITEMS_Y}", "planned_points": "5"}
            result = self.save(f"/commitments/{ITEMS_Y}/{ITEMS_M}/items", data, "POST item add",
                               lambda body: mark in body)
            if result == "ok":
                acknowledge("item_create", mark, username=self.account["username"])
            if result != "conflict":
                return
            self.page(f"/commitments/{ITEMS_Y}/{ITEMS_M}", "GET commitments sheet")  # re-read, then again

    @task(3)
    def edit_item(self):
        if not self.signed_in():
            return
        items = self.own_items()
        if not items:
            return
        item_id = RNG.choice(items)
        mark = marker()
        for _attempt in range(ATTEMPTS):
            answer = self.fragment(f"/commitments/items/{item_id}/edit", "GET item editor")
            if answer.status_code != 200:
                return
            forms = parse_forms(answer.text or "").forms
            form = next((f for f in forms.values() if "title" in f["fields"]), None)
            if form is None:
                return
            data = dict(form["fields"], measure=mark, csrf_token=self.csrf)
            result = self.save(f"/commitments/items/{item_id}", data, "POST item edit",
                               lambda body: mark in body)
            if result == "ok":
                acknowledge("item_update", mark, item_id=item_id, username=self.account["username"])
            if result != "conflict":
                return

    @task(3)
    def self_texts(self):
        if not self.signed_in():
            return
        mark = marker()
        url = f"/commitments/{SELF_Y}/{SELF_M}/self-assessment"
        for _attempt in range(ATTEMPTS):
            answer = self.page(url, "GET self-assessment")
            form = parse_forms(answer.text or "").forms.get("texts-form")
            if form is None:
                return
            data = dict(form["fields"], strengths=mark, csrf_token=self.csrf)
            result = self.save(form["action"], data, "POST self-assessment texts",
                               lambda body: mark in body)
            if result == "ok":
                acknowledge("self_strengths", mark, person_id=self.account["person_id"])
            if result != "conflict":
                return

    @task(2)
    def assess_item(self):
        if not self.signed_in():
            return
        mark = marker()
        url = f"/commitments/{SELF_Y}/{SELF_M}/self-assessment"
        chosen = None
        for _attempt in range(ATTEMPTS):
            answer = self.page(url, "GET self-assessment")
            parsed = parse_forms(answer.text or "")
            rows = {key: form for key, form in parsed.forms.items() if key.startswith("assess-form-")}
            if not rows:
                return
            chosen = chosen if chosen in rows else RNG.choice(sorted(rows))
            form = rows[chosen]
            data = dict(form["fields"], evidence=mark, csrf_token=self.csrf)
            if not data.get("outcome"):
                data["outcome"] = "on_time"
            result = self.save(form["action"], data, "POST item self-assessment",
                               lambda body: mark in body)
            if result == "ok":
                acknowledge("item_evidence", mark, item_id=int(chosen.rsplit("-", 1)[1]),
                            person_id=self.account["person_id"])
            if result != "conflict":
                return

    @task(4)
    def review(self):
        if not self.signed_in():
            return
        reviewees = self.account["reviews"]
        if not reviewees:
            self.page(f"/reviews/{REVIEW_Y}/{REVIEW_M}/people/{self.account['person_id']}", "GET own review")
            return
        person_id = RNG.choice(reviewees)
        mark = marker()
        for _attempt in range(ATTEMPTS):
            answer = self.fragment(f"/reviews/{REVIEW_Y}/{REVIEW_M}/people/{person_id}/edit", "GET review editor")
            if answer.status_code != 200:
                return
            form = parse_forms(answer.text or "").forms.get(f"review-form-{person_id}")
            if form is None:
                return
            data = self._review_data(form["fields"], person_id, mark)
            result = self.save(form["action"], data, "POST review",
                               lambda body: f'id="review-row-{person_id}"' in body and "just-saved" in body
                               and "Đã lưu đánh giá" in body)
            if result == "ok":
                acknowledge("review_strengths", mark, person_id=person_id, reviewer=self.account["username"])
            if result != "conflict":
                return

    def _review_data(self, fields: dict, person_id: int, mark: str) -> dict:
        """What a leader types: keeps the prefilled figures, fills the blanks (with a reason), the level the rules
        impose for the total, and the marker as the strengths."""
        data = dict(fields, strengths=mark, csrf_token=self.csrf)
        if "level" in data:
            total = Decimal(0)
            for code, maximum in GROUP_MAX.items():
                name = f"g_{code}"
                value = points(data.get(name, ""))
                if value is None:
                    value = maximum - RNG.choice((0, 1, 2))
                    data[name] = str(value)
                    data[f"reason_{code}"] = "Bổ sung điểm khi bình xét (tải thử)"
                total += value
            tasks = points(data.get("tasks", ""))
            if tasks is None or tasks == 0:
                tasks = Decimal(RNG.choice((50, 55, 60, 65)))
                data["tasks"] = str(tasks)
                data["reason_tasks"] = "Bổ sung điểm khi bình xét (tải thử)"
            total += tasks
            data["level"] = level_for(total, person_id in DISCIPLINED)
        return data


@events.quitting.add_listener
def _close(environment, **_kwargs):
    ACKS.close()
    with open(os.environ["SOTD_LOAD_ACKS"] + ".conflicts.json", "w", encoding="utf-8") as out:
        json.dump(CONFLICTS, out, ensure_ascii=False)
