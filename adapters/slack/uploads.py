"""Audio the bot posts as a Slack file: a /say recording, a voice's preview."""

from __future__ import annotations

import mimetypes
import re

from slack_sdk.web.async_client import AsyncWebClient


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


async def post_preview(
    client: AsyncWebClient, channel: str, title: str, audio: bytes, content_type: str | None
) -> None:
    """A voice's preview audio, posted in ``channel`` (the member's DM) under ``title``."""
    await upload_audio(
        client,
        channel=channel,
        audio=audio,
        filename=audio_filename(title, content_type),
        title=title,
    )
