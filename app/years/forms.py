from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, IntegerField, SelectField
from wtforms.validators import DataRequired, InputRequired, NumberRange

from app.form_base import BaseForm, DmyDateField


class OpenYearForm(BaseForm):
    year = IntegerField(_l("Năm"), [InputRequired(_l("Hãy nhập năm.")),
                                    NumberRange(2000, 2100, _l("Năm từ 2000 đến 2100."))])
    rulebook_code = SelectField(_l("Quy định áp dụng"))
    commitments_due_day = IntegerField(
        _l("Hạn đăng ký công việc (ngày trong tháng)"), [InputRequired(_l("Hãy nhập ngày.")),
                                                         NumberRange(1, 28, _l("Từ ngày 1 đến ngày 28."))],
        default=5)


class MonthDeadlinesForm(BaseForm):
    # DataRequired, not InputRequired: it looks at the date after stripping, so blanks alone are no date.
    commitments_due = DmyDateField(_l("Hạn đăng ký công việc"), [DataRequired(_l("Hãy nhập ngày."))])
    self_assessment_due = DmyDateField(_l("Hạn tự đánh giá"), [DataRequired(_l("Hãy nhập ngày."))])
    version = HiddenField()


class MonthStepForm(BaseForm):
    version = HiddenField()
