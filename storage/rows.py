"""The tables both stores share, and row <-> record conversion.

Drivers hand rows over as dicts. Times arrive as ``datetime`` (asyncpg) or ISO text (SQLite),
JSON columns as text (both), booleans as ``bool`` or 0/1: the readers here accept either, so
the store logic never cares which database it talks to.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from bot.models import (
    AuditEntry,
    CloneOptions,
    CloneRequestRecord,
    CommunitySettings,
    PendingAction,
    RecentClip,
    RequestState,
    VoiceRecord,
)

Row = Mapping[str, Any]


class Kind(StrEnum):
    TEXT = "text"
    INT = "int"
    REAL = "real"
    BOOL = "bool"
    TIME = "time"
    JSON = "json"


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[tuple[str, Kind], ...]
    #: The primary key, which is also the export order.
    key: tuple[str, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.columns)


_T, _I, _R, _B, _D, _J = Kind.TEXT, Kind.INT, Kind.REAL, Kind.BOOL, Kind.TIME, Kind.JSON

VOICES = Table(
    "voices",
    (
        ("voice_id", _T),
        ("platform", _T),
        ("user_id", _T),
        ("community_id", _T),
        ("name", _T),
        ("description", _T),
        ("languages", _J),
        ("sample_sha256", _T),
        ("speech_seconds", _R),
        ("is_default", _B),
        ("created_at", _D),
        ("updated_at", _D),
    ),
    ("voice_id",),
)
CLONE_REQUESTS = Table(
    "clone_requests",
    (
        ("idempotency_key", _T),
        ("platform", _T),
        ("user_id", _T),
        ("community_id", _T),
        ("state", _T),
        ("marker", _T),
        ("options", _J),
        ("voice_id", _T),
        ("error_code", _T),
        ("owner", _T),
        ("lease_until", _D),
        ("sample_sha256", _T),
        ("speech_seconds", _R),
        ("started_at", _D),
        ("created_at", _D),
        ("updated_at", _D),
    ),
    ("idempotency_key",),
)
CONSENTS = Table(
    "consents",
    (
        ("idempotency_key", _T),
        ("platform", _T),
        ("user_id", _T),
        ("statement_version", _T),
        ("given_at", _D),
        ("sample_sha256", _T),
    ),
    ("idempotency_key",),
)
AUDIT_LOG = Table(
    "audit_log",
    (
        ("id", _I),
        ("at", _D),
        ("action", _T),
        ("platform", _T),
        ("user_id", _T),
        ("community_id", _T),
        ("voice_id", _T),
        ("detail", _J),
    ),
    ("id",),
)
COMMUNITY_SETTINGS = Table(
    "community_settings",
    (
        ("platform", _T),
        ("community_id", _T),
        ("clone_enabled", _B),
        ("say_enabled", _B),
        ("required_role", _T),
        ("allowed_members", _J),
        ("voices_per_member", _I),
        ("cooldown_seconds", _R),
        ("max_say_chars", _I),
        ("updated_at", _D),
    ),
    ("platform", "community_id"),
)
COOLDOWNS = Table(
    "cooldowns",
    (("platform", _T), ("user_id", _T), ("action", _T), ("last_at", _D)),
    ("platform", "user_id", "action"),
)
PENDING_ACTIONS = Table(
    "pending_actions",
    (
        ("token", _T),
        ("kind", _T),
        ("platform", _T),
        ("user_id", _T),
        ("community_id", _T),
        ("payload", _J),
        ("created_at", _D),
        ("expires_at", _D),
    ),
    ("token",),
)
SEEN_EVENTS = Table("seen_events", (("key", _T), ("seen_at", _D)), ("key",))
RECENT_CLIPS = Table(
    "recent_clips",
    (
        ("platform", _T),
        ("user_id", _T),
        ("file_id", _T),
        ("channel_id", _T),
        ("received_at", _D),
    ),
    ("platform", "user_id", "file_id"),
)

#: Every table with data, parents before children (the import order).
TABLES: tuple[Table, ...] = (
    VOICES,
    CLONE_REQUESTS,
    CONSENTS,
    AUDIT_LOG,
    COMMUNITY_SETTINGS,
    COOLDOWNS,
    PENDING_ACTIONS,
    SEEN_EVENTS,
    RECENT_CLIPS,
)
TABLES_BY_NAME: dict[str, Table] = {table.name: table for table in TABLES}


def insert_sql(table: Table, columns: Sequence[str] | None = None, suffix: str = "") -> str:
    """``INSERT INTO table (...) VALUES ($1, ...)`` in the table's column order."""
    names = columns if columns is not None else table.column_names
    marks = ", ".join(f"${i}" for i in range(1, len(names) + 1))
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({marks})"
    return f"{sql} {suffix}" if suffix else sql


