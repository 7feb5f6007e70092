"""What the year-end assessment knows of a person's year, read from the year file once: months worked and not,
the annual score and level, discipline, pending cases, the leaders' decision; and the small pure helpers the
assessment and the screens share (numbers and dates the Vietnamese way, the most common level, shares)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_DOWN, Decimal

from app.domain.discipline import FORMS
from app.domain.rulebooks import LEVELS, Rulebook, TitleRules, setting
from app.domain.scoring import level_for_score, round_one_decimal

FORMAT = "tdkt-assessment/1"
PERSON_TITLES = ("ldtt", "cstdcs", "cstd_tp", "bang_khen_tp", "giay_khen")
UNIT_TITLES = ("ttldtt", "ttldxs", "bang_khen_tp")
WORKED_LEAVE = (None, "maternity")  # maternity leave counts as time worked
NAMES_SHOWN = 10  # people named in a unit reason before "và N người khác"
# The `months_off_cap` setting (NĐ 90/2020 as amended by NĐ 48/2023): a rated person off work (sick or other leave)
# from CAP_MONTHS_OFF[0] to under CAP_MONTHS_OFF[1] months in the year is rated no higher than CAP_LEVEL. The window
# is the decree's, so the setting only switches the rule on or off.
CAP_SETTING = "months_off_cap"
CAP_MONTHS_OFF = (3, 6)
CAP_LEVEL = "ht"

FORM_NAMES = {"khien_trach": "khiển trách", "canh_cao": "cảnh cáo", "ha_bac_luong": "hạ bậc lương",
              "giang_chuc": "giáng chức", "cach_chuc": "cách chức", "buoc_thoi_viec": "buộc thôi việc"}
PENDING_NAMES = {"discipline": "đang xem xét kỷ luật", "inspection": "đang thanh tra",
                 "investigation": "đang điều tra", "complaint": "đang giải quyết khiếu nại, tố cáo"}
SCOPE_NAMES = {"co_so": "cấp cơ sở", "thanh_pho": "cấp thành phố"}
SETTING_NAMES = {
    "min_months_worked": "số tháng làm việc tối thiểu để được xếp loại",
    "htxs_quota_percent": "tỷ lệ Hoàn thành xuất sắc nhiệm vụ",
    "htxs_quota_percent_outstanding": "tỷ lệ Hoàn thành xuất sắc nhiệm vụ của đơn vị xuất sắc",
    "htxs_in_denominator": "tính người Hoàn thành xuất sắc nhiệm vụ vào mẫu số",
    "council_vote_percent": "tỷ lệ phiếu bầu của Hội đồng",
    "ldtt_min_months": "số tháng làm việc tối thiểu để xét “Lao động tiên tiến”",
    "ttld_percent": "tỷ lệ thành viên đạt “Lao động tiên tiến”",
    "registration_required": "phải đăng ký thi đua",
    CAP_SETTING: "mức năm không cao hơn Hoàn thành nhiệm vụ khi nghỉ từ 3 tháng đến dưới 6 tháng",
}


# --- Small pure helpers the screens may use too ----------------------------------------------------------------

def as_date(value) -> date | None:
    """A date from the file ("YYYY-MM-DD"), a date, or None."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def annual_score(scores: list[Decimal]) -> Decimal | None:
    """The mean of the monthly scores, rounded to one decimal half away from zero (89.95 → 90.0)."""
    if not scores:
        return None
    return round_one_decimal(sum(scores, Decimal(0)) / len(scores))


def most_common_level(levels: list[str]) -> str | None:
    """The level given in most months; a tie goes to the lower level."""
    counts = Counter(level for level in levels if level in LEVELS)
    if not counts:
        return None
    return max(counts, key=lambda level: (counts[level], LEVELS.index(level)))


def at_least(level: str | None, minimum: str) -> bool:
    return level is not None and LEVELS.index(level) <= LEVELS.index(minimum)


def at_most(level: str | None, ceiling: str) -> str | None:
    """`level`, lowered to `ceiling` when it is higher (None stays None)."""
    if level is None or at_least(ceiling, level):
        return level
    return ceiling


def share_met(count: int, members: int, percent: Decimal) -> bool:
    """count / members ≥ percent %, exactly (no float): 7 of 10 meets 70."""
    return members > 0 and Decimal(count) * 100 >= percent * members


