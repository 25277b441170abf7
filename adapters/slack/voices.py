"""``/voices`` and its buttons: preview, make default, delete."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.app.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond

from adapters.slack import blocks
from adapters.slack.context import SlackContext
from adapters.slack.listeners import on_click
from adapters.slack.payloads import Click, command_of
from adapters.slack.replies import PrivateReply, open_dm, private_reply
from adapters.slack.uploads import audio_filename, upload_audio
from bot.models import Member

log = logging.getLogger(__name__)


def register(app: AsyncApp, ctx: SlackContext) -> None:
    @app.command("/voices")
    async def on_voices(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        cmd = command_of(command)
        where = private_reply(ctx.client, respond, cmd.user_id, cmd.channel_id)
        ctx.run(where, show_voices(ctx, cmd.user_id, cmd.team_id, where), name="slack-voices")

    on_click(app, ctx, blocks.VOICE_PREVIEW, preview)
    on_click(app, ctx, blocks.VOICE_DEFAULT, make_default, replace_original=True)
    on_click(app, ctx, blocks.VOICE_DELETE, delete, replace_original=True)


async def show_voices(
    ctx: SlackContext, user_id: str, team_id: str | None, where: PrivateReply
) -> None:
    member = await ctx.members.member(user_id, team_id)
    text, listing = blocks.voices_list(await ctx.voicebot.list_voices(member))
    await where.send(text, listing)


async def refresh_list(ctx: SlackContext, member: Member, listing: PrivateReply, note: str) -> None:
    """Replace the clicked list by the new one, the outcome on top."""
    _, voices = blocks.voices_list(await ctx.voicebot.list_voices(member))
    await listing.send(note, [blocks.section(note), *voices])


async def preview(ctx: SlackContext, click: Click, where: PrivateReply) -> None:
    member = await ctx.members.member(click.user_id, click.team_id)
    found = await ctx.voicebot.preview(member, click.value)
    posted = False
    if found.audio:
        dm = await open_dm(ctx.client, member.user_id)
        await upload_audio(
            ctx.client,
            channel=dm,
            audio=found.audio,
            filename=audio_filename(f"preview-{found.voice.name}", found.content_type),
            title=f"Preview of {found.voice.name}",
        )
        posted = True
    await where.send(blocks.preview_text(found.voice, found.url, posted=posted))


async def make_default(ctx: SlackContext, click: Click, listing: PrivateReply) -> None:
    member = await ctx.members.member(click.user_id, click.team_id)
    voice = await ctx.voicebot.make_default(member, click.value)
    await refresh_list(ctx, member, listing, blocks.default_set_text(voice))


async def delete(ctx: SlackContext, click: Click, listing: PrivateReply) -> None:
    member = await ctx.members.member(click.user_id, click.team_id)
    voice = await ctx.voicebot.delete_voice(member, click.value)
    await refresh_list(ctx, member, listing, blocks.deleted_text(voice))
