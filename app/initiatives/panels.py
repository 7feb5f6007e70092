"""The attachments panel (templates/attachments/partials/list.html) for an initiative or a commitment item.

Other areas build panels here and pass them to the template; the upload and delete routes re-render the same
panel, so a page and its fragments always agree on who may do what.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import uploads
from app.extensions import db
from app.models import Attachment, CommitmentItem, Initiative
from app.permissions import initiatives as access


@dataclass
class AttachmentPanel:
    dom_id: str  # the panel's element id: htmx swaps the whole panel after an upload or a delete
    heading: str  # what the files belong to, for the panel's legend and the no-JS page
    attachments: list[Attachment]
    upload_url: str | None  # None: this user may not add files now
    deletable: frozenset[int]  # ids of the files this user may delete
    return_url: str  # where a browser without JavaScript goes back after an upload or a delete
    closed_reason: str = ""  # why files cannot be added now, when it is the calendar's doing
    errors: list[str] = field(default_factory=list)
    saved_id: int | None = None
    max_size: str = field(default_factory=lambda: uploads.human_size(uploads.max_bytes()))
    accepted: str = field(default_factory=lambda: str(uploads.ACCEPTED_DESCRIPTION))
    accept: str = uploads.ACCEPT_ATTRIBUTE  # the file input's accept attribute: a convenience, never a check

    @staticmethod
    def size_of(attachment: Attachment) -> str:
        return uploads.human_size(attachment.size)


def _ordered(attachments: Iterable[Attachment]) -> list[Attachment]:
    return sorted(attachments, key=lambda a: (a.uploaded_at, a.id))


def initiative_panel(initiative: Initiative, **extra) -> AttachmentPanel:
    attachments = _ordered(db.session.scalars(
        select(Attachment).where(Attachment.initiative_id == initiative.id)
        .options(selectinload(Attachment.uploaded_by))
    ))
    allowed = access.can_attach(current_user, initiative)
    return AttachmentPanel(
        dom_id=f"attachments-initiative-{initiative.id}",
        heading=_("Tệp đính kèm của “%(title)s”", title=initiative.title),
        attachments=attachments,
        upload_url=url_for("initiatives.upload_initiative_file", initiative_id=initiative.id) if allowed else None,
        deletable=frozenset(a.id for a in attachments if access.may_delete(current_user, a, initiative)),
        return_url=url_for("initiatives.show", initiative_id=initiative.id),
        **extra,
    )


def item_panels(items: list[CommitmentItem], return_url: str) -> dict[int, AttachmentPanel]:
    """One panel per commitment item of a sheet (or several), with one query for all their files.

    For the commitments area: `panels = item_panels(sheet.items, url_for(...the sheet page...))`, then in the
    item's row `{% with panel = panels[item.id] %}{% include "attachments/partials/list.html" %}{% endwith %}`.
    """
    by_item: dict[int, list[Attachment]] = {item.id: [] for item in items}
    if by_item:
        for attachment in db.session.scalars(
            select(Attachment).where(Attachment.commitment_item_id.in_(by_item))
            .options(selectinload(Attachment.uploaded_by))
        ):
            by_item[attachment.commitment_item_id].append(attachment)
    return {item.id: _item_panel(item, by_item[item.id], return_url) for item in items}


def item_panel(item: CommitmentItem, return_url: str, **extra) -> AttachmentPanel:
    attachments = list(db.session.scalars(select(Attachment).where(Attachment.commitment_item_id == item.id)))
    return _item_panel(item, attachments, return_url, **extra)


def _item_panel(item: CommitmentItem, attachments: list[Attachment], return_url: str, **extra) -> AttachmentPanel:
    owner = access.may_change_item_files(current_user, item.sheet)
    month = access.item_month_permission(item.sheet)
    allowed = owner and month.allowed
    return AttachmentPanel(
        dom_id=f"attachments-item-{item.id}",
        heading=_("Tệp minh chứng của “%(title)s”", title=item.title),
        attachments=_ordered(attachments),
        upload_url=url_for("initiatives.upload_item_file", commitment_item_id=item.id) if allowed else None,
        deletable=frozenset(a.id for a in attachments) if allowed else frozenset(),
        return_url=return_url,
        closed_reason=month.reason if owner and not month.allowed else "",
        **extra,
    )
