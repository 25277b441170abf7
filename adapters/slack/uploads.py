"""Audio the bot posts as a Slack file: a /say recording, a voice's preview."""

from __future__ import annotations

from slack_sdk.web.async_client import AsyncWebClient

from bot.facade import audio_file_name


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
        filename=audio_file_name(title, content_type),
        title=title,
    )
