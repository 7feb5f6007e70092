"""The person titles: “Lao động tiên tiến”, “Chiến sĩ thi đua cơ sở”, “Chiến sĩ thi đua thành phố”, Bằng khen của
Chủ tịch Ủy ban nhân dân Thành phố and Giấy khen, each with its reasons (yes or no, each naming its article or the
setting it applies). Every title first needs the person rated, with no pending case (and registered, where the
unit's setting requires it)."""

from __future__ import annotations

from app.domain.rulebooks import LEVELS, Rulebook, TitleRule, TitleRules
from app.domain.year_end.facts import (
    CAP_LEVEL,
    CAP_MONTHS_OFF,
    CAP_SETTING,
    FORM_NAMES,
    PENDING_NAMES,
    SCOPE_NAMES,
    Context,
    PersonYear,
    Settings,
    as_date,
    at_least,
    dmy,
    level_name,
    months_text,
    number_text,
    setting_flag,
    setting_number,
)


def _gate(person: PersonYear, year: int, settings: Settings, rules: TitleRules) -> tuple[bool, list[str]]:
    """What every person title needs first: being rated, no pending case, a registration where required."""
    reasons = []
    minimum = settings.value("min_months_worked")
    maternity = (f", trong đó {person.maternity} tháng nghỉ thai sản được tính là thời gian làm việc "
                 f"({rules.source('maternity_source')})" if person.maternity else "")
    if person.rated:
        reasons.append(f"Làm việc {person.months_worked} tháng trong năm {year}{maternity}, đủ {number_text(minimum)} "
                       f"tháng để được xếp loại ({settings.cite('min_months_worked')}).")
    else:
        reasons.append(f"Không được xếp loại năm {year}: chỉ làm việc {person.months_worked} tháng{maternity}, dưới "
                       f"{number_text(minimum)} tháng ({settings.cite('min_months_worked')}); người không được xếp "
                       "loại thì không được xét danh hiệu.")
    if person.not_worked:
        reasons.append(f"Tháng {months_text(person.not_worked)} nghỉ ốm hoặc nghỉ khác: không tính là tháng làm việc "
                       f"({settings.cite('min_months_worked', full=False)}).")
    if person.gaps:
        reasons.append(f"Tháng {months_text(person.gaps)} chưa có kết quả đánh giá: không tính là tháng làm việc "
                       f"({settings.cite('min_months_worked', full=False)}).")
    ok = person.rated
    if person.pending:
        kinds = "; ".join(PENDING_NAMES.get(kind, kind) for kind in person.pending)
        reasons.append(f"Có vụ việc chưa kết thúc ({kinds}): không xét khen thưởng trong thời gian này "
                       f"({rules.source('pending_source')}).")
        ok = False
    if setting_flag(settings.value("registration_required")):
        if person.registered:
            reasons.append(f"Đã đăng ký thi đua đầu năm ({settings.cite('registration_required')}).")
        else:
            reasons.append(f"Không đăng ký thi đua đầu năm: không được xét danh hiệu "
                           f"({settings.cite('registration_required')}).")
            ok = False
    return ok, reasons


def _cap_reasons(person: PersonYear, book: Rulebook, settings: Settings, year: int) -> list[str]:
    """With the `months_off_cap` setting on, what the months off do to the level (nothing said when it is off)."""
    if not (person.not_worked and settings.has(CAP_SETTING) and setting_flag(settings.value(CAP_SETTING))):
        return []
    low, high = CAP_MONTHS_OFF
    cap_name = level_name(book, CAP_LEVEL)
    told = (f"Nghỉ ốm hoặc nghỉ khác {len(person.not_worked)} tháng trong năm {year} "
            f"(tháng {months_text(person.not_worked)})")
    if person.capped:
        if person.computed and not at_least(CAP_LEVEL, person.computed):
            what = f"mức năm là {cap_name} thay cho {level_name(book, person.computed)}"
        else:
            what = f"mức năm không cao hơn {cap_name}"
        return [f"{told}, từ {low} tháng đến dưới {high} tháng: {what} ({settings.cite(CAP_SETTING)})."]
    where = f"dưới {low} tháng" if len(person.not_worked) < low else f"từ {high} tháng trở lên"
    return [f"{told}, {where}: không thuộc trường hợp mức năm không cao hơn {cap_name} "
            f"({settings.cite(CAP_SETTING, full=False)})."]


