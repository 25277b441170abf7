"""Preview links are signed and expire: fetch a fresh one every time one is shown."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass

from bot.errors import BotError, PreviewNotReady
from bot.models import VoiceRecord
from bot.ports import VoiceApi

log = logging.getLogger(__name__)

PREVIEW_MAX_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Preview:
    voice: VoiceRecord
    url: str | None
    audio: bytes | None
    content_type: str | None


async def fetch_preview(
    api: VoiceApi, voice: VoiceRecord, *, wait_seconds: float, required: bool
) -> Preview:
    """The preview link and its audio. Right after a clone the preview may not exist yet: retry
    for up to ``wait_seconds``; then, if ``required``, raise :class:`PreviewNotReady`, else
    return a preview without link."""
    deadline = time.monotonic() + wait_seconds
    delay = 0.25
    while True:
        try:
            url = await api.preview_url(voice.voice_id)
            break
        except PreviewNotReady:
            if time.monotonic() + delay > deadline:
                if required:
                    raise
                return Preview(voice, None, None, None)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 2.0)
    try:
        audio, content_type = await api.fetch_preview_audio(url, max_bytes=PREVIEW_MAX_BYTES)
    except BotError as exc:
        # The link alone is still worth showing.
        log.warning("preview audio of %s not downloaded: %s", voice.voice_id, exc.code)
        return Preview(voice, url, None, None)
    return Preview(voice, url, audio, content_type)
