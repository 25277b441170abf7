"""The Discord adapter (discord.py): translates commands, clicks and DMs to the core."""

from adapters.discord.runner import build_discord_client, run_discord, sync_commands

__all__ = ["build_discord_client", "run_discord", "sync_commands"]
