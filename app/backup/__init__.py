"""Backups of everything the unit keeps here: the database and the attached files (`flask backup`, `flask restore`).

One backup is one file (see archive.py for what is inside). Taking one never stops the app: SQLite is copied
with its online backup API, PostgreSQL with pg_dump on an exported snapshot. Restoring checks the whole file
first (manifest, sha256 of every member, same database kind, a schema this code knows, the copy itself) and
only then, once confirmed, replaces the database and the uploads folder.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from flask import current_app

from app import uploads
from app.backup import archive, postgres, sqlite
from app.backup.errors import BackupError
from app.extensions import db

__all__ = ["BackupError", "BackupResult", "PreparedRestore", "prepare_restore", "take_backup"]

KIND_LABELS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def database_kind() -> str:
    name = db.engine.dialect.name
    if name not in archive.DATABASE_MEMBERS:
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {name}.")
    return name


# --- Schema revisions --------------------------------------------------------------------------------------------

def _script():
    from alembic.script import ScriptDirectory

    return ScriptDirectory(current_app.extensions["migrate"].directory)


def code_head() -> str | None:
    return _script().get_current_head()


def known_revisions() -> set[str]:
    return {revision.revision for revision in _script().walk_revisions()}


# --- Taking a backup ---------------------------------------------------------------------------------------------

@dataclass
class BackupResult:
    path: Path
    size: int
    manifest: dict
    missing_files: list[str] = field(default_factory=list)  # attached in the database, absent from the folder


def _gather_uploads(staging: Path) -> dict[str, Path]:
    """Link (or copy) the attached files into staging: stored files are never changed in place, so a link is
    a stable copy even if the app deletes the file meanwhile."""
    source = uploads.folder()
    files: dict[str, Path] = {}
    if not source.is_dir():
        return files
    target = staging / archive.UPLOADS
    target.mkdir()
    for entry in sorted(source.iterdir()):
        if not archive.SAFE_FILE_NAME.match(entry.name) or not entry.is_file() or entry.is_symlink():
            continue  # temporary .part files, folders, links: not data
        copy = target / entry.name
        try:
            os.link(entry, copy)
        except FileNotFoundError:
            continue  # deleted since the listing
        except OSError:
            try:
                shutil.copy2(entry, copy)
            except FileNotFoundError:
                continue
        files[f"{archive.UPLOADS}/{entry.name}"] = copy
    return files


def take_backup(target: Path, force: bool = False) -> BackupResult:
    target = Path(os.path.abspath(target))
    if target.is_dir():
        raise BackupError(f"“{target}” là một thư mục: hãy cho một tên tệp, ví dụ {target / 'sotd.backup'}.")
    if target.exists() and not force:
        raise BackupError(f"Đã có tệp “{target}”: không ghi đè. Chọn tên khác, hoặc thêm --force.")
    if not target.parent.is_dir():
        raise BackupError(f"Không có thư mục “{target.parent}”.")
    kind = database_kind()
    try:
        staging = Path(tempfile.mkdtemp(prefix=".sotd-backup-", dir=target.parent))
    except OSError as error:
        raise BackupError(f"Không ghi được vào thư mục “{target.parent}”: {error.strerror}.") from None
    try:
        dump = staging / archive.DATABASE_MEMBERS[kind]
        created_at = datetime.now(UTC)
        if kind == "sqlite":
            counts, revision, stored = sqlite.snapshot(sqlite.database_path(db.engine.url), dump)
            tool = f"SQLite {sqlite3.sqlite_version}"
        else:
            counts, revision, stored = postgres.snapshot(db.engine, dump)
            tool = postgres.tool_version("pg_dump")
        files = {dump.name: dump, **_gather_uploads(staging)}
        manifest = {
            "format": archive.FORMAT,
            "created_at": created_at.isoformat(timespec="seconds").replace("+00:00", "Z"),
            "database": kind,
            "revision": revision,
            "code_revision": code_head(),
            "tool": tool,
            "tables": counts,
            "members": {name: {"size": path.stat().st_size, "sha256": archive.sha256_of(path)}
                        for name, path in files.items()},
        }
        try:
            size = archive.write(target, manifest, files, force)
        except OSError as error:
            raise BackupError(f"Không ghi được tệp sao lưu “{target}”: {error.strerror}.") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    present = {name.split("/", 1)[1] for name in files if name.startswith(archive.UPLOADS + "/")}
    return BackupResult(target, size, manifest, sorted(set(stored) - present))


# --- Restoring -----------------------------------------------------------------------------------------------------

@dataclass
class PreparedRestore:
    """A backup checked and unpacked into a staging folder beside the uploads folder, not yet applied."""

    source: Path
    staging: Path
    manifest: dict
    older_revision: bool  # made by an older version of the app: `flask db upgrade` after restoring
    applied: bool = False

    @property
    def file_count(self) -> int:
        return sum(1 for name in self.manifest["members"] if name.startswith(archive.UPLOADS + "/"))

    def apply(self) -> None:
        """Replace the database and the attached files by the backup's."""
        kind = self.manifest["database"]
        copy = self.staging / archive.DATABASE_MEMBERS[kind]
        live_files = uploads.folder()
        db.session.remove()
        db.engine.dispose()  # no pooled connection may hold a lock on what is being replaced
        if _can_swap(self.staging, live_files):
            # The files first (two renames in one folder), so that a database failure can put them back.
            old_files = self.staging / "uploads-before-restore"
            _swap_folders(self.staging / archive.UPLOADS, live_files, old_files)
            try:
                self._restore_database(kind, copy)
            except BaseException:
                shutil.rmtree(live_files, ignore_errors=True)
                if old_files.exists():
                    os.replace(old_files, live_files)
                raise
        else:
            # A shared or mounted folder (SOTD_UPLOAD_FOLDER) cannot be swapped: the database first, then the
            # files one by one (each replaced by a rename), then the files the backup does not have removed.
            self._restore_database(kind, copy)
            try:
                _sync_files(self.staging / archive.UPLOADS, live_files)
            except OSError as error:
                raise BackupError(f"Đã khôi phục cơ sở dữ liệu nhưng chưa chép xong tệp đính kèm vào “{live_files}”: "
                                  f"{error.strerror}. Hãy sửa lỗi rồi chạy lại lệnh khôi phục.") from None
        self.applied = True
        if kind == "postgresql":
            with db.engine.connect() as conn, conn.begin():
                counts, _revision, _stored = postgres.describe(conn)
            if counts != self.manifest["tables"]:
                raise BackupError("Đã khôi phục, nhưng số dòng các bảng không khớp với bản kê của tệp sao lưu: "
                                  "hãy kiểm tra cơ sở dữ liệu (có thể còn bảng không có trong bản sao lưu).")

    @staticmethod
    def _restore_database(kind: str, copy: Path) -> None:
        try:
            if kind == "sqlite":
                sqlite.restore(copy, sqlite.database_path(db.engine.url))
            else:
                postgres.restore(db.engine, copy)
        finally:
            db.engine.dispose()

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def __enter__(self) -> PreparedRestore:
        return self

    def __exit__(self, *exc_info) -> None:
        self.discard()


