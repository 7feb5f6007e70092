"""The registration forms: a person's, the unit's, and the decision on either."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, ValidationError

from app.domain.registration import MAX_PLAN_LENGTH, MAX_REASON_LENGTH, missing_for_submission
from app.domain.rulebooks import rulebook
from app.form_base import BaseForm
from app.labels import PERSON_TITLE_LABELS, UNIT_TITLE_LABELS

TOO_LONG = _l("Không được dài quá %(max)d ký tự.")


class _TitledForm(BaseForm):
    """A registration's title, chosen from the year's rulebook, and its two buttons: save a draft, or send it."""

    target_title = SelectField(_l("Danh hiệu thi đua đăng ký"), validate_choice=False)
    version = HiddenField()
    action = StringField(_l("Thao tác"))  # the button pressed: "save" (a draft) or "submit" (send for approval)

    def __init__(self, titles: dict[str, str], year: int, **kwargs):
        super().__init__(**kwargs)
        self.titles = titles
        self.year_number = year
        self.target_title.choices = [("", _("— Chọn danh hiệu —")), *titles.items()]

    @property
    def submitting(self) -> bool:
        return self.action.data == "submit"

    def validate_target_title(self, field):
        if not field.data:
            raise ValidationError(_("Hãy chọn danh hiệu thi đua đăng ký."))
        if field.data not in self.titles:
            raise ValidationError(_("Danh hiệu này không có trong danh sách danh hiệu của năm %(year)s.",
                                    year=self.year_number))


class RegistrationForm(_TitledForm):
    initiative_plan = TextAreaField(
        _l("Sáng kiến, giải pháp mới dự kiến thực hiện"), [Length(max=MAX_PLAN_LENGTH, message=TOO_LONG)],
        description=_l("Mỗi sáng kiến hoặc giải pháp một dòng: tên, vấn đề cần giải quyết, thời gian dự kiến. "
                       "Để trống nếu năm nay bạn không đăng ký sáng kiến."),
        render_kw={"rows": 5})
    study_commitment = TextAreaField(
        _l("Cam kết học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
        [Length(max=MAX_PLAN_LENGTH, message=TOO_LONG)], render_kw={"rows": 4})

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not self.submitting or self.target_title.errors:
            return valid
        messages = {
            "initiative_plan": _("Danh hiệu “Chiến sĩ thi đua thành phố” cần một sáng kiến hoặc đề tài có phạm vi "
                                 "ảnh hưởng toàn Thành phố (Luật Thi đua, khen thưởng 2022, Điều 22): hãy ghi sáng "
                                 "kiến, giải pháp dự kiến trước khi gửi."),
            "study_commitment": _("Hãy ghi cam kết học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh "
                                  "trước khi gửi."),
        }
        missing = missing_for_submission(self.target_title.data, self.initiative_plan.data or "",
                                         self.study_commitment.data or "")
        for name in missing:
            self[name].errors.append(messages[name])
        return valid and not missing


class UnitRegistrationForm(_TitledForm):
    plan = TextAreaField(
        _l("Nội dung, biện pháp thực hiện"), [Length(max=MAX_PLAN_LENGTH, message=TOO_LONG)],
        description=_l("Các chỉ tiêu, phong trào thi đua và biện pháp để đạt danh hiệu đã chọn."),
        render_kw={"rows": 8})

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.submitting and not self.plan.errors and not self.plan.data:
            self.plan.errors.append(_("Hãy ghi nội dung, biện pháp thực hiện trước khi gửi."))
            return False
        return valid


class DecisionForm(BaseForm):
    reason = TextAreaField(
        _l("Ý kiến của người duyệt"), [Length(max=MAX_REASON_LENGTH, message=TOO_LONG)],
        description=_l("Bắt buộc khi từ chối: nói rõ cần sửa gì."),
        render_kw={"rows": 2, "placeholder": _l("Ý kiến; bắt buộc khi từ chối")})
    decision = StringField(_l("Quyết định"))  # the button pressed: "approve" or "reject"
    version = HiddenField()

    def validate_decision(self, field):
        if field.data not in ("approve", "reject"):
            raise ValidationError(_("Hãy bấm Duyệt hoặc Từ chối."))

    def validate_reason(self, field):
        if self.decision.data == "reject" and not field.data:
            raise ValidationError(_("Hãy ghi lý do từ chối, để người đăng ký biết cần sửa gì."))


def _titled_form(form_class: type[_TitledForm], codes: tuple[str, ...], names: dict, year, record: Any | None):
    titles = {code: str(names[code]) for code in codes}
    # A form sent back is read from what was sent alone: a missing field must not quietly keep the stored value.
    form = form_class(titles, year.year, obj=None if request.method == "POST" else record)
    if not form.is_submitted():
        form.version.data = record.version if record else ""
    return form


def person_form(year, record=None) -> RegistrationForm:
    """A person's form, offering the person titles of the year's rulebook."""
    return _titled_form(RegistrationForm, rulebook(year.rulebook_code).person_titles, PERSON_TITLE_LABELS, year,
                        record)


def unit_form(year, record=None) -> UnitRegistrationForm:
    """The unit's form, offering the collective titles of the year's rulebook."""
    return _titled_form(UnitRegistrationForm, rulebook(year.rulebook_code).unit_titles, UNIT_TITLE_LABELS, year,
                        record)
