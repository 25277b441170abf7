"""``/clone-settings [key value]``: workspace admins see and change the rules here. Whether the
member is an admin comes from ``users.info``; the core decides what admins may do."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from slack_bolt.app.async_app import AsyncApp

from adapters.slack.blocks import escape
from adapters.slack.context import SlackContext, SlackServices
from adapters.slack.listeners import on_command
from adapters.slack.payloads import Command
from bot.facade import describe
from bot.i18n import Translator

log = logging.getLogger(__name__)

#: ``<@U123>`` or ``<@U123|name>``, as Slack escapes mentions in command text.
MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


def settings_text(t: Translator, values: Mapping[str, Any], *, changed: str | None = None) -> str:
    title = t("settings-updated", name=f"*{escape(changed)}*") if changed else None
    lines = [title or f"*{t('settings-title')}*"]
    for key, value in values.items():
        # The keys are what admins type: they stay as they are in every language.
        lines.append(f"• `{key}`: {format_setting(t, key, value)}")
    lines.append(t("settings-change-hint"))
    return "\n".join(lines)


def format_setting(t: Translator, key: str, value: Any) -> str:
    """One setting as mrkdwn: what its values mean where a plain value would mislead."""
    if key == "read_ignore_prefixes":
        # Code spans, so that `>` or `*` show as typed, not as mrkdwn or member mentions.
        return " ".join(f"`{escape(str(p))}`" for p in value) if value else t("value-none")
    if key == "read_channel":
        return f"<#{escape(str(value))}>" if value else t("value-none")
    if key == "read_emoji":
        return t(f"settings-read-emoji-{value}")
    if key == "read_announce":
        return t(f"settings-read-announce-{str(value).replace('_', '-')}")
    return format_value(t, value)


def format_value(t: Translator, value: Any) -> str:
    """A setting as mrkdwn (escaped; member ids as mentions), in the member's language."""
    if isinstance(value, bool):
        return t.on_off(value)
    if value is None:
        return t("value-none")
    if isinstance(value, tuple | list):
        mentions = [f"<@{escape(str(item))}>" for item in value]
        return ", ".join(mentions) if mentions else t("value-anyone")
    if isinstance(value, int | float):
        return t.number(value)
    return escape(str(value))


def register(app: AsyncApp, services: SlackServices) -> None:
    on_command(app, services, "/clone-settings", settings)


def plain_ids(value: str) -> str:
    """Mentions become bare user ids, the form the core stores."""
    return MENTION.sub(r"\1", value)


async def settings(ctx: SlackContext, command: Command) -> None:
    if not command.text:
        current = await ctx.voicebot.community_settings(ctx.member)
        await ctx.reply(settings_text(ctx.t, describe(current)))
        return
    key, _, value = command.text.partition(" ")
    if not value.strip():
        await ctx.reply(ctx.t("settings-usage"))
        return
    change = {key: plain_ids(value.strip())}
    updated = await ctx.voicebot.update_community_settings(ctx.member, change)
    await ctx.reply(settings_text(ctx.t, describe(updated), changed=key))
