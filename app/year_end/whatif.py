"""What if: change one or more of a person's months on screen (score or level, leave, not reviewed) and see what
would change — the annual score and level, each title, and the unit's titles — before → after. Nothing is saved:
the year document is copied, the person's months are replaced in the copy, and the copy is assessed again. A GET
form (the address carries it), so there is nothing to protect with a CSRF token."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from flask import request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.commitments.forms import points_text
from app.domain.scoring import level_for_score
from app.labels import LEAVE_LABELS, LEVEL_LABELS
from app.year_end import queries
from app.year_end.forms import ABSENT, WORKED, whatif_form_class
from app.year_end.permissions import can_see_unit
from app.year_end.person_page import WHATIF, PersonYear, load_person_year, render_person
from app.year_end.views import bp


@dataclass(frozen=True)
class Change:
    """One figure before and after (values as shown: text, or None for none)."""

    label: str
    before: Any
    after: Any
    kind: str = "text"  # how the template shows the values: text, score, level, yes_no

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class TitleChange:
    code: str
    before: bool
    after: bool
    reasons: list[str]  # the reasons after the change

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class MonthChange:
    number: int
    before: str
    after: str


@dataclass(frozen=True)
class WhatIf:
    months: list[MonthChange]
    person: list[Change]
    titles: list[TitleChange]
    unit: list[TitleChange] | None  # None: the account does not see the unit's part
    quota: list[Change] | None

    @property
    def anything_changed(self) -> bool:
        return any(c.changed for c in (*self.person, *self.titles, *(self.unit or ()), *(self.quota or ())))


def _form_class(page: PersonYear):
    return whatif_form_class(page.year_end.employed_months(page.person.code), page.year_end.book.is_scored)


def _initial(page: PersonYear) -> dict[str, Any]:
    records = page.year_end.months.get(page.person.code, {})
    data: dict[str, Any] = {"run": "1"}
    for number in page.year_end.employed_months(page.person.code):
        record = records.get(number)
        if record is None:
            data[f"status_{number}"] = ABSENT
        elif record.get("leave"):
            data[f"status_{number}"] = record["leave"]
        else:
            data[f"status_{number}"] = WORKED
            if record.get("score") is not None:
                data[f"score_{number}"] = Decimal(str(record["score"]))
            data[f"level_{number}"] = record.get("level") or ""
    return data


def blank_whatif(page: PersonYear) -> dict[str, Any]:
    """The what-if as the person page first shows it: the months as they are, no comparison yet."""
    return {"whatif_form": _form_class(page)(formdata=None, data=_initial(page)), "whatif": None}


def _complete(page: PersonYear, form) -> bool:
    """Every month marked worked needs its score (or level, in a levels-only year)."""
    scored = page.year_end.book.is_scored
    ok = True
    for number in page.year_end.employed_months(page.person.code):
        if form[f"status_{number}"].data != WORKED:
            continue
        field = form[f"score_{number}"] if scored else form[f"level_{number}"]
        missing = field.points is None if scored else not field.data
        if missing and not field.errors:
            field.errors = [_("Hãy nhập điểm của tháng này, hoặc chọn “Chưa đánh giá”.") if scored
                            else _("Hãy chọn mức xếp loại của tháng này, hoặc chọn “Chưa đánh giá”.")]
            ok = False
    return ok


def _changed_months(page: PersonYear, form) -> list[dict[str, Any]]:
    """The person's months as the form sets them, in the year document's shape."""
    book, code = page.year_end.book, page.person.code
    records = page.year_end.months.get(code, {})
    months = []
    for number in page.year_end.employed_months(code):
        status = form[f"status_{number}"].data
        if status == ABSENT:
            continue
        record = {"strengths": [], "shortcomings": [], **records.get(number, {}), "person": code, "month": number}
        if status == WORKED:
            if book.is_scored:
                score = form[f"score_{number}"].points
                record.update(score=float(score), level=level_for_score(score, book), leave=None)
            else:
                record.update(score=None, level=form[f"level_{number}"].data, leave=None)
        else:
            record.update(score=None, level=None, leave=status)
        months.append(record)
    return months


def _month_text(record: dict[str, Any] | None, scored: bool) -> str:
    if record is None:
        return _("Chưa đánh giá")
    if record.get("leave"):
        return str(LEAVE_LABELS[record["leave"]])
    level = str(LEVEL_LABELS[record["level"]]) if record.get("level") else ""
    if scored and record.get("score") is not None:
        score = points_text(Decimal(str(record["score"])))
        return f"{score} — {level}" if level else score
    return level


def _title_changes(codes, before: dict[str, Any], after: dict[str, Any]) -> list[TitleChange]:
    return [TitleChange(code, bool(before.get(code, {}).get("eligible")), bool(after.get(code, {}).get("eligible")),
                        list(after.get(code, {}).get("reasons", []))) for code in codes]


def compare(page: PersonYear, months: list[dict[str, Any]], after: dict[str, Any]) -> WhatIf:
    year_end, code = page.year_end, page.person.code
    book = year_end.book
    before_result = page.result
    after_result = next(entry for entry in after["people"] if entry["person"] == code)
    old = year_end.months.get(code, {})
    new = {record["month"]: record for record in months}
    month_changes = []
    for number in year_end.employed_months(code):
        before_text, after_text = _month_text(old.get(number), book.is_scored), _month_text(new.get(number),
                                                                                           book.is_scored)
        if before_text != after_text:
            month_changes.append(MonthChange(number, before_text, after_text))
    person = [
        Change(_("Số tháng làm việc được tính"), before_result.get("months_worked"), after_result.get("months_worked")),
        Change(_("Được xếp loại năm"), bool(before_result.get("rated")), bool(after_result.get("rated")), "yes_no"),
    ]
    if book.is_scored:
        person.append(Change(_("Điểm năm"), before_result.get("annual_score"), after_result.get("annual_score"),
                             "score"))
    person.append(Change(_("Mức xếp loại năm"), before_result.get("level"), after_result.get("level"), "level"))
    if before_result.get("decided_level") or after_result.get("decided_level"):
        person.append(Change(_("Mức lãnh đạo quyết định"), before_result.get("decided_level"),
                             after_result.get("decided_level"), "level"))
    see_unit = can_see_unit(current_user)
    unit = quota = None
    if see_unit:
        unit = _title_changes(book.unit_titles, year_end.assessment.get("unit", {}), after.get("unit", {}))
        old_quota, new_quota = year_end.assessment["quota"], after["quota"]
        quota = [Change(_("Số người đạt Hoàn thành xuất sắc"), old_quota["htxs_count"], new_quota["htxs_count"]),
                 Change(_("Số chỗ Hoàn thành xuất sắc theo tỷ lệ"), old_quota["htxs_max"], new_quota["htxs_max"])]
    return WhatIf(month_changes, person,
                  _title_changes(book.person_titles, before_result.get("titles", {}), after_result.get("titles", {})),
                  unit, quota)


@bp.route("/<int:year>/people/<int:person_id>/what-if")
@login_required
def whatif(year: int, person_id: int):
    page = load_person_year(year, person_id)
    if "run" not in request.args:
        return render_person(page, WHATIF, **blank_whatif(page))
    form = _form_class(page)(formdata=request.args)
    valid = form.validate()
    if not (_complete(page, form) and valid):
        return render_person(page, WHATIF, 422, whatif_form=form, whatif=None)
    months = _changed_months(page, form)
    doc = dict(page.year_end.doc)
    doc["months"] = [m for m in doc.get("months", []) if m["person"] != page.person.code] + months
    result = compare(page, months, queries.reassess(page.year_end, doc))
    return render_person(page, WHATIF, whatif_form=form, whatif=result)
