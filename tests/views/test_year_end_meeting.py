"""The bình xét meeting: the titles within reach are listed for the vote; votes are whole numbers, no more than the
people present and the council's members; a vote passes at the rulebook's threshold of all members (80% in
vn-2026), only a passed vote can be confirmed; saved, audited, and a meeting saved meanwhile is a 409."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, Meeting, MeetingAttendee, MeetingVote
from tests.views.conftest import HX, login
from tests.views.test_year_end_pages import NAMES, document, text, unit_year

OUTSIDE = "Nguyễn Văn Bình, Chủ tịch Công đoàn cơ sở\nTrần Thị Hạnh, Bí thư Chi đoàn"


def vote_rows(page: str) -> dict[tuple[str, str], str]:
    """(who, title) → the result shown; a person's rows share one header cell."""
    table = document(page).find_class("ye-votes")[0]
    rows = {}
    for group in table.find_class("ye-vote-group"):
        who = text(group.find(".//th"))
        for row in group.iter("tr"):
            cells = row.findall("td")
            rows[who, text(cells[0])] = text(cells[3])
    return rows


def meeting_form(org, **votes) -> dict[str, str]:
    """Seven present (five of the unit, two guests), a council of seven."""
    data = {"version": "", "held_on": "15/12/2026", "place": "Phòng họp tầng 2, trụ sở Ban", "chair": NAMES["chief"],
            "secretary": NAMES["head_b"], "council_size": "7", "outside": OUTSIDE,
            "note": "Hội đồng thống nhất đề nghị theo kết quả bỏ phiếu."}
    for role in ("chief", "leader", "head", "head_b", "staff"):
        data[f"attendee_{getattr(org, role)}"] = "y"
    data.update(votes)
    return data


def test_the_titles_within_reach_are_listed_with_the_threshold_and_its_source(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "chief")
    page = client.get("/year-end/2026/meeting").get_data(as_text=True)
    rows = vote_rows(page)
    assert (NAMES["head"], "“Chiến sĩ thi đua cơ sở”") in rows
    assert (NAMES["staff_b"], "“Lao động tiên tiến”") in rows
    assert (NAMES["staff_b"], "“Chiến sĩ thi đua cơ sở”") not in rows
    assert any(title == "“Tập thể lao động xuất sắc”" for _who, title in rows)
    assert len(rows) == 19 and set(rows.values()) == {"Chưa bỏ phiếu"}
    threshold = text(document(page).find_class("ye-threshold")[0])
    assert "từ 80% tổng số thành viên Hội đồng trở lên" in threshold and "Nghị định 152/2025/NĐ-CP" in threshold
    form = document(page).forms[-1]
    assert form.fields["chair"] == NAMES["chief"]


def test_the_meeting_is_saved_with_its_attendees_votes_and_results(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "chief")
    head, leader = f"{org.head}_cstdcs", f"{org.leader}_cstdcs"
    data = meeting_form(org, **{f"for_{head}": "7", f"against_{head}": "0", f"decided_{head}": "y",
                                f"for_{leader}": "5", f"against_{leader}": "2",
                                "for_unit_ttldxs": "6", "against_unit_ttldxs": "1", "decided_unit_ttldxs": "y"})
    response = client.post("/year-end/2026/meeting", data=data)
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    with app.app_context():
        meeting = db.session.scalar(select(Meeting))
        assert (meeting.held_on, meeting.council_size, meeting.chair) == (date(2026, 12, 15), 7, NAMES["chief"])
        attendees = {a.name: (a.position, a.role, a.person_id is not None) for a in
                     db.session.scalars(select(MeetingAttendee))}
        assert len(attendees) == 7
        assert attendees[NAMES["chief"]] == ("Trưởng ban", "chair", True)
        assert attendees[NAMES["head_b"]][1] == "secretary"
        assert attendees["Nguyễn Văn Bình"] == ("Chủ tịch Công đoàn cơ sở", "member", False)
        votes = {(v.person_id, v.title): (v.votes_for, v.votes_against, v.decided)
                 for v in db.session.scalars(select(MeetingVote))}
        assert votes == {(org.head, "cstdcs"): (7, 0, True), (org.leader, "cstdcs"): (5, 2, False),
                         (None, "ttldxs"): (6, 1, True)}
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.entity == "meeting"))
        assert event.action == "create" and event.after["votes"][f"{org.head}_cstdcs"] == [7, 0, True]
    page = client.get("/year-end/2026/meeting").get_data(as_text=True)
    assert "Đã lưu kết quả họp bình xét năm 2026." in page
    rows = vote_rows(page)
    assert rows[NAMES["head"], "“Chiến sĩ thi đua cơ sở”"] == "100% — Đạt"
    assert rows[NAMES["leader"], "“Chiến sĩ thi đua cơ sở”"] == "71,4% — Không đạt"
    person = document(client.get(f"/year-end/2026/people/{org.head}").get_data(as_text=True))
    assert "Hội đồng đã công nhận" in text(person.get_element_by_id("ye-title-cstdcs"))
    assert "Hội đồng đã công nhận" not in text(person.get_element_by_id("ye-title-ldtt"))


