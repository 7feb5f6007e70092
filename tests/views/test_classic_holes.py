"""The classic access-control holes (OWASP ASVS 4, level 2), tried the way an insider would try them.

- Id swapping: every route whose URL carries a record's id is walked (found in app.url_map, so a new route is covered
  the day it is added) with the id of someone else's record — a colleague in the same department, a person in
  another department — reading and writing, as a page and as an htmx request: refused (403/404), and afterwards
  not one row in the database and not one file on disk has changed. Routes whose URL carries two ids (a person and
  one of their records) are tried with a visible person and somebody else's record.
- Ids in forms: hidden fields (the review editor's shortcoming rows), field names carrying ids (verdicts, fixes) and
  ids slipped into a form that writes one's own records never redirect a write to another person's record.
- Doing to oneself what only someone else may do: approving, writing or amending one's own review; answering
  someone else's.
- A department head reads nothing of another department, neither by URL nor in the unit's lists.
- A person set to "left" (or whose password an admin reset) loses access at the very next request.

The route × role table (tests/views/test_access.py) checks who reaches each route with department B's records;
this module checks what a refused request leaves behind and the holes that table cannot see.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from types import SimpleNamespace

import pytest
from flask import url_for
from sqlalchemy import func, select

from app import clock, uploads
from app.extensions import db
from app.initiatives.demo import minimal_pdf
from app.models import (
    Account,
    Attachment,
    CommitmentItem,
    CommitmentSheet,
    Discipline,
    Initiative,
    InitiativeAuthor,
    MonthlyReview,
    PendingCase,
    Person,
    Registration,
    ReviewAmendment,
    ReviewResponse,
    Shortcoming,
    ShortcomingFollowUp,
    Year,
)
from tests import factories
from tests.views.conftest import HX, login
from tests.views.test_commitments import month_of
from tests.views.test_review_board import self_assessed, written
from tests.views.test_review_editor import GOOD, fields_of, shown
from tests.views.test_review_person import make_review

TODAY = date(2026, 11, 5)
APPROVED_AT = datetime(2026, 11, 3, 9, 30)  # October's reviews: answers are open until 08/11/2026
REVIEW_MONTH, CLOSED_MONTH, COMMITMENT_MONTH, SELF_MONTH = 11, 10, 3, 12
NAMES = {"staff": "Hoàng Văn Ân", "staff2": "Vũ Thị Bình", "staff_b": "Tạ Văn Khôi"}

# What each id argument of a route points at, in the records made for one person by `records_of`.
ID_TARGETS = {
    "person_id": "person", "item_id": "item", "commitment_item_id": "item", "initiative_id": "initiative",
    "attachment_id": "initiative_file", "registration_id": "registration", "discipline_id": "discipline",
    "case_id": "case", "department_id": "department",
    "assessed_id": "person",  # the superior body's results: whose month the office records
}
# The history panel's entities and which of a person's records stands for each.
HISTORY_TARGETS = {
    "person": "person", "registration": "registration", "commitment_item": "item", "commitment_sheet": "sheet",
    "monthly_review": "review", "shortcoming_follow_up": "follow_up", "initiative": "initiative",
    "attachment": "initiative_file",
}
# A write that looks legitimate: the fields most forms have, so that a refusal cannot hide behind a 422.
# A whole review of department A's staff member's November as his head would save it (his self-assessed figures;
# the discipline records_of gives everyone caps the level at "not completed").
REVIEW = {**GOOD, "g_politics_ethics": "9", "g_competence": "9", "g_innovation": "8", "tasks": "61,25", "level": "kht"}
PLAUSIBLE = {
    "version": "1", "title": "Đã bị sửa bởi người khác", "strengths": "Sửa trộm.", "direction": "up",
    "reason": "Sửa trộm.", "outcome": "on_time", "evidence": "01/QĐ", "level": "htxs", "target_title": "cstdcs",
    "study_commitment": "Sửa trộm.", "decision": "approved", "action": "submit", "objection": "Sửa trộm.",
    "reply": "Sửa trộm.", "form": "khien_trach", "decision_number": "9/QĐ", "decided_on": "02/03/2026",
    "kind": "complaint", "opened_on": "01/10/2026", "note": "Sửa trộm.", "reviewer_id": "1", "leave": "sick",
}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def account_of(username: str) -> Account:
    return db.session.scalar(select(Account).where(Account.username == username))


def records_of(person_id: int, reviewer: str) -> dict[str, int]:
    """One of everything a person owns: a commitment item (March, open for commitments) with a file, a reviewed
    November, an approved (closed) October with a shortcoming followed up in November, a discipline, a pending case,
    a registration, an initiative with a file."""
    person = db.session.get(Person, person_id)
    year = db.session.scalar(select(Year).where(Year.year == 2026))
    uploader = account_of({v: k for k, v in NAMES.items()}.get(person.full_name, "admin"))
    sheet = CommitmentSheet(person_id=person_id, month_id=factories.month(year, COMMITMENT_MONTH).id, state="draft")
    sheet.items.append(CommitmentItem(position=1, title="Thẩm định hồ sơ khen thưởng quý I"))
    db.session.add(sheet)
    db.session.flush()
    october = make_review(person_id, 2026, CLOSED_MONTH, reviewer=reviewer, approved_at=APPROVED_AT)
    shortcoming = Shortcoming(person_id=person_id, raised_in_id=october,
                              raised_month_id=factories.month(year, CLOSED_MONTH).id,
                              text="Chậm cập nhật hồ sơ lên phần mềm.", expected_fix="Cập nhật trong 3 ngày.")
    with factories.past_writable():
        db.session.add(shortcoming)
        db.session.commit()
    self_assessed(person_id)
    november = written(person_id)
    follow_up = ShortcomingFollowUp(shortcoming_id=shortcoming.id, month_id=factories.month(year, REVIEW_MONTH).id,
                                    person_report="Đã cập nhật 18/20 hồ sơ.")
    initiative = Initiative(year=2026, kind="initiative", title="Số hoá sổ theo dõi khen thưởng", status="draft",
                            problem="Vấn đề.", solution="Giải pháp.", benefit="Hiệu quả.", created_by_id=person_id,
                            authors=[InitiativeAuthor(person_id=person_id, position=0)])
    discipline = Discipline(person_id=person_id, form="khien_trach", decision_number="7/QĐ-BTĐKT",
                            decided_on=date(2026, 3, 2), ends_on=date(2026, 9, 2))
    case = PendingCase(person_id=person_id, kind="complaint", opened_on=date(2026, 10, 1))
    registration = Registration(year_id=year.id, person_id=person_id, target_title="ldtt",
                                study_commitment="Học tập và làm theo Bác.", state="submitted")
    db.session.add_all([follow_up, initiative, discipline, case, registration])
    db.session.flush()
    files = {}
    for key, owner in (("initiative_file", {"initiative_id": initiative.id}),
                       ("item_file", {"commitment_item_id": sheet.items[0].id})):
        upload = uploads.check_bytes(minimal_pdf(["Minh chung"]), "Minh chứng.pdf")
        attachment = Attachment(original_name=upload.name, content_type="application/pdf", size=len(upload.data),
                                stored_name=uploads.store(upload, uploads.folder()), uploaded_by_id=uploader.id,
                                **owner)
        db.session.add(attachment)
        db.session.flush()
        files[key] = attachment.id
    with factories.past_writable():
        db.session.commit()
    return {"person": person_id, "department": person.department_id, "sheet": sheet.id, "item": sheet.items[0].id,
            "review": november, "october": october, "shortcoming": shortcoming.id, "follow_up": follow_up.id,
            "initiative": initiative.id, "discipline": discipline.id, "case": case.id,
            "registration": registration.id, **files}


@pytest.fixture
def unit(app, org):
    """The small unit, a second staff member in department A, 2026 with March open for commitments, October
    closed, November at review and December at self-assessment, and a full set of records for department A's two
    staff members and department B's."""
    with app.app_context():
        dept_a = db.session.get(Person, org.staff).department
        staff2 = factories.person("Bình", "Vũ", "Thị", "chuyen_vien", dept_a, username="staff2").id
        db.session.commit()
        factories.year(2026, states={COMMITMENT_MONTH: "commitments", 9: "closed", CLOSED_MONTH: "closed",
                                     REVIEW_MONTH: "review", SELF_MONTH: "self_assessment"})
        records = {"staff": records_of(org.staff, "head"), "staff2": records_of(staff2, "head"),
                   "staff_b": records_of(org.staff_b, "head_b")}
    return SimpleNamespace(org=org, staff2=staff2, records=records)


