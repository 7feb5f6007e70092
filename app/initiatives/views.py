"""Initiatives (sáng kiến), new solutions and research: the list, registering one, editing it, submitting it.

The leaders' decision and the award mark are in decisions.py, attached files in files.py (routes on this bp).
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError
from wtforms import SelectChoice

from app import audit, htmx, roster
from app.clock import today, utcnow
from app.domain import initiatives as rules
from app.errors import error_response
from app.extensions import db
from app.initiatives.forms import NONE, AwardForm, InitiativeForm, UnmarkAwardForm, VersionForm
from app.initiatives.labels import state_label
from app.initiatives.panels import initiative_panel
from app.models import Initiative, InitiativeAuthor, Person, Year
from app.models.initiatives import INITIATIVE_KINDS, INITIATIVE_STATES
from app.permissions import can_recognise_initiatives, role_of
from app.permissions import initiatives as access

bp = Blueprint("initiatives", __name__, url_prefix="/initiatives")

FIELDS = ("year", "kind", "title", "problem", "solution", "benefit", "status", "level", "decision_number",
          "decided_on", "scope", "rejection_reason", "used_for_award")
TEXT_FIELDS = ("title", "kind", "year", "problem", "solution", "benefit")
PAGE = "initiatives/show.html"
STATUS = "initiatives/partials/status.html"
FORM_PAGE = "initiatives/form.html"
FORM = "initiatives/partials/form.html"
# Roles that may see other people's initiatives, and so get the "only mine" filter.
SEES_OTHERS = ("head", "leader", "chief", "admin")


def snapshot(initiative: Initiative) -> dict:
    values = audit.snapshot(initiative, FIELDS)
    values["authors"] = [author.person_id for author in initiative.authors]
    return values


def render(page: str, partial: str, status: int = 200, **context):
    """htmx.render with what every initiatives template needs (the state names of research differ)."""
    return htmx.render(page, partial, status, state_label=state_label, **context)


def conflict(message: str):
    """Refuse with 409 and say why: the record is no longer in the state the page showed."""
    abort(error_response(409, message))


def saved_or_conflict(initiative: Initiative) -> None:
    """Flush, turning a concurrent save (the version column moved under us) into a 409, nothing written."""
    try:
        db.session.flush()
    except StaleDataError:
        db.session.rollback()
        abort(409)


# --- The list ----------------------------------------------------------------------------------------------------

def list_args() -> dict[str, str]:
    """The list's filters from the query string; unknown values are ignored rather than refused."""
    args = {}
    if request.args.get("year", "").isdigit():
        args["year"] = request.args["year"]
    if request.args.get("kind") in INITIATIVE_KINDS:
        args["kind"] = request.args["kind"]
    if request.args.get("status") in INITIATIVE_STATES:
        args["status"] = request.args["status"]
    if request.args.get("mine") == "1":
        args["mine"] = "1"
    return args


def _visible(args: dict[str, str]) -> list[Initiative]:
    query = (select(Initiative).order_by(Initiative.year.desc(), Initiative.id.desc())
             .options(selectinload(Initiative.authors).selectinload(InitiativeAuthor.person)))
    if "year" in args:
        query = query.where(Initiative.year == int(args["year"]))
    if "kind" in args:
        query = query.where(Initiative.kind == args["kind"])
    if "status" in args:
        query = query.where(Initiative.status == args["status"])
    if "mine" in args or role_of(current_user) not in SEES_OTHERS:
        mine = select(InitiativeAuthor.initiative_id).where(InitiativeAuthor.person_id == current_user.person_id)
        query = query.where(Initiative.id.in_(mine))
    return [item for item in db.session.scalars(query) if access.can_view(current_user, item)]


def _filter_years() -> list[tuple[int, int]]:
    years = set(db.session.scalars(select(Year.year))) | set(db.session.scalars(select(Initiative.year).distinct()))
    return [(year, year) for year in sorted(years, reverse=True)]


@bp.route("/")
@login_required
def index():
    args = list_args()
    return render("initiatives/index.html", "initiatives/partials/table.html", initiatives=_visible(args),
                  args=args, years=_filter_years(), sees_others=role_of(current_user) in SEES_OTHERS,
                  can_register=access.can_register(current_user))


# --- Registering and editing -------------------------------------------------------------------------------------

def _year_choices(initiative: Initiative | None) -> list[SelectChoice]:
    years = set(db.session.scalars(select(Year.year))) | {today().year}
    if initiative is not None:
        years.add(initiative.year)
    return [SelectChoice(year, str(year)) for year in sorted(years, reverse=True)]


