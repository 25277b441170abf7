"""Slack plumbing every feature shares: the context built once per app, background work,
reading payloads, where private answers go, who is asking, uploads and listener helpers."""

from __future__ import annotations

import asyncio
import logging
import mimetypes
import re
import time
from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import aiohttp
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.errors import ErrorReporter, slack_error
from adapters.slack.files import SlackFiles
from adapters.slack.member_locale import MemberLocales
from bot.i18n import Translator
from bot.models import Member
from bot.observability.logs import request_context
from bot.service import VoiceBot
from bot.settings import Settings

log = logging.getLogger(__name__)

PLATFORM = "slack"
Blocks = list[dict[str, Any]]


# --- reading payloads ----------------------------------------------------------------------
def decode_text(text: str) -> str:
    """Slack sends typed text with ``&``, ``<`` and ``>`` as entities (its own mentions and
    links keep real brackets): the core gets what the member typed."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


@dataclass(frozen=True, slots=True)
class Click:
    """One button click (``block_actions``)."""

    user_id: str
    team_id: str | None
    value: str
    channel_id: str | None
    message_ts: str | None


def click_of(body: Mapping[str, Any]) -> Click:
    user = body.get("user") or {}
    container = body.get("container") or {}
    action = (body.get("actions") or [{}])[0]
    return Click(
        user_id=str(user["id"]),
        team_id=user.get("team_id") or (body.get("team") or {}).get("id"),
        value=str(action.get("value") or ""),
        channel_id=container.get("channel_id") or (body.get("channel") or {}).get("id"),
        message_ts=container.get("message_ts") or (body.get("message") or {}).get("ts"),
    )


@dataclass(frozen=True, slots=True)
class Command:
    """One slash command."""

    user_id: str
    team_id: str | None
    channel_id: str
    text: str


def command_of(command: Mapping[str, Any]) -> Command:
    return Command(
        user_id=str(command["user_id"]),
        team_id=command.get("team_id"),
        channel_id=str(command.get("channel_id") or ""),
        text=decode_text(str(command.get("text") or "")).strip(),
    )


def event_team(body: Mapping[str, Any], event: Mapping[str, Any]) -> str | None:
    team = body.get("team_id") or event.get("team")
    return str(team) if team else None


# --- where private answers go --------------------------------------------------------------
class PrivateReply(Protocol):
    """Something only the member sees: an ephemeral answer, their DM with the bot..."""

    async def send(self, text: str, blocks: Blocks | None = None) -> None: ...


class ResponseUrlReply:
    """An ephemeral answer through a command's or a click's ``response_url``.

    A ``response_url`` serves 5 answers within 30 minutes: past that it fails with
    :class:`ReplyFailed`, and :class:`FirstDelivered` tries the next way.
    """

    def __init__(self, respond: AsyncRespond, *, replace_original: bool = False) -> None:
        self._respond = respond
        self._replace = replace_original

    async def send(self, text: str, blocks: Blocks | None = None) -> None:
        try:
            response = await self._respond(
                text=text,
                blocks=blocks,
                response_type="ephemeral",
                replace_original=self._replace,
            )
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise ReplyFailed(f"response_url unreachable: {type(exc).__name__}") from exc
        if response.status_code != 200:
            raise ReplyFailed(f"response_url answered HTTP {response.status_code}")


class ReplyFailed(Exception):
    """An answer could not be delivered this way."""


class FirstDelivered:
    """Tries each way in turn until one delivers."""

    def __init__(self, *ways: PrivateReply) -> None:
        self._ways = ways

    async def send(self, text: str, blocks: Blocks | None = None) -> None:
        *first, last = self._ways
        for way in first:
            try:
                await way.send(text, blocks)
                return
            except ReplyFailed as exc:
                log.warning("%s failed (%s): trying the next way", type(way).__name__, exc)
            except SlackClientError as exc:
                log.warning(
                    "%s failed (%s): trying the next way", type(way).__name__, slack_error(exc)
                )
        await last.send(text, blocks)


def private_reply(
    client: AsyncWebClient,
    respond: AsyncRespond,
    user_id: str,
    channel_id: str | None,
    *,
    replace_original: bool = False,
) -> PrivateReply:
    """Where a command's or a click's answer goes: its ``response_url``, else an ephemeral
    message in the channel, else the member's DM."""
    ways: list[PrivateReply] = [ResponseUrlReply(respond, replace_original=replace_original)]
    if channel_id:
        ways.append(EphemeralReply(client, channel_id, user_id))
    ways.append(DirectMessageReply(client, user_id))
    return FirstDelivered(*ways)


