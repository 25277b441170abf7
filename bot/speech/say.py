"""/say: text to speech in the member's own voice, labelled as an AI clone."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncGenerator, AsyncIterator, Callable
from contextlib import aclosing
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.app.leases import new_instance_id
from bot.app.settings import Settings
from bot.clock import Clock, utcnow
from bot.errors import Busy, Cooldown, InvalidLanguage, NotAllowed, TooLarge, VoiceNotFound
from bot.i18n import SOURCE_LOCALE, Translator, messages_for
from bot.models import AuditEntry, Member, VoiceRecord
from bot.policy.admission import Admission, Hold, PerKeyLimit
from bot.policy.community import CommunityPolicy
from bot.ports import Store, VoiceApi
from bot.speech.text import pause_seconds, sanitise, spoken_length
from bot.voices.library import VoiceService

#: Models in order of preference, with the languages each serves (Async's Models page).
MODELS: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "async_flash_v1.0",
        frozenset(
            {"en", "de", "es", "fr", "it", "pt", "nl", "pl", "ru", "ja", "ko", "zh", "hi", "ar"}
            | {"tr"}
        ),
    ),
    ("async_flash_v1.5", frozenset(["en", "de", "es", "fr", "it", "pt"])),
    ("async_pro_v1.0", frozenset({"en"})),
)
MAX_SPEECH_BYTES = 20 * 1024 * 1024
#: How much of the spoken text the label quotes (Discord messages hold 2,000 characters).
LABEL_QUOTE_CHARS = 300


#: Live speech is fetched as raw 16-bit mono PCM at Discord's (and Opus's) own rate.
LIVE_SAMPLE_RATE = 48_000
#: What a character of text lasts when spoken, roughly: sizes the voice queue before the audio
#: exists (the API's speech runs 12-16 characters a second).
SECONDS_PER_CHARACTER = 1 / 14
#: How long an utterance's speech lease lives: longer than any speech can take (20 MiB of PCM
#: is under 4 minutes), so only a process that died leaves one behind for this long.
SPEECH_LEASE = timedelta(minutes=15)


def estimated_seconds(text: str) -> float:
    """How long cleaned ``text`` takes to say: its characters plus its ``<break>`` pauses."""
    return spoken_length(text) * SECONDS_PER_CHARACTER + pause_seconds(text)


def member_busy(limit: int) -> Busy:
    return Busy(
        f"You already have {limit} speeches being made, queued or playing, the most at once: "
        "wait until one has finished.",
        key="error-busy-member-speech",
        params={"max": limit},
    )


def says_busy() -> Busy:
    return Busy("A lot is being said right now. Try again in a minute.", key="error-busy-says")


def community_says_busy(limit: int) -> Busy:
    return Busy(
        "A lot is being said in this community right now. Try again in a minute.",
        key="error-busy-community-says",
    )


class SayRefused(NotAllowed):
    """The text can't be spoken as it is."""


@dataclass(frozen=True, slots=True)
class Speech:
    audio: bytes
    content_type: str
    filename: str
    voice: VoiceRecord
    text: str

    def label(
        self,
        owner: str,
        escape: Callable[[str], str] = str,
        messages: Translator | None = None,
    ) -> str:
        return speech_label(self.voice, self.text, owner, escape, messages)


def speech_label(
    voice: VoiceRecord,
    text: str,
    owner: str,
    escape: Callable[[str], str] = str,
    messages: Translator | None = None,
) -> str:
    """The line posted with speech: it always says it is an AI clone, and whose. It quotes
    the text, shortened so the line fits any platform's message limit.

    ``owner`` comes rendered for the platform (a mention, an escaped name); ``escape`` is the
    platform's escaping for its markup, applied to the voice name and the text. With
    ``messages`` it is in the member's language (English without)."""
    if len(text) > LABEL_QUOTE_CHARS:
        text = text[: LABEL_QUOTE_CHARS - 1].rstrip() + "…"
    texts = messages or messages_for(SOURCE_LOCALE)
    return texts.say_label(owner, escape(voice.name), escape(text))


