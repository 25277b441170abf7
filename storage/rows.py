"""The tables both stores share, and row <-> record conversion, from one definition each.

A table is its record dataclass (bot/models.py): the columns are the record's fields, in their
order, with the column kind read off each field's type, plus the few columns the database
keeps that the record has not (``audit_log.id``, ``clone_requests.started_at``). Two tables
with no record spell their columns out. The migration files hold the same names (a test checks
both dialects).

Drivers hand rows over as dicts. Times arrive as ``datetime`` (asyncpg) or ISO text (SQLite),
JSON columns as text (both), booleans as ``bool`` or 0/1: the readers here accept either, so
the store logic never cares which database it talks to.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum, StrEnum
from typing import Any, Generic, TypeVar

from bot.models import (
    AuditEntry,
    CloneRequestRecord,
    CommunitySettings,
    ConsentRecord,
    PendingAction,
    Reader,
    RecentClip,
    VoiceRecord,
)

Row = Mapping[str, Any]
R = TypeVar("R")


class Kind(StrEnum):
    TEXT = "text"
    INT = "int"
    REAL = "real"
    BOOL = "bool"
    TIME = "time"
    JSON = "json"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: Kind
    #: The Python type a value takes in its record (an enum, tuple, dict or dataclass), when
    #: plain text, numbers and times are not enough.
    shape: Any = None


@dataclass(frozen=True, slots=True)
class Table(Generic[R]):
    name: str
    columns: tuple[Column, ...]
    #: The primary key, which is also the export order.
    key: tuple[str, ...]
    record: type[R] | None = None

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def column_list(self, columns: Sequence[str] | None = None) -> str:
        return ", ".join(columns if columns is not None else self.column_names)

    def insert_sql(self, columns: Sequence[str] | None = None, suffix: str = "") -> str:
        """``INSERT INTO table (...) VALUES ($1, ...)`` for ``columns`` (all by default)."""
        names = columns if columns is not None else self.column_names
        marks = ", ".join(f"${i}" for i in range(1, len(names) + 1))
        sql = f"INSERT INTO {self.name} ({', '.join(names)}) VALUES ({marks})"
        return f"{sql} {suffix}" if suffix else sql

    def params(self, record: R, columns: Sequence[str] | None = None) -> tuple[Any, ...]:
        """Insert parameters for ``record``, in the order of ``columns`` (all by default);
        a column the record has no field for is NULL."""
        by_name = {column.name: column for column in self.columns}
        values: list[Any] = []
        for name in columns if columns is not None else self.column_names:
            value = getattr(record, name, None)
            values.append(None if value is None else _db_value(by_name[name].kind, value))
        return tuple(values)

    def from_row(self, row: Row) -> R:
        """The record a row stands for (columns the record has no field for are dropped)."""
        if self.record is None:
            raise TypeError(f"{self.name} has no record type")
        fields = {field.name for field in dataclasses.fields(self.record)}  # type: ignore[arg-type]
        values = {
            column.name: _record_value(column, row[column.name])
            for column in self.columns
            if column.name in fields
        }
        return self.record(**values)


def _kind_of(hint: Any) -> tuple[Kind, Any]:
    """The column kind (and shape) of a record field's type."""
    if typing.get_origin(hint) in (types.UnionType, typing.Union):
        (hint,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
    origin = typing.get_origin(hint) or hint
    if isinstance(origin, type):
        if issubclass(origin, Enum):
            return Kind.TEXT, origin
        if origin is bool:
            return Kind.BOOL, None
        if origin is int:
            return Kind.INT, None
        if origin is float:
            return Kind.REAL, None
        if origin is str:
            return Kind.TEXT, None
        if origin is datetime:
            return Kind.TIME, None
        if origin in (tuple, list, dict) or dataclasses.is_dataclass(origin):
            return Kind.JSON, origin
    raise TypeError(f"no column kind for {hint!r}")


def record_table(
    name: str,
    record: type[R],
    key: tuple[str, ...],
    *,
    extra: Mapping[str, Kind] | None = None,
    first: Mapping[str, Kind] | None = None,
) -> Table[R]:
    """A table whose columns are ``record``'s fields, with ``first`` columns before them and
    ``extra`` ones after (columns only the database has)."""
    hints = typing.get_type_hints(record)
    own = tuple(
        Column(field.name, *_kind_of(hints[field.name]))
        for field in dataclasses.fields(record)  # type: ignore[arg-type]
    )
    before = tuple(Column(n, k) for n, k in (first or {}).items())
    after = tuple(Column(n, k) for n, k in (extra or {}).items())
    return Table(name, before + own + after, key, record)


def plain_table(name: str, columns: Mapping[str, Kind], key: tuple[str, ...]) -> Table[Any]:
    return Table(name, tuple(Column(n, k) for n, k in columns.items()), key)


VOICES = record_table("voices", VoiceRecord, ("voice_id",))
CLONE_REQUESTS = record_table(
    "clone_requests",
    CloneRequestRecord,
    ("idempotency_key",),
    # When it became running: the clone cooldown counts from there.
    extra={"started_at": Kind.TIME},
)
CONSENTS = record_table("consents", ConsentRecord, ("idempotency_key",))
AUDIT_LOG = record_table("audit_log", AuditEntry, ("id",), first={"id": Kind.INT})
COMMUNITY_SETTINGS = record_table(
    "community_settings", CommunitySettings, ("platform", "community_id")
)
COOLDOWNS = plain_table(
    "cooldowns",
    {"platform": Kind.TEXT, "user_id": Kind.TEXT, "action": Kind.TEXT, "last_at": Kind.TIME},
    ("platform", "user_id", "action"),
)
PENDING_ACTIONS = record_table("pending_actions", PendingAction, ("token",))
SEEN_EVENTS = plain_table("seen_events", {"key": Kind.TEXT, "seen_at": Kind.TIME}, ("key",))
RECENT_CLIPS = record_table("recent_clips", RecentClip, ("platform", "user_id", "file_id"))
#: An utterance under way, or forget-me's revoked marker (``voice_id`` empty).
SPEECH_LEASES = plain_table(
    "speech_leases",
    {
        "lease_id": Kind.TEXT,
        "platform": Kind.TEXT,
        "user_id": Kind.TEXT,
        "voice_id": Kind.TEXT,
        "owner": Kind.TEXT,
        "revoked": Kind.BOOL,
        "expires_at": Kind.TIME,
    },
    ("lease_id",),
)
#: The members welcomed once (Slack's Messages tab).
WELCOMES = plain_table(
    "welcomes",
    {"platform": Kind.TEXT, "user_id": Kind.TEXT, "welcomed_at": Kind.TIME},
    ("platform", "user_id"),
)
#: Members who turned reading aloud on, one row per member and community.
READERS = record_table("readers", Reader, ("platform", "user_id", "community_id"))

#: Every table with data, parents before children (the import order).
TABLES: tuple[Table[Any], ...] = (
    VOICES,
    CLONE_REQUESTS,
    CONSENTS,
    AUDIT_LOG,
    COMMUNITY_SETTINGS,
    COOLDOWNS,
    PENDING_ACTIONS,
    SEEN_EVENTS,
    RECENT_CLIPS,
    SPEECH_LEASES,
    WELCOMES,
    READERS,
)
TABLES_BY_NAME: dict[str, Table[Any]] = {table.name: table for table in TABLES}

#: What a new request row holds; the rest comes as it runs.
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


def _record_value(column: Column, value: Any) -> Any:
    if value is None:
        return None
    shape = column.shape
    if column.kind is Kind.JSON:
        decoded = load_json(value)
        if shape is tuple:
            return tuple(decoded or ())
        if shape is dict:
            return dict(decoded or {})
        if isinstance(shape, type) and dataclasses.is_dataclass(shape):
            known = {field.name for field in dataclasses.fields(shape)}
            return shape(**{k: v for k, v in (decoded or {}).items() if k in known})
        return decoded
    if shape is not None:
        return shape(value)
    return _plain_value(column.kind, value) if column.kind is not Kind.TIME else as_utc(value)


def to_plain(table: Table[Any], row: Row) -> dict[str, Any]:
    """A row as JSON-able values, the same from every store (times as ISO-8601 UTC)."""
    plain: dict[str, Any] = {}
    for column in table.columns:
        value = row[column.name]
        if value is not None:
            value = _plain_value(column.kind, value)
        plain[column.name] = value
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


def from_plain(table: Table[Any], row: Mapping[str, Any]) -> tuple[Any, ...]:
    """Insert parameters, in the table's column order, for a row made by :func:`to_plain`."""
    unknown = set(row) - set(table.column_names)
    if unknown:
        raise ValueError(f"{table.name}: unknown columns {sorted(unknown)}")
    params: list[Any] = []
    for column in table.columns:
        value = row.get(column.name)
        if value is not None:
            value = _db_value(column.kind, value)
        params.append(value)
    return tuple(params)


def _db_value(kind: Kind, value: Any) -> Any:
    if kind is Kind.TIME:
        return as_utc(value)
    if kind is Kind.BOOL:
        return bool(value)
    if kind is Kind.JSON:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            value = dataclasses.asdict(value)
        elif isinstance(value, tuple):
            value = list(value)
        return dump_json(value)
    if kind is Kind.INT:
        return int(value)
    if kind is Kind.REAL:
        return float(value)
    return str(value)
