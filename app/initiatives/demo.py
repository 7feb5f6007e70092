"""Demo initiatives of the invented unit: recognised, rejected, waiting, a draft, a research project, one already
used for an award, and a small real PDF attached to one. Every name, number and decision here is made up."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from app import uploads
from app.extensions import db
from app.models import Attachment, Initiative, InitiativeAuthor, Person, Year

# (kind, title, authors by given name, year, status, decision (number, date, level, scope) or None,
#  rejection reason, used for award)
_DEMO = (
    ("initiative", "Số hoá hồ sơ đề nghị khen thưởng trên phần mềm dùng chung", ("Khôi", "Trang"), 2026,
     "recognised", ("15/QĐ-TĐKT", date(2026, 6, 12), "co_so",
                    "Áp dụng tại các phòng của Ban từ tháng 6/2026; thời gian tiếp nhận một hồ sơ giảm từ 3 ngày "
                    "xuống 1 ngày."), "", ""),
    ("solution", "Bảng kiểm thẩm định hồ sơ danh hiệu Chiến sĩ thi đua", ("Đức", "Anh"), 2026, "recognised",
     ("27/QĐ-TĐKT", date(2026, 9, 18), "co_so",
      "Dùng cho mọi hồ sơ “Chiến sĩ thi đua cơ sở” và “Chiến sĩ thi đua thành phố” thẩm định tại Ban."), "", ""),
    ("research", "Đổi mới công tác phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến trên địa bàn Thành phố",
     ("Ngọc", "Ơn", "Ưng"), 2026, "recognised",
     ("45/QĐ-HĐKH", date(2026, 10, 20), "thanh_pho",
      "Kết quả nghiên cứu được đề xuất áp dụng cho các sở, ngành, quận, huyện, thị xã của Thành phố."), "", ""),
    ("initiative", "Ứng dụng mã QR tra cứu quyết định khen thưởng đã ban hành", ("Hằng", "Phúc"), 2026,
     "recognised", ("31/QĐ-TĐKT", date(2026, 10, 5), "co_so",
                    "Áp dụng cho các quyết định khen thưởng do Ban tham mưu ban hành từ quý IV/2026."), "", ""),
    ("solution", "Lập nhóm trao đổi nghiệp vụ thi đua giữa các phòng trên ứng dụng nhắn tin", ("Hải",), 2026,
     "rejected", None,
     "Giải pháp chưa có tính mới: Văn phòng đã áp dụng cách làm này từ năm 2024; chưa chứng minh được hiệu quả "
     "so với cách làm hiện tại. Đề nghị bổ sung số liệu so sánh trước và sau khi áp dụng.", ""),
    ("initiative", "Quy trình tiếp nhận, trả kết quả hồ sơ khen thưởng qua Cổng dịch vụ công", ("Lan", "Ân"), 2026,
     "submitted", None, "", ""),
    ("initiative", "Mẫu báo cáo thành tích tự điền từ kết quả đánh giá hằng tháng", ("Phúc", "Mai"), 2026, "draft",
     None, "", ""),
    ("initiative", "Sổ theo dõi phong trào thi đua theo chuyên đề bằng bảng tính dùng chung", ("Yến",), 2025,
     "recognised", ("09/QĐ-TĐKT", date(2025, 11, 28), "co_so", "Áp dụng tại Phòng Tổng hợp – Truyền thông."),
     "", "“Chiến sĩ thi đua cơ sở” năm 2025"),
)

_TEXTS = {
    "problem": "Hiện nay việc này làm thủ công trên giấy, mỗi phòng một cách; thông tin phải nhập lại nhiều lần, "
               "dễ sai sót và khó tra cứu khi cần.",
    "solution": "Thống nhất một mẫu dùng chung, giao đầu mối cập nhật, hướng dẫn các phòng áp dụng và rà soát "
                "hằng tháng.",
    "benefit": "Giảm thời gian xử lý, hạn chế sai sót, dễ tra cứu; có thể nhân rộng cho các đơn vị khác.",
}


def minimal_pdf(lines: list[str]) -> bytes:
    """A real one-page PDF (Helvetica, ASCII text), built by hand: objects, then the cross-reference table."""
    text = " ".join(f"({line.replace('(', '[').replace(')', ']')}) Tj T*" for line in lines)
    stream = f"BT /F1 12 Tf 16 TL 72 770 Td {text} ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _moment(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randint(8, 16), rng.randint(0, 59)))


def seed(people: list[Person], year: Year, today: date, rng: random.Random) -> None:
    by_name = {person.given_name: person for person in people}
    chief_account = by_name["Huy"].account
    first = None
    for kind, title, authors, year_number, status, decision, reason, used in _DEMO:
        created = _moment(date(year_number, rng.randint(2, 5), rng.randint(1, 28)), rng)
        initiative = Initiative(
            year=year_number, kind=kind, title=title, status=status, created_by_id=by_name[authors[0]].id,
            created_at=created, updated_at=created, rejection_reason=reason, used_for_award=used, **_TEXTS,
            authors=[InitiativeAuthor(person_id=by_name[name].id, position=n) for n, name in enumerate(authors)],
        )
        if status != "draft":
            initiative.submitted_at = created + timedelta(days=rng.randint(10, 40))
        if status == "submitted":
            initiative.submitted_at = _moment(today - timedelta(days=17), rng)
        if decision:
            initiative.decision_number, initiative.decided_on, initiative.level, initiative.scope = decision
        if status in ("recognised", "rejected"):
            initiative.decided_by_id = chief_account.id
        db.session.add(initiative)
        first = first or initiative
    db.session.flush()
    _attach_pdf(first, by_name["Khôi"])  # the first one's creator


def _attach_pdf(initiative: Initiative, uploader: Person) -> None:
    data = minimal_pdf(["BAN THI DUA - KHEN THUONG (don vi demo)", "Thuyet minh sang kien",
                        "So hoa ho so de nghi khen thuong tren phan mem dung chung",
                        "Tac gia: Ta Van Khoi, Dinh Thu Trang", "Noi dung: xem ban day du kem theo."])
    upload = uploads.check_bytes(data, "Thuyết minh sáng kiến số hoá hồ sơ.pdf")
    stored_name = uploads.store(upload, uploads.folder())
    db.session.add(Attachment(initiative_id=initiative.id, original_name=upload.name, stored_name=stored_name,
                              content_type=upload.kind.content_type, size=len(data),
                              uploaded_by_id=uploader.account.id))
