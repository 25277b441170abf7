"""Where a member's private answers go: the ``response_url``, an ephemeral message, their DM
with the bot, or the bot's own message rewritten."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Protocol

import aiohttp
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.api_errors import slack_error
from adapters.slack.blocks import Block

log = logging.getLogger(__name__)

Blocks = Sequence[Block]


class PrivateReply(Protocol):
    """Something only the member sees: an ephemeral answer, their DM with the bot..."""

    async def send(self, text: str, blocks: Blocks | None = None) -> None: ...


class ReplyFailed(Exception):
    """An answer could not be delivered this way."""


class ResponseUrlReply:
    """An ephemeral answer through a command's or a click's ``response_url``.

    A ``response_url`` serves 5 answers within 30 minutes: past that it fails with
    :class:`ReplyFailed`, and :class:`FirstDelivered` tries the next way.
    """

    def __init__(self, respond: AsyncRespond | None, *, replace_original: bool = False) -> None:
        self._respond = respond
        self._replace = replace_original

    async def send(self, text: str, blocks: Blocks | None = None) -> None:
        if self._respond is None or not getattr(self._respond, "response_url", None):
            # A click in the Home tab comes with no response_url.
            raise ReplyFailed("no response_url")
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
    respond: AsyncRespond | None,
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
