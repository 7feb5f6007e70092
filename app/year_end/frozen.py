"""Frozen copies of JSON-like values: what the year-end memo (app/year_end/queries.py) keeps is shared by every
request of the process, so a change by one would be seen by all. `frozen` makes the copy, `thawed` a plain one to
change."""

from __future__ import annotations

from typing import Any


class FrozenDict(dict):
    """A dict that refuses to change: `dict(frozen)` is a plain, changeable (shallow) copy."""

    def _refuse(self, *_args, **_kwargs):
        raise TypeError("the year-end memo is shared by every request: copy it before changing it")

    __setitem__ = __delitem__ = __ior__ = clear = pop = popitem = setdefault = update = _refuse

    def __deepcopy__(self, memo):
        return thawed(self)

    def __reduce__(self):
        return dict, (dict(self),)


class FrozenList(list):
    """A list that refuses to change: `list(frozen)` is a plain, changeable (shallow) copy."""

    def _refuse(self, *_args, **_kwargs):
        raise TypeError("the year-end memo is shared by every request: copy it before changing it")

    __setitem__ = __delitem__ = __iadd__ = __imul__ = append = extend = insert = pop = remove = clear = _refuse
    sort = reverse = _refuse

    def __deepcopy__(self, memo):
        return thawed(self)

    def __reduce__(self):
        return list, (list(self),)


_CONTAINERS = (dict, list, tuple, FrozenDict, FrozenList)
_EMPTY = FrozenList()  # every empty list of the memo: it cannot change


def frozen(value: Any) -> Any:
    """A frozen deep copy of a JSON-like value (tuples become frozen lists). Containers are copied whole (in C) and
    only their containers visited again: a 2,000-person year is some 100,000 containers and 400,000 leaves."""
    if isinstance(value, dict):
        copy = FrozenDict(value)
        for key, item in value.items():
            if type(item) in _CONTAINERS:
                dict.__setitem__(copy, key, frozen(item))
        return copy
    if isinstance(value, list | tuple):
        if not value:
            return _EMPTY
        copy = FrozenList(value)
        for index, item in enumerate(value):
            if type(item) in _CONTAINERS:
                list.__setitem__(copy, index, frozen(item))
        return copy
    return value


def thawed(value: Any) -> Any:
    """A plain deep copy of a frozen value, to change."""
    if isinstance(value, dict):
        return {key: thawed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [thawed(item) for item in value]
    return value
