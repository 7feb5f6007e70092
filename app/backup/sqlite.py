"""SQLite: copies through the online backup API (sqlite3.Connection.backup).

Taking a copy reads one consistent snapshot while the app keeps serving (WAL mode: readers and the writer do
not wait for each other); only committed data is in it. Restoring copies the checked snapshot into the live
database through the same API, inside one write transaction: the app's other connections see the old data or
the new, never a mixture, and a failure leaves the old data in place.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.backup.errors import BackupError

ATTACHMENT_QUERY = "SELECT stored_name FROM attachment"


def database_path(url) -> Path:
    """The file of a sqlite:/// URL (a sqlalchemy URL object)."""
    name = url.database
    if not name or name == ":memory:" or name.startswith("file:"):
        raise BackupError("Cơ sở dữ liệu SQLite này không nằm trong một tệp: không sao lưu hay khôi phục được.")
    return Path(name).resolve()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def describe(connection: sqlite3.Connection) -> tuple[dict[str, int], str | None, list[str]]:
    """Rows per table, the alembic revision (None if the schema was made without migrations), and the stored
    names of attached files, all read in one transaction."""
    tables = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    counts = {table: connection.execute(f"SELECT count(*) FROM {_quote(table)}").fetchone()[0]  # noqa: S608  # nosec B608 # names read from sqlite_master, quoted
              for table in tables}
    revision = None
    if "alembic_version" in counts:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = row[0] if row else None
    stored = [row[0] for row in connection.execute(ATTACHMENT_QUERY)] if "attachment" in counts else []
    return counts, revision, stored


def snapshot(database: Path, into: Path) -> tuple[dict[str, int], str | None, list[str]]:
    """Copy the live database to the file `into`; describe the copy."""
    if not database.is_file():
        raise BackupError(f"Không có tệp cơ sở dữ liệu “{database}”.")
    source = sqlite3.connect(database, timeout=30)
    target = sqlite3.connect(into)
    try:
        source.backup(target)  # all pages in one step: one snapshot
        target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        target.execute("BEGIN")
        described = describe(target)
        target.rollback()
    except sqlite3.Error as error:
        raise BackupError(f"Không sao chép được cơ sở dữ liệu SQLite: {error}.") from None
    finally:
        target.close()
        source.close()
    return described


def check(copy: Path, manifest: dict) -> None:
    """The restored-to-be file is a sound SQLite database holding what the manifest says."""
    try:
        connection = sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise BackupError(f"Bản sao cơ sở dữ liệu trong tệp sao lưu không mở được: {error}.") from None
    try:
        result = connection.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise BackupError(f"Bản sao cơ sở dữ liệu trong tệp sao lưu bị hỏng: {result}. Không có gì bị thay đổi.")
        counts, revision, _stored = describe(connection)
    except sqlite3.Error as error:
        raise BackupError(f"Bản sao cơ sở dữ liệu trong tệp sao lưu không đọc được: {error}.") from None
    finally:
        connection.close()
    if counts != manifest["tables"] or revision != manifest.get("revision"):
        raise BackupError("Cơ sở dữ liệu trong tệp sao lưu không khớp với bản kê (số dòng các bảng). "
                          "Không có gì bị thay đổi.")


def restore(copy: Path, database: Path) -> None:
    """Replace the live database's content with the copy's, in one write transaction."""
    database.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(copy)
    target = sqlite3.connect(database, timeout=60)
    try:
        source.backup(target)
    except sqlite3.Error as error:
        raise BackupError(f"Không khôi phục được cơ sở dữ liệu SQLite: {error}. Dữ liệu cũ vẫn giữ nguyên.") from None
    finally:
        target.close()
        source.close()
