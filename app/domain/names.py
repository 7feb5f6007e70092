"""Vietnamese names: how they are written and how official lists sort them.

Lists sort by tên (given name), then tên đệm (middle), then họ (family), in the Vietnamese alphabet
(a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y); tones only break ties, in dictionary order
(ngang, huyền, hỏi, ngã, sắc, nặng).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# f, j, w, z are not Vietnamese letters but appear in foreign names; they keep their Latin places.
ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(ALPHABET)}

# Combining marks that make a different letter (ă â ê ô ơ ư) versus those that only carry the tone.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

SortKey = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]


def _letters(text: str):
    """Yield (letter, tone rank, is_upper) for each character of text, tones split off."""
    base = ""
    marks = ""
    tone = 0
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char):
            if char in _TONE_RANK:
                tone = _TONE_RANK[char]
            elif char in _LETTER_MARKS:
                marks += char
            continue
        if base:
            yield unicodedata.normalize("NFC", base + marks), tone
        base, marks, tone = char, "", 0
    if base:
        yield unicodedata.normalize("NFC", base + marks), tone


# Cached: the same few hundred given, middle and family names are keyed again by every sorted list of every request
# (the 2,000-person board sorted its month's blockers by name: 10 ms of 90; docs/performance.md). The key is a tuple
# of tuples, never changed by its users.
@lru_cache(maxsize=16384)
def collation_key(text: str) -> SortKey:
    """A key that sorts Vietnamese words as a Vietnamese dictionary does."""
    primary: list[int] = []
    secondary: list[int] = []
    tertiary: list[int] = []
    for letter, tone in _letters(text):
        lower = letter.lower()
        if lower in _LETTER_RANK:
            primary.append(_LETTER_RANK[lower] + 1)
        elif lower.isspace() or lower in "-'.":
            primary.append(0)  # separators sort before any letter: "An" < "An Khang" < "Anh"
        else:
            primary.append(len(ALPHABET) + 1 + ord(lower))
        secondary.append(tone)
        tertiary.append(0 if letter == lower else 1)
    return tuple(primary), tuple(secondary), tuple(tertiary)


def person_sort_key(given_name: str, middle_name: str, family_name: str) -> tuple[SortKey, SortKey, SortKey]:
    return collation_key(given_name), collation_key(middle_name), collation_key(family_name)


def full_name(family_name: str, middle_name: str, given_name: str) -> str:
    return " ".join(part for part in (family_name, middle_name, given_name) if part)


def ascii_fold(text: str) -> str:
    """'Đặng Thị Ánh' -> 'dang thi anh': for login names and search that ignores diacritics."""
    text = text.replace("đ", "d").replace("Đ", "D")
    stripped = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return stripped.lower()
