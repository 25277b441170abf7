"""Plain records the core, the stores and the adapters exchange."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, TypedDict


class RequestState(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Member:
    """Who asks, and where. ``community_id`` is the Discord server or Slack workspace (or None
    in a DM with no server context); ``platform`` is ``discord``, ``slack`` or ``cli``."""

    platform: str
    user_id: str
    community_id: str | None = None
    #: Discord role ids of the member in this community (for a required role).
    roles: frozenset[str] = frozenset()
    #: The member administers this community (Manage Server / workspace admin).
    is_admin: bool = False


@dataclass(frozen=True, slots=True)
class CloneOptions:
    name: str | None = None
    description: str | None = None
    accent: str | None = None
    gender: str | None = None
    style: str | None = None
    enhance: bool | None = None
    transcript: str | None = None


@dataclass(frozen=True, slots=True)
class Consent:
    """The member's explicit agreement, given for one clone request."""

    statement_version: str
    given_at: datetime
    #: The language of the statement the member read (see bot/i18n); each language's text
    #: has its own versions, so ``(statement_language, statement_version)`` names the text.
    statement_language: str = "en"


@dataclass(frozen=True, slots=True)
class VoiceRecord:
    voice_id: str
    platform: str
    user_id: str
    community_id: str | None
    name: str
    description: str | None
    languages: tuple[str, ...]
    sample_sha256: str
    speech_seconds: float
    is_default: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class CloneRequestRecord:
    idempotency_key: str
    platform: str
    user_id: str
    community_id: str | None
    state: RequestState
    marker: str
    options: CloneOptions
    created_at: datetime
    updated_at: datetime
    voice_id: str | None = None
    error_code: str | None = None
    #: Which process runs it ("host:pid:boot") and until when that claim holds.
    owner: str | None = None
    lease_until: datetime | None = None
    sample_sha256: str | None = None
    speech_seconds: float | None = None


@dataclass(frozen=True, slots=True)
class NewCloneRequest:
    idempotency_key: str
    member: Member
    marker: str
    options: CloneOptions
    consent: Consent
    #: Who runs it and until when, from the moment it exists: a request whose process dies
    #: before it reaches the API is then known as an orphan at once.
    owner: str | None = None
    lease_until: datetime | None = None


@dataclass(frozen=True, slots=True)
class MemberLimits:
    voices_per_member: int
    cooldown_seconds: float


@dataclass(frozen=True, slots=True)
class BeginOutcome:
    """``created`` is False when the idempotency key was already known: ``request`` is then
    the first request with that key, in whatever state it is."""

    request: CloneRequestRecord
    created: bool


@dataclass(frozen=True, slots=True)
class ConsentRecord:
    idempotency_key: str
    platform: str
    user_id: str
    statement_version: str
    given_at: datetime
    sample_sha256: str | None = None
    statement_language: str = "en"


@dataclass(frozen=True, slots=True)
class AuditEntry:
    action: str
    platform: str
    #: The member's id, or an anonymised hash once they used forget-me.
    user_id: str
    at: datetime
    community_id: str | None = None
    voice_id: str | None = None
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CommunitySettings:
    platform: str
    community_id: str
    clone_enabled: bool
    say_enabled: bool
    required_role: str | None
    allowed_members: tuple[str, ...]
    voices_per_member: int
    cooldown_seconds: float
    max_say_chars: int
    # Reading members' messages aloud (/read): the defaults a community starts with.
    read_enabled: bool = True
    #: A text channel whose messages are read besides each voice channel's own chat.
    read_channel: str | None = None
    read_max_chars: int = 300
    #: Messages starting with one of these are not read.
    read_ignore_prefixes: tuple[str, ...] = ("!", ";", "/", ".")
    #: ``names``: Unicode emoji read by their name in the member's language; ``off``: left out.
    read_emoji: str = "names"
    #: ``off``: never say who speaks; ``on_change``: "NAME:" when another member spoke in
    #: between, or after a minute of silence.
    read_announce: str = "off"
    read_member_chars_per_minute: int = 1000
    read_community_chars_per_minute: int = 5000
    updated_at: datetime | None = None


#: The fields of :class:`CommunitySettings` an admin may change.
COMMUNITY_SETTING_FIELDS: tuple[str, ...] = (
    "clone_enabled",
    "say_enabled",
    "required_role",
    "allowed_members",
    "voices_per_member",
    "cooldown_seconds",
    "max_say_chars",
    "read_enabled",
    "read_channel",
    "read_max_chars",
    "read_ignore_prefixes",
    "read_emoji",
    "read_announce",
    "read_member_chars_per_minute",
    "read_community_chars_per_minute",
)


@dataclass(frozen=True, slots=True)
class PendingAction:
    """Something waiting for a member's click (consent, forget-me confirmation...).

    ``payload`` says where to find the audio again (message id, file id), never the audio or a
    signed URL. Stored so that buttons keep working across restarts.
    """

    token: str
    kind: str
    platform: str
    user_id: str
    community_id: str | None
    payload: dict[str, Any]
    created_at: datetime
    expires_at: datetime

    @property
    def minutes_to_answer(self) -> int:
        """How long the prompt can be answered, as every prompt says it: whole minutes, at
        least one."""
        return max(1, round((self.expires_at - self.created_at).total_seconds() / 60))


@dataclass(frozen=True, slots=True)
class RecentClip:
    """A clip a member sent the bot (Slack), for ``/clone`` to pick up."""

    platform: str
    user_id: str
    file_id: str
    channel_id: str | None
    received_at: datetime


@dataclass(frozen=True, slots=True)
class Reader:
    """A member who turned reading aloud on in a community (``/read on``): the voice their
    messages are read in, and the language of the phrases said around them. Never a message:
    message text is neither stored nor logged."""

    platform: str
    user_id: str
    community_id: str
    voice_id: str
    locale: str
    since: datetime


@dataclass(frozen=True, slots=True)
class ForgetCounts:
    voices: int
    requests: int
    consents: int
    pending: int
    audit_entries: int


# --- what the Async Voice API holds (the ``VoiceApi`` port's answers) -------------------------
@dataclass(frozen=True, slots=True)
class RemoteVoice:
    """A voice as the Async Voice API holds it: the answer to a clone, or one of a listing."""

    voice_id: str
    name: str = ""
    #: Without the clone marker, which is in ``marker``.
    description: str | None = None
    languages: tuple[str, ...] = ()
    created_at: datetime | None = None
    #: The idempotency marker the bot wrote into the voice when it cloned it.
    marker: str | None = None


@dataclass(frozen=True, slots=True)
class ServiceStatus:
    """The API's status endpoint: reachable, and its version."""

    status: str
    version: str | None = None


class SpeechOptions(TypedDict, total=False):
    """The optional parts of a text-to-speech request (the client's ``speech_body`` has the
    defaults)."""

    model_id: str
    container: str
    sample_rate: int
    bit_rate: int | None
    encoding: str | None
    language: str | None
    speed: float | None
    stability: float | None
