"""The leaders' review rules: levels that agree with bands, discipline, warnings, the HTXS quota."""

from datetime import date
from decimal import Decimal
from decimal import Decimal as D

import pytest

from app.domain import reviews
from app.domain.reviews import consistency_warnings, htxs_quota, level_problem, level_steps, pasted_texts
from app.domain.rulebooks import rulebook, setting

SCORED = rulebook("vn-2026")
LEVELS_ONLY = rulebook("vn-2024")


@pytest.mark.parametrize(
    ("level", "score", "book", "disciplined", "problem"),
    [
        ("htxs", D("92.0"), SCORED, False, None),
        ("htt", D("92.0"), SCORED, False, "Điểm 92.0 thuộc mức Hoàn thành xuất sắc nhiệm vụ"),
        ("htxs", D("89.9"), SCORED, False, "thuộc mức Hoàn thành tốt nhiệm vụ"),
        ("kht", D("95.0"), SCORED, True, None),
        ("htt", D("95.0"), SCORED, True, "bị kỷ luật"),
        ("htt", None, SCORED, False, None),  # no score yet: the leader chooses
        ("htxs", None, LEVELS_ONLY, False, None),
        ("ht", None, LEVELS_ONLY, True, "bị kỷ luật"),
        ("xyz", D(50), SCORED, False, "không hợp lệ"),
    ],
)
def test_level_must_agree_with_the_band_and_discipline(level, score, book, disciplined, problem):
    found = level_problem(level, score, book, disciplined)
    assert (found is None) if problem is None else (problem in found)


def test_every_refusal_names_its_source():
    assert "Nghị định 335/2025/NĐ-CP, Điều 20" in level_problem("htt", D(95), SCORED, False)


@pytest.mark.parametrize(("earlier", "later", "steps"), [("htxs", "ht", 2), ("kht", "htxs", 3), ("htt", "htt", 0)])
def test_level_steps(earlier, later, steps):
    assert level_steps(earlier, later) == steps


def test_warnings_never_block_but_say_what_looks_wrong():
    codes = [w.code for w in consistency_warnings("htxs", 2, "ht", comment="")]
    assert codes == ["top_level_with_shortcomings", "level_jump"]
    assert [w.code for w in consistency_warnings("htxs", 0, "ht", comment="Vượt tiến độ hai đề án")] == []
    assert consistency_warnings("htt", 1, "htt", comment="") == []
    assert consistency_warnings("htt", 0, None, comment="") == []


def test_the_same_text_pasted_for_several_people_is_found_despite_spaces_and_case():
    text = "Chấp hành tốt kỷ luật, kỷ cương hành chính; hoàn thành các nhiệm vụ được giao đúng tiến độ."
    found = pasted_texts({1: text, 2: "  " + text.upper().replace(" ", "  "), 3: "Hoàn thành tốt.", 4: "Khác hẳn " + text,
                          5: "Hoàn thành tốt."})
    assert found == {1: [2], 2: [1]}  # short stock phrases do not count


@pytest.mark.parametrize(
    ("levels", "in_denominator", "expected_max", "count", "over"),
    [
        ({1: "htxs", 2: "htt", 3: "htt", 4: "htt", 5: "htt", 6: "htt"}, False, 1, 1, False),  # 20% of 5 = 1
        ({1: "htxs", 2: "htxs", 3: "htt", 4: "htt", 5: "htt", 6: "htt"}, False, 0, 2, True),  # 20% of 4 = 0.8 → 0
        ({1: "htxs", 2: "htxs", 3: "htt", 4: "htt", 5: "htt", 6: "htt"}, True, 1, 2, True),  # 20% of 6 = 1.2 → 1
        ({1: "ht", 2: "kht", 3: None}, False, 0, 0, False),
    ],
)
def test_htxs_quota(levels, in_denominator, expected_max, count, over):
    quota = htxs_quota(levels, 20, in_denominator)
    assert (quota.htxs_max, quota.htxs_count, quota.over) == (expected_max, count, over)


def test_quota_settings_come_from_the_rulebook_unless_the_year_adjusts_them():
    assert setting(SCORED, {}, "htxs_quota_percent") == 20
    assert setting(SCORED, {"htxs_quota_percent": 25}, "htxs_quota_percent") == 25
    assert setting(SCORED, None, "htxs_in_denominator") is False
    assert SCORED.settings["htxs_quota_percent"].source


# --- Changes from the self-assessed figures, closing, the answer window ----------------------------------------

def test_only_figures_that_differ_from_a_self_assessed_one_need_a_reason():
    self_points = {"politics": Decimal("9.5"), "competence": Decimal("9"), "tasks": Decimal("60.000"),
                   "innovation": None}
    review_points = {"politics": Decimal("9.5"), "competence": Decimal("8"), "tasks": Decimal("60"),
                     "innovation": Decimal("7")}
    assert reviews.changes_needing_reasons(self_points, review_points) == ["competence"]


def test_a_month_closes_only_with_every_review_approved_and_every_shortcoming_judged():
    people = [
        reviews.PersonMonth("Hoàng Văn Ân", True, "pending", 0),
        reviews.PersonMonth("Tạ Văn Khôi", True, "reviewed", 2),
        reviews.PersonMonth("Phạm Quang Huy", False, "pending", 0),  # assessed by the superior body
        reviews.PersonMonth("Đỗ Thị Lan", True, "approved", 0),
    ]
    assert reviews.close_blockers(people) == [
        "Chưa đánh giá (1): Hoàng Văn Ân.",
        "Đã đánh giá nhưng chưa được duyệt (1): Tạ Văn Khôi.",
        "Tồn tại, hạn chế của các tháng trước chưa có kết luận khắc phục: Tạ Văn Khôi (2).",
    ]
    assert reviews.close_blockers([reviews.PersonMonth("Đỗ Thị Lan", True, "approved", 0)]) == []


def test_a_long_list_of_names_is_cut_short():
    people = [reviews.PersonMonth(f"Người {n}", True, "pending", 0) for n in range(1, 11)]
    assert reviews.close_blockers(people) == ["Chưa đánh giá (10): Người 1, Người 2, Người 3, Người 4, Người 5, "
                                              "Người 6, Người 7, Người 8 và 2 người khác."]


@pytest.mark.parametrize(("today", "allowed"), [(date(2026, 11, 2), True), (date(2026, 11, 7), True),
                                                (date(2026, 11, 8), False)])
def test_the_person_answers_within_the_set_days_after_approval(today, allowed):
    assert reviews.response_deadline(date(2026, 11, 2), 5) == date(2026, 11, 7)
    assert reviews.may_respond(date(2026, 11, 2), today, 5) is allowed
    assert reviews.may_respond(None, today, 5) is False
