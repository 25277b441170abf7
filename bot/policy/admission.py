"""Limits on concurrent work: a global one with a short wait queue, and one per key (a member,
a community) that refuses at once; past either, callers get ``busy``."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Hashable
from contextlib import asynccontextmanager

from bot.errors import Busy


class Admission:
    def __init__(
        self,
        limit: int,
        queue_size: int,
        wait_seconds: float,
        refuse: Callable[[], Busy] = Busy,
    ) -> None:
        self._slots = asyncio.Semaphore(limit)
        self._refuse = refuse
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
                raise self._refuse()
            self.waiting += 1
            try:
                await asyncio.wait_for(self._slots.acquire(), self._wait_seconds)
            except TimeoutError:
                self.rejected += 1
                raise self._refuse() from None
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


class Hold:
    """One place taken in a :class:`PerKeyLimit`; :meth:`release` gives it back (once)."""

    def __init__(self, limit: PerKeyLimit, key: Hashable) -> None:
        self._limit = limit
        self._key = key
        self._held = True

    def release(self) -> None:
        if self._held:
            self._held = False
            self._limit._give_back(self._key)


class PerKeyLimit:
    """At most ``limit`` at once for each key (a member, a community); past it the caller
    gets the ``busy`` that ``refuse`` makes at once, without waiting: what the key already
    runs can take minutes (speech playing in a voice channel)."""

    def __init__(self, limit: int, refuse: Callable[[int], Busy]) -> None:
        self.limit = limit
        self._refuse = refuse
        self._held: dict[Hashable, int] = {}

    def held(self, key: Hashable) -> int:
        return self._held.get(key, 0)

    def take(self, key: Hashable) -> Hold:
        # No await between the check and the count: two requests can't both take the last.
        if self.held(key) >= self.limit:
            raise self._refuse(self.limit)
        self._held[key] = self.held(key) + 1
        return Hold(self, key)

    def _give_back(self, key: Hashable) -> None:
        left = self.held(key) - 1
        if left > 0:
            self._held[key] = left
        else:
            self._held.pop(key, None)
