"""Two requests adding an item to one sheet at the same moment (two tabs, or a double click on a slow line): the
load run (bench/load) once caught both items in one position. The second to write now gets a 409 and nothing."""

from __future__ import annotations

from sqlalchemy import insert, select, update

from app.commitments import item_views
from app.extensions import db
from app.models import CommitmentItem, CommitmentSheet
from tests.views.conftest import HX, login
from tests.views.test_commitments import ITEM, items_of, make_sheet, november  # noqa: F401  (the fixture)


def test_an_item_added_while_another_request_adds_one_gets_a_409_and_positions_stay_unique(
        app, client, org, november, monkeypatch):  # noqa: F811
    with app.app_context():
        sheet_id = make_sheet(org.staff, 2026, 11, items=[{"title": "Việc đầu tiên", "planned_points": 10}])
    apply = item_views._apply

    def the_other_tab_adds_first(form, item):
        """Between this request's reading of the sheet and its write, another request adds item 2 and commits."""
        with db.engine.begin() as other:
            version = other.execute(select(CommitmentSheet.version).where(CommitmentSheet.id == sheet_id)).scalar()
            other.execute(insert(CommitmentItem).values(sheet_id=sheet_id, position=2, title="Việc của tab kia",
                                                        planned_points=5, version=1))
            other.execute(update(CommitmentSheet).where(CommitmentSheet.id == sheet_id)
                          .values(version=version + 1))
        apply(form, item)

    monkeypatch.setattr(item_views, "_apply", the_other_tab_adds_first)
    login(client, "staff")
    response = client.post("/commitments/2026/11/items", data=ITEM, headers=HX)

    assert response.status_code == 409
    assert "vừa được thay đổi ở nơi khác" in response.get_data(as_text=True)
    positions = [item.position for item in items_of(app, org.staff)]
    assert sorted(positions) == [1, 2] and ITEM["title"] not in [item.title for item in items_of(app, org.staff)]
