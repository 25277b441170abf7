"""Stores implementing :class:`bot.ports.Store`: SQLite (embedded) and PostgreSQL (shared),
one SQL implementation (``sql_store``) over two drivers, and their migrations.

May import aiosqlite, asyncpg and the core's ports, models, errors and database URL parser.
"""

from __future__ import annotations

from bot.app.database_url import parse_database_url
from bot.ports import Store
from storage.postgres import PostgresStore
from storage.sql_store import SqlStore
from storage.sqlite import SqliteStore

__all__ = ["PostgresStore", "SqlStore", "SqliteStore", "open_store"]


async def open_store(database_url: str, *, pool_size: int = 10) -> Store:
    """Open the store ``database_url`` names and bring its schema up to date.

    ``sqlite:///relative/path.db``, ``sqlite:////absolute/path.db``, ``sqlite:///:memory:``,
    ``postgresql://user:password@host:5432/db`` (or ``postgres://``). A bad URL or an
    unreachable database raises :class:`bot.errors.ConfigurationError`.
    """
    driver, target = parse_database_url(database_url)
    store: SqlStore
    if driver == "sqlite":
        store = await SqliteStore.open(target)
    else:
        store = await PostgresStore.open(target, pool_size=pool_size)
    try:
        await store.migrate()
    except BaseException:
        await store.close()
        raise
    return store
