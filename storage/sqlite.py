"""The embedded store: one SQLite file in WAL mode through one aiosqlite connection."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import re
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar, TypeVar, cast

import aiosqlite

from bot.errors import ConfigurationError
from storage.rows import as_utc
from storage.sql_store import SqlStore, Tx

log = logging.getLogger(__name__)

#: How long a write waits for another process holding the file (the CLI next to the bot).
BUSY_TIMEOUT_MS = 10_000
#: RETURNING, which the shared SQL uses.
MIN_SQLITE_VERSION = (3, 35, 0)

_PLACEHOLDER = re.compile(r"\$(\d+)")


@functools.lru_cache(maxsize=512)
def _numbered(sql: str) -> str:
    """``$1`` → ``?1``: SQLite's numbered parameters, so one SQL text serves both stores."""
    return _PLACEHOLDER.sub(r"?\1", sql)


def _param(value: Any) -> Any:
    # Fixed-width ISO text compares and sorts like the instants it stands for.
    if isinstance(value, datetime):
        return as_utc(value).isoformat(timespec="microseconds")
    return value


def _params(args: Sequence[Any]) -> tuple[Any, ...]:
    return tuple(_param(value) for value in args)


def _dict_row(cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> dict[str, Any]:
    return {column[0]: value for column, value in zip(cursor.description, row, strict=True)}


def split_script(script: str) -> list[str]:
    """The statements of a migration, split where SQLite itself sees them end."""
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    rest = "\n".join(
        line for line in pending.splitlines() if not line.strip().startswith("--")
    ).strip()
    if rest:
        # The last statement may omit its semicolon.
        if not sqlite3.complete_statement(rest + ";"):
            raise ValueError(f"unterminated SQL statement: {rest[:80]!r}")
        statements.append(rest)
    return statements


_T = TypeVar("_T")


async def _outcome(work: Awaitable[_T]) -> tuple[_T | None, Exception | None]:
    """``work``'s result or its error, as a value: the task that runs it on behalf of a
    cancellable caller never fails by itself (error reports would count it as unhandled);
    the caller raises the error where it is handled."""
    try:
        return await work, None
    except Exception as exc:  # noqa: BLE001 - handed to the caller, who raises it
        return None, exc


class _SqliteTx:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def fetch(self, sql: str, *args: Any) -> list[dict[str, Any]]:
        cursor = await self._started(self._db.execute(_numbered(sql), _params(args)))
        try:
            return cast(list[dict[str, Any]], list(await cursor.fetchall()))
        finally:
            await cursor.close()

    async def fetchrow(self, sql: str, *args: Any) -> dict[str, Any] | None:
        found = await self.fetch(sql, *args)
        return found[0] if found else None

    async def fetchval(self, sql: str, *args: Any) -> Any:
        row = await self.fetchrow(sql, *args)
        return None if row is None else next(iter(row.values()))

    async def execute(self, sql: str, *args: Any) -> int:
        cursor = await self._started(self._db.execute(_numbered(sql), _params(args)))
        try:
            return max(cursor.rowcount, 0)
        finally:
            await cursor.close()

    async def executemany(self, sql: str, args: Sequence[Sequence[Any]]) -> None:
        statement = self._db.executemany(_numbered(sql), [_params(values) for values in args])
        await (await self._started(statement)).close()

    @staticmethod
    async def _started(statement: Awaitable[aiosqlite.Cursor]) -> aiosqlite.Cursor:
        """The statement's cursor. A caller cancelled meanwhile still closes it once the
        statement has run on aiosqlite's thread: an open cursor makes every later COMMIT
        fail ("SQL statements in progress")."""
        started = asyncio.ensure_future(_outcome(statement))
        try:
            cursor, error = await asyncio.shield(started)
        except BaseException:
            with contextlib.suppress(BaseException):
                cursor, _ = await started
                if cursor is not None:
                    await cursor.close()
            raise
        if error is not None:
            raise error
        assert cursor is not None
        return cursor

    async def execute_script(self, sql: str) -> None:
        for statement in split_script(sql):
            await self._db.execute(statement)

    async def lock(self, name: str) -> None:
        """Nothing to do: ``BEGIN IMMEDIATE`` already lets one writer in at a time."""


async def _enable_wal(db: aiosqlite.Connection) -> dict[str, Any] | None:
    """Switch to WAL. SQLite answers "locked" at once, without waiting out the busy timeout,
    when another process opens the same new file at that moment: try again a few times."""

    async def switch() -> dict[str, Any] | None:
        async with db.execute("PRAGMA journal_mode = WAL") as cursor:
            return cast(dict[str, Any] | None, await cursor.fetchone())

    for attempt in range(1, 20):
        try:
            return await switch()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc):
                raise
            await asyncio.sleep(0.05 * attempt)
    return await switch()  # the last try: its error, if any, is the answer


