"""The app as `make bench` serves it: unchanged, plus three response headers per request — for benchmarks only.

    gunicorn --workers 2 --bind 127.0.0.1:PORT bench.instrumented_wsgi:app

- `X-Bench-Server-Ms`: the time from the request entering the WSGI app to its status and headers being ready (the
  body is already rendered by then: Flask builds the whole page before answering);
- `X-Bench-Cpu-Ms`: the CPU time the worker's thread spent on it in the same span (what a busy machine's other
  processes cannot inflate, unlike the server time);
- `X-Bench-Queries`: the SQL statements the request sent to the database.

The app is wsgi.py's, built as gunicorn builds it, from the environment as in production (DATABASE_URL,
SECRET_KEY), with BENCH_INSTRUMENTED=1 set so that importing this module elsewhere builds nothing. Nothing in app/
imports this module.
"""

from __future__ import annotations

import os
import threading
import time

from sqlalchemy import event

from app.extensions import db

SERVER_MS, CPU_MS, QUERIES = "X-Bench-Server-Ms", "X-Bench-Cpu-Ms", "X-Bench-Queries"


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
        started, cpu_started = time.perf_counter(), time.thread_time()

        def start(status, headers, exc_info=None):
            elapsed = (time.perf_counter() - started) * 1000
            cpu = (time.thread_time() - cpu_started) * 1000
            headers = [*headers, (SERVER_MS, f"{elapsed:.2f}"), (CPU_MS, f"{cpu:.2f}"),
                       (QUERIES, str(counter.queries))]
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        return inner(environ, start)

    flask_app.wsgi_app = timed
    return flask_app


def _production_app():
    """wsgi.py's app, exactly as `gunicorn wsgi:app` builds it (its garbage-collector settings included), on the
    benchmark's database: DATABASE_URL and SECRET_KEY come from the environment as in production."""
    import wsgi

    wanted = os.environ["DATABASE_URL"]
    if wsgi.app.config["SQLALCHEMY_DATABASE_URI"] != wanted:  # an instance/config.py overriding the database
        raise RuntimeError(f"the app opened {wsgi.app.config['SQLALCHEMY_DATABASE_URI']}, not {wanted}")
    return instrument(wsgi.app)


app = _production_app() if os.environ.get("BENCH_INSTRUMENTED") == "1" else None
