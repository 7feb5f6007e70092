"""Forms of the initiatives area: registering one, the leaders' decision, the award mark, a file upload."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import FieldList, HiddenField, RadioField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from app import uploads
from app.domain.initiatives import MAX_CO_AUTHORS
from app.form_base import BaseForm, DmyDateField
from app.initiatives.labels import OUTCOME_CHOICES
from app.labels import INITIATIVE_KIND_LABELS, RECOGNITION_LEVEL_LABELS
from app.models.initiatives import INITIATIVE_KINDS, RECOGNITION_LEVELS

NONE = 0  # "no one chosen" in a co-author box
LONG_TEXT = 10_000
ROWS = {"rows": 6}


class InitiativeForm(BaseForm):
    title = StringField(_l("Tên sáng kiến, giải pháp hoặc đề tài"),
                        [DataRequired(_l("Hãy nhập tên.")), Length(max=300)])
    kind = SelectField(_l("Loại"), choices=[SelectChoice(k, INITIATIVE_KIND_LABELS[k]) for k in INITIATIVE_KINDS],
                       validators=[InputRequired(_l("Hãy chọn loại."))], default="initiative")
    year = SelectField(_l("Năm thi đua"), coerce=int, validators=[InputRequired(_l("Hãy chọn năm."))])
    problem = TextAreaField(_l("Thực trạng, vấn đề cần giải quyết"), [Length(max=LONG_TEXT)], render_kw=ROWS,
                            description=_l("Cách làm hiện nay và hạn chế của nó."))
    solution = TextAreaField(_l("Nội dung giải pháp"), [Length(max=LONG_TEXT)], render_kw=ROWS,
                             description=_l("Điểm mới, cách thực hiện, điều kiện cần để áp dụng."))
    benefit = TextAreaField(_l("Hiệu quả dự kiến"), [Length(max=LONG_TEXT)], render_kw=ROWS,
                            description=_l("Lợi ích mang lại (thời gian, chi phí, chất lượng) và khả năng nhân rộng."))
    co_authors = FieldList(SelectField(_l("Đồng tác giả"), coerce=int), max_entries=MAX_CO_AUTHORS)
    version = HiddenField()


class DecisionForm(BaseForm):
    """The leaders' decision. What is required depends on the outcome, checked in validate()."""

    outcome = RadioField(_l("Kết quả"), choices=[SelectChoice(code, label) for code, label in OUTCOME_CHOICES.items()],
                         validators=[InputRequired(_l("Hãy chọn công nhận hay không công nhận."))])
    decision_number = StringField(_l("Số quyết định"), [Length(max=100)],
                                  description=_l("Ví dụ: 15/QĐ-TĐKT"))
    decided_on = DmyDateField(_l("Ngày quyết định (ngày nghiệm thu, với đề tài)"))
    level = SelectField(_l("Cấp công nhận"), choices=[SelectChoice("", _l("— Chọn cấp —"))]
                        + [SelectChoice(code, RECOGNITION_LEVEL_LABELS[code]) for code in RECOGNITION_LEVELS], default="")
    scope = TextAreaField(_l("Phạm vi ảnh hưởng, hiệu quả áp dụng"), [Length(max=LONG_TEXT)])
    rejection_reason = TextAreaField(_l("Lý do không công nhận"), [Length(max=LONG_TEXT)],
                                     description=_l("Tác giả đọc lý do này để hoàn thiện và gửi lại."))
    version = HiddenField()

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.outcome.data == "recognised":
            required = ((self.decision_number, _l("Hãy nhập số quyết định.")),
                        (self.decided_on, _l("Hãy nhập ngày quyết định.")),
                        (self.level, _l("Hãy chọn cấp công nhận.")))
            for field, message in required:
                if not field.data and not field.errors:
                    field.errors.append(message)
                    valid = False
            if self.decided_on.date and self.today and self.decided_on.date > self.today:
                self.decided_on.errors.append(_l("Ngày quyết định không được sau hôm nay."))
                valid = False
        elif self.outcome.data == "rejected" and not self.rejection_reason.data:
            self.rejection_reason.errors.append(_l("Hãy ghi lý do không công nhận để tác giả biết cần sửa gì."))
            valid = False
        return valid


class AwardForm(BaseForm):
    used_for_award = StringField(_l("Đã dùng cho"), [DataRequired(_l(
        "Hãy ghi danh hiệu hoặc hình thức khen thưởng đã dùng sáng kiến này, ví dụ: “Chiến sĩ thi đua cơ sở” năm "
        "2026.")), Length(max=200)])
    version = HiddenField()


class UnmarkAwardForm(BaseForm):
    reason = TextAreaField(_l("Lý do bỏ đánh dấu"), [DataRequired(_l("Hãy ghi lý do bỏ đánh dấu.")),
                                                    Length(max=1000)])
    version = HiddenField()


class VersionForm(BaseForm):
    version = HiddenField()


class AttachmentForm(BaseForm):
    file = FileField(_l("Chọn tệp"), [FileRequired(_l("Hãy chọn tệp để tải lên."))],
                     render_kw={"accept": uploads.ACCEPT_ATTRIBUTE})
    next = HiddenField(validators=[Optional()])
