"""The core wired for real: the Async API simulator, a temp SQLite store, the audio pool."""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.audio.reading import FileSource
from bot.clock import utcnow
from bot.cloning.clone import CloneResult, scoped_key
from bot.cloning.consent import CONSENT_STATEMENT_VERSION
from bot.facade import VoiceBot, build_voice_bot
from bot.models import CloneOptions, Consent, Member, MemberLimits, NewCloneRequest
from simulator.server import RunningSimulator
from storage import open_store
from tests.conftest import AUDIO_FIXTURES, make_settings

ALICE = Member(platform="discord", user_id="111", community_id="900")
BOB = Member(platform="discord", user_id="222", community_id="900")


BotFactory = Callable[..., Awaitable[VoiceBot]]


@pytest.fixture
async def make_bot(sim: RunningSimulator, tmp_path: Path) -> AsyncIterator[BotFactory]:
    made: list[VoiceBot] = []

    async def factory(**overrides: Any) -> VoiceBot:
        settings = make_settings(sim, tmp_path, **overrides)
        store = await open_store(settings.database_url)
        voicebot = await build_voice_bot(settings, store)
        await voicebot.start()
        made.append(voicebot)
        return voicebot

    yield factory
    for voicebot in made:
        await voicebot.close()


@pytest.fixture
async def voicebot(make_bot: BotFactory) -> VoiceBot:
    return await make_bot()


def consent() -> Consent:
    return Consent(statement_version=CONSENT_STATEMENT_VERSION, given_at=utcnow())


async def clone_fixture(
    voicebot: VoiceBot,
    member: Member = ALICE,
    name: str = "voice_message.ogg",
    *,
    key: str | None = None,
    voice_name: str | None = None,
) -> CloneResult:
    return await voicebot.clone(
        member,
        FileSource(AUDIO_FIXTURES / name),
        idempotency_key=key or f"test:{member.user_id}:{name}:{voice_name}:{utcnow().timestamp()}",
        consent=consent(),
        options=CloneOptions(name=voice_name),
        recorded_by=member.user_id,
    )


@pytest.fixture
def tempdir_unchanged() -> Callable[[], None]:
    before = set(Path(tempfile.gettempdir()).iterdir())

    def check() -> None:
        after = set(Path(tempfile.gettempdir()).iterdir())
        assert after - before == set()

    return check


async def clone_reaching(
    voicebot: VoiceBot, stage: str, *, key: str = "slow", member: Member = ALICE
) -> asyncio.Task[CloneResult]:
    """Start a clone in the background; return once it reports ``stage``."""
    reached = asyncio.Event()

    async def progress(current: str) -> None:
        if current == stage:
            reached.set()

    task = asyncio.create_task(
        voicebot.clone(
            member,
            FileSource(AUDIO_FIXTURES / "voice_message.ogg"),
            idempotency_key=key,
            consent=consent(),
            recorded_by=member.user_id,
            progress=progress,
        )
    )
    await reached.wait()
    return task


async def orphan_request(
    voicebot: VoiceBot, sim: RunningSimulator, key: str, *, voice_made: bool
) -> None:
    """A request a dead instance left ``running``; with ``voice_made`` the API made its voice."""
    now = voicebot.clock()
    marker = f"m-{key}"
    key = scoped_key(ALICE, key)
    new = NewCloneRequest(key, ALICE, marker, CloneOptions(name="x"), consent())
    await voicebot.store.begin_clone(new, MemberLimits(5, 0), now)
    await voicebot.store.mark_running(
        key,
        owner="elsewhere:1:dead",
        lease_until=now - timedelta(seconds=1),
        sample_sha256="0" * 64,
        speech_seconds=5.0,
        now=now,
    )
    if voice_made:
        sim.state.add_custom_voice(
            name="x",
            description=f"[vc:{marker}]",
            gender=None,
            accent=None,
            style=None,
            speech_seconds=5,
        )
