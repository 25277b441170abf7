"""The one place the Discord adapter turns an error into what a member sees."""

from __future__ import annotations

import logging
from collections.abc import Awaitable

import discord
from discord import app_commands

from adapters.discord.plumbing import (
    ERRORS_DROP_REPLY,
    ERRORS_REPLACE_REPLY,
    NO_MENTIONS,
    PLATFORM,
    messages_of,
    services_of,
)
from bot.errors import BotError, NotAllowed
from bot.i18n import Translator
from bot.observability.logs import request_context
from bot.service import VoiceBot

log = logging.getLogger(__name__)


def _unwrap(exc: BaseException) -> BaseException:
    if isinstance(exc, app_commands.CommandInvokeError):
        return _unwrap(exc.original)
    if isinstance(exc, app_commands.NoPrivateMessage):
        return NotAllowed("That works only in a server.", key="error-server-only")
    if isinstance(exc, app_commands.CheckFailure):
        return NotAllowed()
    if isinstance(exc, app_commands.TransformerError) and isinstance(exc.__cause__, BotError):
        return exc.__cause__
    return exc


def error_text(voicebot: VoiceBot, exc: BaseException, messages: Translator) -> str:
    """The message for ``exc`` in the member's language (its next step named with Discord's
    commands), and its stable code in small text. Unknown errors are logged by the core with
    a reference id, which the message carries."""
    error = voicebot.describe_error(_unwrap(exc))
    return f"{error.render(messages)}\n-# {error.footnote(messages)}"


async def show_error(interaction: discord.Interaction, exc: BaseException) -> None:
    """The one way an error reaches a member who clicked or ran a command."""
    text = error_text(services_of(interaction.client).voicebot, exc, messages_of(interaction))
    try:
        if not interaction.response.is_done():
            await interaction.response.send_message(
                text, ephemeral=True, allowed_mentions=NO_MENTIONS
            )
        elif interaction.extras.get(ERRORS_REPLACE_REPLY):
            await interaction.edit_original_response(
                content=text, view=None, attachments=[], allowed_mentions=NO_MENTIONS
            )
        elif interaction.extras.get(ERRORS_DROP_REPLY):
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
            await interaction.delete_original_response()
        else:
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
    except discord.HTTPException as delivery:
        log.warning(
            "could not show error to user %s (interaction %s): %s",
            interaction.user.id,
            interaction.id,
            delivery.status,
        )


async def show_error_in_channel(
    voicebot: VoiceBot, channel: discord.abc.Messageable, exc: BaseException, messages: Translator
) -> None:
    """The same, for a message the member sent (a DM): answer in that channel."""
    text = error_text(voicebot, exc, messages)
    try:
        await channel.send(text, allowed_mentions=NO_MENTIONS)
    except discord.HTTPException as delivery:
        log.warning("could not show error in channel: %s", delivery.status)


async def reporting_errors(interaction: discord.Interaction, handler: Awaitable[None]) -> None:
    """Runs a click's handler; its failure is shown to the member who clicked. Every line
    logged meanwhile says it came from a Discord click (never who clicked)."""
    with request_context(PLATFORM, "click"):
        try:
            await handler
        except Exception as exc:  # noqa: BLE001 - the adapter's one error handler for clicks
            await show_error(interaction, exc)
