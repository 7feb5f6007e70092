"""Who may see and do what in the initiatives area, on top of app.permissions (whose rules these combine).

An initiative is seen by its authors and by whoever may see one of them (their department's leaders, the
board's leaders, admins). Its authors write it while it is a draft or was not recognised; the board's leaders
decide. A commitment item's files follow the sheet: whoever may see the person reads them, the person alone
adds or removes them, and only while the month is open for commitments or self-assessment.
"""

from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.domain import initiatives as rules
from app.domain.calendar import Permission, month_allows
from app.extensions import db
from app.models import Account, Attachment, CommitmentItem, CommitmentSheet, Initiative, InitiativeAuthor, MonthlyReview
from app.permissions import (
    can_edit_own,
    can_recognise_initiatives,
    can_view_any_of,
    can_view_person,
    require_month_allows,
)


def is_author(account: Account, initiative: Initiative) -> bool:
    return account.person_id is not None and any(a.person_id == account.person_id for a in initiative.authors)


def can_view(account: Account, initiative: Initiative) -> bool:
    return can_view_any_of(account, [author.person for author in initiative.authors])


def can_register(account: Account) -> bool:
    """Registering needs a person to be its first author: an admin account that is nobody cannot."""
    return account.is_authenticated and account.person is not None


def can_edit(account: Account, initiative: Initiative) -> bool:
    return is_author(account, initiative) and rules.can_edit(initiative.status)


def can_attach(account: Account, initiative: Initiative) -> bool:
    return can_recognise_initiatives(account) or (
        is_author(account, initiative) and rules.authors_may_attach(initiative.status))


def load_initiative(initiative_id: int) -> Initiative:
    """The initiative, if this account may see it: 404 for an unknown id, 403 for someone else's."""
    initiative = db.session.scalar(
        select(Initiative).where(Initiative.id == initiative_id)
        .options(selectinload(Initiative.authors).selectinload(InitiativeAuthor.person))
    )
    if initiative is None:
        abort(404)
    if not can_view(current_user, initiative):
        abort(403)
    return initiative


def require(allowed: bool) -> None:
    if not allowed:
        abort(403)


# --- Commitment items -------------------------------------------------------------------------------------------

def _month_action(sheet: CommitmentSheet) -> str:
    # Files go with the work while it is registered or assessed; the refusal then names the month's state.
    return "edit_commitments" if sheet.month.state == "commitments" else "self_assess"


def item_month_permission(sheet: CommitmentSheet) -> Permission:
    return month_allows(sheet.month.state, _month_action(sheet), sheet.month.label)


def require_item_files_open(sheet: CommitmentSheet) -> None:
    """The sheet's owner only (403), only while the month allows it (409 with the month's reason), and not
    once the self-assessment the evidence supports has been sent (409): what the reviewer reads stays put."""
    from flask_babel import gettext as _

    from app.errors import error_response

    require(may_change_item_files(current_user, sheet))
    require_month_allows(sheet.month, _month_action(sheet))
    sent = db.session.scalar(select(MonthlyReview.id).where(
        MonthlyReview.person_id == sheet.person_id, MonthlyReview.month_id == sheet.month_id,
        MonthlyReview.self_state == "submitted"))
    if sent is not None:
        abort(error_response(409, _("Bản tự đánh giá tháng %(month)s đã gửi: không thể thêm hay xóa minh chứng nữa.",
                                    month=sheet.month.label)))


def load_item(item_id: int) -> CommitmentItem:
    item = db.session.get(CommitmentItem, item_id)
    if item is None:
        abort(404)
    if not can_view_person(current_user, item.sheet.person):
        abort(403)
    return item


def may_change_item_files(account: Account, sheet: CommitmentSheet) -> bool:
    """Owner only; the month's state is checked separately so that its refusal can say why (409)."""
    return can_edit_own(account, sheet.person)


# --- Either owner -----------------------------------------------------------------------------------------------

def owner_of(attachment: Attachment) -> Initiative | CommitmentItem:
    if attachment.initiative_id is not None:
        return load_initiative(attachment.initiative_id)
    return load_item(attachment.commitment_item_id)


def may_delete(account: Account, attachment: Attachment, initiative: Initiative) -> bool:
    """An initiative's file: whoever uploaded it while they may still add files, or the board's leaders."""
    if can_recognise_initiatives(account):
        return True
    return attachment.uploaded_by_id == account.id and can_attach(account, initiative)
