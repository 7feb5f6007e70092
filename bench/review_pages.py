"""Benchmark: the review board and the year overview for 20 and for 2,000 people.

    .venv/bin/python -m bench.review_pages [--runs 30] [--warmups 3] [--sizes 20,2000]

Builds each synthetic unit (bench/synthetic.py) in a temporary SQLite database, signs in as the Trưởng ban (who
sees the whole unit) and GETs each page through the Flask test client: warm-ups first, then the timed runs.
Prints the median and p95 server time, the SQL queries per request and the response size, against the targets
(median: the board under 25 ms, the overview under 150 ms). Figures only: nothing here is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import event

from app import create_app
from app.extensions import db
from bench import synthetic

TARGETS_MS = {"board": 25, "overview": 150, "overview, one department": 150}


def _pages(year: int) -> dict[str, tuple[str, str]]:
    """Page name → (endpoint that must exist, URL)."""
    return {
        "board": ("reviews.board", f"/reviews/{year}/{synthetic.AT_REVIEW}?scope=all"),
        "overview": ("reviews.overview", f"/reviews/{year}/overview"),
        # For information: what a department's page costs in a large unit (its rows only are read).
        "overview, one department": ("reviews.overview", f"/reviews/{year}/overview?department=1"),
    }


def _app(folder: Path):
    return create_app({
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite3'}",
        "SECRET_KEY": "bench",  # noqa: S106  (a throwaway database)
        "WTF_CSRF_ENABLED": False,
        "INSTANCE_PATH": str(folder / "instance"),
    })


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _queries(app, client, url: str) -> int:
    count = 0

    def counter(*_args):
        nonlocal count
        count += 1

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", counter)
        try:
            client.get(url)
        finally:
            event.remove(db.engine, "before_cursor_execute", counter)
    return count


def measure(people: int, runs: int, warmups: int) -> list[dict]:
    results = []
    with tempfile.TemporaryDirectory(prefix="sotd-bench-") as folder:
        app = _app(Path(folder))
        started = time.perf_counter()
        with app.app_context():
            db.create_all()
            unit = synthetic.build(people)
        built = time.perf_counter() - started
        print(f"  {people} people: unit built in {built:.1f} s", flush=True)
        client = app.test_client()
        response = client.post("/login", data={"username": unit.leader_username, "password": unit.password})
        if response.status_code != 302:
            raise SystemExit(f"could not sign in as {unit.leader_username}: {response.status_code}")
        for name, (endpoint, url) in _pages(unit.year).items():
            if endpoint not in app.view_functions:
                results.append({"people": people, "page": name, "available": False})
                continue
            for _warmup in range(warmups):
                response = client.get(url)
                if response.status_code != 200:
                    raise SystemExit(f"{url}: {response.status_code}")
            times = []
            for _run in range(runs):
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            results.append({"people": people, "page": name, "available": True, "median": statistics.median(times),
                            "p95": _percentile(times, 0.95), "queries": _queries(app, client, url),
                            "bytes": len(response.get_data())})
        with app.app_context():
            db.engine.dispose()
    return results


def report(results: list[dict], runs: int, warmups: int) -> None:
    print()
    print(f"Review pages: synthetic unit, SQLite, Flask test client; {runs} runs after {warmups} warm-ups.")
    print(f"{'people':>7}  {'page':<25} {'median ms':>10} {'p95 ms':>8} {'target':>8} {'queries':>8} {'size KB':>9}")
    for row in results:
        if not row["available"]:
            print(f"{row['people']:>7}  {row['page']:<25} not available (its route is not in this build)")
            continue
        target = TARGETS_MS[row["page"]]
        verdict = "ok" if row["median"] < target else "OVER"
        print(f"{row['people']:>7}  {row['page']:<25} {row['median']:>10.1f} {row['p95']:>8.1f} "
              f"{'<' + str(target):>6} {verdict:<2}{row['queries']:>7} {row['bytes'] / 1024:>9.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmups", type=int, default=3)
    parser.add_argument("--sizes", default="20,2000", help="unit sizes, comma-separated")
    args = parser.parse_args(argv)
    print("Building the synthetic units…", flush=True)
    results = []
    for people in (int(size) for size in args.sizes.split(",")):
        results += measure(people, args.runs, args.warmups)
    report(results, args.runs, args.warmups)
    return 0


if __name__ == "__main__":
    sys.exit(main())
