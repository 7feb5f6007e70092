"""A small unit in an SQLite file, built once and restored before every hypothesis example.

Every example starts from the same rows (so a delete or a deactivation in one example does not starve the next),
and every POST route is posted to as an account that may use it, at URL values that reach its form: a month in the
state the action needs, a record of someone that account may touch. Field names are not listed by hand: they are
recorded while the route reads its form (RecordingDict), so a new route or field is covered without editing this.
"""

from __future__ import annotations

import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from flask import Flask, Request, url_for
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from hypothesis import settings
from sqlalchemy import select
from werkzeug.datastructures import ImmutableMultiDict
from wtforms import BooleanField, FieldList, FormField, SelectFieldBase

from app import clock, create_app
from app.extensions import db
from app.models import Account, CommitmentItem, CommitmentSheet, MonthlyReview, ReviewResponse, Year
from tests import factories
from tests.views import access

# The clock of every example: February 2026 is at review, January closed and approved on 05/02 (answers are open).
TODAY = date(2026, 2, 8)
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# Preferred account for a route, among those the access table allows (department B's own people come last: they
# own the records the access targets point at, so they are the ones who may edit them).
ROLE_ORDER = ("chief", "leader", "admin", "head", "staff", "anonymous", "staff_b", "head_b")

# URL values that put a route where its form is read: the access targets aim at refusals as much as at use. A string
# value names another of the targets' values.
# reviews.*: February is at review (save, approve), January closed with an approved review (answers, amendments).
OVERRIDES: dict[str, dict[str, object]] = {
    "reviews.save": {"month": 2},
    "reviews.approve": {"month": 2, "person_id": "head_b_id"},  # department B's head: reviewed, not approved
    "reviews.approve_all": {"month": 2},
    "reviews.close": {"month": 2},
    "reviews.amend": {"month": 1},
    "reviews.acknowledge": {"month": 1},
    "reviews.object": {"month": 1},
    "reviews.reply": {"month": 2},
    "commitments.self_general": {"year": 2023, "month": 5},
    "commitments.self_leave": {"year": 2023, "month": 5},
    "commitments.self_texts": {"year": 2023, "month": 5},
    "commitments.self_submit": {"year": 2023, "month": 5},
    "commitments.item_assess": {"item_id": "commitment_item_id"},  # the 2023 sheet, at self-assessment
    "years.advance": {"number": 3},
    "commitments.return_sheet": {"person_id": "head_b_id"},  # department B's head: a submitted sheet in March
}
# The account for a route whose access-table role is not the one that reaches its form.
ACCOUNTS = {
    "auth.login": "anonymous",
    "commitments.self_general": "staff_b",
    "commitments.self_leave": "staff_b",
    "commitments.self_texts": "staff_b",
    "commitments.self_submit": "staff_b",
}


