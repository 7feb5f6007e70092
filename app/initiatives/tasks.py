"""What the initiatives area asks of a person now, for "Việc của tôi": two queries whatever the numbers."""

from __future__ import annotations

from datetime import date

from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select

from app.extensions import db
from app.models import Account, Initiative, InitiativeAuthor
from app.permissions import can_recognise_initiatives
from app.worklist import WorkItem


def tasks_for(account: Account, today: date) -> list[WorkItem]:
    items: list[WorkItem] = []
    if can_recognise_initiatives(account):
        waiting = db.session.scalar(select(func.count()).select_from(Initiative)
                                    .where(Initiative.status == "submitted"))
        if waiting:
            items.append(WorkItem(title=_("Công nhận sáng kiến"), count=waiting, kind="decide",
                                  url=url_for("initiatives.index", status="submitted")))
    if account.person_id is not None:
        drafts = list(db.session.execute(
            select(Initiative.id, Initiative.title).join(InitiativeAuthor)
            .where(InitiativeAuthor.person_id == account.person_id, Initiative.status == "draft")
            .order_by(Initiative.id)
        ))
        if len(drafts) == 1:
            items.append(WorkItem(title=_("Gửi đề nghị công nhận “%(title)s”", title=drafts[0].title),
                                  url=url_for("initiatives.show", initiative_id=drafts[0].id)))
        elif drafts:
            items.append(WorkItem(title=ngettext("%(num)s sáng kiến chưa gửi đề nghị công nhận",
                                                 "%(num)s sáng kiến chưa gửi đề nghị công nhận", len(drafts)),
                                  count=len(drafts), url=url_for("initiatives.index", status="draft", mine="1")))
    return items
