"""How an audit event's before/after reads to a person: one line per changed field, "Tên: Hoa → Hòa".

Pure: the caller passes each field's label and kind (and, for references, the names it loaded), so that the
wording stays translatable and the rules here stay testable without a database.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

EMPTY = "—"
SHORT_LIMIT = 80  # past this a text is shown shortened, the whole of it behind "xem đầy đủ"


@dataclass(frozen=True)
class FieldSpec:
    """What a stored field is called and how its value reads.

    kind: "text", "date" (ISO date → dd/mm/yyyy), "datetime" (ISO → dd/mm/yyyy HH:MM), "code" (looked up in
    `codes`, booleans included), or "ref" (an id, or a list of ids, looked up in the names of `ref`)."""

    label: Any
    kind: str = "text"
    codes: Mapping[Any, Any] = field(default_factory=dict)
    ref: str = ""


@dataclass(frozen=True)
class Value:
    short: str
    full: str

    @property
    def shortened(self) -> bool:
        return self.short != self.full


@dataclass(frozen=True)
class Change:
    label: str
    before: Value | None  # None: the record had no such value (created) …
    after: Value | None  # … or has none any more (deleted)


def shorten(text: str, limit: int = SHORT_LIMIT) -> str:
    """The first words of a long text, cut at a space, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(",.;:") + "…"


def _date_text(value: str) -> str:
    try:
        return date.fromisoformat(value[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return value


def _datetime_text(value: str, clock: Callable[[datetime], str] | None) -> str:
    """Stored times are naive UTC: the caller's `clock` shows them in the unit's time zone."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    return clock(moment) if clock else moment.strftime("%d/%m/%Y %H:%M")


def _plain(value: Any) -> str:
    if isinstance(value, Mapping):  # e.g. general points per group
        return "; ".join(f"{key}: {_plain(item)}" for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(_plain(item) for item in value)
    return str(value)


def value_text(value: Any, spec: FieldSpec, names: Mapping[str, Mapping[Any, str]],
               clock: Callable[[datetime], str] | None = None) -> str:
    """One stored value as the interface writes it; empty values read as a dash."""
    if value is None or value == "" or value == []:
        return EMPTY
    if spec.kind == "code":
        return str(spec.codes.get(value, value))
    if spec.kind == "ref":
        lookup = names.get(spec.ref, {})
        ids = value if isinstance(value, list) else [value]
        return ", ".join(lookup.get(item, f"#{item}") for item in ids)
    if spec.kind == "date" and isinstance(value, str):
        return _date_text(value)
    if spec.kind == "datetime" and isinstance(value, str):
        return _datetime_text(value, clock)
    return _plain(value)


def _value(value: Any, spec: FieldSpec, names: Mapping[str, Mapping[Any, str]],
           clock: Callable[[datetime], str] | None) -> Value:
    full = value_text(value, spec, names, clock)
    return Value(shorten(full), full)


def changes(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None, specs: Mapping[str, FieldSpec],
            names: Mapping[str, Mapping[Any, str]] | None = None,
            clock: Callable[[datetime], str] | None = None) -> list[Change]:
    """The changed fields in the order of `specs` (unknown fields after, under their own name).

    A create has no before, a delete no after: their side is None. Fields whose values read the same (an id
    that became the same id) are left out."""
    names = names or {}
    keys = set(before or {}) | set(after or {})
    ordered = [key for key in specs if key in keys] + sorted(keys - set(specs))
    lines: list[Change] = []
    for key in ordered:
        spec = specs.get(key) or FieldSpec(key)
        old = None if before is None else _value(before.get(key), spec, names, clock)
        new = None if after is None else _value(after.get(key), spec, names, clock)
        if old is not None and new is not None and old.full == new.full:
            continue
        if before is None and new is not None and new.full == EMPTY:
            continue  # a new record's empty fields say nothing
        lines.append(Change(str(spec.label), old, new))
    return lines


def referenced_ids(events: list[tuple[Mapping[str, Any] | None, Mapping[str, Any] | None]],
                   specs_of: list[Mapping[str, FieldSpec]]) -> dict[str, set[Any]]:
    """Every id the events point at, by kind of reference, so that the caller loads each kind's names once."""
    wanted: dict[str, set[Any]] = {}
    for (before, after), specs in zip(events, specs_of, strict=True):
        for values in (before or {}, after or {}):
            for key, value in values.items():
                spec = specs.get(key)
                if spec is None or spec.kind != "ref" or value is None:
                    continue
                wanted.setdefault(spec.ref, set()).update(value if isinstance(value, list) else [value])
    return wanted
