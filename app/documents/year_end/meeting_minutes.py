"""The biên bản họp bình xét: the meeting of the Hội đồng Thi đua – Khen thưởng — when and where, who attended,
who chaired and who kept the minutes, the secret ballot on each title proposed (votes for and against, the share
of all members against the threshold and its source, the result), the conclusion, the closing line and the
signatures of the secretary and the chair."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import time
from decimal import Decimal

from app.documents.docx_writer import to_docx
from app.documents.official import GroupRow, OfficialDocument, Paragraph, Signature, Table
from app.documents.year_end import words
from app.documents.year_end.blocks import heading, long_date, proposal
from app.documents.year_end.inputs import Meeting, Vote, YearEndContext
from app.documents.year_end.year_data import YearData
from app.domain.year_end import number_text, share_percent

PASSED, FAILED = "Đạt", "Không đạt"


def document(doc: Mapping, assessment: Mapping, context: YearEndContext) -> OfficialDocument:
    return minutes(YearData.of(doc, assessment, context))


def docx(doc: Mapping, assessment: Mapping, context: YearEndContext) -> bytes:
    return to_docx(document(doc, assessment, context))


def minutes(data: YearData) -> OfficialDocument:
    context = data.context
    meeting = context.meeting
    if meeting is None:
        raise ValueError("the minutes need the meeting (YearEndContext.meeting)")
    needed = math.ceil(Decimal(meeting.threshold_percent) * meeting.members / 100)
    body = (
        Paragraph(f"{_at(meeting.starts_at)}{long_date(meeting.held_on)}.", label="Thời gian: "),
        Paragraph(f"{meeting.place}.", label="Địa điểm: "),
        Paragraph(f"Hội đồng Thi đua – Khen thưởng {data.unit_name} có {meeting.members} thành viên; "
                  f"có mặt {len(meeting.attendees)} người:", label="Thành phần: "),
        *(Paragraph(f"- {_who(attendee.name, attendee.position)}"
                    + (";" if number < len(meeting.attendees) else "."), indent=True)
          for number, attendee in enumerate(meeting.attendees, 1)),
        Paragraph(f"{_who(meeting.chair.name, meeting.chair.position)}.", label="Chủ trì: "),
        Paragraph(f"{_who(meeting.secretary.name, meeting.secretary.position)}.", label="Thư ký: "),
        heading("NỘI DUNG CUỘC HỌP"),
        Paragraph(f"1. Thư ký Hội đồng báo cáo kết quả đánh giá, xếp loại năm {data.year} và danh sách cá nhân, tập "
                  "thể đủ điều kiện xét danh hiệu thi đua, hình thức khen thưởng"
                  + (f" theo {data.book.name}." if data.book else "."), indent=True),
        Paragraph(f"2. Hội đồng thảo luận và biểu quyết bằng phiếu kín. Theo {meeting.threshold_source}, đề nghị "
                  f"được thông qua khi có từ {words.short_number(meeting.threshold_percent)}% tổng số thành viên Hội đồng "
                  f"đồng ý (ít nhất {needed}/{meeting.members} thành viên).", indent=True),
        Paragraph("Kết quả bỏ phiếu:", indent=True, keep_with_next=True),
        *_votes_table(data, meeting),
        heading("KẾT LUẬN"),
        *_result(data, meeting),
        *(Paragraph(part.strip(), indent=True) for part in meeting.conclusion.splitlines() if part.strip()),
        Paragraph(_closing(meeting.ends_at), indent=True),
    )
    return OfficialDocument(
        letterhead=data.letterhead(context.number(context.minutes_number, "BB")),
        title=("BIÊN BẢN", "HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG"),
        subtitle=f"Bình xét danh hiệu thi đua, hình thức khen thưởng năm {data.year}",
        body=body,
        signatures=(Signature("THƯ KÝ", meeting.secretary.name), Signature("CHỦ TRÌ", meeting.chair.name)),
    )


def _at(moment: time | None) -> str:
    return f"Vào hồi {moment.hour:02d} giờ {moment.minute:02d} phút, " if moment else ""


def _who(name: str, position: str) -> str:
    return f"{name}, {position}" if position else name


def _closing(ends_at: time | None) -> str:
    end = f"Cuộc họp kết thúc vào hồi {ends_at.hour:02d} giờ {ends_at.minute:02d} phút cùng ngày" if ends_at \
        else "Cuộc họp kết thúc cùng ngày"
    return f"{end}. Biên bản đã được đọc lại trước Hội đồng và các thành viên dự họp nhất trí thông qua."


def _ordered_votes(data: YearData, meeting: Meeting) -> list[tuple[tuple[str, str], list[Vote]]]:
    """The votes grouped by title in the law's order; in a group, people in the official order."""
    rank = {person.code: number for number, person in enumerate(data.people)}
    groups: dict[tuple[str, str], list[Vote]] = {}
    for vote in meeting.votes:
        groups.setdefault(("person" if vote.person else "unit", vote.title), []).append(vote)
    order = {entry: number for number, entry in enumerate(words.LAW_ORDER)}
    return [(key, sorted(votes, key=lambda vote: rank.get(vote.person or "", -1)))
            for key, votes in sorted(groups.items(), key=lambda item: order.get(item[0], len(order)))]