def everything(app) -> dict[str, list[str]]:
    """Every row of every table, and the files kept on disk: what a refused request must leave as it was."""
    with app.app_context():
        rows = {table.name: sorted(repr(tuple(row)) for row in db.session.execute(table.select()))
                for table in db.metadata.sorted_tables}
        folder = uploads.folder()
        rows["files on disk"] = sorted(p.name for p in folder.iterdir()) if folder.exists() else []
        db.session.remove()
    return rows


def _month_for(endpoint: str) -> int:
    return REVIEW_MONTH if endpoint.startswith("reviews.") else COMMITMENT_MONTH


def id_routes(app, records: dict[str, int], *, own: dict[str, int] | None = None):
    """(endpoint, method, url) for every route with a record's id in its URL, pointed at `records`. With `own`, the
    routes carrying a person and one of their records get the person from `own` and the record from `records`."""
    found = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        ids = {name for name in rule.arguments if name.endswith("_id")}
        if not ids or (own is not None and not ({"person_id"} < ids)):
            continue
        unknown = ids - set(ID_TARGETS) - {"entity_id"}  # entity_id: HISTORY_TARGETS
        assert not unknown, f"{rule.endpoint}: say in ID_TARGETS which record {sorted(unknown)} points at"
        choices = [{}]
        if rule.endpoint == "people.history_panel":
            choices = [{"entity": entity, "entity_id": records[key]} for entity, key in HISTORY_TARGETS.items()]
        for extra in choices:
            values = {name: records[ID_TARGETS[name]] for name in ids - {"entity_id"}} | extra
            if own is not None:
                values["person_id"] = own["person"]
            if "year" in rule.arguments:
                values["year"] = 2026
            if "month" in rule.arguments:
                values["month"] = _month_for(rule.endpoint)
            if "month_number" in rule.arguments:
                values["month_number"] = _month_for(rule.endpoint)
            missing = set(rule.arguments) - set(values)
            assert not missing, f"{rule.endpoint}: no value for {sorted(missing)}"
            with app.test_request_context():
                url = url_for(rule.endpoint, **values)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                found.append((rule.endpoint, method, url))
    # The one download that takes its person from the query string.
    found.append(("year_end.document", "GET", f"/year-end/2026/documents/person-report?person={records['person']}"))
    found.append(("year_end.document", "GET",
                  f"/year-end/2026/documents/person-report.docx?person={records['person']}"))
    return found


