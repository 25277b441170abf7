"""``/say text``: the member's voice speaks, posted where they asked (or in their DM)."""

from __future__ import annotations

import logging
from enum import Enum
from typing import Any

from slack_bolt.app.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError, SlackClientError

from adapters.slack import blocks
from adapters.slack.context import SlackContext
from adapters.slack.payloads import Command, command_of
from adapters.slack.replies import PrivateReply, open_dm, private_reply, slack_error
from adapters.slack.uploads import upload_audio

log = logging.getLogger(__name__)

USAGE = "Tell me what to say: `/say Hello everyone!`"
#: Stands in for the owner's mention while the rest of the label is escaped.
OWNER = "\x00owner\x00"


class Membership(Enum):
    MEMBER = "member"
    NOT_MEMBER = "not_member"
    UNKNOWN = "unknown"


def register(app: AsyncApp, ctx: SlackContext) -> None:
    @app.command("/say")
    async def on_say(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        cmd = command_of(command)
        where = private_reply(ctx.client, respond, cmd.user_id, cmd.channel_id)
        ctx.run(where, say(ctx, cmd, where), name="slack-say")


def mrkdwn_label(label: str, mention: str) -> str:
    """The core's label as Slack mrkdwn: its text can't become a mention or a link; only the
    owner's mention is one."""
    return blocks.escape(label).replace(OWNER, mention)


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


async def say(ctx: SlackContext, command: Command, where: PrivateReply) -> None:
    if not command.text:
        await where.send(USAGE)
        return
    member = await ctx.members.member(command.user_id, command.team_id)
    speech = await ctx.voicebot.say(member, command.text)
    label = mrkdwn_label(speech.label(OWNER), f"<@{command.user_id}>")

    async def post(channel: str) -> None:
        await upload_audio(
            ctx.client,
            channel=channel,
            audio=speech.audio,
            filename=speech.filename,
            title=f"AI voice clone: {speech.voice.name}",
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
        await where.send(blocks.say_sent_to_dm())
