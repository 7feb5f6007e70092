"""The superior body's result of one month, as the office types it from the superior body's document."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Length

from app.commitments.forms import PointsField
from app.form_base import BaseForm
from app.labels import LEAVE_LABELS

REF_MAX = 500


class SuperiorResultForm(BaseForm):
    """A scored year keeps `score` (the level follows from the bands), a levels-only year keeps `level`
    (app.reviews.superior.result_form removes the other)."""

    leave = SelectField(_l("Nghỉ cả tháng"), choices=[SelectChoice("", _l("Không nghỉ: có kết quả đánh giá")),
                                                     *(SelectChoice(code, label) for code, label
                                                       in LEAVE_LABELS.items())])
    score = PointsField(_l("Tổng điểm cấp trên chấm"))
    level = SelectField(_l("Mức xếp loại"), choices=[])
    superior_ref = StringField(
        _l("Văn bản của cấp trên"),
        [DataRequired(_l("Hãy ghi văn bản của cấp trên, ví dụ Thông báo số 12/TB-SNV ngày 05/11/2026.")),
         Length(max=REF_MAX)],
        render_kw={"autocomplete": "off"})
    version = HiddenField()


class ClearForm(BaseForm):
    """Clearing a recorded month: only the row's version as the page showed it travels."""

    version = HiddenField()
