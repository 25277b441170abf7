from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator

import pytest

from bot.observability import setup as observability
from tests.ops.receivers import FakeSentry, FakeWebhook, run_fake_sentry, run_fake_webhook


@pytest.fixture
async def fake_sentry() -> AsyncIterator[FakeSentry]:
    async with run_fake_sentry() as fake:
        yield fake


@pytest.fixture
async def fake_webhook() -> AsyncIterator[FakeWebhook]:
    async with run_fake_webhook() as fake:
        yield fake


@pytest.fixture(autouse=True)
def _no_observability_left() -> Iterator[None]:
    """Each test's reporting handler and sinks go away with the test."""
    root = logging.getLogger()
    level = root.level
    yield
    observability.shutdown_observability(timeout=5.0)
    root.setLevel(level)


# The core wired for real (the Async API simulator, SQLite): reused from tests/core.
from tests.core.conftest import make_bot  # noqa: E402, F401
