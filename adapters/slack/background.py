"""Work the Slack listeners start after acknowledging, kept so shutdown can wait for it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

import aiojobs

log = logging.getLogger(__name__)


class BackgroundTasks:
    """The listeners' slow parts, run by an :class:`aiojobs.Scheduler`: listeners ack first
    and hand the rest to :meth:`spawn`.

    Bolt's own fire-and-forget futures can't be awaited at shutdown, and a task nobody holds a
    reference to may be garbage-collected mid-flight: both reasons to keep them here.
    """

    def __init__(self) -> None:
        self._scheduler = aiojobs.Scheduler(
            limit=None, close_timeout=1.0, exception_handler=self._failed
        )

    async def spawn(self, work: Coroutine[Any, Any, None], *, name: str) -> bool:
        """Start ``work``; False (and ``work`` closed unstarted) once shutdown has begun."""
        if self._scheduler.closed:
            work.close()
            log.warning("shutting down: dropped %s", name)
            return False
        await self._scheduler.spawn(work, name=name)
        return True

    @staticmethod
    def _failed(scheduler: aiojobs.Scheduler, context: dict[str, Any]) -> None:
        # Work functions report their own errors to the member; this is a last resort.
        log.error(
            "background task failed: %s", context.get("message"), exc_info=context.get("exception")
        )

    def __len__(self) -> int:
        return len(self._scheduler)

    async def wait_idle(self) -> None:
        """Until no task runs (tasks started meanwhile are waited for too)."""
        while len(self._scheduler):
            jobs = list(self._scheduler)
            await asyncio.gather(*(job.wait() for job in jobs), return_exceptions=True)

    async def close(self, grace_seconds: float) -> None:
        """Refuse new work, give running work ``grace_seconds``, then cancel what is left."""
        if len(self._scheduler):
            log.info("waiting up to %.0f s for %d Slack task(s)", grace_seconds, len(self))
        await self._scheduler.wait_and_close(grace_seconds)
