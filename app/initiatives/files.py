"""Attached files of initiatives and of commitment items: upload, download, delete (routes on the initiatives bp).

An upload is checked whole before anything is written; the file is written before its row, and removed again
if the row cannot be committed, so the disk and the database never disagree for long. A delete commits first
and removes the file after: a failed commit leaves both in place.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, current_app, flash, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import audit, htmx, uploads
from app.errors import error_response
from app.extensions import db
from app.initiatives.forms import AttachmentForm
from app.initiatives.panels import AttachmentPanel, initiative_panel, item_panel
from app.initiatives.views import bp
from app.models import Attachment, CommitmentItem, Initiative
from app.permissions import initiatives as access

FIELDS = ("initiative_id", "commitment_item_id", "original_name", "stored_name", "content_type", "size")
PAGE = "attachments/page.html"
LIST = "attachments/partials/list.html"


def safe_next(value: str | None, default: str) -> str:
    """A return address from a form, only if it stays on this site (no "//host", no "https:", no backslash)."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value and ":" not in value:
        return value
    return default


def _render(panel: AttachmentPanel, status: int = 200):
    return htmx.render(PAGE, LIST, status, panel=panel)


def _form_errors(form: AttachmentForm) -> list[str]:
    return [str(error) for field in form for error in field.errors]


def _upload(owner_key: dict[str, int], panel_for: Callable[..., AttachmentPanel]):
    """Check, write, record. `panel_for(**extra)` builds the owner's panel, for errors and for the result."""
    form = AttachmentForm()
    errors: list[str] = []
    upload = None
    if form.validate_on_submit():
        try:
            upload = uploads.check(form.file.data.stream, form.file.data.filename, uploads.max_bytes())
        except uploads.UploadRefused as refusal:
            errors.append(refusal.message)
    else:
        errors = _form_errors(form)
    if upload is None:
        return _render(panel_for(errors=errors), 422)
    folder = uploads.folder()
    stored_name = uploads.store(upload, folder)
    attachment = Attachment(original_name=upload.name, stored_name=stored_name, content_type=upload.kind.content_type,
                            size=len(upload.data), uploaded_by_id=current_user.id, **owner_key)
    try:
        db.session.add(attachment)
        db.session.flush()
        audit.record("attachment", attachment.id, "create", None, audit.snapshot(attachment, FIELDS))
        db.session.commit()
    except BaseException:
        db.session.rollback()
        uploads.remove(stored_name, folder)
        raise
    flash(_("Đã tải lên “%(name)s” (%(size)s).", name=attachment.original_name,
            size=uploads.human_size(attachment.size)), "success")
    panel = panel_for(saved_id=attachment.id)
    if not htmx.is_htmx():
        return htmx.redirect(panel.return_url)
    return _render(panel)


def _item_return_url() -> str:
    return safe_next(request.form.get("next") or request.args.get("next"), url_for("main.home"))


@bp.route("/<int:initiative_id>/attachments", methods=["POST"])
@login_required
def upload_initiative_file(initiative_id: int):
    initiative = access.load_initiative(initiative_id)
    access.require(access.can_attach(current_user, initiative))
    return _upload({"initiative_id": initiative.id}, lambda **extra: initiative_panel(initiative, **extra))


@bp.route("/items/<int:commitment_item_id>/attachments", methods=["POST"])
@login_required
def upload_item_file(commitment_item_id: int):
    item = access.load_item(commitment_item_id)
    access.require_item_files_open(item.sheet)
    return _upload({"commitment_item_id": item.id}, lambda **extra: item_panel(item, _item_return_url(), **extra))


def _load_attachment(attachment_id: int) -> tuple[Attachment, Initiative | CommitmentItem]:
    """The file and what it belongs to, if this account may see that: 404 unknown, 403 someone else's."""
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None:
        abort(404)
    return attachment, access.owner_of(attachment)


@bp.route("/attachments/<int:attachment_id>")
@login_required
def download_attachment(attachment_id: int):
    attachment, _owner = _load_attachment(attachment_id)
    path = uploads.path_of(attachment.stored_name, uploads.folder())
    if not path.is_file():
        current_app.logger.error("attachment %s: file %s is missing", attachment.id, path)
        abort(error_response(404, _("Tệp “%(name)s” không còn trên máy chủ. Hãy báo quản trị hệ thống.",
                                    name=attachment.original_name)))
    response = send_file(path, mimetype=attachment.content_type, as_attachment=True,
                         download_name=attachment.original_name or attachment.stored_name, conditional=True)
    # Always a download, never rendered by the browser in our origin, whatever the bytes turn out to be.
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _load_deletable(attachment_id: int) -> tuple[Attachment, Callable[..., AttachmentPanel]]:
    attachment, owner = _load_attachment(attachment_id)
    if isinstance(owner, Initiative):
        access.require(access.may_delete(current_user, attachment, owner))
        return attachment, lambda **extra: initiative_panel(owner, **extra)
    access.require_item_files_open(owner.sheet)
    return attachment, lambda **extra: item_panel(owner, _item_return_url(), **extra)


@bp.route("/attachments/<int:attachment_id>/delete")
@login_required
def confirm_delete_attachment(attachment_id: int):
    """Without JavaScript the delete button leads here to ask once; htmx asks with hx-confirm instead."""
    attachment, panel_for = _load_deletable(attachment_id)
    return htmx.render("attachments/confirm_delete.html", "attachments/partials/confirm_delete.html",
                       attachment=attachment, panel=panel_for())


@bp.route("/attachments/<int:attachment_id>/delete", methods=["POST"])
@login_required
def delete_attachment(attachment_id: int):
    attachment, panel_for = _load_deletable(attachment_id)
    stored_name, name = attachment.stored_name, attachment.original_name
    before = audit.snapshot(attachment, FIELDS)
    db.session.delete(attachment)
    audit.record("attachment", attachment_id, "delete", before, None)
    db.session.commit()
    uploads.remove(stored_name, uploads.folder())
    flash(_("Đã xoá tệp “%(name)s”.", name=name), "success")
    panel = panel_for()
    if not htmx.is_htmx():
        return htmx.redirect(panel.return_url)
    return _render(panel)

