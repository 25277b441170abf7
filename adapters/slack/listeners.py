"""Registering handlers with bolt. A listener acknowledges at once, reads the payload, and
runs the handler in the background with the request's :class:`SlackContext`; any failure is
told privately to the member, in their language."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from slack_bolt.app.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond

from adapters.slack.context import SlackContext, SlackServices
from adapters.slack.payloads import (
    Click,
    Command,
    DirectMessage,
    click_of,
    command_of,
    direct_message_of,
    from_member_in_dm,
)
from adapters.slack.replies import DirectMessageReply, PrivateReply, private_reply
from bot.facade import request_context
from bot.i18n import Translator

log = logging.getLogger(__name__)

PLATFORM = "slack"

P = TypeVar("P")
Handler = Callable[[SlackContext, P], Awaitable[None]]


def on_command(
    app: AsyncApp, services: SlackServices, name: str, handler: Handler[Command]
) -> None:
    """Register ``handler`` for the slash command ``name``."""

    async def listener(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        cmd = command_of(command)
        where = private_reply(services.client, respond, cmd.user_id, cmd.channel_id)
        request = _Request(cmd.user_id, cmd.team_id, cmd.channel_id, where, where)
        await _start(services, request, handler, cmd, name=name.lstrip("/"))

    app.command(name)(listener)


def on_click(
    app: AsyncApp,
    services: SlackServices,
    action_id: str,
    handler: Handler[Click],
    *,
    replace_original: bool = False,
) -> None:
    """Register ``handler`` for the button ``action_id``. Its context replies by replacing
    the clicked message when ``replace_original``, else privately next to it; a failure is
    reported privately either way."""

    async def listener(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        click = click_of(body)
        where = private_reply(services.client, respond, click.user_id, click.channel_id)
        target = (
            private_reply(
                services.client, respond, click.user_id, click.channel_id, replace_original=True
            )
            if replace_original
            else where
        )
        request = _Request(click.user_id, click.team_id, click.channel_id, target, where)
        await _start(services, request, handler, click, name=action_id)

    app.action(action_id)(listener)


def on_direct_message(
    app: AsyncApp,
    services: SlackServices,
    handler: Handler[DirectMessage],
    *,
    with_files: bool,
    name: str,
) -> None:
    """Register ``handler`` for members' messages in their DM with the bot: those sharing
    files when ``with_files``, else plain text (edits, joins and other subtypes need no
    answer). Slack redelivers events it thinks we missed: each is handled once."""

    async def listener(body: dict[str, Any], event: dict[str, Any]) -> None:
        if not from_member_in_dm(event) or (event.get("subtype") and not with_files):
            return
        message = direct_message_of(body, event)
        where = DirectMessageReply(services.client, message.user_id, message.channel_id)
        request = _Request(message.user_id, message.team_id, message.channel_id, where, where)
        await _start(services, request, _once(services, handler), message, name=name)

    if with_files:
        app.event({"type": "message", "subtype": "file_share"})(listener)
    else:
        app.event("message")(listener)


def on_home_opened(
    app: AsyncApp, services: SlackServices, handler: Handler[dict[str, Any]]
) -> None:
    """Register ``handler`` for ``app_home_opened`` (the member opened the app's Home or
    Messages tab); its answers go to the member's DM."""

    async def listener(body: dict[str, Any], event: dict[str, Any]) -> None:
        user = str(event.get("user") or "")
        if not user:
            return
        team = body.get("team_id")
        where = DirectMessageReply(services.client, user, event.get("channel") or None)
        request = _Request(user, team, event.get("channel"), where, where)
        await _start(services, request, handler, event, name="app_home_opened")

    app.event("app_home_opened")(listener)


def _once(services: SlackServices, handler: Handler[DirectMessage]) -> Handler[DirectMessage]:
    async def first_time(ctx: SlackContext, message: DirectMessage) -> None:
        if message.event_id is None or await ctx.voicebot.first_delivery(
            PLATFORM, "event", message.event_id
        ):
            await handler(ctx, message)
        else:
            log.info("ignoring a redelivered Slack event %s", message.event_id)

    return first_time


class _Request:
    """Who asked, from where, and the two ways back: ``reply`` for the handler's answers,
    ``errors`` for a failure (private even when the answer replaces a shared message)."""

    __slots__ = ("channel_id", "errors", "reply", "team_id", "user_id")

    def __init__(
        self,
        user_id: str,
        team_id: str | None,
        channel_id: str | None,
        reply: PrivateReply,
        errors: PrivateReply,
    ) -> None:
        self.user_id = user_id
        self.team_id = team_id
        self.channel_id = channel_id or None
        self.reply = reply
        self.errors = errors


async def _start(
    services: SlackServices, request: _Request, handler: Handler[P], payload: P, *, name: str
) -> None:
    """Run ``handler`` after the listener returned (bolt answers Slack meanwhile)."""

    async def work() -> None:
        # Every line logged for this request says where it came from (never who).
        with request_context(PLATFORM, name):
            ctx: SlackContext | None = None
            try:
                ctx = await services.context(
                    request.user_id, request.team_id, request.channel_id, request.reply
                )
                await handler(ctx, payload)
            except Exception as exc:  # noqa: BLE001 - every failure reaches the member
                await services.errors.report(
                    request.errors, exc, await _texts(services, ctx, request)
                )

    await services.tasks.spawn(work(), name=f"slack-{name}")


async def _texts(
    services: SlackServices, ctx: SlackContext | None, request: _Request
) -> Translator:
    if ctx is not None:
        return ctx.t
    return await services.users.messages(request.user_id, request.team_id)
