"""A unit's adjustment of its rulebook's settings for one year: what a submitted value means, and whether it may be.

A setting's type is that of the rulebook's default (a yes/no, or a whole number); a whole number is bounded by what
it counts, read from its name: a percentage 0–100, months 0–12, days 1–60. A name of no known kind is refused, so a
new setting in a rulebook is shown but cannot be adjusted until its bounds are written here.

Messages are Vietnamese msgids marked with N_ and translated by the view (with `params`), so that this module stays
free of Flask. Nothing here reads the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

TRUE_WORDS = ("1", "true", "y", "yes", "on", "co", "có")
FALSE_WORDS = ("", "0", "false", "n", "no", "off", "khong", "không")


def N_(message: str) -> str:
    """Marks a message for the translation catalogue (pybabel's default keyword); the view translates it."""
    return message


# What a whole-number setting counts, by a word of its name, and the values it may take.
BOUNDS = {
    "percent": (0, 100),
    "months": (0, 12),
    "days": (1, 60),
}

NOT_ADJUSTABLE = N_("Quy định này không điều chỉnh được cho từng năm.")
NOT_A_NUMBER = N_("Hãy nhập một số nguyên.")
OUT_OF_RANGE = N_("Giá trị từ %(low)s đến %(high)s.")
NOT_YES_NO = N_("Hãy chọn có hoặc không.")
REASON_NEEDED = N_("Hãy ghi lý do điều chỉnh.")


@dataclass(frozen=True)
class Problem:
    message: str  # a msgid, formatted with params once translated
    params: Mapping[str, object] = field(default_factory=dict)


def kind_of(name: str, default: object) -> str | None:
    """"bool", or the word of BOUNDS a whole number counts; None when the setting cannot be adjusted."""
    if isinstance(default, bool):
        return "bool"
    if not isinstance(default, int):
        return None
    words = name.split("_")
    found = [kind for kind in BOUNDS if kind in words]
    return found[0] if len(found) == 1 else None


def bounds(name: str, default: object) -> tuple[int, int] | None:
    kind = kind_of(name, default)
    return BOUNDS.get(kind) if kind else None


def parse(name: str, default: object, raw: str | None) -> tuple[object, Problem | None]:
    """The value typed for a setting, or the problem with it. `raw` is the submitted text (None: not sent, which for
    a checkbox means unticked)."""
    kind = kind_of(name, default)
    if kind is None:
        return None, Problem(NOT_ADJUSTABLE)
    text = (raw or "").strip().lower()
    if kind == "bool":
        if text in TRUE_WORDS:
            return True, None
        if text in FALSE_WORDS:
            return False, None
        return None, Problem(NOT_YES_NO)
    try:
        value = int(text)
    except ValueError:
        return None, Problem(NOT_A_NUMBER)
    low, high = BOUNDS[kind]
    if not low <= value <= high:
        return None, Problem(OUT_OF_RANGE, {"low": low, "high": high})
    return value, None


def effective(defaults: Mapping[str, object], overrides: Mapping[str, object] | None) -> dict[str, object]:
    """Every setting's value for the year: the unit's adjustment when there is one, else the rulebook's."""
    overrides = overrides or {}
    return {name: overrides.get(name, default) for name, default in defaults.items()}


def overrides_for(defaults: Mapping[str, object], current: Mapping[str, object] | None,
                  submitted: Mapping[str, object]) -> dict[str, object]:
    """The year's adjustments after a save: a submitted value equal to the rulebook's is no adjustment. Adjustments
    of names the rulebook no longer has are kept as they were (they are nobody's to drop here)."""
    kept = {name: value for name, value in (current or {}).items() if name not in defaults}
    for name, default in defaults.items():
        value = submitted.get(name, (current or {}).get(name, default))
        if value != default or type(value) is not type(default):
            kept[name] = value
    return kept


def changed(before: Mapping[str, object], after: Mapping[str, object]) -> list[str]:
    """The names whose value differs between two sets of values, in the order of `after`."""
    return [name for name in after if before.get(name) != after.get(name)]


def reason_problem(before: Mapping[str, object], after: Mapping[str, object], reason: str | None) -> Problem | None:
    """A change of any value needs a reason; saving the same values needs none."""
    if changed(before, after) and not (reason or "").strip():
        return Problem(REASON_NEEDED)
    return None
