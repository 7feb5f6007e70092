"""What the initiatives area calls its codes on screen, beyond the shared ones in app.labels."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.labels import INITIATIVE_STATE_LABELS

# Research is accepted (nghiệm thu) rather than recognised; the codes stay the same.
RESEARCH_STATE_LABELS = {
    **INITIATIVE_STATE_LABELS,
    "recognised": _l("Đã nghiệm thu"),
    "rejected": _l("Không nghiệm thu"),
}

OUTCOME_CHOICES = {
    "recognised": _l("Công nhận (nghiệm thu, với đề tài)"),
    "rejected": _l("Không công nhận"),
}


def state_label(kind: str, status: str) -> str:
    labels = RESEARCH_STATE_LABELS if kind == "research" else INITIATIVE_STATE_LABELS
    return str(labels[status])
