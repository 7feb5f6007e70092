"""Forms for a discipline and a pending case: dd/mm/yyyy dates, known codes only, a period that does not end
before it starts."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from app.domain.discipline import FORMS, KINDS, period_is_valid
from app.form_base import BaseForm, DmyDateField
from app.people.discipline_labels import DISCIPLINE_FORM_LABELS, PENDING_KIND_LABELS


def _date_required(message):
    def check(form, field):
        if not field.data:
            raise ValidationError(message)
    return check


def _not_before(start_name: str, message):
    """The period's end, when given, is on or after its start (the start's own errors are reported there)."""
    def check(form, field):
        if not period_is_valid(getattr(form, start_name).date, field.date):
            raise ValidationError(message)
    return check


class DisciplineForm(BaseForm):
    form = SelectField(_l("Hình thức kỷ luật"), choices=[SelectChoice(code, DISCIPLINE_FORM_LABELS[code])
                                                         for code in FORMS],
                       validators=[InputRequired(_l("Hãy chọn hình thức kỷ luật."))])
    decision_number = StringField(_l("Số quyết định"), [DataRequired(_l("Hãy nhập số quyết định kỷ luật.")),
                                                        Length(max=100, message=_l("Số quyết định tối đa 100 ký tự."))],
                                  description=_l("Ví dụ: 12/QĐ-BTĐKT"))
    decided_on = DmyDateField(_l("Ngày quyết định"), [_date_required(_l("Hãy nhập ngày quyết định."))])
    ends_on = DmyDateField(_l("Hết thời hạn kỷ luật"),
                           [_not_before("decided_on", _l("Ngày hết thời hạn kỷ luật không được trước ngày quyết định."))],
                           description=_l("Thành tích chỉ được tính từ sau ngày này. Để trống nếu không có thời hạn."))
    reason = TextAreaField(_l("Lý do"), [Length(max=2000, message=_l("Lý do tối đa 2000 ký tự."))],
                           render_kw={"rows": 2})
    version = HiddenField()


class PendingCaseForm(BaseForm):
    kind = SelectField(_l("Loại việc"), choices=[SelectChoice(code, PENDING_KIND_LABELS[code]) for code in KINDS],
                       validators=[InputRequired(_l("Hãy chọn loại việc đang xem xét."))])
    opened_on = DmyDateField(_l("Ngày bắt đầu"), [_date_required(_l("Hãy nhập ngày bắt đầu xem xét."))])
    closed_on = DmyDateField(_l("Ngày kết thúc"),
                             [_not_before("opened_on", _l("Ngày kết thúc không được trước ngày bắt đầu."))],
                             description=_l("Để trống khi việc còn đang xem xét."))
    note = TextAreaField(_l("Ghi chú"), [Length(max=2000, message=_l("Ghi chú tối đa 2000 ký tự."))],
                         render_kw={"rows": 2})
    version = HiddenField()
