"""Forms of the review board: the leader's review of one person's month (built per rulebook, per earlier
shortcoming to judge and per number of shortcoming rows), and the buttons that approve or close."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from wtforms import Field, HiddenField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import Length, ValidationError

from app.commitments.forms import TEXT_MAX, PointsField, points_text
from app.domain.commitments import fingerprint
from app.domain.rulebooks import Rulebook
from app.form_base import BaseForm
from app.labels import LEVEL_LABELS, VERDICT_LABELS

REASON_MAX = 500
MAX_ROWS = 20  # shortcoming rows one review may carry: enough for any month, a bound for a tampered form
TASKS = "tasks"  # the task points' field name (and its key in change_reasons, as domain.reviews.TASKS_KEY)
TASK_PLACES = 3  # MonthlyReview.review_task_points is Numeric(6, 3), like the self-assessed task points
_TASK_NUMBER = re.compile(r"^\d{1,3}(?:[.,]\d{1,3})?$")


class TaskPointsField(StringField):
    """The task points: a share of the rulebook's task points computed from the items, so up to three decimals
    (the self-assessed figure is stored that way and is prefilled as it is)."""

    def __init__(self, label=None, validators=None, maximum: Decimal = Decimal(70), **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "decimal", "autocomplete": "off", "size": "6"})
        super().__init__(label, validators, **kwargs)
        self.maximum = maximum
        self.points: Decimal | None = None

    def process_data(self, value):
        self.points = value
        self.data = points_text(value, TASK_PLACES) if isinstance(value, Decimal) else (value or "")

    def pre_validate(self, form):
        text = (self.data or "").replace(" ", "")
        self.points = None
        if not text:
            return
        if not _TASK_NUMBER.match(text):
            raise ValidationError(_l("Hãy nhập một số điểm, ví dụ 52,5."))
        try:
            value = Decimal(text.replace(",", "."))
        except InvalidOperation as error:  # unreachable after the pattern; kept so a bad value never passes
            raise ValidationError(_l("Hãy nhập một số điểm, ví dụ 52,5.")) from error
        if value > self.maximum:
            raise ValidationError(_l("Điểm từ 0 đến %(max)s.", max=points_text(self.maximum)))
        self.points = value


def _level_choices(book: Rulebook) -> list[SelectChoice]:
    return [SelectChoice("", _l("— chọn mức —")),
            *(SelectChoice(level.code, LEVEL_LABELS[level.code]) for level in book.levels)]


def _verdict_choices() -> list[SelectChoice]:
    return [SelectChoice("", _l("— chưa kết luận —")),
            *(SelectChoice(code, label) for code, label in VERDICT_LABELS.items())]


# The review's own fields whose shown value travels as a token (in the one `was` field), so that a 409 can say
# which of them someone else changed meanwhile.
WATCHED = ("review_state", "level", "strengths", "direction", "level_comment", "shortcomings", "verdicts")


def review_form_class(book: Rulebook, verdict_ids: tuple[int, ...], rows: int, on_leave: bool) -> type[BaseForm]:
    """The leader's review of one person's month.

    - scored year, not on leave: points per general group (g_<code>) and the task points, each with a reason
      field (reason_<code>, reason_tasks) for a change from the self-assessed figure; the level;
    - levels-only year: the level; on leave: neither;
    - for each earlier shortcoming to judge: verdict_<id> and verdict_note_<id>;
    - `rows` shortcoming rows raised now: sc_id_<n> (an existing one's id, empty for a new one), sc_text_<n>,
      sc_fix_<n>.
    """
    fields: dict[str, Field] = {
        "version": HiddenField(),
        "rows": HiddenField(),
        # The cursor's place when the editor opens: the first box to write in (its panels arrive later).
        "strengths": TextAreaField(_l("Ưu điểm"), [Length(max=TEXT_MAX)], render_kw={"rows": 3, "autofocus": True}),
        "direction": TextAreaField(_l("Phương hướng, nhiệm vụ tháng tới"), [Length(max=TEXT_MAX)],
                                   render_kw={"rows": 2}),
    }
    if not on_leave:
        if book.scoring is not None:
            for group in book.scoring.general_groups:
                fields[f"g_{group.code}"] = PointsField(group.name, maximum=group.max_points)
                fields[f"reason_{group.code}"] = StringField(_l("Lý do thay đổi: %(group)s", group=group.name),
                                                             [Length(max=REASON_MAX)])
            fields[TASKS] = TaskPointsField(_l("Điểm kết quả thực hiện nhiệm vụ"),
                                            maximum=book.scoring.task_points)
            fields[f"reason_{TASKS}"] = StringField(_l("Lý do thay đổi: điểm kết quả thực hiện nhiệm vụ"),
                                                    [Length(max=REASON_MAX)])
        fields["level"] = SelectField(_l("Mức xếp loại"), choices=_level_choices(book))
        fields["level_comment"] = TextAreaField(_l("Nhận xét về mức xếp loại (nếu cần)"), [Length(max=TEXT_MAX)],
                                                render_kw={"rows": 2})
    for shortcoming_id in verdict_ids:
        fields[f"verdict_{shortcoming_id}"] = SelectField(_l("Kết luận"), choices=_verdict_choices())
        fields[f"verdict_note_{shortcoming_id}"] = StringField(_l("Ghi chú"), [Length(max=REASON_MAX)])
    for number in range(rows):
        fields[f"sc_id_{number}"] = HiddenField()
        fields[f"sc_text_{number}"] = TextAreaField(_l("Tồn tại, hạn chế"), [Length(max=TEXT_MAX)],
                                                    render_kw={"rows": 2})
        fields[f"sc_fix_{number}"] = TextAreaField(_l("Hướng khắc phục"), [Length(max=TEXT_MAX)],
                                                   render_kw={"rows": 2})
    fields["was"] = HiddenField()  # the watched values' tokens, one field: see pack_watched
    return type("ReviewForm", (BaseForm,), fields)


def watch_token(value: str) -> str:
    """A watched value's stand-in in the `was` field: nothing for an empty value, else the first 8 hex digits of its
    fingerprint (enough to tell that a value changed; a 409 only names fields, it never decides a save)."""
    return fingerprint(value)[:8] if value else ""


def pack_watched(values: dict[str, str]) -> str:
    """The tokens of the values the form showed (Editor.watched's, in its order) as one hidden field's value:
    a dozen hidden inputs with their names and ids weighed a kilobyte of every editor, full fingerprints 200 bytes."""
    return ".".join(watch_token(value) for value in values.values())


def unpack_watched(value: str | None, names: list[str]) -> dict[str, str]:
    """pack_watched's value read back against the names the editor watches now; a value that does not fit (a
    tampered form, another rulebook's fields) matches no token, so every field counts as changed."""
    parts = (value or "").split(".")
    return dict(zip(names, parts, strict=True)) if len(parts) == len(names) else dict.fromkeys(names, "?")


class ApproveForm(BaseForm):
    """Approve one review as the board showed it: the version travels with the button."""

    version = HiddenField()


class CloseMonthForm(BaseForm):
    version = HiddenField()
