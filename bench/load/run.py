"""The load and fault runs (issue 6): `python -m bench.load.run` with the app's venv python (make load).

For each database (SQLite by default; `--database postgresql` on a private throwaway cluster, `--database both`)
and each run (`--runs normal,fault`):

1. a fresh database: `flask db upgrade`, `flask seed-demo --password demo1234`, then the calendar the run needs
   (bench/load/prepare.py, through the app's own routes);
2. gunicorn from this venv, 2 sync workers as `make run`, on a free port of 127.0.0.1;
3. locust from .venv-load, headless: 50 users, all up in ~5 s, 60 s (bench/load/locustfile.py); in the fault run
   one gunicorn worker is killed with SIGKILL at 30 s (the master starts another);
4. the checks of bench/load/verify.py, and the figures: requests/s, median and p95 per request type, failures and
   their causes, the 409s answered with the conflict message, acknowledged writes and how many were found.

Prints a Markdown report (also written to --report); exits 1 if the normal run had any failure, or any run lost an
acknowledged write or left something half-written.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
LOAD_BIN = ROOT / ".venv-load" / "bin"
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> list[int]:
    """The processes whose parent is pid (gunicorn's workers under its master), from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid:
            found.append(int(entry.name))
    return sorted(found)


class Database:
    """A fresh database for one run: a SQLite file in the run's folder, or a new database on the private cluster."""

    def __init__(self, kind: str, folder: Path, cluster=None, name: str = "load") -> None:
        self.kind = kind
        if kind == "sqlite":
            self.url = f"sqlite:///{folder / 'load.sqlite3'}"
        else:
            self.url = cluster.create_database(name)


def _env(url: str, secret: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("SOTD_HTTPS",)}
    env.update({"DATABASE_URL": url, "SECRET_KEY": secret, "FLASK_APP": "wsgi", "PYTHONPATH": str(ROOT)})
    return env


def _prepare(url: str, secret: str, folder: Path) -> Path:
    env = _env(url, secret)
    for command in (["db", "upgrade"], ["seed-demo", "--password", "demo1234"]):
        subprocess.run([str(BIN / "flask"), *command], cwd=ROOT, env=env, check=True,  # noqa: S603  (our own argv)
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    from app import create_app
    from app.extensions import db
    from bench.load.prepare import prepare

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": secret})
    plan = prepare(app)
    with app.app_context():
        db.engine.dispose()
    path = folder / "plan.json"
    path.write_text(json.dumps(plan, ensure_ascii=False))
    return path


def _serve(url: str, secret: str, folder: Path, port: int) -> subprocess.Popen:
    log = open(folder / "gunicorn.log", "w")  # noqa: SIM115  (closed with the process)
    master = subprocess.Popen(  # noqa: S603  (our own argument list, no shell)
        [str(BIN / "gunicorn"), "--workers", "2", "--bind", f"127.0.0.1:{port}", "--access-logfile",
         str(folder / "access.log"), "--access-logformat", '%(s)s %(m)s %(U)s %(L)s %(p)s', "wsgi:app"],
        cwd=ROOT, env=_env(url, secret), stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2) as answer:  # noqa: S310
                if answer.status == 200 and len(_children(master.pid)) == 2:
                    return master
        except OSError:
            pass
        time.sleep(0.2)
    master.kill()
    raise RuntimeError(f"gunicorn did not start: see {folder / 'gunicorn.log'}")


def _drive(args, folder: Path, port: int, plan: Path, master: subprocess.Popen, fault: bool) -> dict:
    acks = folder / "acks.jsonl"
    env = dict(os.environ, SOTD_LOAD_PLAN=str(plan), SOTD_LOAD_ACKS=str(acks))
    command = [str(LOAD_BIN / "locust"), "-f", str(LOCUSTFILE), "--headless", "--users", str(args.users),
               "--spawn-rate", str(args.spawn_rate), "--run-time", f"{args.duration}s", "--host",
               f"http://127.0.0.1:{port}", "--csv", str(folder / "locust"), "--only-summary", "--stop-timeout", "60",
               "--loglevel", "WARNING"]
    started = time.time()
    log = open(folder / "locust.log", "w")  # noqa: SIM115  (closed with the process)
    driver = subprocess.Popen(command, cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    killed = {}
    loads = []
    while driver.poll() is None:
        time.sleep(1)
        loads.append(float(Path("/proc/loadavg").read_text().split()[0]))
        if fault and not killed and time.time() - started >= args.kill_at:
            workers = _children(master.pid)
            victim, busy = _busy_worker(workers)
            os.kill(victim, signal.SIGKILL)
            killed = {"pid": victim, "busy": busy, "at_s": round(time.time() - started, 1), "workers_before": workers}
    if fault:
        time.sleep(1)
        killed["workers_after"] = _children(master.pid)
    log.close()
    driven_load = {"loadavg_mean": round(sum(loads) / len(loads), 1) if loads else None,
                   "loadavg_max": max(loads) if loads else None}
    return {"locust_exit": driver.returncode, "killed": killed, "acks": acks, **driven_load}


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def _busy_worker(workers: list[int], patience: float = 5.0) -> tuple[int, bool]:
    """A worker caught working (its CPU time moving), so that the kill lands on a request in flight; after
    `patience` seconds, the first one."""
    deadline = time.time() + patience
    while time.time() < deadline:
        before = {pid: _cpu_ticks(pid) for pid in workers}
        time.sleep(0.02)
        for pid in workers:
            if _cpu_ticks(pid) > before[pid]:
                return pid, True
    return workers[0], False


def _wait_quiet(threshold: float, limit: float = 900) -> None:
    """Other work on the machine skews every figure: wait for it to calm down (the report states the load seen)."""
    deadline = time.time() + limit
    while float(Path("/proc/loadavg").read_text().split()[0]) >= threshold and time.time() < deadline:
        time.sleep(5)


def _stop(master: subprocess.Popen) -> None:
    master.send_signal(signal.SIGTERM)
    try:
        master.wait(timeout=30)
    except subprocess.TimeoutExpired:
        master.kill()
        master.wait()


def _stats(folder: Path) -> dict:
    rows = list(csv.DictReader(open(folder / "locust_stats.csv", encoding="utf-8")))
    failures = list(csv.DictReader(open(folder / "locust_failures.csv", encoding="utf-8")))
    conflicts_path = folder / "acks.jsonl.conflicts.json"
    conflicts = json.loads(conflicts_path.read_text()) if conflicts_path.exists() else {}
    return {"rows": rows, "failures": failures, "conflicts": conflicts}


def _server_log(folder: Path) -> dict:
    log = (folder / "gunicorn.log").read_text(errors="replace")
    access = (folder / "access.log").read_text(errors="replace").splitlines()
    statuses: dict[str, int] = {}
    for line in access:
        code = line.split(" ", 1)[0]
        statuses[code] = statuses.get(code, 0) + 1
    return {"tracebacks": log.count("Traceback"), "database is locked": log.count("database is locked"),
            "deadlock": log.lower().count("deadlock"), "worker timeouts": log.count("WORKER TIMEOUT"),
            "statuses": dict(sorted(statuses.items())), "tail": log[-3000:]}


def one_run(args, kind: str, fault: bool, cluster) -> dict:
    from bench.load.verify import last_audit_id, verify

    folder = Path(tempfile.mkdtemp(prefix=f"sotd-load-{kind}-{'fault' if fault else 'normal'}-"))
    database = Database(kind, folder, cluster, name=f"load_{'fault' if fault else 'normal'}")
    secret = secrets.token_hex(32)
    plan = _prepare(database.url, secret, folder)
    first_audit = last_audit_id(database.url)
    port = _free_port()
    master = _serve(database.url, secret, folder, port)
    try:
        driven = _drive(args, folder, port, plan, master, fault)
    finally:
        _stop(master)
    figures, problems = verify(database.url, driven["acks"], first_audit)
    result = {"database": kind, "fault": fault, "folder": str(folder), "figures": figures, "problems": problems,
              "stats": _stats(folder), "server": _server_log(folder), **driven}
    result["acks"] = str(driven["acks"])
    return result


# --- The report ------------------------------------------------------------------------------------------------

def _machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return (f"{os.cpu_count()} CPUs ({cpu}), {memory / 1024 / 1024:.0f} GB RAM, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}; locust and gunicorn on the same machine")


def report(result: dict) -> str:
    rows = result["stats"]["rows"]
    total = next(row for row in rows if row["Name"] == "Aggregated")
    lines = [f"### {result['database']} — {'fault run (kill -9 of one worker)' if result['fault'] else 'normal run'}",
             ""]
    if result["fault"]:
        k = result["killed"]
        lines += [f"Killed worker pid {k['pid']} ({'caught working' if k['busy'] else 'idle'}) at {k['at_s']} s; "
                  f"workers before {k['workers_before']}, "
                  f"after the run {k['workers_after']} (the master replaced it).", ""]
    conflicts = result["stats"]["conflicts"]
    lines += [f"- Requests: {total['Request Count']} in {result['duration']} s, "
              f"**{float(total['Requests/s']):.1f} requests/s**; failures: **{total['Failure Count']}**; "
              f"median {total['50%']} ms, p95 {total['95%']} ms",
              f"- 409 with the conflict message (counted as correct, re-read and retried): "
              f"{sum(conflicts.values())} ({', '.join(f'{k}: {v}' for k, v in sorted(conflicts.items())) or 'none'})",
              f"- Server: HTTP statuses in the access log {result['server']['statuses']}; tracebacks "
              f"{result['server']['tracebacks']}, 'database is locked' {result['server']['database is locked']}, "
              f"worker timeouts {result['server']['worker timeouts']}",
              f"- Machine load during the run (1-minute load average, {os.cpu_count()} CPUs): mean "
              f"{result['loadavg_mean']}, max {result['loadavg_max']}", ""]
    lines += ["| Request | Count | Failures | Median ms | p95 ms | Max ms |", "|---|---:|---:|---:|---:|---:|"]
    for row in rows:
        if row["Name"] != "Aggregated":
            lines.append(f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} | "
                         f"{row['95%']} | {float(row['Max Response Time']):.0f} |")
    lines.append("")
    if result["stats"]["failures"]:
        lines += ["Failures:", ""]
        for failure in result["stats"]["failures"]:
            lines.append(f"- {failure['Occurrences']} × {failure['Name']}: "
                         f"{failure['Error'][:300]}")
        lines.append("")
    figures = result["figures"]
    lines += ["Checks afterwards:", ""]
    for key, value in figures.items():
        lines.append(f"- {key}: {value}")
    lines.append(f"- problems: {len(result['problems'])} (run folder: {result['folder']})")
    for problem in result["problems"][:20]:
        lines.append(f"  - {problem}")
    lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="sqlite")
    parser.add_argument("--runs", default="normal,fault", help="normal, fault, or both separated by a comma")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--kill-at", type=float, default=30)
    parser.add_argument("--quiet-load", type=float, default=None,
                        help="before each run, wait (up to 15 minutes) until the 1-minute load average is below this")
    parser.add_argument("--report", default=None, help="also write the Markdown report to this file")
    args = parser.parse_args(argv)
    if not (LOAD_BIN / "locust").exists():
        print("locust is missing: `make load` creates .venv-load from requirements-load.txt", file=sys.stderr)
        return 2
    kinds = ("sqlite", "postgresql") if args.database == "both" else (args.database,)
    runs = [run.strip() for run in args.runs.split(",") if run.strip()]
    cluster = None
    results = []
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a stopped run still stops its cluster (finally)
    try:
        if "postgresql" in kinds:
            sys.path.insert(0, str(ROOT))
            from tests.postgres_cluster import Cluster

            cluster = Cluster().start()
        for kind in kinds:
            for run in runs:
                if args.quiet_load is not None:
                    _wait_quiet(args.quiet_load)
                print(f"… {kind}, {run} run", file=sys.stderr, flush=True)
                result = one_run(args, kind, run == "fault", cluster)
                result["duration"] = args.duration
                results.append(result)
                print(report(result), flush=True)
    finally:
        if cluster is not None:
            cluster.stop()
    command = "python -m bench.load.run " + " ".join(argv if argv is not None else sys.argv[1:])
    text = "\n".join([f"Command: `{command.strip()}`  ", f"Machine: {_machine()}", "", *map(report, results)])
    if args.report:
        Path(args.report).write_text(text, encoding="utf-8")
    failed = any(r["problems"] for r in results) or any(
        int(next(row for row in r["stats"]["rows"] if row["Name"] == "Aggregated")["Failure Count"])
        for r in results if not r["fault"])
    for result in results:
        if not result["problems"] and result["server"]["tracebacks"]:
            print(f"note: {result['server']['tracebacks']} tracebacks in {result['folder']}/gunicorn.log",
                  file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
