"""The application command tree: every command, and the one error handler for them."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from adapters.discord import rendering
from adapters.discord.admin_command import settings_command
from adapters.discord.clone_commands import clone_command, clone_this_voice_menu
from adapters.discord.say_command import say_command
from adapters.discord.voice_channel_commands import VOICE_CHANNEL_COMMANDS
from adapters.discord.voice_commands import forget_me_command, voice_group, voices_command


class VoiceCloneTree(app_commands.CommandTree[discord.Client]):
    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        await rendering.show_error(interaction, error)


COMMANDS: tuple[app_commands.Command[Any, ..., Any] | app_commands.Group, ...] = (
    clone_command,
    voices_command,
    voice_group,
    forget_me_command,
    say_command,
    settings_command,
    *VOICE_CHANNEL_COMMANDS,  # voice channel playback
)


def build_command_tree(client: discord.Client) -> VoiceCloneTree:
    tree = VoiceCloneTree(client)
    for command in COMMANDS:
        tree.add_command(command)
    tree.add_command(clone_this_voice_menu)
    return tree
