"""The month's score under vn-2026: 30 general + 70 task points, 25% off per late item or major error."""

from decimal import Decimal as D

import pytest

from app.domain.rulebooks import rulebook
from app.domain.scoring import ItemResult, level_for_score, monthly_score, round_one_decimal, task_points

BOOK = rulebook("vn-2026")
SCORING = BOOK.scoring
FULL_GENERAL = {"politics_ethics": D(10), "competence": D(10), "innovation": D(10)}


def items(*outcomes, points=None, errors=()):
    return [ItemResult(None if points is None or points[i] is None else D(points[i]), outcome, i in errors)
            for i, outcome in enumerate(outcomes)]


@pytest.mark.parametrize(
    ("case", "results", "expected_points"),
    [
        ("all on time", items("on_time", "on_time"), D(70)),
        ("one of two late", items("on_time", "late"), D("61.25")),  # 70 × (1 + 0.75) / 2
        ("all late", items("late", "late", "late"), D("52.5")),
        ("late with a major error", items("late", errors=(0,)), D(35)),
        ("on time with a major error", items("on_time", errors=(0,)), D("52.5")),
        ("not done", items("not_done", "on_time"), D(35)),
        ("nothing done", items("not_done", "not_done"), D(0)),
        ("planned points weigh items", items("on_time", "not_done", points=[50, 20]), D(50)),
        ("partial points", items("late", "on_time", points=[40, 30]), D(60)),
        ("not yet assessed counts zero", items(None, "on_time"), D(35)),
    ],
)
def test_task_points(case, results, expected_points):
    assert task_points(results, SCORING).points == expected_points, case


def test_no_items_gives_no_task_points_and_says_why():
    result = task_points([], SCORING)
    assert result.points is None
    assert "Chưa có nội dung công việc" in result.notes[0]


def test_items_without_planned_points_among_scored_ones_weigh_nothing_and_are_flagged():
    result = task_points(items("on_time", "on_time", points=[70, None]), SCORING)
    assert result.points == D(70)
    assert any("chưa ghi điểm dự kiến" in note for note in result.notes)


def test_unassessed_items_are_counted_in_a_note():
    result = task_points(items(None, None, "on_time"), SCORING)
    assert result.unassessed == 2
    assert any("Còn 2 nội dung chưa tự đánh giá" in note for note in result.notes)


@pytest.mark.parametrize(
    ("general", "results", "total", "level"),
    [
        (FULL_GENERAL, items("on_time"), D("100.0"), "htxs"),
        (FULL_GENERAL, items("on_time", "late", "on_time", "on_time"), D("95.6"), "htxs"),  # 30 + 65.625
        ({"politics_ethics": D(8), "competence": D(7), "innovation": D(5)}, items("on_time", "late"), D("81.3"),
         "htt"),  # 20 + 61.25 = 81.25 → 81.3 (half away from zero)
        ({"politics_ethics": D("9.5"), "competence": D(9), "innovation": D(9)}, items(*["on_time"] * 7, "late"),
         D("95.3"), "htxs"),  # 27.5 + 70 × 7.75 / 8 = 95.3125
        ({}, items("late", "late"), D("52.5"), "ht"),
        ({}, items("not_done"), D("0.0"), "kht"),
    ],
)
def test_monthly_score_and_level(general, results, total, level):
    score = monthly_score(general, results, BOOK)
    assert (score.total, score.level) == (total, level)


def test_no_items_means_no_score_yet():
    score = monthly_score(FULL_GENERAL, [], BOOK)
    assert score.total is None and score.level is None and score.general == D(30)


@pytest.mark.parametrize("bad", [D(-1), D("10.5")])
def test_general_points_outside_their_group_are_refused(bad):
    with pytest.raises(ValueError, match="competence"):
        monthly_score({"competence": bad}, items("on_time"), BOOK)


@pytest.mark.parametrize(
    ("score", "level"),
    [(D(100), "htxs"), (D(90), "htxs"), (D("89.9"), "htt"), (D(70), "htt"), (D("69.9"), "ht"), (D(50), "ht"),
     (D("49.9"), "kht"), (D(0), "kht")],
)
def test_bands(score, level):
    assert level_for_score(score, BOOK) == level


@pytest.mark.parametrize(("raw", "rounded"), [(D("89.95"), D("90.0")), (D("89.94"), D("89.9")),
                                              (D("0.05"), D("0.1")), (D("70.25"), D("70.3"))])
def test_rounding_is_half_away_from_zero(raw, rounded):
    assert round_one_decimal(raw) == rounded


def test_levels_only_rulebook_has_no_score():
    with pytest.raises(ValueError, match="level only"):
        monthly_score({}, items("on_time"), rulebook("vn-2024"))
