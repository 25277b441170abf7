"""The one place the Slack adapter turns an error into what a member sees (and a Slack API
failure into a line for the log)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from slack_sdk.errors import SlackApiError, SlackClientError

from adapters.slack.blocks import Block, escape, section
from bot.errors import BotError, InternalError

if TYPE_CHECKING:
    from adapters.slack.plumbing import PrivateReply

log = logging.getLogger(__name__)

#: The core's next steps, in Slack's commands.
NEXT_STEPS = {
    "delete_voice": "Run `/voices` and press Delete under one of them.",
    "list_voices": "Run `/voices` to see the voices you have.",
    "clone": "Send me an audio clip of you speaking in a direct message.",
}


def error_message(error: BotError) -> str:
    """The core's message and its next step in Slack's words (plain text, not escaped)."""
    step = NEXT_STEPS.get(error.next_step or "")
    return f"{error.message} {step}" if step else error.message


def error_text(error: BotError) -> str:
    """The notification text: mrkdwn like the blocks, so escaped the same way."""
    return f":warning: {escape(error_message(error))}"


def error_blocks(error: BotError) -> list[Block]:
    code = error.code
    if isinstance(error, InternalError):
        code = f"{code} · reference {error.reference}"
    return [
        section(f":warning: {escape(error_message(error))}"),
        {"type": "context", "elements": [{"type": "mrkdwn", "text": f"`{code}`"}]},
    ]


def slack_error(exc: SlackClientError) -> str:
    """What went wrong, for the log (never the request, which may carry a token)."""
    if isinstance(exc, SlackApiError):
        data = exc.response.data
        if isinstance(data, dict) and data.get("error"):
            return str(data["error"])
        return f"HTTP {exc.response.status_code}"
    return type(exc).__name__


class ErrorReporter:
    """Every failure a member should hear about goes through :meth:`report`."""

    def __init__(self, describe: Callable[[BaseException], BotError]) -> None:
        #: ``VoiceBot.describe_error``: logs unknown errors with a reference id.
        self._describe = describe

    async def report(self, where: PrivateReply, exc: BaseException) -> BotError:
        error: BotError = self._describe(exc)
        log.info("telling a Slack member: %s", error.code)
        try:
            await where.send(error_text(error), error_blocks(error))
        except Exception:
            log.exception("could not deliver an error message (%s) to Slack", error.code)
        return error
