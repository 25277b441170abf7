"""After forget-me, the member's id is nowhere in the database: every table (listed from the
database itself, so new tables are covered), every column, JSON included, on SQLite and
PostgreSQL."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import aiosqlite
import asyncpg

from bot.app.settings import Settings
from bot.audio.reading import FileSource
from bot.cloning.clone_intent import CloneIntent, SourceRef
from bot.facade import VoiceBot, build_voice_bot
from bot.models import CloneOptions, Member
from simulator.server import RunningSimulator
from storage import open_store
from tests.conftest import AUDIO_FIXTURES
from tests.core.conftest import consent, make_settings

#: Distinctive, so a match anywhere is this member and nothing else.
MEMBER_ID = "U7FORGETME42"
MEMBER = Member(platform="slack", user_id=MEMBER_ID, community_id="T900")
OTHER = Member(platform="slack", user_id="U1OTHER", community_id="T900")
ADMIN = Member(platform="slack", user_id="U9ADMIN", community_id="T900", is_admin=True)


async def sqlite_tables(path: str) -> dict[str, list[str]]:
    """Every table, each row as its values in text."""
    found: dict[str, list[str]] = {}
    async with aiosqlite.connect(path) as db:
        names = await db.execute_fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
        for (name,) in names:
            rows = await db.execute_fetchall(f'SELECT * FROM "{name}"')
            found[name] = [" ".join(str(value) for value in row) for row in rows]
    return found


async def postgres_tables(url: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    connection = await asyncpg.connect(url)
    try:
        names = await connection.fetch(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        )
        for record in names:
            name = record["table_name"]
            rows = await connection.fetch(f'SELECT row_to_json(t)::text AS j FROM "{name}" t')
            found[name] = [row["j"] for row in rows]
    finally:
        await connection.close()
    return found


async def fill_every_table(voicebot: VoiceBot) -> None:
    """Rows about the member in every table the bot has."""
    await voicebot.update_community_settings(ADMIN, {"allowed_members": [MEMBER_ID, OTHER.user_id]})
    await voicebot.update_community_settings(
        ADMIN, {"allowed_members": [OTHER.user_id, MEMBER_ID], "say_enabled": True}
    )
    sample = FileSource(AUDIO_FIXTURES / "voice_message.ogg")
    for member in (MEMBER, OTHER):
        await voicebot.clone(
            member,
            sample,
            idempotency_key=f"slack:file:F1:{member.user_id}",
            consent=consent(),
            options=CloneOptions(name=f"voice of {member.user_id}"),
            recorded_by=member.user_id,
        )
    await voicebot.say(MEMBER, "Hello there")
    await voicebot.read_on(MEMBER, None, "fr", can_read_messages=True)
    await voicebot.ask_consent(
        MEMBER,
        CloneIntent(SourceRef("file", "F2", MEMBER.user_id, channel_id="D1"), CloneOptions()),
    )
    await voicebot.remember_clip(MEMBER, "F2", "D1")
    await voicebot.first_delivery("slack", "event", "Ev1")


async def scan_after_forget(voicebot: VoiceBot) -> None:
    report = await voicebot.forget(MEMBER)
    assert len(report.voice_ids) == 1
    # The others' rows and the admin's entries stay, only without the member in them.
    rules = await voicebot.community_settings(ADMIN)
    assert rules.allowed_members == (OTHER.user_id,)
    assert [v.user_id for v in await voicebot.store.list_voices("slack", OTHER.user_id)] == [
        OTHER.user_id
    ]
    admin_entries = await voicebot.store.list_audit(user_id=ADMIN.user_id)
    assert len(admin_entries) == 2


def assert_nowhere(tables: dict[str, list[str]]) -> None:
    expected = {
        "voices",
        "clone_requests",
        "consents",
        "audit_log",
        "community_settings",
        "cooldowns",
        "pending_actions",
        "seen_events",
        "recent_clips",
        "readers",
    }
    assert expected <= set(tables), set(tables)
    found = {name: [r for r in rows if MEMBER_ID in r] for name, rows in tables.items()}
    assert {name: rows for name, rows in found.items() if rows} == {}


def filled(tables: dict[str, list[str]]) -> None:
    """Before forget-me: the member is in every table that holds members."""
    holding = {name for name, rows in tables.items() if any(MEMBER_ID in r for r in rows)}
    assert holding == {
        "voices",
        "clone_requests",
        "consents",
        "audit_log",
        "community_settings",
        "cooldowns",
        "pending_actions",
        "recent_clips",
        "readers",
    }


async def fill_forget_and_scan(
    settings: Settings, tables: Callable[[], Awaitable[dict[str, list[str]]]]
) -> None:
    """Every table filled, forget-me run, then every table read back by ``tables``."""
    voicebot = await build_voice_bot(settings, await open_store(settings.database_url))
    try:
        await voicebot.start()
        await fill_every_table(voicebot)
        filled(await tables())
        await scan_after_forget(voicebot)
    finally:
        await voicebot.close()
    assert_nowhere(await tables())


async def test_forget_me_leaves_the_member_id_nowhere_in_sqlite(
    sim: RunningSimulator, tmp_path: Path
) -> None:
    path = str(tmp_path / "bot.db")
    await fill_forget_and_scan(make_settings(sim, tmp_path), lambda: sqlite_tables(path))


async def test_forget_me_leaves_the_member_id_nowhere_in_postgres(
    sim: RunningSimulator, tmp_path: Path, postgres_url: str
) -> None:
    settings = make_settings(sim, tmp_path, database_url=postgres_url)
    await fill_forget_and_scan(settings, lambda: postgres_tables(postgres_url))
