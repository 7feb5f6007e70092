"""Attached files are judged by their content: real minimal files of each accepted kind are built here, and files
that only pretend (HTML named .pdf, a program, SVG, a plain zip, a document with macros) are refused."""

from __future__ import annotations

import io
import struct
import unicodedata
import zipfile
import zlib

import pytest
from docx import Document
from openpyxl import Workbook

from app import uploads
from app.initiatives.demo import minimal_pdf
from app.uploads import UploadRefused, check_bytes, display_name, human_size, sniff


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1 × 1, 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
            + chunk(b"IEND", b""))


def docx() -> bytes:
    document = Document()
    document.add_paragraph("Thuyết minh sáng kiến")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx() -> bytes:
    book = Workbook()
    book.active["A1"] = "Danh sách"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zipped(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, data in entries.items():
            package.writestr(name, data, compress_type=zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED)
    return out.getvalue()


def rezip(data: bytes, change: dict[str, bytes]) -> bytes:
    """The same package with some parts replaced or added (a .docm is a .docx with a macro part)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        entries = {name: package.read(name) for name in package.namelist()}
    return zipped({**entries, **change})


def ole2(*streams: str) -> bytes:
    """A compound file (legacy Office): the 512-byte header, then one directory sector of 128-byte entries."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[0x1E:0x20] = struct.pack("<H", 9)  # 512-byte sectors
    entries = b""
    for index, name in enumerate(("Root Entry", *streams)):
        encoded = name.encode("utf-16-le") + b"\0\0"
        entry = bytearray(128)
        entry[:len(encoded)] = encoded
        entry[64:66] = struct.pack("<H", len(encoded))
        entry[66] = 5 if index == 0 else 2
        entries += bytes(entry)
    return bytes(header) + entries.ljust(512, b"\0") + b"\0" * 512


GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
WEBP = b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
ODT = zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office:document-content/>"})


@pytest.mark.parametrize(("data", "name", "kind"), [
    (minimal_pdf(["Thuyet minh"]), "thuyết minh.pdf", "pdf"),
    (docx(), "Báo cáo.docx", "docx"),
    (xlsx(), "Bảng điểm.XLSX", "xlsx"),
    (png(), "ảnh chụp.png", "png"),
    (JPEG, "quyết định.jpeg", "jpeg"),
    (JPEG, "quyết định.jpg", "jpeg"),
    (GIF, "sơ đồ.gif", "gif"),
    (WEBP, "ảnh.webp", "webp"),
    (ODT, "văn bản.odt", "odt"),
    (ole2("WordDocument", "1Table"), "tờ trình.doc", "doc"),
    (ole2("Workbook"), "danh sách.xls", "xls"),
])
def test_accepted_files_are_recognised_by_content(data, name, kind):
    upload = check_bytes(data, name)
    assert upload.kind.code == kind
    assert upload.name == name
    assert upload.data == data


@pytest.mark.parametrize(("data", "name", "says"), [
    (b"<!doctype html><script>alert(1)</script>", "quyet-dinh.pdf", "không thuộc loại được nhận"),
    (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 64, "setup.exe", "không thuộc loại được nhận"),
    (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 64, "bao-cao.docx", "không thuộc loại được nhận"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "logo.svg", "không thuộc loại được nhận"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "logo.png", "không thuộc loại được nhận"),
    (b"", "rong.pdf", "rỗng"),
    (zipped({"a.txt": b"xin chao"}), "tai-lieu.docx", "không thuộc loại được nhận"),
    (zipped({"mimetype": b"application/x-other"}), "tai-lieu.odt", "không thuộc loại được nhận"),
    (b"PK\x03\x04 not really a zip", "bang.xlsx", "không thuộc loại được nhận"),
    (ole2("SummaryInformation"), "cai-dat.msi", "không thuộc loại được nhận"),
    (ole2("WordDocument", "Macros", "VBA"), "co-macro.doc", "macro"),
    (ole2("EncryptedPackage"), "mat-khau.docx", "macro"),
    (rezip(docx(), {"word/vbaProject.bin": b"\x00" * 16}), "co-macro.docm", "macro"),
    (png(), "bao-cao.pdf", "đây là tệp PNG"),
    (minimal_pdf(["x"]), "bao-cao", "có đuôi .pdf"),
])
def test_other_files_are_refused_with_a_reason(data, name, says):
    with pytest.raises(UploadRefused) as refused:
        check_bytes(data, name)
    assert says in refused.value.message


def test_a_docx_declaring_macros_is_refused_even_without_the_macro_part():
    macro_types = docx_content_types().replace(b"document.main+xml", b"document.macroEnabled.main+xml")
    assert sniff(rezip(docx(), {"[Content_Types].xml": macro_types})) == "macro"


def docx_content_types() -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx())) as package:
        return package.read("[Content_Types].xml")