def attempts(app, client, routes) -> list[str]:
    """Each route as a page and as an htmx request (a write: an empty form as a page, a plausible one through htmx);
    the ones that were not refused."""
    leaks = []
    for endpoint, method, url in routes:
        for headers, data in (({}, {}), (HX, PLAUSIBLE if method == "POST" else {})):
            response = client.open(url, method=method, headers=headers, data=data)
            if response.status_code not in (403, 404):
                leaks.append(f"{method} {url} {'htmx' if headers else 'page'} "
                             f"{'with data' if data else 'empty'}: {response.status_code} ({endpoint})")
    return leaks


@pytest.mark.parametrize(("attacker", "victim"), [
    ("staff", "staff2"),  # a colleague in the same department
    ("staff", "staff_b"),  # someone in another department
    ("head", "staff_b"),  # a department head, another department's staff member
])
def test_swapping_in_someone_elses_id_reads_nothing_and_writes_nothing(app, unit, attacker, victim):
    client = app.test_client()
    login(client, attacker)
    routes = id_routes(app, unit.records[victim])
    assert len({endpoint for endpoint, *_ in routes}) >= 60  # the walk found the app's routes, not a handful
    before = everything(app)
    leaks = attempts(app, client, routes)
    assert leaks == []
    assert everything(app) == before


def test_the_walk_is_not_blind_the_owner_reaches_the_same_routes(app, unit):
    """The same walk by the records' owner is let through on their pages: the refusals above are about who asks."""
    client = app.test_client()
    login(client, "staff")
    reads = [(e, m, u) for e, m, u in id_routes(app, unit.records["staff"]) if m == "GET"]
    reached = {endpoint for endpoint, method, url in reads if client.get(url).status_code == 200}
    assert {"commitments.item_row", "commitments.item_edit", "initiatives.show", "initiatives.edit",
            "initiatives.download_attachment", "registration.sheet", "registration.sheet_docx",
            "reviews.person_review", "reviews.ledger", "people.discipline_person", "people.discipline_row",
            "people.case_row", "people.history_panel", "year_end.person"} <= reached


