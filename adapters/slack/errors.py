"""The one place the Slack adapter turns an error into what a member sees."""

from __future__ import annotations

import logging
from collections.abc import Callable

from adapters.slack.blocks import Block, context, escape, section
from adapters.slack.replies import PrivateReply
from bot.errors import BotError
from bot.i18n import Translator

log = logging.getLogger(__name__)


def error_text(error: BotError, messages: Translator) -> str:
    """The notification text: the message in the member's language (its next step named
    with Slack's commands), mrkdwn like the blocks, so escaped the same way."""
    return f":warning: {escape(error.render(messages))}"


def error_blocks(error: BotError, messages: Translator) -> list[Block]:
    return [section(error_text(error, messages)), context(f"`{error.footnote(messages)}`")]


class ErrorReporter:
    """Every failure a member should hear about goes through :meth:`report`."""

    def __init__(self, describe: Callable[[BaseException], BotError]) -> None:
        #: ``VoiceBot.describe_error``: logs unknown errors with a reference id.
        self._describe = describe

    async def report(
        self, where: PrivateReply, exc: BaseException, messages: Translator
    ) -> BotError:
        error: BotError = self._describe(exc)
        log.info("telling a Slack member: %s", error.code)
        try:
            await where.send(error_text(error, messages), error_blocks(error, messages))
        except Exception:
            log.exception("could not deliver an error message (%s) to Slack", error.code)
        return error
