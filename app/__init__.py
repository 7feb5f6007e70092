"""Sổ Thi đua: the emulation ledger of a Vietnamese government unit."""

from __future__ import annotations

import os

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from app import config
from app.extensions import babel, csrf, db, login_manager, migrate, tune_sqlite

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=os.path.join(ROOT, "instance"),
        template_folder=os.path.join(ROOT, "templates"),
        static_folder=os.path.join(ROOT, "static"),
    )
    if test_config and test_config.get("INSTANCE_PATH"):
        app.instance_path = test_config["INSTANCE_PATH"]
    os.makedirs(app.instance_path, exist_ok=True)
    config.configure(app, test_config)
    if app.config["PROXY_COUNT"]:
        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)

    from app import models  # noqa: F401  (registers the tables)

    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(ROOT, "migrations"))

    from app import auth, data_version, errors, month_lock, page_cache, security_headers, templating

    # First, before even the CSRF check (which a GET skips anyway): a page kept for this person answers before any
    # other per-request work.
    page_cache.init_app(app)
    csrf.init_app(app)
    login_manager.init_app(app)

    from app import i18n

    babel.init_app(
        app,
        locale_selector=i18n.select_locale,
        default_translation_directories=os.path.join(ROOT, "app", "translations"),
    )
    i18n.install(app, babel)
    with app.app_context():
        tune_sqlite(db.engine)

    month_lock.install()
    data_version.install()

    auth.init_login(app)
    templating.init_app(app)
    errors.init_app(app)
    security_headers.init_app(app)

    from app.admin.views import bp as admin_bp
    from app.auth.views import bp as auth_bp
    from app.commitments.views import bp as commitments_bp
    from app.initiatives.views import bp as initiatives_bp
    from app.main.views import bp as main_bp
    from app.people.views import bp as people_bp
    from app.registration.views import bp as registration_bp
    from app.reviews.views import bp as reviews_bp
    from app.year_end.views import bp as year_end_bp
    from app.years.views import bp as years_bp

    blueprints = (auth_bp, main_bp, people_bp, admin_bp, years_bp, registration_bp, commitments_bp, initiatives_bp,
                  reviews_bp, year_end_bp)
    for blueprint in blueprints:
        app.register_blueprint(blueprint)

    from app import cli

    cli.init_app(app)
    return app