@pytest.mark.parametrize("username", ["head", "leader"])
def test_a_visible_person_with_somebody_elses_record_in_the_same_url_is_refused(app, unit, username):
    """/people/<someone I may see>/discipline/<another person's discipline>: the record must belong to the person."""
    client = app.test_client()
    login(client, username)
    routes = id_routes(app, unit.records["staff_b"], own=unit.records["staff"])
    assert {endpoint for endpoint, *_ in routes} >= {"people.discipline_row", "people.discipline_update",
                                                     "people.discipline_delete", "people.case_update"}
    before = everything(app)
    leaks = [leak for leak in attempts(app, client, routes) if "/discipline/" in leak]
    assert leaks == []
    assert everything(app) == before


# --- Ids inside forms ----------------------------------------------------------------------------------------------

def test_a_hidden_shortcoming_id_cannot_redirect_the_review_editor_to_another_persons_shortcoming(app, unit):
    org = unit.org
    with app.app_context():
        theirs = Shortcoming(person_id=org.staff_b, raised_in_id=unit.records["staff_b"]["review"],
                             raised_month_id=month_of(2026, REVIEW_MONTH).id, text="Văn bản còn lỗi chính tả.")
        db.session.add(theirs)
        db.session.commit()
        theirs_id = theirs.id
    client = app.test_client()
    login(client, "head")
    form = {**shown(client, org.staff), **REVIEW}
    before = everything(app)
    tampered = client.post(f"/reviews/2026/11/people/{org.staff}", headers=HX, data={
        **form, "rows": "1", "sc_id_0": str(theirs_id), "sc_text_0": "Đã bị sửa", "sc_fix_0": ""})
    assert tampered.status_code == 400
    emptied = client.post(f"/reviews/2026/11/people/{org.staff}", headers=HX, data={
        **form, "rows": "1", "sc_id_0": str(theirs_id), "sc_text_0": "", "sc_fix_0": ""})  # "delete that row"
    assert emptied.status_code == 400
    assert everything(app) == before
    # the same form without the foreign id saves: the refusal was the id
    assert client.post(f"/reviews/2026/11/people/{org.staff}", headers=HX, data=form).status_code == 200
    with app.app_context():
        assert db.session.get(Shortcoming, theirs_id).text == "Văn bản còn lỗi chính tả."


def test_a_verdict_posted_for_another_persons_shortcoming_is_ignored(app, unit):
    org = unit.org
    client = app.test_client()
    login(client, "head")
    theirs = unit.records["staff_b"]["shortcoming"]
    response = client.post(f"/reviews/2026/11/people/{org.staff}", headers=HX, data={
        **shown(client, org.staff), **REVIEW, f"verdict_{theirs}": "fixed", f"verdict_note_{theirs}": "Đã bị sửa"})
    assert response.status_code == 200
    with app.app_context():
        follow_up = db.session.get(ShortcomingFollowUp, unit.records["staff_b"]["follow_up"])
        assert (follow_up.verdict, follow_up.verdict_note, follow_up.judged_by_id) == (None, "", None)
        assert db.session.get(Shortcoming, theirs).closed_in_month_id is None


def form_fields(page: str, url: str) -> dict[str, str]:
    """The fields of the form on `page` that posts to `url`, as the browser would send them."""
    found = re.search(r'<form[^>]*(?:action|hx-post)="' + re.escape(url) + r'"[^>]*>(.*?)</form>', page, re.S)
    assert found, f"no form posting to {url}"
    return fields_of(found.group(1))


