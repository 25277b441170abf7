"""What every Slack listener needs, in one object built once per app."""

from __future__ import annotations

import logging
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.background import BackgroundTasks
from adapters.slack.files import SlackFiles
from adapters.slack.members import MemberDirectory
from adapters.slack.replies import ErrorReporter, PrivateReply
from bot.service import VoiceBot
from bot.settings import Settings

log = logging.getLogger(__name__)

#: How long closing the app waits for clones and uploads already under way. `python -m bot`
#: has already given them its own grace period by then; this is the last short wait.
DRAIN_SECONDS = 8.0


@dataclass
class HttpSessionHolder:
    """One aiohttp session for file downloads, created on first use (inside the event loop)."""

    _session: aiohttp.ClientSession | None = field(default=None, init=False)

    def __call__(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


@dataclass
class SlackContext:
    voicebot: VoiceBot
    settings: Settings
    client: AsyncWebClient
    members: MemberDirectory
    files: SlackFiles
    tasks: BackgroundTasks
    errors: ErrorReporter
    http: HttpSessionHolder

    def run(self, where: PrivateReply, work: Coroutine[Any, Any, None], *, name: str) -> None:
        """Run ``work`` after the listener returned; its failure is told to ``where``."""
        if not self.tasks.spawn(self._reporting(where, work), name=name):
            work.close()

    async def _reporting(self, where: PrivateReply, work: Coroutine[Any, Any, None]) -> None:
        try:
            await work
        except Exception as exc:  # noqa: BLE001 - every failure reaches the member, logged there
            await self.errors.report(where, exc)

    async def close(self, grace_seconds: float = DRAIN_SECONDS) -> None:
        await self.tasks.close(grace_seconds)
        await self.http.close()
