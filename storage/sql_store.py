"""The Store logic, written once for both databases.

Subclasses only provide transactions (:class:`Tx`): SQL here uses ``$1`` placeholders (SQLite
runs them as ``?1``), passes times as ``datetime`` and JSON as text. Every public method is
one transaction. Check-then-write sequences first take ``tx.lock(name)``: a PostgreSQL advisory
lock held until commit, so two instances can't both pass a check for the same member; SQLite
needs none because its write transactions are ``BEGIN IMMEDIATE`` and so already one at a time.
"""

from __future__ import annotations

import dataclasses
import logging
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar, Protocol

from bot.errors import ConfigurationError, Cooldown, VoiceLimitReached, VoiceNotFound
from bot.members.member_data import (
    MEMBER_TABLES,
    MemberTable,
    names_member,
    only_member,
    without_member,
)
from bot.models import (
    COMMUNITY_SETTING_FIELDS,
    AuditEntry,
    BeginOutcome,
    CloneRequestRecord,
    CommunitySettings,
    ConsentRecord,
    ForgetCounts,
    MemberLimits,
    NewCloneRequest,
    PendingAction,
    Reader,
    RecentClip,
    RequestState,
    VoiceRecord,
)
from storage import rows
from storage.migrations import load_migrations

log = logging.getLogger(__name__)

#: Slack redelivers for minutes, not days.
SEEN_EVENT_RETENTION = timedelta(days=1)
#: Covers the longest SLACK_CLIP_RECENT_MINUTES setting (1440).
CLIP_RETENTION = timedelta(days=1)

_VOICE_COLUMNS = rows.VOICES.column_list()
_REQUEST_COLUMNS = rows.CLONE_REQUESTS.column_list()
_AUDIT_COLUMNS = rows.AUDIT_LOG.column_list()
_SETTINGS_COLUMNS = rows.COMMUNITY_SETTINGS.column_list()
_PENDING_COLUMNS = rows.PENDING_ACTIONS.column_list()
_CLIP_COLUMNS = rows.RECENT_CLIPS.column_list()
_READER_COLUMNS = rows.READERS.column_list()

_INSERT_AUDIT = rows.AUDIT_LOG.insert_sql(rows.NEW_AUDIT_COLUMNS)
_MEMBER = "platform = $1 AND user_id = $2"


class Tx(Protocol):
    """One open transaction. Rows come back as dicts keyed by column name."""

    async def fetch(self, sql: str, *args: Any) -> list[dict[str, Any]]: ...

    async def fetchrow(self, sql: str, *args: Any) -> dict[str, Any] | None: ...

    async def fetchval(self, sql: str, *args: Any) -> Any: ...

    async def execute(self, sql: str, *args: Any) -> int:
        """Run a statement; return how many rows it changed."""

    async def executemany(self, sql: str, args: Sequence[Sequence[Any]]) -> None: ...

    async def execute_script(self, sql: str) -> None:
        """Run several ``;``-separated statements without parameters (migrations)."""

    async def lock(self, name: str) -> None:
        """Serialise the transactions that lock ``name`` until this one ends."""


def member_lock(platform: str, user_id: str) -> str:
    return f"member\x1f{platform}\x1f{user_id}"


