"""Who is asking: the core's :class:`Member` from a Discord interaction or message. Only the
request contexts (adapters/discord/context.py) call these."""

from __future__ import annotations

import discord

from adapters.discord.services import PLATFORM
from bot.models import Member


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
