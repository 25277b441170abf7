"""Building, running and syncing the Discord client (called from ``python -m bot``)."""

from __future__ import annotations

import logging

import discord

from adapters.discord.client import (
    ShardedVoiceCloneClient,
    VoiceCloneClient,
    build_command_tree,
)
from adapters.discord.command_translator import CatalogueCommandTranslator
from adapters.discord.services import DiscordServices
from bot.app.settings import Settings
from bot.errors import ConfigurationError
from bot.facade import VoiceBot

log = logging.getLogger(__name__)


def _token(settings: Settings) -> str:
    if settings.discord_token is None or not settings.discord_token.get_secret_value().strip():
        raise ConfigurationError("DISCORD_TOKEN is not set: set it in .env or the environment")
    return settings.discord_token.get_secret_value()


def build_discord_client(voicebot: VoiceBot, settings: Settings) -> discord.Client:
    """The bot's client; sharded (several shards in this process, or a slice of them when
    ``DISCORD_SHARD_IDS`` is set) when ``DISCORD_SHARD_COUNT`` is set."""
    services = DiscordServices(voicebot, settings)
    if settings.discord_shard_count is not None:
        return ShardedVoiceCloneClient(
            services, shard_count=settings.discord_shard_count, shard_ids=settings.shard_ids
        )
    return VoiceCloneClient(services)


async def run_discord(voicebot: VoiceBot, settings: Settings) -> None:
    """Connect and serve until cancelled; the client is closed on the way out. The caller owns
    ``voicebot`` (starts and closes it)."""
    token = _token(settings)
    client = build_discord_client(voicebot, settings)
    log.info(
        "starting Discord (shards: %s of %s)",
        settings.shard_ids or "all",
        settings.discord_shard_count or "auto",
    )
    try:
        async with client:
            await client.start(token)
    except discord.LoginFailure:
        raise ConfigurationError(
            "Discord refused DISCORD_TOKEN: reset it on the Bot page"
        ) from None
    except discord.PrivilegedIntentsRequired:
        raise ConfigurationError(
            "DISCORD_MESSAGE_CONTENT=true needs the Message Content intent switched on in the "
            "Developer Portal (Bot page), or set it to false"
        ) from None
    finally:
        if not client.is_closed():
            await client.close()
        log.info("Discord client closed")


async def sync_commands(settings: Settings, guild_id: int | None) -> int:
    """Register the commands with Discord over REST (no gateway): globally, or to one guild
    (instant, for testing). Returns how many commands Discord now has there."""
    token = _token(settings)
    client = discord.Client(intents=discord.Intents.default())
    tree = build_command_tree(client)
    await tree.set_translator(CatalogueCommandTranslator())
    async with client:
        await client.login(token)
        if guild_id is None:
            synced = await tree.sync()
        else:
            guild = discord.Object(id=guild_id)
            tree.copy_global_to(guild=guild)
            synced = await tree.sync(guild=guild)
    log.info(
        "synced %d commands %s", len(synced), f"to guild {guild_id}" if guild_id else "globally"
    )
    return len(synced)
