"""NĐ 90/2020 (as amended by NĐ 48/2023): a rated person off work 3 to under 6 months of the year cannot be rated
above Hoàn thành nhiệm vụ. A rulebook setting (`months_off_cap`), off in both shipped rulebooks because the year
file's rules (../shared/spec/year-file.md) do not list it; a unit switches it on for a year."""

from __future__ import annotations

import copy
import re
import tomllib

import pytest

from app.domain.rulebooks import RULEBOOK_FOLDER, parse_rulebook, rulebook, setting
from app.domain.year_end import assess, evaluate
from tests.unit.test_year_end import (
    LEVELS_ONLY,
    SCORED,
    _as_levels,
    leave_months,
    level_months,
    one,
    person,
    reasons,
    scored_months,
    year_file,
)

ON = {"months_off_cap": True}
CAPPED = "từ 3 tháng đến dưới 6 tháng"


def off_work(score, off: int, kind: str = "sick", first_off: int = 5) -> dict:
    """CB01's year: scored every month but `off` months of leave from `first_off`."""
    leave = range(first_off, first_off + off)
    months = [record for record in scored_months("CB01", [score] * 12) if record["month"] not in leave]
    return year_file([person("CB01")], months + leave_months("CB01", leave, kind))


def entry(doc: dict, overrides=None, book=SCORED) -> dict:
    return one(assess(doc, book, overrides), "CB01")


@pytest.mark.parametrize("code", ["vn-2024", "vn-2026"])
def test_both_shipped_rulebooks_carry_the_setting_off_and_say_why(code):
    book = rulebook(code)
    assert setting(book, None, "months_off_cap") is False
    source = book.settings["months_off_cap"].source
    assert "Nghị định 90/2020/NĐ-CP" in source and "Nghị định 48/2023/NĐ-CP" in source
    assert "Không bật sẵn" in source


@pytest.mark.parametrize("overrides", [None, {}, {"months_off_cap": False}])
def test_with_the_setting_off_months_off_change_nothing(overrides):
    result = entry(off_work(92, 4), overrides)
    assert (result["rated"], result["level"]) == (True, "htxs")
    assert result["titles"]["ldtt"]["eligible"] and result["titles"]["cstdcs"]["eligible"]
    assert result == entry(off_work(92, 4))
    assert "Hoàn thành nhiệm vụ" not in reasons(result["titles"]["ldtt"])


@pytest.mark.parametrize(("off", "kind", "level"), [
    (0, "sick", "htxs"),
    (2, "sick", "htxs"),
    (3, "sick", "ht"),
    (4, "other", "ht"),
    (5, "sick", "ht"),
    (6, "other", "htxs"),  # six months worked: rated, and outside the decree's window
])
def test_with_the_setting_on_three_to_under_six_months_off_caps_the_level_at_ht(off, kind, level):
    result = entry(off_work(92, off, kind), ON)
    assert result["rated"] and result["annual_score"] == 92.0  # the score stays what it is
    assert result["level"] == level
    titles = result["titles"]
    assert titles["ldtt"]["eligible"] is (level == "htxs")
    assert titles["giay_khen"]["eligible"] is (level == "htxs")
    assert titles["cstdcs"]["eligible"] is (level == "htxs")
    said = reasons(titles["ldtt"])
    if level == "ht":
        assert (f"Nghỉ ốm hoặc nghỉ khác {off} tháng trong năm 2026" in said and CAPPED in said
                and "mức năm là Hoàn thành nhiệm vụ thay cho Hoàn thành xuất sắc nhiệm vụ" in said)
        assert "Mức Hoàn thành nhiệm vụ chưa đạt yêu cầu của “Lao động tiên tiến”" in said
    elif off:
        assert "không thuộc trường hợp mức năm không cao hơn Hoàn thành nhiệm vụ" in said
    else:
        assert "Hoàn thành nhiệm vụ" not in said


def test_the_cap_reason_cites_the_setting_with_its_source_and_the_units_adjustment():
    said = reasons(entry(off_work(80, 4), ON)["titles"]["ldtt"])
    reason = next(text for text in said.split(" | ") if CAPPED in text)
    assert "do đơn vị điều chỉnh cho năm 2026" in reason
    assert "Nghị định 90/2020/NĐ-CP, Điều 2 (sửa đổi bởi Nghị định 48/2023/NĐ-CP)" in reason
    assert "thay cho Hoàn thành tốt nhiệm vụ" in reason and reason.endswith(".")