class EphemeralReply:
    """``chat.postEphemeral``: visible only to ``user`` in ``channel``."""

    def __init__(self, client: AsyncWebClient, channel: str, user: str) -> None:
        self._client = client
        self._channel = channel
        self._user = user

    async def send(self, text: str, blocks: Blocks | None = None) -> None:
        await self._client.chat_postEphemeral(
            channel=self._channel, user=self._user, text=text, blocks=blocks
        )


class DirectMessageReply:
    """A message in the member's DM with the bot (opened when the channel isn't known)."""

    def __init__(self, client: AsyncWebClient, user: str, channel: str | None = None) -> None:
        self._client = client
        self._user = user
        self._channel = channel

    async def channel(self) -> str:
        if self._channel is None:
            self._channel = await open_dm(self._client, self._user)
        return self._channel

    async def send(self, text: str, blocks: Blocks | None = None) -> None:
        await self._client.chat_postMessage(
            channel=await self.channel(), text=text, blocks=blocks, unfurl_links=False
        )


class MessageUpdateReply:
    """Rewrites one message the bot posted in a DM (the consent prompt and its progress)."""

    def __init__(self, client: AsyncWebClient, channel: str, ts: str) -> None:
        self._client = client
        self._channel = channel
        self._ts = ts

    async def send(self, text: str, blocks: Blocks | None = None) -> None:
        # An empty list (not None) drops the old buttons along with the old text.
        await self._client.chat_update(
            channel=self._channel, ts=self._ts, text=text, blocks=blocks or []
        )


async def open_dm(client: AsyncWebClient, user: str) -> str:
    response = await client.conversations_open(users=user)
    channel = response.get("channel") or {}
    return str(channel["id"])


# --- who is asking -------------------------------------------------------------------------
class MemberDirectory:
    """Builds members, asking ``users.info`` whether they administer the workspace.

    The answer is cached briefly: every click and command needs it, and Slack rate-limits
    ``users.info`` (tier 4). A demoted admin keeps their rights for at most ``ttl`` seconds.
    The same answer carries the member's locale, handed to ``locales`` so that a request
    asks Slack once, not once for each.
    """

    def __init__(
        self, client: AsyncWebClient, locales: MemberLocales | None = None, ttl: float = 60.0
    ) -> None:
        self._client = client
        self._locales = locales
        self._ttl = ttl
        self._admins: dict[tuple[str | None, str], tuple[float, bool]] = {}

    async def member(self, user_id: str, team_id: str | None) -> Member:
        return Member(
            platform=PLATFORM,
            user_id=user_id,
            community_id=team_id,
            roles=frozenset(),
            is_admin=await self._is_admin(user_id, team_id),
        )

    async def _is_admin(self, user_id: str, team_id: str | None) -> bool:
        key = (team_id, user_id)
        cached = self._admins.get(key)
        now = time.monotonic()
        if cached is not None and now - cached[0] < self._ttl:
            return cached[1]
        try:
            response = await self._client.users_info(user=user_id, include_locale=True)
        except SlackApiError as exc:
            # Without users:read nobody is an admin: safe, and the log says why.
            log.warning("users.info failed for a member: %s", slack_error(exc))
            return False
        user = response.get("user") or {}
        if self._locales is not None:
            self._locales.learn(user_id, team_id, user)
        is_admin = bool(user.get("is_admin") or user.get("is_owner"))
        self._admins[key] = (now, is_admin)
        return is_admin


