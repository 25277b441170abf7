"""Lines an adapter logs for a request say which platform and command they belong to (never
who asked), so JSON logs can be filtered by them."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from bot.observability.logs import RequestContext, current_context
from tests.slack.harness import SlackHarness


class ContextRecorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.seen: list[tuple[str, RequestContext | None]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.seen.append((record.getMessage(), current_context(record)))


@pytest.fixture
def recorder() -> Iterator[ContextRecorder]:
    handler = ContextRecorder()
    logger = logging.getLogger("adapters")
    logger.addHandler(handler)
    old = logger.level
    logger.setLevel(logging.DEBUG)
    yield handler
    logger.setLevel(old)
    logger.removeHandler(handler)


async def test_slack_lines_carry_platform_and_command(
    slack: SlackHarness, recorder: ContextRecorder
) -> None:
    await slack.command("/say", "Hello")  # no voice yet: the adapter logs what it tells
    await slack.settle()

    told = [context for message, context in recorder.seen if "telling a Slack member" in message]
    assert told == [RequestContext("slack", "say")]