class SqlStore(ABC):
    """Implements :class:`bot.ports.Store` over a :class:`Tx`."""

    #: Folder of :mod:`storage.migrations` to apply.
    dialect: ClassVar[str]
    #: Column type of ``schema_migrations.applied_at``.
    time_type: ClassVar[str]

    @abstractmethod
    def transaction(
        self, *, write: bool, snapshot: bool = False
    ) -> AbstractAsyncContextManager[Tx]:
        """One transaction; ``snapshot`` asks for one consistent view across statements."""

    @abstractmethod
    async def close(self) -> None: ...

    @abstractmethod
    async def after_import(self, tx: Tx) -> None:
        """Repair what rows inserted with their ids left behind (PostgreSQL sequences)."""

    # --- lifecycle ----------------------------------------------------------------------
    async def migrate(self) -> None:
        migrations = load_migrations(self.dialect)
        async with self.transaction(write=True) as tx:
            await tx.lock("schema_migrations")
            await tx.execute_script(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                f" applied_at {self.time_type} NOT NULL)"
            )
            applied = {
                r["version"] for r in await tx.fetch("SELECT version FROM schema_migrations")
            }
            newer = applied - {migration.version for migration in migrations}
            if newer:
                log.warning("the database has migrations this version doesn't know: %s", newer)
            for migration in migrations:
                if migration.version in applied:
                    continue
                log.info(
                    "applying %s migration %04d_%s", self.dialect, migration.version, migration.name
                )
                await tx.execute_script(migration.sql)
                await tx.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                    migration.version,
                    migration.name,
                    datetime.now(UTC),
                )

    async def schema_version(self) -> int:
        """The newest applied migration (0 before :meth:`migrate`)."""
        async with self.transaction(write=False) as tx:
            version = await tx.fetchval("SELECT MAX(version) FROM schema_migrations")
        return int(version or 0)

    async def ping(self) -> None:
        async with self.transaction(write=False) as tx:
            await tx.fetchval("SELECT 1")

    # --- clone requests -----------------------------------------------------------------
    async def begin_clone(
        self, new: NewCloneRequest, limits: MemberLimits, now: datetime
    ) -> BeginOutcome:
        member = new.member
        async with self.transaction(write=True) as tx:
            await tx.lock(member_lock(member.platform, member.user_id))
            existing = await _request(tx, new.idempotency_key)
            if existing is not None and existing.state is not RequestState.FAILED:
                return BeginOutcome(existing, created=False)
            await _check_member_limits(tx, member.platform, member.user_id, limits, now)
            if existing is not None:
                # A new consent for a recording whose last attempt failed (quota used up,
                # service down...): a new attempt. Its consent record goes with it (cascade).
                await tx.execute(
                    "DELETE FROM clone_requests WHERE idempotency_key = $1", new.idempotency_key
                )
            request = CloneRequestRecord(
                idempotency_key=new.idempotency_key,
                platform=member.platform,
                user_id=member.user_id,
                community_id=member.community_id,
                state=RequestState.PENDING,
                marker=new.marker,
                options=new.options,
                created_at=now,
                updated_at=now,
                owner=new.owner,
                lease_until=new.lease_until,
            )
            inserted = await tx.fetchval(
                rows.CLONE_REQUESTS.insert_sql(
                    rows.NEW_REQUEST_COLUMNS,
                    "ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key",
                ),
                *rows.CLONE_REQUESTS.params(request, rows.NEW_REQUEST_COLUMNS),
            )
            if inserted is None:
                # The same key from another member's lock won the race: it's the first one.
                raced = await _request(tx, new.idempotency_key)
                assert raced is not None
                return BeginOutcome(raced, created=False)
            consent = ConsentRecord(
                idempotency_key=new.idempotency_key,
                platform=member.platform,
                user_id=member.user_id,
                statement_version=new.consent.statement_version,
                given_at=new.consent.given_at,
                statement_language=new.consent.statement_language,
            )
            await tx.execute(rows.CONSENTS.insert_sql(), *rows.CONSENTS.params(consent))
        return BeginOutcome(request, created=True)

    async def mark_running(
        self,
        key: str,
        *,
        owner: str,
        lease_until: datetime,
        sample_sha256: str,
        speech_seconds: float,
        now: datetime,
    ) -> None:
        """Raises LookupError unless the request is pending."""
        async with self.transaction(write=True) as tx:
            member = await tx.fetchrow(
                "SELECT platform, user_id FROM clone_requests WHERE idempotency_key = $1", key
            )
            if member is None:
                raise LookupError(f"no clone request {key!r}")
            # Two rows change: under the member lock, so a concurrent forget-me (which takes
            # it too) can't lock them in the other order.
            await tx.lock(member_lock(member["platform"], member["user_id"]))
            changed = await tx.execute(
                "UPDATE clone_requests SET state = 'running', owner = $2, lease_until = $3,"
                " sample_sha256 = $4, speech_seconds = $5, started_at = $6, updated_at = $6"
                " WHERE idempotency_key = $1 AND state = 'pending'",
                key,
                owner,
                lease_until,
                sample_sha256,
                float(speech_seconds),
                now,
            )
            if not changed:
                raise LookupError(f"clone request {key!r} is not pending")
            await tx.execute(
                "UPDATE consents SET sample_sha256 = $2 WHERE idempotency_key = $1",
                key,
                sample_sha256,
            )

    async def complete_clone(self, key: str, voice: VoiceRecord, now: datetime) -> VoiceRecord:
        """Raises LookupError unless the request is running (or already done with ``voice``).

        The stored voice keeps ``voice.created_at``; ``updated_at`` becomes ``now``."""
        async with self.transaction(write=True) as tx:
            await tx.lock(member_lock(voice.platform, voice.user_id))
            state = await tx.fetchrow(
                "SELECT state, voice_id FROM clone_requests WHERE idempotency_key = $1", key
            )
            if state is None:
                raise LookupError(f"no clone request {key!r}")
            if state["state"] == RequestState.DONE and state["voice_id"] == voice.voice_id:
                done = await _voice(tx, voice.voice_id)
                if done is not None:
                    return done  # completed twice: the first one stands
            if state["state"] != RequestState.RUNNING:
                raise LookupError(f"clone request {key!r} is {state['state']}, not running")
            has_voices = await tx.fetchval(
                f"SELECT EXISTS (SELECT 1 FROM voices WHERE {_MEMBER})",
                voice.platform,
                voice.user_id,
            )
            stored = dataclasses.replace(voice, is_default=not has_voices, updated_at=now)
            await tx.execute(rows.VOICES.insert_sql(), *rows.VOICES.params(stored))
            await tx.execute(
                "UPDATE clone_requests SET state = 'done', voice_id = $2, updated_at = $3"
                " WHERE idempotency_key = $1",
                key,
                voice.voice_id,
                now,
            )
            entry = AuditEntry(
                action="clone",
                platform=voice.platform,
                user_id=voice.user_id,
                at=now,
                community_id=voice.community_id,
                voice_id=voice.voice_id,
                detail={"request": key, "speech_seconds": voice.speech_seconds},
            )
            await tx.execute(_INSERT_AUDIT, *rows.AUDIT_LOG.params(entry, rows.NEW_AUDIT_COLUMNS))
        return stored

    async def fail_clone(self, key: str, error_code: str, now: datetime) -> None:
        """Does nothing to a request that is done, failed or unknown."""
        async with self.transaction(write=True) as tx:
            changed = await tx.execute(
                "UPDATE clone_requests SET state = 'failed', error_code = $2, updated_at = $3"
                " WHERE idempotency_key = $1 AND state IN ('pending', 'running')",
                key,
                error_code,
                now,
            )
        if not changed:
            log.debug("fail_clone: request %s was not pending or running", key)

    async def discard_clone(self, key: str) -> bool:
        """Delete a request that never reached the API (still pending), with its consent."""
        async with self.transaction(write=True) as tx:
            deleted = await tx.execute(
                "DELETE FROM clone_requests WHERE idempotency_key = $1 AND state = 'pending'", key
            )
        return deleted > 0

    async def reclaim_pending(self, key: str, *, expected_owner: str | None) -> bool:
        async with self.transaction(write=True) as tx:
            deleted = await tx.execute(
                "DELETE FROM clone_requests WHERE idempotency_key = $1 AND state = 'pending'"
                " AND (owner = $2 OR (owner IS NULL AND $2 IS NULL))",
                key,
                expected_owner,
            )
        return deleted > 0

    async def get_clone_request(self, key: str) -> CloneRequestRecord | None:
        async with self.transaction(write=False) as tx:
            return await _request(tx, key)

    async def list_running_requests(self) -> list[CloneRequestRecord]:
        async with self.transaction(write=False) as tx:
            found = await tx.fetch(
                f"SELECT {_REQUEST_COLUMNS} FROM clone_requests"
                " WHERE state IN ('pending', 'running')"
                " ORDER BY created_at, idempotency_key"
            )
        return [rows.CLONE_REQUESTS.from_row(row) for row in found]

    async def claim_request(
        self, key: str, *, expected_owner: str | None, new_owner: str, lease_until: datetime
    ) -> bool:
        # One conditional UPDATE: PostgreSQL re-checks the WHERE on the row a concurrent
        # claimer just changed, so only one of them sees its expected owner.
        async with self.transaction(write=True) as tx:
            changed = await tx.execute(
                "UPDATE clone_requests SET owner = $3, lease_until = $4"
                " WHERE idempotency_key = $1 AND state = 'running'"
                " AND (owner = $2 OR (owner IS NULL AND $2 IS NULL))",
                key,
                expected_owner,
                new_owner,
                lease_until,
            )
        return changed == 1

    # --- voices -------------------------------------------------------------------------
    async def list_voices(self, platform: str, user_id: str) -> list[VoiceRecord]:
        async with self.transaction(write=False) as tx:
            found = await tx.fetch(
                f"SELECT {_VOICE_COLUMNS} FROM voices WHERE {_MEMBER}"
                " ORDER BY created_at, voice_id",
                platform,
                user_id,
            )
        return [rows.VOICES.from_row(row) for row in found]

    async def get_voice(self, voice_id: str) -> VoiceRecord | None:
        async with self.transaction(write=False) as tx:
            return await _voice(tx, voice_id)

    async def update_voice(
        self, voice_id: str, *, name: str | None, description: str | None, now: datetime
    ) -> VoiceRecord:
        """``None`` leaves a field as it is."""
        async with self.transaction(write=True) as tx:
            row = await tx.fetchrow(
                "UPDATE voices SET name = COALESCE($2, name),"
                " description = COALESCE($3, description), updated_at = $4"
                f" WHERE voice_id = $1 RETURNING {_VOICE_COLUMNS}",
                voice_id,
                name,
                description,
                now,
            )
        if row is None:
            raise VoiceNotFound()
        return rows.VOICES.from_row(row)

    async def set_default_voice(self, platform: str, user_id: str, voice_id: str) -> None:
        """Raises VoiceNotFound unless the member has that voice."""
        async with self.transaction(write=True) as tx:
            await tx.lock(member_lock(platform, user_id))
            owned = await tx.fetchval(
                f"SELECT EXISTS (SELECT 1 FROM voices WHERE {_MEMBER} AND voice_id = $3)",
                platform,
                user_id,
                voice_id,
            )
            if not owned:
                raise VoiceNotFound()
            # Clear first: the one-default unique index is checked row by row.
            await tx.execute(
                f"UPDATE voices SET is_default = $4 WHERE {_MEMBER} AND voice_id <> $3"
                " AND is_default",
                platform,
                user_id,
                voice_id,
                False,
            )
            await tx.execute(
                "UPDATE voices SET is_default = $2 WHERE voice_id = $1", voice_id, True
            )

    async def delete_voice(self, voice_id: str) -> bool:
        async with self.transaction(write=True) as tx:
            owner = await tx.fetchrow(
                "SELECT platform, user_id FROM voices WHERE voice_id = $1", voice_id
            )
            if owner is None:
                return False
            platform, user_id = owner["platform"], owner["user_id"]
            await tx.lock(member_lock(platform, user_id))
            deleted = await tx.fetchrow(
                "DELETE FROM voices WHERE voice_id = $1 RETURNING is_default", voice_id
            )
            if deleted is None:
                return False  # a concurrent delete won
            # Speech in that voice stops with it, in every process (players check their lease),
            # and what it said is not audited after the voice is gone.
            await tx.execute(
                "UPDATE speech_leases SET revoked = $2 WHERE voice_id = $1", voice_id, True
            )
            # Reading aloud in that voice stops with it (one row per community).
            for reader in await tx.fetch(
                "DELETE FROM readers WHERE voice_id = $1 RETURNING community_id", voice_id
            ):
                entry = _read_off_entry(
                    platform, user_id, reader["community_id"], voice_id, "voice_deleted"
                )
                await tx.execute(
                    _INSERT_AUDIT, *rows.AUDIT_LOG.params(entry, rows.NEW_AUDIT_COLUMNS)
                )
            if deleted["is_default"]:
                await tx.execute(
                    "UPDATE voices SET is_default = $3 WHERE voice_id = ("
                    f" SELECT voice_id FROM voices WHERE {_MEMBER}"
                    " ORDER BY created_at DESC, voice_id DESC LIMIT 1)",
                    platform,
                    user_id,
                    True,
                )
        return True

    async def count_voices(self) -> int:
        async with self.transaction(write=False) as tx:
            return int(await tx.fetchval("SELECT COUNT(*) FROM voices"))

    # --- forget-me ----------------------------------------------------------------------
    async def forget_member(self, platform: str, user_id: str, anonymised_id: str) -> ForgetCounts:
        async with self.transaction(write=True) as tx:
            await tx.lock(member_lock(platform, user_id))
            # The one list (bot/members/member_data.py) says what is theirs and where else
            # their id appears: the export reads the same list.
            deleted = {
                table.name: await tx.execute(
                    f"DELETE FROM {table.name} WHERE {_MEMBER}", platform, user_id
                )
                for table in MEMBER_TABLES
                if table.owned
            }
            named_in = {
                table.name: await _forget_in_shared(tx, table, platform, user_id, anonymised_id)
                for table in MEMBER_TABLES
                if table.shared is not None
            }
            # Speech leases are not counted: forget-me's own marker is always among them.
            counts = ForgetCounts(
                voices=deleted["voices"],
                requests=deleted["clone_requests"],
                consents=deleted["consents"],
                pending=deleted["pending_actions"],
                audit_entries=deleted["audit_log"],
            )
            detail = {
                **dataclasses.asdict(counts),
                "clips": deleted["recent_clips"],
                "cooldowns": deleted["cooldowns"],
                "allowed_in": named_in["community_settings"],
            }
            already_forgotten = await tx.fetchval(
                f"SELECT EXISTS (SELECT 1 FROM audit_log WHERE {_MEMBER} AND action = $3)",
                platform,
                anonymised_id,
                "forget",
            )
            # A second run with nothing left to delete must not pile up forget entries.
            if any(detail.values()) or not already_forgotten:
                entry = AuditEntry(
                    action="forget",
                    platform=platform,
                    user_id=anonymised_id,
                    at=datetime.now(UTC),
                    detail=detail,
                )
                await tx.execute(
                    _INSERT_AUDIT, *rows.AUDIT_LOG.params(entry, rows.NEW_AUDIT_COLUMNS)
                )
        return counts

    async def member_rows(self, platform: str, user_id: str) -> dict[str, list[dict[str, Any]]]:
        """Everything held about the member, from the same list forget-me erases from: their
        own rows without the withheld columns, and the shared rows naming them with every
        other member's id (and whose row it is) left out."""
        found: dict[str, list[dict[str, Any]]] = {}
        async with self.transaction(write=False, snapshot=True) as tx:
            for table in MEMBER_TABLES:
                found[table.name] = await _member_rows_of(tx, table, platform, user_id)
        return found

    async def welcome_once(self, platform: str, user_id: str, now: datetime) -> bool:
        async with self.transaction(write=True) as tx:
            inserted = await tx.fetchval(
                rows.WELCOMES.insert_sql(
                    suffix="ON CONFLICT (platform, user_id) DO NOTHING RETURNING user_id"
                ),
                platform,
                user_id,
                now,
            )
        return inserted is not None

    # --- speech leases -------------------------------------------------------------------
    async def begin_speech(
        self,
        lease_id: str,
        *,
        platform: str,
        user_id: str,
        voice_id: str,
        owner: str,
        now: datetime,
        expires_at: datetime,
    ) -> bool:
        async with self.transaction(write=True) as tx:
            # Under the member lock, which forget-me takes too: the voice can't go between
            # the check and the insert.
            await tx.lock(member_lock(platform, user_id))
            allowed = await tx.fetchval(
                "SELECT EXISTS (SELECT 1 FROM voices"
                f"   WHERE {_MEMBER} AND voice_id = $3)"
                " AND NOT EXISTS (SELECT 1 FROM speech_leases"
                f"   WHERE {_MEMBER} AND revoked = $4 AND expires_at > $5)",
                platform,
                user_id,
                voice_id,
                True,
                now,
            )
            if not allowed:
                return False
            await tx.execute(
                rows.SPEECH_LEASES.insert_sql(),
                lease_id,
                platform,
                user_id,
                voice_id,
                owner,
                False,
                expires_at,
            )
        return True

    async def speech_allowed(self, lease_id: str) -> bool:
        async with self.transaction(write=False) as tx:
            revoked = await tx.fetchval(
                "SELECT revoked FROM speech_leases WHERE lease_id = $1", lease_id
            )
        return revoked is not None and not revoked

    async def end_speech(self, lease_id: str, audit: AuditEntry | None) -> bool:
        async with self.transaction(write=True) as tx:
            # The DELETE comes first: in PostgreSQL it waits for a forget-me that is
            # revoking or deleting this very row, and then sees what that one left.
            ended = await tx.fetchrow(
                "DELETE FROM speech_leases WHERE lease_id = $1 RETURNING revoked", lease_id
            )
            if ended is None or ended["revoked"]:
                return False
            if audit is not None:
                await tx.execute(
                    _INSERT_AUDIT, *rows.AUDIT_LOG.params(audit, rows.NEW_AUDIT_COLUMNS)
                )
        return True

    async def revoke_speech(
        self, platform: str, user_id: str, marker_id: str, *, now: datetime, until: datetime
    ) -> int:
        async with self.transaction(write=True) as tx:
            await tx.lock(member_lock(platform, user_id))
            revoked = await tx.execute(
                f"UPDATE speech_leases SET revoked = $3 WHERE {_MEMBER} AND voice_id <> ''",
                platform,
                user_id,
                True,
            )
            await tx.execute(
                rows.SPEECH_LEASES.insert_sql(),
                marker_id,
                platform,
                user_id,
                "",
                "forget",
                True,
                until,
            )
        return revoked

    async def count_speech(
        self, platform: str, user_id: str, now: datetime, *, voice_id: str | None = None
    ) -> int:
        sql = (
            f"SELECT COUNT(*) FROM speech_leases WHERE {_MEMBER}"
            " AND voice_id <> '' AND expires_at > $3"
        )
        params: list[object] = [platform, user_id, now]
        if voice_id is not None:
            sql += " AND voice_id = $4"
            params.append(voice_id)
        async with self.transaction(write=False) as tx:
            return int(await tx.fetchval(sql, *params))

    # --- reading aloud ------------------------------------------------------------------
    async def set_reader(self, reader: Reader) -> None:
        async with self.transaction(write=True) as tx:
            await tx.lock(member_lock(reader.platform, reader.user_id))
            owned = await tx.fetchval(
                f"SELECT EXISTS (SELECT 1 FROM voices WHERE {_MEMBER} AND voice_id = $3)",
                reader.platform,
                reader.user_id,
                reader.voice_id,
            )
            if not owned:
                raise VoiceNotFound()
            await tx.execute(
                rows.READERS.insert_sql(
                    suffix="ON CONFLICT (platform, user_id, community_id) DO UPDATE SET"
                    " voice_id = excluded.voice_id, locale = excluded.locale,"
                    " since = excluded.since"
                ),
                *rows.READERS.params(reader),
            )
            entry = AuditEntry(
                action="read_on",
                platform=reader.platform,
                user_id=reader.user_id,
                at=reader.since,
                community_id=reader.community_id,
                voice_id=reader.voice_id,
                detail={"locale": reader.locale},
            )
            await tx.execute(_INSERT_AUDIT, *rows.AUDIT_LOG.params(entry, rows.NEW_AUDIT_COLUMNS))

    async def get_reader(self, platform: str, user_id: str, community_id: str) -> Reader | None:
        async with self.transaction(write=False) as tx:
            row = await tx.fetchrow(
                f"SELECT {_READER_COLUMNS} FROM readers WHERE {_MEMBER} AND community_id = $3",
                platform,
                user_id,
                community_id,
            )
        return None if row is None else rows.READERS.from_row(row)

    async def delete_reader(
        self, platform: str, user_id: str, community_id: str, *, reason: str, now: datetime
    ) -> bool:
        async with self.transaction(write=True) as tx:
            await tx.lock(member_lock(platform, user_id))
            deleted = await tx.fetchrow(
                f"DELETE FROM readers WHERE {_MEMBER} AND community_id = $3 RETURNING voice_id",
                platform,
                user_id,
                community_id,
            )
            if deleted is None:
                return False
            entry = _read_off_entry(
                platform, user_id, community_id, deleted["voice_id"], reason, at=now
            )
            await tx.execute(_INSERT_AUDIT, *rows.AUDIT_LOG.params(entry, rows.NEW_AUDIT_COLUMNS))
        return True

    # --- audit --------------------------------------------------------------------------
    async def add_audit(self, entry: AuditEntry) -> None:
        async with self.transaction(write=True) as tx:
            await tx.execute(_INSERT_AUDIT, *rows.AUDIT_LOG.params(entry, rows.NEW_AUDIT_COLUMNS))

    async def list_audit(
        self, *, platform: str | None = None, user_id: str | None = None, limit: int = 100
    ) -> list[AuditEntry]:
        conditions: list[str] = []
        args: list[Any] = []
        for column, value in (("platform", platform), ("user_id", user_id)):
            if value is not None:
                args.append(value)
                conditions.append(f"{column} = ${len(args)}")
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        args.append(max(0, limit))
        async with self.transaction(write=False) as tx:
            found = await tx.fetch(
                f"SELECT {_AUDIT_COLUMNS} FROM audit_log {where}"
                f" ORDER BY at DESC, id DESC LIMIT ${len(args)}",
                *args,
            )
        return [rows.AUDIT_LOG.from_row(row) for row in found]

    # --- cooldowns ----------------------------------------------------------------------
    async def claim_cooldown(
        self, platform: str, user_id: str, action: str, cooldown_seconds: float, now: datetime
    ) -> float | None:
        threshold = now - timedelta(seconds=cooldown_seconds)
        async with self.transaction(write=True) as tx:
            # The upsert only overwrites a claim old enough, atomically in both databases.
            claimed = await tx.fetchval(
                "INSERT INTO cooldowns (platform, user_id, action, last_at)"
                " VALUES ($1, $2, $3, $4) ON CONFLICT (platform, user_id, action)"
                " DO UPDATE SET last_at = excluded.last_at WHERE cooldowns.last_at <= $5"
                " RETURNING last_at",
                platform,
                user_id,
                action,
                now,
                threshold,
            )
            if claimed is not None:
                return None
            last = await tx.fetchval(
                f"SELECT last_at FROM cooldowns WHERE {_MEMBER} AND action = $3",
                platform,
                user_id,
                action,
            )
        left = cooldown_seconds - (now - rows.as_utc(last)).total_seconds()
        # A clock ahead on another instance mustn't lock a member out for longer.
        return min(max(left, 0.0), cooldown_seconds)

    async def release_cooldown(
        self, platform: str, user_id: str, action: str, claimed_at: datetime
    ) -> None:
        async with self.transaction(write=True) as tx:
            await tx.execute(
                f"DELETE FROM cooldowns WHERE {_MEMBER} AND action = $3 AND last_at = $4",
                platform,
                user_id,
                action,
                claimed_at,
            )

    # --- community settings -------------------------------------------------------------
    async def get_community_settings(
        self, platform: str, community_id: str
    ) -> CommunitySettings | None:
        async with self.transaction(write=False) as tx:
            return await _settings(tx, platform, community_id)

    async def update_community_settings(
        self,
        platform: str,
        community_id: str,
        defaults: CommunitySettings,
        changes: Mapping[str, Any],
        actor: str,
        now: datetime,
    ) -> CommunitySettings:
        unknown = set(changes) - set(COMMUNITY_SETTING_FIELDS)
        if unknown:
            raise ValueError(f"not community settings: {sorted(unknown)}")
        normalised = dict(changes)
        for name in ("allowed_members", "read_ignore_prefixes"):
            if name in normalised:
                normalised[name] = tuple(normalised[name])
        async with self.transaction(write=True) as tx:
            await tx.lock(f"community\x1f{platform}\x1f{community_id}")
            current = await _settings(tx, platform, community_id) or dataclasses.replace(
                defaults, platform=platform, community_id=community_id, updated_at=None
            )
            updated = dataclasses.replace(current, **normalised, updated_at=now)
            await tx.execute(
                rows.COMMUNITY_SETTINGS.insert_sql(
                    suffix="ON CONFLICT (platform, community_id) DO UPDATE SET "
                    + ", ".join(
                        f"{name} = excluded.{name}"
                        for name in (*COMMUNITY_SETTING_FIELDS, "updated_at")
                    ),
                ),
                *rows.COMMUNITY_SETTINGS.params(updated),
            )
            entry = AuditEntry(
                action="admin_settings",
                platform=platform,
                user_id=actor,
                at=now,
                community_id=community_id,
                detail={
                    "changes": {name: getattr(updated, name) for name in normalised},
                    "previous": {name: getattr(current, name) for name in normalised},
                },
            )
            await tx.execute(_INSERT_AUDIT, *rows.AUDIT_LOG.params(entry, rows.NEW_AUDIT_COLUMNS))
        return updated

    # --- pending actions ----------------------------------------------------------------
    async def save_pending(self, action: PendingAction) -> None:
        async with self.transaction(write=True) as tx:
            await tx.execute(
                rows.PENDING_ACTIONS.insert_sql(
                    suffix="ON CONFLICT (token) DO UPDATE SET "
                    + ", ".join(
                        f"{name} = excluded.{name}"
                        for name in rows.PENDING_ACTIONS.column_names[1:]
                    ),
                ),
                *rows.PENDING_ACTIONS.params(action),
            )

    async def get_pending(self, token: str) -> PendingAction | None:
        """Expired or not: use :meth:`take_pending` to act on it."""
        async with self.transaction(write=False) as tx:
            row = await tx.fetchrow(
                f"SELECT {_PENDING_COLUMNS} FROM pending_actions WHERE token = $1", token
            )
        return None if row is None else rows.PENDING_ACTIONS.from_row(row)

    async def take_pending(self, token: str, now: datetime) -> PendingAction | None:
        async with self.transaction(write=True) as tx:
            row = await tx.fetchrow(
                f"DELETE FROM pending_actions WHERE token = $1 RETURNING {_PENDING_COLUMNS}",
                token,
            )
        if row is None:
            return None
        action = rows.PENDING_ACTIONS.from_row(row)
        return action if action.expires_at > now else None

    async def purge_expired(self, now: datetime) -> int:
        async with self.transaction(write=True) as tx:
            pending = await tx.execute("DELETE FROM pending_actions WHERE expires_at <= $1", now)
            seen = await tx.execute(
                "DELETE FROM seen_events WHERE seen_at < $1", now - SEEN_EVENT_RETENTION
            )
            clips = await tx.execute(
                "DELETE FROM recent_clips WHERE received_at < $1", now - CLIP_RETENTION
            )
            # A process that died while speaking, or a forget-me that was interrupted.
            leases = await tx.execute("DELETE FROM speech_leases WHERE expires_at <= $1", now)
        return pending + seen + clips + leases

    # --- platform deliveries ------------------------------------------------------------
    async def mark_seen(self, key: str, now: datetime) -> bool:
        async with self.transaction(write=True) as tx:
            inserted = await tx.fetchval(
                "INSERT INTO seen_events (key, seen_at) VALUES ($1, $2)"
                " ON CONFLICT (key) DO NOTHING RETURNING key",
                key,
                now,
            )
        return inserted is not None

    async def remember_clip(self, clip: RecentClip) -> None:
        async with self.transaction(write=True) as tx:
            await tx.execute(
                rows.RECENT_CLIPS.insert_sql(
                    suffix="ON CONFLICT (platform, user_id, file_id) DO UPDATE SET"
                    " channel_id = excluded.channel_id, received_at = excluded.received_at",
                ),
                *rows.RECENT_CLIPS.params(clip),
            )

    async def latest_clip(self, platform: str, user_id: str, since: datetime) -> RecentClip | None:
        async with self.transaction(write=False) as tx:
            row = await tx.fetchrow(
                f"SELECT {_CLIP_COLUMNS} FROM recent_clips WHERE {_MEMBER}"
                " AND received_at >= $3 ORDER BY received_at DESC, file_id DESC LIMIT 1",
                platform,
                user_id,
                since,
            )
        return None if row is None else rows.RECENT_CLIPS.from_row(row)

    # --- moving between databases -------------------------------------------------------
    async def export_rows(self) -> dict[str, list[dict[str, Any]]]:
        exported: dict[str, list[dict[str, Any]]] = {}
        async with self.transaction(write=False, snapshot=True) as tx:
            for table in rows.TABLES:
                found = await tx.fetch(
                    f"SELECT {', '.join(table.column_names)} FROM {table.name}"
                    f" ORDER BY {', '.join(table.key)}"
                )
                exported[table.name] = [rows.to_plain(table, row) for row in found]
        return exported

    async def import_rows(self, rows_by_table: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
        """Raises ConfigurationError when this store isn't empty, ValueError on unknown
        tables or columns."""
        unknown = set(rows_by_table) - set(rows.TABLES_BY_NAME)
        if unknown:
            raise ValueError(f"unknown tables: {sorted(unknown)}")
        async with self.transaction(write=True) as tx:
            if not await _is_empty(tx):
                raise ConfigurationError(
                    "the target database is not empty: copy into a new, empty database"
                )
            for table in rows.TABLES:
                records = rows_by_table.get(table.name, ())
                if records:
                    await tx.executemany(
                        table.insert_sql(), [rows.from_plain(table, r) for r in records]
                    )
            await self.after_import(tx)
        log.info("imported %d rows", sum(len(records) for records in rows_by_table.values()))

    async def is_empty(self) -> bool:
        async with self.transaction(write=False, snapshot=True) as tx:
            return await _is_empty(tx)


# --- the member's data in rows about others ----------------------------------------------------
def _shared_rows_sql(table: MemberTable, columns: str) -> tuple[str, list[str]]:
    """The rows of ``table`` that may name a member of the platform (``$1``), and the
    parameters after the platform."""
    assert table.shared is not None
    where = dict(table.shared.where)
    conditions = ["platform = $1"] + [f"{column} = ${i}" for i, column in enumerate(where, 2)]
    return f"SELECT {columns} FROM {table.name} WHERE {' AND '.join(conditions)}", list(
        where.values()
    )


def _key_where(table: rows.Table[Any], start: int) -> str:
    return " AND ".join(f"{name} = ${start + i}" for i, name in enumerate(table.key))


async def _forget_in_shared(
    tx: Tx, table: MemberTable, platform: str, user_id: str, anonymised_id: str
) -> int:
    """The member's id taken out of rows that are not theirs (struck from a community's
    allowed members, anonymised in an admin's audit entry: the entry records the admin's
    act). Returns how many rows named them."""
    shared = table.shared
    assert shared is not None
    layout = rows.TABLES_BY_NAME[table.name]
    changed = 0
    sql, params = _shared_rows_sql(table, ", ".join((*layout.key, shared.column)))
    for row in await tx.fetch(sql, platform, *params):
        value = rows.load_json(row[shared.column])
        if not names_member(shared, value, user_id):
            continue
        changed += 1
        await tx.execute(
            f"UPDATE {table.name} SET {shared.column} = $1 WHERE {_key_where(layout, 2)}",
            rows.dump_json(without_member(shared, value, user_id, anonymised_id)),
            *(row[name] for name in layout.key),
        )
    return changed


async def _member_rows_of(
    tx: Tx, table: MemberTable, platform: str, user_id: str
) -> list[dict[str, Any]]:
    layout = rows.TABLES_BY_NAME[table.name]
    columns = ", ".join(layout.column_names)
    order = ", ".join(layout.key)
    found: list[dict[str, Any]] = []
    if table.owned:
        found = [
            rows.to_plain(layout, row)
            for row in await tx.fetch(
                f"SELECT {columns} FROM {table.name} WHERE {_MEMBER} ORDER BY {order}",
                platform,
                user_id,
            )
        ]
    shared = table.shared
    if shared is not None:
        # The member's own rows may list others too (an admin's own change).
        found = [
            {**row, shared.column: only_member(shared, row[shared.column], user_id)}
            for row in found
        ]
        sql, params = _shared_rows_sql(table, columns)
        for row in await tx.fetch(f"{sql} ORDER BY {order}", platform, *params):
            plain = rows.to_plain(layout, row)
            if table.owned and plain["user_id"] == user_id:
                continue  # already among their own
            if not names_member(shared, plain[shared.column], user_id):
                continue
            plain[shared.column] = only_member(shared, plain[shared.column], user_id)
            for hidden in shared.hidden:
                plain.pop(hidden, None)
            found.append(plain)
    for row in found:
        for column in table.withheld:
            row.pop(column, None)
    return found


def _read_off_entry(
    platform: str,
    user_id: str,
    community_id: str,
    voice_id: str,
    reason: str,
    at: datetime | None = None,
) -> AuditEntry:
    return AuditEntry(
        action="read_off",
        platform=platform,
        user_id=user_id,
        at=at or datetime.now(UTC),
        community_id=community_id,
        voice_id=voice_id,
        detail={"reason": reason},
    )


# --- reads shared by several methods -----------------------------------------------------------
async def _request(tx: Tx, key: str) -> CloneRequestRecord | None:
    row = await tx.fetchrow(
        f"SELECT {_REQUEST_COLUMNS} FROM clone_requests WHERE idempotency_key = $1", key
    )
    return None if row is None else rows.CLONE_REQUESTS.from_row(row)


async def _voice(tx: Tx, voice_id: str) -> VoiceRecord | None:
    row = await tx.fetchrow(f"SELECT {_VOICE_COLUMNS} FROM voices WHERE voice_id = $1", voice_id)
    return None if row is None else rows.VOICES.from_row(row)


async def _settings(tx: Tx, platform: str, community_id: str) -> CommunitySettings | None:
    row = await tx.fetchrow(
        f"SELECT {_SETTINGS_COLUMNS} FROM community_settings"
        " WHERE platform = $1 AND community_id = $2",
        platform,
        community_id,
    )
    return None if row is None else rows.COMMUNITY_SETTINGS.from_row(row)


async def _is_empty(tx: Tx) -> bool:
    for table in rows.TABLES:
        if await tx.fetchval(f"SELECT EXISTS (SELECT 1 FROM {table.name})"):
            return False
    return True


async def _check_member_limits(
    tx: Tx, platform: str, user_id: str, limits: MemberLimits, now: datetime
) -> None:
    usage = await tx.fetchrow(
        f"SELECT (SELECT COUNT(*) FROM voices WHERE {_MEMBER}) AS voices,"
        f" (SELECT COUNT(*) FROM clone_requests WHERE {_MEMBER}"
        "   AND state IN ('pending', 'running')) AS active,"
        # A request counts from when it reached running; one still pending or running
        # counts from its creation, so parallel requests can't slip past the cooldown.
        " (SELECT MAX(CASE WHEN started_at IS NOT NULL THEN started_at"
        "   WHEN state IN ('pending', 'running') THEN created_at END)"
        f"   FROM clone_requests WHERE {_MEMBER}) AS last_started",
        platform,
        user_id,
    )
    assert usage is not None
    if usage["voices"] + usage["active"] >= limits.voices_per_member:
        raise VoiceLimitReached()
    if usage["last_started"] is not None and limits.cooldown_seconds > 0:
        elapsed = (now - rows.as_utc(usage["last_started"])).total_seconds()
        if elapsed < limits.cooldown_seconds:
            raise Cooldown(retry_after=limits.cooldown_seconds - elapsed)
