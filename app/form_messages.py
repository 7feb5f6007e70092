"""WTForms' own messages in Vietnamese (WTForms ships no Vietnamese catalogue), and in English when the
interface is English: built-in validators speak the user's language like the rest of the app."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

_BUILT_IN = {
    "This field is required.": _l("Trường này không được để trống."),
    "Not a valid choice.": _l("Lựa chọn không hợp lệ."),
    "Invalid Choice: could not coerce.": _l("Lựa chọn không hợp lệ."),
    "Not a valid integer value.": _l("Hãy nhập một số nguyên."),
    "Not a valid decimal value.": _l("Hãy nhập một số."),
    "Not a valid float value.": _l("Hãy nhập một số."),
    "Not a valid date value.": _l("Ngày không hợp lệ."),
    "Invalid input.": _l("Giá trị không hợp lệ."),
    "Field cannot be longer than %(max)d character.": _l("Không được dài quá %(max)d ký tự."),
    "Field cannot be longer than %(max)d characters.": _l("Không được dài quá %(max)d ký tự."),
    "Field must be at least %(min)d character long.": _l("Cần ít nhất %(min)d ký tự."),
    "Field must be at least %(min)d characters long.": _l("Cần ít nhất %(min)d ký tự."),
    "Field must be between %(min)d and %(max)d characters long.": _l("Cần từ %(min)d đến %(max)d ký tự."),
    "Number must be at least %(min)s.": _l("Số phải từ %(min)s trở lên."),
    "Number must be at most %(max)s.": _l("Số không được lớn hơn %(max)s."),
    "Number must be between %(min)s and %(max)s.": _l("Số phải từ %(min)s đến %(max)s."),
    "Field must be equal to %(other_name)s.": _l("Phải giống ô %(other_name)s."),
    "CSRF token missing.": _l("Thiếu mã bảo vệ biểu mẫu; hãy tải lại trang."),
    "CSRF token expired.": _l("Mã bảo vệ biểu mẫu đã hết hạn; hãy tải lại trang."),
    "Invalid CSRF Token.": _l("Mã bảo vệ biểu mẫu không hợp lệ; hãy tải lại trang."),
    "CSRF failed.": _l("Mã bảo vệ biểu mẫu không hợp lệ; hãy tải lại trang."),
    "File does not have an approved extension.": _l("Loại tệp này không được chấp nhận."),
}


class BuiltInMessages:
    """The translations object WTForms asks for its messages (Meta.get_translations)."""

    def gettext(self, message: str) -> str:
        return str(_BUILT_IN.get(message, message))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


BUILT_IN_MESSAGES = BuiltInMessages()
