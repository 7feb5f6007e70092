"""The year-end assessment (../shared/spec/year-file.md): months worked, the annual score and level, discipline,
pending cases, the Hoàn thành xuất sắc quota, every person and unit title with its reasons. Small year files built
by a helper; every table row is one rule or one of its edges."""

from __future__ import annotations

import copy
import json
import re
from decimal import Decimal

import pytest

from app.domain.rulebooks import rulebook
from app.domain.year_end import (
    annual_score,
    assess,
    employed_months,
    evaluate,
    most_common_level,
    share_met,
    share_percent,
)

SCORED = rulebook("vn-2026")
LEVELS_ONLY = rulebook("vn-2024")
YEAR = 2026
FAMILY = ("Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý", "Phan")
GIVEN = ("Hoa", "Nam", "Lan", "Tuấn", "Mai", "Sơn", "Hằng", "Phúc", "Yến", "Quân", "Thảo", "Khánh")


# --- Building small year files ------------------------------------------------------------------------------

def person(code: str, employed_from: str = "2019-03-01", employed_to: str | None = None) -> dict:
    number = int(re.sub(r"\D", "", code) or 0)
    return {"code": code, "family_name": FAMILY[number % len(FAMILY)], "middle_name": "Thị",
            "given_name": GIVEN[number % len(GIVEN)], "gender": "female", "department": "VP",
            "position": "chuyen_vien", "employed_from": employed_from, "employed_to": employed_to}


def scored_months(code: str, scores, first: int = 1, leave: dict | None = None) -> list[dict]:
    """One record per score from month `first`; `leave` maps a month to its leave (that month has no score)."""
    records = []
    for month, score in enumerate(scores, start=first):
        kind = (leave or {}).get(month)
        records.append({"person": code, "month": month, "score": None if kind else score,
                        "level": None if kind else _band(Decimal(str(score))), "leave": kind,
                        "strengths": [], "shortcomings": []})
    return records


def leave_months(code: str, months, kind: str) -> list[dict]:
    return [{"person": code, "month": month, "score": None, "level": None, "leave": kind} for month in months]


def level_months(code: str, levels, first: int = 1) -> list[dict]:
    return [{"person": code, "month": month, "level": level, "leave": None}
            for month, level in enumerate(levels, start=first)]


def _band(score: Decimal) -> str:
    return "htxs" if score >= 90 else "htt" if score >= 70 else "ht" if score >= 50 else "kht"


def year_file(people: list[dict], months: list[dict], rulebook_code: str = "vn-2026", **lists) -> dict:
    doc = {"format": "tdkt-year/1", "year": YEAR, "rulebook": rulebook_code,
           "unit": {"name": "Ban Thi đua – Khen thưởng", "superior": "Ủy ban nhân dân Thành phố",
                    "outstanding": lists.pop("outstanding", False)},
           "departments": [{"code": "VP", "name": "Văn phòng"}], "people": people, "months": months}
    doc.update(lists)
    return doc


def staff(scores_by_code: dict[str, list]) -> tuple[list[dict], list[dict]]:
    """People and their scored months, twelve months each unless the list is shorter."""
    people, months = [], []
    for code, scores in scores_by_code.items():
        people.append(person(code))
        months += scored_months(code, scores)
    return people, months


def one(result: dict, code: str) -> dict:
    return next(entry for entry in result["people"] if entry["person"] == code)


def reasons(verdict: dict) -> str:
    return " | ".join(verdict["reasons"])


def single(scores, book=SCORED, overrides=None, **lists) -> dict:
    people, months = staff({"CB01": scores})
    return one(assess(year_file(people, months, book.code, **lists), book, overrides), "CB01")


TWELVE_HTXS = [92] * 12
TWELVE_HTT = [80] * 12


# --- Helpers ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("scores", "expected"), [
    ([Decimal("89.9"), Decimal("90.0")], Decimal("90.0")),  # 89.95 rounds half away from zero
    ([Decimal("89.9"), Decimal("89.9"), Decimal("90.0"), Decimal("90.0")], Decimal("90.0")),
    ([Decimal("89.9"), Decimal("89.98")], Decimal("89.9")),  # 89.94
    ([Decimal("70"), Decimal("69.9")], Decimal("70.0")),
    ([], None),
])
def test_annual_score_is_the_mean_rounded_half_away_from_zero(scores, expected):
    assert annual_score(scores) == expected


@pytest.mark.parametrize(("levels", "expected"), [
    (["htxs"] * 6 + ["htt"] * 6, "htt"),  # a tie goes to the lower level
    (["htt"] * 5 + ["ht"] * 5 + ["htxs"] * 2, "ht"),
    (["htxs"] * 7 + ["htt"] * 5, "htxs"),
    (["kht", "ht", "ht"], "ht"),
    ([], None),
])
def test_most_common_level(levels, expected):
    assert most_common_level(levels) == expected


