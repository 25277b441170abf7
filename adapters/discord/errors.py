"""The one place the Discord adapter turns an error into the text a member sees (the request
context, adapters/discord/context.py, delivers it)."""

from __future__ import annotations

from discord import app_commands

from bot.errors import BotError, NotAllowed
from bot.facade import VoiceBot
from bot.i18n import Translator


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