def victims_records(app, victim_id: int) -> dict[str, list[str]]:
    with app.app_context():
        state = {
            model.__name__: sorted(repr(tuple(row)) for row in db.session.execute(
                select(model.__table__).where(model.__table__.c.person_id == victim_id)))
            for model in (CommitmentSheet, MonthlyReview, Registration, Shortcoming, Discipline, PendingCase)}
        state["items"] = sorted(repr(tuple(row)) for row in db.session.execute(
            select(CommitmentItem.__table__).join(CommitmentSheet).where(CommitmentSheet.person_id == victim_id)))
        state["follow-ups"] = sorted(repr(tuple(row)) for row in db.session.execute(
            select(ShortcomingFollowUp.__table__).join(Shortcoming).where(Shortcoming.person_id == victim_id)))
        state["initiatives"] = sorted(repr(tuple(row)) for row in db.session.execute(
            select(Initiative.__table__).join(InitiativeAuthor).where(InitiativeAuthor.person_id == victim_id)))
        return state


WRITTEN = ("/commitments/2026/3/submit", "/commitments/2026/12/self-assessment/texts",
           "/commitments/2026/12/self-assessment/leave", "/registration/", "/initiatives/")


def test_ids_slipped_into_ones_own_forms_never_reach_another_persons_records(app, unit):
    """Mass assignment: the forms that write one's own sheet, self-assessment, registration and initiative ignore
    person_id, sheet_id, review_id… and field names carrying someone else's shortcoming id."""
    org, theirs = unit.org, unit.records["staff_b"]
    foreign = {"person_id": org.staff_b, "sheet_id": theirs["sheet"], "item_id": theirs["item"],
               "review_id": theirs["review"], "registration_id": theirs["registration"],
               "created_by_id": org.staff_b,
               f"fix_{theirs['shortcoming']}": "Đã bị sửa", f"was_fix_{theirs['shortcoming']}": ""}
    with app.app_context():  # his own December sheet sent, his registration back to a draft: his writes go through
        sheet = CommitmentSheet(person_id=org.staff, month_id=month_of(2026, SELF_MONTH).id, state="submitted")
        sheet.items.append(CommitmentItem(position=1, title="Tổng kết công tác năm", outcome="on_time"))
        db.session.add(sheet)
        db.session.get(Registration, unit.records["staff"]["registration"]).state = "draft"
        db.session.commit()
    client = app.test_client()
    login(client, "staff")
    before = victims_records(app, org.staff_b)
    created = client.post("/commitments/2026/3/items", headers=HX,
                          data={**foreign, "title": "Tổng hợp báo cáo quý I", "deadline": "", "version": ""})
    assert created.status_code == 200
    with app.app_context():
        titles = db.session.scalars(select(CommitmentItem.title).join(CommitmentSheet)
                                    .where(CommitmentSheet.person_id == org.staff))
        assert "Tổng hợp báo cáo quý I" in set(titles)
    statuses = {}
    for page, url, data in (
        ("/commitments/2026/3", "/commitments/2026/3/submit", {}),
        ("/commitments/2026/12/self-assessment", "/commitments/2026/12/self-assessment/texts",
         {"strengths": "Chủ động, đúng hạn."}),
        ("/commitments/2026/12/self-assessment", "/commitments/2026/12/self-assessment/leave", {"leave": "sick"}),
        ("/registration/", "/registration/", {"target_title": "cstdcs", "study_commitment": "Học và làm theo Bác.",
                                              "action": "save"}),
        ("/initiatives/new", "/initiatives/", {"title": "Sáng kiến mượn tên", "kind": "initiative", "year": "2026",
                                               "co_authors-0": "0"}),
    ):
        shown_form = form_fields(client.get(page).get_data(as_text=True), url)  # its versions and fingerprints
        response = client.post(url, headers=HX, data={**shown_form, **foreign, **data})
        assert response.status_code < 500, url
        statuses[url] = response.status_code
    # the control: his own writes were accepted (a 409 or 422 would mean the foreign ids were never tried)
    assert {statuses[url] for url in WRITTEN} <= {200, 204}, statuses
    assert victims_records(app, org.staff_b) == before


# --- Doing to oneself what someone else must do --------------------------------------------------------------------

