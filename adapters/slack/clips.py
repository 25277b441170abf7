"""Clips members send the bot in DM, and ``/clone``: both end in a consent prompt in the DM."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.app.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond

from adapters.slack import blocks
from adapters.slack.context import SlackContext
from adapters.slack.files import may_be_audio
from adapters.slack.payloads import Command, command_of, event_team
from adapters.slack.replies import DirectMessageReply, PrivateReply, open_dm, private_reply
from bot.errors import NotAudio
from bot.models import CloneOptions, Member

log = logging.getLogger(__name__)


def from_member_in_dm(event: dict[str, Any]) -> bool:
    """A member wrote in their DM with the bot (not the bot itself, not an edit)."""
    return event.get("channel_type") == "im" and bool(event.get("user")) and not event.get("bot_id")


def register(app: AsyncApp, ctx: SlackContext) -> None:
    @app.event({"type": "message", "subtype": "file_share"})
    async def on_file_share(body: dict[str, Any], event: dict[str, Any]) -> None:
        if not from_member_in_dm(event):
            return
        where = DirectMessageReply(ctx.client, str(event["user"]), str(event["channel"]))
        ctx.run(where, receive_clips(ctx, body, event), name="slack-dm-clip")

    @app.event("message")
    async def on_message(body: dict[str, Any], event: dict[str, Any]) -> None:
        # Edits, joins and other subtypes need no answer; plain text gets the how-to.
        if event.get("subtype") or not from_member_in_dm(event):
            return
        where = DirectMessageReply(ctx.client, str(event["user"]), str(event["channel"]))
        ctx.run(where, explain_in_dm(ctx, body, where), name="slack-dm-text")

    @app.command("/clone")
    async def on_clone(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        cmd = command_of(command)
        where = private_reply(ctx.client, respond, cmd.user_id, cmd.channel_id)
        ctx.run(where, clone_command(ctx, cmd, where), name="slack-clone")


async def first_delivery(ctx: SlackContext, body: dict[str, Any]) -> bool:
    """Slack redelivers events it thinks we missed (``x-slack-retry-num``): act once."""
    event_id = body.get("event_id")
    if not event_id:
        return True
    if await ctx.voicebot.first_delivery(f"slack:event:{event_id}"):
        return True
    log.info("ignoring a redelivered Slack event %s", event_id)
    return False


async def receive_clips(ctx: SlackContext, body: dict[str, Any], event: dict[str, Any]) -> None:
    if not await first_delivery(ctx, body):
        return
    channel = str(event["channel"])
    member = await ctx.members.member(str(event["user"]), event_team(body, event))
    files = [await ctx.files.complete(file) for file in event.get("files") or []]
    clips = [file for file in files if may_be_audio(file)]
    if not clips:
        raise NotAudio()
    # Remembered before asking: /clone can pick the clip up even if this prompt fails.
    for clip in clips:
        await ctx.voicebot.remember_clip(member, str(clip["id"]), channel)
    for clip in clips:
        await ask_consent_in_dm(ctx, member, str(clip["id"]), channel, CloneOptions())


async def explain_in_dm(ctx: SlackContext, body: dict[str, Any], where: PrivateReply) -> None:
    if await first_delivery(ctx, body):
        await where.send(how_to_record(ctx))


def how_to_record(ctx: SlackContext) -> str:
    return blocks.HOW_TO_RECORD.format(minutes=ctx.settings.slack_clip_recent_minutes)


async def ask_consent_in_dm(
    ctx: SlackContext, member: Member, file_id: str, dm_channel: str, options: CloneOptions
) -> None:
    action = await ctx.voicebot.ask_consent(
        member, {"file_id": file_id, "channel_id": dm_channel}, options
    )
    ttl = action.expires_at - action.created_at
    text, prompt = blocks.consent_prompt(
        ctx.voicebot.consent_statement,
        action.token,
        name=options.name,
        ttl_minutes=max(1, round(ttl.total_seconds() / 60)),
    )
    await ctx.client.chat_postMessage(channel=dm_channel, text=text, blocks=prompt)


async def clone_command(ctx: SlackContext, command: Command, where: PrivateReply) -> None:
    member = await ctx.members.member(command.user_id, command.team_id)
    clip = await ctx.voicebot.latest_clip(member)
    if clip is None:
        await where.send(how_to_record(ctx))
        return
    dm = clip.channel_id or await open_dm(ctx.client, command.user_id)
    options = CloneOptions(name=command.text or None)
    await ask_consent_in_dm(ctx, member, clip.file_id, dm, options)
    if command.channel_id != dm:
        await where.send(blocks.consent_sent_elsewhere())
