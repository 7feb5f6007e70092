"""Forms of the year end. Each is built for one year (its months, its people, its titles), so the classes are made
per request; every text is NFC and stripped (BaseForm), points accept "8,5" as well as "8.5"."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from app.commitments.forms import PointsField
from app.domain.rulebooks import LEVELS
from app.form_base import BaseForm, DmyDateField
from app.labels import LEAVE_LABELS, LEVEL_LABELS

NOTE_MAX = 2000
NAME_MAX = 150

# --- The what-if: each month worked, on leave, or not reviewed; its score (or level in a levels-only year) -------

WORKED, ABSENT = "worked", "absent"


def month_status_choices():
    return [SelectChoice(WORKED, _l("Làm việc")), *(SelectChoice(code, label) for code, label in LEAVE_LABELS.items()),
            SelectChoice(ABSENT, _l("Chưa đánh giá"))]


def level_choices(blank: bool = True):
    return ([SelectChoice("", _l("— Chọn mức —"))] if blank else []) + [SelectChoice(code, LEVEL_LABELS[code])
                                                                        for code in LEVELS]


class WhatIfBase(BaseForm):
    class Meta:
        csrf = False  # a GET that writes nothing: the form travels in the address

    run = HiddenField(default="1")


def whatif_form_class(months: list[int], scored: bool):
    """Fields per month the person was employed in: status_N, and score_N (scored year) or level_N."""

    class WhatIfForm(WhatIfBase):
        pass

    for number in months:
        setattr(WhatIfForm, f"status_{number}", SelectField(_l("Tháng %(month)s", month=f"{number:02d}"),
                                                            choices=month_status_choices(), default=WORKED))
        if scored:
            setattr(WhatIfForm, f"score_{number}", PointsField(_l("Điểm tháng %(month)s", month=f"{number:02d}")))
        else:
            setattr(WhatIfForm, f"level_{number}", SelectField(_l("Mức xếp loại tháng %(month)s",
                                                                 month=f"{number:02d}"), choices=level_choices()))
    return WhatIfForm


# --- The quota: for each person at Hoàn thành xuất sắc, keep it or rate them Hoàn thành tốt, with a reason -----

KEEP, DOWN = "htxs", "htt"


def quota_form_class(people: list[tuple[int, str]]):
    """`people`: (id, full name) of each person at Hoàn thành xuất sắc; the labels name them (the error summary)."""

    class QuotaForm(BaseForm):
        version = HiddenField()

    for person_id, name in people:
        setattr(QuotaForm, f"choice_{person_id}", RadioField(
            _l("Quyết định cho %(name)s", name=name), choices=[SelectChoice(KEEP, _l("Giữ Hoàn thành xuất sắc")), SelectChoice(DOWN, _l("Xếp Hoàn thành tốt"))],
            validators=[InputRequired(_l("Hãy chọn giữ Hoàn thành xuất sắc hay xếp Hoàn thành tốt."))]))
        setattr(QuotaForm, f"note_{person_id}", TextAreaField(_l("Lý do cho %(name)s", name=name),
                                                              [Length(max=NOTE_MAX)], render_kw={"rows": 2}))
    return QuotaForm


# --- The bình xét meeting -----------------------------------------------------------------------------------------

class MeetingBase(BaseForm):
    held_on = DmyDateField(_l("Ngày họp"), [DataRequired(_l("Hãy nhập ngày họp."))])
    place = StringField(_l("Địa điểm"), [DataRequired(_l("Hãy ghi địa điểm họp.")), Length(max=200)])
    chair = StringField(_l("Chủ trì"), [DataRequired(_l("Hãy ghi người chủ trì cuộc họp.")), Length(max=NAME_MAX)])
    secretary = StringField(_l("Thư ký"), [DataRequired(_l("Hãy ghi thư ký cuộc họp.")), Length(max=NAME_MAX)])
    council_size = IntegerField(
        _l("Số thành viên Hội đồng Thi đua – Khen thưởng"),
        [InputRequired(_l("Hãy nhập tổng số thành viên Hội đồng.")),
         NumberRange(min=1, max=999, message=_l("Số thành viên Hội đồng từ 1 đến 999."))],
        description=_l("Tổng số thành viên của Hội đồng (kể cả người vắng mặt): tỷ lệ phiếu đồng ý tính trên số này."),
        render_kw={"inputmode": "numeric", "size": "4"})
    outside = TextAreaField(
        _l("Người dự họp ngoài đơn vị"), [Length(max=NOTE_MAX)], render_kw={"rows": 3},
        description=_l("Mỗi dòng một người: họ và tên, dấu phẩy, chức vụ. Ví dụ: Nguyễn Văn Bình, Chủ tịch Công đoàn"))
    note = TextAreaField(_l("Ghi chú, ý kiến tại cuộc họp"), [Length(max=NOTE_MAX)], render_kw={"rows": 3})
    version = HiddenField()


def vote_key(person_id: int | None, title: str) -> str:
    return f"{person_id or 'unit'}_{title}"


def meeting_form_class(attendee_choices: list[tuple[int, str]], votes: list[tuple[str, str]]):
    """`attendee_choices`: (person id, label) of the unit's people; `votes`: (key, what is voted on) per vote row."""

    class MeetingForm(MeetingBase):
        pass

    for person_id, name in attendee_choices:
        setattr(MeetingForm, f"attendee_{person_id}", BooleanField(name))
    vote_number = [Optional(), NumberRange(min=0, max=999, message=_l("Số phiếu là số nguyên từ 0 trở lên."))]
    for key, subject in votes:
        # No inputmode or size: a number input brings the numeric keypad, and the table's CSS sets the width (the
        # page has some 45 rows of these, and every byte of them is in its first load).
        setattr(MeetingForm, f"for_{key}", IntegerField(_l("Đồng ý — %(subject)s", subject=subject), vote_number))
        setattr(MeetingForm, f"against_{key}", IntegerField(_l("Không đồng ý — %(subject)s", subject=subject),
                                                            vote_number))
        setattr(MeetingForm, f"decided_{key}", BooleanField(_l("Công nhận — %(subject)s", subject=subject)))
    return MeetingForm
