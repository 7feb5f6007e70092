"""The form that adjusts a rulebook's settings for one year: an input per setting the unit may adjust (a checkbox for
a yes/no), a reason, and the year's version. Values are read and checked by app/domain/year_settings.py."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, StringField, TextAreaField
from wtforms.validators import Length

from app.domain import year_settings
from app.domain.rulebooks import Rulebook
from app.form_base import BaseForm
from app.labels import SETTING_LABELS

REASON_MAX = 2000
# Names the form uses for itself: a setting so named is shown but cannot be adjusted here.
RESERVED = frozenset({"reason", "version", "csrf_token"})

# What each setting is called on screen; a setting not listed shows its code name.


def setting_label(name: str) -> str:
    """A setting's name on screen (its code when it has none yet)."""
    return str(SETTING_LABELS.get(name, name))


def adjustable(book: Rulebook) -> list[str]:
    """The rulebook's settings this form offers, in the rulebook's order."""
    return [name for name, item in book.settings.items()
            if name not in RESERVED and year_settings.kind_of(name, item.value) is not None]


class SettingsBase(BaseForm):
    reason = TextAreaField(
        _l("Lý do điều chỉnh"), [Length(max=REASON_MAX, message=_l("Lý do tối đa %(max)d ký tự."))],
        description=_l("Bắt buộc khi thay đổi bất kỳ giá trị nào; được ghi vào lịch sử của năm."),
        render_kw={"rows": 3})
    version = HiddenField()

    def __init__(self, *args, book: Rulebook, **kwargs):
        super().__init__(*args, **kwargs)
        self.book = book
        self.values: dict[str, object] = {}  # the checked values, once validate() has passed

    def setting_fields(self):
        return [(name, self[name]) for name in adjustable(self.book)]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        self.values = {}
        for name, box in self.setting_fields():
            raw = ("1" if box.data else "") if isinstance(box, BooleanField) else box.data
            value, problem = year_settings.parse(name, self.book.settings[name].value, raw)
            if problem:
                box.errors = [*box.errors, _(problem.message, **problem.params)]
                valid = False
            else:
                self.values[name] = value
        return valid


def settings_form_class(book: Rulebook) -> type[SettingsBase]:
    """A form with an input per adjustable setting of `book`, named after the setting."""

    class SettingsForm(SettingsBase):
        pass

    for name in adjustable(book):
        default = book.settings[name].value
        if year_settings.kind_of(name, default) == "bool":
            setattr(SettingsForm, name, BooleanField(SETTING_LABELS.get(name, name)))
        else:
            low, high = year_settings.bounds(name, default)
            setattr(SettingsForm, name, StringField(
                SETTING_LABELS.get(name, name),
                description=_l("Từ %(low)s đến %(high)s.", low=low, high=high),
                render_kw={"inputmode": "numeric", "size": "4", "autocomplete": "off"}))
    return SettingsForm
