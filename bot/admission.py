"""A global limit on concurrent work with a short wait queue; past it, callers get ``busy``."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.errors import Busy


class Admission:
    def __init__(self, limit: int, queue_size: int, wait_seconds: float) -> None:
        self._slots = asyncio.Semaphore(limit)
        self._queue_size = queue_size
        self._wait_seconds = wait_seconds
        self.limit = limit
        self.waiting = 0
        self.active = 0
        self.rejected = 0
        self._idle = asyncio.Event()
        self._idle.set()

    async def wait_idle(self) -> None:
        """Return once no work holds a slot."""
        await self._idle.wait()

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        if self._slots.locked():
            if self.waiting >= self._queue_size:
                self.rejected += 1
                raise Busy()
            self.waiting += 1
            try:
                await asyncio.wait_for(self._slots.acquire(), self._wait_seconds)
            except TimeoutError:
                self.rejected += 1
                raise Busy() from None
            finally:
                self.waiting -= 1
        else:
            await self._slots.acquire()
        self.active += 1
        self._idle.clear()
        try:
            yield
        finally:
            self.active -= 1
            if self.active == 0:
                self._idle.set()
            self._slots.release()
