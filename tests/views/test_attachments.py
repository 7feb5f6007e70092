"""Attached files of initiatives and commitment items: checked by content, stored under generated names in
instance/uploads/, downloaded only by those who may see their owner, removed from disk when deleted."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import quote

import pytest
from flask_login import login_user
from sqlalchemy import select

from app.extensions import db
from app.initiatives.demo import minimal_pdf
from app.initiatives.panels import item_panels
from app.models import Account, Attachment, AuditEvent, CommitmentItem, CommitmentSheet, Month, MonthlyReview, Year
from tests import factories
from tests.views.conftest import HX
from tests.views.test_initiatives import make, sign_in

PDF = minimal_pdf(["Thuyet minh sang kien"])
NAME = "Thuyết minh sáng kiến.pdf"


def uploads_dir(app) -> Path:
    return Path(app.instance_path) / "uploads"


def stored_files(app) -> list[str]:
    folder = uploads_dir(app)
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def attachments(app) -> list[Attachment]:
    with app.app_context():
        rows = list(db.session.scalars(select(Attachment).order_by(Attachment.id)))
        db.session.expunge_all()
        return rows


def send(client, url, data=PDF, name=NAME, htmx=True, **extra):
    return client.post(url, data={"file": (io.BytesIO(data), name), **extra}, headers=HX if htmx else {},
                       content_type="multipart/form-data")


@pytest.fixture
def draft(app, org):
    return make(app, org.staff, org.staff_b)


def test_an_author_uploads_and_the_panel_comes_back_with_the_file(client, app, org, draft):
    sign_in(client, "staff")
    response = send(client, f"/initiatives/{draft}/attachments")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in page
    assert f'id="attachments-initiative-{draft}"' in page and NAME in page and "just-saved" in page
    assert "Đã tải lên “Thuyết minh sáng kiến.pdf”" in page  # the flash, out of band
    (attachment,) = attachments(app)
    assert (attachment.original_name, attachment.content_type, attachment.size) == (NAME, "application/pdf", len(PDF))
    assert stored_files(app) == [attachment.stored_name]
    assert (uploads_dir(app) / attachment.stored_name).read_bytes() == PDF
    with app.app_context():
        assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.entity == "attachment")) == "create"


def test_a_download_is_an_attachment_with_its_vietnamese_name_and_no_sniffing(client, app, org, draft):
    sign_in(client, "staff")
    send(client, f"/initiatives/{draft}/attachments")
    (attachment,) = attachments(app)
    for username in ("staff_b", "head_b", "leader", "admin"):  # a co-author, his head, the board, an admin
        sign_in(client, username)
        response = client.get(f"/initiatives/attachments/{attachment.id}")
        assert response.status_code == 200, username
        assert response.data == PDF
        disposition = response.headers["Content-Disposition"]
        assert disposition.startswith("attachment;")
        assert f"filename*=UTF-8''{quote(NAME)}" in disposition
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Content-Type"] == "application/pdf"
        assert "sandbox" in response.headers["Content-Security-Policy"]
    sign_in(client, "staff")
    sign_in(client, "head")  # department A's head sees staff's initiative through him
    assert client.get(f"/initiatives/attachments/{attachment.id}").status_code == 200
    other = make(app, org.staff_b)
    sign_in(client, "staff_b")
    send(client, f"/initiatives/{other}/attachments", name="rieng.pdf")
    private = attachments(app)[-1]
    sign_in(client, "staff")
    assert client.get(f"/initiatives/attachments/{private.id}").status_code == 403
    assert client.get("/initiatives/attachments/999999").status_code == 404


def test_a_name_with_path_tricks_is_kept_only_as_a_harmless_display_name(client, app, org, draft):
    sign_in(client, "staff")
    response = send(client, f"/initiatives/{draft}/attachments", name="../../../instance/evil.pdf")
    assert response.status_code == 200
    (attachment,) = attachments(app)
    assert attachment.original_name == "evil.pdf"
    assert stored_files(app) == [attachment.stored_name] and attachment.stored_name != "evil.pdf"
    assert not (Path(app.instance_path) / "evil.pdf").exists()
    assert not (Path(app.instance_path).parent / "instance" / "evil.pdf").exists()


@pytest.mark.parametrize(("data", "name", "says"), [
    (b"<html><script>alert(1)</script></html>", "quyet-dinh.pdf", "không thuộc loại được nhận"),
    (b"MZ\x90\x00" + b"\0" * 200, "setup.exe", "không thuộc loại được nhận"),
    (b"", "rong.pdf", "rỗng"),
])
def test_a_forbidden_file_is_refused_clearly_and_nothing_is_saved(client, app, org, draft, data, name, says):
    sign_in(client, "staff")
    response = send(client, f"/initiatives/{draft}/attachments", data=data, name=name)
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and says in page and "Chưa lưu tệp nào." in page
    assert attachments(app) == [] and stored_files(app) == []


def test_a_file_over_the_limit_is_refused_with_a_vietnamese_message_and_nothing_is_saved(client, app, org, draft):
    app.config["ATTACHMENT_MAX_BYTES"] = 1024
    sign_in(client, "staff")
    response = send(client, f"/initiatives/{draft}/attachments", data=PDF + b"\0" * 2000)
    assert response.status_code == 422
    assert "lớn hơn giới hạn 1 KB" in response.get_data(as_text=True)
    app.config["MAX_CONTENT_LENGTH"] = 4096  # beyond the whole request's limit the server refuses it outright
    whole = send(client, f"/initiatives/{draft}/attachments", data=PDF + b"\0" * 8000)
    assert whole.status_code == 413 and "Tệp gửi lên quá lớn." in whole.get_data(as_text=True)
    assert attachments(app) == [] and stored_files(app) == []


def test_without_javascript_an_upload_redirects_and_a_refusal_shows_a_page(client, app, org, draft):
    sign_in(client, "staff")
    done = send(client, f"/initiatives/{draft}/attachments", htmx=False, next="https://evil.example/")
    assert done.status_code == 303 and done.headers["Location"] == f"/initiatives/{draft}"
    refused = send(client, f"/initiatives/{draft}/attachments", htmx=False, data=b"<svg/>", name="a.pdf")
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "<html" in page and "Quay lại" in page
    missing = client.post(f"/initiatives/{draft}/attachments", data={}, headers=HX)
    assert missing.status_code == 422 and "Hãy chọn tệp để tải lên." in missing.get_data(as_text=True)


def test_delete_asks_once_and_removes_the_file(client, app, org, draft):
    sign_in(client, "staff")
    send(client, f"/initiatives/{draft}/attachments")
    (attachment,) = attachments(app)
    page = client.get(f"/initiatives/{draft}").get_data(as_text=True)
    assert "hx-confirm=\"Xoá tệp “Thuyết minh sáng kiến.pdf”?" in page
    confirm = client.get(f"/initiatives/attachments/{attachment.id}/delete?next=/initiatives/{draft}")
    assert confirm.status_code == 200 and "Xoá tệp “Thuyết minh sáng kiến.pdf”?" in confirm.get_data(as_text=True)
    sign_in(client, "staff_b")  # a co-author who did not upload it
    assert client.post(f"/initiatives/attachments/{attachment.id}/delete").status_code == 403
    sign_in(client, "staff")
    response = client.post(f"/initiatives/attachments/{attachment.id}/delete", data={"next": f"/initiatives/{draft}"})
    assert response.status_code == 303 and response.headers["Location"] == f"/initiatives/{draft}"
    assert attachments(app) == [] and stored_files(app) == []
    with app.app_context():
        assert db.session.scalar(select(AuditEvent.before).where(AuditEvent.action == "delete"))["original_name"] == NAME
    assert client.get(f"/initiatives/attachments/{attachment.id}").status_code == 404


def test_after_the_decision_authors_no_longer_add_files_but_leaders_do(client, app, org):
    recognised = make(app, org.staff, status="recognised", decision_number="15/QĐ-TĐKT", level="co_so")
    sign_in(client, "staff")
    assert send(client, f"/initiatives/{recognised}/attachments").status_code == 403
    assert "Tải lên" not in client.get(f"/initiatives/{recognised}").get_data(as_text=True)
    sign_in(client, "leader")
    response = send(client, f"/initiatives/{recognised}/attachments", name="Quyết định 15.pdf")
    assert response.status_code == 200
    sign_in(client, "staff")
    (attachment,) = attachments(app)
    assert client.post(f"/initiatives/attachments/{attachment.id}/delete", headers=HX).status_code == 403


def item_of(app, person_id, state) -> int:
    with app.app_context():
        year = db.session.scalar(select(Year).where(Year.year == 2026)) or factories.year(2026)
        month = db.session.scalar(select(Month).where(Month.year_id == year.id, Month.number == 11))
        month.state = state
        sheet = CommitmentSheet(person_id=person_id, month_id=month.id, state="submitted")
        sheet.items.append(CommitmentItem(title="Thẩm định 12 hồ sơ khen thưởng", position=0))
        db.session.add(sheet)
        db.session.commit()
        return sheet.items[0].id


def set_month(app, state):
    with app.app_context():
        db.session.scalar(select(Month).where(Month.number == 11)).state = state
        with factories.past_writable():  # the test reopens a closed month, which no route may do
            db.session.commit()


def test_commitment_item_evidence_follows_the_sheet_and_the_month(client, app, org):
    item_id = item_of(app, org.staff, "self_assessment")
    sign_in(client, "staff")
    response = send(client, f"/initiatives/items/{item_id}/attachments", name="Biên bản.pdf", next="/commitments/11")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and f'id="attachments-item-{item_id}"' in page and "Biên bản.pdf" in page
    assert 'name="next" value="/commitments/11"' in page
    plain = send(client, f"/initiatives/items/{item_id}/attachments", htmx=False, name="Phụ lục.pdf",
                 next="/commitments/11")
    assert plain.status_code == 303 and plain.headers["Location"] == "/commitments/11"
    first = attachments(app)[0]

    sign_in(client, "head")  # his reviewer reads the evidence but does not change it
    assert client.get(f"/initiatives/attachments/{first.id}").status_code == 200
    assert send(client, f"/initiatives/items/{item_id}/attachments").status_code == 403
    assert client.post(f"/initiatives/attachments/{first.id}/delete").status_code == 403
    sign_in(client, "staff_b")
    assert client.get(f"/initiatives/attachments/{first.id}").status_code == 403
    assert send(client, f"/initiatives/items/{item_id}/attachments").status_code == 403

    set_month(app, "closed")
    sign_in(client, "staff")
    closed = send(client, f"/initiatives/items/{item_id}/attachments")
    assert closed.status_code == 409 and "đã chốt" in closed.get_data(as_text=True)
    assert client.post(f"/initiatives/attachments/{first.id}/delete", headers=HX).status_code == 409
    set_month(app, "commitments")
    deleted = client.post(f"/initiatives/attachments/{first.id}/delete", headers=HX, data={"next": "/commitments/11"})
    assert deleted.status_code == 200 and f'href="/initiatives/attachments/{first.id}"' not in deleted.get_data(as_text=True)
    assert len(stored_files(app)) == 1
    assert client.get("/initiatives/items/999999/attachments").status_code == 405
    assert send(client, "/initiatives/items/999999/attachments").status_code == 404


def test_evidence_is_frozen_once_the_self_assessment_is_sent(client, app, org):
    item_id = item_of(app, org.staff, "self_assessment")
    sign_in(client, "staff")
    assert send(client, f"/initiatives/items/{item_id}/attachments", name="Biên bản.pdf").status_code == 200
    (evidence,) = attachments(app)
    with app.app_context():
        month = db.session.scalar(select(Month).where(Month.number == 11))
        db.session.add(MonthlyReview(person_id=org.staff, month_id=month.id, self_state="submitted"))
        db.session.commit()
    late = send(client, f"/initiatives/items/{item_id}/attachments", name="Bổ sung.pdf")
    assert late.status_code == 409
    assert "Bản tự đánh giá tháng 11/2026 đã gửi" in late.get_data(as_text=True)
    assert client.post(f"/initiatives/attachments/{evidence.id}/delete", headers=HX).status_code == 409
    assert len(attachments(app)) == 1 and len(stored_files(app)) == 1


def test_the_panel_for_other_areas_loads_every_items_files_at_once(client, app, org):
    item_id = item_of(app, org.staff, "self_assessment")
    sign_in(client, "staff")
    send(client, f"/initiatives/items/{item_id}/attachments")
    with app.test_request_context():
        login_user(db.session.scalar(select(Account).where(Account.username == "staff")))
        items = list(db.session.scalars(select(CommitmentItem)))
        panels = item_panels(items, "/commitments/11")
        assert [a.original_name for a in panels[item_id].attachments] == [NAME]
        assert panels[item_id].upload_url == f"/initiatives/items/{item_id}/attachments"
        assert panels[item_id].deletable == {panels[item_id].attachments[0].id}
