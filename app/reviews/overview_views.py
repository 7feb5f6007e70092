"""The year overview: a heatmap of people × twelve months (the level and the score, each cell leading to that
person's month), the levels given month by month, and what is still pending in the months under way. One page for
the screen and for paper (A4 landscape)."""

from __future__ import annotations

from decimal import Decimal

from flask import abort, get_template_attribute, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from markupsafe import Markup, escape

from app import htmx
from app.commitments.forms import points_text
from app.permissions import can_view_person
from app.reviews import overview as overview_data
from app.reviews.views import bp

PAGE = "reviews/overview.html"
BODY = "reviews/partials/overview_body.html"
CELL = "reviews/partials/overview_cell.html"

# A cell has room for a short code only; the legend spells each one out (labels.LEVEL_LABELS, LEAVE_LABELS).
LEVEL_CODES = {"htxs": _l("HTXS"), "htt": _l("HTT"), "ht": _l("HT"), "kht": _l("KHT")}
LEAVE_CODES = {"maternity": _l("TS"), "sick": _l("Ốm"), "other": _l("Nghỉ")}

_PERSON_ID = 987654321  # stands for the person's id while a month's link is built once
_HREF = "\x00"  # stands for a cell's link while the cell is rendered once


def _person_links(year: int, months) -> list[tuple[str, str] | None]:
    """For each month in order, the link to a person's month cut around the person's id (None for a month not
    opened): one url_for per month, not one per cell."""
    links = []
    for month in months:
        url = str(escape(url_for("reviews.person_review", year=year, month=month.number, person_id=_PERSON_ID)))
        head, _sep, tail = url.partition(str(_PERSON_ID))
        links.append((head, tail) if month.state != "not_open" else None)
    return links


def _board_links(year: int, months) -> dict[int, str]:
    return {month.number: url_for("reviews.board", year=year, month=month.number) for month in months
            if month.state != "not_open"}


def _cells_html(data: overview_data.Overview, links, level_codes, leave_codes) -> dict[int, Markup]:
    """Each person's twelve cells as markup. A unit's cells repeat a few hundred (level, score) pairs: each distinct
    cell is rendered once through the template's macro, its link cut out, and joined back per person."""
    render_cell = get_template_attribute(CELL, "cell")
    shapes: dict[tuple[overview_data.Cell, bool], tuple[str, str]] = {}
    score_texts: dict[str, str] = {}
    result = {}
    for group in data.groups:
        for row in group.rows:
            person_id = str(row.person.id)
            parts = []
            for cell, link in zip(row.cells, links, strict=True):
                linked = link is not None and cell.kind != "none"
                shape = shapes.get((cell, linked))
                if shape is None:
                    if cell.score is not None and cell.score not in score_texts:
                        score_texts[cell.score] = points_text(Decimal(cell.score))
                    html = str(render_cell(cell, _HREF if linked else None, level_codes, leave_codes,
                                           score_texts.get(cell.score)))
                    before, _sep, after = html.partition(_HREF)
                    shape = shapes[(cell, linked)] = (before, after)
                parts.append(f"{shape[0]}{link[0]}{person_id}{link[1]}{shape[1]}" if linked else shape[0])
            cells = "".join(parts)
            result[row.person.id] = Markup(cells)  # noqa: S704  # nosec B704 # escaped template output, escaped URLs, int ids
    return result


@bp.route("/<int:year>/overview")
@login_required
def overview(year: int):
    years = overview_data.all_years()
    record = next((y for y in years if y.year == year), None)
    if record is None:
        abort(404)
    department_id = request.args.get("department", type=int)
    account = current_user._get_current_object()  # asked once per person: 2,000 times through the proxy adds up
    data = overview_data.build(record, lambda person: can_view_person(account, person), department_id)
    # Resolved once per request, not once per cell.
    level_codes = {code: str(text) for code, text in LEVEL_CODES.items()}
    leave_codes = {code: str(text) for code, text in LEAVE_CODES.items()}
    return htmx.render(
        PAGE, BODY, overview=data, years=years,
        cells_html=_cells_html(data, _person_links(year, data.months), level_codes, leave_codes),
        board_links=_board_links(year, data.months), level_codes=level_codes, leave_codes=leave_codes,
    )
