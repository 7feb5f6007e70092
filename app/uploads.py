"""Attached files: accepted by what they contain, not by what they are called, and kept under instance/uploads/.

A file is recognised by its first bytes (and, for Office and OpenDocument files, by the parts inside the zip);
its name only has to agree. Everything else is refused, whatever its name: HTML, SVG, scripts, programs,
documents with macros. The name the user gave is cleaned and kept for display and download only; on disk the
file gets a random name, written to a temporary file first and renamed, so a file is either whole or absent.
"""

from __future__ import annotations

import io
import os
import re
import secrets
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.domain.text import clean_text

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_NAME_LENGTH = 200
STORED_NAME = re.compile(r"^[0-9a-f]{32}\.[a-z0-9]{2,5}$")


@dataclass(frozen=True)
class FileKind:
    code: str
    label: str  # what the user is told the content is
    content_type: str
    extensions: tuple[str, ...]  # the first is the one given to the stored file


_OOXML = "application/vnd.openxmlformats-officedocument."
_ODF = "application/vnd.oasis.opendocument."
KINDS = {kind.code: kind for kind in (
    FileKind("pdf", "PDF", "application/pdf", (".pdf",)),
    FileKind("docx", "Word (.docx)", _OOXML + "wordprocessingml.document", (".docx",)),
    FileKind("xlsx", "Excel (.xlsx)", _OOXML + "spreadsheetml.sheet", (".xlsx",)),
    FileKind("pptx", "PowerPoint (.pptx)", _OOXML + "presentationml.presentation", (".pptx",)),
    FileKind("doc", "Word (.doc)", "application/msword", (".doc",)),
    FileKind("xls", "Excel (.xls)", "application/vnd.ms-excel", (".xls",)),
    FileKind("ppt", "PowerPoint (.ppt)", "application/vnd.ms-powerpoint", (".ppt",)),
    FileKind("odt", "OpenDocument (.odt)", _ODF + "text", (".odt",)),
    FileKind("ods", "OpenDocument (.ods)", _ODF + "spreadsheet", (".ods",)),
    FileKind("png", "PNG", "image/png", (".png",)),
    FileKind("jpeg", "JPEG", "image/jpeg", (".jpg", ".jpeg")),
    FileKind("gif", "GIF", "image/gif", (".gif",)),
    FileKind("webp", "WebP", "image/webp", (".webp",)),
)}
ACCEPT_ATTRIBUTE = ",".join(ext for kind in KINDS.values() for ext in kind.extensions)
ACCEPTED_DESCRIPTION = _l("PDF, Word, Excel, PowerPoint, OpenDocument (.odt, .ods) hoặc ảnh (PNG, JPEG, GIF, WebP)")

# The main part of an Office Open XML package, as [Content_Types].xml declares it.
_OOXML_MAIN = {
    b"wordprocessingml.document.main+xml": "docx",
    b"spreadsheetml.sheet.main+xml": "xlsx",
    b"presentationml.presentation.main+xml": "pptx",
}
_ODF_MIMETYPES = {b"application/vnd.oasis.opendocument.text": "odt",
                  b"application/vnd.oasis.opendocument.spreadsheet": "ods"}
# Stream names inside an OLE2 (legacy Office) file: which program made it, and whether it carries macros or is
# encrypted. An OLE2 file with none of the three program streams (an .msi installer, say) is refused.
_OLE_PROGRAMS = (("WordDocument", "doc"), ("Workbook", "xls"), ("PowerPoint Document", "ppt"))
_OLE_REFUSED = frozenset({"Macros", "VBA", "_VBA_PROJECT_CUR", "_VBA_PROJECT", "EncryptedPackage"})
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SMALL_PART = 512 * 1024  # [Content_Types].xml is a few kilobytes; a larger one is not an honest package


class UploadRefused(Exception):
    """A file that will not be kept, with the reason to show the user (Vietnamese)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Upload:
    """A file that passed every check, still in memory: nothing is written before this exists."""

    data: bytes
    kind: FileKind
    name: str  # cleaned, for display


# --- What a file is --------------------------------------------------------------------------------------------

def _zip_kind(data: bytes) -> str | None:
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        names = {info.filename: info for info in package.infolist()}
        if any("vbaproject" in name.lower() for name in names):
            return "macro"
        types = names.get("[Content_Types].xml")
        if types is not None and types.file_size <= _SMALL_PART:
            declared = package.read(types)
            if b"macroEnabled" in declared:
                return "macro"
            return next((code for marker, code in _OOXML_MAIN.items() if marker in declared), None)
        mimetype = names.get("mimetype")
        if mimetype is not None and mimetype.file_size <= 100:
            if any(name.startswith(("Basic/", "Scripts/")) for name in names):
                return "macro"
            return _ODF_MIMETYPES.get(package.read(mimetype).strip())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, ValueError, OSError):
        return None
    return None


def _ole_streams(data: bytes) -> set[str]:
    """Names in an OLE2 file's directory: 128-byte entries, each a UTF-16 name, its length at byte 64 and its
    type (storage, stream, root) at byte 66. Entries sit at multiples of 128 after the 512-byte header; matching
    the length field too keeps text that merely mentions "Macros" from counting."""
    names = set()
    for offset in range(512, len(data) - 127, 128):
        length = int.from_bytes(data[offset + 64:offset + 66], "little")
        if not (4 <= length <= 64 and length % 2 == 0 and data[offset + 66] in (1, 2, 5)):
            continue
        if data[offset + length - 2:offset + length] != b"\0\0":
            continue
        try:
            name = data[offset:offset + length - 2].decode("utf-16-le")
        except UnicodeDecodeError:
            continue
        if name.isprintable():
            names.add(name)
    return names


def _ole_kind(data: bytes) -> str | None:
    streams = _ole_streams(data)
    if streams & _OLE_REFUSED:
        return "macro"
    return next((code for stream, code in _OLE_PROGRAMS if stream in streams), None)


def sniff(data: bytes) -> str | None:
    """The kind of file these bytes are (a code of KINDS), "macro" for an Office file carrying code, or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if data.startswith(_OLE2):
        return _ole_kind(data)
    return None


