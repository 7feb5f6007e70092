"""Forms of the commitments area. Points accept "9,5" as well as "9.5"; every text is NFC and stripped (BaseForm)."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Field, HiddenField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from app.domain.points import PointsError, parse_points
from app.domain.rulebooks import Rulebook
from app.form_base import BaseForm, DmyDateField
from app.labels import LEAVE_LABELS, LEVEL_LABELS, OUTCOME_LABELS

TEXT_MAX = 4000
LEVEL_NAME = "proposed_level"  # the general part of a levels-only year: the level the person proposes


def points_text(value: Decimal | None, places: int = 1) -> str:
    """Points as the reader's language writes them: 9,5 in Vietnamese, 9.5 in English (task points, which are
    a share of 70, with two decimals so that they add up to the total shown)."""
    return "" if value is None else format_decimal(value, format="0." + "#" * places)


class PointsField(StringField):
    """Points with at most one decimal between 0 and `maximum`; `points` holds the value once validated."""

    def __init__(self, label=None, validators=None, maximum: Decimal = Decimal(100), **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "decimal", "autocomplete": "off", "size": "5"})
        super().__init__(label, validators, **kwargs)
        self.maximum = maximum
        self.points: Decimal | None = None

    def process_data(self, value):
        self.points = value
        self.data = points_text(value) if isinstance(value, Decimal) else (value or "")

    def pre_validate(self, form):
        # The maximum may be set after the form is built (it comes from the year's rulebook), so parse here.
        try:
            self.points = parse_points(self.data, self.maximum)
        except PointsError as error:
            self.points = None
            messages = {
                "number": _l("Hãy nhập một số điểm, ví dụ 9,5."),
                "decimals": _l("Chỉ ghi tối đa một chữ số thập phân, ví dụ 9,5."),
                "range": _l("Điểm từ 0 đến %(max)s.", max=points_text(self.maximum)),
            }
            raise ValidationError(messages[error.kind]) from error


class ItemForm(BaseForm):
    title = StringField(_l("Công việc, sản phẩm sẽ hoàn thành"),
                        [DataRequired(_l("Hãy ghi công việc sẽ hoàn thành.")), Length(max=500)])
    measure = StringField(_l("Tiêu chí đo, số lượng"), [Length(max=300)])
    deadline = DmyDateField(_l("Thời hạn"))
    planned_points = PointsField(_l("Điểm dự kiến"))
    version = HiddenField()


class VersionForm(BaseForm):
    """A button that acts on a record as the page showed it (submit, delete): only the version travels."""

    version = HiddenField()


class MoveForm(BaseForm):
    direction = HiddenField()


class ReturnForm(BaseForm):
    comment = TextAreaField(_l("Lý do trả lại, điều cần sửa"),
                            [DataRequired(_l("Hãy ghi lý do trả lại để người đăng ký biết cần sửa gì.")),
                             Length(max=TEXT_MAX)], render_kw={"rows": 3})
    version = HiddenField()


class AssessItemForm(BaseForm):
    outcome = SelectField(_l("Kết quả"), choices=[SelectChoice("", _l("— chưa đánh giá —")),
                                                        *(SelectChoice(code, label) for code, label
                                                          in OUTCOME_LABELS.items())])
    major_error = BooleanField(_l("Có sai sót lớn"))
    evidence = StringField(_l("Minh chứng (số văn bản hoặc đường dẫn)"), [Length(max=500)])
    version = HiddenField()


class LeaveForm(BaseForm):
    leave = SelectField(_l("Nghỉ trong tháng"), choices=[SelectChoice("", _l("Không nghỉ: tự chấm điểm")),
                                                         *(SelectChoice(code, label) for code, label
                                                           in LEAVE_LABELS.items())])
    was_leave = HiddenField()


class SubmitSelfForm(BaseForm):
    seen = HiddenField()  # the fingerprint of the summary the person saw when pressing the button


@cache
def general_form_class(book: Rulebook) -> type[BaseForm]:
    """The general part of the self-assessment: points per criteria group of a scored rulebook, or the proposed
    level of a levels-only one. Each field travels with the fingerprint of the value the form showed (was_…)."""
    fields: dict[str, Field] = {}
    if book.scoring is not None:
        for group in book.scoring.general_groups:
            fields[f"g_{group.code}"] = PointsField(group.name, maximum=group.max_points)
            fields[f"was_{group.code}"] = HiddenField()
    else:
        choices = [SelectChoice("", _l("— chọn mức —")),
                   *(SelectChoice(level.code, LEVEL_LABELS[level.code]) for level in book.levels)]
        fields[LEVEL_NAME] = SelectField(_l("Mức tự xếp loại"), choices=choices)
        fields[f"was_{LEVEL_NAME}"] = HiddenField()
    return type(f"GeneralForm_{book.code}", (BaseForm,), fields)


def texts_form_class(shortcoming_ids: tuple[int, ...]) -> type[BaseForm]:
    """Own strengths and shortcomings, and for each open shortcoming what was done to fix it."""
    fields: dict[str, Field] = {
        "strengths": TextAreaField(_l("Ưu điểm"), [Length(max=TEXT_MAX)], render_kw={"rows": 4}),
        "was_strengths": HiddenField(),
        "shortcomings": TextAreaField(_l("Tồn tại, hạn chế và nguyên nhân"), [Length(max=TEXT_MAX)],
                                      render_kw={"rows": 4}),
        "was_shortcomings": HiddenField(),
    }
    for shortcoming_id in shortcoming_ids:
        fields[f"fix_{shortcoming_id}"] = TextAreaField(_l("Kết quả khắc phục"), [Length(max=TEXT_MAX)],
                                                        render_kw={"rows": 2})
        fields[f"was_fix_{shortcoming_id}"] = HiddenField()
    return type("SelfTextsForm", (BaseForm,), fields)
