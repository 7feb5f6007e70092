"""The shortcoming ledger's writes from a saved review: verdicts on earlier shortcomings and the shortcomings the
review raises, each with its audit record (the view commits)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app import audit
from app.clock import utcnow
from app.commitments.common import flush_or_409, snapshot
from app.commitments.queries import follow_up_for_writing
from app.extensions import db
from app.models import Account, MonthlyReview, Shortcoming

if TYPE_CHECKING:
    from app.reviews.editor import Editor

SHORTCOMING_FIELDS = ("text", "expected_fix")


def save_verdicts(editor: Editor, form, account: Account) -> None:
    """The verdicts on earlier shortcomings: a follow-up per shortcoming judged; "fixed" closes it in this month."""
    for shortcoming, follow_up in editor.to_judge:
        verdict = form[f"verdict_{shortcoming.id}"].data or None
        note = form[f"verdict_note_{shortcoming.id}"].data or ""
        if follow_up is None and verdict is None and not note:
            continue
        if follow_up is not None and (follow_up.verdict, follow_up.verdict_note) == (verdict, note):
            continue
        follow_up = follow_up_for_writing(shortcoming, editor.month, follow_up)
        before = {"verdict": follow_up.verdict, "verdict_note": follow_up.verdict_note}
        follow_up.verdict = verdict
        follow_up.verdict_note = note
        follow_up.judged_by_id = account.id if verdict else None
        follow_up.judged_at = utcnow() if verdict else None
        closed_before = shortcoming.closed_in_month_id
        if verdict == "fixed":
            shortcoming.closed_in_month_id = editor.month.id
        elif shortcoming.closed_in_month_id == editor.month.id:
            shortcoming.closed_in_month_id = None  # judged fixed earlier this month, changed since
        flush_or_409()
        audit.record("shortcoming_follow_up", follow_up.id, "verdict", before,
                     {"verdict": verdict, "verdict_note": note})
        if shortcoming.closed_in_month_id != closed_before:
            audit.record("shortcoming", shortcoming.id, "update", {"closed_in_month_id": closed_before},
                         {"closed_in_month_id": shortcoming.closed_in_month_id})

def save_shortcomings(editor: Editor, form, review: MonthlyReview) -> list[Shortcoming]:
    """The shortcomings this review raises: created, edited, or deleted when their text is cleared. Returns those
    raised after the save."""
    existing = {shortcoming.id: shortcoming for shortcoming in editor.raised}
    kept = []
    for shortcoming_id, text, fix, _number in editor.rows(form):
        if shortcoming_id is not None:
            shortcoming = existing[shortcoming_id]
            before = snapshot(shortcoming, SHORTCOMING_FIELDS)
            if not text:
                db.session.delete(shortcoming)
                flush_or_409()
                audit.record("shortcoming", shortcoming_id, "delete", before, None)
                continue
            kept.append(shortcoming)
            if (shortcoming.text, shortcoming.expected_fix) != (text, fix):
                shortcoming.text, shortcoming.expected_fix = text, fix
                flush_or_409()
                audit.record("shortcoming", shortcoming.id, "update", before,
                             snapshot(shortcoming, SHORTCOMING_FIELDS))
        elif text:
            shortcoming = Shortcoming(person_id=editor.person.id, raised_in_id=review.id,
                                      raised_month_id=editor.month.id, text=text, expected_fix=fix)
            db.session.add(shortcoming)
            flush_or_409()
            audit.record("shortcoming", shortcoming.id, "create", None, snapshot(shortcoming, SHORTCOMING_FIELDS))
            kept.append(shortcoming)
    posted = {shortcoming_id for shortcoming_id, *_rest in editor.rows(form) if shortcoming_id is not None}
    # Rows the form did not carry (none, unless it was cut short) stay as they were.
    return kept + [s for s in editor.raised if s.id not in posted]
