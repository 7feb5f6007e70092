"""Points typed the Vietnamese way ("9,5") or the other ("9.5"), one decimal, within the group's bounds."""

from decimal import Decimal as D

import pytest

from app.domain.points import PointsError, canonical, parse_points


@pytest.mark.parametrize(("text", "value"), [
    ("9,5", D("9.5")), ("9.5", D("9.5")), (" 10 ", D("10.0")), ("0", D("0.0")), ("", None), (None, None),
    ("7,50", D("7.5")), ("70", D("70.0")),
])
def test_accepted(text, value):
    assert parse_points(text, D(70)) == value


@pytest.mark.parametrize(("text", "maximum", "kind"), [
    ("mười", D(10), "number"), ("-1", D(10), "number"), ("1e1", D(10), "number"), ("9,5,1", D(10), "number"),
    ("9,55", D(10), "decimals"), ("10,5", D(10), "range"), ("70,1", D(70), "range"), ("1000", D(70), "number"),
])
def test_refused(text, maximum, kind):
    with pytest.raises(PointsError) as error:
        parse_points(text, maximum)
    assert error.value.kind == kind


@pytest.mark.parametrize(("value", "text"), [
    (D("10.0"), "10"), (D("9.50"), "9.5"), ("10", "10"), (None, ""), ("", ""), (D("0.0"), "0"),
])
def test_canonical(value, text):
    assert canonical(value) == text