@pytest.mark.parametrize(("count", "members", "percent", "met"), [
    (7, 10, Decimal(70), True), (6, 10, Decimal(70), False), (0, 0, Decimal(70), False), (14, 20, Decimal(70), True),
    (13, 20, Decimal(70), False), (2, 3, Decimal("66.67"), False), (2, 3, Decimal("66.66"), True),
])
def test_share_met_is_exact(count, members, percent, met):
    assert share_met(count, members, percent) is met


@pytest.mark.parametrize(("count", "members", "percent", "shown"), [
    (7, 10, Decimal(70), Decimal("70.0")), (13, 19, Decimal(70), Decimal("68.4")),
    (1399, 2000, Decimal(70), Decimal("69.9")),  # 69,95%: rounding up would read "70,0%, chưa đạt 70%"
    (2, 3, Decimal("66.67"), Decimal("66.66")),  # as many decimals as the threshold, never past it
    (2, 3, Decimal(80), Decimal("66.6")), (5, 7, Decimal(80), Decimal("71.4")), (3, 3, Decimal(80), Decimal(100)),
])
def test_a_share_is_shown_on_the_same_side_of_the_threshold_as_the_verdict(count, members, percent, shown):
    assert share_percent(count, members, percent) == shown
    assert (share_percent(count, members, percent) >= percent) is share_met(count, members, percent)


def test_employed_months_of_the_year():
    from datetime import date
    assert list(employed_months(date(2019, 3, 1), None, YEAR)) == list(range(1, 13))
    assert list(employed_months(date(2026, 3, 31), None, YEAR)) == list(range(3, 13))
    assert list(employed_months(date(2020, 1, 1), date(2026, 6, 1), YEAR)) == list(range(1, 7))
    assert list(employed_months(date(2027, 1, 1), None, YEAR)) == []


# --- The output document ----------------------------------------------------------------------------------------

def test_the_assessment_has_the_spec_shape_and_every_title_of_the_rulebook():
    people, months = staff({"CB02": TWELVE_HTT, "CB01": TWELVE_HTXS})
    result = assess(year_file(people, months), SCORED)
    assert list(result) == ["format", "year", "rulebook", "people", "quota", "unit"]
    assert (result["format"], result["year"], result["rulebook"]) == ("tdkt-assessment/1", 2026, "vn-2026")
    assert [entry["person"] for entry in result["people"]] == ["CB01", "CB02"]  # ordered by code
    first = result["people"][0]
    assert list(first) == ["person", "months_worked", "rated", "annual_score", "level", "decided_level", "titles"]
    assert list(first["titles"]) == ["ldtt", "cstdcs", "cstd_tp", "bang_khen_tp", "giay_khen"]
    assert list(result["unit"]) == ["ttldtt", "ttldxs", "bang_khen_tp"]
    assert set(result["quota"]) == {"htxs_max", "htxs_count", "over"}
    assert first["annual_score"] == 92.0 and isinstance(first["annual_score"], float)
    assert json.loads(json.dumps(result)) == result


def test_assess_is_deterministic_and_leaves_the_document_alone():
    people, months = staff({"CB01": TWELVE_HTXS, "CB02": [60] * 12})
    doc = year_file(people, months, discipline=[{"person": "CB02", "form": "canh_cao", "decided_on": "2026-03-02",
                                                 "ends_on": None}])
    before = copy.deepcopy(doc)
    assert assess(doc, SCORED) == assess(doc, SCORED)
    assert doc == before


@pytest.mark.parametrize("score", [Decimal("85.5"), "85.5", 85.5])
def test_scores_may_come_as_decimal_text_or_number(score):
    assert single([score] * 12)["annual_score"] == 85.5


def test_every_reason_names_an_article_or_a_setting():
    people, months = staff({"CB01": TWELVE_HTXS, "CB02": [80] * 5, "CB03": [40] * 12, "CB04": TWELVE_HTT})
    months += leave_months("CB02", range(6, 9), "sick")
    doc = year_file(people, months, pending=[{"person": "CB04", "kind": "complaint"}],
                    discipline=[{"person": "CB03", "form": "canh_cao", "decided_on": "2026-05-04", "ends_on": None}],
                    initiatives=[{"title": "Số hóa hồ sơ", "authors": ["CB01"], "status": "recognised",
                                  "level": "thanh_pho", "decision": "15/QĐ", "decided_on": "2026-10-20"}],
                    history=[{"person": "CB01", "year": 2025, "title": "cstdcs", "decision": "20/QĐ"}])
    citing = re.compile(r"Điều \d+|cài đặt|Nghị định")
    for book in (SCORED, LEVELS_ONLY):
        result = assess(doc if book is SCORED else _as_levels(doc), book)
        verdicts = [v for entry in result["people"] for v in entry["titles"].values()] + list(result["unit"].values())
        for verdict in verdicts:
            assert verdict["reasons"]
            for reason in verdict["reasons"]:
                assert citing.search(reason), reason
                assert reason.endswith(".")


