"""What every Discord handler shares, kept on the client: the core, the settings, the live
attachments and the download session."""

from __future__ import annotations

import discord

from adapters.discord.attachments import AttachmentMemory, attachment_source
from bot.app.settings import Settings
from bot.facade import HttpAudioSource, HttpSessions, VoiceBot

PLATFORM = "discord"


class DiscordServices:
    """What the handlers share: the core, the settings and the live attachments."""

    def __init__(self, voicebot: VoiceBot, settings: Settings) -> None:
        self.voicebot = voicebot
        self.settings = settings
        self.attachments = AttachmentMemory(ttl_seconds=settings.consent_ttl_seconds)
        #: The download session, made in the running loop on first use.
        self.http = HttpSessions()

    async def close(self) -> None:
        await self.http.close()

    def source(self, attachment: discord.Attachment) -> HttpAudioSource:
        return attachment_source(attachment, self.http)


def services_of(client: discord.Client) -> DiscordServices:
    services = getattr(client, "services", None)
    if not isinstance(services, DiscordServices):
        raise RuntimeError("this client was not built by build_discord_client")
    return services
