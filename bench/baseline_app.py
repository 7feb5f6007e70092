"""The throughput yardstick: a bare Flask + Jinja page rendering a 20-row table read from SQLite (stdlib sqlite3).

    gunicorn --workers 2 --bind 127.0.0.1:PORT bench.baseline_app:app

What a page of this app could cost at the very least on this machine and this gunicorn: one connection opened per
request, one SELECT of 20 rows, one template with a loop, no login, no session, no ORM. `make bench` serves it with
the same gunicorn settings as the app, in the same run, and divides the app's throughput by this one's. The database
is BASELINE_DATABASE (a file path), created with its 20 rows on first use.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from flask import Flask

PAGE = """<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><title>Danh sách</title></head>
<body>
<main>
<h1>Danh sách cán bộ</h1>
<table>
<thead><tr><th>Mã</th><th>Họ và tên</th><th>Phòng</th><th>Điểm</th><th>Mức</th></tr></thead>
<tbody>
{% for row in rows %}<tr><td>{{ row[0] }}</td><td>{{ row[1] }}</td><td>{{ row[2] }}</td><td>{{ row[3] }}</td>
<td>{{ row[4] }}</td></tr>
{% endfor %}</tbody>
</table>
</main>
</body>
</html>"""

NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Chi", "Phạm Quốc Dũng", "Hoàng Thu Giang")


def create(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE IF NOT EXISTS person (id INTEGER PRIMARY KEY, code TEXT, name TEXT, "
                           "department TEXT, score REAL, level TEXT)")
        if connection.execute("SELECT count(*) FROM person").fetchone()[0] == 0:
            connection.executemany("INSERT INTO person VALUES (?, ?, ?, ?, ?, ?)", [
                (n, f"S{n:05d}", NAMES[n % len(NAMES)], f"Phòng {n % 4 + 1:03d}", 80 + n / 2, "htt")
                for n in range(1, 21)])


def make_app(path: Path) -> Flask:
    create(path)
    flask_app = Flask(__name__)
    template = flask_app.jinja_env.from_string(PAGE)

    @flask_app.route("/")
    def table():
        connection = sqlite3.connect(path)
        try:
            rows = connection.execute("SELECT code, name, department, score, level FROM person ORDER BY id").fetchall()
        finally:
            connection.close()
        return template.render(rows=rows)  # compiled once, at start (a file template is cached the same way)

    return flask_app


app = make_app(Path(os.environ.get("BASELINE_DATABASE") or Path(tempfile.gettempdir()) / "sotd-baseline.sqlite3"))