class SqliteStore(SqlStore):
    dialect: ClassVar[str] = "sqlite"
    time_type: ClassVar[str] = "TEXT"

    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db
        # One connection: transactions of this process take turns on it.
        self._turn = asyncio.Lock()

    @classmethod
    async def open(cls, path: str) -> SqliteStore:
        """Open (creating it and its folder if needed) the database file at ``path``."""
        if sqlite3.sqlite_version_info < MIN_SQLITE_VERSION:
            raise ConfigurationError(
                f"SQLite {sqlite3.sqlite_version} is too old: the bot needs 3.35 or newer"
            )
        try:
            if path != ":memory:":
                await asyncio.to_thread(Path(path).parent.mkdir, parents=True, exist_ok=True)
            db = await aiosqlite.connect(path, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise ConfigurationError(f"can't open the SQLite database {path!r}: {exc}") from exc
        try:
            # aiosqlite types this as a class, but sqlite3 takes any callable.
            db.row_factory = _dict_row  # type: ignore[assignment]
            await db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            await db.execute("PRAGMA foreign_keys = ON")
            mode = await _enable_wal(db)
            if path != ":memory:" and mode is not None and mode.get("journal_mode") != "wal":
                log.warning("SQLite refused WAL mode for %s (got %s)", path, mode)
            # WAL makes NORMAL durable against application crashes, and much faster.
            await db.execute("PRAGMA synchronous = NORMAL")
        except BaseException:
            await db.close()
            raise
        return cls(db)

    @asynccontextmanager
    async def transaction(self, *, write: bool, snapshot: bool = False) -> AsyncIterator[Tx]:
        # A deferred BEGIN reads from one snapshot already; IMMEDIATE takes the write lock up
        # front so check-then-write can't interleave with another process.
        async with self._turn:
            # The statement runs on aiosqlite's thread whatever happens to this task: a
            # cancelled caller still waits for it, and ends what it began, before the next
            # transaction may begin (else that one fails "within a transaction").
            statement = "BEGIN IMMEDIATE" if write else "BEGIN"
            begin = asyncio.ensure_future(_outcome(self._db.execute(statement)))
            try:
                _, error = await asyncio.shield(begin)
            except BaseException:
                await self._settle(begin)
                raise
            if error is not None:
                raise error
            try:
                yield _SqliteTx(self._db)
                await self._db.execute("COMMIT")
            except BaseException:
                await self._rollback()
                raise

    async def _settle(self, begin: asyncio.Future[Any]) -> None:
        """After a cancelled BEGIN: wait for it, then roll back whatever it started."""
        with contextlib.suppress(BaseException):
            await begin
        await self._rollback()

    async def _rollback(self) -> None:
        # Unconditionally, through aiosqlite's queue: it runs after anything already queued
        # (a COMMIT or BEGIN whose caller was cancelled), so it always ends the transaction.
        try:
            await self._db.execute("ROLLBACK")
        except sqlite3.Error as exc:
            # No transaction was open (SQLite ends one by itself after some errors, or a
            # COMMIT got there first); the original error is the one worth raising.
            log.debug("rollback: %s", exc)

    async def after_import(self, tx: Tx) -> None:
        """Nothing to do: AUTOINCREMENT continues after the largest id inserted."""

    async def close(self) -> None:
        await self._db.close()
