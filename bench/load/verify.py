"""After a load run: is every acknowledged write in the database, and is nothing half-written?

Reads the acknowledged log the locust users wrote and the database directly (SQLAlchemy Core, no app), and returns a
dict of figures and a list of problems (empty when all is well):

- every acknowledged marker is where the write put it: a new item's title is an item of its sheet; an edit's
  measure, a self-assessment's strengths or evidence and a review's strengths are in the audit event of that write
  (the event is written in the same transaction as the change, so it is the proof the write committed); and each
  record's current value is the one its latest audit event says it was set to — the record and its history agree;
- every review the leaders wrote is whole: a reviewer, a time, a level, and its total equal to its parts
  (the general groups plus the task points, rounded to one decimal, half up);
- every item has its sheet, every sheet its month and person; on SQLite PRAGMA integrity_check and
  foreign_key_check as well.
"""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from sqlalchemy import create_engine, text

MARK = "tải thử #"
# The acknowledged write → (audit entity, audit action, the field the marker is in).
KINDS = {
    "item_create": ("commitment_item", "create", "title"),
    "item_update": ("commitment_item", "update", "measure"),
    "item_evidence": ("commitment_item", "self_assess", "evidence"),
    "self_strengths": ("monthly_review", "self_update", "self_strengths"),
    "review_strengths": ("monthly_review", "review", "strengths"),
}
CURRENT = {  # where each field lives now
    ("commitment_item", "title"): "SELECT title FROM commitment_item WHERE id = :id",
    ("commitment_item", "measure"): "SELECT measure FROM commitment_item WHERE id = :id",
    ("commitment_item", "evidence"): "SELECT evidence FROM commitment_item WHERE id = :id",
    ("monthly_review", "self_strengths"): "SELECT self_strengths FROM monthly_review WHERE id = :id",
    ("monthly_review", "strengths"): "SELECT strengths FROM monthly_review WHERE id = :id",
}


def _json(value):
    return json.loads(value) if isinstance(value, str) else (value or {})


