"""A member's voices: only ever picked from our records, and only the owner's."""

from __future__ import annotations

import logging
from dataclasses import replace

from bot.clock import Clock
from bot.errors import NotAllowed, NotOwner, VoiceNotFound
from bot.models import AuditEntry, CloneOptions, Member, VoiceRecord
from bot.ports import Store, VoiceApi
from bot.speech.leases import wait_for_speakers
from bot.speech.text import sanitise
from bot.voices.preview import Preview, fetch_preview

log = logging.getLogger(__name__)

MAX_NAME_CHARS = 80
MAX_DESCRIPTION_CHARS = 300


class NoVoiceYet(VoiceNotFound):
    message_key = "error-no-voice-yet"
    default_message = "You don't have a voice yet: clone one first."
    next_step = "clone"


def clean_name(name: str) -> str:
    """A voice name as stored and shown: cleaned like ``/say`` text (no links, mentions,
    control or bidirectional characters), 1 to MAX_NAME_CHARS characters."""
    cleaned = sanitise(name)
    if not cleaned or len(cleaned) > MAX_NAME_CHARS:
        raise NotAllowed(
            f"A voice name must have 1 to {MAX_NAME_CHARS} characters.",
            key="error-name-length",
            params={"max": MAX_NAME_CHARS},
        )
    return cleaned


def clean_description(description: str | None) -> str | None:
    if description is None:
        return None
    cleaned = sanitise(description)
    if len(cleaned) > MAX_DESCRIPTION_CHARS:
        raise NotAllowed(
            f"A description must have at most {MAX_DESCRIPTION_CHARS} characters.",
            key="error-description-length",
            params={"max": MAX_DESCRIPTION_CHARS},
        )
    return cleaned or None


def clean_clone_options(options: CloneOptions) -> CloneOptions:
    """The options with their shown texts cleaned; refuses, before anything is spent, what
    the voice could not be stored with."""
    return replace(
        options,
        name=None if options.name is None else clean_name(options.name),
        description=clean_description(options.description),
    )


def _owned(voice: VoiceRecord, member: Member) -> bool:
    return (voice.platform, voice.user_id) == (member.platform, member.user_id)


class VoiceService:
    def __init__(
        self, store: Store, api: VoiceApi, clock: Clock, preview_wait_seconds: float
    ) -> None:
        self._store = store
        self._api = api
        self._clock = clock
        self._preview_wait = preview_wait_seconds

    async def list(self, member: Member) -> list[VoiceRecord]:
        return await self._store.list_voices(member.platform, member.user_id)

    async def resolve(self, member: Member, ref: str | None) -> VoiceRecord:
        """A voice id or name (case-insensitive) among the member's voices; None: the default.
        Another member's voice id gives ``not_owner``, whatever the member typed."""
        voices = await self.list(member)
        if ref is None or not ref.strip():
            if not voices:
                raise NoVoiceYet()
            return next((v for v in voices if v.is_default), voices[-1])
        wanted = ref.strip()
        for voice in voices:
            if voice.voice_id == wanted:
                return voice
        by_name = [v for v in voices if v.name.casefold() == wanted.casefold()]
        if by_name:
            return by_name[-1]
        other = await self._store.get_voice(wanted)
        if other is not None and not _owned(other, member):
            raise NotOwner()
        raise VoiceNotFound()

    async def preview(self, member: Member, ref: str | None) -> Preview:
        voice = await self.resolve(member, ref)
        preview = await fetch_preview(
            self._api, voice, wait_seconds=self._preview_wait, required=True
        )
        await self._audit(member, "preview", voice)
        return preview

    async def rename(
        self, member: Member, ref: str, name: str, description: str | None = None
    ) -> VoiceRecord:
        voice = await self.resolve(member, ref)
        name = clean_name(name)
        description = clean_description(description)
        await self._api.update_voice(voice.voice_id, name=name, description=description)
        updated = await self._store.update_voice(
            voice.voice_id, name=name, description=description, now=self._clock()
        )
        await self._audit(member, "rename", voice, {"name": name})
        return updated

    async def make_default(self, member: Member, ref: str) -> VoiceRecord:
        voice = await self.resolve(member, ref)
        await self._store.set_default_voice(member.platform, member.user_id, voice.voice_id)
        await self._audit(member, "default", voice)
        return await self.resolve(member, voice.voice_id)

    async def delete(self, member: Member, ref: str) -> VoiceRecord:
        """At the API first, then our row: a failure in between leaves a row whose voice is
        gone, which the next delete cleans up; never a paid voice we no longer know about.
        Deleting the row revokes the voice's speech; the answer waits until it has stopped
        playing in every process."""
        voice = await self.resolve(member, ref)
        existed = await self._api.delete_voice(voice.voice_id)
        await self._store.delete_voice(voice.voice_id)
        await wait_for_speakers(self._store, member, voice_id=voice.voice_id)
        await self._audit(member, "delete", voice, {"already_gone_upstream": not existed})
        return voice

    async def _audit(
        self,
        member: Member,
        action: str,
        voice: VoiceRecord,
        detail: dict[str, object] | None = None,
    ) -> None:
        await self._store.add_audit(
            AuditEntry(
                action=action,
                platform=member.platform,
                user_id=member.user_id,
                at=self._clock(),
                community_id=member.community_id,
                voice_id=voice.voice_id,
                detail=dict(detail or {}),
            )
        )