def _name(data: YearData, vote: Vote) -> str:
    if vote.person is None:
        return data.unit_name
    person = data.by_code.get(vote.person)
    return person.full_name if person else vote.person


def _title(data: YearData, kind: str, code: str) -> str:
    return data.person_title_name(code) if kind == "person" else data.unit_title_name(code)


def _votes_table(data: YearData, meeting: Meeting) -> tuple[Paragraph | Table, ...]:
    if not meeting.votes:
        return (Paragraph("Không có đề nghị nào được đưa ra biểu quyết.", italic=True, indent=True),)
    rows: list[tuple[str, ...] | GroupRow] = []
    for group, ((kind, code), votes) in enumerate(_ordered_votes(data, meeting)):
        title = _title(data, kind, code)
        rows.append(GroupRow(f"{words.ROMAN[group] if group < len(words.ROMAN) else group + 1}. "
                             f"{words.sentence(words.title_phrase(code, title))}"))
        rows += [(str(number), _name(data, vote), str(vote.yes), str(vote.no), _share(meeting, vote),
                  PASSED if meeting.passed(vote) else FAILED) for number, vote in enumerate(votes, 1)]
    return (Table(header=("TT", "Cá nhân, tập thể được đề nghị", "Đồng ý", "Không đồng ý", "Tỷ lệ đồng ý (%)",
                          "Kết quả"),
                  rows=tuple(rows), widths_mm=(12, 58, 20, 23, 25, 27), centred=(0, 2, 3, 4, 5), repeat_header=True),)


def _share(meeting: Meeting, vote: Vote) -> str:
    """Votes for in per cent of all members, never reading as past the threshold it misses (2 of 3: 66,66 against
    66,67)."""
    return number_text(share_percent(vote.yes, meeting.members, meeting.threshold_percent))


def _result(data: YearData, meeting: Meeting) -> tuple[Paragraph, ...]:
    passed, failed = [], []
    for (kind, code), votes in _ordered_votes(data, meeting):
        title = words.title_phrase(code, _title(data, kind, code))
        names = [_name(data, vote) for vote in votes if meeting.passed(vote)]
        if names:
            passed.append(f"{title}: {', '.join(names)}")
        failed += [f"{_name(data, vote)} ({title})" for vote in votes if not meeting.passed(vote)]
    lines = [Paragraph("Hội đồng thống nhất đề nghị cấp có thẩm quyền xét tặng:" if passed
                       else "Không có đề nghị nào đạt tỷ lệ biểu quyết.", indent=True)]
    lines += [Paragraph(f"- {words.sentence(text)}" + (";" if number < len(passed) else "."), indent=True)
              for number, text in enumerate(passed, 1)]
    if failed:
        lines.append(Paragraph(f"Không đề nghị (không đạt tỷ lệ biểu quyết): {'; '.join(failed)}.", indent=True))
    if data.unit_decided and not any(vote.person is None for vote in meeting.votes):
        lines.append(Paragraph(f"Đối với tập thể, Hội đồng thống nhất đề nghị tặng "
                               f"{proposal(data.unit_decided, data.unit_title_name)} cho {data.unit_name}.",
                               indent=True))
    return tuple(lines)
