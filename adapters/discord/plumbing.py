"""Discord plumbing every feature shares: the services on the client, who is asking, how a
command acknowledges and answers, files and button views."""

from __future__ import annotations

import io
from typing import Any

import aiohttp
import discord

from adapters.discord.attachments import AttachmentMemory, AttachmentSource
from adapters.discord.command_translator import messages_for_interaction, messages_for_locales
from bot.i18n import Translator
from bot.models import Member
from bot.service import VoiceBot
from bot.settings import Settings

PLATFORM = "discord"
#: Replies echo user text (names, /say text): never let them ping anyone.
NO_MENTIONS = discord.AllowedMentions.none()
#: Set in ``interaction.extras`` once the reply message is the place where errors belong
#: (a deferred command's "thinking…" message, a consent prompt whose click was accepted).
ERRORS_REPLACE_REPLY = "errors_replace_reply"
#: The reply is public: an error removes it and goes to the member alone.
ERRORS_DROP_REPLY = "errors_drop_reply"

_DOWNLOAD_TIMEOUT = aiohttp.ClientTimeout(total=120, sock_connect=15, sock_read=30)
_AUDIO_SUFFIX = {
    "audio/mpeg": "mp3",
    "audio/mp3": "mp3",
    "audio/wav": "wav",
    "audio/x-wav": "wav",
    "audio/ogg": "ogg",
    "audio/flac": "flac",
}


# --- services ------------------------------------------------------------------------------
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


def voicebot_of(interaction: discord.Interaction) -> VoiceBot:
    return services_of(interaction.client).voicebot


def messages_of(interaction: discord.Interaction) -> Translator:
    """The texts in the member's language: their client's, then the server's, then the
    operator's DEFAULT_LANGUAGE, then English."""
    default = services_of(interaction.client).settings.default_language
    return messages_for_interaction(interaction, default)


def messages_for_dm(client: discord.Client) -> Translator:
    """A message sent in DM carries no locale: the operator's default language."""
    return messages_for_locales(None, None, services_of(client).settings.default_language)


# --- who is asking -------------------------------------------------------------------------
def _role_ids(user: discord.User | discord.Member) -> frozenset[str]:
    if not isinstance(user, discord.Member):
        return frozenset()
    # The raw role ids from the payload: ``Member.roles`` drops roles of guilds that are not in
    # the cache (no GUILDS intent yet, or an interaction from an uncached guild).
    return frozenset(str(role_id) for role_id in user._roles)


def member_from_interaction(interaction: discord.Interaction) -> Member:
    guild_id = interaction.guild_id
    return Member(
        platform=PLATFORM,
        user_id=str(interaction.user.id),
        community_id=str(guild_id) if guild_id else None,
        roles=_role_ids(interaction.user),
        is_admin=bool(guild_id) and interaction.permissions.manage_guild,
    )


def member_from_message(message: discord.Message) -> Member:
    author = message.author
    guild_id = message.guild.id if message.guild else None
    is_admin = isinstance(author, discord.Member) and author.guild_permissions.manage_guild
    return Member(
        platform=PLATFORM,
        user_id=str(author.id),
        community_id=str(guild_id) if guild_id else None,
        roles=_role_ids(author),
        is_admin=guild_id is not None and is_admin,
    )


# --- answering -----------------------------------------------------------------------------
async def begin(interaction: discord.Interaction, *, ephemeral: bool = True) -> None:
    """Acknowledge before anything slow; the "thinking…" reply then holds the answer or error."""
    await interaction.response.defer(ephemeral=ephemeral, thinking=True)
    # A private reply can turn into the error; a public one must not show it to the channel.
    key = ERRORS_REPLACE_REPLY if ephemeral else ERRORS_DROP_REPLY
    interaction.extras[key] = True


async def reply(
    interaction: discord.Interaction,
    content: str,
    *,
    files: list[discord.File] | None = None,
    view: discord.ui.View | None = None,
) -> None:
    await interaction.edit_original_response(
        content=content, attachments=files or [], view=view, allowed_mentions=NO_MENTIONS
    )


def click_accepted(interaction: discord.Interaction) -> None:
    """The core accepted a click on a prompt: the prompt is now the member's answer, and
    errors belong in it. (Before that, an error goes privately to whoever clicked, and the
    prompt stays as it is: someone else's click changes nothing.)"""
    interaction.extras[ERRORS_REPLACE_REPLY] = True


async def replace_prompt(interaction: discord.Interaction, content: str) -> None:
    """Rewrite the clicked prompt; its buttons go, so it can't be clicked again."""
    await interaction.edit_original_response(
        content=content, view=None, attachments=[], allowed_mentions=NO_MENTIONS
    )


def escape(text: str) -> str:
    """User text as Discord markdown that can't format, link or mention."""
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text))


def audio_file(audio: bytes, content_type: str | None, stem: str) -> discord.File:
    suffix = _AUDIO_SUFFIX.get((content_type or "").split(";")[0].strip().lower(), "mp3")
    return discord.File(io.BytesIO(audio), filename=f"{stem}.{suffix}")


def view_of(*items: discord.ui.Item[Any]) -> discord.ui.View:
    # No timeout: the buttons are dispatched by template, and a timeout would leave a timer
    # task per prompt behind.
    view = discord.ui.View(timeout=None)
    for item in items:
        view.add_item(item)
    return view