@pytest.mark.parametrize("username", ["staff", "head", "leader", "chief"])
def test_nobody_approves_writes_or_amends_their_own_review(app, unit, username):
    with app.app_context():
        me = account_of(username).person_id
        if username != "staff":
            written(me)  # November, reviewed and waiting for approval
            written(me, number=CLOSED_MONTH, state="approved")
        own = db.session.scalar(select(MonthlyReview).where(MonthlyReview.person_id == me,
                                                            MonthlyReview.month_id == month_of(2026, 11).id))
        own_version = own.version
    client = app.test_client()
    login(client, username)
    before = everything(app)
    for method, url, data in (
        ("POST", f"/reviews/2026/11/people/{me}/approve", {"version": str(own_version)}),
        ("GET", f"/reviews/2026/11/people/{me}/edit", {}),
        ("POST", f"/reviews/2026/11/people/{me}", {**GOOD, "level": "htxs", "rows": "0"}),
        ("GET", f"/reviews/2026/10/people/{me}/amend", {}),
        ("POST", f"/reviews/2026/10/people/{me}/amend", {"level": "htxs", "reason": "Tự nâng mức.", "version": "1"}),
        ("POST", f"/reviews/2026/10/people/{me}/reply", {"reply": "Tự trả lời."}),
    ):
        for headers in ({}, HX):
            response = client.open(url, method=method, data=data, headers=headers)
            assert response.status_code == 403, f"{username} {method} {url}: {response.status_code}"
    if username in ("leader", "chief"):  # "approve everything waiting" skips one's own
        assert client.post("/reviews/2026/11/approve", headers=HX).status_code in (200, 204, 303)
        with app.app_context():
            assert db.session.get(MonthlyReview, own.id).review_state == "reviewed"
            others = db.session.scalars(select(MonthlyReview.review_state).where(
                MonthlyReview.month_id == month_of(2026, 11).id, MonthlyReview.person_id != me))
            assert set(others) == {"approved"}  # the control: the others were approved
    else:
        assert everything(app) == before


def test_a_board_leaders_approval_of_someone_else_goes_through(app, unit):
    """The control for the refusals above: the same request on somebody else's review succeeds."""
    client = app.test_client()
    login(client, "leader")
    with app.app_context():
        review = db.session.get(MonthlyReview, unit.records["staff"]["review"])
        version = review.version
    assert client.post(f"/reviews/2026/11/people/{unit.org.staff}/approve", headers=HX,
                       data={"version": str(version)}).status_code == 200


def test_only_the_reviewed_person_acknowledges_or_objects(app, unit):
    """Department A's staff member's October review, approved two days ago: his reviewer, the board, a colleague,
    another department and an admin cannot answer for him."""
    staff = unit.org.staff
    for username in ("head", "leader", "chief", "staff2", "staff_b", "admin"):
        client = app.test_client()
        login(client, username)
        for action, data in (("acknowledge", {"version": ""}), ("object", {"objection": "Tôi không đồng ý.",
                                                                            "version": ""})):
            for headers in ({}, HX):
                response = client.post(f"/reviews/2026/10/people/{staff}/{action}", data=data, headers=headers)
                assert response.status_code == 403, f"{username} {action}: {response.status_code}"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ReviewResponse)) == 0
    owner = app.test_client()
    login(owner, "staff")
    assert owner.post(f"/reviews/2026/10/people/{staff}/acknowledge", data={"version": ""},
                      headers=HX).status_code == 200
    with app.app_context():
        (response,) = db.session.scalars(select(ReviewResponse))
        assert response.review_id == unit.records["staff"]["october"] and response.acknowledged_at is not None


def test_amending_someone_elses_closed_month_is_for_their_reviewer_or_the_board(app, unit):
    """The control for "never one's own": the chief opens the amendment of the head's October; the head cannot."""
    org = unit.org
    with app.app_context():
        written(org.head, number=CLOSED_MONTH, state="approved")
    chief, head = app.test_client(), app.test_client()
    login(chief, "chief")
    login(head, "head")
    assert chief.get(f"/reviews/2026/10/people/{org.head}/amend").status_code == 200
    assert head.get(f"/reviews/2026/10/people/{org.head}/amend").status_code == 403
    assert head.get(f"/reviews/2026/10/people/{org.staff_b}/amend").status_code == 403
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ReviewAmendment)) == 0


# --- A department head and another department ----------------------------------------------------------------------

