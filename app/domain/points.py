"""Points as people type them: Vietnamese keyboards write "9,5", others "9.5"; at most one decimal, within bounds.

The canonical text of a value ("9.5", "10", "" for none) is what the views compare and fingerprint, so that
"10", "10,0" and "10.0" are one value.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_NUMBER = re.compile(r"^\d{1,3}(?:[.,]\d+)?$")


class PointsError(ValueError):
    """Why a typed value is not acceptable: kind is "number", "decimals" or "range" (the form words it)."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


def parse_points(text: str | None, maximum: Decimal, minimum: Decimal = Decimal(0)) -> Decimal | None:
    """The value typed, or None when the box is empty; PointsError when it is not a number of points in bounds."""
    text = (text or "").strip().replace(" ", "")
    if not text:
        return None
    if not _NUMBER.match(text):
        raise PointsError("number")
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation as error:  # the pattern makes this unreachable; kept so a bad value never passes
        raise PointsError("number") from error
    if value != value.quantize(Decimal("0.1")):
        raise PointsError("decimals")
    if value < minimum or value > maximum:
        raise PointsError("range")
    return value.quantize(Decimal("0.1"))


def canonical(value: Decimal | str | None) -> str:
    """One spelling per value: Decimal("10.0") and "10" give "10", Decimal("9.50") gives "9.5", None gives ""."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value)).normalize()
    return format(number, "f")
