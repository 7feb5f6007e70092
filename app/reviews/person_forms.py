"""Forms of a person's review page: the reviewed person's answer (acknowledge, object), the reviewer's reply, and
an amendment after the month closed. Points accept "9,5" as well as "9.5"; every text is NFC and stripped."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from flask_babel import lazy_gettext as _l
from wtforms import Field, HiddenField, SelectChoice, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from app.commitments.forms import PointsField, points_text
from app.domain.rulebooks import Rulebook
from app.form_base import BaseForm
from app.labels import LEVEL_LABELS

TEXT_MAX = 4000
TASK_PLACES = 3  # MonthlyReview.review_task_points is Numeric(6, 3): a share of 70 keeps its decimals
_TASK_NUMBER = re.compile(r"^\d{1,3}(?:[.,]\d{1,3})?$")


class AcknowledgeForm(BaseForm):
    version = HiddenField()  # the answer's version as the page showed it ("" when there was none)


class ObjectionForm(BaseForm):
    objection = TextAreaField(_l("Nội dung phản hồi"), [DataRequired(_l("Hãy ghi nội dung phản hồi.")),
                                                        Length(max=TEXT_MAX)], render_kw={"rows": 4})
    version = HiddenField()


class ReplyForm(BaseForm):
    reply = TextAreaField(_l("Trả lời phản hồi"), [DataRequired(_l("Hãy ghi nội dung trả lời.")),
                                                   Length(max=TEXT_MAX)], render_kw={"rows": 4})
    version = HiddenField()


class TaskPointsField(PointsField):
    """Task points as stored (up to three decimals, a share of the rulebook's task points), shown in full so that
    an untouched value posts back unchanged."""

    def process_data(self, value):
        self.points = value
        self.data = points_text(value, TASK_PLACES) if isinstance(value, Decimal) else (value or "")

    def pre_validate(self, form):
        text = (self.data or "").strip().replace(" ", "")
        self.points = None
        if not text:
            return
        if not _TASK_NUMBER.match(text):
            raise ValidationError(_l("Hãy nhập một số điểm, ví dụ 56,25."))
        value = Decimal(text.replace(",", "."))
        if value < 0 or value > self.maximum:
            raise ValidationError(_l("Điểm từ 0 đến %(max)s.", max=points_text(self.maximum)))
        self.points = value


def _points_required(form, field):
    if not (field.data or "").strip():
        raise ValidationError(_l("Hãy nhập điểm."))


@cache
def amend_form_class(book: Rulebook, rated: bool) -> type[BaseForm]:
    """The amendment of an approved review: the level (and in a scored year the points per general group and the
    task points), strengths, direction, and the reason, which the law of a closed month requires.

    `rated` is False for a month on leave: no score and no level, only the texts."""
    fields: dict[str, Field] = {}
    if rated:
        fields["level"] = SelectField(
            _l("Mức xếp loại"),
            choices=[SelectChoice("", _l("— chọn mức —")),
                     *(SelectChoice(level.code, LEVEL_LABELS[level.code]) for level in book.levels)],
            validators=[InputRequired(_l("Hãy chọn mức xếp loại."))])
        if book.scoring is not None:
            for group in book.scoring.general_groups:
                fields[f"g_{group.code}"] = PointsField(group.name, [_points_required], maximum=group.max_points)
            fields["task_points"] = TaskPointsField(_l("Điểm kết quả thực hiện nhiệm vụ"), [_points_required],
                                                    maximum=book.scoring.task_points)
    fields["strengths"] = TextAreaField(_l("Ưu điểm"), [Length(max=TEXT_MAX)], render_kw={"rows": 4})
    fields["direction"] = TextAreaField(_l("Phương hướng tháng tới"), [Length(max=TEXT_MAX)], render_kw={"rows": 3})
    fields["reason"] = TextAreaField(
        _l("Lý do điều chỉnh"), [DataRequired(_l("Điều chỉnh sau khi chốt tháng phải ghi lý do.")),
                                 Length(max=TEXT_MAX)],
        description=_l("Lý do được lưu cùng bản điều chỉnh; nội dung ban đầu vẫn được giữ và hiển thị."),
        render_kw={"rows": 3})
    fields["version"] = HiddenField()
    suffix = "rated" if rated else "leave"
    return type(f"AmendForm_{book.code}_{suffix}", (BaseForm,), fields)
