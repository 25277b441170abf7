"""What every Discord handler shares, kept on the client: the core, the settings, the live
attachments and the download session."""

from __future__ import annotations

import aiohttp
import discord

from adapters.discord.attachments import AttachmentMemory, AttachmentSource
from bot.app.settings import Settings
from bot.facade import VoiceBot

PLATFORM = "discord"

_DOWNLOAD_TIMEOUT = aiohttp.ClientTimeout(total=120, sock_connect=15, sock_read=30)


class DiscordServices:
    """What the handlers share: the core, the settings and the live attachments."""

    def __init__(self, voicebot: VoiceBot, settings: Settings) -> None:
        self.voicebot = voicebot
        self.settings = settings
        self.attachments = AttachmentMemory(ttl_seconds=settings.consent_ttl_seconds)
        self._session: aiohttp.ClientSession | None = None

    async def open(self) -> None:
        """Called from ``setup_hook``: the download session needs the running loop."""
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=_DOWNLOAD_TIMEOUT)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    def source(self, attachment: discord.Attachment) -> AttachmentSource:
        if self._session is None:
            raise RuntimeError("DiscordServices.open() was not called (setup_hook)")
        return AttachmentSource(attachment, self._session)


def services_of(client: discord.Client) -> DiscordServices:
    services = getattr(client, "services", None)
    if not isinstance(services, DiscordServices):
        raise RuntimeError("this client was not built by build_discord_client")
    return services
