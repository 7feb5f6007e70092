"""What every template can use: date filters, labels, the unit, the language switch."""

from __future__ import annotations

from types import SimpleNamespace

from flask import current_app, g
from flask_babel import get_locale
from flask_login import current_user

from app import data_version, htmx, labels
from app.domain.dates import format_dmy
from app.extensions import db


def _unit():
    """The unit's names for the page's header: read once per data version per worker (every full page shows it),
    as a read-only copy."""
    if "unit" not in g:
        g.unit = _unit_of_version()
    return g.unit


def _unit_of_version():
    from app.models import Unit

    key = g.get("page_cache_key")  # app/page_cache.py read the data version for this request (a GET) already
    version = key[0] if key else None
    memo = current_app.extensions.get("unit_of_version")
    if version is not None and memo is not None and memo[0] == version:
        return memo[1]
    unit = db.session.query(Unit).first()
    copy = None if unit is None else SimpleNamespace(id=unit.id, name=unit.name, superior=unit.superior,
                                                     place=unit.place, updated_at=unit.updated_at)
    if version is not None and not data_version.pending_write(db.session):
        current_app.extensions["unit_of_version"] = (version, copy)
    return copy


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
