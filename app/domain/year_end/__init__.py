"""The year-end assessment: from a year file (`tdkt-year/1`) to the assessment (`tdkt-assessment/1`), as
../shared/spec/year-file.md says. Pure: no Flask, no database, no I/O; the same document always gives the same answer.

    assess(doc, book, overrides) -> dict
    evaluate(doc, book, overrides) -> Assessment  (the same document, and the level each person's titles are
                                                 judged on, for the screens that count by it: the quota's "kept")

- Months worked: the person's month records without leave or with maternity leave. Too few (the rulebook's
  `min_months_worked`) and the person is not rated: no score, no level, no title.
- The annual score is the mean of the monthly scores, rounded to one decimal half away from zero; the level follows
  the bands. A levels-only rulebook takes the most common monthly level (a tie goes to the lower level). Anyone
  disciplined (khiển trách or heavier, decision dated in the year) is Không hoàn thành nhiệm vụ.
- With the `months_off_cap` setting on (off in both shipped rulebooks, so the year file's rules stand as the spec
  says), a rated person off work (sick or other leave) 3 to under 6 months of the year is rated no higher than Hoàn
  thành nhiệm vụ: `level` and the level the titles are judged on, whatever the leaders decided.
- `level` is what the rules compute, before the Hoàn thành xuất sắc quota; `decided_level` is the leaders' (from
  `annual`). Titles are judged on the decided level when there is one, else on `level`, except after discipline.
- No title while a discipline, inspection, investigation or complaint is pending.
- Every decision comes with Vietnamese reasons, yes or no, each naming the article or the setting it applies. The
  articles, names and parameters of the titles come from the rulebook's `[title_rules]`; only the sentences are here.

The package: `facts` (a person's year and shared helpers), `person_titles`, `unit_titles`; `assess` here.
Everything is indexed by person once, so the cost grows with the size of the file, not with its square: the screens
change a document and assess it again.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.reviews import htxs_quota
from app.domain.rulebooks import Rulebook
from app.domain.year_end.facts import (
    CAP_SETTING,
    FORMAT,
    PERSON_TITLES,
    UNIT_TITLES,
    Context,
    Index,
    PersonYear,
    Settings,
    annual_score,
    as_date,
    at_least,
    employed_months,
    most_common_level,
    number_text,
    person_facts,
    setting_flag,
    setting_number,
    share_met,
    share_percent,
)
from app.domain.year_end.person_titles import person_titles
from app.domain.year_end.unit_titles import unit_titles

__all__ = ["FORMAT", "PERSON_TITLES", "UNIT_TITLES", "Assessment", "annual_score", "as_date", "assess", "at_least",
           "employed_months", "evaluate", "most_common_level", "number_text", "share_met", "share_percent"]


@dataclass(frozen=True)
class Assessment:
    """The `tdkt-assessment/1` document, and what it does not carry: the level each person's titles are judged on
    (the leaders' decision, else `level`; Không hoàn thành nhiệm vụ after discipline in the year; None for someone
    not rated or without any level). Screens count by it rather than work it out again from the document."""

    document: dict
    judged_on: dict[str, str | None]


def _quota(people: list[PersonYear], doc: dict, settings: Settings) -> tuple[dict, str]:
    outstanding = bool((doc.get("unit") or {}).get("outstanding"))
    name = "htxs_quota_percent_outstanding" if outstanding else "htxs_quota_percent"
    percent = setting_number(settings.value(name))
    in_denominator = setting_flag(settings.value("htxs_in_denominator"))
    quota = htxs_quota({index: person.level for index, person in enumerate(people) if person.rated}, percent,
                       in_denominator)
    text = (f"tối đa {quota.htxs_max} người, {number_text(percent)}% số người Hoàn thành tốt nhiệm vụ"
            f"{' và Hoàn thành xuất sắc nhiệm vụ' if in_denominator else ''}; {settings.cite(name)}")
    return {"htxs_max": quota.htxs_max, "htxs_count": quota.htxs_count, "over": quota.over}, text


def _verdict(result: tuple[bool, list[str]]) -> dict:
    return {"eligible": result[0], "reasons": result[1]}


def assess(doc: dict, book: Rulebook, overrides: dict | None = None) -> dict:
    """The `tdkt-assessment/1` document for a valid `tdkt-year/1` document, assessed with `book` and the unit's
    adjusted settings for the year."""
    return evaluate(doc, book, overrides).document


def evaluate(doc: dict, book: Rulebook, overrides: dict | None = None) -> Assessment:
    """assess(), with the level each person's titles are judged on."""
    rules = book.title_rules
    if rules is None:
        raise ValueError(f"rulebook {book.code} has no [title_rules]: it cannot assess a year")
    unknown = [code for code in book.person_titles if code not in PERSON_TITLES] + [
        code for code in book.unit_titles if code not in UNIT_TITLES]
    if unknown:
        raise ValueError(f"rulebook {book.code}: the assessment knows no title {', '.join(unknown)}")
    year = int(doc["year"])
    settings = Settings(book, overrides, year)
    index = Index(doc)
    min_months = int(setting_number(settings.value("min_months_worked")))
    cap = setting_flag(settings.value(CAP_SETTING)) if settings.has(CAP_SETTING) else False
    people = sorted((person_facts(raw, index, book, year, min_months, cap) for raw in doc.get("people") or ()),
                    key=lambda person: person.code)
    quota, quota_text = _quota(people, doc, settings)
    ctx = Context(doc, book, rules, settings, index, year, quota["over"], quota["htxs_count"], quota_text)
    for person in people:
        person.titles = person_titles(person, ctx)
    unit = unit_titles(people, ctx)
    document = {
        "format": FORMAT,
        "year": year,
        "rulebook": book.code,
        "people": [{
            "person": person.code,
            "months_worked": person.months_worked,
            "rated": person.rated,
            "annual_score": float(person.score) if person.score is not None else None,
            "level": person.level,
            "decided_level": person.decided,
            "titles": {code: _verdict(person.titles[code]) for code in book.person_titles},
        } for person in people],
        "quota": quota,
        "unit": {code: _verdict(unit[code]) for code in book.unit_titles},
    }
    return Assessment(document, {person.code: person.basis if person.rated else None for person in people})