def _people_choices(initiative: Initiative | None, creator_id: int) -> list[SelectChoice]:
    """Active people, plus anyone already an author who has since left (their name must not vanish)."""
    current = {a.person_id for a in initiative.authors} if initiative else set()
    people = db.session.scalars(select(Person).where(Person.active.is_(True) | Person.id.in_(current)))
    return [SelectChoice(NONE, _("— Không chọn —"))] + [
        SelectChoice(p.id, p.full_name) for p in roster.sort_by_name(list(people)) if p.id != creator_id]


def _creator_id(initiative: Initiative | None) -> int:
    if initiative is None:
        return current_user.person_id
    return initiative.created_by_id or initiative.authors[0].person_id


def _form(initiative: Initiative | None = None) -> InitiativeForm:
    form = InitiativeForm(obj=initiative if request.method == "GET" else None)
    co_authors = [a.person_id for a in initiative.authors if a.person_id != _creator_id(initiative)] \
        if initiative else []
    if request.method == "GET":
        form.version.data = initiative.version if initiative else ""
        form.year.data = initiative.year if initiative else today().year
        while len(form.co_authors):
            form.co_authors.pop_entry()
        for person_id in co_authors:
            form.co_authors.append_entry(person_id)
    # A few empty boxes to add co-authors without JavaScript; more appear once these are saved.
    wanted = min(max(3, len(co_authors) + 2), rules.MAX_CO_AUTHORS)
    while len(form.co_authors) < wanted:
        form.co_authors.append_entry(NONE)
    form.year.choices = _year_choices(initiative)
    choices = _people_choices(initiative, _creator_id(initiative))
    for index, entry in enumerate(form.co_authors):
        entry.choices = choices
        entry.label.text = _("Tác giả thứ %(n)s", n=index + 2)  # the creator is the first
    return form


def _check_authors(form: InitiativeForm, creator_id: int) -> rules.AuthorCheck:
    chosen = [entry.data for entry in form.co_authors]
    check = rules.order_authors(creator_id, chosen)
    for position in check.repeated:
        form.co_authors[position].errors.append(_("Người này đã có trong danh sách tác giả."))
    if check.too_many:
        form.co_authors.errors.append(_("Tối đa %(n)s đồng tác giả.", n=rules.MAX_CO_AUTHORS))
    return check


def _apply(form: InitiativeForm, initiative: Initiative, author_ids: tuple[int, ...]) -> None:
    initiative.year = form.year.data
    for name in ("title", "kind", "problem", "solution", "benefit"):
        setattr(initiative, name, getattr(form, name).data or "")  # a field left out of the request is None
    existing = {author.person_id: author for author in initiative.authors}
    initiative.authors = [existing.get(pid) or InitiativeAuthor(person_id=pid) for pid in author_ids]
    for position, author in enumerate(initiative.authors):
        author.position = position
    # Touch the row itself, so that a change of authors alone still moves the version (co-authors' 409).
    initiative.updated_at = utcnow()


def _render_form(form: InitiativeForm, initiative: Initiative | None, status: int = 200, **context):
    return render(FORM_PAGE, FORM, status, form=form, initiative=initiative, **context)


@bp.route("/new")
@login_required
def new():
    access.require(access.can_register(current_user))
    return _render_form(_form(), None)


@bp.route("/", methods=["POST"])
@login_required
def create():
    access.require(access.can_register(current_user))
    form = _form()
    valid = form.validate_on_submit()
    check = _check_authors(form, current_user.person_id)
    if not valid or not check.ok:
        return _render_form(form, None, 422)
    initiative = Initiative(status="draft", created_by_id=current_user.person_id)
    _apply(form, initiative, check.ids)
    db.session.add(initiative)
    db.session.flush()
    audit.record("initiative", initiative.id, "create", None, snapshot(initiative))
    db.session.commit()
    flash(_("Đã lưu “%(title)s”. Khi đủ nội dung, bấm “Gửi đề nghị công nhận”.", title=initiative.title), "success")
    return htmx.redirect(url_for("initiatives.show", initiative_id=initiative.id))


@bp.route("/<int:initiative_id>")
@login_required
def show(initiative_id: int):
    return render_show(access.load_initiative(initiative_id), STATUS)


