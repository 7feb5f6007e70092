"""Uploads against hostile files and names, through both upload routes (an initiative's files, a commitment item's
evidence): the type is decided by the content, the size is capped, a name never becomes a path, and a download
is always an attachment with a safely encoded name (RFC 5987/6266) that the browser must not sniff.

tests/views/test_attachments.py covers the ordinary journeys; tests/unit/test_uploads.py the name cleaning and
content sniffing one by one.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from urllib.parse import unquote

import pytest
from sqlalchemy import select
from werkzeug.http import parse_options_header

from app.extensions import db
from app.initiatives.demo import minimal_pdf
from app.models import Attachment, CommitmentItem, CommitmentSheet
from tests import factories
from tests.views.conftest import HX, login
from tests.views.test_initiatives import make

PDF = minimal_pdf(["Minh chung"])
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\0" * 240 + b"This program cannot be run in DOS mode."
ELF = b"\x7fELF\x02\x01\x01" + b"\0" * 120
HOSTILE_CONTENT = [
    pytest.param(EXE, "quyet-dinh.pdf", id="windows program named .pdf"),
    pytest.param(ELF, "bao-cao.pdf", id="linux program named .pdf"),
    pytest.param(b"#!/bin/sh\nrm -rf /\n", "ke-hoach.docx", id="shell script named .docx"),
    pytest.param(b"<?php system($_GET['c']); ?>", "anh.png", id="php named .png"),
    pytest.param(b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "so-do.png", id="svg named .png"),
    pytest.param(b"PK\x03\x04" + b"\0" * 60, "bang-diem.xlsx", id="bare zip named .xlsx"),
]
PATH_TRICKS = [
    "../../x.pdf", "../../../../etc/cron.d/x.pdf", "/etc/passwd.pdf", "..\\..\\x.pdf", "C:\\Windows\\System32\\x.pdf",
    "uploads/../../x.pdf", "x.pdf\x00.exe", "\x00../x.pdf", "....//....//x.pdf", "%2e%2e%2fx.pdf",
]


@pytest.fixture
def owners(app, org):
    """Upload routes of department A's staff member: his draft initiative, and an item of his March sheet (March
    open for commitments, when evidence is attached)."""
    initiative = make(app, org.staff)
    with app.app_context():
        year = factories.year(2026, states={3: "commitments"})
        sheet = CommitmentSheet(person_id=org.staff, month_id=factories.month(year, 3).id, state="draft")
        sheet.items.append(CommitmentItem(position=1, title="Thẩm định hồ sơ khen thưởng quý I"))
        db.session.add(sheet)
        db.session.commit()
        item = sheet.items[0].id
    return {"initiative": f"/initiatives/{initiative}/attachments", "item": f"/initiatives/items/{item}/attachments"}


def send(client, url, data, name):
    return client.post(url, data={"file": (io.BytesIO(data), name)}, headers=HX, content_type="multipart/form-data")


def files_under(folder: Path) -> set[Path]:
    return {Path(root, name) for root, _dirs, names in os.walk(folder) for name in names} if folder.exists() else set()


def rows(app) -> list[Attachment]:
    with app.app_context():
        found = list(db.session.scalars(select(Attachment).order_by(Attachment.id)))
        db.session.expunge_all()
        return found


@pytest.mark.parametrize("route", ["initiative", "item"])
@pytest.mark.parametrize(("data", "name"), HOSTILE_CONTENT)
def test_content_decides_the_type_whatever_the_name_says(app, client, org, owners, route, data, name):
    login(client, "staff")
    workspace = Path(app.instance_path).parent
    before = files_under(workspace)
    response = send(client, owners[route], data, name)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "không thuộc loại được nhận" in page and "nội dung tệp được kiểm tra, không chỉ tên tệp" in page
    assert rows(app) == [] and files_under(workspace) == before


@pytest.mark.parametrize("route", ["initiative", "item"])
def test_the_size_limit_refuses_in_vietnamese_and_keeps_nothing(app, client, org, owners, route):
    login(client, "staff")
    app.config["ATTACHMENT_MAX_BYTES"] = 2048
    workspace = Path(app.instance_path).parent
    before = files_under(workspace)
    over = send(client, owners[route], PDF + b"%" * 4096, "thuyet-minh.pdf")
    assert over.status_code == 422 and "lớn hơn giới hạn 2 KB" in over.get_data(as_text=True)
    app.config["MAX_CONTENT_LENGTH"] = 8192  # the whole request's cap: refused before the form is even read
    whole = send(client, owners[route], PDF + b"%" * 20000, "thuyet-minh.pdf")
    assert whole.status_code == 413 and "Tệp gửi lên quá lớn." in whole.get_data(as_text=True)
    assert rows(app) == [] and files_under(workspace) == before
    within = send(client, owners[route], PDF, "thuyet-minh.pdf")  # the control: a file within the limit is kept
    assert within.status_code == 200 and len(rows(app)) == 1


@pytest.mark.parametrize("route", ["initiative", "item"])
def test_a_name_with_path_tricks_stores_nothing_outside_the_uploads_folder(app, client, org, owners, route):
    login(client, "staff")
    uploads_folder = Path(app.instance_path) / "uploads"
    workspace = Path(app.instance_path).parent
    before = files_under(workspace)
    for name in PATH_TRICKS:
        response = send(client, owners[route], PDF, name)
        assert response.status_code in (200, 422), name  # kept under a clean name, or refused for its extension
    kept = rows(app)
    assert kept, "no tricky name was accepted at all: the test would prove nothing"
    new_files = files_under(workspace) - before
    assert {path.parent for path in new_files} == {uploads_folder}
    assert {path.name for path in new_files} == {attachment.stored_name for attachment in kept}
    for attachment in kept:
        assert not {"/", "\\", "\x00"} & set(attachment.original_name), attachment.original_name
        assert not attachment.original_name.startswith("."), attachment.original_name
        assert (uploads_folder / attachment.stored_name).read_bytes() == PDF


@pytest.mark.parametrize("name", [
    # browsers send a quote in a file name as %22, which the form parser turns back into a quote
    "tờ trình %22quote%22.pdf", "bao cao; filename=evil.html.pdf", "x%22; filename*=UTF-8''evil.html; a=.pdf",
    "Báo cáo thành tích năm 2026.pdf", "hóa đơn\u202efdp.exe.pdf",
])
def test_a_download_is_an_attachment_with_a_safely_encoded_name_and_no_sniffing(app, client, org, owners, name):
    login(client, "staff")
    assert send(client, owners["initiative"], PDF, name).status_code == 200
    (attachment,) = rows(app)
    response = client.get(f"/initiatives/attachments/{attachment.id}")
    assert response.status_code == 200 and response.data == PDF
    header = response.headers["Content-Disposition"]
    assert "\r" not in header and "\n" not in header
    disposition, params = parse_options_header(header)
    assert disposition == "attachment"
    # the name offered back is the cleaned name, whole (werkzeug's parser reads filename*= before filename=):
    # quotes and semicolons inside it cannot add a parameter of their own
    assert params == {"filename": attachment.original_name}
    header_ascii, _star, encoded = header.partition("; filename*=UTF-8''")
    assert header_ascii.isascii()
    if not attachment.original_name.isascii():  # RFC 5987: UTF-8, percent-encoded, beside a plain ASCII fallback
        assert unquote(encoded) == attachment.original_name and "'" not in encoded and " " not in encoded
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Type"] == "application/pdf"
    assert "sandbox" in response.headers["Content-Security-Policy"]
