"""Which language a request is served in: the one chosen in the session, else Vietnamese."""

from __future__ import annotations

from flask import current_app, session


def select_locale() -> str:
    chosen = session.get("lang")
    return chosen if chosen in current_app.config["LANGUAGES"] else current_app.config["BABEL_DEFAULT_LOCALE"]