def render_show(initiative: Initiative, partial: str, status: int = 200, **context):
    context.setdefault("award_form", AwardForm(formdata=None, version=initiative.version))
    context.setdefault("unmark_form", UnmarkAwardForm(formdata=None, version=initiative.version))
    allowed = {
        "edit": access.can_edit(current_user, initiative),
        "submit": access.can_edit(current_user, initiative) and rules.can_submit(initiative.status),
        "decide": can_recognise_initiatives(current_user)
        and rules.can_decide(initiative.status, initiative.used_for_award),
        "mark": can_recognise_initiatives(current_user)
        and rules.can_mark_used(initiative.status, initiative.used_for_award),
        "unmark": can_recognise_initiatives(current_user) and rules.can_unmark_used(initiative.used_for_award),
    }
    return render(PAGE, partial, status, initiative=initiative, allowed=allowed, panel=initiative_panel(initiative),
                  **context)


@bp.route("/<int:initiative_id>/edit")
@login_required
def edit(initiative_id: int):
    initiative = _load_editable(initiative_id)
    return _render_form(_form(initiative), initiative)


def _load_editable(initiative_id: int) -> Initiative:
    initiative = access.load_initiative(initiative_id)
    access.require(access.is_author(current_user, initiative))
    if not rules.can_edit(initiative.status):
        conflict(_("“%(title)s” đã gửi đi: không sửa được nữa (trạng thái: %(state)s).", title=initiative.title,
                   state=state_label(initiative.kind, initiative.status)))
    return initiative


@bp.route("/<int:initiative_id>/edit", methods=["POST"])
@login_required
def update(initiative_id: int):
    initiative = _load_editable(initiative_id)
    form = _form(initiative)
    valid = form.validate_on_submit()
    check = _check_authors(form, _creator_id(initiative))
    if not valid or not check.ok:
        return _render_form(form, initiative, 422)
    if form.version.data != str(initiative.version):
        # Someone (a co-author) saved first: keep this user's text, name what differs, let a second save win.
        changed = _changed_since(form, initiative, check.ids)
        form.version.data = initiative.version
        message = _("Một đồng tác giả vừa lưu “%(title)s” trong lúc bạn sửa. Các mục khác với bản đang lưu: "
                    "%(fields)s. Kiểm tra lại rồi bấm Lưu lần nữa để ghi phần của bạn.", title=initiative.title,
                    fields=", ".join(changed) or _("không có"))
        return _render_form(form, initiative, 409, conflict_fields=changed, notices=[("error", message)])
    before = snapshot(initiative)
    _apply(form, initiative, check.ids)
    saved_or_conflict(initiative)
    audit.record("initiative", initiative.id, "update", before, snapshot(initiative))
    db.session.commit()
    flash(_("Đã lưu “%(title)s”.", title=initiative.title), "success")
    return htmx.redirect(url_for("initiatives.show", initiative_id=initiative.id))


def _changed_since(form: InitiativeForm, initiative: Initiative, author_ids: tuple[int, ...]) -> list[str]:
    changed = [str(getattr(form, name).label.text) for name in TEXT_FIELDS
               if (getattr(form, name).data or "") != (getattr(initiative, name) or "")]
    if list(author_ids) != [author.person_id for author in initiative.authors]:
        changed.append(_("Tác giả"))
    return changed


@bp.route("/<int:initiative_id>/submit", methods=["POST"])
@login_required
def submit(initiative_id: int):
    initiative = access.load_initiative(initiative_id)
    access.require(access.is_author(current_user, initiative))
    form = VersionForm()
    if not rules.can_submit(initiative.status):
        conflict(_("“%(title)s” đã được gửi (trạng thái: %(state)s).", title=initiative.title,
                   state=state_label(initiative.kind, initiative.status)))
    if form.version.data != str(initiative.version):
        conflict(_("“%(title)s” vừa được đồng tác giả sửa. Hãy xem lại nội dung rồi gửi.", title=initiative.title))
    missing = rules.missing_for_submission({name: getattr(initiative, name) for name in rules.REQUIRED_FOR_SUBMISSION})
    if missing:
        labels = InitiativeForm(formdata=None)
        return render_show(initiative, STATUS, 422,
                           submit_problems=[str(getattr(labels, name).label.text) for name in missing])
    before = snapshot(initiative)
    initiative.status = "submitted"
    initiative.submitted_at = utcnow()
    # A new submission starts clean: the earlier refusal stays in the audit trail, not on the page.
    initiative.rejection_reason = ""
    initiative.decided_by_id = None
    saved_or_conflict(initiative)
    audit.record("initiative", initiative.id, "submit", before, snapshot(initiative))
    db.session.commit()
    flash(_("Đã gửi “%(title)s” để lãnh đạo Ban xem xét công nhận.", title=initiative.title), "success")
    return htmx.redirect(url_for("initiatives.show", initiative_id=initiative.id))


from app.initiatives import decisions, files  # noqa: E402,F401  (routes on bp)