class Recorder:
    """Names a request read from its form, and the WTForms fields built while it ran."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.fields: dict[str, object] = {}

    def clear(self) -> None:
        self.names.clear()
        self.fields.clear()


RECORDER = Recorder()


class RecordingDict(ImmutableMultiDict):
    def __contains__(self, key):
        RECORDER.names.add(key)
        return super().__contains__(key)

    def get(self, key, default=None, type=None):  # noqa: A002  (werkzeug's signature)
        RECORDER.names.add(key)
        return super().get(key, default, type)

    def getlist(self, key, type=None):  # noqa: A002
        RECORDER.names.add(key)
        return super().getlist(key, type)

    def __getitem__(self, key):
        RECORDER.names.add(key)
        return super().__getitem__(key)


class RecordingRequest(Request):
    parameter_storage_class = RecordingDict


@dataclass
class FieldInfo:
    """What a field is, as far as the hostile strategies care: a file, a box, a choice, a list, or text."""

    name: str = ""
    kind: str = "text"
    choices: list[str] = field(default_factory=list)
    current: str | None = None  # the value the form holds before any input (a version, a default)


def _field_infos(form) -> dict[str, FieldInfo]:
    infos: dict[str, FieldInfo] = {}
    for form_field in form:
        if isinstance(form_field, FieldList):
            for index in range(3):
                infos[f"{form_field.name}-{index}"] = FieldInfo(f"{form_field.name}-{index}", "list")
            continue
        if isinstance(form_field, FormField):
            infos.update(_field_infos(form_field.form))
            continue
        if isinstance(form_field, FileField):
            infos[form_field.name] = FieldInfo(form_field.name, "file")
            continue
        current = form_field.data
        info = FieldInfo(form_field.name, "text", current=None if current is None else str(current))
        if isinstance(form_field, BooleanField):
            info.kind = "bool"
        elif isinstance(form_field, SelectFieldBase):
            info.kind = "choice"
            try:
                info.choices = [str(choice[0]) for choice in form_field.iter_choices()]
            except (TypeError, ValueError):  # choices not set until the view fills them
                info.choices = []
        infos[form_field.name] = info
    return infos


_original_form_init = FlaskForm.__init__


def _recording_form_init(self, *args, **kwargs):
    _original_form_init(self, *args, **kwargs)
    try:
        RECORDER.fields.update(_field_infos(self))
    except Exception:  # noqa: BLE001, S110  (recording must never change what the form does)
        pass


def _extra_records(org) -> None:
    """Reviews for department B's staff member: January approved (answers), February approved with an objection
    (the reply); department B's head: February reviewed, not approved (approval), March's sheet submitted (return)."""
    year = db.session.scalar(select(Year).where(Year.year == 2026))
    chief = db.session.scalar(select(Account.id).where(Account.username == "chief"))

    def review(person_id, number, state, approved_at=None):
        return MonthlyReview(
            person_id=person_id, month_id=factories.month(year, number).id, self_state="submitted",
            self_general={"politics_ethics": "9", "competence": "9", "innovation": "8"},
            self_task_points=Decimal("56"), self_score=Decimal("82.0"), self_level="htt",
            self_strengths="Chủ động.", self_shortcomings="Đôi khi chậm.", review_state=state, reviewer_id=chief,
            reviewed_at=datetime(2026, number, 27, 9, 0),
            review_general={"politics_ethics": "9", "competence": "9", "innovation": "8"},
            review_task_points=Decimal("56"), review_score=Decimal("82.0"), review_level="htt",
            strengths="Cẩn thận.", direction="Giữ nhịp.",
            approved_by_id=chief if state == "approved" else None,
            approved_at=approved_at if state == "approved" else None)

    with factories.past_writable():
        january = review(org.staff_b, 1, "approved", datetime(2026, 2, 5, 9, 0))
        february = review(org.staff_b, 2, "approved", datetime(2026, 2, 6, 9, 0))
        db.session.add_all([january, february, review(org.head_b, 2, "reviewed")])
        db.session.flush()
        db.session.add(ReviewResponse(review_id=february.id, objection="Tôi chưa đồng ý với mức điểm.",
                                      objected_at=datetime(2026, 2, 7, 8, 0)))
        sheet = CommitmentSheet(person_id=org.head_b, month_id=factories.month(year, 3).id, state="submitted")
        sheet.items.append(CommitmentItem(position=1, title="Tổng hợp báo cáo quý I"))
        db.session.add(sheet)
        db.session.commit()


@dataclass
class Route:
    endpoint: str
    method: str
    url: str
    account: str
    fields: dict[str, FieldInfo]
    probe_status: int


class World:
    """One app, one SQLite file, a saved copy of both the file and the upload folder to go back to."""

    def __init__(self, root: Path, csrf: bool = False) -> None:
        self.root = root
        self.db_path = root / "world.sqlite3"
        self.instance = root / "instance"
        self.app: Flask = create_app({
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{self.db_path}",
            "SECRET_KEY": "property-secret",
            "WTF_CSRF_ENABLED": csrf,
            "INSTANCE_PATH": str(self.instance),
        })
        self.app.request_class = RecordingRequest
        with self.app.app_context():
            db.create_all()
            self.org = factories.small_unit()
            self.values = {**access.targets(self.org), "head_b_id": self.org.head_b}
            _extra_records(self.org)
            db.session.remove()
            db.engine.dispose()
        self._saved_db = root / "saved.sqlite3"
        self._saved_instance = root / "saved-instance"
        shutil.copyfile(self.db_path, self._saved_db)
        shutil.copytree(self.instance, self._saved_instance)
        self._cookies: dict[str, str] = {}
        self.routes: dict[str, Route] = {}

    def restore(self) -> None:
        with self.app.app_context():
            db.session.remove()
            db.engine.dispose()
        for leftover in (self.db_path.with_name(self.db_path.name + "-wal"),
                         self.db_path.with_name(self.db_path.name + "-shm")):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(self._saved_db, self.db_path)
        shutil.rmtree(self.instance)
        shutil.copytree(self._saved_instance, self.instance)

    def close(self) -> None:
        with self.app.app_context():
            db.session.remove()
            db.engine.dispose()

    def client(self, account: str):
        """A test client signed in as `account` (the session cookie is kept: no login per example)."""
        client = self.app.test_client()
        if account == "anonymous":
            return client
        if account not in self._cookies:
            response = client.post("/login", data={"username": account, "password": factories.PASSWORD})
            assert response.status_code == 302, f"{account} could not sign in"
            self._cookies[account] = client.get_cookie(self.app.config["SESSION_COOKIE_NAME"]).value
            return client
        client.set_cookie(self.app.config["SESSION_COOKIE_NAME"], self._cookies[account])
        return client

    def write_rules(self):
        for rule in sorted(self.app.url_map.iter_rules(), key=lambda r: r.endpoint):
            for method in sorted(rule.methods & WRITE_METHODS):
                yield rule, method

    def rule(self, endpoint: str):
        return next(rule for rule in self.app.url_map.iter_rules() if rule.endpoint == endpoint)

    def url_for(self, rule) -> str:
        values = dict(self.values)
        for name, value in OVERRIDES.get(rule.endpoint, {}).items():
            values[name] = values[value] if isinstance(value, str) else value
        with self.app.test_request_context():
            return url_for(rule.endpoint, **{name: values[name] for name in rule.arguments})

    def route(self, rule, method: str) -> Route:
        """The account to post as and the fields the route reads, found once by posting a probe field."""
        key = f"{rule.endpoint} {method}"
        if key in self.routes:
            return self.routes[key]
        url = self.url_for(rule)
        allowed = {role for role, outcome in access.expected()[rule.endpoint].items() if outcome == access.OK}
        candidates = [role for role in ROLE_ORDER if role in allowed] + ["staff_b", "head_b"]
        if rule.endpoint in ACCOUNTS:
            candidates.insert(0, ACCOUNTS[rule.endpoint])
        chosen = None
        for account in dict.fromkeys(candidates):
            self.restore()
            client = self.client(account)
            RECORDER.clear()
            response = client.open(url, method=method, data={"_probe": "1"})
            names = set(RECORDER.names) - {"_probe"}
            fields = {name: RECORDER.fields.get(name, FieldInfo(name)) for name in names}
            fields.update(RECORDER.fields)
            chosen = Route(rule.endpoint, method, url, account, fields, response.status_code)
            if response.status_code not in (401, 403, 404) and "/login" not in response.headers.get("Location", ""):
                break
        self.routes[key] = chosen
        return chosen


def install_recorder(monkeypatch) -> None:
    monkeypatch.setattr(FlaskForm, "__init__", _recording_form_init)


def write_routes() -> list[tuple[str, str]]:
    """(endpoint, method) of every route that writes, read from a throwaway app at collection time."""
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x",
                          "INSTANCE_PATH": folder})
        routes = {(rule.endpoint, method) for rule in app.url_map.iter_rules() for method in rule.methods & WRITE_METHODS}
    return sorted(routes)


def form_settings(scale: float = 1):
    """The loaded profile's settings, with `scale` times its examples."""
    current = settings()
    return settings(current, max_examples=max(1, int(current.max_examples * scale)))


@contextmanager
def world_at(today: date):
    """A World whose clock says `today`, its files in memory (/dev/shm) where there is one: every example copies
    the database back. The clock and the form recorder are put back afterwards."""
    memory = Path("/dev/shm")
    with tempfile.TemporaryDirectory(dir=memory if memory.is_dir() else None) as folder, \
            pytest.MonkeyPatch.context() as patch:
        patch.setattr(clock, "today", lambda: today)
        install_recorder(patch)
        built = World(Path(folder))
        try:
            yield built
        finally:
            built.close()
