"""The app as `make bench` serves it: unchanged, plus two response headers per request — for benchmarks only.

    gunicorn --workers 2 --bind 127.0.0.1:PORT bench.instrumented_wsgi:app

- `X-Bench-Server-Ms`: the time from the request entering the WSGI app to its status and headers being ready (the
  body is already rendered by then: Flask builds the whole page before answering);
- `X-Bench-Queries`: the SQL statements the request sent to the database.

Configured from the environment (never from instance/): BENCH_DATABASE_URL, BENCH_INSTANCE (a folder for the
instance path), BENCH_SECRET_KEY. Nothing in app/ imports this module.
"""

from __future__ import annotations

import os
import threading
import time

from sqlalchemy import event

from app import create_app
from app.extensions import db

SERVER_MS, QUERIES = "X-Bench-Server-Ms", "X-Bench-Queries"


class _Counter(threading.local):
    queries = 0


def instrument(flask_app):
    """Wrap `flask_app` so that each response says its server time and its SQL statement count."""
    counter = _Counter()
    with flask_app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *_args: setattr(counter, "queries",
                                                                                counter.queries + 1))
    inner = flask_app.wsgi_app

    def timed(environ, start_response):
        counter.queries = 0
        started = time.perf_counter()

        def start(status, headers, exc_info=None):
            elapsed = (time.perf_counter() - started) * 1000
            headers = [*headers, (SERVER_MS, f"{elapsed:.2f}"), (QUERIES, str(counter.queries))]
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        return inner(environ, start)

    flask_app.wsgi_app = timed
    return flask_app


def _from_environment():
    instance = os.environ.get("BENCH_INSTANCE", "")
    config = {"SQLALCHEMY_DATABASE_URI": os.environ["BENCH_DATABASE_URL"],
              "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY", "bench")}
    if instance:
        config["INSTANCE_PATH"] = instance
    return instrument(create_app(config))


app = _from_environment() if os.environ.get("BENCH_DATABASE_URL") else None
