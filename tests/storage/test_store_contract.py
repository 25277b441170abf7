"""The Store contract (bot/ports.py), run against SQLite and PostgreSQL alike."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from bot.errors import ConfigurationError, Cooldown, VoiceLimitReached, VoiceNotFound
from bot.models import (
    AuditEntry,
    CloneOptions,
    CommunitySettings,
    Consent,
    ForgetCounts,
    Member,
    MemberLimits,
    NewCloneRequest,
    PendingAction,
    Reader,
    RecentClip,
    RequestState,
    VoiceRecord,
)
from storage import SqlStore, open_store
from storage.migrations import load_migrations
from storage.rows import TABLES

OpenStore = Callable[[], Awaitable[SqlStore]]

T0 = datetime(2025, 3, 1, 12, 0, 0, 123456, tzinfo=UTC)
LIMITS = MemberLimits(voices_per_member=3, cooldown_seconds=60)
NO_COOLDOWN = MemberLimits(voices_per_member=3, cooldown_seconds=0)
ALICE = Member("discord", "alice", "guild-1")
BOB = Member("discord", "bob", "guild-1")
DEFAULTS = CommunitySettings(
    platform="",
    community_id="",
    clone_enabled=True,
    say_enabled=True,
    required_role=None,
    allowed_members=(),
    voices_per_member=3,
    cooldown_seconds=60.0,
    max_say_chars=500,
)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def clone_request(key: str, member: Member = ALICE, name: str = "My voice") -> NewCloneRequest:
    return NewCloneRequest(
        idempotency_key=key,
        member=member,
        marker=f"marker-{key}",
        options=CloneOptions(name=name, accent="british", enhance=True),
        consent=Consent(statement_version="2025-01", given_at=T0),
    )


def voice(voice_id: str, member: Member = ALICE, created: datetime = T0) -> VoiceRecord:
    return VoiceRecord(
        voice_id=voice_id,
        platform=member.platform,
        user_id=member.user_id,
        community_id=member.community_id,
        name=f"name-{voice_id}",
        description="calm",
        languages=("en", "fr"),
        sample_sha256="ab" * 32,
        speech_seconds=12.5,
        is_default=False,
        created_at=created,
        updated_at=created,
    )


async def start(store: SqlStore, key: str, member: Member = ALICE, now: datetime = T0) -> None:
    await store.begin_clone(clone_request(key, member), NO_COOLDOWN, now)
    await store.mark_running(
        key,
        owner="host:1:boot",
        lease_until=now + timedelta(minutes=5),
        sample_sha256="ab" * 32,
        speech_seconds=12.5,
        now=now,
    )


async def clone(
    store: SqlStore, key: str, member: Member = ALICE, now: datetime = T0
) -> VoiceRecord:
    """A request all the way to done, as the core does it."""
    await start(store, key, member, now)
    return await store.complete_clone(key, voice(f"voice-{key}", member, now), now)


#: The newest migration (the same number for both dialects).
LATEST = max(migration.version for migration in load_migrations("sqlite"))


def mentions(row: dict[str, Any], value: str) -> bool:
    return value in json.dumps(row)


# --- lifecycle ----------------------------------------------------------------------------------
async def test_migrate_twice_is_a_noop(store: SqlStore, open_instance: OpenStore) -> None:
    assert await store.schema_version() == LATEST
    await clone(store, "k1")
    await store.migrate()
    await store.migrate()
    again = await open_instance()  # opening migrates too
    assert await store.schema_version() == LATEST
    assert await again.count_voices() == 1


async def test_concurrent_first_starts_migrate_once(open_instance: OpenStore) -> None:
    first, second = await asyncio.gather(open_instance(), open_instance())
    assert await first.schema_version() == await second.schema_version() == LATEST
    assert await first.is_empty()


async def test_ping(store: SqlStore) -> None:
    await store.ping()


async def test_times_round_trip_as_aware_utc(store: SqlStore) -> None:
    paris = timezone(timedelta(hours=2))
    local = datetime(2025, 6, 1, 14, 30, 0, 654321, tzinfo=paris)
    await store.remember_clip(RecentClip("slack", "u", "F1", "D1", local))
    clip = await store.latest_clip("slack", "u", local - timedelta(seconds=1))
    assert clip is not None
    assert clip.received_at == local
    assert clip.received_at.tzinfo == UTC
    assert clip.received_at.utcoffset() == timedelta(0)


# --- clone requests -----------------------------------------------------------------------------
async def test_begin_clone_creates_a_pending_request_and_its_consent(store: SqlStore) -> None:
    outcome = await store.begin_clone(clone_request("k1"), LIMITS, T0)
    assert outcome.created
    request = outcome.request
    assert request.state is RequestState.PENDING
    assert (request.platform, request.user_id, request.community_id) == (
        "discord",
        "alice",
        "guild-1",
    )
    assert request.options == CloneOptions(name="My voice", accent="british", enhance=True)
    assert await store.get_clone_request("k1") == request
    consents = (await store.export_rows())["consents"]
    assert consents == [
        {
            "idempotency_key": "k1",
            "platform": "discord",
            "user_id": "alice",
            "statement_version": "2025-01",
            "given_at": T0.isoformat(),
            "sample_sha256": None,
            "statement_language": "en",
        }
    ]


async def test_a_consent_records_the_language_and_version_of_the_statement_read(
    store: SqlStore,
) -> None:
    german = dataclasses.replace(
        clone_request("k-de"),
        consent=Consent(statement_version="2026-12-01.1", given_at=T0, statement_language="de"),
    )
    await store.begin_clone(german, LIMITS, T0)
    (row,) = (await store.export_rows())["consents"]
    assert (row["statement_language"], row["statement_version"]) == ("de", "2026-12-01.1")


async def test_begin_clone_is_idempotent(store: SqlStore) -> None:
    first = await store.begin_clone(clone_request("k1"), MemberLimits(1, 60), T0)
    # The limit is reached and the marker differs: the key still returns the first request.
    again = await store.begin_clone(clone_request("k1", name="other"), MemberLimits(1, 60), at(1))
    assert not again.created
    assert again.request == first.request
    assert len((await store.export_rows())["clone_requests"]) == 1


async def test_begin_clone_on_a_failed_key_is_a_new_attempt(store: SqlStore) -> None:
    await store.begin_clone(clone_request("k1"), LIMITS, T0)
    await store.fail_clone("k1", "quota_exhausted", at(1))
    again = await store.begin_clone(clone_request("k1", name="second try"), LIMITS, at(2))
    assert again.created
    assert again.request.state is RequestState.PENDING
    assert again.request.options.name == "second try"
    assert again.request.error_code is None
    rows = await store.export_rows()
    assert len(rows["clone_requests"]) == 1 and len(rows["consents"]) == 1
    # Limits apply to the new attempt like to any other.
    await store.fail_clone("k1", "quota_exhausted", at(3))
    with pytest.raises(VoiceLimitReached):
        await store.begin_clone(clone_request("k1"), MemberLimits(0, 0), at(4))


async def test_a_pending_request_starts_the_cooldown(store: SqlStore) -> None:
    limits = MemberLimits(voices_per_member=10, cooldown_seconds=60)
    await store.begin_clone(clone_request("k1"), limits, T0)
    with pytest.raises(Cooldown) as caught:
        await store.begin_clone(clone_request("k2"), limits, at(5))
    assert caught.value.retry_after == pytest.approx(55)


async def test_voice_limit_counts_voices_and_pending_or_running(store: SqlStore) -> None:
    limits = MemberLimits(voices_per_member=3, cooldown_seconds=0)
    await clone(store, "done")  # a voice
    await start(store, "running")  # running
    await store.begin_clone(clone_request("pending"), limits, T0)
    with pytest.raises(VoiceLimitReached):
        await store.begin_clone(clone_request("fourth"), limits, T0)
    # Across communities too.
    elsewhere = Member("discord", "alice", "guild-2")
    with pytest.raises(VoiceLimitReached):
        await store.begin_clone(clone_request("fifth", elsewhere), limits, T0)
    # A failed request frees its slot; another member is not affected.
    await store.fail_clone("pending", "no_speech", T0)
    assert (await store.begin_clone(clone_request("fourth"), limits, T0)).created
    assert (await store.begin_clone(clone_request("b1", BOB), limits, T0)).created
    assert await store.get_clone_request("fifth") is None


async def test_cooldown_counts_from_the_last_request_that_ran(store: SqlStore) -> None:
    limits = MemberLimits(voices_per_member=10, cooldown_seconds=60)
    # A request that never ran (bad audio...) doesn't start the cooldown.
    await store.begin_clone(clone_request("never-ran"), limits, T0)
    await store.fail_clone("never-ran", "not_audio", at(1))
    await start(store, "k1", now=at(2))
    with pytest.raises(Cooldown) as caught:
        await store.begin_clone(clone_request("k2"), limits, at(12))
    assert caught.value.retry_after == pytest.approx(50)
    assert caught.value.code == "cooldown"
    # Done counts from when it started running.
    await store.complete_clone("k1", voice("v1"), at(30))
    with pytest.raises(Cooldown):
        await store.begin_clone(clone_request("k2"), limits, at(61))
    assert (await store.begin_clone(clone_request("k2"), limits, at(62))).created
    # Another member isn't cooled down.
    assert (await store.begin_clone(clone_request("b1", BOB), limits, at(12))).created


async def test_mark_running_records_owner_lease_and_sample(store: SqlStore) -> None:
    await store.begin_clone(clone_request("k1"), LIMITS, T0)
    await store.mark_running(
        "k1",
        owner="host:7:boot",
        lease_until=at(300),
        sample_sha256="cd" * 32,
        speech_seconds=9.75,
        now=at(1),
    )
    request = await store.get_clone_request("k1")
    assert request is not None
    assert request.state is RequestState.RUNNING
    assert (request.owner, request.lease_until) == ("host:7:boot", at(300))
    assert (request.sample_sha256, request.speech_seconds) == ("cd" * 32, 9.75)
    assert request.updated_at == at(1)
    [consent] = (await store.export_rows())["consents"]
    assert consent["sample_sha256"] == "cd" * 32
    with pytest.raises(LookupError):
        await store.mark_running(
            "k1", owner="x", lease_until=at(9), sample_sha256="", speech_seconds=1, now=at(2)
        )
    with pytest.raises(LookupError):
        await store.mark_running(
            "nope", owner="x", lease_until=at(9), sample_sha256="", speech_seconds=1, now=at(2)
        )


async def test_complete_clone_makes_the_first_voice_default(store: SqlStore) -> None:
    first = await clone(store, "k1", now=at(0))
    second = await clone(store, "k2", now=at(1))
    assert first.is_default
    assert not second.is_default
    assert await store.get_voice(first.voice_id) == first
    assert [v.voice_id for v in await store.list_voices("discord", "alice")] == [
        first.voice_id,
        second.voice_id,
    ]
    request = await store.get_clone_request("k2")
    assert request is not None
    assert (request.state, request.voice_id) == (RequestState.DONE, second.voice_id)
    clone_entries = [e for e in await store.list_audit(user_id="alice") if e.action == "clone"]
    assert [e.voice_id for e in clone_entries] == [second.voice_id, first.voice_id]
    assert clone_entries[0].community_id == "guild-1"
    # Completing again (a retry) returns the stored voice and adds nothing.
    assert await store.complete_clone("k2", voice(second.voice_id), at(5)) == second
    assert await store.count_voices() == 2


async def test_complete_clone_needs_a_running_request(store: SqlStore) -> None:
    await store.begin_clone(clone_request("k1"), LIMITS, T0)
    with pytest.raises(LookupError):
        await store.complete_clone("k1", voice("v1"), T0)
    with pytest.raises(LookupError):
        await store.complete_clone("missing", voice("v1"), T0)
    assert await store.count_voices() == 0


async def test_fail_clone(store: SqlStore) -> None:
    await store.begin_clone(clone_request("pending"), NO_COOLDOWN, T0)
    await start(store, "running")
    await clone(store, "done")
    for key in ("pending", "running", "done", "missing"):
        await store.fail_clone(key, "service_unavailable", at(5))
    states = {key: await store.get_clone_request(key) for key in ("pending", "running", "done")}
    assert states["pending"] is not None and states["pending"].state is RequestState.FAILED
    assert states["pending"].error_code == "service_unavailable"
    assert states["pending"].updated_at == at(5)
    assert states["running"] is not None and states["running"].state is RequestState.FAILED
    assert states["done"] is not None and states["done"].state is RequestState.DONE
    assert states["done"].error_code is None


async def test_list_running_requests(store: SqlStore) -> None:
    await store.begin_clone(clone_request("pending"), NO_COOLDOWN, T0)
    await start(store, "r1", now=at(1))
    await start(store, "r2", BOB, now=at(2))
    await clone(store, "done", now=at(3))
    keys = [r.idempotency_key for r in await store.list_running_requests()]
    assert keys == ["pending", "r1", "r2"]


async def test_discard_clone_removes_a_pending_request_and_its_consent(store: SqlStore) -> None:
    await store.begin_clone(clone_request("gone"), NO_COOLDOWN, T0)
    await start(store, "ran", now=at(1))
    assert await store.discard_clone("gone")
    assert await store.get_clone_request("gone") is None
    assert not await store.discard_clone("gone")
    assert not await store.discard_clone("ran")
    rows = await store.export_rows()
    assert [r["idempotency_key"] for r in rows["consents"]] == ["ran"]
    assert [r["idempotency_key"] for r in rows["clone_requests"]] == ["ran"]


async def test_a_new_request_has_an_owner_and_a_lease_and_only_a_dead_one_is_reclaimed(
    store: SqlStore,
) -> None:
    owned = dataclasses.replace(clone_request("k"), owner="host:1:a", lease_until=at(600))
    assert (await store.begin_clone(owned, NO_COOLDOWN, T0)).created
    found = await store.get_clone_request("k")
    assert found is not None
    assert (found.owner, found.lease_until) == ("host:1:a", at(600))
    assert not await store.reclaim_pending("k", expected_owner="host:2:b")
    assert not await store.reclaim_pending("k", expected_owner=None)
    assert await store.reclaim_pending("k", expected_owner="host:1:a")
    assert await store.get_clone_request("k") is None
    assert (await store.export_rows())["consents"] == []
    assert not await store.reclaim_pending("k", expected_owner="host:1:a")
    # An ownerless request (written before requests had owners) is reclaimed as such, and a
    # running one never: it may have reached the API.
    await store.begin_clone(clone_request("legacy"), NO_COOLDOWN, T0)
    assert await store.reclaim_pending("legacy", expected_owner=None)
    await start(store, "ran", now=at(1))
    ran = await store.get_clone_request("ran")
    assert ran is not None
    assert not await store.reclaim_pending("ran", expected_owner=ran.owner)


async def test_claim_request_compares_and_sets_the_owner(store: SqlStore) -> None:
    await start(store, "k1")
    claim = store.claim_request
    assert not await claim("k1", expected_owner="someone", new_owner="b", lease_until=at(60))
    assert not await claim("k1", expected_owner=None, new_owner="b", lease_until=at(60))
    assert await claim("k1", expected_owner="host:1:boot", new_owner="b", lease_until=at(60))
    request = await store.get_clone_request("k1")
    assert request is not None
    assert (request.owner, request.lease_until) == ("b", at(60))
    assert not await claim("k1", expected_owner="host:1:boot", new_owner="c", lease_until=at(9))
    assert not await claim("missing", expected_owner=None, new_owner="c", lease_until=at(9))
    await store.begin_clone(clone_request("pending"), NO_COOLDOWN, T0)
    assert not await claim("pending", expected_owner=None, new_owner="c", lease_until=at(9))


async def test_concurrent_claims_have_exactly_one_winner(
    store: SqlStore, open_instance: OpenStore
) -> None:
    other = await open_instance()
    await start(store, "k1")
    attempts = [
        (store if i % 2 else other).claim_request(
            "k1", expected_owner="host:1:boot", new_owner=f"instance-{i}", lease_until=at(60)
        )
        for i in range(8)
    ]
    results = await asyncio.gather(*attempts)
    assert results.count(True) == 1
    request = await other.get_clone_request("k1")
    assert request is not None
    assert request.owner == f"instance-{results.index(True)}"


async def test_concurrent_begin_clone_respects_the_limit_across_instances(
    store: SqlStore, open_instance: OpenStore
) -> None:
    other = await open_instance()
    one = MemberLimits(voices_per_member=1, cooldown_seconds=0)
    outcomes = await asyncio.gather(
        *[
            (store if i % 2 else other).begin_clone(clone_request(f"k{i}"), one, T0)
            for i in range(6)
        ],
        return_exceptions=True,
    )
    created = [o for o in outcomes if not isinstance(o, BaseException)]
    refused = [o for o in outcomes if isinstance(o, BaseException)]
    assert len(created) == 1
    assert all(isinstance(o, VoiceLimitReached) for o in refused), refused
    assert len((await store.export_rows())["clone_requests"]) == 1


async def test_concurrent_begin_clone_with_one_key_creates_it_once(
    store: SqlStore, open_instance: OpenStore
) -> None:
    other = await open_instance()
    outcomes = await asyncio.gather(
        *[(store if i % 2 else other).begin_clone(clone_request("k"), LIMITS, T0) for i in range(6)]
    )
    assert [o.created for o in outcomes].count(True) == 1
    assert len({o.request for o in outcomes}) == 1


# --- voices -------------------------------------------------------------------------------------
async def test_get_and_update_voice(store: SqlStore) -> None:
    stored = await clone(store, "k1")
    assert await store.get_voice("missing") is None
    renamed = await store.update_voice(stored.voice_id, name="New", description=None, now=at(9))
    assert (renamed.name, renamed.description, renamed.updated_at) == ("New", "calm", at(9))
    described = await store.update_voice(stored.voice_id, name=None, description="warm", now=at(10))
    assert (described.name, described.description) == ("New", "warm")
    assert described.created_at == stored.created_at
    assert await store.get_voice(stored.voice_id) == described
    with pytest.raises(VoiceNotFound):
        await store.update_voice("missing", name="x", description=None, now=at(11))


async def test_set_default_leaves_exactly_one(store: SqlStore) -> None:
    voices = [await clone(store, f"k{i}", now=at(i)) for i in range(3)]
    await clone(store, "b", BOB)
    await store.set_default_voice("discord", "alice", voices[2].voice_id)
    defaults = [v.voice_id for v in await store.list_voices("discord", "alice") if v.is_default]
    assert defaults == [voices[2].voice_id]
    await store.set_default_voice("discord", "alice", voices[2].voice_id)  # again: no change
    defaults = [v.voice_id for v in await store.list_voices("discord", "alice") if v.is_default]
    assert defaults == [voices[2].voice_id]
    with pytest.raises(VoiceNotFound):
        await store.set_default_voice("discord", "alice", "missing")
    with pytest.raises(VoiceNotFound):  # Bob's voice isn't Alice's
        await store.set_default_voice("discord", "alice", "voice-b")
    assert [v.is_default for v in await store.list_voices("discord", "bob")] == [True]


async def test_delete_default_promotes_the_newest(store: SqlStore) -> None:
    oldest, middle, newest = [await clone(store, f"k{i}", now=at(i)) for i in range(3)]
    assert oldest.is_default
    assert await store.delete_voice(middle.voice_id)  # not the default: nothing moves
    assert [v.is_default for v in await store.list_voices("discord", "alice")] == [True, False]
    assert await store.delete_voice(oldest.voice_id)
    [remaining] = await store.list_voices("discord", "alice")
    assert (remaining.voice_id, remaining.is_default) == (newest.voice_id, True)
    assert await store.delete_voice(newest.voice_id)
    assert not await store.delete_voice(newest.voice_id)
    assert await store.count_voices() == 0


async def test_count_voices(store: SqlStore) -> None:
    assert await store.count_voices() == 0
    await clone(store, "a1")
    await clone(store, "b1", BOB)
    assert await store.count_voices() == 2


# --- forget-me ----------------------------------------------------------------------------------
async def populate(store: SqlStore, member: Member, tag: str) -> None:
    """Rows of every kind about ``member``."""
    await clone(store, f"{tag}-done", member, now=at(0))
    await start(store, f"{tag}-running", member, now=at(1))
    await store.begin_clone(clone_request(f"{tag}-pending", member), NO_COOLDOWN, at(2))
    await store.save_pending(
        PendingAction(
            token=f"{tag}-token",
            kind="consent",
            platform=member.platform,
            user_id=member.user_id,
            community_id=member.community_id,
            payload={"message_id": "m1"},
            created_at=at(0),
            expires_at=at(600),
        )
    )
    await store.remember_clip(
        RecentClip(member.platform, member.user_id, f"{tag}-file", "D1", at(3))
    )
    await store.claim_cooldown(member.platform, member.user_id, "say", 10, at(4))
    await store.add_audit(
        AuditEntry("say", member.platform, member.user_id, at(5), member.community_id)
    )
    await store.update_community_settings(
        "discord", f"{tag}-guild", DEFAULTS, {"say_enabled": False}, member.user_id, at(6)
    )
    assert await lease(store, f"{tag}-lease", f"voice-{tag}-done", member)
    assert await store.welcome_once(member.platform, member.user_id, at(7))
    await store.set_reader(reader(member, f"voice-{tag}-done"))


def reader(member: Member, voice_id: str, community_id: str = "guild-1") -> Reader:
    return Reader(member.platform, member.user_id, community_id, voice_id, "de", at(7))


# --- reading aloud ------------------------------------------------------------------------------
async def test_a_reader_is_set_read_and_deleted_with_audit_entries(store: SqlStore) -> None:
    first = await clone(store, "k1")
    second = await clone(store, "k2", now=at(1))
    assert await store.get_reader("discord", "alice", "guild-1") is None
    await store.set_reader(reader(ALICE, first.voice_id))
    # On again: the voice and language change, still one row.
    changed = dataclasses.replace(reader(ALICE, second.voice_id), locale="fr")
    await store.set_reader(changed)
    assert await store.get_reader("discord", "alice", "guild-1") == changed
    assert await store.get_reader("discord", "alice", "guild-2") is None

    assert await store.delete_reader("discord", "alice", "guild-1", reason="off", now=at(9))
    assert not await store.delete_reader("discord", "alice", "guild-1", reason="off", now=at(9))
    assert await store.get_reader("discord", "alice", "guild-1") is None
    entries = [e for e in await store.list_audit(user_id="alice") if e.action.startswith("read")]
    assert [(e.action, e.voice_id, e.detail) for e in entries] == [
        ("read_off", second.voice_id, {"reason": "off"}),
        ("read_on", second.voice_id, {"locale": "fr"}),
        ("read_on", first.voice_id, {"locale": "de"}),
    ]


async def test_only_the_members_own_voice_reads(store: SqlStore) -> None:
    bobs = await clone(store, "b1", BOB)
    with pytest.raises(VoiceNotFound):
        await store.set_reader(reader(ALICE, bobs.voice_id))
    with pytest.raises(VoiceNotFound):
        await store.set_reader(reader(ALICE, "no-such-voice"))
    assert (await store.export_rows())["readers"] == []


async def test_deleting_the_voice_turns_reading_off(store: SqlStore) -> None:
    kept = await clone(store, "k1")
    gone = await clone(store, "k2", now=at(1))
    await store.set_reader(reader(ALICE, gone.voice_id, "guild-1"))
    await store.set_reader(reader(ALICE, gone.voice_id, "guild-2"))
    await store.set_reader(reader(ALICE, kept.voice_id, "guild-3"))
    await store.update_voice(kept.voice_id, name="renamed", description=None, now=at(2))
    assert await store.delete_voice(gone.voice_id)
    assert [r["community_id"] for r in (await store.export_rows())["readers"]] == ["guild-3"]
    offs = [e for e in await store.list_audit(user_id="alice") if e.action == "read_off"]
    assert sorted(e.community_id or "" for e in offs) == ["guild-1", "guild-2"]
    assert {e.detail["reason"] for e in offs} == {"voice_deleted"}


async def test_forget_member_removes_everything_about_them(store: SqlStore) -> None:
    await populate(store, ALICE, "a")
    await populate(store, BOB, "b")
    bob_before = {
        table: [row for row in rows if mentions(row, "bob")]
        for table, rows in (await store.export_rows()).items()
    }
    counts = await store.forget_member("discord", "alice", "anon-7f3a")
    # alice: 1 clone + 1 say + 1 admin_settings + 1 read_on audit entries
    assert counts == ForgetCounts(voices=1, requests=3, consents=3, pending=1, audit_entries=4)

    exported = await store.export_rows()
    assert set(exported) == {table.name for table in TABLES}
    leftovers = {
        table: [row for row in rows if mentions(row, "alice")] for table, rows in exported.items()
    }
    # The settings Alice changed as an admin stay (they are the community's), without her id.
    assert all(not rows for rows in leftovers.values()), leftovers
    anonymised = [row for row in exported["audit_log"] if row["user_id"] == "anon-7f3a"]
    assert len(anonymised) == 1
    assert anonymised[0]["action"] == "forget"
    assert anonymised[0]["platform"] == "discord"
    assert anonymised[0]["detail"] == {
        "voices": 1,
        "requests": 3,
        "consents": 3,
        "pending": 1,
        "audit_entries": 4,
        "clips": 1,
        "cooldowns": 1,
        "allowed_in": 0,
    }
    # Bob is untouched.
    assert {
        table: [row for row in rows if mentions(row, "bob")] for table, rows in exported.items()
    } == bob_before
    assert await store.list_voices("discord", "alice") == []
    assert await store.get_pending("a-token") is None

    # Twice is safe: nothing left, and still one anonymised entry.
    again = await store.forget_member("discord", "alice", "anon-7f3a")
    assert again == ForgetCounts(voices=0, requests=0, consents=0, pending=0, audit_entries=0)
    forget_entries = await store.list_audit(user_id="anon-7f3a")
    assert len(forget_entries) == 1
    # The member may come back and start afresh.
    assert (await store.begin_clone(clone_request("fresh"), LIMITS, at(9000))).created


async def test_forget_member_is_one_transaction(store: SqlStore) -> None:
    """A member unknown to the store still gets their forget entry, once."""
    counts = await store.forget_member("slack", "nobody", "anon-1")
    assert counts == ForgetCounts(0, 0, 0, 0, 0)
    entries = await store.list_audit(platform="slack")
    assert [(e.action, e.user_id) for e in entries] == [("forget", "anon-1")]


# --- audit --------------------------------------------------------------------------------------
async def test_audit_newest_first_with_filters(store: SqlStore) -> None:
    for i, (platform, user) in enumerate(
        [("discord", "alice"), ("slack", "alice"), ("discord", "bob"), ("discord", "alice")]
    ):
        await store.add_audit(
            AuditEntry("say", platform, user, at(i), "g", "v1", {"n": i, "chars": [1, 2]})
        )
    everything = await store.list_audit()
    assert [e.detail["n"] for e in everything] == [3, 2, 1, 0]
    assert everything[0] == AuditEntry(
        "say",
        "discord",
        "alice",
        at(3),
        "g",
        "v1",
        {
            "n": 3,
            "chars": [1, 2],
        },
    )
    assert [e.detail["n"] for e in await store.list_audit(platform="discord")] == [3, 2, 0]
    assert [e.detail["n"] for e in await store.list_audit(user_id="alice")] == [3, 1, 0]
    assert [e.detail["n"] for e in await store.list_audit(platform="discord", user_id="alice")] == [
        3,
        0,
    ]
    assert [e.detail["n"] for e in await store.list_audit(limit=2)] == [3, 2]


# --- cooldowns ----------------------------------------------------------------------------------
async def test_claim_cooldown(store: SqlStore) -> None:
    claim = store.claim_cooldown
    assert await claim("discord", "alice", "say", 10, at(0)) is None
    assert await claim("discord", "alice", "say", 10, at(4)) == pytest.approx(6)
    # A refused claim doesn't restart the clock.
    assert await claim("discord", "alice", "say", 10, at(9)) == pytest.approx(1)
    assert await claim("discord", "alice", "say", 10, at(10)) is None
    assert await claim("discord", "alice", "preview", 10, at(11)) is None
    assert await claim("discord", "bob", "say", 10, at(11)) is None
    assert await claim("slack", "alice", "say", 10, at(11)) is None
    assert await claim("discord", "alice", "say", 0, at(11)) is None


async def test_release_cooldown_undoes_only_its_own_claim(store: SqlStore) -> None:
    claim = store.claim_cooldown
    assert await claim("discord", "alice", "say", 10, at(0)) is None
    await store.release_cooldown("discord", "alice", "say", at(0))
    assert await claim("discord", "alice", "say", 10, at(1)) is None
    # A release naming an older claim leaves the newer one in place.
    await store.release_cooldown("discord", "alice", "say", at(0))
    assert await claim("discord", "alice", "say", 10, at(2)) == pytest.approx(9)


async def test_concurrent_cooldown_claims_have_one_winner(
    store: SqlStore, open_instance: OpenStore
) -> None:
    other = await open_instance()
    results = await asyncio.gather(
        *[
            (store if i % 2 else other).claim_cooldown("discord", "alice", "say", 10, at(0))
            for i in range(8)
        ]
    )
    assert results.count(None) == 1
    assert all(r == pytest.approx(10) for r in results if r is not None)


# --- community settings -------------------------------------------------------------------------
async def test_community_settings_update_and_audit(store: SqlStore) -> None:
    assert await store.get_community_settings("discord", "g1") is None
    first = await store.update_community_settings(
        "discord", "g1", DEFAULTS, {"clone_enabled": False, "voices_per_member": 5}, "admin", at(1)
    )
    assert (first.platform, first.community_id) == ("discord", "g1")
    assert (first.clone_enabled, first.voices_per_member, first.say_enabled) == (False, 5, True)
    assert first.updated_at == at(1)
    assert await store.get_community_settings("discord", "g1") == first
    # The next change builds on what is stored, not on the defaults.
    second = await store.update_community_settings(
        "discord",
        "g1",
        DEFAULTS,
        {"allowed_members": ["u1", "u2"], "required_role": "r9", "cooldown_seconds": 2.5},
        "admin2",
        at(2),
    )
    assert (second.clone_enabled, second.voices_per_member) == (False, 5)
    assert (second.allowed_members, second.required_role) == (("u1", "u2"), "r9")
    assert second.cooldown_seconds == 2.5
    assert await store.get_community_settings("discord", "g1") == second
    assert await store.get_community_settings("slack", "g1") is None

    latest, earlier = await store.list_audit(platform="discord")
    assert (latest.action, latest.user_id, latest.community_id) == (
        "admin_settings",
        "admin2",
        "g1",
    )
    assert latest.detail["changes"] == {
        "allowed_members": ["u1", "u2"],
        "required_role": "r9",
        "cooldown_seconds": 2.5,
    }
    assert latest.detail["previous"]["required_role"] is None
    assert earlier.detail["changes"] == {"clone_enabled": False, "voices_per_member": 5}
    with pytest.raises(ValueError, match="not community settings"):
        await store.update_community_settings(
            "discord", "g1", DEFAULTS, {"platform": "x"}, "admin", at(3)
        )


async def test_reading_settings_round_trip(store: SqlStore) -> None:
    reading = {
        "read_enabled": False,
        "read_channel": "1234567890",
        "read_max_chars": 120,
        "read_ignore_prefixes": ["-", "~~", "#"],
        "read_emoji": "off",
        "read_announce": "on_change",
        "read_member_chars_per_minute": 600,
        "read_community_chars_per_minute": 2400,
    }
    saved = await store.update_community_settings(
        "discord", "g-read", DEFAULTS, reading, "admin", at(1)
    )
    assert saved.read_ignore_prefixes == ("-", "~~", "#")
    stored = await store.get_community_settings("discord", "g-read")
    assert stored == saved
    assert stored is not None
    assert {name: getattr(stored, name) for name in reading} == {
        **reading,
        "read_ignore_prefixes": ("-", "~~", "#"),
    }
    # Clearing the channel and the prefixes stores "none", not the defaults.
    clear = {"read_channel": None, "read_ignore_prefixes": ()}
    t2 = at(2)
    cleared = await store.update_community_settings("discord", "g-read", DEFAULTS, clear, "b", t2)
    assert (cleared.read_channel, cleared.read_ignore_prefixes) == (None, ())
    assert await store.get_community_settings("discord", "g-read") == cleared
    (latest, *_) = await store.list_audit(platform="discord")
    assert latest.detail["changes"] == {"read_channel": None, "read_ignore_prefixes": []}
    assert latest.detail["previous"]["read_channel"] == "1234567890"


async def test_settings_saved_before_reading_existed_read_as_the_defaults(store: SqlStore) -> None:
    """A row with only the columns of before migration 0005 gets the reading defaults."""
    async with store.transaction(write=True) as tx:
        await tx.execute(
            "INSERT INTO community_settings (platform, community_id, clone_enabled, say_enabled, "
            "required_role, allowed_members, voices_per_member, cooldown_seconds, max_say_chars) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            "slack",
            "T-old",
            True,
            False,
            None,
            "[]",
            3,
            60.0,
            500,
        )
    stored = await store.get_community_settings("slack", "T-old")
    assert stored == dataclasses.replace(
        DEFAULTS, platform="slack", community_id="T-old", say_enabled=False
    )
    assert stored.read_ignore_prefixes == ("!", ";", "/", ".")
    assert (stored.read_enabled, stored.read_max_chars, stored.read_emoji) == (True, 300, "names")


async def test_concurrent_settings_updates_lose_nothing(
    store: SqlStore, open_instance: OpenStore
) -> None:
    other = await open_instance()
    changes: list[dict[str, Any]] = [
        {"clone_enabled": False},
        {"say_enabled": False},
        {"required_role": "r"},
        {"max_say_chars": 42},
        {"voices_per_member": 9},
        {"allowed_members": ["x"]},
    ]
    await asyncio.gather(
        *[
            (store if i % 2 else other).update_community_settings(
                "slack", "T1", DEFAULTS, change, "admin", at(i)
            )
            for i, change in enumerate(changes)
        ]
    )
    final = await store.get_community_settings("slack", "T1")
    assert final is not None
    assert (final.clone_enabled, final.say_enabled, final.required_role) == (False, False, "r")
    assert (final.max_say_chars, final.voices_per_member) == (42, 9)
    assert final.allowed_members == ("x",)
    assert len(await store.list_audit()) == len(changes)


# --- pending actions ----------------------------------------------------------------------------
def pending(token: str, expires_after: float = 600) -> PendingAction:
    return PendingAction(
        token=token,
        kind="consent",
        platform="slack",
        user_id="U1",
        community_id="T1",
        payload={"file_id": "F1", "options": {"name": "x"}},
        created_at=T0,
        expires_at=at(expires_after),
    )


async def test_pending_actions_save_get_take(store: SqlStore) -> None:
    await store.save_pending(pending("t1"))
    assert await store.get_pending("t1") == pending("t1")
    assert await store.get_pending("missing") is None
    assert await store.take_pending("t1", at(1)) == pending("t1")
    assert await store.take_pending("t1", at(1)) is None
    assert await store.get_pending("t1") is None


async def test_take_pending_expired_returns_none_and_deletes(store: SqlStore) -> None:
    await store.save_pending(pending("t1", expires_after=60))
    assert await store.take_pending("t1", at(60)) is None
    assert await store.get_pending("t1") is None


async def test_concurrent_take_pending_has_one_winner(
    store: SqlStore, open_instance: OpenStore
) -> None:
    other = await open_instance()
    await store.save_pending(pending("t1"))
    results = await asyncio.gather(
        *[(store if i % 2 else other).take_pending("t1", at(1)) for i in range(8)]
    )
    assert [r for r in results if r is not None] == [pending("t1")]


async def test_purge_expired(store: SqlStore) -> None:
    await store.save_pending(pending("expired", expires_after=10))
    await store.save_pending(pending("live", expires_after=200_000))
    await store.mark_seen("old-event", at(0))
    await store.mark_seen("new-event", at(2 * 86400))
    await store.remember_clip(RecentClip("slack", "U1", "old", None, at(0)))
    await store.remember_clip(RecentClip("slack", "U1", "new", None, at(2 * 86400)))
    now = at(86400 + 100)
    assert await store.purge_expired(now) == 3
    assert await store.get_pending("live") is not None
    assert await store.get_pending("expired") is None
    assert not await store.mark_seen("new-event", now)
    assert await store.mark_seen("old-event", now)  # forgotten, so "new" again
    clip = await store.latest_clip("slack", "U1", at(0))
    assert clip is not None and clip.file_id == "new"
    assert await store.purge_expired(now) == 0


# --- speech leases -------------------------------------------------------------------------------
async def lease(
    store: SqlStore, lease_id: str, voice_id: str, member: Member = ALICE, now: datetime = T0
) -> bool:
    return await store.begin_speech(
        lease_id,
        platform=member.platform,
        user_id=member.user_id,
        voice_id=voice_id,
        owner="host:1:boot",
        now=now,
        expires_at=now + timedelta(minutes=15),
    )


def said(member: Member = ALICE, voice_id: str = "voice-k1") -> AuditEntry:
    return AuditEntry("say", member.platform, member.user_id, at(1), member.community_id, voice_id)


async def says(store: SqlStore, member: Member = ALICE) -> int:
    entries = await store.list_audit(platform=member.platform, user_id=member.user_id)
    return sum(entry.action == "say" for entry in entries)


async def test_a_speech_lease_ends_with_its_audit_entry_once(store: SqlStore) -> None:
    await clone(store, "k1")
    assert await lease(store, "s1", "voice-k1")
    assert await store.speech_allowed("s1")
    assert await store.count_speech("discord", "alice", at(1)) == 1

    assert await store.end_speech("s1", said())
    assert not await store.end_speech("s1", said())  # settled twice: one entry
    assert await says(store) == 1
    assert not await store.speech_allowed("s1")
    assert await store.count_speech("discord", "alice", at(1)) == 0
    # Ended without being heard: no entry.
    assert await lease(store, "s2", "voice-k1")
    assert await store.end_speech("s2", None)
    assert await says(store) == 1


async def test_a_speech_lease_needs_the_members_own_voice(store: SqlStore) -> None:
    await clone(store, "k1")
    assert not await lease(store, "s1", "voice-k1", BOB)
    assert not await lease(store, "s2", "no-such-voice")
    await store.delete_voice("voice-k1")
    assert not await lease(store, "s3", "voice-k1")
    assert await store.count_speech("discord", "alice", at(1)) == 0


async def test_deleting_a_voice_revokes_the_speech_in_it_everywhere(
    store: SqlStore, open_instance: OpenStore
) -> None:
    speaker = await open_instance()  # another process, playing the speech
    await clone(store, "k1")
    await clone(store, "k2")
    assert await lease(speaker, "s1", "voice-k1")
    assert await lease(speaker, "s2", "voice-k2")

    assert await store.delete_voice("voice-k1")

    assert not await speaker.speech_allowed("s1")
    assert await speaker.speech_allowed("s2")  # her other voice speaks on
    # Counted per voice until the speaker gives it back: the delete waits for that one only.
    assert await store.count_speech("discord", "alice", at(1), voice_id="voice-k1") == 1
    assert not await speaker.end_speech("s1", said())
    assert await store.count_speech("discord", "alice", at(1), voice_id="voice-k1") == 0
    assert await store.count_speech("discord", "alice", at(1), voice_id="voice-k2") == 1
    assert await speaker.end_speech("s2", said(voice_id="voice-k2"))
    entries = await store.list_audit(platform="discord", user_id="alice")
    assert [e.voice_id for e in entries if e.action == "say"] == ["voice-k2"]


async def test_revoked_speech_stops_everywhere_and_writes_nothing(
    store: SqlStore, open_instance: OpenStore
) -> None:
    speaker = await open_instance()  # another process, playing the speech
    await clone(store, "k1")
    await clone(store, "b1", BOB)
    assert await lease(speaker, "s1", "voice-k1")
    assert await lease(speaker, "bob-s1", "voice-b1", BOB)

    assert await store.revoke_speech("discord", "alice", "m1", now=at(0), until=at(600)) == 1

    assert not await speaker.speech_allowed("s1")
    assert await speaker.speech_allowed("bob-s1")
    # Still counted until the speaker gives it back; the marker is not speech.
    assert await store.count_speech("discord", "alice", at(1)) == 1
    # No new speech while the erase runs.
    assert not await lease(speaker, "s2", "voice-k1", now=at(1))
    assert not await speaker.end_speech("s1", said())
    assert await store.count_speech("discord", "alice", at(1)) == 0
    assert await says(store) == 0
    assert await speaker.end_speech("bob-s1", said(BOB, "voice-b1"))
    assert await says(store, BOB) == 1
    # The erase deletes the marker with the rest: nothing about her is left.
    await store.forget_member("discord", "alice", "anon-1")
    exported = await store.export_rows()
    assert not [row for rows in exported.values() for row in rows if mentions(row, "alice")]
    # A marker left by an interrupted forget-me stops refusing once it expires.
    await clone(store, "k2")
    await store.revoke_speech("discord", "alice", "m2", now=at(0), until=at(600))
    assert not await lease(store, "s3", "voice-k2", now=at(599))
    assert await lease(store, "s3", "voice-k2", now=at(601))


async def test_forget_member_deletes_speech_leases(store: SqlStore) -> None:
    await clone(store, "k1")
    assert await lease(store, "s1", "voice-k1")
    await store.forget_member("discord", "alice", "anon-1")
    assert not await store.speech_allowed("s1")
    assert not await store.end_speech("s1", said())
    assert await store.list_audit(user_id="alice") == []


async def test_speech_ending_while_forgotten_leaves_no_entry(
    store: SqlStore, open_instance: OpenStore
) -> None:
    """The speaker's last write races the erase, in two instances: whichever commits first,
    no entry about her is left."""
    speaker = await open_instance()
    for round_ in range(8):
        await clone(store, f"k{round_}")
        assert await lease(speaker, f"s{round_}", f"voice-k{round_}")
        end = speaker.end_speech(f"s{round_}", said(voice_id=f"voice-k{round_}"))
        erase = store.forget_member("discord", "alice", "anon-1")
        if round_ % 2:
            await asyncio.gather(erase, end)
        else:
            await asyncio.gather(end, erase)
        assert await store.list_audit(user_id="alice") == []


async def test_expired_speech_leases_are_purged(store: SqlStore) -> None:
    await clone(store, "k1")
    assert await lease(store, "s1", "voice-k1", now=at(0))
    assert await store.count_speech("discord", "alice", at(15 * 60 + 1)) == 0
    assert await store.purge_expired(at(15 * 60 + 1)) == 1
    assert not await store.speech_allowed("s1")


# --- deliveries ---------------------------------------------------------------------------------
async def test_mark_seen(store: SqlStore, open_instance: OpenStore) -> None:
    assert await store.mark_seen("Ev1", T0)
    assert not await store.mark_seen("Ev1", at(1))
    assert await store.mark_seen("Ev2", T0)
    other = await open_instance()
    results = await asyncio.gather(
        *[(store if i % 2 else other).mark_seen("Ev3", T0) for i in range(6)]
    )
    assert results.count(True) == 1


async def test_latest_clip_within_the_window(store: SqlStore) -> None:
    await store.remember_clip(RecentClip("slack", "U1", "F-old", "D1", at(0)))
    await store.remember_clip(RecentClip("slack", "U1", "F-new", "D1", at(100)))
    await store.remember_clip(RecentClip("slack", "U2", "F-other", "D2", at(200)))
    latest = await store.latest_clip("slack", "U1", at(50))
    assert latest == RecentClip("slack", "U1", "F-new", "D1", at(100))
    assert await store.latest_clip("slack", "U1", at(101)) is None
    assert await store.latest_clip("discord", "U1", at(0)) is None
    # The same file sent again counts from its new arrival.
    await store.remember_clip(RecentClip("slack", "U1", "F-old", "D9", at(150)))
    latest = await store.latest_clip("slack", "U1", at(50))
    assert latest == RecentClip("slack", "U1", "F-old", "D9", at(150))


# --- moving between databases -------------------------------------------------------------------
async def test_is_empty(store: SqlStore) -> None:
    assert await store.is_empty()
    await store.mark_seen("e", T0)
    assert not await store.is_empty()


async def test_export_import_round_trip(store: SqlStore, new_sqlite_store: OpenStore) -> None:
    source = await new_sqlite_store()
    await populate(source, ALICE, "a")
    await populate(source, BOB, "b")
    await source.mark_seen("Ev1", T0)
    await source.forget_member("discord", "bob", "anon-b")
    exported = await source.export_rows()
    json.dumps(exported)  # plain values only
    assert all(exported[table.name] for table in TABLES), "every table has rows to copy"

    # SQLite → this store (SQLite or PostgreSQL).
    await store.import_rows(exported)
    assert await store.export_rows() == exported
    assert await store.list_voices("discord", "alice") == await source.list_voices(
        "discord", "alice"
    )
    # Imported ids are kept, and new rows continue after them.
    await store.add_audit(AuditEntry("say", "discord", "carol", at(99)))
    ids = [row["id"] for row in (await store.export_rows())["audit_log"]]
    assert ids == sorted(set(ids))
    assert ids[-1] == max(row["id"] for row in exported["audit_log"]) + 1

    # ...and back into a fresh SQLite.
    back = await new_sqlite_store()
    copied = await store.export_rows()
    await back.import_rows(copied)
    assert await back.export_rows() == copied

    with pytest.raises(ConfigurationError, match="not empty"):
        await store.import_rows(exported)


async def test_import_rejects_unknown_tables_and_columns(store: SqlStore) -> None:
    with pytest.raises(ValueError, match="unknown tables"):
        await store.import_rows({"nope": [{"a": 1}]})
    with pytest.raises(ValueError, match="unknown columns"):
        await store.import_rows({"seen_events": [{"key": "k", "seen_at": T0.isoformat(), "x": 1}]})
    assert await store.is_empty()


# --- open_store -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url",
    [
        "",
        "bot.db",
        "mysql://user:secret@host/db",
        "postgresql+asyncpg://u@h/db",
        "sqlite:/bot.db",
        "sqlite:///",
        "sqlite:///data/",
        "sqlite://host/bot.db",
        "sqlite:///bot.db?mode=ro",
        "postgresql://u:secret@127.0.0.1:notaport/db",
    ],
)
async def test_open_store_rejects_bad_urls(url: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        await open_store(url)
    message = str(caught.value)
    assert "\n" not in message
    assert "secret" not in message
    assert caught.value.exit_code == 78


async def test_open_store_unreachable_postgres_is_a_configuration_error() -> None:
    # Port 1 on the loopback: nothing listens, the refusal is immediate.
    with pytest.raises(ConfigurationError, match="can't connect") as caught:
        await open_store("postgresql://bot:secret@127.0.0.1:1/bot")
    assert "secret" not in str(caught.value)


async def test_open_store_sqlite_creates_the_folder(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "bot.db"
    store = await open_store(f"sqlite:///{path}")
    try:
        await store.ping()
        assert path.exists()
    finally:
        await store.close()


async def test_open_store_relative_and_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    relative = await open_store("sqlite:///data/bot.db")
    memory = await open_store("sqlite:///:memory:")
    try:
        assert (tmp_path / "data" / "bot.db").exists()
        assert await memory.is_empty()
        assert await memory.mark_seen("e", T0)
    finally:
        await relative.close()
        await memory.close()


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://bot:sec@ret@127.0.0.1:1/bot",
        "postgresql://bot:sec/ret@127.0.0.1:1/bot",
        "postgresql://127.0.0.1:1/bot?user=bot&password=secret",
    ],
)
async def test_passwords_never_appear_in_errors(url: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        await open_store(url)
    for fragment in ("sec@ret", "sec/ret", "secret", "ret@"):
        assert fragment not in str(caught.value)


async def test_the_table_definitions_match_the_migrations(store: SqlStore) -> None:
    """storage/rows.py derives each table from its record; the DDL of each dialect must hold
    exactly those columns, and no table the code doesn't know."""
    if store.dialect == "sqlite":
        tables_sql = (
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        columns_sql = "SELECT name FROM pragma_table_info($1)"
    else:
        tables_sql = (
            "SELECT table_name AS name FROM information_schema.tables"
            " WHERE table_schema = current_schema()"
        )
        columns_sql = (
            "SELECT column_name AS name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = $1"
        )
    async with store.transaction(write=False) as tx:
        names = {row["name"] for row in await tx.fetch(tables_sql)} - {"schema_migrations"}
        assert names == {table.name for table in TABLES}
        for table in TABLES:
            found = {row["name"] for row in await tx.fetch(columns_sql, table.name)}
            assert found == set(table.column_names), table.name


async def test_a_member_is_welcomed_once_until_forgotten(store: SqlStore) -> None:
    assert await store.welcome_once("slack", "alice", T0)
    assert not await store.welcome_once("slack", "alice", at(1))
    assert await store.welcome_once("slack", "bob", at(1))
    await store.forget_member("slack", "alice", "anon-1")
    assert await store.welcome_once("slack", "alice", at(2))


async def test_member_rows_leave_out_credentials_and_other_members(store: SqlStore) -> None:
    await populate(store, ALICE, "a")
    await populate(store, BOB, "b")
    await store.update_community_settings(
        "discord", "shared-guild", DEFAULTS, {"allowed_members": ["bob", "alice"]}, "bob", at(9)
    )
    held = await store.member_rows("discord", "alice")
    text = json.dumps(held)
    assert "bob" not in text
    assert "a-token" not in text
    assert all("marker" not in row for row in held["clone_requests"])
    shared = [r for r in held["community_settings"] if r["community_id"] == "shared-guild"]
    assert [r["allowed_members"] for r in shared] == [["alice"]]
    # bob's admin entry naming alice: shown, without bob in it.
    entries = [r for r in held["audit_log"] if r["action"] == "admin_settings"]
    assert any(e["detail"]["changes"].get("allowed_members") == ["alice"] for e in entries)