def read_acks(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def verify(url: str, acks_path: Path, first_audit_id: int) -> tuple[dict, list[str]]:
    engine = create_engine(url)
    problems: list[str] = []
    figures: dict = {}
    acks = read_acks(acks_path)
    with engine.connect() as conn:
        events = conn.execute(text(
            "SELECT id, entity, entity_id, action, after FROM audit_event WHERE id > :first ORDER BY id"),
            {"first": first_audit_id}).all()
        # Every marker the run's committed writes carry, by (entity, action, field) → [(event id, entity id)].
        committed: dict[str, list[tuple[str, str, str, int, int]]] = defaultdict(list)
        latest: dict[tuple[str, int, str], tuple[int, object]] = {}
        for event_id, entity, entity_id, action, after in events:
            for field, value in _json(after).items():
                latest[(entity, entity_id, field)] = (event_id, value)
                if isinstance(value, str) and value.startswith(MARK):
                    committed[value].append((entity, action, field, entity_id, event_id))
        figures["audit events written during the run"] = len(events)

        found = 0
        by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        touched: set[tuple[str, int, str]] = set()
        for ack in acks:
            entity, action, field = KINDS[ack["kind"]]
            by_kind[ack["kind"]][0] += 1
            matches = [m for m in committed.get(ack["marker"], []) if m[:3] == (entity, action, field)]
            if ack["kind"] == "item_create":
                row = conn.execute(text(
                    "SELECT i.id FROM commitment_item i JOIN commitment_sheet s ON s.id = i.sheet_id "
                    "WHERE i.title = :mark"), {"mark": ack["marker"]}).all()
                ok = len(row) == 1 and len(matches) == 1 and matches[0][3] == row[0][0]
            else:
                wanted = ack.get("item_id")
                if ack["kind"] in ("self_strengths", "review_strengths"):
                    owner = {m[3]: conn.execute(text("SELECT person_id FROM monthly_review WHERE id = :id"),
                                                {"id": m[3]}).scalar() for m in matches}
                    matches = [m for m in matches if owner[m[3]] == ack["person_id"]]
                elif wanted is not None:
                    matches = [m for m in matches if m[3] == wanted]
                ok = len(matches) == 1
            if ok:
                found += 1
                by_kind[ack["kind"]][1] += 1
                touched.add((entity, matches[0][3], field))
            else:
                problems.append(f"acknowledged {ack['kind']} {ack['marker']} not found as written "
                                f"(audit matches: {matches})")
        figures["acknowledged writes"] = len(acks)
        figures["acknowledged writes found"] = found
        figures["by kind (acknowledged, found)"] = {kind: tuple(pair) for kind, pair in sorted(by_kind.items())}
        acknowledged = {ack["marker"] for ack in acks}
        figures["committed but not acknowledged (answer lost or not a 2xx)"] = sum(
            1 for mark in committed if mark not in acknowledged)

        # The record and its history agree: each touched field holds what its latest audit event set.
        disagree = 0
        for entity, entity_id, field in sorted(touched):
            now = conn.execute(text(CURRENT[(entity, field)]), {"id": entity_id}).scalar()
            _event, value = latest[(entity, entity_id, field)]
            if (now or "") != (value or ""):
                disagree += 1
                problems.append(f"{entity} {entity_id}.{field} is {now!r}, its latest audit event says {value!r}")
        figures["records checked against their latest audit event"] = len(touched)

        written = {entity_id for _id, entity, entity_id, action, _after in events
                   if entity == "monthly_review" and action == "review"}
        problems += _reviews_whole(conn, written, figures)
        problems += _references(conn, engine.dialect.name, figures)
        figures["items sharing a position within their sheet"] = conn.execute(text(
            "SELECT COUNT(*) FROM (SELECT sheet_id, position FROM commitment_item GROUP BY sheet_id, position "
            "HAVING COUNT(*) > 1) AS dup")).scalar()
    engine.dispose()
    return figures, problems


def _reviews_whole(conn, written: set[int], figures: dict) -> list[str]:
    """Every review with the leader's points has its total equal to its parts; every review written during the run
    (`written`) also has its reviewer, time, level and state. (The demo's history before August carries totals
    only, imported without their parts: those have no review_general and are not summed.)"""
    problems = []
    rows = conn.execute(text(
        "SELECT id, review_state, reviewer_id, reviewed_at, review_general, review_task_points, review_score, "
        "review_level, leave FROM monthly_review")).all()
    summed = 0
    for rid, state, reviewer, reviewed_at, general, task_points, score, level, leave in rows:
        parts_given = bool(_json(general)) or task_points is not None
        if rid in written and (state != "reviewed" or reviewer is None or reviewed_at is None
                               or (not leave and (not level or not parts_given or score is None))):
            problems.append(f"review {rid} written during the run is not whole: state {state}, reviewer {reviewer}, "
                            f"at {reviewed_at}, level {level}, score {score}")
        if parts_given:
            summed += 1
            parts = sum((Decimal(str(v)) for v in _json(general).values() if v not in (None, "")), Decimal(0))
            parts += Decimal(str(task_points or 0))
            if score is None or parts.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) != Decimal(str(score)):
                problems.append(f"review {rid}: total {score} is not the sum of its parts {parts}")
    figures["reviews with the leader's points: total = parts"] = summed
    figures["reviews written during the run: whole"] = len(written)
    return problems


ORPHANS = {
    "items without their sheet": "SELECT COUNT(*) FROM commitment_item i LEFT JOIN commitment_sheet s "
                                 "ON s.id = i.sheet_id WHERE s.id IS NULL",
    "sheets without their month or person": "SELECT COUNT(*) FROM commitment_sheet s LEFT JOIN month m ON "
                                            "m.id = s.month_id LEFT JOIN person p ON p.id = s.person_id "
                                            "WHERE m.id IS NULL OR p.id IS NULL",
    "reviews without their month or person": "SELECT COUNT(*) FROM monthly_review r LEFT JOIN month m ON "
                                             "m.id = r.month_id LEFT JOIN person p ON p.id = r.person_id "
                                             "WHERE m.id IS NULL OR p.id IS NULL",
    "shortcomings without their review's month": "SELECT COUNT(*) FROM shortcoming s LEFT JOIN month m ON "
                                                 "m.id = s.raised_month_id WHERE m.id IS NULL",
}


def _references(conn, dialect: str, figures: dict) -> list[str]:
    problems = []
    for label, sql in ORPHANS.items():
        count = conn.execute(text(sql)).scalar()
        figures[label] = count
        if count:
            problems.append(f"{count} {label}")
    if dialect == "sqlite":
        integrity = [row[0] for row in conn.execute(text("PRAGMA integrity_check")).all()]
        foreign = conn.execute(text("PRAGMA foreign_key_check")).all()
        figures["PRAGMA integrity_check"] = ", ".join(integrity)
        figures["PRAGMA foreign_key_check rows"] = len(foreign)
        if integrity != ["ok"]:
            problems.append(f"integrity_check: {integrity}")
        if foreign:
            problems.append(f"foreign_key_check: {foreign[:5]}")
    return problems


def last_audit_id(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as conn:
        value = conn.execute(text("SELECT COALESCE(MAX(id), 0) FROM audit_event")).scalar()
    engine.dispose()
    return int(value)
