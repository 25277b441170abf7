"""Discord attachments: finding and reading the recording a member pointed at.

Attachment URLs are signed and expire, so the pending consent stores only where the audio is
(channel, message, attachment ids) and the live :class:`discord.Attachment` objects are kept in
memory for the life of the process. After a restart a message's attachment is found again by
re-fetching the message; a ``/clone`` upload has no message, so that request has to be redone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

import aiohttp
import discord
from cachetools import TTLCache

from bot.errors import ConsentRequired, DownloadFailed, NotAudio
from bot.facade import HttpAudioSource, SourceRef, label_says_audio

log = logging.getLogger(__name__)

#: Source kinds: a /clone upload (belongs to its interaction) or a message's attachment.
SLASH = "slash"
MESSAGE = "message"


def attachment_source(
    attachment: discord.Attachment, session: Callable[[], aiohttp.ClientSession]
) -> HttpAudioSource:
    """The core's HTTP audio source over a Discord attachment, streamed from the CDN. The URL
    is signed: the log names the attachment id, never the URL."""
    return HttpAudioSource(
        session,
        attachment.url,
        what=f"attachment {attachment.id}",
        declared_size=attachment.size,
    )


def looks_like_audio(attachment: discord.Attachment) -> bool:
    """A voice message, or a file whose label may be audio (the core sniffs the bytes)."""
    return attachment.is_voice_message() or label_says_audio(
        attachment.content_type, attachment.filename
    )


def pick_audio(attachments: Sequence[discord.Attachment]) -> discord.Attachment | None:
    """The recording among a message's attachments (the core sniffs the bytes anyway)."""
    return next((a for a in attachments if looks_like_audio(a)), None)


class AttachmentMemory:
    """Live attachments by id, for the consent click that follows within minutes."""

    def __init__(self, ttl_seconds: float, max_entries: int = 2048) -> None:
        self._items: TTLCache[int, discord.Attachment] = TTLCache(max_entries, ttl_seconds)

    def remember(self, attachment: discord.Attachment) -> None:
        self._items[attachment.id] = attachment

    def get(self, attachment_id: int) -> discord.Attachment | None:
        return self._items.get(attachment_id)

    def forget(self, attachment_id: int) -> None:
        self._items.pop(attachment_id, None)


def slash_source(interaction: discord.Interaction, attachment: discord.Attachment) -> SourceRef:
    """A ``/clone`` upload: the member's own recording."""
    return SourceRef(
        kind=SLASH,
        item_id=str(attachment.id),
        recorded_by=str(interaction.user.id),
        channel_id=str(interaction.channel_id) if interaction.channel_id else None,
        interaction_id=str(interaction.id),
    )


def message_source(message: discord.Message, attachment: discord.Attachment) -> SourceRef:
    """A recording in a message: recorded by the message's author."""
    return SourceRef(
        kind=MESSAGE,
        item_id=str(attachment.id),
        recorded_by=str(message.author.id),
        channel_id=str(message.channel.id),
        message_id=str(message.id),
    )


async def locate(
    client: discord.Client, memory: AttachmentMemory, source: SourceRef
) -> discord.Attachment:
    """The attachment ``source`` points at, with a fresh URL."""
    attachment_id = int(source.item_id)
    live = memory.get(attachment_id)
    if live is not None:
        return live
    if source.kind == SLASH or source.channel_id is None or source.message_id is None:
        # A /clone upload belongs to its interaction only: nothing to re-fetch after a restart.
        raise ConsentRequired(
            "This request was interrupted by a bot restart. Run /clone again with your recording.",
            key="error-interrupted-by-restart",
        )
    channel = client.get_partial_messageable(int(source.channel_id))
    try:
        message = await channel.fetch_message(int(source.message_id))
    except discord.NotFound:
        raise DownloadFailed(
            "I can't find that message any more. Send your recording again.",
            key="error-message-gone",
        ) from None
    except discord.HTTPException as exc:
        log.warning("fetching message %s failed: %s", source.message_id, exc.status)
        raise DownloadFailed() from exc
    found = next((a for a in message.attachments if a.id == attachment_id), None)
    if found is None:
        # Guild messages come back without attachments unless the message content intent is on.
        raise ConsentRequired(
            "I can't see that recording any more. Use 'Clone this voice' on it again, or send it "
            "to me in a direct message.",
            key="error-recording-not-visible",
        )
    return found


def require_audio(attachment: discord.Attachment | None) -> discord.Attachment:
    if attachment is None:
        raise NotAudio(
            "That message has no audio attachment. Use this on a voice message or an audio file.",
            key="error-no-audio-attachment",
        )
    return attachment
