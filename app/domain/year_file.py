"""The year file (`tdkt-year/1`, ../shared/spec/year-file.md): what a valid one is, said as `PATH: message` lines.

Pure: a parsed JSON document in, Vietnamese error lines out, each naming the JSON path that is wrong
(`people[3].employed_from: không phải ngày hợp lệ (YYYY-MM-DD)`); an empty list means the file may be imported.
Paths count list items from 0, as JSON paths do. Beyond the shape (required and unknown keys, types, vocabularies,
dates) the checks cover what the database and the round trip need: codes unique, every reference known, one record
per person and month, months inside the person's employment, at most one annual decision per person, the score
and level of each month against the rulebook, and nothing the export could not give back (a person the year does
not concern, a discipline decided after the year, the same entry twice).

The checks live in three modules: year_file_format.py (the format as data: keys, vocabularies, lengths),
year_file_fields.py (one value: type, range, code, date) and year_file_sections.py (across records: references,
duplicates, one record per person and month, the rulebook). This module is what callers import.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.domain import year_file_sections
from app.domain.rulebooks import Rulebook, all_rulebooks, rulebook_for_year
from app.domain.scoring import level_for_score
from app.domain.year_file_fields import Errors, an_object
from app.domain.year_file_format import FORMAT, TOP_KEYS

__all__ = ["FORMAT", "book_of", "canonical", "validate"]


def validate(doc: Any) -> list[str]:
    """Every error of the document as a `PATH: message` line, in document order by section; [] when valid."""
    errors = Errors()
    record = an_object(doc, "", TOP_KEYS, errors)
    if record is None:
        return errors.lines
    year_file_sections.check(record, errors)
    return errors.lines


def book_of(doc: dict) -> Rulebook:
    """The rulebook of a valid document: its own, else the one in force for its year."""
    code = doc.get("rulebook")
    return all_rulebooks()[code] if code else rulebook_for_year(doc["year"])


def canonical(doc: dict) -> dict:
    """A valid document with every optional key written out, empty texts as null and lists in a fixed order, so
    that two equivalent documents compare equal (the round trip: import, then export)."""

    def none_if_blank(value):
        return value.strip() or None if isinstance(value, str) else value

    def sort(items: list[dict]) -> list[dict]:
        return sorted(items, key=lambda item: repr(sorted(item.items(), key=lambda pair: pair[0])))

    book = book_of(doc)

    def month_level(record: dict):
        """A scored month without its level has the level of its score's band."""
        if record.get("level") is None and record.get("score") is not None:
            return level_for_score(Decimal(str(record["score"])), book)
        return record.get("level")

    unit = doc["unit"]
    result: dict[str, Any] = {
        "format": FORMAT, "year": doc["year"], "rulebook": book.code,
        "unit": {"name": unit["name"].strip(), "superior": (unit.get("superior") or "").strip(),
                 "outstanding": bool(unit.get("outstanding"))},
        "departments": sort([{"code": d["code"].strip(), "name": d["name"].strip()} for d in doc["departments"]]),
        "people": sorted(({"code": p["code"].strip(), "family_name": p["family_name"].strip(),
                           "middle_name": (p.get("middle_name") or "").strip(),
                           "given_name": p["given_name"].strip(), "gender": p["gender"],
                           "department": p.get("department"), "position": p["position"],
                           "employed_from": p.get("employed_from"), "employed_to": p.get("employed_to")}
                          for p in doc["people"]), key=lambda p: p["code"]),
        "registrations": sort([{"person": r["person"], "title": r["title"]}
                               for r in doc.get("registrations") or []]),
        "unit_registration": ({"title": doc["unit_registration"]["title"]}
                              if doc.get("unit_registration") else None),
        "months": sort([{"person": m["person"], "month": m["month"],
                         "score": float(m["score"]) if m.get("score") is not None else None,
                         "level": month_level(m), "leave": m.get("leave"),
                         "strengths": [s.strip() for s in m.get("strengths") or []],
                         "shortcomings": [s.strip() for s in m.get("shortcomings") or []]}
                        for m in doc["months"]]),
        "initiatives": sort([{"title": i["title"].strip(), "authors": list(i["authors"]), "status": i["status"],
                              "level": i.get("level"), "decision": none_if_blank(i.get("decision")),
                              "decided_on": i.get("decided_on")} for i in doc.get("initiatives") or []]),
        "research": sort([{"title": r["title"].strip(), "authors": list(r["authors"]),
                           "accepted_on": r.get("accepted_on")} for r in doc.get("research") or []]),
        "discipline": sort([{"person": d["person"], "form": d["form"], "decided_on": d["decided_on"],
                             "ends_on": d.get("ends_on")} for d in doc.get("discipline") or []]),
        "pending": sort([{"person": p["person"], "kind": p["kind"]} for p in doc.get("pending") or []]),
        "annual": sort([{"person": a["person"], "level": a["level"], "note": (a.get("note") or "").strip()}
                        for a in doc.get("annual") or []]),
        "history": sort([{"person": h["person"], "year": h["year"], "title": h["title"],
                          "decision": none_if_blank(h.get("decision"))} for h in doc.get("history") or []]),
    }
    return result