def test_bad_votes_are_refused_at_their_fields_and_nothing_is_saved(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "leader")
    chief, head, staff = f"{org.chief}_ldtt", f"{org.head}_cstdcs", f"{org.staff}_ldtt"
    leader, extra = f"{org.leader}_cstdcs", f"{org.head_b}_ldtt"
    data = meeting_form(org, **{f"for_{chief}": "năm", f"for_{head}": "-1", f"for_{staff}": "6",
                                f"against_{staff}": "2", f"for_{leader}": "5", f"decided_{leader}": "y",
                                f"for_{extra}": "2,5"})
    response = client.post("/year-end/2026/meeting", data=data, headers=HX)
    assert response.status_code == 422
    page = document(response.get_data(as_text=True))
    errors = {element.get("id"): text(element) for element in page.find_class("field__error")}
    assert errors[f"for_{chief}-error"] == "Hãy nhập một số nguyên."
    assert errors[f"for_{head}-error"] == "Số phiếu là số nguyên từ 0 trở lên."
    assert errors[f"for_{extra}-error"] == "Hãy nhập một số nguyên."
    assert errors[f"for_{staff}-error"] == "Số phiếu đồng ý và không đồng ý (8) nhiều hơn số người dự họp (7)."
    assert errors[f"decided_{leader}-error"] == "Chưa đạt 80% số thành viên Hội đồng đồng ý nên chưa thể công nhận."
    assert page.forms[-1].fields["place"] == "Phòng họp tầng 2, trụ sở Ban"  # the input is kept
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Meeting)) == 0


def test_every_vote_box_is_named_by_its_column_person_and_title_and_an_error_is_tied_to_it(app, client, org):
    """The boxes are named through aria-labelledby (no hidden label per box: the page stays light enough for its
    first load); a screen reader hears "Đồng ý <person> <title>"."""
    with app.app_context():
        unit_year(org)
    login(client, "chief")
    page = document(client.get("/year-end/2026/meeting").get_data(as_text=True))

    def name_of(element) -> str:
        return " ".join(text(page.get_element_by_id(ref)) for ref in element.get("aria-labelledby").split())

    boxes = page.find_class("ye-votes")[0].xpath(".//input")
    assert len(boxes) == 19 * 3
    head = f"{org.head}_cstdcs"
    assert name_of(page.get_element_by_id(f"for_{head}")) == f"Đồng ý {NAMES['head']} “Chiến sĩ thi đua cơ sở”"
    assert name_of(page.get_element_by_id(f"against_{head}")).startswith(f"Không đồng ý {NAMES['head']} ")
    assert name_of(page.get_element_by_id(f"decided_{head}")).startswith(f"Công nhận {NAMES['head']} ")
    assert all(name_of(box).split()[0] in ("Đồng", "Không", "Công") for box in boxes)

    response = client.post("/year-end/2026/meeting", data=meeting_form(org, **{f"for_{head}": "năm"}), headers=HX)
    box = document(response.get_data(as_text=True)).get_element_by_id(f"for_{head}")
    assert box.get("aria-invalid") == "true" and box.get("aria-describedby") == f"for_{head}-error"


