"""Fixtures that run the store contract against every store.

``sqlite`` always runs (a file under pytest's tmp_path). ``postgres`` runs when
``TEST_DATABASE_URL`` is set (``scripts/pg-test-cluster.sh start DIR PORT`` prints one); each
test gets a fresh schema, dropped afterwards. With ``CI`` set, a missing ``TEST_DATABASE_URL``
fails the PostgreSQL tests instead of skipping them: CI must never skip PostgreSQL.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import asyncpg
import pytest

from storage import SqlStore, open_store

OpenStore = Callable[[], Awaitable[SqlStore]]
BACKENDS = ("sqlite", "postgres")


def postgres_base_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL", "").strip()
    if url:
        return url
    if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
        pytest.fail(
            "CI is set but TEST_DATABASE_URL is not: CI must run the PostgreSQL store tests "
            "(scripts/pg-test-cluster.sh start DIR PORT prints a URL)",
            pytrace=False,
        )
    pytest.skip("TEST_DATABASE_URL is not set (scripts/pg-test-cluster.sh starts a PostgreSQL)")


def with_search_path(url: str, schema: str) -> str:
    """``url`` with its tables in ``schema``: asyncpg sends unknown query keys as settings."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "search_path"]
    return urlunsplit(parts._replace(query=urlencode([*query, ("search_path", schema)])))


@asynccontextmanager
async def fresh_postgres_database() -> AsyncIterator[str]:
    """A URL to an empty schema of the test cluster, dropped on exit."""
    base = postgres_base_url()
    schema = f"test_{secrets.token_hex(6)}"
    conn = await asyncpg.connect(base)
    try:
        await conn.execute(f"CREATE SCHEMA {schema}")
    finally:
        await conn.close()
    try:
        yield with_search_path(base, schema)
    finally:
        conn = await asyncpg.connect(base)
        try:
            await conn.execute(f"DROP SCHEMA {schema} CASCADE")
        finally:
            await conn.close()


class StoreOpener:
    """Opens stores (several instances on one database if asked) and closes them all."""

    def __init__(self) -> None:
        self._opened: list[SqlStore] = []

    async def __call__(self, url: str) -> SqlStore:
        store = await open_store(url, pool_size=4)
        assert isinstance(store, SqlStore)
        self._opened.append(store)
        return store

    async def close_all(self) -> None:
        for store in reversed(self._opened):
            await store.close()


@pytest.fixture
async def opener() -> AsyncIterator[StoreOpener]:
    opener = StoreOpener()
    try:
        yield opener
    finally:
        await opener.close_all()


@pytest.fixture(params=BACKENDS)
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """An empty database of each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'bot.db'}"
    else:
        async with fresh_postgres_database() as url:
            yield url


@pytest.fixture
def backend(database_url: str) -> str:
    return "sqlite" if database_url.startswith("sqlite") else "postgres"


@pytest.fixture
def open_instance(database_url: str, opener: StoreOpener) -> OpenStore:
    """Open one more store on the same database: another bot instance (or process)."""

    async def open_one() -> SqlStore:
        return await opener(database_url)

    return open_one


@pytest.fixture
async def store(open_instance: OpenStore) -> SqlStore:
    return await open_instance()


@pytest.fixture
def new_sqlite_store(tmp_path: Path, opener: StoreOpener) -> OpenStore:
    """A fresh, empty SQLite store each call."""
    count = 0

    async def open_one() -> SqlStore:
        nonlocal count
        count += 1
        return await opener(f"sqlite:///{tmp_path / f'extra{count}.db'}")

    return open_one
