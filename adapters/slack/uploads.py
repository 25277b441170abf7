"""Posting audio. Files can't be ephemeral: private audio goes to the member's DM."""

from __future__ import annotations

import logging
import mimetypes
import re

from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)


def audio_filename(stem: str, content_type: str | None, default_ext: str = ".mp3") -> str:
    ext = mimetypes.guess_extension(content_type or "") or default_ext
    safe = re.sub(r"[^\w.-]+", "-", stem).strip("-.")[:60] or "audio"
    return f"{safe}{ext}"


async def upload_audio(
    client: AsyncWebClient,
    *,
    channel: str,
    audio: bytes,
    filename: str,
    title: str,
    comment: str | None = None,
) -> None:
    await client.files_upload_v2(
        channel=channel,
        file=audio,
        filename=filename,
        title=title,
        initial_comment=comment,
    )