def head_reads(records: dict[str, int]) -> list[str]:
    person, item = records["person"], records["item"]
    return [
        f"/people/{person}/discipline", f"/people/{person}/discipline/{records['discipline']}",
        f"/people/{person}/reviewer", f"/commitments/2026/3/people/{person}", f"/commitments/items/{item}/row",
        f"/reviews/2026/11/people/{person}", f"/reviews/2026/11/people/{person}/row",
        f"/reviews/2026/10/people/{person}", f"/reviews/people/{person}/shortcomings",
        f"/registration/{records['registration']}/row", f"/registration/{records['registration']}/sheet",
        f"/registration/{records['registration']}/sheet.docx", f"/year-end/2026/people/{person}",
        f"/year-end/2026/people/{person}/what-if", f"/initiatives/{records['initiative']}",
        f"/initiatives/attachments/{records['initiative_file']}", f"/initiatives/attachments/{records['item_file']}",
        f"/people/history/person/{person}", f"/people/history/monthly_review/{records['review']}",
    ]


def test_a_department_head_reads_their_own_people_and_nothing_of_another_department(app, unit):
    client = app.test_client()
    login(client, "head")
    own = {url: client.get(url).status_code for url in head_reads(unit.records["staff"])}
    assert set(own.values()) == {200}, own
    other = {url: client.get(url).status_code for url in head_reads(unit.records["staff_b"])}
    assert set(other.values()) == {403}, other


UNIT_LISTS = ("/reviews/2026/11?scope=all", "/reviews/2026/11?scope=all&department={dept_b}",
              "/reviews/2026/10?scope=all", "/reviews/2026/overview", "/reviews/2026/overview?department={dept_b}",
              "/commitments/2026/3/team?scope=all", "/registration/people", "/people/discipline", "/initiatives/",
              "/year-end/2026")


def test_the_unit_lists_show_a_department_head_none_of_another_departments_people(app, unit):
    """Asking for everyone, or for department B by its id in the query string, lists only the head's own people."""
    head, leader = app.test_client(), app.test_client()
    login(head, "head")
    login(leader, "leader")
    for url in (url.format(dept_b=unit.org.dept_b) for url in UNIT_LISTS):
        page = head.get(url)
        assert page.status_code == 200, url
        text = page.get_data(as_text=True)
        assert NAMES["staff_b"] not in text and "Cao Thị Hằng" not in text, url  # department B's staff and head
        assert NAMES["staff_b"] in leader.get(url).get_data(as_text=True), url  # the control: the board sees him


# --- Sessions of people who left ------------------------------------------------------------------------------------

def test_a_person_set_to_left_loses_access_at_the_next_request(app, unit):
    staff, admin = app.test_client(), app.test_client()
    login(staff, "staff")
    login(admin, "admin")
    assert staff.get("/").status_code == 200
    assert admin.post(f"/admin/people/{unit.org.staff}/deactivate", headers=HX).status_code == 200
    page = staff.get("/commitments/2026/3")
    assert page.status_code == 302 and "/login" in page.headers["Location"]
    fragment = staff.get(f"/commitments/items/{unit.records['staff']['item']}/row", headers=HX)
    assert fragment.status_code == 401 and "/login" in fragment.headers["HX-Redirect"]
    write = staff.post(f"/commitments/items/{unit.records['staff']['item']}", headers=HX,
                       data={"title": "Sửa sau khi nghỉ", "version": "1"})
    assert write.status_code == 401
    with app.app_context():
        assert db.session.get(CommitmentItem, unit.records["staff"]["item"]).title == "Thẩm định hồ sơ khen thưởng quý I"


def test_an_account_switched_off_loses_access_at_the_next_request(app, unit):
    client = app.test_client()
    login(client, "head")
    with app.app_context():
        account_of("head").active = False
        db.session.commit()
    response = client.get(f"/reviews/2026/11/people/{unit.org.staff}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_password_reset_by_an_admin_ends_the_persons_open_sessions(app, unit):
    staff, admin = app.test_client(), app.test_client()
    login(staff, "staff")
    login(admin, "admin")
    assert admin.post(f"/admin/people/{unit.org.staff}/reset-password", headers=HX).status_code == 200
    response = staff.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_an_edited_session_cookie_is_nobodys_session(app, unit):
    """The login cookie is signed: changing one character of it (to claim another account) signs nobody in."""
    client = app.test_client()
    login(client, "staff")
    value = client.get_cookie("session").value
    payload, _dot, signature = value.rpartition(".")
    client.set_cookie("session", payload + "." + signature[::-1])
    response = client.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
