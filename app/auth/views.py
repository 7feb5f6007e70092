"""Log in, log out, change one's own password, choose the interface language."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from app.auth import throttle
from app.auth.forms import ChangePasswordForm, LoginForm
from app.clock import utcnow
from app.extensions import db
from app.models import Account

bp = Blueprint("auth", __name__)

# Checked against when the name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect to another host."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//"):
            return target
    return url_for("main.home")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
        if request.args.get("signed_out"):
            flash(_("Bạn đã đăng xuất."), "info")
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form), 422 if request.method == "POST" else 200

    username = form.username.data.lower()
    address = request.remote_addr or ""
    wait = throttle.seconds_to_wait_for(username, address)
    if wait:
        minutes, seconds = divmod(wait, 60)
        wait_text = _("%(m)s phút %(s)s giây", m=minutes, s=seconds) if minutes else _("%(s)s giây", s=seconds)
        form.form_errors.append(
            _("Đăng nhập sai quá nhiều lần. Để bảo vệ tài khoản, vui lòng thử lại sau %(wait)s.", wait=wait_text)
        )
        return render_template("auth/login.html", form=form), 429

    account = db.session.scalar(select(Account).where(Account.username == username))
    password_ok = (
        account.check_password(form.password.data) if account else check_password_hash(_DUMMY_HASH, form.password.data)
    )
    if not account or not password_ok:
        throttle.note_failure(username, address)
        form.form_errors.append(_("Tên đăng nhập hoặc mật khẩu không đúng."))
        return render_template("auth/login.html", form=form), 422
    if not account.is_active:
        form.form_errors.append(_("Tài khoản này đã bị khóa hoặc người dùng đã nghỉ. Vui lòng liên hệ quản trị."))
        return render_template("auth/login.html", form=form), 403

    throttle.note_success(username)
    account.last_login_at = utcnow()
    db.session.commit()
    session.permanent = True
    login_user(account)
    if account.must_change_password:
        flash(_("Đây là mật khẩu tạm thời. Vui lòng đặt mật khẩu mới trước khi tiếp tục."), "info")
        return redirect(url_for("auth.change_password"))
    return redirect(_safe_next(form.next.data))


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    logout_user()
    return redirect(url_for("auth.login", signed_out=1))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm(account_username=current_user.username)
    if form.validate_on_submit():
        if not current_user.check_password(form.current_password.data):
            form.current_password.errors.append(_("Mật khẩu hiện tại không đúng."))
        elif form.new_password.data == form.current_password.data:
            form.new_password.errors.append(_("Mật khẩu mới phải khác mật khẩu hiện tại."))
        else:
            current_user.set_password(form.new_password.data)
            db.session.commit()
            login_user(current_user)  # the new session token signs out other sessions, not this one
            flash(_("Đã đổi mật khẩu."), "success")
            return redirect(url_for("main.home"))
    status = 422 if request.method == "POST" else 200
    return render_template("auth/change_password.html", form=form), status


@bp.route("/language", methods=["POST"])
def choose_language():
    lang = request.form.get("lang", "")
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
    return redirect(_safe_next(request.form.get("next")))