def _basis_reasons(person: PersonYear, book: Rulebook, rules: TitleRules, settings: Settings,
                   year: int) -> list[str]:
    """Why the titles are judged on this level (or on none)."""
    reasons = []
    annual_source = rules.source("annual_level_source")
    if book.is_scored and person.score is not None:
        reasons.append(f"Điểm năm {number_text(person.score)}: trung bình cộng điểm của {person.counted_months} tháng "
                       f"có điểm, làm tròn đến một chữ số thập phân, thuộc mức {book.level(person.computed).name} "
                       f"({annual_source}).")
    elif not book.is_scored and person.computed is not None:
        counts = "; ".join(f"{book.level(level).name}: {person.level_counts[level]} tháng"
                           for level in LEVELS if person.level_counts[level])
        reasons.append(f"Mức năm theo các tháng: {book.level(person.computed).name}, mức có nhiều tháng nhất ({counts}); "
                       f"bằng nhau thì lấy mức thấp hơn ({annual_source}).")
    for form, decided_on in person.earlier_disciplines:
        reasons.append(f"Quyết định kỷ luật {FORM_NAMES[form]} ngày {dmy(decided_on)} không đề ngày trong năm {year} "
                       f"nên không làm mức năm thành {book.level(LEVELS[-1]).name} "
                       f"({rules.source('discipline_source')}).")
    if person.disciplines:
        told = "; ".join(f"{FORM_NAMES[form]} theo quyết định ngày {dmy(decided_on)}"
                         for form, decided_on in person.disciplines)
        reasons.append(f"Bị kỷ luật trong năm ({told}): mức năm là {book.level(LEVELS[-1]).name} dù điểm hay mức "
                       f"các tháng thế nào ({rules.source('discipline_source')}).")
        if person.decided and person.decided != LEVELS[-1]:
            reasons.append(f"Mức lãnh đạo quyết định ({book.level(person.decided).name}) không áp dụng vì người này "
                           f"bị kỷ luật trong năm ({rules.source('discipline_source')}).")
        return reasons
    reasons += _cap_reasons(person, book, settings, year)
    if person.decided and person.capped and not at_least(CAP_LEVEL, person.decided):
        reasons.append(f"Mức lãnh đạo quyết định ({book.level(person.decided).name}) không áp dụng vì người này nghỉ "
                       f"từ {CAP_MONTHS_OFF[0]} tháng đến dưới {CAP_MONTHS_OFF[1]} tháng trong năm: các danh hiệu được "
                       f"xét theo mức {level_name(book, CAP_LEVEL)} ({settings.cite(CAP_SETTING, full=False)}).")
    elif person.decided:
        note = f" — {person.decided_note}" if person.decided_note else ""
        reasons.append(f"Lãnh đạo quyết định mức năm: {book.level(person.decided).name}{note}; các danh hiệu được xét "
                       f"theo mức này ({annual_source}).")
    elif person.basis is None:
        what = "có điểm" if book.is_scored else "được xếp loại"
        reasons.append(f"Không có tháng nào {what} và lãnh đạo chưa quyết định mức năm: chưa có mức để xét danh hiệu "
                       f"({annual_source}).")
    return reasons


def _level_check(person: PersonYear, rule: TitleRule, ctx: Context) -> tuple[bool, str]:
    minimum = level_name(ctx.book, rule.param("min_level"))
    if person.basis is None:
        return False, f"Chưa có mức xếp loại năm nên chưa xét được {rule.name} (cần {minimum} trở lên; {rule.source})."
    verdict = "đạt" if at_least(person.basis, rule.param("min_level")) else "chưa đạt"
    return (verdict == "đạt",
            f"Mức {level_name(ctx.book, person.basis)} {verdict} yêu cầu của {rule.name}: từ {minimum} trở lên "
            f"({rule.source}).")


def _ldtt(person: PersonYear, gate: tuple[bool, list[str]], basis: list[str], ctx: Context) -> tuple[bool, list[str]]:
    rule = ctx.rules.person["ldtt"]
    ok, reasons = gate[0], list(gate[1])
    if not person.rated:
        return False, reasons
    reasons += basis
    level_ok, reason = _level_check(person, rule, ctx)
    reasons.append(reason)
    minimum = setting_number(ctx.settings.value("ldtt_min_months"))
    months_ok = True
    if minimum > 0:
        months_ok = person.months_worked >= minimum
        verdict = "đủ" if months_ok else "chưa đủ"
        reasons.append(f"Làm việc {person.months_worked} tháng, {verdict} {number_text(minimum)} tháng để xét "
                       f"{rule.name} ({ctx.settings.cite('ldtt_min_months')}).")
    return ok and level_ok and months_ok, reasons


