"""Shared by every test layer: compiled translations, and the private PostgreSQL cluster (started only if a
test asks for it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from tests.postgres_cluster import Cluster

TRANSLATIONS = Path(__file__).resolve().parents[1] / "app" / "translations"


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """`make` compiles the catalogues; a bare `pytest` run must see the same English interface."""
    for po_path in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            with po_path.open("rb") as po, mo_path.open("wb") as mo:
                write_mo(mo, read_po(po))


@pytest.fixture(scope="session")
def pg_cluster():
    cluster = Cluster().start()
    yield cluster
    cluster.stop()
