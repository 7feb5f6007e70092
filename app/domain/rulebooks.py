"""Rulebooks: the rules of one assessment year, kept as data in app/rulebooks/*.toml (read with tomllib).

A year is assessed with its own rulebook, because the legal base changed in 2025–2026. Adding a rulebook is adding
a file. Only what the product uses so far is read here. The year-end assessment (app/domain/year_end/) reads the
`[title_rules]` table: the source of each rule it applies, and per title its name, article and parameters.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

RULEBOOK_FOLDER = Path(__file__).resolve().parents[1] / "rulebooks"
LEVELS = ("htxs", "htt", "ht", "kht")  # highest first


@dataclass(frozen=True)
class Level:
    code: str
    name: str
    min_score: Decimal | None  # None in a levels-only rulebook
    source: str


@dataclass(frozen=True)
class GeneralGroup:
    code: str
    name: str
    max_points: Decimal


@dataclass(frozen=True)
class Scoring:
    general_points: Decimal
    task_points: Decimal
    late_deduction: Decimal
    error_deduction: Decimal
    general_groups: tuple[GeneralGroup, ...]
    source: str


@dataclass(frozen=True)
class Setting:
    value: object
    source: str


@dataclass(frozen=True)
class TitleRule:
    """One title as a rulebook defines it: the name shown, the article it rests on, and its parameters (a level
    threshold, a number of consecutive years…) as the TOML gives them."""

    code: str
    name: str
    source: str
    params: dict = field(default_factory=dict, hash=False, compare=False)

    def param(self, name: str):
        try:
            return self.params[name]
        except KeyError:
            raise KeyError(f"title rule {self.code}: no parameter {name!r}") from None


@dataclass(frozen=True)
class TitleRules:
    """What the year-end assessment applies: the sources of its general rules (annual level, discipline, pending
    cases, maternity leave) and each person and unit title's rule."""

    sources: dict[str, str]
    person: dict[str, TitleRule]
    unit: dict[str, TitleRule]

    def source(self, name: str) -> str:
        return self.sources[name]


TITLE_RULE_SOURCES = ("annual_level_source", "discipline_source", "pending_source", "maternity_source")


@dataclass(frozen=True)
class Rulebook:
    code: str
    name: str
    applies_from_year: int
    scheme: str  # "scored" or "levels"
    levels: tuple[Level, ...]
    scoring: Scoring | None
    person_titles: tuple[str, ...]
    unit_titles: tuple[str, ...]
    source: str
    # Left out of hashing and equality: a rulebook is identified by its rules, and views cache per rulebook.
    settings: dict[str, Setting] = field(default_factory=dict, hash=False, compare=False)
    title_rules: TitleRules | None = field(default=None, hash=False, compare=False)

    @property
    def is_scored(self) -> bool:
        return self.scheme == "scored"

    def level(self, code: str) -> Level:
        return next(level for level in self.levels if level.code == code)


def _decimal(value) -> Decimal:
    return Decimal(str(value))


def _title_rules(data: dict, person_titles: tuple[str, ...], unit_titles: tuple[str, ...]) -> TitleRules | None:
    raw = data.get("title_rules")
    if raw is None:
        return None
    missing = [name for name in TITLE_RULE_SOURCES if name not in raw]
    if missing:
        raise ValueError(f"{data['code']}: title_rules needs {', '.join(missing)}")

    def rules(kind: str, codes: tuple[str, ...]) -> dict[str, TitleRule]:
        table = raw.get(kind, {})
        absent = [code for code in codes if code not in table]
        if absent:
            raise ValueError(f"{data['code']}: title_rules.{kind} has no rule for {', '.join(absent)}")
        found = {}
        for code, rule in table.items():
            params = {key: value for key, value in rule.items() if key not in ("name", "source")}
            for key, value in params.items():
                if key.endswith("level") and value not in LEVELS:
                    raise ValueError(f"{data['code']}: title_rules.{kind}.{code}.{key} must be one of {LEVELS}")
            found[code] = TitleRule(code, rule["name"], rule["source"], params)
        return found

    return TitleRules(sources={name: raw[name] for name in TITLE_RULE_SOURCES},
                      person=rules("person", person_titles), unit=rules("unit", unit_titles))


def parse_rulebook(data: dict) -> Rulebook:
    scoring = None
    if data["scheme"] == "scored":
        raw = data["scoring"]
        scoring = Scoring(
            general_points=_decimal(raw["general_points"]),
            task_points=_decimal(raw["task_points"]),
            late_deduction=_decimal(raw["late_deduction"]),
            error_deduction=_decimal(raw["error_deduction"]),
            general_groups=tuple(GeneralGroup(g["code"], g["name"], _decimal(g["max_points"]))
                                 for g in raw["general_groups"]),
            source=raw["source"],
        )
        if sum(g.max_points for g in scoring.general_groups) != scoring.general_points:
            raise ValueError(f"{data['code']}: the general groups must add up to {scoring.general_points} points")
    levels = tuple(
        Level(raw["code"], raw["name"], _decimal(raw["min_score"]) if "min_score" in raw else None, raw["source"])
        for raw in data["levels"]
    )
    if tuple(level.code for level in levels) != LEVELS:
        raise ValueError(f"{data['code']}: levels must be {LEVELS}, highest first")
    person_titles, unit_titles = tuple(data["titles"]["person"]), tuple(data["titles"]["unit"])
    return Rulebook(
        code=data["code"], name=data["name"], applies_from_year=int(data["applies_from_year"]),
        scheme=data["scheme"], levels=levels, scoring=scoring,
        person_titles=person_titles, unit_titles=unit_titles,
        source=data["source"],
        settings={name: Setting(raw["value"], raw["source"]) for name, raw in data.get("settings", {}).items()},
        title_rules=_title_rules(data, person_titles, unit_titles),
    )


@cache
def all_rulebooks() -> dict[str, Rulebook]:
    books = {}
    for path in sorted(RULEBOOK_FOLDER.glob("*.toml")):
        with path.open("rb") as handle:
            book = parse_rulebook(tomllib.load(handle))
        books[book.code] = book
    return books


def rulebook(code: str) -> Rulebook:
    return all_rulebooks()[code]


def rulebook_for_year(year: int) -> Rulebook:
    """The rulebook in force for a year: the newest one that applies from that year or earlier."""
    candidates = [book for book in all_rulebooks().values() if book.applies_from_year <= year]
    if not candidates:
        raise LookupError(f"no rulebook applies to {year}")
    return max(candidates, key=lambda book: book.applies_from_year)


def setting(book: Rulebook, overrides: dict | None, name: str):
    """A setting's value for one year: the unit's adjustment when it made one, else the rulebook's."""
    if overrides and name in overrides:
        return overrides[name]
    return book.settings[name].value
