"""The calendar the load run needs, set up through the app's own routes (Flask test client, as the people would).

The demo stands on 27/11/2026 with November at self-assessment and December open for commitments. The run needs
three kinds of writes at once, and each needs a month in its own state:

- reviews by the heads and leaders: November is moved on to "review" (the years page's "advance");
- self-assessment by everyone: December's sheets are sent by their owners (unfinished November work copied, or one
  item added), then December is moved on to "self_assessment";
- commitment items: year 2027 is opened on the years page and January moved to "commitments"; every person adds
  two items, so that the run's edits have something to contend on from the start.

Returns the plan the locust users read: the accounts, whom each reviews, the months.
"""

from __future__ import annotations

from app.demo import DEMO_YEAR

REVIEW = (DEMO_YEAR, 11)
SELF = (DEMO_YEAR, 12)
ITEMS = (DEMO_YEAR + 1, 1)
PASSWORD = "demo1234"  # noqa: S105  (the demo accounts' password, as `make run` seeds them)


def _ok(response, what: str) -> None:
    if response.status_code >= 400:
        raise RuntimeError(f"preparation failed: {what}: HTTP {response.status_code}\n{response.text[:2000]}")


def _login(client, username: str) -> None:
    _ok(client.post("/login", data={"username": username, "password": PASSWORD}), f"login {username}")


def _logout(client) -> None:
    client.post("/logout")


def prepare(app) -> dict:
    """Move the calendar as described above; return the plan for the locust users."""
    from sqlalchemy import select

    from app import roster
    from app.domain.rulebooks import rulebook
    from app.extensions import db
    from app.models import Account, CommitmentSheet, Month, Person, Year
    from app.reviews.editor import load_editor

    app.config["WTF_CSRF_ENABLED"] = False  # the preparation's own client only; the served app keeps CSRF on
    with app.app_context():
        accounts = {a.username: a for a in db.session.scalars(select(Account))}
        people = [(a.username, a.person_id) for a in accounts.values() if a.person_id is not None]
    client = app.test_client()
    sy, sm = SELF
    iy, im = ITEMS
    for username, _person_id in people:
        _login(client, username)
        _ok(client.post(f"/commitments/{sy}/{sm}/copy-unfinished"), f"copy unfinished {username}")
        page = client.get(f"/commitments/{sy}/{sm}")
        _ok(page, f"December sheet {username}")
        if "/commitments/items/" not in page.text:
            _ok(client.post(f"/commitments/{sy}/{sm}/items",
                            data={"title": "Tổng hợp báo cáo công tác tháng 12", "measure": "Báo cáo đúng hạn",
                                  "deadline": f"20/{sm:02d}/{sy}", "planned_points": "10"}),
                f"December item {username}")
        _logout(client)
    with app.app_context():
        versions = {s.person_id: s.version for s in db.session.scalars(
            select(CommitmentSheet).join(Month).join(Year).where(Year.year == sy, Month.number == sm))}
    for username, person_id in people:
        _login(client, username)
        _ok(client.post(f"/commitments/{sy}/{sm}/submit", data={"version": str(versions[person_id])}),
            f"send December sheet {username}")
        _logout(client)

    _login(client, "huy.pq")  # the Trưởng ban runs the calendar
    _ok(client.post(f"/years/{REVIEW[0]}/months/{REVIEW[1]}/advance"), "November to review")
    _ok(client.post(f"/years/{sy}/months/{sm}/advance"), "December to self-assessment")
    _ok(client.post("/years/", data={"year": str(iy), "rulebook_code": "vn-2026", "commitments_due_day": "5"}),
        "open 2027")
    _ok(client.post(f"/years/{iy}/months/{im}/advance"), "January to commitments")
    _logout(client)

    for username, _person_id in people:
        _login(client, username)
        for number, title in enumerate(("Xây dựng kế hoạch công tác tháng 01", "Rà soát hồ sơ tồn đọng"), 1):
            _ok(client.post(f"/commitments/{iy}/{im}/items",
                            data={"title": title, "measure": f"Sản phẩm {number}", "deadline": f"2{number}/01/{iy}",
                                  "planned_points": "10"}), f"January item {username}")
        _logout(client)

    with app.app_context():
        states = {(m.year.year, m.number): m.state for m in db.session.scalars(select(Month))}
        assert states[REVIEW] == "review" and states[SELF] == "self_assessment" and states[ITEMS] == "commitments", \
            states
        by_id = {p.id: p for p in db.session.scalars(select(Person))}
        reviewees: dict[int, list[int]] = {}
        with app.test_request_context():
            for person_id, choice in roster.reviewer_choices().items():
                if choice.reviewer_id is not None and by_id[person_id].active:
                    reviewees.setdefault(choice.reviewer_id, []).append(person_id)
        plan_accounts = [{"username": username, "person_id": person_id,
                          "reviews": sorted(reviewees.get(person_id, []))} for username, person_id in people]
        month = db.session.scalar(select(Month).join(Year).where(Year.year == REVIEW[0], Month.number == REVIEW[1]))
        book = rulebook(month.year.rulebook_code)
        # What a leader's client needs to fill a review the rules accept: the bands, the groups' maxima, and who
        # was disciplined this year (their level is imposed).
        disciplined = [pid for ids in reviewees.values() for pid in ids if load_editor(month, by_id[pid]).disciplined]
        rules = {"levels": [[level.code, str(level.min_score)] for level in book.levels],
                 "groups": {group.code: str(group.max_points) for group in book.scoring.general_groups},
                 "disciplined": disciplined}
    app.config["WTF_CSRF_ENABLED"] = True
    return {"password": PASSWORD, "accounts": plan_accounts, "review": list(REVIEW), "self": list(SELF),
            "items": list(ITEMS), "year": DEMO_YEAR, **rules}
