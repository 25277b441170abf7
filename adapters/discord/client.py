"""The discord.py client: one-time setup in ``setup_hook`` and voice messages sent in DM."""

from __future__ import annotations

import logging
from typing import Any

import discord

from adapters.discord import rendering, sources, views
from adapters.discord.commands import VoiceCloneTree, build_command_tree
from adapters.discord.identity import member_from_message
from adapters.discord.services import DiscordServices
from adapters.discord.voice_playback import VoicePlayback
from bot.models import CloneOptions

log = logging.getLogger(__name__)


def intents_for(message_content: bool) -> discord.Intents:
    """Default intents are enough: DMs, context-menu targets and slash attachments carry their
    audio. Message content only helps re-fetch a guild message after a restart."""
    intents = discord.Intents.default()
    intents.message_content = message_content
    return intents


class VoiceCloneClient(discord.Client):
    def __init__(self, services: DiscordServices, **options: Any) -> None:
        super().__init__(
            intents=intents_for(services.settings.discord_message_content),
            allowed_mentions=rendering.NO_MENTIONS,
            **options,
        )
        self.services = services
        self.tree: VoiceCloneTree = build_command_tree(self)
        # Voice channel playback (adapters/discord/voice_playback.py).
        self.voice_playback = VoicePlayback(self, services.voicebot)

    async def setup_hook(self) -> None:
        # Runs once per login, never again on reconnects (unlike on_ready): no command sync here,
        # that is `python -m bot sync-commands`.
        await self.services.open()
        self.add_dynamic_items(*views.DYNAMIC_ITEMS)

    async def close(self) -> None:
        try:
            await super().close()
        finally:
            await self.services.close()

    async def on_voice_state_update(
        self, member: discord.Member, before: discord.VoiceState, after: discord.VoiceState
    ) -> None:
        # Voice channel playback: forced disconnects, moves, the last listener leaving.
        await self.voice_playback.on_voice_state_update(member, before, after)

    async def on_message(self, message: discord.Message) -> None:
        # Guild messages are not for us: cloning there is an explicit command or menu.
        if message.guild is not None or message.author.bot:
            return
        if self.user is not None and message.author.id == self.user.id:
            return
        voicebot = self.services.voicebot
        try:
            # Gateway resumes can replay a message: answer it once.
            if not await voicebot.first_delivery(f"discord:message:{message.id}"):
                return
            if not message.attachments:
                await message.channel.send(
                    rendering.DM_HELP, allowed_mentions=rendering.NO_MENTIONS
                )
                return
            attachment = sources.require_audio(sources.pick_audio(message.attachments))
            self.services.attachments.remember(attachment)
            action = await voicebot.ask_consent(
                member_from_message(message),
                sources.message_source_ref(message, attachment),
                CloneOptions(),
            )
            await message.reply(
                rendering.consent_prompt(voicebot),
                view=views.consent_view(action.token),
                mention_author=False,
                allowed_mentions=rendering.NO_MENTIONS,
            )
        except Exception as exc:  # noqa: BLE001 - the adapter's one error handler for messages
            await rendering.show_error_in_channel(voicebot, message.channel, exc)


class ShardedVoiceCloneClient(VoiceCloneClient, discord.AutoShardedClient):
    """The same client over several shards (``shard_count``/``shard_ids`` from settings)."""