def test_the_meeting_needs_its_date_place_chair_secretary_and_council(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "chief")
    response = client.post("/year-end/2026/meeting", data={"council_size": "0", "held_on": "31/02/2026"})
    assert response.status_code == 422
    page = document(response.get_data(as_text=True))
    errors = {element.get("id"): text(element) for element in page.find_class("field__error")}
    assert errors["held_on-error"].startswith("Ngày không hợp lệ")
    assert errors["place-error"] == "Hãy ghi địa điểm họp."
    assert errors["council_size-error"] == "Số thành viên Hội đồng từ 1 đến 999."
    # more ballots than council members, though enough people were present
    head = f"{org.head}_cstdcs"
    small = meeting_form(org, council_size="5", **{f"for_{head}": "6"})
    errors = {e.get("id"): text(e) for e in document(client.post("/year-end/2026/meeting", data=small)
                                                      .get_data(as_text=True)).find_class("field__error")}
    assert errors[f"for_{head}-error"] == "Số phiếu đồng ý và không đồng ý (6) nhiều hơn số thành viên Hội đồng (5)."


def test_a_meeting_saved_meanwhile_is_a_409_naming_what_differs(app, client, org):
    with app.app_context():
        unit_year(org)
    other = app.test_client()
    login(other, "leader")
    assert other.post("/year-end/2026/meeting", data=meeting_form(org)).status_code == 303
    login(client, "chief")
    mine = meeting_form(org, place="Hội trường lớn")
    response = client.post("/year-end/2026/meeting", data=mine, headers=HX)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Các phần khác với bản đang lưu: Địa điểm." in page
    assert document(page).forms[-1].fields["place"] == "Hội trường lớn"
    version = document(page).forms[-1].fields["version"]
    again = client.post("/year-end/2026/meeting", data={**mine, "version": version})
    assert again.status_code == 303
    with app.app_context():
        assert db.session.scalar(select(Meeting.place)) == "Hội trường lớn"
        assert db.session.scalar(select(func.count()).select_from(MeetingAttendee)) == 7
        events = db.session.scalars(select(AuditEvent.action).where(AuditEvent.entity == "meeting")).all()
        assert sorted(events) == ["create", "update"]


def test_changing_only_a_vote_still_moves_the_version_on(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "chief")
    assert client.post("/year-end/2026/meeting", data=meeting_form(org)).status_code == 303
    version = document(client.get("/year-end/2026/meeting").get_data(as_text=True)).forms[-1].fields["version"]
    head = f"{org.head}_cstdcs"
    assert client.post("/year-end/2026/meeting", data=meeting_form(
        org, version=version, **{f"for_{head}": "6"})).status_code == 303
    stale = client.post("/year-end/2026/meeting", data=meeting_form(org, version=version, **{f"for_{head}": "3"}))
    assert stale.status_code == 409 and "Phiếu bầu" in stale.get_data(as_text=True)


def test_a_two_thirds_threshold_is_shown_as_set_and_two_votes_of_three_do_not_read_as_reaching_it(app, client, org):
    from app.models import Year

    with app.app_context():
        unit_year(org)
        db.session.scalar(select(Year)).settings = {"council_vote_percent": 66.67}
        db.session.commit()
    login(client, "chief")
    head = f"{org.head}_cstdcs"
    data = meeting_form(org, council_size="3", **{f"for_{head}": "2", f"against_{head}": "1"})
    assert client.post("/year-end/2026/meeting", data=data).status_code == 303
    page = client.get("/year-end/2026/meeting").get_data(as_text=True)
    assert "từ 66,67% tổng số thành viên Hội đồng trở lên" in text(document(page).find_class("ye-threshold")[0])
    assert vote_rows(page)[NAMES["head"], "“Chiến sĩ thi đua cơ sở”"] == "66,66% — Không đạt"
