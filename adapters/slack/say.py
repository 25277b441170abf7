"""``/say text``: the member's voice speaks, posted where they asked (or in their DM)."""

from __future__ import annotations

import logging
from enum import Enum

from slack_bolt.app.async_app import AsyncApp
from slack_sdk.errors import SlackApiError, SlackClientError

from adapters.slack.api_errors import slack_error
from adapters.slack.blocks import escape
from adapters.slack.context import SlackContext, SlackServices
from adapters.slack.listeners import on_command
from adapters.slack.payloads import Command
from adapters.slack.replies import open_dm
from adapters.slack.uploads import upload_audio
from bot.i18n import Translator

log = logging.getLogger(__name__)


class Membership(Enum):
    MEMBER = "member"
    NOT_MEMBER = "not_member"
    UNKNOWN = "unknown"


def say_sent_to_dm(t: Translator) -> str:
    return t("say-sent-to-dm")


def register(app: AsyncApp, services: SlackServices) -> None:
    on_command(app, services, "/say", say)


async def bot_membership(ctx: SlackContext, channel: str) -> Membership:
    """Whether the bot may post in ``channel``; UNKNOWN when Slack won't say (DMs, private
    channels without the scope): then posting is simply tried."""
    try:
        response = await ctx.client.conversations_info(channel=channel)
    except SlackApiError as exc:
        log.info("conversations.info: %s; will try posting", slack_error(exc))
        return Membership.UNKNOWN
    info = response.get("channel") or {}
    if info.get("is_member") is True:
        return Membership.MEMBER
    if info.get("is_member") is False:
        return Membership.NOT_MEMBER
    return Membership.UNKNOWN


async def say(ctx: SlackContext, command: Command) -> None:
    t = ctx.t
    if not command.text:
        await ctx.reply(t("say-usage"))
        return
    speech = await ctx.voicebot.say(ctx.member, command.text)
    # mrkdwn: the name and text can't become mentions or links; only the owner's mention is.
    label = speech.label(f"<@{command.user_id}>", escape, messages=t)

    async def post(channel: str) -> None:
        await upload_audio(
            ctx.client,
            channel=channel,
            audio=speech.audio,
            filename=speech.filename,
            title=t("say-file-title", name=speech.voice.name),
            comment=label,
        )

    if command.channel_id and await bot_membership(ctx, command.channel_id) != (
        Membership.NOT_MEMBER
    ):
        try:
            await post(command.channel_id)
            return
        except SlackClientError as exc:
            log.info("posting /say audio in the channel failed (%s): DM instead", slack_error(exc))
    dm = await open_dm(ctx.client, command.user_id)
    await post(dm)
    if dm != command.channel_id:
        await ctx.reply(say_sent_to_dm(t))