def _can_swap(staging: Path, live: Path) -> bool:
    """The live folder can be replaced by renaming: same filesystem as the staging folder, not a mount point."""
    try:
        return (not os.path.ismount(live)
                and os.stat(staging).st_dev == os.stat(live if live.exists() else live.parent).st_dev)
    except OSError:
        return False


def _swap_folders(new: Path, live: Path, old: Path) -> None:
    had_live = live.exists()
    try:
        if had_live:
            os.replace(live, old)
        os.replace(new, live)
    except OSError as error:
        if had_live and old.exists() and not live.exists():
            os.replace(old, live)
        raise BackupError(f"Không thay được thư mục tệp đính kèm “{live}”: {error.strerror}. "
                          "Không có gì bị thay đổi.") from None


def _sync_files(new: Path, live: Path) -> None:
    live.mkdir(parents=True, exist_ok=True)
    wanted = {path.name for path in new.iterdir()}
    for name in sorted(wanted):
        temporary = live / f".restore-{name}.part"
        shutil.copyfile(new / name, temporary)
        os.replace(temporary, live / name)
    for path in live.iterdir():
        if path.name not in wanted and archive.SAFE_FILE_NAME.match(path.name) and path.is_file():
            path.unlink()


def _check_revision(manifest: dict) -> bool:
    """True when the backup comes from an older schema; refuses one this code does not know (a newer app)."""
    revision = manifest.get("revision")
    if revision is None:
        return False
    head = code_head()
    if revision == head:
        return False
    if revision not in known_revisions():
        raise BackupError(f"Bản sao lưu được tạo bởi phiên bản ứng dụng mới hơn (cơ sở dữ liệu ở phiên bản "
                          f"{revision}, ứng dụng này chỉ biết đến {head}). Hãy nâng cấp ứng dụng rồi khôi phục lại. "
                          "Không có gì bị thay đổi.")
    return True


def prepare_restore(source: Path) -> PreparedRestore:
    """Check the backup at source thoroughly and unpack it; nothing live is touched."""
    source = Path(os.path.abspath(source))
    kind = database_kind()
    instance = Path(current_app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    live_files = uploads.folder()
    # Beside the attached files' folder, so that the restored folder replaces it by a rename.
    beside = live_files.parent if live_files.parent.is_dir() and os.access(live_files.parent, os.W_OK) else instance
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=beside))
    try:
        manifest = archive.read_verified(source, staging)
        if manifest["database"] != kind:
            raise BackupError(f"Bản sao lưu là của {KIND_LABELS[manifest['database']]}, còn ứng dụng đang dùng "
                              f"{KIND_LABELS[kind]}. Để chuyển dữ liệu từ SQLite sang PostgreSQL, dùng `flask copy-database` "
                              "(xem docs/deploy.md). "
                              "Không có gì bị thay đổi.")
        older = _check_revision(manifest)
        copy = staging / archive.DATABASE_MEMBERS[kind]
        if kind == "sqlite":
            sqlite.check(copy, manifest)
        else:
            postgres.check(copy)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return PreparedRestore(source, staging, manifest, older)
