"""``/forget-me``: erase everything about the member, after they confirm with a button."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.app.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond

from adapters.slack import blocks
from adapters.slack.context import SlackContext
from adapters.slack.listeners import on_click
from adapters.slack.payloads import Click, Command, command_of
from adapters.slack.replies import PrivateReply, private_reply
from bot.errors import ConsentRequired

log = logging.getLogger(__name__)

KIND = "forget"


def register(app: AsyncApp, ctx: SlackContext) -> None:
    @app.command("/forget-me")
    async def on_forget(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        cmd = command_of(command)
        where = private_reply(ctx.client, respond, cmd.user_id, cmd.channel_id)
        ctx.run(where, ask(ctx, cmd, where), name="slack-forget")

    on_click(app, ctx, blocks.FORGET_CONFIRM, confirmed, replace_original=True)
    on_click(app, ctx, blocks.FORGET_CANCEL, cancelled, replace_original=True)


async def ask(ctx: SlackContext, command: Command, where: PrivateReply) -> None:
    member = await ctx.members.member(command.user_id, command.team_id)
    action = await ctx.voicebot.ask_confirmation(member, kind=KIND, payload={})
    text, prompt = blocks.forget_prompt(action.token)
    await where.send(text, prompt)


async def confirmed(ctx: SlackContext, click: Click, prompt: PrivateReply) -> None:
    """The confirmation prompt is replaced by the outcome."""
    member = await ctx.members.member(click.user_id, click.team_id)
    action = await ctx.voicebot.take_pending(click.value, member)
    if action.kind != KIND:
        raise ConsentRequired()
    report = await ctx.voicebot.forget(member)
    await prompt.send(blocks.forgotten_text(len(report.voice_ids)))


async def cancelled(ctx: SlackContext, click: Click, prompt: PrivateReply) -> None:
    member = await ctx.members.member(click.user_id, click.team_id)
    await ctx.voicebot.cancel_pending(click.value, member)
    await prompt.send(blocks.forget_cancelled_text())
