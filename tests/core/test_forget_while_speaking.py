"""Forget-me while the member's voice speaks in another process: on one PostgreSQL database
(several bot instances), and with the CLI's ``forget`` beside a running bot on one SQLite file.
The speaker stops, and nothing about the member is written after the erase. Deleting the voice
that speaks stops it the same way."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from bot.facade import VoiceBot, build_voice_bot
from bot.models import Member
from simulator.server import RunningSimulator
from storage import open_store
from tests.core.conftest import clone_fixture, make_settings
from tests.core.test_cli import bot_env, run_bot
from tests.core.test_forget_scan import postgres_tables, sqlite_tables

#: Distinctive, so a match anywhere in the database is this member.
MEMBER = Member("cli", "U7SPEAKER42")
#: A safety bound for each step, far above what it takes.
STEP_SECONDS = 60.0


async def start_speaker(sim: RunningSimulator, database_url: str, member: Member) -> Speaker:
    """A second process playing ``member``'s speech, until it is interrupted."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.core.speaker",
        database_url,
        sim.url,
        sim.state.api_key,
        member.platform,
        member.user_id,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    speaker = Speaker(process)
    started = await speaker.line()
    if started != "playing":
        raise AssertionError(f"the speaker did not play: {await speaker.stop()}")
    return speaker


@asynccontextmanager
async def speaking(sim: RunningSimulator, database_url: str) -> AsyncIterator[Speaker]:
    speaker = await start_speaker(sim, database_url, MEMBER)
    try:
        yield speaker
    finally:
        await speaker.stop()


class Speaker:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process

    async def line(self) -> str:
        assert self.process.stdout is not None
        async with asyncio.timeout(STEP_SECONDS):
            return (await self.process.stdout.readline()).decode().strip()

    async def stop(self) -> str:
        """Kill it if it still runs; what it logged."""
        if self.process.returncode is None:
            self.process.kill()
        _, err = await self.process.communicate()
        return err.decode()


async def voice_of_member(voicebot: VoiceBot) -> str:
    result = await clone_fixture(voicebot, MEMBER, "speech.wav")
    return result.voice.voice_id


async def test_forget_in_one_instance_stops_speech_in_another(
    sim: RunningSimulator, tmp_path: Path, postgres_url: str
) -> None:
    settings = make_settings(sim, tmp_path, database_url=postgres_url)
    voicebot = await build_voice_bot(settings, await open_store(postgres_url))
    try:
        await voicebot.start(warm_audio=False)
        await voice_of_member(voicebot)
        async with speaking(sim, postgres_url) as speaker:
            await voicebot.forget(MEMBER)
            assert await speaker.line() == "stopped"
            assert await speaker.process.wait() == 0
    finally:
        await voicebot.close()
    tables = await postgres_tables(postgres_url)
    assert {name: [r for r in rows if MEMBER.user_id in r] for name, rows in tables.items()} == {
        name: [] for name in tables
    }


async def test_cli_forget_beside_a_speaking_bot_on_one_sqlite_file(
    sim: RunningSimulator, tmp_path: Path
) -> None:
    path = tmp_path / "bot.db"
    settings = make_settings(sim, tmp_path)
    voicebot = await build_voice_bot(settings, await open_store(settings.database_url))
    try:
        await voicebot.start(warm_audio=False)
        await voice_of_member(voicebot)
    finally:
        await voicebot.close()
    async with speaking(sim, settings.database_url) as speaker:
        code, _, err = await run_bot(
            bot_env(sim, tmp_path), tmp_path, "forget", "--user", MEMBER.user_id, "--yes"
        )
        assert code == 0, err
        assert await speaker.line() == "stopped"
        assert await speaker.process.wait() == 0
    tables = await sqlite_tables(str(path))
    assert {name: [r for r in rows if MEMBER.user_id in r] for name, rows in tables.items()} == {
        name: [] for name in tables
    }


async def test_deleting_the_voice_that_speaks_stops_it_in_the_other_process(
    sim: RunningSimulator, tmp_path: Path
) -> None:
    settings = make_settings(sim, tmp_path)
    voicebot = await build_voice_bot(settings, await open_store(settings.database_url))
    try:
        await voicebot.start(warm_audio=False)
        voice_id = await voice_of_member(voicebot)
        async with speaking(sim, settings.database_url) as speaker:
            await voicebot.delete_voice(MEMBER, voice_id)
            assert await speaker.line() == "stopped"
            assert await speaker.process.wait() == 0
        entries = await voicebot.store.list_audit()
    finally:
        await voicebot.close()
    # Deleted, and what it was saying when it went is not on record as said.
    assert sorted(e.action for e in entries if e.voice_id == voice_id) == ["clone", "delete"]
    tables = await sqlite_tables(settings.database_url.removeprefix("sqlite:///"))
    assert tables["speech_leases"] == []