def _in_year(value, first: int, last: int) -> bool:
    day = as_date(value)
    return day is not None and first <= day.year <= last


def _initiative_text(initiative: dict) -> str:
    decision = f", quyết định {initiative['decision']}" if initiative.get("decision") else ""
    return (f"sáng kiến “{initiative.get('title', '')}” ({SCOPE_NAMES.get(initiative.get('level'), 'chưa rõ cấp')}"
            f", công nhận ngày {dmy(as_date(initiative['decided_on']))}{decision})")


def _cstdcs(person: PersonYear, gate: tuple[bool, list[str]], basis: list[str], ctx: Context,
            ldtt: bool) -> tuple[bool, list[str]]:
    rule, ldtt_name = ctx.rules.person["cstdcs"], ctx.rules.person["ldtt"].name
    ok, reasons = gate[0], list(gate[1])
    if not person.rated:
        return False, reasons
    reasons += basis
    reasons.append(f"{'Đạt' if ldtt else 'Chưa đạt'} {ldtt_name}, điều kiện bắt buộc của {rule.name} ({rule.source}).")
    top = rule.param("top_level")
    ways = []
    if person.basis == top:
        ways.append("level")
        reasons.append(f"Mức năm {level_name(ctx.book, top)}: đạt một trong các điều kiện của {rule.name} "
                       f"({rule.source}).")
        if ctx.quota_over and not person.decided and not person.disciplines:
            reasons.append(f"Số người đạt mức {level_name(ctx.book, top)} ({ctx.quota_count}) vượt số được phép "
                           f"({ctx.quota_text}): lãnh đạo cần quyết định người giữ mức này.")
    else:
        reasons.append(f"Mức năm không phải {level_name(ctx.book, top)} ({rule.source}).")
    recognised = [item for item in ctx.index.initiatives.get(person.code, ()) if item.get("status") == "recognised"]
    this_year = [item for item in recognised if _in_year(item.get("decided_on"), ctx.year, ctx.year)]
    if this_year:
        ways.append("initiative")
        reasons.append(f"Có sáng kiến được công nhận trong năm {ctx.year}: "
                       f"{'; '.join(_initiative_text(item) for item in this_year)} ({rule.source}).")
    else:
        reasons.append(f"Không có sáng kiến được công nhận trong năm {ctx.year} ({rule.source}).")
    for item in recognised:
        if as_date(item.get("decided_on")) is None:
            reasons.append(f"Sáng kiến “{item.get('title', '')}” được ghi là đã công nhận nhưng không có ngày quyết "
                           f"định: không được tính ({rule.source}).")
    works = ctx.index.research.get(person.code, ())
    accepted = [work for work in works if _in_year(work.get("accepted_on"), ctx.year, ctx.year)]
    if accepted:
        ways.append("research")
        told = "; ".join(f"“{work.get('title', '')}” (nghiệm thu ngày {dmy(as_date(work['accepted_on']))})"
                         for work in accepted)
        reasons.append(f"Có đề tài, đề án khoa học được nghiệm thu trong năm {ctx.year}: {told} ({rule.source}).")
    else:
        reasons.append(f"Không có đề tài, đề án khoa học được nghiệm thu trong năm {ctx.year} ({rule.source}).")
    for work in works:
        if as_date(work.get("accepted_on")) is None:
            reasons.append(f"Đề tài “{work.get('title', '')}” không có ngày nghiệm thu: không được tính "
                           f"({rule.source}).")
    if not ways:
        reasons.append(f"Không đạt điều kiện nào trong ba điều kiện (mức {level_name(ctx.book, top)}, sáng kiến được "
                       f"công nhận, đề tài được nghiệm thu) của {rule.name} ({rule.source}).")
    eligible = ok and ldtt and bool(ways)
    if eligible:
        percent = number_text(setting_number(ctx.settings.value("council_vote_percent")))
        reasons.append(f"Còn cần Hội đồng Thi đua – Khen thưởng bỏ phiếu kín đạt từ {percent}% trở lên "
                       f"({ctx.settings.cite('council_vote_percent')}).")
    return eligible, reasons


def earlier_years(person_code: str | None, title: str, title_name: str, years: int, ctx: Context,
                   source: str) -> tuple[bool, list[str]]:
    """The title in each of the `years - 1` years before this one, from the file's history."""
    ok, reasons = True, []
    for earlier in range(ctx.year - 1, ctx.year - years, -1):
        key = (person_code, earlier, title)
        if key in ctx.index.history:
            decision = ctx.index.history[key]
            told = f" theo quyết định {decision}" if decision else ""
            reasons.append(f"Năm {earlier}: đã đạt {title_name}{told} ({source}).")
        else:
            ok = False
            reasons.append(f"Năm {earlier}: không có {title_name} trong lịch sử khen thưởng ({source}).")
    return ok, reasons


