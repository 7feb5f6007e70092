from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, IntegerField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp, ValidationError

from app.domain.org import CODE_PATTERN, GENDERS, MAX_LENGTH, POSITIONS, USERNAME_PATTERN
from app.form_base import BaseForm, DmyDateField
from app.labels import GENDER_LABELS, POSITION_LABELS


def _required(message):
    return DataRequired(message)


class UnitForm(BaseForm):
    name = StringField(_l("Tên đơn vị"), [_required(_l("Hãy nhập tên đơn vị.")), Length(max=200)])
    superior = StringField(_l("Cơ quan cấp trên"), [Length(max=200)],
                           description=_l("Dòng trên cùng của khối tên cơ quan trong văn bản, ví dụ: UBND THÀNH PHỐ HÀ NỘI."))
    place = StringField(_l("Địa danh ghi trên văn bản"), [_required(_l("Hãy nhập địa danh.")), Length(max=100)],
                        description=_l("Dùng trong dòng “Hà Nội, ngày … tháng … năm …”."))


class DepartmentForm(BaseForm):
    code = StringField(_l("Mã phòng"), [_required(_l("Hãy nhập mã phòng.")), Length(max=MAX_LENGTH["code"]),
                                        Regexp(CODE_PATTERN, message=_l("Mã chỉ gồm chữ không dấu, số và . _ -"))])
    name = StringField(_l("Tên phòng"), [_required(_l("Hãy nhập tên phòng.")), Length(max=200)])
    sort_order = IntegerField(_l("Thứ tự"), [Optional(), NumberRange(0, 999, _l("Thứ tự từ 0 đến 999."))], default=0)
    supervisor_id = SelectField(_l("Lãnh đạo Ban phụ trách"), coerce=int, validate_choice=True)
    version = HiddenField()


def _department_positions_need_department(form, field):
    if form.position.data in ("truong_phong", "pho_truong_phong") and not field.data:
        raise ValidationError(_l("Lãnh đạo phòng phải thuộc một phòng; hãy chọn phòng."))


class PersonForm(BaseForm):
    code = StringField(_l("Mã cán bộ"), [Length(max=MAX_LENGTH["code"]), Optional(),
                                         Regexp(CODE_PATTERN, message=_l("Mã chỉ gồm chữ không dấu, số và . _ -"))],
                       description=_l("Để trống để tự cấp mã."))
    family_name = StringField(_l("Họ"), [_required(_l("Hãy nhập họ.")), Length(max=MAX_LENGTH["family_name"])])
    middle_name = StringField(_l("Tên đệm"), [Length(max=MAX_LENGTH["middle_name"])])
    given_name = StringField(_l("Tên"), [_required(_l("Hãy nhập tên.")), Length(max=MAX_LENGTH["given_name"])])
    gender = SelectField(_l("Giới tính"), choices=[SelectChoice(g, GENDER_LABELS[g]) for g in GENDERS],
                         validators=[InputRequired(_l("Hãy chọn giới tính."))])
    # Most new people are specialists; defaulting to the first option would make a hurried admin add a second chief.
    position = SelectField(_l("Chức vụ"), choices=[SelectChoice(p, POSITION_LABELS[p]) for p in POSITIONS],
                           validators=[InputRequired(_l("Hãy chọn chức vụ."))], default="chuyen_vien")
    department_id = SelectField(_l("Phòng"), coerce=int, validators=[_department_positions_need_department])
    employed_from = DmyDateField(_l("Làm việc từ"))
    employed_to = DmyDateField(_l("Làm việc đến"))
    username = StringField(_l("Tên đăng nhập"), [Length(max=MAX_LENGTH["username"]), Optional(),
                                                 Regexp(USERNAME_PATTERN, message=_l(
                                                     "Tên đăng nhập dài 3–60 ký tự, chỉ gồm chữ thường không dấu, số và . _ -"))],
                           filters=[lambda value: value.lower() if value else value],
                           render_kw={"autocapitalize": "none", "autocomplete": "off"})
    version = HiddenField()

    def validate_employed_to(self, field):
        start, end = self.employed_from.date, field.date
        if start and end and end < start:
            raise ValidationError(_l("Ngày nghỉ việc không được trước ngày bắt đầu làm việc."))


class ReviewerOverrideForm(BaseForm):
    reviewer_id = SelectField(_l("Người đánh giá"), coerce=int)
