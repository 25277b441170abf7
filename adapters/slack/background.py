"""Work the Slack listeners start after acknowledging, kept so shutdown can wait for it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

log = logging.getLogger(__name__)


class BackgroundTasks:
    """A set of running tasks. Listeners ack first and hand their slow part to :meth:`spawn`.

    Bolt's own fire-and-forget futures can't be awaited at shutdown, and a task nobody holds a
    reference to may be garbage-collected mid-flight: both reasons to keep them here.
    """

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[None]] = set()
        self._idle = asyncio.Event()
        self._idle.set()
        self._closed = False

    def spawn(self, work: Coroutine[Any, Any, None], *, name: str) -> bool:
        """Start ``work``; False (and ``work`` closed unstarted) once shutdown has begun."""
        if self._closed:
            work.close()
            log.warning("shutting down: dropped %s", name)
            return False
        task = asyncio.get_running_loop().create_task(work, name=name)
        self._tasks.add(task)
        self._idle.clear()
        task.add_done_callback(self._finished)
        return True

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            # Work functions report their own errors to the member; this is a last resort.
            log.error("background task %s failed", task.get_name(), exc_info=task.exception())
        if not self._tasks:
            self._idle.set()

    def __len__(self) -> int:
        return len(self._tasks)

    async def wait_idle(self) -> None:
        """Until no task runs (tasks started meanwhile are waited for too)."""
        while self._tasks:
            await self._idle.wait()

    async def close(self, grace_seconds: float) -> None:
        """Refuse new work, give running work ``grace_seconds``, then cancel what is left."""
        self._closed = True
        if not self._tasks:
            return
        log.info("waiting up to %.0f s for %d Slack task(s)", grace_seconds, len(self._tasks))
        try:
            await asyncio.wait_for(self.wait_idle(), grace_seconds)
        except TimeoutError:
            left = list(self._tasks)
            log.warning("cancelling %d unfinished Slack task(s)", len(left))
            for task in left:
                task.cancel()
            await asyncio.gather(*left, return_exceptions=True)
