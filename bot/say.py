"""/say: text to speech in the member's own voice, labelled as an AI clone."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import aclosing
from dataclasses import dataclass

from bot.admission import Admission
from bot.api.client import AsyncVoiceClient
from bot.clock import Clock
from bot.community import CommunityPolicy
from bot.errors import Cooldown, InvalidLanguage, NotAllowed, TooLarge
from bot.i18n import Translator
from bot.models import AuditEntry, Member, VoiceRecord
from bot.ports import Store
from bot.settings import Settings
from bot.speech_text import sanitise, spoken_length
from bot.voices import VoiceService

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
        """The line posted with the audio: it always says it is an AI clone, and whose. It
        quotes the text, shortened so the line fits any platform's message limit.

        ``owner`` comes rendered for the platform (a mention, an escaped name); ``escape``
        is the platform's escaping for its markup, applied to the voice name and the text.
        With ``messages`` it is in the member's language (English without)."""
        quoted = (
            self.text
            if len(self.text) <= LABEL_QUOTE_CHARS
            else (self.text[: LABEL_QUOTE_CHARS - 1].rstrip() + "…")
        )
        name, quoted = escape(self.voice.name), escape(quoted)
        if messages is not None:
            return messages.say_label(owner, name, quoted)
        return f'🔊 AI voice clone of {owner} ("{name}"): {quoted}'


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
        api: AsyncVoiceClient,
        policy: CommunityPolicy,
        voices: VoiceService,
        clock: Clock,
    ) -> None:
        self._settings = settings
        self._store = store
        self._api = api
        self._policy = policy
        self._voices = voices
        self._clock = clock
        self.admission = Admission(settings.max_concurrent_says, 8, 10.0)

    async def say(self, member: Member, text: str, voice_ref: str | None = None) -> Speech:
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
        claimed_at = self._clock()
        wait = await self._store.claim_cooldown(
            member.platform, member.user_id, "say", self._settings.say_cooldown_seconds, claimed_at
        )
        if wait is not None:
            raise Cooldown(wait)
        try:
            audio = await self._speak(voice.voice_id, clean, model)
        except BaseException:
            # Nothing was said: the member shouldn't wait for a cooldown they didn't use.
            await asyncio.shield(
                self._store.release_cooldown(member.platform, member.user_id, "say", claimed_at)
            )
            raise
        await self._store.add_audit(
            AuditEntry(
                action="say",
                platform=member.platform,
                user_id=member.user_id,
                at=self._clock(),
                community_id=member.community_id,
                voice_id=voice.voice_id,
                detail={"characters": spoken_length(clean), "model": model},
            )
        )
        return Speech(
            audio=audio,
            content_type="audio/mpeg",
            filename="speech.mp3",
            voice=voice,
            text=clean,
        )

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