def test_maternity_months_are_not_months_off():
    doc = off_work(92, 4, "maternity")
    assert entry(doc, ON)["level"] == "htxs"


def test_a_level_at_or_below_ht_stays_as_it_is():
    assert entry(off_work(60, 4), ON)["level"] == "ht"
    result = entry(off_work(40, 4), ON)
    assert result["level"] == "kht"
    assert "mức năm không cao hơn Hoàn thành nhiệm vụ" in reasons(result["titles"]["ldtt"])


def test_the_leaders_decided_level_cannot_lift_it():
    doc = off_work(92, 4)
    doc["annual"] = [{"person": "CB01", "level": "htxs", "note": "Hội nghị quyết định"}]
    assessment = evaluate(doc, SCORED, ON)
    result = one(assessment.document, "CB01")
    assert (result["level"], result["decided_level"]) == ("ht", "htxs")
    assert assessment.judged_on == {"CB01": "ht"}
    assert not result["titles"]["ldtt"]["eligible"]
    said = reasons(result["titles"]["ldtt"])
    assert "Mức lãnh đạo quyết định (Hoàn thành xuất sắc nhiệm vụ) không áp dụng vì người này nghỉ" in said
    assert "Lãnh đạo quyết định mức năm" not in said


def test_a_decided_level_below_the_cap_is_kept():
    doc = off_work(92, 4)
    doc["annual"] = [{"person": "CB01", "level": "kht", "note": ""}]
    assessment = evaluate(doc, SCORED, ON)
    assert assessment.judged_on == {"CB01": "kht"}
    assert "Lãnh đạo quyết định mức năm: Không hoàn thành nhiệm vụ" in reasons(
        one(assessment.document, "CB01")["titles"]["ldtt"])


def test_discipline_still_makes_it_kht():
    doc = off_work(92, 4)
    doc["discipline"] = [{"person": "CB01", "form": "khien_trach", "decided_on": "2026-04-01", "ends_on": None}]
    result = entry(doc, ON)
    assert result["level"] == "kht"
    assert "Bị kỷ luật trong năm" in reasons(result["titles"]["ldtt"])


def test_a_capped_person_is_not_counted_in_the_htxs_quota():
    doc = off_work(92, 4)
    doc["people"].append(person("CB02"))
    doc["months"] += scored_months("CB02", [92] * 12)
    assert assess(doc, SCORED)["quota"]["htxs_count"] == 2
    assert assess(doc, SCORED, ON)["quota"]["htxs_count"] == 1


def test_a_levels_only_year_is_capped_too():
    leave = range(3, 7)
    months = [record for record in level_months("CB01", ["htxs"] * 12) if record["month"] not in leave]
    doc = year_file([person("CB01")], months + leave_months("CB01", leave, "sick"), "vn-2024")
    assert entry(doc, book=LEVELS_ONLY)["level"] == "htxs"
    result = entry(doc, ON, LEVELS_ONLY)
    assert result["level"] == "ht" and not result["titles"]["ldtt"]["eligible"]
    assert CAPPED in reasons(result["titles"]["ldtt"])


def test_every_reason_still_names_an_article_or_a_setting():
    doc = off_work(92, 4)
    doc["people"].append(person("CB02"))
    doc["months"] += scored_months("CB02", [80] * 10) + leave_months("CB02", range(11, 13), "other")
    citing = re.compile(r"Điều \d+|cài đặt|Nghị định")
    for book, source in ((SCORED, doc), (LEVELS_ONLY, _as_levels(doc))):
        result = assess(source, book, ON)
        for verdict in [v for person_entry in result["people"] for v in person_entry["titles"].values()]:
            for reason in verdict["reasons"]:
                assert citing.search(reason) and reason.endswith("."), reason


def test_a_rulebook_written_without_the_setting_assesses_as_before():
    with (RULEBOOK_FOLDER / "vn-2026.toml").open("rb") as handle:
        data = copy.deepcopy(tomllib.load(handle))
    del data["settings"]["months_off_cap"]
    older = parse_rulebook(data)
    doc = off_work(92, 4)
    assert assess(doc, older) == assess(doc, SCORED)
    assert one(assess(doc, older, ON), "CB01")["level"] == "ht"  # the unit's adjustment still applies
