"""The backup file: one gzip-compressed tar holding a manifest, the database dump and the attached files.

    manifest.json             what the file holds (first member): format, time, database kind, schema revision,
                              rows per table, and the size and sha256 of every other member
    database.sqlite3 | database.pgdump
    uploads/<stored name>     instance/uploads/, one member per file

A file is written to a temporary name in the target's folder, flushed to disk, then given its name: a crash
leaves a `.part` file, never a half-written backup that looks whole. Reading never uses tarfile's extract: each
member is checked against the manifest (a name it lists, a regular file, the right size and sha256) and copied
to a path built here, so a crafted archive cannot write outside the staging folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tarfile
import tempfile
import zlib
from pathlib import Path

from app.backup.errors import BackupError

FORMAT = "sotd-backup/1"
MANIFEST = "manifest.json"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
UPLOADS = "uploads"
# The names the app gives stored files (app/uploads.py), and anything else plain an admin may have put there;
# never a dot file (temporary .part files) and never a path.
SAFE_FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")
MAX_MANIFEST_BYTES = 10 * 1024 * 1024
_CHUNK = 1024 * 1024


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def member_name_allowed(name: str) -> bool:
    if name in DATABASE_MEMBERS.values():
        return True
    folder, slash, file_name = name.partition("/")
    return folder == UPLOADS and bool(slash) and bool(SAFE_FILE_NAME.match(file_name))


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every filesystem lets a folder be opened for fsync
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _tar_info(name: str, size: int, mtime: float) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(mtime)
    info.mode = 0o600
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def write(target: Path, manifest: dict, files: dict[str, Path], force: bool) -> int:
    """Write the archive to target from `files` (member name -> file on disk, hashes already in the manifest);
    return its size. Refuses an existing target unless force."""
    folder = target.parent
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".part")  # mode 0600
    try:
        with os.fdopen(handle, "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w:gz", format=tarfile.PAX_FORMAT, compresslevel=6) as tar:
                body = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
                tar.addfile(_tar_info(MANIFEST, len(body), os.path.getmtime(temporary)), _BytesReader(body))
                for name, path in files.items():
                    with path.open("rb") as source:
                        tar.addfile(_tar_info(name, path.stat().st_size, path.stat().st_mtime), source)
            raw.flush()
            os.fsync(raw.fileno())
        if force:
            os.replace(temporary, target)
        else:
            try:
                os.link(temporary, target)  # fails if the target appeared meanwhile: never overwrite by accident
            except FileExistsError:
                raise BackupError(f"Đã có tệp “{target}”: không ghi đè. Chọn tên khác, hoặc thêm --force.") from None
            except OSError:  # a filesystem without hard links
                if target.exists():
                    raise BackupError(f"Đã có tệp “{target}”: không ghi đè. Chọn tên khác, hoặc thêm --force.") from None
                os.replace(temporary, target)
        _fsync_folder(folder)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return target.stat().st_size


class _BytesReader:
    def __init__(self, data: bytes):
        self._data = memoryview(data)
        self._position = 0

    def read(self, size: int = -1) -> bytes:
        end = len(self._data) if size < 0 else self._position + size
        chunk = self._data[self._position:end].tobytes()
        self._position += len(chunk)
        return chunk


def _broken(path: Path, why: str) -> BackupError:
    return BackupError(f"Tệp “{path}” không phải bản sao lưu hợp lệ hoặc đã hỏng ({why}). Không có gì bị thay đổi.")


def _read_manifest(path: Path, tar: tarfile.TarFile) -> dict:
    first = tar.next()
    if first is None or first.name != MANIFEST or not first.isreg():
        raise _broken(path, "không có bản kê manifest.json ở đầu tệp")
    if first.size > MAX_MANIFEST_BYTES:
        raise _broken(path, "bản kê quá lớn")
    try:
        manifest = json.loads(tar.extractfile(first).read().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _broken(path, "bản kê không đọc được") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _broken(path, f"không phải định dạng {FORMAT}")
    members = manifest.get("members")
    if (manifest.get("database") not in DATABASE_MEMBERS or not isinstance(members, dict)
            or not isinstance(manifest.get("tables"), dict)
            or DATABASE_MEMBERS[manifest["database"]] not in members):
        raise _broken(path, "bản kê thiếu thông tin")
    for name, entry in members.items():
        if not member_name_allowed(name):
            raise _broken(path, f"tên thành phần không được phép: {name!r}")
        if not (isinstance(entry, dict) and isinstance(entry.get("size"), int)
                and isinstance(entry.get("sha256"), str)):
            raise _broken(path, f"bản kê thiếu kích thước hoặc mã kiểm tra của {name}")
    return manifest


def read_verified(path: Path, staging: Path) -> dict:
    """Check the archive at path member by member and copy its members under staging (database file at
    staging/<member name>, attached files under staging/uploads/); return the manifest.

    Raises BackupError naming what is wrong; nothing outside staging is written in any case."""
    if not path.is_file():
        raise BackupError(f"Không có tệp sao lưu “{path}”.")
    try:
        with tarfile.open(path, mode="r:gz") as tar:
            manifest = _read_manifest(path, tar)
            expected = manifest["members"]
            seen: set[str] = set()
            (staging / UPLOADS).mkdir(parents=True, exist_ok=True)
            for index, member in enumerate(tar):
                if index == 0:  # iterating a TarFile starts again from its first member, the manifest
                    continue
                name = member.name
                if name not in expected or name in seen or not member.isreg():
                    raise _broken(path, f"thành phần lạ hoặc lặp lại: {name!r}")
                seen.add(name)
                size, digest = _copy_out(tar.extractfile(member), staging / name)  # an allowed, listed name
                if size != expected[name]["size"] or digest != expected[name]["sha256"]:
                    raise _broken(path, f"“{name}” không khớp mã kiểm tra sha256")
    except PermissionError as error:
        raise BackupError(f"Không đọc được tệp “{path}”: {error.strerror}.") from None
    except (tarfile.TarError, EOFError, zlib.error, OSError):
        raise _broken(path, "tệp nén bị cắt cụt hoặc sai dữ liệu") from None
    missing = sorted(set(expected) - seen)
    if missing:
        raise _broken(path, f"thiếu {', '.join(missing[:3])}")
    return manifest


def _copy_out(source, target: Path) -> tuple[int, str]:
    """Copy a member out while hashing it. Reading errors (a damaged archive) reach the caller; a failure to
    write is the server's problem, not the archive's, and is told as such."""
    digest = hashlib.sha256()
    size = 0
    try:
        out = target.open("xb")
    except OSError as error:
        raise _cannot_write(target, error) from None
    with out:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            try:
                out.write(chunk)
            except OSError as error:
                raise _cannot_write(target, error) from None
    return size, digest.hexdigest()


def _cannot_write(target: Path, error: OSError) -> BackupError:
    return BackupError(f"Không ghi được vào thư mục tạm “{target.parent}”: {error.strerror}.")
