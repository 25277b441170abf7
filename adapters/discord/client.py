"""The discord.py client: its command tree, one-time setup in ``setup_hook``, and what members
send the bot in DM."""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands

from adapters.discord.admin import settings_command
from adapters.discord.clone import (
    CancelButton,
    ConsentButton,
    clone_command,
    clone_this_voice_menu,
    recording_in_dm,
)
from adapters.discord.command_translator import CatalogueCommandTranslator
from adapters.discord.context import DiscordContext
from adapters.discord.forget import ForgetButton, forget_me_command
from adapters.discord.help import help_command
from adapters.discord.my_data import my_data_command
from adapters.discord.reading import member_moved, read_group, read_message
from adapters.discord.replies import NO_MENTIONS
from adapters.discord.say import say_command
from adapters.discord.services import PLATFORM, DiscordServices
from adapters.discord.voice_channel_commands import VOICE_CHANNEL_COMMANDS
from adapters.discord.voice_playback import VoicePlayback
from adapters.discord.voices import VoiceButton, voice_group, voices_command
from bot.facade import enter_request

log = logging.getLogger(__name__)

COMMANDS: tuple[app_commands.Command[Any, ..., Any] | app_commands.Group, ...] = (
    clone_command,
    voices_command,
    voice_group,
    forget_me_command,
    my_data_command,
    help_command,
    say_command,
    settings_command,
    *VOICE_CHANNEL_COMMANDS,
    read_group,
)
#: Buttons that survive a restart: each ``custom_id`` carries what the click needs (a stored
#: pending token, or a voice id), and the templates are registered in ``setup_hook``.
DYNAMIC_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (
    ConsentButton,
    CancelButton,
    ForgetButton,
    VoiceButton,
)


class VoiceCloneTree(app_commands.CommandTree[discord.Client]):
    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        # Each interaction runs in its own task: from here on, every line logged for it says
        # it came from Discord and which command (never who).
        command = interaction.command.qualified_name if interaction.command else "interaction"
        enter_request(PLATFORM, command)
        return True

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        await DiscordContext.of(interaction).show_error(error)


def build_command_tree(client: discord.Client) -> VoiceCloneTree:
    tree = VoiceCloneTree(client)
    for command in COMMANDS:
        tree.add_command(command)
    tree.add_command(clone_this_voice_menu)
    return tree


def intents_for(message_content: bool) -> discord.Intents:
    """Default intents are enough for cloning: DMs, context-menu targets and slash attachments
    carry their audio. Reading messages aloud (``/read``) needs message content, a privileged
    intent: DISCORD_MESSAGE_CONTENT=true plus the switch in the developer portal."""
    intents = discord.Intents.default()
    intents.message_content = message_content
    return intents


class VoiceCloneClient(discord.Client):
    def __init__(self, services: DiscordServices, **options: Any) -> None:
        super().__init__(
            intents=intents_for(services.settings.discord_message_content),
            allowed_mentions=NO_MENTIONS,
            **options,
        )
        self.services = services
        self.tree: VoiceCloneTree = build_command_tree(self)
        # Voice channel playback (adapters/discord/voice_playback.py).
        self.voice_playback = VoicePlayback(self, services.voicebot)

    async def setup_hook(self) -> None:
        # Runs once per login, never again on reconnects (unlike on_ready): no command sync here,
        # that is `python -m bot sync-commands`.
        await self.tree.set_translator(CatalogueCommandTranslator())
        self.add_dynamic_items(*DYNAMIC_ITEMS)

    async def close(self) -> None:
        try:
            # First, while the gateway may still be written to: discord.py's own close would
            # wait for every voice leave to be confirmed by a gateway nobody reads any more.
            await self.voice_playback.close()
            await super().close()
        finally:
            await self.services.close()

    async def on_voice_state_update(
        self, member: discord.Member, before: discord.VoiceState, after: discord.VoiceState
    ) -> None:
        # Reading aloud: a reader leaving the bot's channel loses what waits of theirs.
        await member_moved(self, member, before, after)
        # Voice channel playback: forced disconnects, moves, the last listener leaving.
        await self.voice_playback.on_voice_state_update(member, before, after)

    async def on_message(self, message: discord.Message) -> None:
        # Guild messages are read aloud for members who asked (/read on); cloning there is an
        # explicit command or menu. Edits arrive as on_message_edit: never read.
        if message.guild is not None:
            await read_message(self, message)
            return
        if message.author.bot:
            return
        if self.user is not None and message.author.id == self.user.id:
            return
        await recording_in_dm(self, message)


class ShardedVoiceCloneClient(VoiceCloneClient, discord.AutoShardedClient):
    """The same client over several shards (``shard_count``/``shard_ids`` from settings)."""
