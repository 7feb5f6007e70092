"""Shared by every test layer: the private PostgreSQL cluster (started only if a test asks for it)."""

from __future__ import annotations

import pytest

from tests.postgres_cluster import Cluster


@pytest.fixture(scope="session")
def pg_cluster():
    cluster = Cluster().start()
    yield cluster
    cluster.stop()
