"""The year-end rules are data: both shipped rulebooks carry the settings and the title rules with their sources,
a rulebook missing one is refused, and a third rulebook with other figures changes the answers without code."""

from __future__ import annotations

import copy
import tomllib

import pytest

from app.domain.rulebooks import RULEBOOK_FOLDER, TITLE_RULE_SOURCES, parse_rulebook, rulebook, setting
from app.domain.year_end import assess

NEW_SETTINGS = ("council_vote_percent", "ldtt_min_months", "ttld_percent", "registration_required")


def raw(code: str) -> dict:
    with (RULEBOOK_FOLDER / f"{code}.toml").open("rb") as handle:
        return tomllib.load(handle)


@pytest.mark.parametrize("code", ["vn-2024", "vn-2026"])
def test_shipped_rulebooks_carry_the_year_end_settings_and_title_rules_with_sources(code):
    book = rulebook(code)
    for name in NEW_SETTINGS + ("min_months_worked", "htxs_quota_percent", "htxs_in_denominator"):
        assert book.settings[name].source, name
    assert (setting(book, None, "council_vote_percent"), setting(book, None, "ttld_percent")) == (80, 70)
    assert setting(book, None, "ldtt_min_months") == 0  # an optional agency rule, off by default
    assert setting(book, None, "registration_required") is False
    rules = book.title_rules
    assert all(rules.source(name) for name in TITLE_RULE_SOURCES)
    assert set(rules.person) == set(book.person_titles) and set(rules.unit) == set(book.unit_titles)
    for rule in list(rules.person.values()) + list(rules.unit.values()):
        assert rule.name and "Điều" in rule.source
    assert rules.person["ldtt"].name == "“Lao động tiên tiến”"
    assert rules.person["ldtt"].source == "Luật Thi đua, khen thưởng 2022, Điều 24"


def test_a_rulebook_without_a_title_rule_is_refused():
    data = raw("vn-2026")
    del data["title_rules"]["unit"]["ttldxs"]
    with pytest.raises(ValueError, match="ttldxs"):
        parse_rulebook(data)


def test_a_rulebook_without_a_rule_source_is_refused():
    data = raw("vn-2026")
    del data["title_rules"]["pending_source"]
    with pytest.raises(ValueError, match="pending_source"):
        parse_rulebook(data)


def test_a_title_level_must_be_a_known_level():
    data = raw("vn-2026")
    data["title_rules"]["person"]["ldtt"]["min_level"] = "xuat_sac"
    with pytest.raises(ValueError, match="min_level"):
        parse_rulebook(data)


def test_a_rulebook_without_title_rules_cannot_assess():
    data = raw("vn-2026")
    del data["title_rules"]
    book = parse_rulebook(data)
    with pytest.raises(ValueError, match="title_rules"):
        assess({"year": 2026, "people": [], "months": []}, book)


def _doc() -> dict:
    people = [{"code": f"CB{n:02d}", "family_name": "Đỗ", "middle_name": "Minh", "given_name": "Khánh",
               "gender": "male", "department": "VP", "position": "chuyen_vien", "employed_from": "2020-01-01",
               "employed_to": None} for n in range(1, 4)]
    months = [{"person": code, "month": month, "score": score, "level": None, "leave": None}
              for code, score in (("CB01", 80), ("CB02", 95), ("CB03", 60)) for month in range(1, 13)]
    history = [{"person": "CB02", "year": 2029, "title": "cstdcs", "decision": "7/QĐ"}]
    return {"format": "tdkt-year/1", "year": 2030, "unit": {"name": "Ban", "superior": "UBND", "outstanding": False},
            "departments": [{"code": "VP", "name": "Văn phòng"}], "people": people, "months": months,
            "history": history}


def test_a_third_rulebook_is_a_data_file_with_its_own_figures_and_articles():
    data = copy.deepcopy(raw("vn-2026"))
    data.update(code="vn-2030-thu", name="Quy định thử", applies_from_year=2030)
    data["title_rules"]["person"]["ldtt"].update(min_level="htxs", source="Quy định thử, Điều 9")
    data["title_rules"]["person"]["bang_khen_tp"]["consecutive_years"] = 3
    data["settings"]["ttld_percent"]["value"] = 30
    book = parse_rulebook(data)
    result = assess(_doc(), book)
    first, second, _third = result["people"]
    assert not first["titles"]["ldtt"]["eligible"]  # Hoàn thành tốt no longer enough
    assert "Quy định thử, Điều 9" in " ".join(first["titles"]["ldtt"]["reasons"])
    assert second["titles"]["ldtt"]["eligible"]
    assert not second["titles"]["bang_khen_tp"]["eligible"]  # now three years: 2028 missing
    assert "Năm 2028: không có" in " ".join(second["titles"]["bang_khen_tp"]["reasons"])
    assert result["unit"]["ttldtt"]["eligible"]  # 1 of 3 meets 30%
    shipped = assess(_doc(), rulebook("vn-2026"))
    assert shipped["people"][0]["titles"]["ldtt"]["eligible"] and shipped["people"][1]["titles"]["bang_khen_tp"][
        "eligible"]
    assert not shipped["unit"]["ttldtt"]["eligible"]  # 2 of 3 misses 70%
