"""Logging in: who the current account is, and what an anonymous request is told."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from app import htmx
from app.auth.session_cookie import SessionInterface
from app.extensions import db, login_manager


def init_login(app) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Vui lòng đăng nhập để tiếp tục.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    app.session_interface = SessionInterface()
    app.before_request(require_password_change)


@login_manager.user_loader
def load_account(cookie_id: str):
    from app.models import Account

    account_id, _, token = cookie_id.partition(":")
    if not account_id.isdigit():
        return None
    # With the person in the same query: every page asks whether they are still active, and most show their name.
    account = db.session.get(Account, int(account_id), options=[joinedload(Account.person)])
    # A changed session token (new or reset password) invalidates every cookie issued before it.
    if account is None or account.session_token != token:
        return None
    return account


@login_manager.unauthorized_handler
def unauthorized():
    login_url = url_for("auth.login", next=request.full_path if request.method == "GET" else None)
    if htmx.is_htmx():
        return htmx.login_redirect(url_for("auth.login"))
    flash(login_manager.login_message, "info")
    return redirect(login_url)


# Pages a person with a temporary password may still reach: everything else sends them to choose a new one.
_ALLOWED_WITH_TEMPORARY_PASSWORD = {"auth.change_password", "auth.logout", "auth.choose_language", "static"}


def require_password_change():
    from flask_login import current_user

    if (
        current_user.is_authenticated
        and current_user.must_change_password
        and request.endpoint not in _ALLOWED_WITH_TEMPORARY_PASSWORD
    ):
        if htmx.is_htmx():
            return htmx.login_redirect(url_for("auth.change_password"))
        return redirect(url_for("auth.change_password"))
    return None
