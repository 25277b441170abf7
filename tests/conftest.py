"""Shared test set-up."""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncpg
import pytest

from bot.app.settings import Settings, load_settings
from simulator.server import RunningSimulator, run_simulator

# Settings must come from the tests, never from a developer's environment.
for _name in list(os.environ):
    if _name.startswith(("ASYNC_API_", "DISCORD_", "SLACK_", "SENTRY_", "ERROR_")) or _name in {
        "DATABASE_URL",
        "LOG_FORMAT",
    }:
        del os.environ[_name]

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
AUDIO_FIXTURES = FIXTURES / "audio"


def postgres_url_or_skip() -> str:
    """TEST_DATABASE_URL, or skip; in CI a missing PostgreSQL is a failure, never a skip."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run the PostgreSQL tests: TEST_DATABASE_URL is not set")
        pytest.skip("TEST_DATABASE_URL is not set")
    return url


async def fresh_postgres_database(base_url: str) -> tuple[str, str]:
    """Create an empty database next to ``base_url``'s; returns (url, name)."""
    name = f"t_{secrets.token_hex(6)}"
    connection = await asyncpg.connect(base_url)
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    head, _, _ = base_url.rpartition("/")
    return f"{head}/{name}", name


async def drop_postgres_database(base_url: str, name: str) -> None:
    connection = await asyncpg.connect(base_url)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


@pytest.fixture
async def postgres_url() -> AsyncIterator[str]:
    """A fresh, empty PostgreSQL database for one test (dropped afterwards)."""
    base = postgres_url_or_skip()
    url, name = await fresh_postgres_database(base)
    yield url
    await drop_postgres_database(base, name)


# --- the one simulator and the one settings factory every suite uses -------------------------
@pytest.fixture
async def sim() -> AsyncIterator[RunningSimulator]:
    """The Async Voice API simulator, fresh for each test."""
    async with run_simulator() as running:
        yield running


#: What every test's settings share: the simulator, a temp SQLite file, no cooldowns, short
#: API waits, one audio worker. Suites override what is theirs (a platform's tokens...).
TEST_DEFAULTS: dict[str, Any] = {
    "clone_cooldown_seconds": 0,
    "say_cooldown_seconds": 0,
    "api_timeout_seconds": 5,
    "api_max_attempts": 3,
    "api_retry_max_seconds": 5,
    "preview_wait_seconds": 1,
    "audio_workers": 1,
}


def make_settings(sim: RunningSimulator, tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "async_api_key": sim.state.api_key,
        "async_api_base_url": sim.url,
        "database_url": f"sqlite:///{tmp_path / 'bot.db'}",
        **TEST_DEFAULTS,
        **overrides,
    }
    return load_settings(_env_file=None, **values)
