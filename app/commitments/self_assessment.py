"""The self-assessment page's state: what is loaded, whether it may still be changed (and why not), the forms as
the page shows them, and the three-way merge that lets two tabs edit different fields without losing either."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from app import htmx
from app.commitments.common import book_of, me_or_403, refuse
from app.commitments.forms import AssessItemForm, LeaveForm, SubmitSelfForm, general_form_class, texts_form_class
from app.commitments.queries import month_or_404, review_of, sheet_of, shortcomings_to_report
from app.commitments.summary import summarise
from app.domain.calendar import month_allows
from app.domain.commitments import APPLY, CONFLICT, field_change, fingerprint
from app.domain.points import canonical
from app.domain.rulebooks import Rulebook
from app.initiatives.panels import item_panels
from app.models import CommitmentItem, CommitmentSheet, Month, MonthlyReview, Person, Shortcoming
from app.models import ShortcomingFollowUp as FollowUp

PAGE = "commitments/self_assessment.html"
BODY = "commitments/partials/self_body.html"
SUMMARY = "commitments/partials/self_summary.html"
REVIEW_FIELDS = ("leave", "self_general", "self_task_points", "self_score", "self_level", "self_strengths",
                 "self_shortcomings", "self_state", "self_submitted_at")


@dataclass
class SelfAssessment:
    person: Person
    month: Month
    book: Rulebook
    sheet: CommitmentSheet | None
    review: MonthlyReview | None
    reports: list[tuple[Shortcoming, FollowUp | None]] = field(default_factory=list)

    @property
    def items(self) -> list[CommitmentItem]:
        return list(self.sheet.items) if self.sheet else []

    @property
    def on_leave(self) -> bool:
        return bool(self.review and self.review.leave)

    def leave_refusal(self) -> str | None:
        """Why the month can no longer be marked as leave (or anything else here changed), or None."""
        permission = month_allows(self.month.state, "self_assess", self.month.label)
        if not permission.allowed:
            return permission.reason
        if self.review is not None and self.review.self_state == "submitted":
            return _("Bạn đã gửi tự đánh giá tháng %(month)s: không sửa được nữa.", month=self.month.label)
        return None

    def refusal(self) -> str | None:
        """Why the self-assessment may not change now, or None. The write routes refuse with it; the page shows
        it. A month on leave needs no sheet; otherwise the sheet must have been sent (and not sent back)."""
        reason = self.leave_refusal()
        if reason is None and not self.on_leave and (self.sheet is None or self.sheet.state != "submitted"):
            reason = _("Bản cam kết tháng %(month)s chưa được gửi (hoặc đang bị trả lại): hãy gửi bản cam kết "
                       "trước khi tự đánh giá.", month=self.month.label)
        return reason

    def require_open(self, leave: bool = False) -> None:
        reason = self.leave_refusal() if leave else self.refusal()
        if reason:
            refuse(409, reason)

    def summary(self):
        reports = [follow_up.person_report if follow_up else "" for _shortcoming, follow_up in self.reports]
        return summarise(self.book, self.review, self.items, reports)


def load(year: int, number: int) -> SelfAssessment:
    person = me_or_403()
    month = month_or_404(year, number)
    return SelfAssessment(person, month, book_of(month), sheet_of(person.id, month.id), review_of(person.id, month.id),
                          shortcomings_to_report(person.id, month))


# --- The forms as the page shows them (each field with the fingerprint of the value it shows) -----------------

def stored_general(state: SelfAssessment) -> dict[str, str]:
    return {code: canonical(value) for code, value in ((state.review.self_general or {}) if state.review
                                                      else {}).items()}


def general_form(state: SelfAssessment):
    stored = stored_general(state)
    if state.book.scoring is not None:
        data = {}
        for group in state.book.scoring.general_groups:
            value = stored.get(group.code, "")
            data[f"g_{group.code}"] = _decimal_or_none(value)
            data[f"was_{group.code}"] = fingerprint(value)
    else:
        level = state.review.self_level if state.review else None
        data = {"proposed_level": level or "", "was_proposed_level": fingerprint(level or "")}
    return general_form_class(state.book)(formdata=None, data=data)


def _decimal_or_none(text: str) -> Decimal | None:
    return Decimal(text) if text else None


def texts_form(state: SelfAssessment):
    review = state.review
    data = {"strengths": review.self_strengths if review else "",
            "shortcomings": review.self_shortcomings if review else ""}
    for shortcoming, follow_up in state.reports:
        data[f"fix_{shortcoming.id}"] = follow_up.person_report if follow_up else ""
    data |= {f"was_{name}": fingerprint(value) for name, value in list(data.items())}
    return texts_form_class(tuple(s.id for s, _f in state.reports))(formdata=None, data=data)


def leave_form(state: SelfAssessment) -> LeaveForm:
    leave = (state.review.leave if state.review else None) or ""
    return LeaveForm(formdata=None, leave=leave, was_leave=fingerprint(leave))


def item_forms(state: SelfAssessment) -> dict[int, AssessItemForm]:
    return {item.id: AssessItemForm(formdata=None, obj=item, outcome=item.outcome or "", version=item.version)
            for item in state.items}


def render(state: SelfAssessment, partial: str, status: int = 200, **overrides):
    """The page (or one of its fragments) with every form as stored, except those passed in `overrides`."""
    summary = state.summary()
    context = {
        "person": state.person, "month": state.month, "book": state.book, "sheet": state.sheet,
        "review": state.review, "items": state.items, "reports": state.reports, "summary": summary,
        "gap_messages": gap_messages(state, summary), "refusal": state.refusal(),
        "leave_refusal": state.leave_refusal(), "months": [m for m in state.month.year.months if m.state != "not_open"],
        "urls": _urls(state.month), "own": True,
        "panels": item_panels(state.items, return_url=url_for("commitments.self_assessment", year=state.month.year.year,
                                                              month=state.month.number)),
    }
    context |= {"general_form": general_form(state), "texts_form": texts_form(state), "leave_form": leave_form(state),
                "item_forms": item_forms(state), "submit_form": SubmitSelfForm(formdata=None)}
    context |= overrides
    return htmx.render(PAGE, partial, status, **context)


def _urls(month: Month) -> dict[str, str]:
    args = {"year": month.year.year, "month": month.number}
    return {name: url_for(f"commitments.self_{name}", **args)
            for name in ("assessment", "summary", "general", "texts", "leave", "submit")}


# --- Merging one tab's edits with what another tab saved -------------------------------------------------------

@dataclass
class Merge:
    """The outcome of merging a form: the fields to save, and those someone else changed meanwhile."""

    apply: dict[str, str] = field(default_factory=dict)
    conflicts: dict[str, str] = field(default_factory=dict)  # field name → the value stored now

    def check(self, name: str, posted: str, was: str | None, stored: str) -> None:
        decision = field_change(posted, was or "", stored)
        if decision == APPLY:
            self.apply[name] = posted
        elif decision == CONFLICT:
            self.conflicts[name] = stored


def keep_input_after_conflict(form, merge: Merge, was_prefix: str = "was_") -> None:
    """After a conflict, the form keeps what this user typed, shows what is stored now at each field, and carries
    the stored value's fingerprint: a second save is then a deliberate overwrite."""
    for name, stored in merge.conflicts.items():
        form[f"{was_prefix}{name}"].data = fingerprint(stored)
        form[_field_name(form, name)].errors = [
            _("Ở nơi khác (có thể ở một thẻ khác) vừa lưu: “%(value)s”. Giá trị bạn nhập vẫn ở đây: bấm Lưu lần nữa "
              "để ghi đè, hoặc sửa lại.", value=stored or _("(để trống)"))]


def _field_name(form, name: str) -> str:
    return f"g_{name}" if f"g_{name}" in form else name


def gap_messages(state: SelfAssessment, summary) -> list[str]:
    """What is still missing before the self-assessment can be sent, in the person's words."""
    gaps = summary.gaps
    names = {group.code: group.name for group in state.book.scoring.general_groups} if state.book.scoring else {}
    messages = []
    if gaps.no_items:
        messages.append(_("Bản cam kết không có nội dung nào để tự đánh giá."))
    if gaps.items_unassessed:
        messages.append(ngettext("Còn %(num)s nội dung chưa chọn kết quả.", "Còn %(num)s nội dung chưa chọn kết quả.",
                                 gaps.items_unassessed))
    if gaps.groups_missing:
        messages.append(_("Chưa nhập điểm: %(groups)s.", groups="; ".join(names[code] for code in gaps.groups_missing)))
    if gaps.level_missing:
        messages.append(_("Chưa chọn mức tự xếp loại."))
    if gaps.reports_missing:
        messages.append(ngettext("Còn %(num)s tồn tại chưa ghi kết quả khắc phục.",
                                 "Còn %(num)s tồn tại chưa ghi kết quả khắc phục.", gaps.reports_missing))
    return messages
