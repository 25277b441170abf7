"""``/clone-settings [key value]``: workspace admins see and change the rules here. Whether the
member is an admin comes from ``users.info``; the core decides what admins may do."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt.app.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond

from adapters.slack import blocks
from adapters.slack.context import SlackContext
from adapters.slack.payloads import Command, command_of
from adapters.slack.replies import PrivateReply, private_reply
from bot.community import describe

log = logging.getLogger(__name__)

#: ``<@U123>`` or ``<@U123|name>``, as Slack escapes mentions in command text.
MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
USAGE = (
    "Usage: `/clone-settings` to see the settings, `/clone-settings <key> <value>` to change one."
)


def register(app: AsyncApp, ctx: SlackContext) -> None:
    @app.command("/clone-settings")
    async def on_settings(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        cmd = command_of(command)
        where = private_reply(ctx.client, respond, cmd.user_id, cmd.channel_id)
        ctx.run(where, settings(ctx, cmd, where), name="slack-settings")


def plain_ids(value: str) -> str:
    """Mentions become bare user ids, the form the core stores."""
    return MENTION.sub(r"\1", value)


async def settings(ctx: SlackContext, command: Command, where: PrivateReply) -> None:
    member = await ctx.members.member(command.user_id, command.team_id)
    if not command.text:
        current = await ctx.voicebot.community_settings(member)
        await where.send(blocks.settings_text(describe(current)))
        return
    key, _, value = command.text.partition(" ")
    if not value.strip():
        await where.send(USAGE)
        return
    updated = await ctx.voicebot.update_community_settings(member, {key: plain_ids(value.strip())})
    await where.send(blocks.settings_text(describe(updated), changed=key))