@dataclass(frozen=True, slots=True)
class _Admitted:
    text: str
    voice: VoiceRecord
    model: str
    claimed_at: datetime
    #: The member's place among their speech under way (``MAX_SAYS_PER_MEMBER``).
    hold: Hold
    #: The audit action once heard: ``say``, or ``read`` for a message read aloud.
    action: str = "say"
    #: Whether a cooldown was claimed (reading aloud claims none: its cost guard is
    #: characters per minute, bot/reading/flood.py).
    cooldown: bool = True


class LiveSpeech:
    """Speech admitted for a voice channel: checks passed and cooldown claimed, audio not yet
    fetched. :meth:`pcm` streams it once; :meth:`cancel` gives the cooldown back when it is
    dropped before any of it was heard."""

    def __init__(self, service: SayService, member: Member, admitted: _Admitted) -> None:
        self._service = service
        self.member = member
        self._admitted = admitted
        self._started = False
        self._heard = False
        self._settled = False
        #: The store's lease while it streams; None before (or when it was refused).
        self._lease: str | None = None

    @property
    def text(self) -> str:
        return self._admitted.text

    @property
    def voice(self) -> VoiceRecord:
        return self._admitted.voice

    @property
    def estimated_seconds(self) -> float:
        return estimated_seconds(self.text)

    def label(
        self,
        owner: str,
        escape: Callable[[str], str] = str,
        messages: Translator | None = None,
    ) -> str:
        return speech_label(self.voice, self.text, owner, escape, messages)

    async def pcm(self) -> AsyncGenerator[bytes, None]:
        """Mono s16le PCM at :data:`LIVE_SAMPLE_RATE`, chunk by chunk as it is synthesised.

        Nothing at all when the store refuses the speech lease (the voice was deleted, or
        forget-me is erasing the member): it ends at once, silently. The player calls
        :meth:`cancel` once the audio has stopped playing, not when this stream ends: the
        lease must cover the audio still buffered."""
        if self._started:
            raise RuntimeError("live speech streams once")
        self._started = True
        self._lease = await self._service._begin(self.member, self._admitted)
        if self._lease is None:
            return
        async for chunk in self._service._stream_pcm(self._admitted):
            self._heard = True
            yield chunk

    async def still_allowed(self) -> bool:
        """False once forget-me revoked (or deleted) this speech's lease, in any process: the
        player then stops. True before the lease exists and after it was settled."""
        lease = self._lease
        if lease is None or self._settled:
            return True
        return await self._service._store.speech_allowed(lease)

    def not_heard(self) -> None:
        """What streamed was only fetched ahead, and dropped before it played (the voice
        queue's prefetch): settle it as not said."""
        self._heard = False

    async def cancel(self) -> None:
        """Played, or dropped (skipped, stopped, forgotten or failed): no audio heard means no
        cooldown; audio heard counts as said (and is audited, unless forget-me revoked it)."""
        await self._settle(said=self._heard)

    async def _settle(self, *, said: bool) -> None:
        if self._settled:
            return
        self._settled = True
        try:
            if self._lease is not None:
                # The audit entry is written only if the lease survived: never after forget-me.
                await self._service._end(self._lease, self.member, self._admitted, said=said)
            if not said and self._admitted.cooldown:
                await self._service._release(self.member, self._admitted.claimed_at)
        finally:
            self._admitted.hold.release()


def pick_model(languages: tuple[str, ...]) -> str:
    if not languages:
        return MODELS[0][0]
    wanted = {lang.strip().lower() for lang in languages}
    for model, served in MODELS:
        if wanted & served:
            return model
    raise InvalidLanguage(
        "None of the speech models speaks this voice's language yet.",
        key="error-no-speech-model",
    )


