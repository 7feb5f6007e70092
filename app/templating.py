"""What every template can use: date filters, labels, the unit, the language switch."""

from __future__ import annotations

from flask import current_app, g
from flask_babel import get_locale
from flask_login import current_user

from app import htmx, labels
from app.domain.dates import format_dmy
from app.extensions import db


def _unit():
    from app.models import Unit

    if "unit" not in g:
        g.unit = db.session.query(Unit).first()
    return g.unit


def init_app(app) -> None:
    app.jinja_env.filters["dmy"] = format_dmy
    app.jinja_env.globals["labels"] = labels  # a global, so that imported macros see it too
    # A fragment for htmx leaves out the forms' hidden CSRF field: htmx sends the token in a header (base.html).
    app.jinja_env.globals["htmx_fragment"] = htmx.is_htmx
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def shared_context():
        from app.permissions import can_manage_unit, role_of

        return {
            "current_unit": _unit,
            "current_locale": str(get_locale()),
            "languages": current_app.config["LANGUAGES"],
            "current_role": role_of(current_user) if current_user else "anonymous",
            "can_manage_unit": bool(current_user and current_user.is_authenticated and can_manage_unit(current_user)),
        }