# --- What a file is called -------------------------------------------------------------------------------------

def display_name(raw: str | None) -> str:
    """The name a user gave, safe to show and to offer back: NFC, no folders, no control or direction characters.

    Browsers on Windows may send "C:\\Users\\…\\báo cáo.pdf"; a crafted request may send "../../etc/passwd".
    Only the last part is kept, and it is never used to build a path on the server.
    """
    name = unicodedata.normalize("NFC", raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"^[A-Za-z]:", "", name)  # "C:báo cáo.pdf", a drive-relative Windows path
    # Cc: control characters (header injection); Cf: format characters such as U+202E, which can make
    # "hóa đơn\u202Efdp.exe" look like "hóa đơnexe.pdf".
    name = "".join(char for char in name if unicodedata.category(char) not in ("Cc", "Cf"))
    name = clean_text(name).lstrip(". ")
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, ext = name.rpartition(".")
        keep = ext if dot and len(ext) <= 5 else ""
        name = name[: MAX_NAME_LENGTH - len(keep) - 1].rstrip() + ("." + keep if keep else "")
    return name


def extension_of(name: str) -> str:
    stem, dot, ext = name.rpartition(".")
    return "." + ext.lower() if dot and stem else ""


def human_size(size: int) -> str:
    """1536 -> '1,5 KB': the Vietnamese decimal comma."""
    if size < 1024:
        return f"{size} B"
    for unit, factor in (("KB", 1024), ("MB", 1024**2), ("GB", 1024**3)):
        if size < factor * 1024 or unit == "GB":
            return f"{size / factor:.1f}".replace(".", ",").replace(",0", "") + f" {unit}"
    raise AssertionError("unreachable")


# --- Checking an upload ------------------------------------------------------------------------------------------

def max_bytes() -> int:
    return int(current_app.config.get("ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def check(stream, filename: str | None, limit: int) -> Upload:
    """Read at most limit + 1 bytes and decide; raise UploadRefused with the reason. Writes nothing."""
    return check_bytes(stream.read(limit + 1), filename, limit)


def check_bytes(data: bytes, filename: str | None, limit: int = DEFAULT_MAX_BYTES) -> Upload:
    name = display_name(filename)
    shown = name or _("(không tên)")
    if not data:
        raise UploadRefused(_("Tệp “%(name)s” rỗng: không có gì để lưu.", name=shown))
    if len(data) > limit:
        raise UploadRefused(_("Tệp “%(name)s” lớn hơn giới hạn %(limit)s. Hãy nén, giảm độ phân giải ảnh hoặc "
                              "chia nhỏ tệp rồi tải lên lại.", name=shown, limit=human_size(limit)))
    code = sniff(data)
    if code == "macro":
        raise UploadRefused(_("Tệp “%(name)s” có chứa macro hoặc được đặt mật khẩu: không nhận, để tránh mã độc. "
                              "Hãy lưu lại thành tệp thường (.docx, .xlsx, .pptx) rồi tải lên.", name=shown))
    if code is None:
        raise UploadRefused(_("Tệp “%(name)s” không thuộc loại được nhận. Chỉ nhận %(accepted)s; nội dung tệp "
                              "được kiểm tra, không chỉ tên tệp.", name=shown, accepted=ACCEPTED_DESCRIPTION))
    kind = KINDS[code]
    extension = extension_of(name)
    if extension not in kind.extensions:
        raise UploadRefused(_("Tên tệp “%(name)s” không khớp với nội dung: đây là tệp %(kind)s. Hãy đặt tên tệp "
                              "có đuôi %(extension)s rồi tải lên lại.", name=shown, kind=kind.label,
                              extension=kind.extensions[0]))
    return Upload(data=data, kind=kind, name=name)


# --- Keeping it on disk ------------------------------------------------------------------------------------------

def folder() -> Path:
    """instance/uploads/, unless UPLOAD_FOLDER (SOTD_UPLOAD_FOLDER) names a folder every app server shares."""
    configured = current_app.config.get("UPLOAD_FOLDER")
    return Path(configured) if configured else Path(current_app.instance_path) / "uploads"


def store(upload: Upload, into: Path) -> str:
    """Write the file under a new random name and return that name; a failure leaves nothing behind."""
    into.mkdir(parents=True, exist_ok=True)
    stored_name = secrets.token_hex(16) + upload.kind.extensions[0]
    handle, temporary = tempfile.mkstemp(dir=into, prefix=".upload-", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(upload.data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, into / stored_name)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return stored_name


def path_of(stored_name: str, within: Path) -> Path:
    """The file's path; a stored name is only ever one we generated, never a path from a request."""
    if not STORED_NAME.match(stored_name):
        raise ValueError(f"not a stored file name: {stored_name!r}")
    return within / stored_name


def remove(stored_name: str, within: Path) -> None:
    path_of(stored_name, within).unlink(missing_ok=True)