def _as_levels(doc: dict) -> dict:
    levels = copy.deepcopy(doc)
    levels["rulebook"] = "vn-2024"
    for record in levels["months"]:
        record.pop("score", None)
    return levels


# --- Months worked and rated ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("worked", "maternity", "sick", "months_worked", "rated"), [
    (6, 0, 6, 6, True),
    (5, 0, 7, 5, False),
    (4, 2, 6, 6, True),  # maternity counts as worked
    (4, 1, 7, 5, False),
    (0, 12, 0, 12, True),
])
def test_six_months_worked_including_maternity_are_rated(worked, maternity, sick, months_worked, rated):
    months = scored_months("CB01", [85] * worked)
    months += leave_months("CB01", range(worked + 1, worked + maternity + 1), "maternity")
    months += leave_months("CB01", range(worked + maternity + 1, worked + maternity + sick + 1), "sick")
    entry = one(assess(year_file([person("CB01")], months), SCORED), "CB01")
    assert (entry["months_worked"], entry["rated"]) == (months_worked, rated)
    if not rated:
        assert entry["annual_score"] is None and entry["level"] is None
        for verdict in entry["titles"].values():
            assert not verdict["eligible"]
            assert "Không được xếp loại năm 2026" in reasons(verdict)
            assert "dưới 6 tháng" in reasons(verdict)
    if maternity:
        assert "nghỉ thai sản được tính là thời gian làm việc" in reasons(entry["titles"]["ldtt"])


def test_months_not_reviewed_do_not_count_and_are_listed_as_a_gap():
    months = scored_months("CB01", [85] * 5) + scored_months("CB01", [85], first=9)
    entry = one(assess(year_file([person("CB01")], months), SCORED), "CB01")
    assert entry["months_worked"] == 6 and entry["rated"]
    assert "Tháng 6, 7, 8, 10, 11, 12 chưa có kết quả đánh giá" in reasons(entry["titles"]["ldtt"])


def test_months_before_employment_are_not_gaps():
    months = scored_months("CB01", [85] * 7, first=6)
    entry = one(assess(year_file([person("CB01", employed_from="2026-06-15")], months), SCORED), "CB01")
    assert entry["rated"]
    assert "chưa có kết quả đánh giá" not in reasons(entry["titles"]["ldtt"])


def test_the_minimum_of_months_is_a_setting_the_unit_may_adjust():
    entry = single([85] * 5, overrides={"min_months_worked": 5})
    assert entry["rated"] and entry["titles"]["ldtt"]["eligible"]
    assert "do đơn vị điều chỉnh cho năm 2026" in reasons(entry["titles"]["ldtt"])


# --- Annual score and level ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("scores", "score", "level"), [
    (["89.9", "90.0"] * 3, 90.0, "htxs"),  # 89.95 → 90.0 reaches Hoàn thành xuất sắc
    (["89.9", "89.98"] * 3, 89.9, "htt"),
    (["69.9", "70.0"] * 3, 70.0, "htt"),
    (["49.9", "50"] * 3, 50.0, "ht"),
    (["49.9"] * 6, 49.9, "kht"),
])
def test_annual_level_follows_the_bands_from_the_rounded_score(scores, score, level):
    entry = single(scores)
    assert (entry["annual_score"], entry["level"]) == (score, level)
    assert f"Điểm năm {str(score).replace('.', ',')}" in reasons(entry["titles"]["ldtt"])


@pytest.mark.parametrize(("decided_on", "level"), [
    ("2026-01-01", "kht"),
    ("2026-12-31", "kht"),
    ("2025-12-31", "htxs"),  # decided the year before: not "in the year"
    ("2027-01-02", "htxs"),
])
def test_discipline_dated_in_the_year_makes_the_level_kht(decided_on, level):
    entry = single(TWELVE_HTXS, discipline=[{"person": "CB01", "form": "khien_trach", "decided_on": decided_on,
                                             "ends_on": "2026-06-30"}])
    assert entry["level"] == level
    assert entry["annual_score"] == 92.0  # the score stays what it is
    assert entry["titles"]["ldtt"]["eligible"] is (level != "kht")
    if decided_on == "2025-12-31":
        assert "31/12/2025 không đề ngày trong năm 2026" in reasons(entry["titles"]["ldtt"])
    if level == "kht":
        assert "Nghị định 335/2025/NĐ-CP, Điều 20" in reasons(entry["titles"]["ldtt"])


