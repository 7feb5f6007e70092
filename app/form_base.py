"""What every form shares: text cleaned to NFC before validation, Vietnamese dates, Vietnamese messages."""

from __future__ import annotations

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.form import _Auto
from werkzeug.datastructures import ImmutableMultiDict
from wtforms import StringField, TextAreaField
from wtforms.validators import ValidationError

from app.domain.dates import format_dmy, parse_date
from app.domain.text import clean_text
from app.form_messages import BUILT_IN_MESSAGES


def _clean_if_text(value):
    # Values loaded from a record (a version number, a date) pass through untouched.
    return clean_text(value) if isinstance(value, str) else value


class BaseForm(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return BUILT_IN_MESSAGES

        def wrap_formdata(self, form, formdata):
            # Browsers post forms, never JSON: Flask-WTF would turn a JSON body into form data and fail with a 500
            # on anything but an object (`[1]`, `false`). A JSON body is an empty form, refused field by field.
            if formdata is _Auto and request.is_json and not request.form and not request.files:
                return ImmutableMultiDict()
            return super().wrap_formdata(form, formdata)

        def bind_field(self, form, unbound_field, options):
            # Every text input is normalised before any validator sees it (NFC, stripped).
            if issubclass(unbound_field.field_class, (StringField, TextAreaField)):
                own_filters = unbound_field.kwargs.get("filters", ())
                options["filters"] = (_clean_if_text, *own_filters, *options.get("filters", ()))
            return unbound_field.bind(form=form, **options)


class DmyDateField(StringField):
    """A date typed as dd/mm/yyyy (a date picker's yyyy-mm-dd is accepted too); empty means none."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"})
        super().__init__(label, validators, **kwargs)
        self.date = None

    def process_data(self, value):
        self.date = value
        self.data = format_dmy(value) if value else ""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.date = None
        if self.data:
            self.date = parse_date(self.data)

    def pre_validate(self, form):
        if self.data and self.date is None:
            raise ValidationError(_l("Ngày không hợp lệ; hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/01/2026."))