def share_percent(count: int, members: int, percent) -> Decimal:
    """count / members in per cent as it is shown beside the threshold `percent`: rounded down, to one decimal or
    to as many as the threshold has, so that it never reads as reaching a threshold it misses (1399 of 2000 is
    69,9 against 70, not 70,0; 2 of 3 is 66,66 against 66,67). The verdict itself is share_met's, exact."""
    places = max(1, -Decimal(str(percent)).normalize().as_tuple().exponent)
    return (Decimal(count) * 100 / members).quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN)


def employed_months(employed_from: date | None, employed_to: date | None, year: int) -> range:
    """The months of `year` in which the person was employed for at least a day."""
    first = 1 if employed_from is None or employed_from.year < year else (
        employed_from.month if employed_from.year == year else 13)
    last = 12 if employed_to is None or employed_to.year > year else (
        employed_to.month if employed_to.year == year else 0)
    return range(first, last + 1)


def number_text(value) -> str:
    """A number the Vietnamese way: 90,0; 66,67; 70 (no trailing ",0" for a whole setting)."""
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    return text.replace(".", ",")


def setting_number(value) -> Decimal:
    return Decimal(str(value))


def setting_flag(value) -> bool:
    if isinstance(value, str):
        return value.strip().casefold() in ("1", "true", "yes", "có", "on")
    return bool(value)


def months_text(months: list[int]) -> str:
    return ", ".join(str(month) for month in months)


def names_text(names: list[str]) -> str:
    if len(names) <= NAMES_SHOWN:
        return ", ".join(names)
    return ", ".join(names[:NAMES_SHOWN]) + f" và {len(names) - NAMES_SHOWN} người khác"


def dmy(value: date) -> str:
    return value.strftime("%d/%m/%Y")


# --- What assessing needs to know ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Settings:
    """The rulebook's settings as the unit adjusted them for the year, and how a reason names them."""

    book: Rulebook
    overrides: dict | None
    year: int

    def has(self, name: str) -> bool:
        """The rulebook has the setting, or the unit set it for the year (a rulebook written before it has not)."""
        return name in self.book.settings or bool(self.overrides and name in self.overrides)

    def value(self, name: str):
        if not self.has(name):
            raise KeyError(f"rulebook {self.book.code}: no setting {name!r}")
        return setting(self.book, self.overrides, name)

    def cite(self, name: str, full: bool = True) -> str:
        """The setting named with its source (`full`), and the unit's adjustment for the year when it made one."""
        label = SETTING_NAMES.get(name, name)
        adjusted = self.overrides and name in self.overrides
        if not full:
            return f"cài đặt {label}{' do đơn vị điều chỉnh' if adjusted else ''}"
        source = self.book.settings[name].source if name in self.book.settings else ""
        if adjusted:
            return f"cài đặt {label} do đơn vị điều chỉnh cho năm {self.year}; quy định gốc: {source}"
        return f"cài đặt {label}: {source}"


@dataclass
class PersonYear:
    """One person's year as the assessment sees it (filled by person_facts, then the titles)."""

    code: str
    name: str
    months_worked: int = 0
    maternity: int = 0
    not_worked: list[int] = field(default_factory=list)  # sick or other leave
    gaps: list[int] = field(default_factory=list)  # employed, no record: not reviewed
    rated: bool = False
    capped: bool = False  # rated, off work within CAP_MONTHS_OFF with the setting on: no level above CAP_LEVEL
    score: Decimal | None = None
    counted_months: int = 0  # months with a score (scored) or a level (levels only)
    level_counts: Counter | None = None
    computed: str | None = None  # the level from scores or monthly levels, before discipline
    level: str | None = None  # `level` of the output
    decided: str | None = None
    decided_note: str = ""
    disciplines: list[tuple[str, date]] = field(default_factory=list)  # (form, decided_on) in the year
    earlier_disciplines: list[tuple[str, date]] = field(default_factory=list)  # before the year, still running
    pending: list[str] = field(default_factory=list)
    registered: bool = False
    basis: str | None = None  # the level titles are judged on
    titles: dict[str, tuple[bool, list[str]]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.code})" if self.name else self.code