def test_discipline_beats_the_leaders_decided_level():
    entry = single(TWELVE_HTXS, annual=[{"person": "CB01", "level": "htxs", "note": "Hội nghị quyết định"}],
                   discipline=[{"person": "CB01", "form": "khien_trach", "decided_on": "2026-04-01", "ends_on": None}])
    assert (entry["level"], entry["decided_level"]) == ("kht", "htxs")
    assert not any(verdict["eligible"] for verdict in entry["titles"].values())
    assert "không áp dụng vì người này bị kỷ luật trong năm" in reasons(entry["titles"]["ldtt"])


@pytest.mark.parametrize(("levels", "level"), [
    (["htxs"] * 6 + ["htt"] * 6, "htt"),
    (["htxs"] * 7 + ["htt"] * 5, "htxs"),
    (["htt"] * 4 + ["ht"] * 4 + ["htxs"] * 4, "ht"),
])
def test_levels_only_year_takes_the_most_common_monthly_level_ties_to_the_lower(levels, level):
    doc = year_file([person("CB01")], level_months("CB01", levels), "vn-2024")
    entry = one(assess(doc, LEVELS_ONLY), "CB01")
    assert (entry["annual_score"], entry["level"], entry["decided_level"]) == (None, level, None)
    assert "bằng nhau thì lấy mức thấp hơn" in reasons(entry["titles"]["ldtt"])


def test_levels_only_year_judges_titles_on_the_leaders_decision():
    doc = year_file([person("CB01")], level_months("CB01", ["htxs"] * 6 + ["htt"] * 6), "vn-2024",
                    annual=[{"person": "CB01", "level": "htxs", "note": "Vượt tiến độ đề án"}])
    entry = one(assess(doc, LEVELS_ONLY), "CB01")
    assert (entry["level"], entry["decided_level"]) == ("htt", "htxs")
    assert entry["titles"]["cstdcs"]["eligible"]
    assert "Lãnh đạo quyết định mức năm: Hoàn thành xuất sắc nhiệm vụ — Vượt tiến độ đề án" in reasons(
        entry["titles"]["cstdcs"])


@pytest.mark.parametrize(("scores", "decided", "cstdcs"), [
    (TWELVE_HTT, "htxs", True),  # decided up: Hoàn thành xuất sắc opens “Chiến sĩ thi đua cơ sở”
    (TWELVE_HTXS, "htt", False),  # decided down (the quota): it closes it again
    (TWELVE_HTXS, None, True),
])
def test_titles_are_judged_on_the_decided_level_when_there_is_one(scores, decided, cstdcs):
    annual = [{"person": "CB01", "level": decided, "note": ""}] if decided else []
    entry = single(scores, annual=annual)
    assert entry["level"] == _band(Decimal(scores[0]))  # level stays what the rules compute
    assert entry["decided_level"] == decided
    assert entry["titles"]["cstdcs"]["eligible"] is cstdcs
    assert entry["titles"]["ldtt"]["eligible"]


def test_a_person_not_rated_gets_no_title_whatever_the_decided_level():
    entry = single([95] * 4, annual=[{"person": "CB01", "level": "htxs", "note": ""}])
    assert (entry["rated"], entry["level"], entry["decided_level"]) == (False, None, "htxs")
    assert not any(verdict["eligible"] for verdict in entry["titles"].values())


@pytest.mark.parametrize(("decided", "ldtt"), [(None, False), ("htt", True)])
def test_a_rated_person_without_any_scored_month_is_judged_on_the_decided_level_only(decided, ldtt):
    annual = [{"person": "CB01", "level": decided, "note": ""}] if decided else []
    doc = year_file([person("CB01")], leave_months("CB01", range(1, 13), "maternity"), annual=annual)
    entry = one(assess(doc, SCORED), "CB01")
    assert (entry["rated"], entry["months_worked"], entry["annual_score"], entry["level"]) == (True, 12, None, None)
    assert entry["titles"]["ldtt"]["eligible"] is ldtt
    if not decided:
        assert "Không có tháng nào có điểm và lãnh đạo chưa quyết định mức năm" in reasons(entry["titles"]["ldtt"])


KEPT = [{"person": "CB01", "level": "htxs", "note": "Giữ theo tỷ lệ"}]
DISCIPLINED = [{"person": "CB01", "form": "khien_trach", "decided_on": "2026-11-20", "ends_on": None}]


