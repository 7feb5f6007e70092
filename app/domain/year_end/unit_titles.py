"""The unit titles: “Tập thể lao động tiên tiến”, “Tập thể lao động xuất sắc” and the Bằng khen of the Chủ tịch
Ủy ban nhân dân Thành phố. Members are the people rated in the year; a member meets “Lao động tiên tiến” when that
title is eligible for them (so a pending case counts against the unit)."""

from __future__ import annotations

from app.domain.discipline import severity
from app.domain.rulebooks import TitleRule
from app.domain.year_end.facts import (
    FORM_NAMES,
    Context,
    PersonYear,
    at_least,
    level_name,
    names_text,
    number_text,
    setting_number,
    share_met,
    share_percent,
)
from app.domain.year_end.person_titles import earlier_years


def _share_reason(members: list[PersonYear], ctx: Context, rule: TitleRule) -> tuple[bool, str]:
    ldtt_name = ctx.rules.person["ldtt"].name
    if not members:
        return False, (f"Không có thành viên nào được xếp loại trong năm {ctx.year}: chưa đủ căn cứ xét {rule.name} "
                       f"({rule.source}).")
    count = sum(1 for person in members if person.titles["ldtt"][0])
    percent = setting_number(ctx.settings.value("ttld_percent"))
    met = share_met(count, len(members), percent)
    shown = share_percent(count, len(members), percent)
    return met, (f"{count}/{len(members)} thành viên được xếp loại đạt {ldtt_name} ({number_text(shown)}%), "
                 f"{'đạt' if met else 'chưa đạt'} tỷ lệ từ {number_text(percent)}% trở lên "
                 f"({ctx.settings.cite('ttld_percent')}).")


def _ttldtt(people: list[PersonYear], members: list[PersonYear], ctx: Context) -> tuple[bool, list[str]]:
    rule = ctx.rules.unit["ttldtt"]
    share_ok, reason = _share_reason(members, ctx, rule)
    reasons = [reason]
    form = rule.param("discipline_form")
    heaviest = {person.code: max((found for found, _ in person.disciplines), key=severity, default=None)
                for person in people}
    heavy = [f"{person.label}: {FORM_NAMES[heaviest[person.code]]}" for person in people
             if heaviest[person.code] is not None and severity(heaviest[person.code]) >= severity(form)]
    if heavy:
        reasons.append(f"Có thành viên bị kỷ luật từ {FORM_NAMES[form]} trở lên trong năm {ctx.year}: "
                       f"{names_text(heavy)} ({rule.source}).")
    else:
        reasons.append(f"Không thành viên nào bị kỷ luật từ {FORM_NAMES[form]} trở lên trong năm {ctx.year} "
                       f"({rule.source}).")
    reasons.append(f"Việc tập thể hoàn thành tốt nhiệm vụ, nội bộ đoàn kết do Hội đồng Thi đua – Khen thưởng xem xét "
                   f"({rule.source}).")
    return share_ok and not heavy, reasons


def _ttldxs(members: list[PersonYear], ctx: Context) -> tuple[bool, list[str]]:
    rule = ctx.rules.unit["ttldxs"]
    cstdcs_name = ctx.rules.person["cstdcs"].name
    minimum = rule.param("member_min_level")
    minimum_name = level_name(ctx.book, minimum)
    reasons = []
    below = [f"{person.label}: {level_name(ctx.book, person.basis) if person.basis else 'chưa có mức xếp loại năm'}"
             for person in members if not at_least(person.basis, minimum)]
    if members and below:
        reasons.append(f"Thành viên chưa đạt mức {minimum_name} trở lên: {names_text(below)} ({rule.source}).")
    elif members:
        reasons.append(f"Tất cả {len(members)} thành viên được xếp loại đạt mức {minimum_name} trở lên "
                       f"({rule.source}).")
    share_ok, reason = _share_reason(members, ctx, rule)
    reasons.append(reason)
    best = [person.label for person in members if person.titles["cstdcs"][0]]
    if best:
        reasons.append(f"Có {len(best)} thành viên đạt {cstdcs_name}: {names_text(best)} ({rule.source}).")
    else:
        reasons.append(f"Không có thành viên nào đạt {cstdcs_name} ({rule.source}).")
    reasons.append(f"Việc tập thể hoàn thành xuất sắc nhiệm vụ, nội bộ đoàn kết do Hội đồng Thi đua – Khen thưởng "
                   f"xem xét ({rule.source}).")
    return bool(members) and not below and share_ok and bool(best), reasons


def _unit_bang_khen(ctx: Context, ttldxs: bool) -> tuple[bool, list[str]]:
    rule, ttldxs_name = ctx.rules.unit["bang_khen_tp"], ctx.rules.unit["ttldxs"].name
    years = int(rule.param("consecutive_years"))
    reasons = [f"Xét theo trường hợp {years} năm liên tục đạt {ttldxs_name}; các trường hợp khác của điều này do "
               f"Hội đồng Thi đua – Khen thưởng xem xét ({rule.source}).",
               f"Năm {ctx.year}: {'đạt' if ttldxs else 'chưa đạt'} {ttldxs_name} ({rule.source})."]
    history_ok, told = earlier_years(None, "ttldxs", ttldxs_name, years, ctx, rule.source)
    return ttldxs and history_ok, reasons + told


def unit_titles(people: list[PersonYear], ctx: Context) -> dict[str, tuple[bool, list[str]]]:
    """Every unit title, once every person's titles are known."""
    members = [person for person in people if person.rated]
    ttldxs = _ttldxs(members, ctx)
    return {"ttldtt": _ttldtt(people, members, ctx), "ttldxs": ttldxs, "bang_khen_tp": _unit_bang_khen(ctx, ttldxs[0])}
