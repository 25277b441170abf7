"""A caller cancelled at any point of a SQLite transaction (a voice queue closing while it
settles an utterance, a shutdown) leaves the connection ready for the next one: no
"cannot start a transaction within a transaction" for everyone after it."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.clock import utcnow
from storage.sqlite import SqliteStore


async def test_a_cancelled_transaction_never_blocks_the_next(tmp_path: Path) -> None:
    store = await SqliteStore.open(str(tmp_path / "bot.db"))
    await store.migrate()
    try:
        for steps in range(12):
            # Cancelled after ``steps`` turns of the loop: before, during and after BEGIN,
            # the write and COMMIT, depending on where the worker thread is.
            task = asyncio.create_task(store.mark_seen(f"cancelled:{steps}", utcnow()))
            for _ in range(steps):
                await asyncio.sleep(0)
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            assert await store.mark_seen(f"after:{steps}", utcnow()) is True
    finally:
        await store.close()