# --- uploads -------------------------------------------------------------------------------
def audio_filename(stem: str, content_type: str | None, default_ext: str = ".mp3") -> str:
    ext = mimetypes.guess_extension(content_type or "") or default_ext
    safe = re.sub(r"[^\w.-]+", "-", stem).strip("-.")[:60] or "audio"
    return f"{safe}{ext}"


async def upload_audio(
    client: AsyncWebClient,
    *,
    channel: str,
    audio: bytes,
    filename: str,
    title: str,
    comment: str | None = None,
) -> None:
    await client.files_upload_v2(
        channel=channel,
        file=audio,
        filename=filename,
        title=title,
        initial_comment=comment,
    )


async def post_preview(
    client: AsyncWebClient, channel: str, title: str, audio: bytes, content_type: str | None
) -> None:
    """A voice's preview audio, posted in ``channel`` (the member's DM) under ``title``."""
    await upload_audio(
        client,
        channel=channel,
        audio=audio,
        filename=audio_filename(title, content_type),
        title=title,
    )


# --- background work and the context -------------------------------------------------------
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
    locales: MemberLocales

    async def who(self, user_id: str, team_id: str | None) -> tuple[Member, Translator]:
        """The member asking, and the texts in their language."""
        member = await self.members.member(user_id, team_id)
        return member, await self.locales.messages(user_id, team_id)

    def run(
        self,
        where: PrivateReply,
        work: Coroutine[Any, Any, None],
        *,
        name: str,
        user_id: str,
        team_id: str | None,
    ) -> None:
        """Run ``work`` after the listener returned; its failure is told to ``where``, in the
        language of the member ``user_id``."""
        reporting = self._reporting(where, work, user_id, team_id, name.removeprefix("slack-"))
        if not self.tasks.spawn(reporting, name=name):
            work.close()

    async def _reporting(
        self,
        where: PrivateReply,
        work: Coroutine[Any, Any, None],
        user_id: str,
        team_id: str | None,
        command: str,
    ) -> None:
        # Every line logged for this request says where it came from (never who).
        with request_context(PLATFORM, command):
            try:
                await work
            except Exception as exc:  # noqa: BLE001 - every failure reaches the member
                await self.report(where, exc, user_id, team_id)

    async def report(
        self, where: PrivateReply, exc: BaseException, user_id: str, team_id: str | None
    ) -> None:
        await self.errors.report(where, exc, await self.locales.messages(user_id, team_id))

    async def close(self, grace_seconds: float = DRAIN_SECONDS) -> None:
        await self.tasks.close(grace_seconds)
        await self.http.close()


# --- listeners -----------------------------------------------------------------------------
ClickWork = Callable[[SlackContext, Click, PrivateReply], Coroutine[Any, Any, None]]
CommandWork = Callable[[SlackContext, Command, PrivateReply], Coroutine[Any, Any, None]]


def on_command(app: AsyncApp, ctx: SlackContext, name: str, work: CommandWork) -> None:
    """Register ``work`` for the slash command ``name``: acknowledged at once, run in the
    background, its answer and any failure sent privately."""

    async def listener(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        cmd = command_of(command)
        where = private_reply(ctx.client, respond, cmd.user_id, cmd.channel_id)
        ctx.run(
            where,
            work(ctx, cmd, where),
            name=f"slack-{name.lstrip('/')}",
            user_id=cmd.user_id,
            team_id=cmd.team_id,
        )

    app.command(name)(listener)


def on_click(
    app: AsyncApp,
    ctx: SlackContext,
    action_id: str,
    work: ClickWork,
    *,
    replace_original: bool = False,
) -> None:
    """Register ``work`` for the button ``action_id``. It gets the reply that replaces the
    clicked message when ``replace_original``, else a private reply next to it; a failure is
    reported privately either way."""

    async def listener(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        click = click_of(body)
        where = private_reply(ctx.client, respond, click.user_id, click.channel_id)
        target = (
            private_reply(
                ctx.client, respond, click.user_id, click.channel_id, replace_original=True
            )
            if replace_original
            else where
        )
        ctx.run(
            where,
            work(ctx, click, target),
            name=f"slack-{action_id}",
            user_id=click.user_id,
            team_id=click.team_id,
        )

    app.action(action_id)(listener)