@pytest.mark.parametrize(("scores", "lists", "judged_on"), [
    (TWELVE_HTXS, {}, "htxs"),
    (TWELVE_HTXS, {"annual": [dict(KEPT[0], level="htt")]}, "htt"),  # moved down for the quota
    (TWELVE_HTT, {"annual": KEPT}, "htxs"),
    (TWELVE_HTXS, {"annual": KEPT, "discipline": DISCIPLINED}, "kht"),  # discipline beats the decision
    ([95] * 4, {"annual": KEPT}, None),  # not rated: nothing to judge on
])
def test_evaluate_says_the_level_each_persons_titles_are_judged_on(scores, lists, judged_on):
    people, months = staff({"CB01": scores})
    doc = year_file(people, months, **lists)
    result = evaluate(doc, SCORED)
    assert result.judged_on == {"CB01": judged_on}
    assert result.document == assess(doc, SCORED)


# --- Pending cases ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["discipline", "inspection", "investigation", "complaint"])
def test_a_pending_case_blocks_every_title(kind):
    entry = single(TWELVE_HTXS, pending=[{"person": "CB01", "kind": kind}])
    assert entry["level"] == "htxs"  # the rating itself stands
    for verdict in entry["titles"].values():
        assert not verdict["eligible"]
        assert "Nghị định 152/2025/NĐ-CP, Điều 4" in reasons(verdict)


def test_another_persons_pending_case_blocks_nothing_of_mine():
    entry = single(TWELVE_HTXS, pending=[{"person": "CB09", "kind": "complaint"}])
    assert entry["titles"]["ldtt"]["eligible"] and entry["titles"]["cstdcs"]["eligible"]


# --- Person titles ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("scores", "ldtt", "giay_khen"), [
    (TWELVE_HTXS, True, True), (TWELVE_HTT, True, True), ([70] * 12, True, True), ([69.9] * 12, False, False),
])
def test_lao_dong_tien_tien_and_giay_khen_need_hoan_thanh_tot_or_better(scores, ldtt, giay_khen):
    entry = single(scores)
    assert entry["titles"]["ldtt"]["eligible"] is ldtt
    assert entry["titles"]["giay_khen"]["eligible"] is giay_khen
    assert "Luật Thi đua, khen thưởng 2022, Điều 24" in reasons(entry["titles"]["ldtt"])
    assert "cuộc họp bình xét" in reasons(entry["titles"]["giay_khen"])  # a reason, not a block


@pytest.mark.parametrize(("minimum", "worked", "ldtt"), [(0, 7, True), (10, 9, False), (10, 10, True)])
def test_optional_minimum_of_months_for_lao_dong_tien_tien(minimum, worked, ldtt):
    entry = single(TWELVE_HTT[:worked], overrides={"ldtt_min_months": minimum})
    assert entry["titles"]["ldtt"]["eligible"] is ldtt
    assert ("số tháng làm việc tối thiểu để xét “Lao động tiên tiến”" in reasons(entry["titles"]["ldtt"])) is (
        minimum > 0)


INITIATIVE = {"title": "Số hóa hồ sơ khen thưởng", "authors": ["CB07", "CB01"], "status": "recognised",
              "level": "co_so", "decision": "15/QĐ-TĐKT", "decided_on": "2026-10-20"}


@pytest.mark.parametrize(("scores", "lists", "eligible", "said"), [
    (TWELVE_HTXS, {}, True, "Mức năm Hoàn thành xuất sắc nhiệm vụ: đạt"),
    (TWELVE_HTT, {}, False, "Không đạt điều kiện nào"),
    (TWELVE_HTT, {"initiatives": [INITIATIVE]}, True, "Có sáng kiến được công nhận trong năm 2026"),
    (TWELVE_HTT, {"initiatives": [dict(INITIATIVE, level="thanh_pho")]}, True, "cấp thành phố"),
    (TWELVE_HTT, {"initiatives": [dict(INITIATIVE, status="submitted")]}, False, "Không có sáng kiến"),
    (TWELVE_HTT, {"initiatives": [dict(INITIATIVE, decided_on="2025-12-31")]}, False, "Không có sáng kiến"),
    (TWELVE_HTT, {"initiatives": [dict(INITIATIVE, decided_on=None)]}, False, "không có ngày quyết định"),
    (TWELVE_HTT, {"initiatives": [dict(INITIATIVE, authors=["CB07"])]}, False, "Không có sáng kiến"),
    (TWELVE_HTT, {"research": [{"title": "Đề án", "authors": ["CB01"], "accepted_on": "2026-09-01"}]}, True,
     "nghiệm thu ngày 01/09/2026"),
    (TWELVE_HTT, {"research": [{"title": "Đề án", "authors": ["CB01"], "accepted_on": None}]}, False,
     "không có ngày nghiệm thu"),
    (TWELVE_HTT, {"research": [{"title": "Đề án", "authors": ["CB01"], "accepted_on": "2027-01-05"}]}, False,
     "Không có đề tài"),
    ([69] * 12, {"initiatives": [INITIATIVE]}, False, "Chưa đạt “Lao động tiên tiến”"),
])
def test_chien_si_thi_dua_co_so(scores, lists, eligible, said):
    verdict = single(scores, **lists)["titles"]["cstdcs"]
    assert verdict["eligible"] is eligible
    assert said in reasons(verdict)
    assert "Luật Thi đua, khen thưởng 2022, Điều 23" in reasons(verdict)


