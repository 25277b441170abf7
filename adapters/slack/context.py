"""What a Slack handler works with: the services built once per app, and the context built
once per request (the member, their language, where answers go), as bolt's ``context`` and
poise's ``Context`` give theirs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.background import BackgroundTasks
from adapters.slack.errors import ErrorReporter
from adapters.slack.files import SlackFiles
from adapters.slack.replies import Blocks, PrivateReply
from adapters.slack.users import SlackUsers
from bot.app.settings import Settings
from bot.facade import HttpSessions, VoiceBot
from bot.i18n import Translator
from bot.models import Member

#: How long closing the app waits for clones and uploads already under way. `python -m bot`
#: has already given them its own grace period by then; this is the last short wait.
DRAIN_SECONDS = 8.0


@dataclass
class SlackServices:
    """Everything the adapter's handlers share, built once by :func:`build_slack_app`."""

    voicebot: VoiceBot
    settings: Settings
    client: AsyncWebClient
    users: SlackUsers
    files: SlackFiles
    tasks: BackgroundTasks
    errors: ErrorReporter
    http: HttpSessions
    #: Called after every change a member makes (a clone, a delete, a new default, forget-me):
    #: the Home tab registers its refresh here (adapters/slack/home.py).
    on_change: list[Callable[[SlackContext], Awaitable[None]]] = field(default_factory=list)

    async def changed(self, ctx: SlackContext) -> None:
        for listener in self.on_change:
            await listener(ctx)

    async def context(
        self, user_id: str, team_id: str | None, channel_id: str | None, where: PrivateReply
    ) -> SlackContext:
        """The context of one request (one ``users.info`` answer gives member and language)."""
        return SlackContext(
            services=self,
            member=await self.users.member(user_id, team_id),
            t=await self.users.messages(user_id, team_id),
            channel_id=channel_id,
            where=where,
        )

    async def close(self, grace_seconds: float = DRAIN_SECONDS) -> None:
        await self.tasks.close(grace_seconds)
        await self.http.close()


@dataclass(frozen=True, slots=True)
class SlackContext:
    """One request: the services, who asks, the texts in their language, where it came from
    and where its answers go."""

    services: SlackServices
    member: Member
    t: Translator
    channel_id: str | None
    #: The member's private answers (or, for some clicks, the message they clicked).
    where: PrivateReply

    async def reply(self, text: str, blocks: Blocks | None = None) -> None:
        await self.where.send(text, blocks)

    @property
    def voicebot(self) -> VoiceBot:
        return self.services.voicebot

    @property
    def client(self) -> AsyncWebClient:
        return self.services.client

    @property
    def settings(self) -> Settings:
        return self.services.settings

    @property
    def user_id(self) -> str:
        return self.member.user_id
