"""Vietnamese names sort by tên, tên đệm, họ in the Vietnamese alphabet, tones breaking ties."""

import unicodedata

import pytest

from app.domain.names import ascii_fold, collation_key, full_name, person_sort_key


def sort_words(words):
    return sorted(words, key=collation_key)


def test_the_issue_names_sort_in_vietnamese_order():
    names = ["Ưng", "Đức", "Anh", "Ơn", "Ánh", "Dũng", "Ân", "An"]
    assert sort_words(names) == ["An", "Anh", "Ánh", "Ân", "Dũng", "Đức", "Ơn", "Ưng"]


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("a", "ă"), ("ă", "â"), ("â", "b"), ("d", "đ"), ("đ", "e"), ("e", "ê"), ("o", "ô"), ("ô", "ơ"),
        ("ơ", "p"), ("u", "ư"), ("ư", "v"),
        # tones only break ties, in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng
        ("Ha", "Hà"), ("Hà", "Hả"), ("Hả", "Hã"), ("Hã", "Há"), ("Há", "Hạ"),
        # the letters decide before any tone does
        ("Hạ", "Hai"), ("Ánh", "Ân"), ("Ý", "Yến"),
        # a shorter word first; a space before any letter
        ("An", "Anh"), ("Thu", "Thu Hà"), ("Thu Hà", "Thuận"),
    ],
)
def test_pairs_in_order(earlier, later):
    assert collation_key(earlier) < collation_key(later)


def test_composed_and_decomposed_spellings_sort_alike():
    composed = "Nguyễn Thị Ánh"
    decomposed = unicodedata.normalize("NFD", composed)
    assert collation_key(composed) == collation_key(decomposed)


def test_case_does_not_change_the_letter_order():
    assert sort_words(["bình", "An", "Ánh"]) == ["An", "Ánh", "bình"]


def test_people_sort_by_given_then_middle_then_family():
    people = [("Trần", "Văn", "Bình"), ("Nguyễn", "Thị", "An"), ("Lê", "Văn", "An"), ("Đỗ", "Thị", "An")]
    ordered = sorted(people, key=lambda p: person_sort_key(p[2], p[1], p[0]))
    assert ordered == [("Đỗ", "Thị", "An"), ("Nguyễn", "Thị", "An"), ("Lê", "Văn", "An"), ("Trần", "Văn", "Bình")]


def test_full_name_skips_an_empty_middle_name():
    assert full_name("Lê", "", "Hoa") == "Lê Hoa"
    assert full_name("Lê", "Thị Minh", "Ngọc") == "Lê Thị Minh Ngọc"


def test_ascii_fold_for_login_names():
    assert ascii_fold("Đặng Thị Ánh") == "dang thi anh"
    assert ascii_fold("ƯNG") == "ung"
