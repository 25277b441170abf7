"""``/clone-settings [key value]``: workspace admins see and change the rules here. Whether the
member is an admin comes from ``users.info``; the core decides what admins may do."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from slack_bolt.app.async_app import AsyncApp

from adapters.slack.blocks import escape
from adapters.slack.plumbing import Command, PrivateReply, SlackContext, on_command
from bot.community import describe

log = logging.getLogger(__name__)

#: ``<@U123>`` or ``<@U123|name>``, as Slack escapes mentions in command text.
MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
USAGE = (
    "Usage: `/clone-settings` to see the settings, `/clone-settings <key> <value>` to change one."
)


def settings_text(values: Mapping[str, Any], *, changed: str | None = None) -> str:
    lines = [f"Updated *{escape(changed)}*." if changed else "*Voice-clone settings here*"]
    for key, value in values.items():
        lines.append(f"• `{key}`: {format_value(value)}")
    lines.append("Change one with `/clone-settings <key> <value>`.")
    return "\n".join(lines)


def format_value(value: Any) -> str:
    """A setting as mrkdwn (escaped; member ids as mentions)."""
    if isinstance(value, bool):
        return "on" if value else "off"
    if value is None:
        return "none"
    if isinstance(value, tuple | list):
        return ", ".join(f"<@{escape(str(item))}>" for item in value) if value else "anyone"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return escape(str(value))


def register(app: AsyncApp, ctx: SlackContext) -> None:
    on_command(app, ctx, "/clone-settings", settings)


def plain_ids(value: str) -> str:
    """Mentions become bare user ids, the form the core stores."""
    return MENTION.sub(r"\1", value)


async def settings(ctx: SlackContext, command: Command, where: PrivateReply) -> None:
    member = await ctx.members.member(command.user_id, command.team_id)
    if not command.text:
        current = await ctx.voicebot.community_settings(member)
        await where.send(settings_text(describe(current)))
        return
    key, _, value = command.text.partition(" ")
    if not value.strip():
        await where.send(USAGE)
        return
    updated = await ctx.voicebot.update_community_settings(member, {key: plain_ids(value.strip())})
    await where.send(settings_text(describe(updated), changed=key))