class Index:
    """The file's lists, grouped by person once."""

    def __init__(self, doc: dict):
        self.months: dict[str, dict[int, dict]] = defaultdict(dict)
        for record in doc.get("months") or ():
            self.months[record["person"]][int(record["month"])] = record
        self.initiatives: dict[str, list[dict]] = defaultdict(list)
        for initiative in doc.get("initiatives") or ():
            for author in initiative.get("authors") or ():
                self.initiatives[author].append(initiative)
        self.research: dict[str, list[dict]] = defaultdict(list)
        for work in doc.get("research") or ():
            for author in work.get("authors") or ():
                self.research[author].append(work)
        self.discipline: dict[str, list[dict]] = defaultdict(list)
        for record in doc.get("discipline") or ():
            self.discipline[record["person"]].append(record)
        self.pending: dict[str, list[str]] = defaultdict(list)
        for case in doc.get("pending") or ():
            self.pending[case["person"]].append(case["kind"])
        self.annual = {entry["person"]: entry for entry in doc.get("annual") or ()}
        self.registered = {entry["person"] for entry in doc.get("registrations") or ()}
        # (person code or None for the unit, year, title) → the decision
        self.history = {(entry.get("person"), int(entry["year"]), entry["title"]): entry.get("decision") or ""
                        for entry in doc.get("history") or ()}


# --- The person's year -----------------------------------------------------------------------------------------

def person_facts(raw: dict, index: Index, book: Rulebook, year: int, min_months: int,
                 cap: bool = False) -> PersonYear:
    """Months worked, rated or not, the annual score and level, discipline and pending cases of one person. `cap`:
    the `months_off_cap` setting is on."""
    code = raw["code"]
    name = " ".join(part for part in (raw.get("family_name"), raw.get("middle_name"), raw.get("given_name")) if part)
    person = PersonYear(code, name)
    records = index.months.get(code, {})
    person.gaps = [month for month in employed_months(as_date(raw.get("employed_from")),
                                                      as_date(raw.get("employed_to")), year)
                   if month not in records]
    scores, levels = [], []
    for month in sorted(records):
        record = records[month]
        leave = record.get("leave")
        if leave not in WORKED_LEAVE:
            person.not_worked.append(month)
            continue
        person.months_worked += 1
        if leave == "maternity":
            person.maternity += 1
            continue
        if book.is_scored:
            if record.get("score") is not None:
                scores.append(Decimal(str(record["score"])))
        elif record.get("level"):
            levels.append(record["level"])
    person.rated = person.months_worked >= min_months
    person.capped = cap and person.rated and CAP_MONTHS_OFF[0] <= len(person.not_worked) < CAP_MONTHS_OFF[1]

    for record in index.discipline.get(code, ()):
        decided_on = as_date(record["decided_on"])
        if record["form"] not in FORMS or decided_on is None:
            continue
        if decided_on.year == year:
            person.disciplines.append((record["form"], decided_on))
        elif decided_on.year < year and (record.get("ends_on") is None or as_date(record["ends_on"]).year >= year):
            person.earlier_disciplines.append((record["form"], decided_on))
    cases = set(index.pending.get(code, ()))
    person.pending = [kind for kind in PENDING_NAMES if kind in cases] + sorted(cases - set(PENDING_NAMES))
    person.registered = code in index.registered
    annual = index.annual.get(code)
    if annual and annual.get("level") in LEVELS:
        person.decided = annual["level"]
        person.decided_note = (annual.get("note") or "").strip()

    if book.is_scored:
        person.score = annual_score(scores)
        person.counted_months = len(scores)
        person.computed = level_for_score(person.score, book) if person.score is not None else None
    else:
        person.level_counts = Counter(level for level in levels if level in LEVELS)
        person.counted_months = sum(person.level_counts.values())
        person.computed = most_common_level(levels)
    if not person.rated:
        person.score = None
        return person
    if person.disciplines:
        person.level = person.basis = LEVELS[-1]
    elif person.capped:  # neither the scores nor the leaders' decision lift it, as with discipline
        person.level = at_most(person.computed, CAP_LEVEL)
        person.basis = at_most(person.decided or person.level, CAP_LEVEL)
    else:
        person.level = person.computed
        person.basis = person.decided or person.level
    return person


@dataclass(frozen=True)
class Context:
    """What judging a title needs besides the person: the rules, the settings, the file's index, the quota."""

    doc: dict
    book: Rulebook
    rules: TitleRules
    settings: Settings
    index: Index
    year: int
    quota_over: bool
    quota_count: int
    quota_text: str


def level_name(book: Rulebook, level: str) -> str:
    return book.level(level).name