def test_text_that_merely_mentions_macros_does_not_make_a_legacy_file_refused():
    data = ole2("WordDocument") + "Macros VBA".encode("utf-16-le") * 40
    assert sniff(data) == "doc"


def test_a_file_larger_than_the_limit_is_refused_and_says_the_limit():
    with pytest.raises(UploadRefused) as refused:
        check_bytes(minimal_pdf(["x"]) + b"\0" * 2048, "lon.pdf", limit=1024)
    assert "lớn hơn giới hạn 1 KB" in refused.value.message


def test_check_reads_no_more_than_one_byte_past_the_limit():
    stream = io.BytesIO(minimal_pdf(["x"]) + b"\0" * 10_000)
    with pytest.raises(UploadRefused):
        uploads.check(stream, "lon.pdf", 1000)
    assert stream.tell() == 1001


@pytest.mark.parametrize(("raw", "shown"), [
    ("../../etc/passwd", "passwd"),
    ("..\\..\\windows\\win.ini", "win.ini"),
    ("C:\\x\\y.pdf", "y.pdf"),
    ("C:\\Users\\lan\\Desktop\\báo cáo.pdf", "báo cáo.pdf"),
    ("C:báo cáo.pdf", "báo cáo.pdf"),
    ("/var/www/../x.pdf", "x.pdf"),
    ("..", ""),
    (".htaccess", "htaccess"),
    ("  hồ   sơ .pdf ", "hồ sơ .pdf"),
    ("hóa đơn\u202efdp.exe", "hóa đơnfdp.exe"),
    ("a\r\nX-Evil: 1.pdf", "aX-Evil: 1.pdf"),
    (unicodedata.normalize("NFD", "Thuyết minh sáng kiến.pdf"), "Thuyết minh sáng kiến.pdf"),
    (None, ""),
])
def test_names_are_cleaned_for_display_and_never_carry_a_path(raw, shown):
    assert display_name(raw) == shown


def test_a_decomposed_vietnamese_name_is_stored_composed():
    name = display_name(unicodedata.normalize("NFD", "Báo cáo thành tích.docx"))
    assert unicodedata.is_normalized("NFC", name) and name == "Báo cáo thành tích.docx"


def test_a_very_long_name_is_cut_but_keeps_its_extension():
    name = display_name("sáng kiến " * 50 + ".pdf")
    assert len(name) <= uploads.MAX_NAME_LENGTH and name.endswith(".pdf")


@pytest.mark.parametrize(("size", "shown"), [
    (0, "0 B"), (808, "808 B"), (1024, "1 KB"), (1536, "1,5 KB"), (10 * 1024 * 1024, "10 MB"),
    (int(2.25 * 1024 * 1024), "2,2 MB"),
])
def test_sizes_read_the_vietnamese_way(size, shown):
    assert human_size(size) == shown


def test_a_stored_file_gets_a_random_name_and_nothing_half_written_remains(tmp_path):
    upload = check_bytes(png(), "ảnh.png")
    first, second = uploads.store(upload, tmp_path), uploads.store(upload, tmp_path)
    assert first != second and first.endswith(".png") and uploads.STORED_NAME.match(first)
    assert (tmp_path / first).read_bytes() == upload.data
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([first, second])
    uploads.remove(first, tmp_path)
    assert not (tmp_path / first).exists()


def test_a_failed_write_leaves_no_file_behind(tmp_path, monkeypatch):
    def broken_replace(source, target):
        raise OSError("disk full")

    monkeypatch.setattr(uploads.os, "replace", broken_replace)
    with pytest.raises(OSError):
        uploads.store(check_bytes(png(), "ảnh.png"), tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["../secret_key", "/etc/passwd", "abc.pdf", "0" * 32 + ".pdf/../x"])
def test_only_generated_names_are_ever_turned_into_paths(tmp_path, name):
    with pytest.raises(ValueError):
        uploads.path_of(name, tmp_path)
