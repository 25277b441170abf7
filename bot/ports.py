"""What the core needs from the outside, as Protocols. ``storage/`` and the adapters implement
them; the core never imports those packages."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol, Unpack

from bot.models import (
    AuditEntry,
    BeginOutcome,
    CloneRequestRecord,
    CommunitySettings,
    ForgetCounts,
    MemberLimits,
    NewCloneRequest,
    PendingAction,
    Reader,
    RecentClip,
    RemoteVoice,
    ServiceStatus,
    SpeechOptions,
    VoiceRecord,
)


class AudioSource(Protocol):
    """Audio a member sent, not yet downloaded.

    ``declared_size`` is what the platform says (checked before any download); ``stream()``
    yields the bytes and may raise :class:`bot.errors.DownloadFailed`.
    """

    @property
    def declared_size(self) -> int | None: ...

    def stream(self) -> AsyncIterator[bytes]: ...


class Store(Protocol):
    """Everything the bot remembers. Every method is one transaction.

    Timestamps are timezone-aware UTC datetimes. Implementations: ``storage.sqlite`` (the
    embedded default) and ``storage.postgres`` (several instances on one database).
    """

    async def migrate(self) -> None:
        """Apply pending versioned migrations (idempotent)."""

    async def close(self) -> None: ...

    async def ping(self) -> None:
        """Raise if the database can't be reached."""

    # --- clone requests -----------------------------------------------------------------
    async def begin_clone(
        self, new: NewCloneRequest, limits: MemberLimits, now: datetime
    ) -> BeginOutcome:
        """In one transaction: if the idempotency key exists and did not fail, return it
        (``created=False``). Otherwise check the member's limits and insert the request
        (``pending``, with ``new.owner`` and ``new.lease_until``) and its consent record,
        replacing a failed attempt with the same key.

        Raises :class:`bot.errors.VoiceLimitReached` when the member's voices plus their
        pending or running requests reach ``limits.voices_per_member``, and
        :class:`bot.errors.Cooldown` (with ``retry_after``) when their last request started
        (reached ``running``; a pending or running one: was created) less than
        ``limits.cooldown_seconds`` ago. Both count
        this member on this platform, across communities."""

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
        """pending → running; also stores the sample hash on the consent record."""

    async def complete_clone(self, key: str, voice: VoiceRecord, now: datetime) -> VoiceRecord:
        """running → done, insert the voice (default when it is the member's first) and an
        ``clone`` audit entry, in one transaction. Returns the voice as stored."""

    async def fail_clone(self, key: str, error_code: str, now: datetime) -> None:
        """pending|running → failed with the error code."""

    async def discard_clone(self, key: str) -> bool:
        """Delete a request still ``pending`` (it never reached the API) and its consent
        record, so a file refused locally leaves no row. False if it wasn't pending."""

    async def reclaim_pending(self, key: str, *, expected_owner: str | None) -> bool:
        """Delete a request still ``pending`` whose owner is still ``expected_owner`` (a
        process that died before reaching the API), with its consent record. True for
        exactly one caller when several reclaim it at once."""

    async def get_clone_request(self, key: str) -> CloneRequestRecord | None: ...

    async def list_running_requests(self) -> list[CloneRequestRecord]:
        """Requests in state ``pending`` or ``running`` (the reconciler sorts them out)."""

    async def claim_request(
        self, key: str, *, expected_owner: str | None, new_owner: str, lease_until: datetime
    ) -> bool:
        """Compare-and-set the owner of a running request. True for exactly one caller when
        several instances try to claim the same request at once."""

    # --- voices -------------------------------------------------------------------------
    async def list_voices(self, platform: str, user_id: str) -> list[VoiceRecord]:
        """Oldest first."""

    async def get_voice(self, voice_id: str) -> VoiceRecord | None: ...

    async def update_voice(
        self, voice_id: str, *, name: str | None, description: str | None, now: datetime
    ) -> VoiceRecord: ...

    async def set_default_voice(self, platform: str, user_id: str, voice_id: str) -> None:
        """Exactly one default per member afterwards."""

    async def delete_voice(self, voice_id: str) -> bool:
        """Remove the row; if it was the default, the newest remaining voice becomes default.
        Reading aloud in it stops (its ``readers`` rows go, each with a ``read_off`` entry),
        and so does speech in it: its speech leases are revoked. False when there was no such
        row."""

    async def count_voices(self) -> int: ...

    # --- forget-me ----------------------------------------------------------------------
    async def forget_member(self, platform: str, user_id: str, anonymised_id: str) -> ForgetCounts:
        """Delete every row about the member (voices, requests, consents, pending actions,
        recent clips, cooldowns, speech leases, readers) and replace their audit entries by one
        anonymised ``forget`` entry carrying the counts."""

    async def member_rows(self, platform: str, user_id: str) -> dict[str, list[dict[str, Any]]]:
        """Everything held about the member, keyed by table, as plain values, read from
        :data:`bot.members.member_data.MEMBER_TABLES` (the list forget-me erases from): their
        own rows less the withheld columns, and the shared rows naming them with every other
        member's id left out."""

    async def welcome_once(self, platform: str, user_id: str, now: datetime) -> bool:
        """True the first time for this member (remembered until forget-me), False after."""

    # --- speech leases (speech stops when its member is forgotten) -------------------------
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
        """Before an utterance's first byte is fetched: record its lease, unless the member
        no longer owns ``voice_id`` or forget-me is erasing them (an unexpired revoked row).
        False when refused; nothing may then be spoken."""

    async def speech_allowed(self, lease_id: str) -> bool:
        """The lease still exists and is not revoked: the utterance may go on playing."""

    async def end_speech(self, lease_id: str, audit: AuditEntry | None) -> bool:
        """Delete the lease and, in the same transaction, add ``audit`` only if the lease
        was still there and not revoked. False when it was gone or revoked (nothing added)."""

    async def revoke_speech(
        self, platform: str, user_id: str, marker_id: str, *, now: datetime, until: datetime
    ) -> int:
        """Forget-me's first step: revoke the member's leases and add a revoked marker
        ``marker_id`` (valid ``until``) that refuses new ones. Returns how many were revoked."""

    async def count_speech(
        self, platform: str, user_id: str, now: datetime, *, voice_id: str | None = None
    ) -> int:
        """The member's utterances (only those in ``voice_id``, if given) still holding an
        unexpired lease, revoked or not, the marker excluded: forget-me and deleting a voice
        wait for this to reach 0."""

    # --- reading aloud (/read) -------------------------------------------------------------
    async def set_reader(self, reader: Reader) -> None:
        """Turn reading on (or change its voice or language) and write a ``read_on`` audit
        entry, in one transaction. Raises :class:`bot.errors.VoiceNotFound` unless the member
        owns ``reader.voice_id``. Deleting that voice (:meth:`delete_voice`) deletes the row
        with a ``read_off`` entry; :meth:`forget_member` deletes it too."""

    async def get_reader(self, platform: str, user_id: str, community_id: str) -> Reader | None: ...

    async def delete_reader(
        self, platform: str, user_id: str, community_id: str, *, reason: str, now: datetime
    ) -> bool:
        """Turn reading off with a ``read_off`` audit entry carrying ``reason``. False (and
        nothing written) when it was off."""

    # --- audit --------------------------------------------------------------------------
    async def add_audit(self, entry: AuditEntry) -> None: ...

    async def list_audit(
        self, *, platform: str | None = None, user_id: str | None = None, limit: int = 100
    ) -> list[AuditEntry]:
        """Newest first."""

    # --- cooldowns (say and other actions) -----------------------------------------------
    async def claim_cooldown(
        self, platform: str, user_id: str, action: str, cooldown_seconds: float, now: datetime
    ) -> float | None:
        """Atomically: if the member did ``action`` less than ``cooldown_seconds`` ago, return
        the seconds left; else record ``now`` and return None."""

    async def release_cooldown(
        self, platform: str, user_id: str, action: str, claimed_at: datetime
    ) -> None:
        """Undo the claim made at ``claimed_at`` (the action failed on our side); a newer
        claim stays."""

    # --- community settings --------------------------------------------------------------
    async def get_community_settings(
        self, platform: str, community_id: str
    ) -> CommunitySettings | None: ...

    async def update_community_settings(
        self,
        platform: str,
        community_id: str,
        defaults: CommunitySettings,
        changes: Mapping[str, Any],
        actor: str,
        now: datetime,
    ) -> CommunitySettings:
        """Apply ``changes`` over the stored settings (or ``defaults``) and write an
        ``admin_settings`` audit entry, in one transaction."""

    # --- pending actions (buttons that survive restarts) ---------------------------------
    async def save_pending(self, action: PendingAction) -> None: ...

    async def get_pending(self, token: str) -> PendingAction | None: ...

    async def take_pending(self, token: str, now: datetime) -> PendingAction | None:
        """Delete and return it, unless expired (then delete and return None). Exactly one
        caller gets it when two clicks race."""

    async def purge_expired(self, now: datetime) -> int:
        """Delete expired pending actions, old seen-events, old clips and expired speech
        leases; return how many."""

    # --- platform deliveries ------------------------------------------------------------
    async def mark_seen(self, key: str, now: datetime) -> bool:
        """True the first time ``key`` is seen (a Slack event id...), False on a redelivery."""

    async def remember_clip(self, clip: RecentClip) -> None: ...

    async def latest_clip(
        self, platform: str, user_id: str, since: datetime
    ) -> RecentClip | None: ...

    # --- moving between databases ---------------------------------------------------------
    async def export_rows(self) -> dict[str, list[dict[str, Any]]]:
        """Every row of every table, as plain values, keyed by table."""

    async def import_rows(self, rows: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
        """Insert rows exported by any store into this (empty) one, in one transaction."""

    async def is_empty(self) -> bool: ...


# --- the Async Voice API ---------------------------------------------------------------------
class VoiceApi(Protocol):
    """The voice service as the core's use-cases need it. Implemented by
    :class:`bot.api.translate.TranslatedVoiceApi` over the HTTP client.

    Every failure is a :class:`bot.errors.BotError`. :class:`bot.errors.OutcomeUnknown` means
    the request may have taken effect although its answer was lost: for a clone, the core looks
    for the voice by its marker (:meth:`find_voices_by_marker`) before sending it again.
    """

    async def close(self) -> None: ...

    async def status(self) -> ServiceStatus:
        """Reachable, and the version is known."""

    async def clone_voice(
        self,
        audio: bytes,
        *,
        filename: str,
        content_type: str,
        name: str,
        marker: str,
        description: str | None = None,
        accent: str | None = None,
        gender: str | None = None,
        style: str | None = None,
        enhance: bool | None = None,
        transcript: str | None = None,
    ) -> RemoteVoice:
        """Sent once: a lost answer is :class:`bot.errors.OutcomeUnknown`, never a resend.
        ``marker`` is written into the voice so that it can be found again."""

    async def find_voices_by_marker(self, marker: str) -> list[RemoteVoice]:
        """The account's voices carrying ``marker`` (normally one at most)."""

    async def list_voices(self, *, my_voice: bool = True) -> list[RemoteVoice]: ...

    async def update_voice(
        self, voice_id: str, *, name: str | None = None, description: str | None = None
    ) -> None: ...

    async def delete_voice(self, voice_id: str) -> bool:
        """True when deleted now, False when it was already gone."""

    async def preview_url(self, voice_id: str) -> str:
        """A fresh signed link: show it, never store it. :class:`bot.errors.PreviewNotReady`
        while the preview is still being made."""

    async def fetch_preview_audio(self, url: str, *, max_bytes: int) -> tuple[bytes, str]:
        """``(audio, content type)`` from a signed link."""

    def stream_text_to_speech(
        self, *, voice_id: str, transcript: str, **options: Unpack[SpeechOptions]
    ) -> AsyncGenerator[bytes, None]:
        """Audio chunks as they arrive; close it (``aclosing``) when stopping early."""