def test_the_council_vote_is_a_reason_with_the_setting_not_a_block():
    verdict = single(TWELVE_HTXS)["titles"]["cstdcs"]
    assert verdict["eligible"] and "bỏ phiếu kín đạt từ 80% trở lên" in reasons(verdict)
    adjusted = single(TWELVE_HTXS, overrides={"council_vote_percent": 66.67})["titles"]["cstdcs"]
    assert adjusted["eligible"] and "đạt từ 66,67% trở lên" in reasons(adjusted)
    assert "do đơn vị điều chỉnh" in reasons(adjusted)


def _history(code, *years, title="cstdcs"):
    return [{"person": code, "year": year, "title": title, "decision": f"{year}/QĐ-UBND"} for year in years]


CITY = dict(INITIATIVE, level="thanh_pho")


@pytest.mark.parametrize(("history", "initiative_on", "level", "eligible"), [
    (_history("CB01", 2025, 2024), "2026-03-01", "thanh_pho", True),
    (_history("CB01", 2025, 2024), "2024-01-01", "thanh_pho", True),  # the window: this year and the two before
    (_history("CB01", 2025, 2024), "2023-12-31", "thanh_pho", False),
    (_history("CB01", 2025, 2024), "2026-03-01", "co_so", False),  # a city-wide initiative is needed
    (_history("CB01", 2025, 2023), "2026-03-01", "thanh_pho", False),  # not consecutive
    (_history("CB01", 2025), "2026-03-01", "thanh_pho", False),
    (_history(None, 2025, 2024), "2026-03-01", "thanh_pho", False),  # the unit's history is not the person's
    (_history("CB02", 2025, 2024), "2026-03-01", "thanh_pho", False),
    (_history("CB01", 2025, 2024, title="ldtt"), "2026-03-01", "thanh_pho", False),
])
def test_chien_si_thi_dua_thanh_pho(history, initiative_on, level, eligible):
    initiative = dict(CITY, decided_on=initiative_on, level=level)
    verdict = single(TWELVE_HTXS, history=history, initiatives=[initiative])["titles"]["cstd_tp"]
    assert verdict["eligible"] is eligible
    assert "Luật Thi đua, khen thưởng 2022, Điều 22" in reasons(verdict)


def test_chien_si_thi_dua_thanh_pho_needs_co_so_this_year_too():
    verdict = single(TWELVE_HTT, history=_history("CB01", 2025, 2024),
                     initiatives=[dict(CITY, decided_on="2024-05-01")])["titles"]["cstd_tp"]
    assert not verdict["eligible"]
    assert "Năm 2026: chưa đạt “Chiến sĩ thi đua cơ sở”" in reasons(verdict)


@pytest.mark.parametrize(("scores", "history", "eligible"), [
    (TWELVE_HTXS, _history("CB01", 2025), True),
    (TWELVE_HTXS, _history("CB01", 2024), False),
    (TWELVE_HTT, _history("CB01", 2025), False),
    (TWELVE_HTXS, [], False),
])
def test_bang_khen_for_a_person_needs_co_so_this_year_and_the_year_before(scores, history, eligible):
    verdict = single(scores, history=history)["titles"]["bang_khen_tp"]
    assert verdict["eligible"] is eligible
    assert "Luật Thi đua, khen thưởng 2022, Điều 74" in reasons(verdict)
    had_2025 = any(entry["year"] == 2025 for entry in history)
    assert f"Năm 2025: {'đã đạt' if had_2025 else 'không có'}" in reasons(verdict)


