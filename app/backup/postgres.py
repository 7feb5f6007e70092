"""PostgreSQL: pg_dump --format=custom and pg_restore, found under /usr/lib/postgresql/<newest>/bin (or in the
folder named by SOTD_PG_BIN, else on PATH).

The connection comes from the app's SQLALCHEMY_DATABASE_URI; the password goes to the tools in PGPASSWORD,
never on the command line (which `ps` shows to every user of the server).

Taking a copy: a REPEATABLE READ transaction exports its snapshot, pg_dump dumps that very snapshot
(--snapshot), and the rows per table for the manifest are counted in it too, so the counts describe exactly
what was dumped while the app keeps writing. Restoring: `pg_restore --clean --if-exists --no-owner
--single-transaction`: the old tables are dropped and the copy's created in one transaction; any error rolls
all of it back.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess  # nosec B404 # runs pg_dump and pg_restore with an argument list, no shell
from pathlib import Path

from sqlalchemy import text

from app.backup.errors import BackupError

BIN_ENV = "SOTD_PG_BIN"


def binary(name: str) -> str:
    override = os.environ.get(BIN_ENV, "").strip()
    if override:
        path = Path(override) / name
        if not path.is_file():
            raise BackupError(f"Không có {name} trong thư mục {BIN_ENV}={override}.")
        return str(path)

    def version(found: str) -> tuple[int, ...]:
        folder = Path(found).parents[1].name
        return tuple(int(part) for part in folder.split(".") if part.isdigit())

    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=version)
    if found:
        return found[-1]
    on_path = shutil.which(name)
    if on_path:
        return on_path
    raise BackupError(f"Không tìm thấy {name}: cài gói postgresql-client (cùng phiên bản với máy chủ PostgreSQL "
                      f"hoặc mới hơn), hoặc đặt biến môi trường {BIN_ENV} là thư mục chứa nó.")


def _conninfo_value(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def connection(url) -> tuple[str, dict[str, str]]:
    """A libpq connection string without the password, and the environment carrying the password."""
    parts: dict[str, str] = {}
    if url.host:
        parts["host"] = url.host
    if url.port:
        parts["port"] = str(url.port)
    if url.username:
        parts["user"] = url.username
    if url.database:
        parts["dbname"] = url.database
    for key, value in url.query.items():  # sslmode, host=/run/postgresql, application_name…
        if key != "password":
            parts[key] = value if isinstance(value, str) else value[-1]
    conninfo = " ".join(f"{key}={_conninfo_value(value)}" for key, value in parts.items())
    env = dict(os.environ)
    password = url.password or url.query.get("password")
    if password:
        env["PGPASSWORD"] = str(password)
    env.setdefault("PGCONNECT_TIMEOUT", "15")
    return conninfo, env


def _run(command: list[str], env: dict[str, str], what: str) -> str:
    try:
        finished = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603 # an argument list, no shell; the password is in env
    except OSError as error:
        raise BackupError(f"Không chạy được {command[0]}: {error.strerror}.") from None
    if finished.returncode != 0:
        detail = "\n".join(finished.stderr.strip().splitlines()[-8:])
        raise BackupError(f"{what} (mã lỗi {finished.returncode}):\n{detail}")
    return finished.stdout


def tool_version(name: str) -> str:
    return _run([binary(name), "--version"], dict(os.environ), f"{name} --version không chạy").strip()


def describe(conn) -> tuple[dict[str, int], str | None, list[str]]:
    """Rows per table of the current schema, the alembic revision, the attached files' stored names, read on
    the SQLAlchemy connection `conn` (inside its transaction)."""
    quote = conn.dialect.identifier_preparer.quote
    tables = list(conn.execute(text(
        "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema() ORDER BY tablename")).scalars())
    counts = {table: conn.execute(text(f"SELECT count(*) FROM {quote(table)}")).scalar_one()  # noqa: S608  # nosec B608 # names from pg_tables, quoted
              for table in tables}
    revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar() if "alembic_version" in counts \
        else None
    stored = list(conn.execute(text("SELECT stored_name FROM attachment")).scalars()) if "attachment" in counts else []
    return counts, revision, stored


def snapshot(engine, into: Path) -> tuple[dict[str, int], str | None, list[str]]:
    """pg_dump the database to the file `into`; describe what was dumped."""
    conninfo, env = connection(engine.url)
    command = binary("pg_dump")
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            exported = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            described = describe(conn)
            _run([command, "--format=custom", "--no-password", f"--snapshot={exported}", f"--file={into}",
                  f"--dbname={conninfo}"], env, "pg_dump không sao lưu được cơ sở dữ liệu")
    return described


def check(copy: Path) -> None:
    """pg_restore can read the dump's table of contents."""
    _run([binary("pg_restore"), "--list", str(copy)], dict(os.environ),
         "Bản sao cơ sở dữ liệu trong tệp sao lưu không đọc được. Không có gì bị thay đổi")


def restore(engine, copy: Path) -> None:
    conninfo, env = connection(engine.url)
    _run([binary("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
          "--no-password", f"--dbname={conninfo}", str(copy)], env,
         "pg_restore không khôi phục được; dữ liệu cũ vẫn giữ nguyên")
