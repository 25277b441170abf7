"""The Discord adapter (discord.py): translates commands, clicks, DMs and voice-channel playback
to the core. Each request builds one :class:`adapters.discord.context.DiscordContext`.

May import discord.py, aiohttp and, of the core, only the facade, models, errors, i18n and
settings.
"""

from adapters.discord.runner import build_discord_client, run_discord, sync_commands

__all__ = ["build_discord_client", "run_discord", "sync_commands"]