class SayService:
    def __init__(
        self,
        *,
        settings: Settings,
        store: Store,
        api: VoiceApi,
        policy: CommunityPolicy,
        voices: VoiceService,
        clock: Clock,
        owner: str | None = None,
    ) -> None:
        """``owner`` names this process on its speech leases (diagnostics only)."""
        self._settings = settings
        self._store = store
        self._api = api
        self._policy = policy
        self._voices = voices
        self._clock = clock
        #: Posted /say while the API synthesises it. Voice-channel streams stay out of it: they
        #: last as long as their playback and would starve every short /say.
        self.admission = Admission(settings.max_concurrent_says, 8, 10.0, says_busy)
        #: A member's speech under way anywhere (all servers, both platforms), so one member
        #: can't hold the voice streams of many servers.
        self.member_speech = PerKeyLimit(settings.max_says_per_member, member_busy)
        #: Posted /say being made in one community, so one busy server can't take every
        #: MAX_CONCURRENT_SAYS slot from the others.
        self.community_speech = PerKeyLimit(settings.max_says_per_community, community_says_busy)
        #: Voice-channel streams synthesising at once: each holds an API connection while it
        #: plays, and settings keep it below API_MAX_CONCURRENCY, so /say and clones keep one.
        #: A server's next utterance waits here for its turn (its own queue waits with it).
        self._voice_streams = asyncio.Semaphore(settings.voice_max_streams)
        self._owner = owner or new_instance_id()

    async def say(self, member: Member, text: str, voice_ref: str | None = None) -> Speech:
        if member.community_id is None:  # a DM: only the member's own limit applies
            return await self._say(member, text, voice_ref)
        community = self.community_speech.take((member.platform, member.community_id))
        try:
            return await self._say(member, text, voice_ref)
        finally:
            community.release()

    async def _say(self, member: Member, text: str, voice_ref: str | None) -> Speech:
        admitted = await self._admit(member, text, voice_ref)
        try:
            lease = await self._begin(member, admitted)
            if lease is None:
                # The voice went (deleted, or its member is being forgotten) since it was picked.
                await self._release(member, admitted.claimed_at)
                raise VoiceNotFound()
            try:
                audio = await self._speak(admitted.voice.voice_id, admitted.text, admitted.model)
            except BaseException:
                # Nothing was said: the member shouldn't wait for a cooldown they didn't use.
                await asyncio.shield(self._end(lease, member, admitted, said=False))
                await asyncio.shield(self._release(member, admitted.claimed_at))
                raise
            if not await self._end(lease, member, admitted, said=True):
                # Forget-me erased the member while this was synthesised: the audio is not
                # handed out, and nothing about it was written.
                raise VoiceNotFound()
        finally:
            admitted.hold.release()
        return Speech(
            audio=audio,
            content_type="audio/mpeg",
            filename="speech.mp3",
            voice=admitted.voice,
            text=admitted.text,
        )

    async def say_live(self, member: Member, text: str, voice_ref: str | None = None) -> LiveSpeech:
        """The same checks, cooldown and audit as :meth:`say`, for speech that is streamed as
        raw PCM while it plays (a voice channel). Nothing is fetched until it is played."""
        admitted = await self._admit(member, text, voice_ref)
        return LiveSpeech(self, member, admitted)

    async def read_live(
        self, member: Member, text: str, voice_ref: str | None, hold: Hold
    ) -> LiveSpeech:
        """A chat message read aloud (bot/reading): ``text`` comes cleaned and capped by the
        reading rules, and ``hold`` is the member's place in reading's own limit. The same
        community rules and voice ownership as /say; no /say cooldown, and audited as
        ``read`` (its characters, never its text)."""
        try:
            await self._policy.check_say(member)
            voice = await self._voices.resolve(member, voice_ref)
            model = pick_model(voice.languages)
        except BaseException:
            hold.release()
            raise
        admitted = _Admitted(text, voice, model, self._clock(), hold, "read", cooldown=False)
        return LiveSpeech(self, member, admitted)

    async def _admit(self, member: Member, text: str, voice_ref: str | None) -> _Admitted:
        rules = await self._policy.check_say(member)
        clean = sanitise(text)
        if not clean or spoken_length(clean) == 0:
            raise SayRefused(
                "There's nothing left to say once mentions and links are removed.",
                key="error-say-nothing-left",
            )
        if spoken_length(clean) > rules.max_say_chars:
            raise SayRefused(
                f"That text is too long: at most {rules.max_say_chars} characters.",
                key="error-say-too-long",
                params={"max": rules.max_say_chars},
            )
        voice = await self._voices.resolve(member, voice_ref)
        model = pick_model(voice.languages)
        hold = self.member_speech.take((member.platform, member.user_id))
        try:
            claimed_at = self._clock()
            wait = await self._store.claim_cooldown(
                member.platform,
                member.user_id,
                "say",
                self._settings.say_cooldown_seconds,
                claimed_at,
            )
        except BaseException:
            hold.release()
            raise
        if wait is not None:
            hold.release()
            raise Cooldown(wait)
        return _Admitted(clean, voice, model, claimed_at, hold)

    async def _release(self, member: Member, claimed_at: datetime) -> None:
        await self._store.release_cooldown(member.platform, member.user_id, "say", claimed_at)

    async def _begin(self, member: Member, admitted: _Admitted) -> str | None:
        """The speech lease, taken before synthesis starts; None when refused."""
        lease = f"say-{secrets.token_hex(12)}"
        # Leases are compared across processes: wall time, not the service's clock.
        now = utcnow()
        began = await self._store.begin_speech(
            lease,
            platform=member.platform,
            user_id=member.user_id,
            voice_id=admitted.voice.voice_id,
            owner=self._owner,
            now=now,
            expires_at=now + SPEECH_LEASE,
        )
        return lease if began else None

    async def _end(self, lease: str, member: Member, admitted: _Admitted, *, said: bool) -> bool:
        """Give the lease back; with ``said``, the ``say`` audit entry in the same transaction,
        written only if the lease was not revoked. False when it was (or is gone)."""
        entry = (
            AuditEntry(
                action=admitted.action,
                platform=member.platform,
                user_id=member.user_id,
                at=self._clock(),
                community_id=member.community_id,
                voice_id=admitted.voice.voice_id,
                detail={"characters": spoken_length(admitted.text), "model": admitted.model},
            )
            if said
            else None
        )
        return await self._store.end_speech(lease, entry)

    async def _stream_pcm(self, admitted: _Admitted) -> AsyncIterator[bytes]:
        """Raw mono PCM (s16le, 48 kHz) as the API sends it, within a voice-stream slot."""
        size = 0
        async with self._voice_streams:
            stream = self._api.stream_text_to_speech(
                voice_id=admitted.voice.voice_id,
                transcript=admitted.text,
                model_id=admitted.model,
                container="raw",
                encoding="pcm_s16le",
                sample_rate=LIVE_SAMPLE_RATE,
            )
            async with aclosing(stream):
                async for chunk in stream:
                    size += len(chunk)
                    if size > MAX_SPEECH_BYTES:
                        raise TooLarge("That text makes too long a recording: say less at once.")
                    yield chunk

    async def _speak(self, voice_id: str, text: str, model: str) -> bytes:
        async with self.admission.slot():
            chunks: list[bytes] = []
            size = 0
            stream = self._api.stream_text_to_speech(
                voice_id=voice_id, transcript=text, model_id=model, container="mp3"
            )
            # aclosing: leaving early must release the connection and the API slot at once.
            async with aclosing(stream):
                async for chunk in stream:
                    size += len(chunk)
                    if size > MAX_SPEECH_BYTES:
                        raise TooLarge(
                            "That text makes too long a recording: say less at once.",
                            key="error-say-recording-too-long",
                        )
                    chunks.append(chunk)
        return b"".join(chunks)
