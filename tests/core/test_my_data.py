"""My data: the export holds everything forget-me would erase about a member, and nothing of
anyone else, on SQLite and PostgreSQL. Both read the one list in bot/members/member_data.py."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.app.settings import Settings
from bot.clock import utcnow
from bot.errors import Cooldown
from bot.facade import VoiceBot, build_voice_bot
from bot.members.member_data import (
    MEMBER_TABLES,
    NOT_ABOUT_MEMBERS,
    MemberTable,
    names_member,
    section_of,
)
from bot.members.my_data import EXPORT_VERSION
from bot.models import Member
from simulator.server import RunningSimulator
from storage import open_store
from storage.rows import TABLES, TABLES_BY_NAME, load_json
from tests.core.conftest import make_settings
from tests.core.test_forget_scan import ADMIN, MEMBER, MEMBER_ID, OTHER, fill_every_table


def test_every_table_is_in_the_one_list() -> None:
    """A new table must say whether it holds members: forget-me and the export read it."""
    listed = {table.name for table in MEMBER_TABLES} | set(NOT_ABOUT_MEMBERS)
    assert {table.name for table in TABLES} == listed
    for table in MEMBER_TABLES:
        columns = set(TABLES_BY_NAME[table.name].column_names)
        assert set(table.withheld) <= columns, table.name
        if table.owned:
            assert {"platform", "user_id"} <= columns, table.name
        if table.shared is not None:
            assert table.shared.column in columns, table.name
            assert set(table.shared.where) | set(table.shared.hidden) <= columns


async def fill_for_both(voicebot: VoiceBot) -> None:
    """Every table filled for the member and for another member."""
    await fill_every_table(voicebot)
    now = utcnow()
    for member in (MEMBER, OTHER):
        await voicebot.welcome_once(member)
        [voice] = await voicebot.store.list_voices(member.platform, member.user_id)
        assert await voicebot.store.begin_speech(
            f"lease-{member.user_id}",
            platform=member.platform,
            user_id=member.user_id,
            voice_id=voice.voice_id,
            owner="host:1:boot",
            now=now,
            expires_at=now + timedelta(minutes=5),
        )
    await voicebot.remember_clip(OTHER, "F9", "D9")
    await voicebot.say(OTHER, "Hello from the other one")


def erased_by_forget(
    table: MemberTable, rows: list[dict[str, Any]], member: Member
) -> list[dict[str, Any]]:
    """The rows forget-me deletes or rewrites for ``member``."""
    found = []
    for row in rows:
        own = table.owned and (row["platform"], row["user_id"]) == (
            member.platform,
            member.user_id,
        )
        shared = table.shared
        named = (
            shared is not None
            and row["platform"] == member.platform
            and all(row[c] == v for c, v in shared.where.items())
            and names_member(shared, row[shared.column], member.user_id)
        )
        if own or named:
            found.append(row)
    return found


def shown(row: dict[str, Any], table: MemberTable, member: Member) -> dict[str, Any]:
    """What the export must show of a row: all of it but the withheld columns (and, in a row
    that is someone else's, the columns naming them and the other members' ids)."""
    visible = {k: v for k, v in row.items() if k not in table.withheld}
    shared = table.shared
    if shared is not None:
        mine = table.owned and row["user_id"] == member.user_id
        if not mine:
            for hidden in shared.hidden:
                visible.pop(hidden, None)
        visible.pop(shared.column)
    return visible


async def check_export(settings: Settings) -> None:
    voicebot = await build_voice_bot(settings, await open_store(settings.database_url))
    try:
        await voicebot.start()
        await fill_for_both(voicebot)
        document = await voicebot.my_data(MEMBER)
        # After: the export's own cooldown is held about them too, and shown.
        everything = await voicebot.store.export_rows()
    finally:
        await voicebot.close()
    text = document.decode("utf-8")
    exported = json.loads(text)
    assert exported["version"] == EXPORT_VERSION
    for table in MEMBER_TABLES:
        expected = erased_by_forget(table, everything[table.name], MEMBER)
        section = exported[section_of(table)]
        assert len(section) == len(expected), table.name
        # Every row forget-me would touch is there, whole but for what is withheld.
        for row in expected:
            want = shown(row, table, MEMBER)
            assert any(want.items() <= got.items() for got in section), (table.name, want)
    # The member is in every table that holds members (the fill is complete).
    assert all(exported[section_of(t)] for t in MEMBER_TABLES), exported
    # Nothing of anyone else: not the other member, not the admin, not the credentials.
    for foreign in (OTHER.user_id, ADMIN.user_id):
        assert foreign not in text
    credentials = [r["marker"] for r in everything["clone_requests"]] + [
        r["token"] for r in everything["pending_actions"]
    ]
    assert credentials
    for credential in credentials:
        assert credential not in text
    [consent] = exported["consents"]
    assert consent["statement"]["exact"] is True
    assert consent["statement"]["text"].startswith("I confirm that this recording is my own")
    assert consent["sample_sha256"]
    [community] = exported["communities"]
    assert community["allowed_members"] == [MEMBER_ID]
    assert "clone_enabled" in community


async def test_the_export_holds_what_forget_me_erases_in_sqlite(
    sim: RunningSimulator, tmp_path: Path
) -> None:
    await check_export(make_settings(sim, tmp_path))


async def test_the_export_holds_what_forget_me_erases_in_postgres(
    sim: RunningSimulator, tmp_path: Path, postgres_url: str
) -> None:
    await check_export(make_settings(sim, tmp_path, database_url=postgres_url))


async def test_one_export_a_minute_on_chat_platforms(voicebot: VoiceBot) -> None:
    await voicebot.my_data(MEMBER)
    with pytest.raises(Cooldown) as refused:
        await voicebot.my_data(MEMBER)
    assert refused.value.code == "cooldown"
    assert "once a minute" in refused.value.message
    # The operator's command line is not limited.
    operator = Member("cli", "someone")
    await voicebot.my_data(operator)
    await voicebot.my_data(operator)


async def test_an_old_statement_version_is_said_to_be_old(voicebot: VoiceBot) -> None:
    from bot.members.my_data import statement_as_shown

    current = statement_as_shown("discord", "de", "2026-12-01.1")
    assert current["exact"] is True
    assert "/vergiss-mich" in current["text"]
    old = statement_as_shown("discord", "de", "2020-01-01.1")
    assert old["exact"] is False
    assert old["text"] is None
    assert "no longer held" in old["note"]
    assert old["current_text"] == current["text"]
    assert load_json("[]") == []
