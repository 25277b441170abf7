"""What a member sees while their clone runs, the same on every platform: an explicit
"accepted" step when the core takes their click, then each stage once, in order. A platform's
callback that fails (a deleted message, a lost connection) never fails the clone."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)

#: Shows a stage ("reading", "converting", "cloning", "preview") to the member.
Progress = Callable[[str], Awaitable[None]]
#: Called once when the core has accepted a click: from then on the prompt is the member's
#: answer (and errors belong in it); before, someone else's click changes nothing.
Accepted = Callable[[], Awaitable[None]]


class StageReporter:
    """A :data:`Progress` that shows each stage once and swallows the platform's failures."""

    def __init__(self, progress: Progress | None, accepted: Accepted | None = None) -> None:
        self._progress = progress
        self._accepted = accepted
        self._shown: set[str] = set()
        self._was_accepted = False

    @classmethod
    def wrap(cls, progress: Progress | None) -> StageReporter:
        return progress if isinstance(progress, StageReporter) else cls(progress)

    async def accept(self) -> None:
        if self._was_accepted:
            return
        self._was_accepted = True
        if self._accepted is not None:
            await self._guarded("accepted", self._accepted)

    async def __call__(self, stage: str) -> None:
        if stage in self._shown:
            return
        self._shown.add(stage)
        if self._progress is not None:
            progress = self._progress
            await self._guarded(stage, lambda: progress(stage))

    @staticmethod
    async def _guarded(step: str, call: Callable[[], Awaitable[None]]) -> None:
        try:
            await call()
        except Exception:
            # A failed progress edit (message deleted...) must not fail the clone.
            log.warning("progress report %r failed", step, exc_info=True)
