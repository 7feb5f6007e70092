from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from app.form_base import BaseForm

MIN_PASSWORD_LENGTH = 8


class LoginForm(BaseForm):
    username = StringField(_l("Tên đăng nhập"), [DataRequired(_l("Hãy nhập tên đăng nhập.")), Length(max=60)],
                           render_kw={"autocomplete": "username", "autocapitalize": "none"})
    password = PasswordField(_l("Mật khẩu"), [DataRequired(_l("Hãy nhập mật khẩu.")), Length(max=200)],
                             render_kw={"autocomplete": "current-password"})
    next = HiddenField()


def strong_enough(form, field):
    password = field.data or ""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(_l("Mật khẩu phải có ít nhất %(n)s ký tự.", n=MIN_PASSWORD_LENGTH))
    username = getattr(form, "account_username", "")
    if username and password.lower() == username.lower():
        raise ValidationError(_l("Mật khẩu không được trùng với tên đăng nhập."))


class ChangePasswordForm(BaseForm):
    current_password = PasswordField(_l("Mật khẩu hiện tại"), [DataRequired(_l("Hãy nhập mật khẩu hiện tại."))],
                                     render_kw={"autocomplete": "current-password"})
    new_password = PasswordField(_l("Mật khẩu mới"), [DataRequired(_l("Hãy nhập mật khẩu mới.")), Length(max=200),
                                                      strong_enough],
                                 render_kw={"autocomplete": "new-password"})
    confirm_password = PasswordField(
        _l("Nhập lại mật khẩu mới"),
        [DataRequired(_l("Hãy nhập lại mật khẩu mới.")), EqualTo("new_password", _l("Hai lần nhập mật khẩu mới không khớp."))],
        render_kw={"autocomplete": "new-password"},
    )

    def __init__(self, account_username: str = "", **kwargs):
        super().__init__(**kwargs)
        self.account_username = account_username