def test_registration_may_be_required_by_the_unit():
    registered = single(TWELVE_HTXS, overrides={"registration_required": True},
                        registrations=[{"person": "CB01", "title": "cstdcs"}])
    unregistered = single(TWELVE_HTXS, overrides={"registration_required": True})
    default = single(TWELVE_HTXS)
    assert registered["titles"]["ldtt"]["eligible"] and default["titles"]["ldtt"]["eligible"]
    assert not unregistered["titles"]["ldtt"]["eligible"]
    assert "Không đăng ký thi đua đầu năm" in reasons(unregistered["titles"]["ldtt"])


# --- The Hoàn thành xuất sắc quota ------------------------------------------------------------------------------

@pytest.mark.parametrize(("htxs", "htt", "outstanding", "overrides", "quota"), [
    (3, 10, False, None, (2, 3, True)),  # floor(20% × 10)
    (2, 10, False, None, (2, 2, False)),
    (1, 4, False, None, (0, 1, True)),  # floor(0.8) = 0
    (3, 10, False, {"htxs_in_denominator": True}, (2, 3, True)),  # floor(20% × 13)
    (3, 12, False, {"htxs_in_denominator": True}, (3, 3, False)),  # floor(20% × 15)
    (3, 10, True, None, (2, 3, True)),  # floor(25% × 10)
    (3, 12, True, None, (3, 3, False)),  # floor(25% × 12)
    (3, 12, True, {"htxs_quota_percent_outstanding": 30}, (3, 3, False)),
    (2, 7, False, {"htxs_quota_percent": 15}, (1, 2, True)),  # floor(15% × 7) = floor(1,05)
    (2, 7, False, {"htxs_quota_percent": 15, "htxs_in_denominator": True}, (1, 2, True)),  # floor(1,35)
    (0, 0, False, None, (0, 0, False)),
])
def test_htxs_quota(htxs, htt, outstanding, overrides, quota):
    scores = {f"A{n:02d}": TWELVE_HTXS for n in range(htxs)} | {f"B{n:02d}": TWELVE_HTT for n in range(htt)}
    scores["C01"] = [60] * 12  # Hoàn thành nhiệm vụ: never in the denominator
    people, months = staff(scores)
    result = assess(year_file(people, months, outstanding=outstanding), SCORED, overrides)
    assert (result["quota"]["htxs_max"], result["quota"]["htxs_count"], result["quota"]["over"]) == quota


def test_quota_counts_the_computed_level_not_the_decisions_and_flags_the_overflow():
    people, months = staff({"A01": TWELVE_HTXS, "A02": TWELVE_HTXS} | {f"B{n:02d}": TWELVE_HTT for n in range(5)})
    doc = year_file(people, months, annual=[{"person": "A02", "level": "htt", "note": "Giới hạn tỷ lệ"}])
    result = assess(doc, SCORED)
    assert result["quota"] == {"htxs_max": 1, "htxs_count": 2, "over": True}
    assert "lãnh đạo cần quyết định người giữ mức này" in reasons(one(result, "A01")["titles"]["cstdcs"])
    assert not one(result, "A02")["titles"]["cstdcs"]["eligible"]  # resolved: decided down


def test_quota_leaves_out_people_not_rated_and_the_disciplined():
    people, months = staff({"A01": TWELVE_HTXS, "A02": [95] * 4, "A03": TWELVE_HTXS}
                           | {f"B{n:02d}": TWELVE_HTT for n in range(10)})
    doc = year_file(people, months, discipline=[{"person": "A03", "form": "khien_trach", "decided_on": "2026-02-02",
                                                 "ends_on": None}])
    assert assess(doc, SCORED)["quota"] == {"htxs_max": 2, "htxs_count": 1, "over": False}


# --- Unit titles --------------------------------------------------------------------------------------------------

def unit_of(scores: dict[str, list], **lists) -> dict:
    people, months = staff(scores)
    return assess(year_file(people, months, **lists), SCORED)["unit"]


def mix(ldtt: int, others: int, htxs: int = 1, other_score: int = 60) -> dict[str, list]:
    """`ldtt` people at Hoàn thành tốt or better (the first `htxs` of them at Hoàn thành xuất sắc), `others` below."""
    scores = {f"L{n:02d}": TWELVE_HTXS if n < htxs else TWELVE_HTT for n in range(ldtt)}
    return scores | {f"O{n:02d}": [other_score] * 12 for n in range(others)}


@pytest.mark.parametrize(("ldtt", "others", "eligible", "share"), [
    (7, 3, True, "7/10"),  # exactly 70%
    (6, 4, False, "6/10"),
    (14, 6, True, "14/20"),
    (13, 6, False, "13/19"),  # 68.4%
    (0, 0, False, "Không có thành viên nào được xếp loại"),
])
def test_tap_the_lao_dong_tien_tien_needs_seventy_percent(ldtt, others, eligible, share):
    verdict = unit_of(mix(ldtt, others))["ttldtt"]
    assert verdict["eligible"] is eligible
    assert share in reasons(verdict)


