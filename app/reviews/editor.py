"""The leader's review of one person's month, as the board's inline editor shows and saves it.

What is loaded (the self-assessment, the items, the earlier shortcomings to judge, the ones raised now, the
discipline of the year); the form as first shown (prefilled from the self-assessment, or from the review already
written); the checks the rules make (a reason for each figure changed from the self-assessed one, the level against
the band and the discipline); the 409 when another leader saved meanwhile; the save with its audit records. The
warnings shown after a save compare the review with the month's others: app/reviews/board.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from flask import abort, request
from flask_babel import gettext as _
from sqlalchemy import select
from wtforms.fields import Label

from app import audit
from app.clock import utcnow
from app.commitments.common import flush_or_409, snapshot
from app.commitments.queries import review_for_writing, sheet_of
from app.commitments.summary import item_results
from app.domain import discipline as discipline_rules
from app.domain.points import canonical
from app.domain.reviews import DISCIPLINED_LEVEL, changes_needing_reasons, level_problem, required_level
from app.domain.rulebooks import Rulebook, rulebook
from app.domain.scoring import round_one_decimal, task_points
from app.extensions import db
from app.models import Account, CommitmentItem, Discipline, Month, MonthlyReview, Person, Shortcoming
from app.models import ShortcomingFollowUp as FollowUp
from app.people.discipline_labels import DISCIPLINE_FORM_LABELS
from app.reviews import ledger_writes
from app.reviews.board import review_warnings
from app.reviews.forms import MAX_ROWS, TASKS, pack_watched, review_form_class
from app.reviews.queries import raised_in_month, shortcomings_to_judge

REVIEW_FIELDS = ("review_state", "reviewer_id", "reviewed_at", "review_general", "review_task_points", "review_score",
                 "review_level", "change_reasons", "strengths", "direction", "level_comment", "approved_by_id",
                 "approved_at")
TASK_PLACES = Decimal("0.001")


def _decimal(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


@dataclass
class Editor:
    person: Person
    month: Month
    book: Rulebook
    review: MonthlyReview | None
    items: list[CommitmentItem]
    to_judge: list[tuple[Shortcoming, FollowUp | None]]
    raised: list[Shortcoming]
    discipline_form: str | None  # the heaviest discipline decided in the year, if any
    raised_after: list[Shortcoming] = field(default_factory=list)  # after a save: the ones raised now

    # --- What the person's month is ---------------------------------------------------------------------------

    @property
    def on_leave(self) -> bool:
        return bool(self.review and self.review.leave)

    @property
    def disciplined(self) -> bool:
        return self.discipline_form is not None

    @property
    def discipline_label(self) -> str:
        return str(DISCIPLINE_FORM_LABELS[self.discipline_form]) if self.discipline_form else ""

    @property
    def scored(self) -> bool:
        """Points are given: a scored rulebook, and not a month on leave."""
        return self.book.scoring is not None and not self.on_leave

    @property
    def group_codes(self) -> list[str]:
        return [group.code for group in self.book.scoring.general_groups] if self.book.scoring else []

    @property
    def reviewed(self) -> bool:
        """The leader's part has been written (so the form shows it rather than the self-assessment)."""
        return bool(self.review and self.review.review_state != "pending")

    def self_points(self) -> dict[str, Decimal | None]:
        general = (self.review.self_general or {}) if self.review else {}
        values = {code: _decimal(general.get(code)) for code in self.group_codes}
        values[TASKS] = self.review.self_task_points if self.review else None
        return values

    def computed_task_points(self) -> Decimal | None:
        """The task points the items earn (for a person who never self-assessed)."""
        if self.book.scoring is None or not self.items:
            return None
        points = task_points(item_results(self.items), self.book.scoring).points
        return None if points is None else points.quantize(TASK_PLACES)

    def prefill_points(self) -> dict[str, Decimal | None]:
        if self.reviewed:
            general = self.review.review_general or {}
            values = {code: _decimal(general.get(code)) for code in self.group_codes}
            values[TASKS] = self.review.review_task_points
            return values
        values = self.self_points()
        if values[TASKS] is None:
            values[TASKS] = self.computed_task_points()
        return values

    def default_level(self) -> str | None:
        if self.reviewed and self.review.review_level:
            return self.review.review_level
        if self.disciplined:
            return DISCIPLINED_LEVEL
        if self.scored:
            prefill = self.prefill_points()
            if all(value is not None for value in prefill.values()):
                return required_level(total_of(prefill), self.book, False)
        return self.review.self_level if self.review else None

    # --- The form --------------------------------------------------------------------------------------------

    def watched(self) -> dict[str, str]:
        """The stored values whose tokens the form carries (its `was` field), as canonical text."""
        review = self.review
        values = {
            "review_state": review.review_state if review else "pending",
            "level": (review.review_level or "") if review else "",
            "strengths": review.strengths if review else "",
            "direction": review.direction if review else "",
            "level_comment": review.level_comment if review else "",
            "shortcomings": "\n".join(f"{s.text}\t{s.expected_fix}" for s in self.raised),
            "verdicts": "\n".join(f"{s.id}:{(f.verdict or '') if f else ''}:{f.verdict_note if f else ''}"
                                  for s, f in self.to_judge),
        }
        if self.scored:
            general = (review.review_general or {}) if review else {}
            for code in self.group_codes:
                values[f"g_{code}"] = canonical(general.get(code))
            values[TASKS] = canonical(review.review_task_points if review else None)
        return values

    def _form_class(self, rows: int):
        return review_form_class(self.book, tuple(s.id for s, _f in self.to_judge), rows, self.on_leave)

    def form(self, rows: int | None = None):
        """The form as first shown: the review as written, or prefilled from the self-assessment."""
        rows = len(self.raised) + 1 if rows is None else rows
        review = self.review
        data: dict[str, object] = {
            "version": str(review.version) if review else "", "rows": str(rows),
            "strengths": review.strengths if review else "", "direction": review.direction if review else "",
        }
        if not self.on_leave:
            data["level"] = self.default_level() or ""
            data["level_comment"] = review.level_comment if review else ""
            if self.scored:
                reasons = (review.change_reasons or {}) if review else {}
                for key, value in self.prefill_points().items():
                    data[key if key == TASKS else f"g_{key}"] = value
                    data[f"reason_{key}"] = reasons.get(key, "")
        for shortcoming, follow_up in self.to_judge:
            data[f"verdict_{shortcoming.id}"] = (follow_up.verdict or "") if follow_up else ""
            data[f"verdict_note_{shortcoming.id}"] = follow_up.verdict_note if follow_up else ""
        for number, shortcoming in enumerate(self.raised):
            data |= {f"sc_id_{number}": str(shortcoming.id), f"sc_text_{number}": shortcoming.text,
                     f"sc_fix_{number}": shortcoming.expected_fix}
        data["was"] = pack_watched(self.watched())
        return self._ids(self._form_class(rows)(formdata=None, data=data))

    def posted_form(self):
        """The form as posted; "Thêm tồn tại" (add_row) asks for one more shortcoming row."""
        try:
            rows = max(int(request.form.get("rows", "")), 0)
        except ValueError:
            rows = len(self.raised) + 1
        if self.add_row_requested():
            rows += 1
        rows = min(rows, MAX_ROWS)
        form = self._ids(self._form_class(rows)())
        form.rows.data = str(rows)
        self._keep_points_not_sent(form, rows)
        if "earlier_shown" not in request.form:
            # Sent before the lazily fetched verdicts arrived: they were never on the screen, so they stay as stored.
            for shortcoming, follow_up in self.to_judge:
                form[f"verdict_{shortcoming.id}"].data = (follow_up.verdict or "") if follow_up else ""
                form[f"verdict_note_{shortcoming.id}"].data = follow_up.verdict_note if follow_up else ""
        return form

    def points_names(self) -> list[str]:
        """The points table's fields (the figures and the reasons for changing them), when the form has them."""
        if not self.scored:
            return []
        keys = [*self.group_codes, TASKS]
        return [key if key == TASKS else f"g_{key}" for key in keys] + [f"reason_{key}" for key in keys]

    def _keep_points_not_sent(self, form, rows: int) -> None:
        """A save sent before the lazily fetched points table arrived: its fields were never on the screen (a
        browser sends every text box, even an empty one), so they hold what the form would have shown."""
        absent = [name for name in self.points_names() if name not in request.form]
        if absent:
            first = self.form(rows)
            for name in absent:
                form[name].data = first[name].data

    @staticmethod
    def add_row_requested() -> bool:
        return "add_row" in request.form

    def _ids(self, form):
        """Ids unique on the board, where several people's editors may be open at once."""
        for item in form:
            item.id = f"r{self.person.id}-{item.name}"
            item.label = Label(item.id, item.label.text)
        return form

    # --- The checks ------------------------------------------------------------------------------------------

    def check(self, form) -> bool:
        """The rules' checks after the form's own (call form.validate() first): errors land at the fields."""
        if not self.on_leave:
            total = None
            if self.scored:
                entered = self._entered(form)
                for key, value in entered.items():
                    box = form[key if key == TASKS else f"g_{key}"]
                    if value is None and not box.errors:
                        box.errors.append(_("Hãy nhập điểm."))
                if all(value is not None for value in entered.values()):
                    total = total_of(entered)
                for key in changes_needing_reasons(self.self_points(), entered):
                    reason = form[f"reason_{key}"]
                    if not reason.data:
                        reason.errors.append(_("Ghi lý do khi thay đổi điểm so với điểm tự chấm."))
            if not form.level.data:
                if not form.level.errors:
                    form.level.errors.append(_("Hãy chọn mức xếp loại."))
            elif total is not None or not self.scored:
                problem = level_problem(form.level.data, total, self.book, self.disciplined)
                if problem:
                    form.level.errors.append(problem)
        self._check_rows(form)
        return not form.errors

    def _entered(self, form) -> dict[str, Decimal | None]:
        values = {code: form[f"g_{code}"].points for code in self.group_codes}
        values[TASKS] = form[TASKS].points
        return values

    def rows(self, form) -> list[tuple[int | None, str, str, int]]:
        """Each posted shortcoming row: (existing id or None, text, expected fix, row number)."""
        known = {shortcoming.id for shortcoming in self.raised}
        rows, seen = [], set()
        for number in range(int(form.rows.data)):
            raw = form[f"sc_id_{number}"].data or ""
            shortcoming_id = int(raw) if raw.isdigit() else None
            if raw and (shortcoming_id not in known or shortcoming_id in seen):
                abort(400)  # a row that is not one of this review's shortcomings: a tampered or mixed-up form
            seen.add(shortcoming_id)
            rows.append((shortcoming_id, form[f"sc_text_{number}"].data or "", form[f"sc_fix_{number}"].data or "",
                         number))
        return rows

    def _check_rows(self, form) -> None:
        for shortcoming_id, text, fix, number in self.rows(form):
            if shortcoming_id is None and not text and fix:
                form[f"sc_text_{number}"].errors.append(
                    _("Hãy ghi tồn tại, hạn chế (hoặc xoá hướng khắc phục của dòng này)."))

    # --- The save --------------------------------------------------------------------------------------------

    def save(self, form, account: Account) -> MonthlyReview:
        """Write the review, the verdicts and the shortcomings raised now, each with its audit record (the view
        commits). The total is the domain's computation, never a posted figure."""
        review = review_for_writing(self.person, self.month)
        before = snapshot(review, REVIEW_FIELDS)
        if self.scored:
            entered = self._entered(form)
            review.review_general = {code: canonical(entered[code]) for code in self.group_codes}
            review.review_task_points = entered[TASKS].quantize(TASK_PLACES)
            review.review_score = total_of(entered)
            review.change_reasons = {key: form[f"reason_{key}"].data
                                     for key in changes_needing_reasons(self.self_points(), entered)}
        else:
            review.review_general, review.review_task_points, review.review_score = {}, None, None
            review.change_reasons = {}
        review.review_level = None if self.on_leave else form.level.data
        review.level_comment = "" if self.on_leave else form.level_comment.data or ""
        review.strengths = form.strengths.data or ""
        review.direction = form.direction.data or ""
        review.reviewer_id = account.id
        review.reviewed_at = utcnow()
        # An edit after approval needs a new approval.
        review.review_state = "reviewed"
        review.approved_by_id = None
        review.approved_at = None
        flush_or_409()
        audit.record("monthly_review", review.id, "review", before, snapshot(review, REVIEW_FIELDS))
        ledger_writes.save_verdicts(self, form, account)
        self.raised_after = ledger_writes.save_shortcomings(self, form, review)
        return review

    def warnings(self, review: MonthlyReview) -> list[str]:
        """After the save: the consistency warnings, which never block."""
        still_open = sum(1 for shortcoming, _f in self.to_judge if shortcoming.closed_in_month_id is None)
        return review_warnings(self.month, self.person, review, still_open + len(self.raised_after))


def total_of(points: dict[str, Decimal | None]) -> Decimal:
    """General points plus task points, rounded to one decimal as the self-assessment rounds them."""
    return round_one_decimal(sum((value for value in points.values() if value is not None), Decimal(0)))


def load_editor(month: Month, person: Person) -> Editor:
    review = db.session.scalar(select(MonthlyReview).where(MonthlyReview.person_id == person.id,
                                                           MonthlyReview.month_id == month.id))
    sheet = sheet_of(person.id, month.id)
    disciplines = list(db.session.scalars(select(Discipline).where(Discipline.person_id == person.id)))
    return Editor(
        person=person, month=month, book=rulebook(month.year.rulebook_code), review=review,
        items=list(sheet.items) if sheet else [],
        to_judge=shortcomings_to_judge(month, [person.id]).get(person.id, []),
        raised=raised_in_month(month, [person.id]).get(person.id, []),
        discipline_form=discipline_rules.heaviest_form_in_year(disciplines, month.year.year),
    )
