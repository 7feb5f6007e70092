"""Text as it arrives from Vietnamese keyboards: composed (NFC) or decomposed (NFD), with stray spaces."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")


def clean_text(value: str | None) -> str:
    """NFC and stripped, so that search, sort and uniqueness see one spelling of each word.

    Runs of spaces inside a line fold to one; line breaks (in long texts) stay.
    """
    if value is None:
        return ""
    value = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in value.split("\n")]
    return "\n".join(lines).strip()
