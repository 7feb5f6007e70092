"""The English catalogue is complete: every message the code and templates show has an English translation
with the same placeholders. A new Vietnamese string without one fails here (see DEVELOPERS.md)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = ROOT / "app" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def extracted_messages(tmp_path) -> set[str | tuple[str, str]]:
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "_l",
         "-k", "lazy_gettext", "-k", "N_", "-o", str(pot), "--no-location", "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    with pot.open("rb") as handle:
        return {message.id for message in read_po(handle) if message.id}


def english_catalogue():
    with ENGLISH.open("rb") as handle:
        return read_po(handle)


def test_every_message_has_an_english_translation(tmp_path):
    catalogue = english_catalogue()
    untranslated = [
        message_id for message_id in extracted_messages(tmp_path)
        if catalogue.get(message_id) is None or not catalogue.get(message_id).string
        or catalogue.get(message_id).fuzzy
    ]
    assert untranslated == [], "run `make extract-messages` and translate these in " + str(ENGLISH)


def test_translations_keep_every_placeholder():
    for message in english_catalogue():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == wanted, (message.id, string)
