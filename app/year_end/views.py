"""The year-end blueprint; its routes live in sibling modules on this blueprint: the unit's year at a glance
(unit_views), one person's year (person_views) and its what-if (whatif), the Hoàn thành xuất sắc quota decided by
the leaders (quota_views), the bình xét meeting (meeting_views), and the year's documents (documents_views)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("year_end", __name__, url_prefix="/year-end")


@bp.app_template_filter("reason_parts")
def reason_parts(reason: str) -> tuple[str, str]:
    """A reason of the assessment split into its sentence and the article or setting it cites (the engine ends
    each reason with the citation in parentheses, which may hold parentheses of its own)."""
    text = reason.rstrip()
    end = len(text) - 2 if text.endswith(").") else len(text) - 1 if text.endswith(")") else -1
    depth = 0
    for index in range(end, -1, -1):
        if text[index] == ")":
            depth += 1
        elif text[index] == "(":
            depth -= 1
            if depth == 0:
                return text[:index].rstrip() + ".", text[index + 1:end]
    return reason, ""


from app.year_end import (  # noqa: E402,F401  (routes on bp)
    documents_views,
    meeting_views,
    person_views,
    quota_views,
    unit_views,
    whatif,
)
