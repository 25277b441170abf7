"""Where private answers go, and the one place errors are turned into what a member sees."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

import aiohttp
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import blocks
from bot.errors import BotError

log = logging.getLogger(__name__)

Blocks = list[dict[str, Any]]


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


def slack_error(exc: SlackClientError) -> str:
    """What went wrong, for the log (never the request, which may carry a token)."""
    if isinstance(exc, SlackApiError):
        data = exc.response.data
        if isinstance(data, dict) and data.get("error"):
            return str(data["error"])
        return f"HTTP {exc.response.status_code}"
    return type(exc).__name__


async def open_dm(client: AsyncWebClient, user: str) -> str:
    response = await client.conversations_open(users=user)
    channel = response.get("channel") or {}
    return str(channel["id"])


class ErrorReporter:
    """Every failure a member should hear about goes through :meth:`report`."""

    def __init__(self, describe: Callable[[BaseException], BotError]) -> None:
        #: ``VoiceBot.describe_error``: logs unknown errors with a reference id.
        self._describe = describe

    async def report(self, where: PrivateReply, exc: BaseException) -> BotError:
        error: BotError = self._describe(exc)
        log.info("telling a Slack member: %s", error.code)
        try:
            await where.send(blocks.error_text(error), blocks.error_blocks(error))
        except Exception:
            log.exception("could not deliver an error message (%s) to Slack", error.code)
        return error