# --- values -----------------------------------------------------------------------------------
def as_utc(value: datetime | str) -> datetime:
    """A timezone-aware UTC datetime from either driver; naive values are taken as UTC."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def maybe_utc(value: datetime | str | None) -> datetime | None:
    return None if value is None else as_utc(value)


def _json_default(value: object) -> object:
    if isinstance(value, datetime):
        return as_utc(value).isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    return str(value)


def dump_json(value: object) -> str:
    return json.dumps(value, default=_json_default, sort_keys=True, separators=(",", ":"))


def load_json(value: str | bytes | Any) -> Any:
    """JSON columns come back as text; tolerate a driver that already decoded them."""
    if isinstance(value, str | bytes):
        return json.loads(value)
    return value


def to_plain(table: Table, row: Row) -> dict[str, Any]:
    """A row as JSON-able values, the same from every store (times as ISO-8601 UTC)."""
    plain: dict[str, Any] = {}
    for name, kind in table.columns:
        value = row[name]
        if value is not None:
            value = _plain_value(kind, value)
        plain[name] = value
    return plain


def _plain_value(kind: Kind, value: Any) -> Any:
    if kind is Kind.TIME:
        return as_utc(value).isoformat()
    if kind is Kind.BOOL:
        return bool(value)
    if kind is Kind.JSON:
        return load_json(value)
    if kind is Kind.INT:
        return int(value)
    if kind is Kind.REAL:
        return float(value)
    return str(value)


def from_plain(table: Table, row: Mapping[str, Any]) -> tuple[Any, ...]:
    """Insert parameters, in the table's column order, for a row made by :func:`to_plain`."""
    unknown = set(row) - set(table.column_names)
    if unknown:
        raise ValueError(f"{table.name}: unknown columns {sorted(unknown)}")
    params: list[Any] = []
    for name, kind in table.columns:
        value = row.get(name)
        if value is not None:
            value = _db_value(kind, value)
        params.append(value)
    return tuple(params)


def _db_value(kind: Kind, value: Any) -> Any:
    if kind is Kind.TIME:
        return as_utc(value)
    if kind is Kind.BOOL:
        return bool(value)
    if kind is Kind.JSON:
        return dump_json(value)
    if kind is Kind.INT:
        return int(value)
    if kind is Kind.REAL:
        return float(value)
    return str(value)


# --- records ----------------------------------------------------------------------------------
def voice_from_row(row: Row) -> VoiceRecord:
    return VoiceRecord(
        voice_id=row["voice_id"],
        platform=row["platform"],
        user_id=row["user_id"],
        community_id=row["community_id"],
        name=row["name"],
        description=row["description"],
        languages=tuple(load_json(row["languages"])),
        sample_sha256=row["sample_sha256"],
        speech_seconds=float(row["speech_seconds"]),
        is_default=bool(row["is_default"]),
        created_at=as_utc(row["created_at"]),
        updated_at=as_utc(row["updated_at"]),
    )


def voice_params(voice: VoiceRecord) -> tuple[Any, ...]:
    return (
        voice.voice_id,
        voice.platform,
        voice.user_id,
        voice.community_id,
        voice.name,
        voice.description,
        dump_json(list(voice.languages)),
        voice.sample_sha256,
        float(voice.speech_seconds),
        voice.is_default,
        voice.created_at,
        voice.updated_at,
    )


_OPTION_FIELDS = frozenset(field.name for field in dataclasses.fields(CloneOptions))


def options_from_json(value: Any) -> CloneOptions:
    stored = load_json(value) or {}
    return CloneOptions(**{k: v for k, v in stored.items() if k in _OPTION_FIELDS})