def _cstd_tp(person: PersonYear, gate: tuple[bool, list[str]], ctx: Context, cstdcs: bool) -> tuple[bool, list[str]]:
    rule, cstdcs_name = ctx.rules.person["cstd_tp"], ctx.rules.person["cstdcs"].name
    ok, reasons = gate[0], list(gate[1])
    if not person.rated:
        return False, reasons
    years = int(rule.param("consecutive_years"))
    reasons.append(f"{rule.name} cần {years} năm liên tục đạt {cstdcs_name} và sáng kiến "
                   f"{SCOPE_NAMES.get(rule.param('initiative_scope'), rule.param('initiative_scope'))} ({rule.source}).")
    reasons.append(f"Năm {ctx.year}: {'đạt' if cstdcs else 'chưa đạt'} {cstdcs_name} ({rule.source}).")
    history_ok, told = earlier_years(person.code, "cstdcs", cstdcs_name, years, ctx, rule.source)
    reasons += told
    window = int(rule.param("initiative_years"))
    first = ctx.year - window + 1
    scope = rule.param("initiative_scope")
    found = [item for item in ctx.index.initiatives.get(person.code, ())
             if item.get("status") == "recognised" and item.get("level") == scope
             and _in_year(item.get("decided_on"), first, ctx.year)]
    if found:
        reasons.append(f"Có sáng kiến {SCOPE_NAMES.get(scope, scope)} được công nhận từ năm {first} đến năm {ctx.year}: "
                       f"{'; '.join(_initiative_text(item) for item in found)} ({rule.source}).")
    else:
        reasons.append(f"Không có sáng kiến {SCOPE_NAMES.get(scope, scope)} được công nhận từ năm {first} đến năm "
                       f"{ctx.year} ({rule.source}).")
    return ok and cstdcs and history_ok and bool(found), reasons


def _bang_khen(person: PersonYear, gate: tuple[bool, list[str]], ctx: Context, cstdcs: bool) -> tuple[bool, list[str]]:
    rule, cstdcs_name = ctx.rules.person["bang_khen_tp"], ctx.rules.person["cstdcs"].name
    ok, reasons = gate[0], list(gate[1])
    if not person.rated:
        return False, reasons
    years = int(rule.param("consecutive_years"))
    reasons.append(f"Xét theo trường hợp {years} năm liên tục đạt {cstdcs_name}; các trường hợp khác của điều này "
                   f"do Hội đồng Thi đua – Khen thưởng xem xét ({rule.source}).")
    reasons.append(f"Năm {ctx.year}: {'đạt' if cstdcs else 'chưa đạt'} {cstdcs_name} ({rule.source}).")
    history_ok, told = earlier_years(person.code, "cstdcs", cstdcs_name, years, ctx, rule.source)
    return ok and cstdcs and history_ok, reasons + told


def _giay_khen(person: PersonYear, gate: tuple[bool, list[str]], basis: list[str], ctx: Context) -> tuple[bool, list[str]]:
    rule = ctx.rules.person["giay_khen"]
    ok, reasons = gate[0], list(gate[1])
    if not person.rated:
        return False, reasons
    reasons += basis
    level_ok, reason = _level_check(person, rule, ctx)
    reasons.append(reason)
    reasons.append(f"Thành tích cụ thể để tặng {rule.name} do cuộc họp bình xét đánh giá ({rule.source}).")
    return ok and level_ok, reasons


def person_titles(person: PersonYear, ctx: Context) -> dict[str, tuple[bool, list[str]]]:
    """Every person title, in the order they depend on each other: (eligible, reasons) per title code."""
    gate = _gate(person, ctx.year, ctx.settings, ctx.rules)
    basis = _basis_reasons(person, ctx.book, ctx.rules, ctx.settings, ctx.year) if person.rated else []
    ldtt = _ldtt(person, gate, basis, ctx)
    cstdcs = _cstdcs(person, gate, basis, ctx, ldtt[0])
    return {
        "ldtt": ldtt,
        "cstdcs": cstdcs,
        "cstd_tp": _cstd_tp(person, gate, ctx, cstdcs[0]),
        "bang_khen_tp": _bang_khen(person, gate, ctx, cstdcs[0]),
        "giay_khen": _giay_khen(person, gate, basis, ctx),
    }

