"""The shared store: PostgreSQL through an asyncpg pool, for several bot instances."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any, ClassVar

import asyncpg

from bot.app.database_url import hide_password, redact
from bot.errors import ConfigurationError
from storage.rows import as_utc
from storage.sql_store import SqlStore, Tx

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_SECONDS = 15.0
COMMAND_TIMEOUT_SECONDS = 60.0


def _params(args: Sequence[Any]) -> tuple[Any, ...]:
    return tuple(as_utc(value) if isinstance(value, datetime) else value for value in args)


def _affected(status: str) -> int:
    """Rows changed, from a command tag such as ``UPDATE 3`` or ``INSERT 0 1``."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


class _PostgresTx:
    def __init__(self, conn: Any) -> None:
        self._conn = conn

    async def fetch(self, sql: str, *args: Any) -> list[dict[str, Any]]:
        return [dict(record) for record in await self._conn.fetch(sql, *_params(args))]

    async def fetchrow(self, sql: str, *args: Any) -> dict[str, Any] | None:
        record = await self._conn.fetchrow(sql, *_params(args))
        return None if record is None else dict(record)

    async def fetchval(self, sql: str, *args: Any) -> Any:
        return await self._conn.fetchval(sql, *_params(args))

    async def execute(self, sql: str, *args: Any) -> int:
        return _affected(await self._conn.execute(sql, *_params(args)))

    async def executemany(self, sql: str, args: Sequence[Sequence[Any]]) -> None:
        await self._conn.executemany(sql, [_params(values) for values in args])

    async def execute_script(self, sql: str) -> None:
        # Without arguments asyncpg uses the simple protocol, which runs several statements.
        await self._conn.execute(sql)

    async def lock(self, name: str) -> None:
        await self._conn.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", name)


class PostgresStore(SqlStore):
    dialect: ClassVar[str] = "postgres"
    time_type: ClassVar[str] = "TIMESTAMPTZ"

    def __init__(self, pool: Any) -> None:
        self._pool = pool

    @classmethod
    async def open(cls, dsn: str, *, pool_size: int = 10) -> PostgresStore:
        """Connect a pool of up to ``pool_size`` connections; unreachable → ConfigurationError."""
        try:
            pool = await asyncpg.create_pool(
                dsn,
                min_size=1,
                max_size=max(1, pool_size),
                timeout=CONNECT_TIMEOUT_SECONDS,
                command_timeout=COMMAND_TIMEOUT_SECONDS,
            )
        except (
            OSError,
            TimeoutError,
            ValueError,
            asyncpg.PostgresError,
            asyncpg.InterfaceError,
        ) as exc:
            # The driver's message can quote the URL it was given: without its password.
            reason = hide_password(str(exc), dsn)
            raise ConfigurationError(
                f"can't connect to PostgreSQL at {redact(dsn)}: {reason}".strip()
            ) from None
        return cls(pool)

    @asynccontextmanager
    async def transaction(self, *, write: bool, snapshot: bool = False) -> AsyncIterator[Tx]:
        async with self._pool.acquire() as conn:
            isolation = "repeatable_read" if snapshot else "read_committed"
            async with conn.transaction(isolation=isolation, readonly=not write):
                yield _PostgresTx(conn)

    async def after_import(self, tx: Tx) -> None:
        # Imported rows kept their ids; the identity sequence must continue after them.
        await tx.fetchval(
            "SELECT setval(pg_get_serial_sequence('audit_log', 'id'),"
            " COALESCE((SELECT MAX(id) FROM audit_log), 0) + 1, false)"
        )

    async def close(self) -> None:
        await self._pool.close()