def request_from_row(row: Row) -> CloneRequestRecord:
    return CloneRequestRecord(
        idempotency_key=row["idempotency_key"],
        platform=row["platform"],
        user_id=row["user_id"],
        community_id=row["community_id"],
        state=RequestState(row["state"]),
        marker=row["marker"],
        options=options_from_json(row["options"]),
        created_at=as_utc(row["created_at"]),
        updated_at=as_utc(row["updated_at"]),
        voice_id=row["voice_id"],
        error_code=row["error_code"],
        owner=row["owner"],
        lease_until=maybe_utc(row["lease_until"]),
        sample_sha256=row["sample_sha256"],
        speech_seconds=None if row["speech_seconds"] is None else float(row["speech_seconds"]),
    )


def new_request_params(request: CloneRequestRecord) -> tuple[Any, ...]:
    """Parameters for :data:`NEW_REQUEST_COLUMNS`."""
    return (
        request.idempotency_key,
        request.platform,
        request.user_id,
        request.community_id,
        request.state.value,
        request.marker,
        dump_json(dataclasses.asdict(request.options)),
        request.created_at,
        request.updated_at,
        request.owner,
        request.lease_until,
    )


NEW_REQUEST_COLUMNS: tuple[str, ...] = (
    "idempotency_key",
    "platform",
    "user_id",
    "community_id",
    "state",
    "marker",
    "options",
    "created_at",
    "updated_at",
    "owner",
    "lease_until",
)

#: A new audit entry lets the database pick its id.
NEW_AUDIT_COLUMNS: tuple[str, ...] = AUDIT_LOG.column_names[1:]


def audit_from_row(row: Row) -> AuditEntry:
    return AuditEntry(
        action=row["action"],
        platform=row["platform"],
        user_id=row["user_id"],
        at=as_utc(row["at"]),
        community_id=row["community_id"],
        voice_id=row["voice_id"],
        detail=dict(load_json(row["detail"]) or {}),
    )


def audit_params(entry: AuditEntry) -> tuple[Any, ...]:
    """Parameters for :data:`NEW_AUDIT_COLUMNS`."""
    return (
        entry.at,
        entry.action,
        entry.platform,
        entry.user_id,
        entry.community_id,
        entry.voice_id,
        dump_json(entry.detail),
    )


def settings_from_row(row: Row) -> CommunitySettings:
    return CommunitySettings(
        platform=row["platform"],
        community_id=row["community_id"],
        clone_enabled=bool(row["clone_enabled"]),
        say_enabled=bool(row["say_enabled"]),
        required_role=row["required_role"],
        allowed_members=tuple(load_json(row["allowed_members"])),
        voices_per_member=int(row["voices_per_member"]),
        cooldown_seconds=float(row["cooldown_seconds"]),
        max_say_chars=int(row["max_say_chars"]),
        updated_at=maybe_utc(row["updated_at"]),
    )


def settings_params(settings: CommunitySettings) -> tuple[Any, ...]:
    return (
        settings.platform,
        settings.community_id,
        bool(settings.clone_enabled),
        bool(settings.say_enabled),
        settings.required_role,
        dump_json(list(settings.allowed_members)),
        int(settings.voices_per_member),
        float(settings.cooldown_seconds),
        int(settings.max_say_chars),
        settings.updated_at,
    )


def pending_from_row(row: Row) -> PendingAction:
    return PendingAction(
        token=row["token"],
        kind=row["kind"],
        platform=row["platform"],
        user_id=row["user_id"],
        community_id=row["community_id"],
        payload=dict(load_json(row["payload"]) or {}),
        created_at=as_utc(row["created_at"]),
        expires_at=as_utc(row["expires_at"]),
    )


def pending_params(action: PendingAction) -> tuple[Any, ...]:
    return (
        action.token,
        action.kind,
        action.platform,
        action.user_id,
        action.community_id,
        dump_json(action.payload),
        action.created_at,
        action.expires_at,
    )


def clip_from_row(row: Row) -> RecentClip:
    return RecentClip(
        platform=row["platform"],
        user_id=row["user_id"],
        file_id=row["file_id"],
        channel_id=row["channel_id"],
        received_at=as_utc(row["received_at"]),
    )


def clip_params(clip: RecentClip) -> tuple[Any, ...]:
    return (clip.platform, clip.user_id, clip.file_id, clip.channel_id, clip.received_at)