def test_the_unit_share_never_reads_as_reaching_a_threshold_it_misses():
    people, months = staff(mix(2, 1))
    verdict = assess(year_file(people, months), SCORED, {"ttld_percent": 66.67})["unit"]["ttldtt"]
    assert not verdict["eligible"]
    assert "2/3 thành viên được xếp loại đạt “Lao động tiên tiến” (66,66%), chưa đạt tỷ lệ từ 66,67%" in reasons(
        verdict)


def test_unit_share_counts_rated_members_only_and_a_pending_case_against_it():
    scores = mix(7, 3) | {"N01": [60] * 3}  # not rated: not a member
    assert unit_of(scores)["ttldtt"]["eligible"]
    verdict = unit_of(scores, pending=[{"person": "L03", "kind": "inspection"}])["ttldtt"]
    assert not verdict["eligible"] and "6/10" in reasons(verdict)


@pytest.mark.parametrize(("code", "form", "decided_on", "eligible"), [
    ("O00", "khien_trach", "2026-05-01", True),  # lighter than cảnh cáo
    ("O00", "canh_cao", "2026-05-01", False),
    ("O00", "buoc_thoi_viec", "2026-05-01", False),
    ("O00", "canh_cao", "2025-12-31", True),  # not in the year
    ("N01", "canh_cao", "2026-02-01", False),  # anyone in the file, rated or not
])
def test_tap_the_lao_dong_tien_tien_and_discipline_at_canh_cao_or_heavier(code, form, decided_on, eligible):
    scores = mix(8, 2) | {"N01": [60] * 3}
    verdict = unit_of(scores, discipline=[{"person": code, "form": form, "decided_on": decided_on,
                                           "ends_on": None}])["ttldtt"]
    assert verdict["eligible"] is eligible
    assert "Luật Thi đua, khen thưởng 2022, Điều 28" in reasons(verdict)


@pytest.mark.parametrize(("scores", "eligible", "said"), [
    (mix(7, 3), True, "Tất cả 10 thành viên được xếp loại đạt mức Hoàn thành nhiệm vụ trở lên"),
    (mix(7, 3, other_score=45), False, "Thành viên chưa đạt mức Hoàn thành nhiệm vụ trở lên"),
    (mix(6, 4), False, "6/10"),
    (mix(7, 3, htxs=0), False, "Không có thành viên nào đạt “Chiến sĩ thi đua cơ sở”"),
    (mix(7, 3) | {"N01": [40] * 3}, True, "Tất cả 10 thành viên"),  # someone not rated is not a member
])
def test_tap_the_lao_dong_xuat_sac(scores, eligible, said):
    verdict = unit_of(scores)["ttldxs"]
    assert verdict["eligible"] is eligible
    assert said in reasons(verdict)
    assert "Luật Thi đua, khen thưởng 2022, Điều 27" in reasons(verdict)


def test_tap_the_lao_dong_xuat_sac_needs_a_level_for_every_member():
    people, months = staff(mix(8, 2))
    people.append(person("M01"))
    months += leave_months("M01", range(1, 13), "maternity")  # rated, no score, no decided level
    verdict = assess(year_file(people, months), SCORED)["unit"]["ttldxs"]
    assert not verdict["eligible"] and "chưa có mức xếp loại năm" in reasons(verdict)
    decided = assess(year_file(people, months, annual=[{"person": "M01", "level": "htt", "note": ""}]), SCORED)
    assert decided["unit"]["ttldxs"]["eligible"]


@pytest.mark.parametrize(("history", "scores", "eligible"), [
    (_history(None, 2025, title="ttldxs"), mix(7, 3), True),
    (_history(None, 2024, title="ttldxs"), mix(7, 3), False),
    (_history(None, 2025, title="ttldxs"), mix(6, 4), False),  # not “Tập thể lao động xuất sắc” this year
    (_history("L00", 2025, title="ttldxs"), mix(7, 3), False),  # a person's entry is not the unit's
    (_history(None, 2025, title="ttldtt"), mix(7, 3), False),
])
def test_bang_khen_for_the_unit_needs_xuat_sac_this_year_and_the_year_before(history, scores, eligible):
    verdict = unit_of(scores, history=history)["bang_khen_tp"]
    assert verdict["eligible"] is eligible
    assert "Luật Thi đua, khen thưởng 2022, Điều 74" in reasons(verdict)


def test_unit_reasons_name_a_large_list_shortly():
    verdict = unit_of(mix(3, 30, other_score=40))["ttldxs"]
    assert "và 20 người khác" in reasons(verdict)
