"""The quota and the bình xét meeting of a large unit: above ONE_DEPARTMENT_ABOVE people each form holds one
department at a time, while the figures stay the whole unit's (places, ranks across the unit, proposals, votes,
attendees) and a department's save leaves the others' decisions, votes and attendees as they were.

The threshold is lowered (seven people stand for a large unit), as in test_year_end_scale. Tạ Văn Khôi (department
B) is raised to 93 points a month, so three people reach Hoàn thành xuất sắc in two groups (the board's leaders and
department B), and the unit raised its quota to 40%: one place for four people at Hoàn thành tốt."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from app.extensions import db
from app.labels import BOARD_LEADERS_GROUP
from app.models import AnnualDecision, Meeting, MonthlyReview, Year
from app.year_end.forms import vote_key
from tests import factories
from tests.views.conftest import HX, login
from tests.views.test_year_end_documents import docx_text
from tests.views.test_year_end_pages import NAMES, document, text, unit_year
from tests.views.test_year_end_quota import quota_rows
from tests.views.test_year_end_scale import department_ids, picker

GUESTS = "Nguyễn Văn Bình, Chủ tịch Công đoàn\nTrần Thị Hạnh, Bí thư Chi đoàn\nLý Văn Tùng, Thanh tra nhân dân\n" \
         "Hồ Thị Mai, Ban nữ công"


def three_at_the_top(org) -> None:
    unit_year(org)
    with factories.past_writable():
        for review in db.session.scalars(select(MonthlyReview).where(MonthlyReview.person_id == org.staff_b)):
            review.review_score, review.review_level = Decimal("93"), "htxs"
        db.session.scalar(select(Year).where(Year.year == 2026)).settings = {"htxs_quota_percent": 40}
        db.session.commit()


def figures(page: str) -> str:
    return text(document(page).find_class("ye-quota")[0])


def counts(page: str, kind: str) -> dict[str, list[str]]:
    table = document(page).find_class(f"ye-{kind}-counts")[0]
    return {text(row.find("th")): [text(cell) for cell in row.findall("td")]
            for row in table.iter("tr") if row.find("th") is not None and row.findall("td")}


def ranks(page: str) -> dict[str, str]:
    table = document(page).find_class("ye-quota-table")[0]
    return {text(row.find("th")): text(row.findall("td")[2]) for row in table.iter("tr")
            if row.find("th") is not None and row.findall("td")}


def test_the_quota_of_a_large_unit_is_decided_department_by_department_within_the_units_places(app, client, org):
    with app.app_context():
        three_at_the_top(org)
    login(client, "chief")
    whole = client.get("/year-end/2026/quota").get_data(as_text=True)
    assert quota_rows(whole) == [NAMES["chief"], NAMES["staff_b"], NAMES["leader"]]  # a small unit: everyone
    assert not document(whole).find_class("ye-quota-counts")
    app.config["ONE_DEPARTMENT_ABOVE"] = 3
    _dept_a, dept_b, _name_a, name_b = department_ids(app, org)

    board = client.get("/year-end/2026/quota").get_data(as_text=True)
    assert picker(board) == ([str(BOARD_LEADERS_GROUP), name_b], str(BOARD_LEADERS_GROUP))  # only who has candidates
    assert quota_rows(board) == [NAMES["chief"], NAMES["leader"]]
    assert figures(board) == figures(whole)  # the places and the count are the unit's
    assert "Đạt Hoàn thành xuất sắc: 3 người / tối đa 1 người theo tỷ lệ 40%" in figures(board)
    assert ranks(board) == {NAMES["chief"]: "1", NAMES["leader"]: "3 ngoài số chỗ"}  # ranked across the unit
    assert "Chỗ cuối cùng theo tỷ lệ (thứ 1 trong đơn vị, điểm cao trước): Phạm Quang Huy, 95 điểm" in text(
        document(board).find_class("ye-quota-departments")[0])
    assert counts(board, "quota") == {str(BOARD_LEADERS_GROUP): ["2", "0", "0", "2"], name_b: ["1", "0", "0", "1"]}

    department = client.get(f"/year-end/2026/quota?department={dept_b}").get_data(as_text=True)
    assert quota_rows(department) == [NAMES["staff_b"]] and ranks(department) == {NAMES["staff_b"]: "2 ngoài số chỗ"}
    version = document(department).forms[-1].fields["version"]
    saved = client.post(f"/year-end/2026/quota?department={dept_b}", data={
        "version": version, f"choice_{org.staff_b}": "htxs"})
    assert saved.status_code == 303 and saved.headers["Location"].endswith(f"/year-end/2026/quota?department={dept_b}")

    # Department B's keeper took the one place: the board's leaders cannot keep one more.
    refused = client.post("/year-end/2026/quota?department=0", headers=HX, data={
        "version": "", f"choice_{org.chief}": "htxs", f"choice_{org.leader}": "htt",
        f"note_{org.leader}": "Nhường chỗ."})
    assert refused.status_code == 422
    assert ("chỉ có 1 chỗ Hoàn thành xuất sắc nhiệm vụ cho cả đơn vị; các phòng khác đã quyết định giữ 1 người nên còn "
            "0 chỗ, nhưng ở đây bạn đang giữ 1 người: hãy xếp thêm 1 người Hoàn thành tốt nhiệm vụ.") in text(
        document(refused.get_data(as_text=True)).find_class("error-summary")[0])
    with app.app_context():
        assert {d.person_id: d.level for d in db.session.scalars(select(AnnualDecision))} == {org.staff_b: "htxs"}

    assert client.post("/year-end/2026/quota?department=0", data={
        "version": "", f"choice_{org.chief}": "htt", f"note_{org.chief}": "Nhường chỗ cho phòng.",
        f"choice_{org.leader}": "htt", f"note_{org.leader}": "Nhường chỗ cho phòng."}).status_code == 303
    after = client.get("/year-end/2026/quota?department=0").get_data(as_text=True)  # shown at once
    assert "Sau quyết định của lãnh đạo: 1 người giữ Hoàn thành xuất sắc." in figures(after)
    assert "Còn vượt" not in figures(after)
    assert counts(after, "quota") == {str(BOARD_LEADERS_GROUP): ["2", "0", "2", "0"], name_b: ["1", "1", "0", "0"]}
    index = client.get("/year-end/2026").get_data(as_text=True)
    assert "Lãnh đạo đã quyết định: giữ 1 người Hoàn thành xuất sắc" in text(document(index).find_class("ye-quota")[0])


def vote_table(page: str) -> set[str]:
    """The people (and the unit) the vote table names."""
    table = document(page).find_class("ye-votes")[0]
    return {text(group.find(".//th")) for group in table.find_class("ye-vote-group")}


def meeting_data(version: str, attendees: list[int], votes: dict[str, tuple[int, int, bool]]) -> dict[str, str]:
    data = {"version": version, "held_on": "15/12/2026", "place": "Phòng họp tầng 2", "chair": NAMES["chief"],
            "secretary": NAMES["head_b"], "council_size": "7", "outside": GUESTS, "note": ""}
    data.update({f"attendee_{person_id}": "y" for person_id in attendees})
    for key, (votes_for, against, decided) in votes.items():
        data.update({f"for_{key}": str(votes_for), f"against_{key}": str(against)})
        if decided:
            data[f"decided_{key}"] = "y"
    return data


def test_the_meeting_of_a_large_unit_is_entered_department_by_department_and_keeps_the_others(app, client, org):
    with app.app_context():
        three_at_the_top(org)
    login(client, "chief")
    whole = client.get("/year-end/2026/meeting").get_data(as_text=True)
    unit_row = "Tập thể " + text(document(whole).find_class("ye-vote-group")[-1].find(".//th")).removeprefix("Tập thể ")
    person_rows = sum(len(group.findall(".//tr")) for group in document(whole).find_class("ye-vote-group")[:-1])
    app.config["ONE_DEPARTMENT_ABOVE"] = 3
    _dept_a, dept_b, _name_a, name_b = department_ids(app, org)

    board = client.get("/year-end/2026/meeting").get_data(as_text=True)
    assert picker(board)[1] == str(BOARD_LEADERS_GROUP)
    assert vote_table(board) == {NAMES["chief"], NAMES["leader"], unit_row}  # the unit's titles are always there
    assert f"{person_rows} danh hiệu cá nhân đủ điều kiện, đã bỏ phiếu 0" in text(
        document(board).find_class("ye-meeting-totals")[0])
    chief_ldtt, staff_b_ldtt = vote_key(org.chief, "ldtt"), vote_key(org.staff_b, "ldtt")
    saved = client.post("/year-end/2026/meeting?department=0", data=meeting_data(
        "", [org.chief, org.leader], {chief_ldtt: (6, 0, True)}))
    assert saved.status_code == 303, saved.get_data(as_text=True)[:3000]

    department = client.get(f"/year-end/2026/meeting?department={dept_b}").get_data(as_text=True)
    assert vote_table(department) == {NAMES["head_b"], NAMES["staff_b"], unit_row}
    elsewhere = text(document(department).find_class("ye-attendees-elsewhere")[0])
    assert "(2 người, giữ nguyên khi lưu)" in elsewhere and NAMES["chief"] in elsewhere
    version = document(department).forms[-1].fields["version"]
    # Seven present: two of the board (kept), one of department B, four guests.
    too_many = client.post(f"/year-end/2026/meeting?department={dept_b}", data=meeting_data(
        version, [org.head_b], {staff_b_ldtt: (7, 1, False)}))
    assert too_many.status_code == 422
    assert "nhiều hơn số người dự họp (7)" in too_many.get_data(as_text=True)
    saved = client.post(f"/year-end/2026/meeting?department={dept_b}", data=meeting_data(
        version, [org.head_b], {staff_b_ldtt: (6, 1, True)}))
    assert saved.status_code == 303

    with app.app_context():
        meeting = db.session.scalar(select(Meeting))
        assert {a.name for a in meeting.attendees if a.person_id is not None} == {
            NAMES["chief"], NAMES["leader"], NAMES["head_b"]}
        assert len(meeting.attendees) == 7
        assert {vote_key(v.person_id, v.title): (v.votes_for, v.votes_against, v.decided) for v in meeting.votes} == {
            chief_ldtt: (6, 0, True), staff_b_ldtt: (6, 1, True)}
    page = client.get(f"/year-end/2026/meeting?department={dept_b}").get_data(as_text=True)
    assert f"{person_rows} danh hiệu cá nhân đủ điều kiện, đã bỏ phiếu 2, được công nhận 2; 3 người của đơn vị dự " \
           "họp." in text(document(page).find_class("ye-meeting-totals")[0])
    assert counts(page, "meeting")[name_b][1:] == ["1", "1", "1"]
    minutes = docx_text(client.get("/year-end/2026/documents/minutes.docx").data)  # the whole meeting
    assert NAMES["chief"] in minutes and NAMES["staff_b"] in minutes and "Hồ Thị Mai" in minutes
