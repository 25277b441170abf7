"""The one place where the client's errors become the bot's user-facing ones.

Like httpx's ``map_httpcore_exceptions`` at its transport, :func:`map_api_errors` wraps every
call the core makes through :class:`TranslatedVoiceApi` (the core's ``VoiceApi`` port), so
:mod:`bot.api` knows no message keys and the core never sees an :class:`ApiError`. The API's
error stays chained (``__cause__``) for the log. Its answers cross the same way: the client's
parsed models become the core's own records (:class:`bot.models.RemoteVoice`,
:class:`bot.models.ServiceStatus`).
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Iterator
from contextlib import aclosing, contextmanager
from typing import Unpack

from bot.api.client import AsyncVoiceClient
from bot.api.errors import (
    ApiCloneSlotsFull,
    ApiConnectionError,
    ApiError,
    ApiFieldUpdateNotAllowed,
    ApiInvalidLanguage,
    ApiMisconfigured,
    ApiPreviewNotReady,
    ApiQuotaExhausted,
    ApiRateLimited,
    ApiRejectedAudio,
    ApiVoiceNotFound,
)
from bot.api.models import ApiStatus, Voice
from bot.errors import (
    BadQuality,
    BotError,
    Busy,
    CloneSlotsFull,
    FieldUpdateNotAllowed,
    FormatRejected,
    InvalidLanguage,
    OutcomeUnknown,
    PreviewNotReady,
    QuotaExhausted,
    ServiceMisconfigured,
    ServiceUnavailable,
    TooLarge,
    TooShort,
    VoiceNotFound,
)
from bot.models import RemoteVoice, ServiceStatus, SpeechOptions

_SIMPLE: tuple[tuple[type[ApiError], type[BotError]], ...] = (
    (ApiMisconfigured, ServiceMisconfigured),
    (ApiRateLimited, Busy),
    (ApiQuotaExhausted, QuotaExhausted),
    (ApiCloneSlotsFull, CloneSlotsFull),
    (ApiVoiceNotFound, VoiceNotFound),
    (ApiPreviewNotReady, PreviewNotReady),
    (ApiInvalidLanguage, InvalidLanguage),
)
_REJECTED_AUDIO: dict[str, type[BotError]] = {
    "too_short": TooShort,
    "bad_quality": BadQuality,
    "format": FormatRejected,
    "too_large": TooLarge,
}


def user_error(exc: ApiError) -> BotError:
    """The user-facing error for a client error; anything unknown is the service being
    unavailable (the member can only wait)."""
    if isinstance(exc, ApiRejectedAudio):
        return _REJECTED_AUDIO[exc.kind]()
    if isinstance(exc, ApiFieldUpdateNotAllowed):
        return FieldUpdateNotAllowed(exc.field)
    if isinstance(exc, ApiConnectionError) and exc.outcome_unknown:
        return OutcomeUnknown()
    for api_class, bot_class in _SIMPLE:
        if isinstance(exc, api_class):
            return bot_class()
    return ServiceUnavailable()


def remote_voice(voice: Voice) -> RemoteVoice:
    return RemoteVoice(
        voice_id=voice.voice_id,
        name=voice.name,
        description=voice.description,
        languages=voice.languages,
        created_at=voice.created_at,
        marker=voice.marker,
    )


def service_status(status: ApiStatus) -> ServiceStatus:
    return ServiceStatus(status=status.status, version=status.version)


@contextmanager
def map_api_errors() -> Iterator[None]:
    try:
        yield
    except ApiError as exc:
        raise user_error(exc) from exc


class TranslatedVoiceApi:
    """:class:`bot.ports.VoiceApi` over the HTTP client: the same calls, the bot's errors."""

    def __init__(self, client: AsyncVoiceClient) -> None:
        self.client = client

    def __repr__(self) -> str:
        return f"TranslatedVoiceApi({self.client!r})"

    async def close(self) -> None:
        await self.client.close()

    async def status(self) -> ServiceStatus:
        with map_api_errors():
            return service_status(await self.client.status())

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
        with map_api_errors():
            cloned = await self.client.clone_voice(
                audio,
                filename=filename,
                content_type=content_type,
                name=name,
                marker=marker,
                description=description,
                accent=accent,
                gender=gender,
                style=style,
                enhance=enhance,
                transcript=transcript,
            )
        return remote_voice(cloned)

    async def find_voices_by_marker(self, marker: str) -> list[RemoteVoice]:
        with map_api_errors():
            found = await self.client.find_voices_by_marker(marker)
        return [remote_voice(voice) for voice in found]

    async def list_voices(self, *, my_voice: bool = True) -> list[RemoteVoice]:
        with map_api_errors():
            voices = await self.client.list_voices(my_voice=my_voice)
        return [remote_voice(voice) for voice in voices]

    async def update_voice(
        self, voice_id: str, *, name: str | None = None, description: str | None = None
    ) -> None:
        with map_api_errors():
            await self.client.update_voice(voice_id, name=name, description=description)

    async def delete_voice(self, voice_id: str) -> bool:
        with map_api_errors():
            return await self.client.delete_voice(voice_id)

    async def preview_url(self, voice_id: str) -> str:
        with map_api_errors():
            return await self.client.preview_url(voice_id)

    async def fetch_preview_audio(self, url: str, *, max_bytes: int) -> tuple[bytes, str]:
        with map_api_errors():
            return await self.client.fetch_preview_audio(url, max_bytes=max_bytes)

    async def stream_text_to_speech(
        self, *, voice_id: str, transcript: str, **options: Unpack[SpeechOptions]
    ) -> AsyncGenerator[bytes, None]:
        stream = self.client.stream_text_to_speech(
            voice_id=voice_id, transcript=transcript, **options
        )
        async with aclosing(stream):
            with map_api_errors():
                async for chunk in stream:
                    yield chunk
