from decimal import Decimal

import pytest

from app.domain.rulebooks import all_rulebooks, parse_rulebook, rulebook, rulebook_for_year


def test_both_shipped_rulebooks_load_and_name_their_sources():
    books = all_rulebooks()
    assert set(books) >= {"vn-2024", "vn-2026"}
    for book in books.values():
        assert book.source and all(level.source for level in book.levels)


def test_each_year_gets_the_rulebook_in_force():
    assert rulebook_for_year(2025).code == "vn-2024"
    assert rulebook_for_year(2026).code == "vn-2026"
    assert rulebook_for_year(2027).code == "vn-2026"


def test_the_scored_rulebook_splits_30_general_points_into_groups():
    scoring = rulebook("vn-2026").scoring
    assert sum(group.max_points for group in scoring.general_groups) == Decimal(30)
    assert scoring.task_points == Decimal(70) and scoring.late_deduction == Decimal("0.25")


def test_levels_only_rulebook_has_no_scoring():
    book = rulebook("vn-2024")
    assert not book.is_scored and book.scoring is None


def test_a_rulebook_whose_groups_do_not_add_up_is_refused():
    data = {"code": "x", "name": "x", "applies_from_year": 2030, "scheme": "scored", "source": "x",
            "scoring": {"general_points": 30, "task_points": 70, "late_deduction": 0.25, "error_deduction": 0.25,
                        "source": "x", "general_groups": [{"code": "a", "name": "a", "max_points": 20}]},
            "levels": [], "titles": {"person": [], "unit": []}}
    with pytest.raises(ValueError, match="add up"):
        parse_rulebook(data)


def test_rulebooks_can_key_a_cache():
    assert hash(rulebook("vn-2026")) == hash(rulebook("vn-2026"))
