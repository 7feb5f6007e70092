"""Entry point for gunicorn (`gunicorn wsgi:app`) and the flask command (FLASK_APP=wsgi)."""

import gc

from app import create_app

app = create_app()

# The garbage collector: what exists once the app is built (modules, mappers, the app) lives as long as the worker,
# so it leaves the collector's generations; and a young generation of 10,000 objects instead of 700 means a page that
# loads a few thousand rows no longer sets off collection after collection. A quarter to a third less CPU for the
# pages of a 2,000-person unit, nothing measurable for 20 people (docs/performance.md).
gc.freeze()
gc.set_threshold(10_000, 10, 10)
