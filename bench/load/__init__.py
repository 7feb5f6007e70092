"""The load and fault runs of issue 6: `python -m bench.load.run` (make load).

run.py prepares a fresh demo database (prepare.py), serves it with gunicorn (2 sync workers, 127.0.0.1 only),
drives locust (locustfile.py, from the separate .venv-load) and checks afterwards that every acknowledged write is
in the database and nothing is half-written (verify.py).
"""
