"""Two leaders editing the same review: the second save is told who saved meanwhile and what is stored now, and
keeps their own input; the form then carries the stored version, so saving again is a deliberate overwrite."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from flask_babel import gettext as _

from app.commitments.forms import points_text
from app.labels import LEVEL_LABELS, REVIEW_STATE_LABELS, VERDICT_LABELS
from app.reviews.forms import TASKS, pack_watched, unpack_watched, watch_token

if TYPE_CHECKING:
    from app.reviews.editor import Editor

SHOWN_MAX = 80  # characters of a long text quoted in the 409 message


def conflict(editor: Editor, form) -> str | None:
    """None when the review is as the form showed it; else a message naming who saved and what differs now.
    The form then carries the stored version and tokens: a second save is a deliberate overwrite."""
    stored_version = str(editor.review.version) if editor.review else ""
    if (form.version.data or "") == stored_version:
        return None
    differs = []
    watched = editor.watched()
    shown = unpack_watched(form.was.data, list(watched))
    for name, value in watched.items():
        if watch_token(value) != shown[name]:
            differs.append(f"{_label(form, name)}: {_shown(editor, name, value)}")
    form.was.data = pack_watched(watched)
    form.version.data = stored_version
    return _("%(who)s vừa lưu đánh giá tháng %(month)s của %(name)s trong lúc bạn sửa. Hiện đang lưu: "
             "%(fields)s. Nội dung bạn nhập vẫn ở dưới đây: xem lại, rồi bấm Lưu lần nữa nếu muốn ghi đè.",
             who=_last_writer(editor), month=editor.month.label, name=editor.person.full_name,
             fields="; ".join(differs) or _("không ô nào khác"))

def _last_writer(editor: Editor) -> str:
    review = editor.review
    if review is None:
        return _("Người khác")
    approved_last = review.approved_at and (review.reviewed_at is None or review.approved_at >= review.reviewed_at)
    account = review.approved_by if approved_last else review.reviewer
    return account.display_name if account else _("Người khác")

def _label(form, name: str) -> str:
    own = {"review_state": _("Trạng thái"), "shortcomings": _("Tồn tại, hạn chế"),
           "verdicts": _("Kết luận khắc phục")}
    return own.get(name) or str(form[name].label.text)

def _shown(editor: Editor, name: str, value: str) -> str:
    if not value:
        return _("(để trống)")
    if name == "review_state":
        return str(REVIEW_STATE_LABELS[value])
    if name == "level":
        return str(LEVEL_LABELS[value])
    if name == TASKS or name.startswith("g_"):
        return points_text(Decimal(value), 3)
    if name == "verdicts":
        labels = [str(VERDICT_LABELS[f.verdict]) for _s, f in editor.to_judge if f and f.verdict]
        return ", ".join(labels) or _("(để trống)")
    text = value.replace("\t", " — ").replace("\n", "; ")
    return text if len(text) <= SHOWN_MAX else text[:SHOWN_MAX - 1] + "…"
