"""The Async Voice API client: one object over the transport and the endpoint modules.

Every failure leaves as a :mod:`bot.api.errors` exception (the API's terms, no user message);
the core sees them translated by :mod:`bot.api.translate`. The API key is never logged.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Sequence
from types import TracebackType
from typing import Self, Unpack

import aiohttp

from bot.api import preview, speech, voices
from bot.api.config import ApiConfig, ApiObserver
from bot.api.models import ApiStatus, ClonedVoice, TimestampedSpeech, Voice
from bot.api.parsing import parse_model
from bot.api.speech import speech_body
from bot.api.streaming import stream_speech
from bot.api.transport import Transport
from bot.models import SpeechOptions


class AsyncVoiceClient:
    """Use as ``async with AsyncVoiceClient(config) as api: ...`` (or call :meth:`close`)."""

    def __init__(
        self,
        config: ApiConfig,
        *,
        session: aiohttp.ClientSession | None = None,
        observer: ApiObserver | None = None,
    ) -> None:
        self._transport = Transport(config, session=session, observer=observer)

    def __repr__(self) -> str:
        config = self._transport.config
        return (
            f"AsyncVoiceClient(base_url={self._transport.base_url!r}, version={config.version!r})"
        )

    async def __aenter__(self) -> Self:
        self._transport.ensure_session()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        """Close the session if this client created it; a session passed in stays open."""
        await self._transport.close()

    async def status(self) -> ApiStatus:
        """``GET /``: reachable, and the version is known. Needs no API key."""
        reply = await self._transport.call("status", "GET", "/", auth=False)
        return parse_model(ApiStatus, reply, "status")

    # --- voices -------------------------------------------------------------------------
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
    ) -> ClonedVoice:
        """One clone request, never sent twice (see :func:`bot.api.voices.clone_voice`)."""
        return await voices.clone_voice(
            self._transport,
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

    async def find_voices_by_marker(self, marker: str) -> list[Voice]:
        """The caller's voices whose description carries ``marker``."""
        return await voices.find_voices_by_marker(self._transport, marker)

    async def list_voices(
        self,
        *,
        my_voice: bool = True,
        page_size: int = 100,
        gender: str | None = None,
        language: str | None = None,
        accent: str | None = None,
        style: str | None = None,
        model_id: str | None = None,
    ) -> list[Voice]:
        """Every voice matching the filters, following the cursor to the last page."""
        return await voices.list_voices(
            self._transport,
            my_voice=my_voice,
            page_size=page_size,
            gender=gender,
            language=language,
            accent=accent,
            style=style,
            model_id=model_id,
        )

    async def get_voice(self, voice_id: str) -> Voice:
        return await voices.get_voice(self._transport, voice_id)

    async def get_voices(self, voice_ids: Sequence[str]) -> list[Voice]:
        """Several voices in as few calls as possible; unknown ids are simply missing."""
        return await voices.get_voices(self._transport, voice_ids)

    async def update_voice(
        self,
        voice_id: str,
        *,
        name: str | None = None,
        description: str | None = None,
        gender: str | None = None,
        style: str | None = None,
        accent: str | None = None,
    ) -> None:
        """Change the given fields. Note: a new description replaces the clone marker."""
        fields = {
            "name": name,
            "description": description,
            "gender": gender,
            "style": style,
            "accent": accent,
        }
        await voices.update_voice(self._transport, voice_id, fields)

    async def delete_voice(self, voice_id: str) -> bool:
        """True when deleted now, False when it was already gone."""
        return await voices.delete_voice(self._transport, voice_id)

    # --- previews -----------------------------------------------------------------------
    async def preview_url(self, voice_id: str) -> str:
        """A fresh, short-lived signed link to the voice's preview: show it, never store it.

        Raises :class:`bot.api.errors.ApiPreviewNotReady` while it is still being made.
        """
        return await preview.preview_url(self._transport, voice_id)

    async def fetch_preview_audio(
        self, url: str, *, max_bytes: int = 10 * 1024 * 1024
    ) -> tuple[bytes, str]:
        """Download a preview from its signed link: ``(audio, content type)``."""
        return await preview.fetch_preview_audio(self._transport, url, max_bytes)

    # --- speech -------------------------------------------------------------------------
    async def text_to_speech(
        self, *, voice_id: str, transcript: str, **options: Unpack[SpeechOptions]
    ) -> bytes:
        return await speech.text_to_speech(self._transport, voice_id, transcript, **options)

    def stream_text_to_speech(
        self, *, voice_id: str, transcript: str, **options: Unpack[SpeechOptions]
    ) -> AsyncGenerator[bytes, None]:
        """Audio chunks as they arrive. Raises :class:`ApiQuotaExhausted` if the quota runs
        out mid-stream; the in-band marker itself is never yielded.

        Only opening the stream is retried: once bytes went out, a failure is final. Close
        the iterator (``contextlib.aclosing``) if you stop early, to free the connection.
        """
        return stream_speech(self._transport, speech_body(voice_id, transcript, **options))

    async def text_to_speech_with_timestamps(
        self, *, voice_id: str, transcript: str, **options: Unpack[SpeechOptions]
    ) -> TimestampedSpeech:
        return await speech.text_to_speech_with_timestamps(
            self._transport, voice_id, transcript, **options
        )
